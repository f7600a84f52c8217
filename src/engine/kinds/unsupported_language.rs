//! `unsupported-language`: the draft is written in a language tact has no rules for.

use super::KindDef;
use crate::engine::{Check, Context, Finding};

pub const KIND: KindDef = KindDef {
    name: "unsupported-language",
    params: &[],
    build: |_| Ok(Box::new(UnsupportedLanguage)),
};

struct UnsupportedLanguage;

impl Check for UnsupportedLanguage {
    fn check(&self, cx: &Context<'_, '_>, out: &mut Vec<Finding>) {
        let Some(code) = cx.unchecked_lang else {
            return;
        };
        let text = cx.doc.text;
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        out.push(
            Finding::at(start..end)
                .var("code", code)
                .var("language", crate::lang::language_name(code).unwrap_or(code)),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::{identify, Detected};

    #[test]
    fn drafts_in_other_languages_are_recognised_and_checked_ones_are_not() {
        assert_eq!(
            identify("Hola, gracias por escribirnos. Su pedido ya salió del almacén y llegará el jueves."),
            Detected::Other("es")
        );
        assert!(matches!(
            identify("Merci pour votre message, votre commande arrive jeudi."),
            Detected::Checked(_)
        ));
        assert!(matches!(
            identify("Gracias! Your order ships today."),
            Detected::Checked(_)
        ));
    }
}

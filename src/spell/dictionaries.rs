//! The embedded Hunspell dictionaries, parsed the first time a draft in their language needs them and shared by
//! every thread after that.

use std::sync::OnceLock;

use spellbook::Dictionary;

use crate::model::Lang;

const EN_AFF: &str = include_str!("../../dictionaries/en_US/en_US.aff");
const EN_DIC: &str = include_str!("../../dictionaries/en_US/en_US.dic");
const FR_AFF: &str = include_str!("../../dictionaries/fr/fr.aff");
const FR_DIC: &str = include_str!("../../dictionaries/fr/fr.dic");

/// The dictionary of `lang`; `None` only if an embedded dictionary failed to parse, which the tests rule out.
pub fn dictionary(lang: Lang) -> Option<&'static Dictionary> {
    static EN: OnceLock<Option<Dictionary>> = OnceLock::new();
    static FR: OnceLock<Option<Dictionary>> = OnceLock::new();
    match lang {
        Lang::En => EN.get_or_init(|| Dictionary::new(EN_AFF, EN_DIC).ok()).as_ref(),
        Lang::Fr => FR.get_or_init(|| Dictionary::new(FR_AFF, FR_DIC).ok()).as_ref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_dictionaries_parse_and_check() {
        let en = dictionary(Lang::En).expect("en_US parses");
        assert!(en.check("receive") && !en.check("recieve"));
        let fr = dictionary(Lang::Fr).expect("fr parses");
        assert!(fr.check("commande") && fr.check("l'adresse") && !fr.check("comande"));
    }
}

//! The embedded Hunspell dictionaries, parsed the first time a draft in their language needs them and shared by
//! every thread after that.

use std::sync::OnceLock;

/// A fixed hash seed: spellbook's default seed is random per process, which made suggestion order (and so the
/// unsafe fixes) vary from one run to the next.
pub type Dictionary = spellbook::Dictionary<foldhash::fast::FixedState>;

fn parse(aff: &str, dic: &str) -> Option<Dictionary> {
    Dictionary::new_with_hasher(aff, dic, foldhash::fast::FixedState::with_seed(0x7AC7)).ok()
}

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
        Lang::En => EN.get_or_init(|| parse(EN_AFF, EN_DIC)).as_ref(),
        Lang::Fr => FR.get_or_init(|| parse(FR_AFF, FR_DIC)).as_ref(),
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

//! Categories a rule pack declares (`[[category]]`): a team's own kinds of finding (`brand`, `legal`), selectable
//! like the built-in ones, with a description, a score weight, and optionally off until selected by name.

use serde::Deserialize;

use super::loader::{parse_pack, table_spec, RuleError};
use crate::model::{is_category_id, Category, DeclaredCategory};

#[derive(Clone, Debug, PartialEq)]
pub struct CategoryDef {
    pub id: Category,
    pub description: String,
    /// Multiplies the weight of every rule of the category in the score.
    pub weight: f32,
    /// Its rules run only when a selector names the category or the rule (`--extend-select brand`): a pack of
    /// checks a team turns on, such as the built-in `support-qa`.
    pub opt_in: bool,
    /// The file that declared it.
    pub origin: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategorySpec {
    id: String,
    description: Option<String>,
    weight: Option<f32>,
    #[serde(default)]
    opt_in: bool,
}

#[derive(Deserialize)]
struct RawCategories {
    #[serde(default)]
    category: Vec<toml::Spanned<toml::Table>>,
}

/// The `[[category]]` tables of one pack.
pub fn load_categories(origin: &str, text: &str) -> Result<Vec<CategoryDef>, RuleError> {
    if !text.contains("[[category]]") {
        return Ok(Vec::new());
    }
    let raw: RawCategories = parse_pack(origin, text)?;
    let mut categories: Vec<CategoryDef> = Vec::new();
    for table in raw.category {
        let (at, spec): (usize, CategorySpec) = table_spec(origin, text, "category", table)?;
        let fail =
            |message: String| RuleError::at(origin, text, at, None, format!("category `{}`: {message}", spec.id));
        if !is_category_id(&spec.id) {
            return Err(fail(
                "a category id is lower-case letters, digits and dashes, starting with a letter".into(),
            ));
        }
        if Category::builtin(&spec.id).is_some() {
            return Err(fail("a built-in category cannot be declared again".into()));
        }
        let Some(id) = DeclaredCategory::intern(&spec.id).map(Category::Declared) else {
            return Err(fail("not a valid category id".into()));
        };
        if categories.iter().any(|c| c.id == id) {
            return Err(fail("declared twice in this file".into()));
        }
        let weight = spec.weight.unwrap_or(1.0);
        if !(0.0..=10.0).contains(&weight) {
            return Err(fail("`weight` must be between 0 and 10".into()));
        }
        categories.push(CategoryDef {
            id,
            description: spec.description.unwrap_or_default().trim().to_string(),
            weight,
            opt_in: spec.opt_in,
            origin: origin.to_string(),
        });
    }
    Ok(categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_load_from_pack_tables() {
        let pack = "[[category]]\nid = \"brand\"\ndescription = \"How we write our name.\"\nweight = 2.0\n";
        let categories = load_categories("team/brand.toml", pack).unwrap();
        assert_eq!(categories.len(), 1);
        assert_eq!(categories[0].id.as_str(), "brand");
        assert_eq!(categories[0].weight, 2.0);
        assert!(!categories[0].opt_in);
        assert_eq!("brand".parse::<Category>(), Ok(categories[0].id));
    }

    #[test]
    fn bad_categories_name_the_file_and_line() {
        let err = load_categories("c.toml", "\n[[category]]\nid = \"tone\"\n").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("c.toml", 2));
        assert!(err.message.contains("built-in"), "{}", err.message);
        let err = load_categories("c.toml", "[[category]]\nid = \"Brand\"\n").unwrap_err();
        assert!(err.message.contains("lower-case"), "{}", err.message);
        let err = load_categories("c.toml", "[[category]]\nid = \"brand\"\nweigth = 2\n").unwrap_err();
        assert!(err.message.contains("weigth"), "{}", err.message);
        let err = load_categories("c.toml", "[[category]]\nid = \"x\"\n[[category]]\nid = \"x\"\n").unwrap_err();
        assert!(err.message.contains("twice"), "{}", err.message);
    }
}

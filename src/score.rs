//! From diagnostics to a score out of 100. Kept apart from the rules: rules find, this weighs.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{Category, Severity};

/// Points one diagnostic of weight 1 costs.
pub fn penalty(severity: Severity) -> f32 {
    match severity {
        Severity::Error => 30.0,
        Severity::Warning => 12.0,
        Severity::Info => 3.0,
    }
}

/// The most one category can take off, so that one noisy category cannot hide the others.
pub const CATEGORY_CAP: f32 = 45.0;

pub fn score<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> u8 {
    let mut per_category: HashMap<Category, f32> = HashMap::new();
    for d in diagnostics {
        *per_category.entry(d.category).or_default() += penalty(d.severity) * d.weight;
    }
    let lost: f32 = per_category.values().map(|p| p.min(CATEGORY_CAP)).sum();
    (100.0 - lost).round().clamp(0.0, 100.0) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn diag(category: Category, severity: Severity) -> Diagnostic {
        Diagnostic {
            rule: Arc::from("x.y"),
            category,
            severity,
            weight: 1.0,
            message: String::new(),
            help: Arc::from(""),
            span: 0..0,
            suggestions: vec![],
            fix: None,
        }
    }

    #[test]
    fn clean_is_100_and_categories_are_capped() {
        assert_eq!(score(&[]), 100);
        assert_eq!(score(&[diag(Category::Tone, Severity::Warning)]), 88);
        let many = vec![diag(Category::Spelling, Severity::Warning); 20];
        assert_eq!(score(&many), 55);
        let mut mixed = many.clone();
        mixed.push(diag(Category::Privacy, Severity::Error));
        assert_eq!(score(&mixed), 25);
        let everything: Vec<_> = Category::ALL.iter().map(|c| diag(*c, Severity::Error)).collect();
        assert_eq!(score(&everything), 0);
    }
}

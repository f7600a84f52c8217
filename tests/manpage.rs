//! The man pages in `docs/` (`tact.1`, and `tact-check.1` and so on, which `tact.1` refers to) are generated from
//! the clap definitions and checked in, like a static table: when the command line changes this test rewrites them
//! and fails, so that the new pages get reviewed and committed. No build script, nothing generated at install.

use std::path::Path;

use clap::CommandFactory;

fn render(command: clap::Command, pages: &mut Vec<(String, Vec<u8>)>) {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        render(sub.clone(), pages);
    }
    let man = clap_mangen::Man::new(command).manual("tact manual");
    let mut page = Vec::new();
    man.render(&mut page).unwrap();
    pages.push((man.get_filename(), page));
}

#[test]
fn man_pages_are_current() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    // As `clap_mangen::generate_to` does: built, so that subcommands are named `tact-check` and so on.
    let mut command = tact::cli::Cli::command().disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    render(command, &mut pages);

    let mut changed = Vec::new();
    for (name, page) in &pages {
        let path = docs.join(name);
        if std::fs::read(&path).ok().as_deref() != Some(page.as_slice()) {
            std::fs::write(&path, page).unwrap();
            changed.push(name.clone());
        }
    }
    for entry in std::fs::read_dir(&docs).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("tact") && name.ends_with(".1") && !pages.iter().any(|(n, _)| *n == name) {
            std::fs::remove_file(docs.join(&name)).unwrap();
            changed.push(format!("{name} (removed)"));
        }
    }
    assert!(
        changed.is_empty(),
        "stale man pages regenerated: {changed:?}; review and commit them, then run the tests again"
    );
}

//! The documentation lists every check, and the README starts with the two commands.

use rootline::check::checks_markdown;
use rootline::diagnostic::Code;

/// docs/checks.md is made from the explanations `rootline explain` prints; with
/// `ROOTLINE_BLESS=1` the test writes it instead of comparing.
#[test]
fn docs_checks_md_is_generated_from_the_explanations() {
    let generated = checks_markdown();
    if std::env::var_os("ROOTLINE_BLESS").is_some() {
        std::fs::write("docs/checks.md", &generated).unwrap();
    }
    let committed = std::fs::read_to_string("docs/checks.md").unwrap();
    assert!(
        committed == generated,
        "docs/checks.md differs from the explanations in src/diagnostic.rs; \
         regenerate it with `ROOTLINE_BLESS=1 cargo test --test docs`"
    );
}

#[test]
fn every_explanation_is_in_docs_checks_md_under_its_code() {
    let docs = std::fs::read_to_string("docs/checks.md").unwrap();
    for code in Code::ALL {
        let section = format!(
            "### {} {}\n\n{}\n",
            code.code(),
            code.name(),
            code.explanation()
        );
        assert!(
            docs.contains(&section),
            "docs/checks.md lacks {}",
            code.code()
        );
    }
}

#[test]
fn every_check_code_is_documented_with_its_name() {
    let docs = std::fs::read_to_string("docs/checks.md").unwrap();
    for code in Code::ALL {
        let row = format!("| {} | {} |", code.code(), code.name());
        assert!(
            docs.contains(&row),
            "docs/checks.md lacks the row for {}",
            code.code()
        );
    }
}

#[test]
fn the_readme_opens_with_the_build_and_test_commands() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let build = readme
        .find("cargo run --release -- build")
        .expect("build command");
    let test = readme.find("cargo test").expect("test command");
    let first_section = readme.find("\n## ").unwrap_or(readme.len());
    assert!(build < first_section && test < first_section);
}

//! The documentation lists every check, and the README starts with the two commands.

use rootline::diagnostic::Code;

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

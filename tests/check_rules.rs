//! One broken fixture per diagnostic code: exit code, the one diagnostic, its exact
//! line, column, message and hint.
//!
//! Each fixture starts with a comment `# expect: CODE LINE:COL [args=FLAGS]` and ends
//! with `# message: TEXT` and `# hint: TEXT` (`(none)` when there is no hint). The
//! single-file ones are written by `tests/fixtures/generate_broken.py` from string
//! positions, not from rootline. `tests/fixtures/broken/` holds exactly one per code;
//! `tests/fixtures/broken-variants/` holds second forms of a rule.

use assert_cmd::Command;
use rootline::diagnostic::{Code, Level};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const BROKEN: &str = "tests/fixtures/broken";
const VARIANTS: &str = "tests/fixtures/broken-variants";

/// Codes whose mistake takes more than one file, each with the folder that shows it
/// and the file that carries the expectation (where the diagnostic points).
const FOLDER_FIXTURES: &[(&str, &str, &str)] = &[
    (
        "E0010",
        "tests/fixtures/duplicate",
        "tests/fixtures/duplicate/b/2024-03-01-checkout.yaml",
    ),
    // The mistake is in the settings the valid incidents are checked with.
    (
        "E0040",
        "tests/fixtures/valid",
        "tests/fixtures/config/e0040-invalid-config.toml",
    ),
];

/// What one fixture must make `check` print, read from its comments.
struct Expectation {
    code: String,
    line: u64,
    column: u64,
    message: String,
    hint: Option<String>,
    args: Vec<String>,
}

/// A fixture: what `check` is run on, and the file the diagnostic must name.
struct Fixture {
    run_on: PathBuf,
    file: PathBuf,
}

impl Fixture {
    fn single(file: PathBuf) -> Fixture {
        Fixture {
            run_on: file.clone(),
            file,
        }
    }
}

fn footer(text: &str, key: &str, file: &Path) -> String {
    let prefix = format!("# {key}: ");
    text.lines()
        .rev()
        .find_map(|l| l.strip_prefix(prefix.as_str()))
        .unwrap_or_else(|| panic!("{}: no `{prefix}` line", file.display()))
        .to_string()
}

fn expectation(file: &Path) -> Expectation {
    let text = std::fs::read_to_string(file).unwrap();
    let header = text
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("# expect: "))
        .unwrap_or_else(|| panic!("{}: line 1 is not `# expect: …`", file.display()));
    let (code, rest) = header.split_once(' ').unwrap();
    let (position, args) = rest.split_once(" args=").unwrap_or((rest, ""));
    let (line, column) = position.split_once(':').unwrap();
    let hint = footer(&text, "hint", file);
    Expectation {
        code: code.to_string(),
        line: line.parse().unwrap(),
        column: column.parse().unwrap(),
        message: footer(&text, "message", file),
        hint: (hint != "(none)").then_some(hint),
        args: args.split_whitespace().map(String::from).collect(),
    }
}

fn check_json(path: &Path, extra: &[String]) -> (i32, Vec<Value>) {
    let output = Command::cargo_bin("rootline")
        .unwrap()
        .args([
            "check",
            "--format",
            "json",
            "--deny-warnings",
            "--as-of",
            "2026-11-28",
        ])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    let diagnostics: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            path.display(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (
        output.status.code().unwrap(),
        diagnostics.as_array().unwrap().clone(),
    )
}

fn yaml_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn code_named(code: &str) -> Option<Code> {
    Code::ALL.iter().copied().find(|c| c.code() == code)
}

/// Every fixture of `tests/fixtures/broken/` and the folder fixtures, by the code
/// their expectation claims; a file whose name does not start with its code is a problem.
fn fixtures_by_code(problems: &mut Vec<String>) -> BTreeMap<String, Vec<Fixture>> {
    let mut by_code: BTreeMap<String, Vec<Fixture>> = BTreeMap::new();
    for file in yaml_files(BROKEN) {
        let code = expectation(&file).code;
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with(&format!("{}-", code.to_lowercase())) {
            problems.push(format!(
                "{name}: claims {code}, so its name must start with it"
            ));
        }
        by_code.entry(code).or_default().push(Fixture::single(file));
    }
    for (code, folder, file) in FOLDER_FIXTURES {
        let claimed = expectation(Path::new(file)).code;
        assert_eq!(&claimed, code, "{file} claims {claimed}");
        by_code.entry(claimed).or_default().push(Fixture {
            run_on: PathBuf::from(folder),
            file: PathBuf::from(file),
        });
    }
    by_code
}

#[test]
fn every_code_has_exactly_one_broken_fixture_and_every_fixture_a_code() {
    let mut problems = Vec::new();
    let by_code = fixtures_by_code(&mut problems);
    for code in Code::ALL {
        match by_code.get(code.code()).map(Vec::len) {
            None => problems.push(format!("{code} ({}) has no fixture", code.name())),
            Some(1) => {}
            Some(n) => problems.push(format!("{code} is claimed by {n} fixtures")),
        }
    }
    for code in by_code.keys() {
        if code_named(code).is_none() {
            problems.push(format!("a fixture claims {code}, which is no code"));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// What is wrong with the diagnostics `check` gives for `fixture`, if anything.
fn mismatch(fixture: &Fixture) -> Option<String> {
    let want = expectation(&fixture.file);
    let Some(code) = code_named(&want.code) else {
        return Some(format!(
            "{}: {} is no code",
            fixture.file.display(),
            want.code
        ));
    };
    let severity = match code.level() {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    let expected = vec![json!({
        "severity": severity,
        "code": want.code,
        "name": code.name(),
        "message": want.message,
        "file": fixture.file.display().to_string(),
        "line": want.line,
        "column": want.column,
        "hint": want.hint,
    })];
    let (exit, diagnostics) = check_json(&fixture.run_on, &want.args);
    if exit == 1 && diagnostics == expected {
        return None;
    }
    Some(format!(
        "{}: exit {exit} (want 1)\n  want {}\n  got  {}",
        fixture.run_on.display(),
        serde_json::to_string(&expected).unwrap(),
        serde_json::to_string(&diagnostics).unwrap()
    ))
}

#[test]
fn every_broken_fixture_reports_exactly_its_one_diagnostic() {
    let mut problems = Vec::new();
    let by_code = fixtures_by_code(&mut problems);
    let failures: Vec<String> = by_code.values().flatten().filter_map(mismatch).collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_variant_reports_exactly_its_one_diagnostic_of_a_covered_code() {
    let mut problems = Vec::new();
    let by_code = fixtures_by_code(&mut problems);
    let variants = yaml_files(VARIANTS);
    assert!(!variants.is_empty(), "{VARIANTS} is empty");
    for file in variants {
        let code = expectation(&file).code;
        if !by_code.contains_key(&code) {
            problems.push(format!(
                "{}: {code} has no fixture in {BROKEN}",
                file.display()
            ));
        }
        problems.extend(mismatch(&Fixture::single(file)));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn the_valid_base_of_the_fixtures_is_clean() {
    let (code, diagnostics) = check_json(Path::new("tests/fixtures/valid"), &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert!(diagnostics.is_empty());
}

const ACCEPTED: &str = "tests/fixtures/accepted/2024-03-01-checkout-errors.yaml";

#[test]
fn an_accepted_warning_is_listed_as_accepted_and_fails_no_check() {
    let (exit, diagnostics) = check_json(Path::new(ACCEPTED), &[]);
    assert_eq!(exit, 0, "{diagnostics:?}");
    let expected = vec![json!({
        "severity": "warning",
        "code": "W0003",
        "name": "unknown-metric",
        "message": "time_to_resolve is unknown: no event has kind 'resolution'",
        "file": ACCEPTED,
        "line": 12,
        "column": 1,
        "hint": null,
        "accepted": true,
    })];
    assert_eq!(diagnostics, expected);
}

#[test]
fn an_accepted_warning_is_counted_not_printed() {
    let output = Command::cargo_bin("rootline")
        .unwrap()
        .args(["check", "--deny-warnings", "--color", "never", ACCEPTED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr, "checked 1 incident: ok, 1 warning accepted\n");
}

#[test]
fn a_warning_the_incident_does_not_accept_still_fails_deny_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ACCEPTED).unwrap();
    let other = text.replace("allow: [unknown-metric]", "allow: [W0006]");
    let file = dir.path().join("2024-03-01-checkout-errors.yaml");
    std::fs::write(&file, other).unwrap();
    let (exit, diagnostics) = check_json(&file, &[]);
    assert_eq!(exit, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0]["code"], "W0003");
    assert_eq!(diagnostics[0].get("accepted"), None);
}

#[test]
fn the_page_says_nothing_of_accepted_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ACCEPTED).unwrap();
    let file = dir.path().join("2024-03-01-checkout-errors.yaml");
    std::fs::write(&file, text.replace("allow: [unknown-metric]\n", "")).unwrap();
    let render = |path: &Path| {
        let output = Command::cargo_bin("rootline")
            .unwrap()
            .args(["render", "--format", "md"])
            .arg(path)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        output.stdout
    };
    assert_eq!(render(Path::new(ACCEPTED)), render(&file));
}

#[test]
fn an_accepted_warning_is_no_github_annotation() {
    let output = Command::cargo_bin("rootline")
        .unwrap()
        .args(["check", "--format", "github", "--deny-warnings", ACCEPTED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "");
}

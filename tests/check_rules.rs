//! One broken file per rule: exit code, exact line and column, and the hint.
//!
//! Each fixture in `tests/fixtures/broken/` starts with a comment
//! `# expect: CODE LINE:COL [hint=TEXT] [args=FLAGS]`, written by
//! `tests/fixtures/generate_broken.py` from string positions, not from rootline.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

struct Expectation {
    code: String,
    line: u64,
    column: u64,
    hint: Option<String>,
    args: Vec<String>,
}

fn expectation(path: &Path) -> Expectation {
    let text = std::fs::read_to_string(path).unwrap();
    let header = text
        .lines()
        .next()
        .unwrap()
        .trim_start_matches("# expect: ");
    let (code, rest) = header.split_once(' ').unwrap();
    let (position, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let (line, column) = position.split_once(':').unwrap();
    let (hint_part, args_part) = match rest.split_once("args=") {
        Some((h, a)) => (h, a),
        None => (rest, ""),
    };
    let hint = hint_part
        .trim()
        .strip_prefix("hint=")
        .map(|h| h.trim().to_string());
    Expectation {
        code: code.to_string(),
        line: line.parse().unwrap(),
        column: column.parse().unwrap(),
        hint,
        args: args_part.split_whitespace().map(String::from).collect(),
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

#[test]
fn every_broken_fixture_reports_its_rule_at_the_exact_place() {
    let mut fixtures: Vec<_> = std::fs::read_dir("tests/fixtures/broken")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 25, "the broken corpus shrank");
    let mut failures = Vec::new();
    for path in &fixtures {
        let want = expectation(path);
        let (code, diagnostics) = check_json(path, &want.args);
        if code != 1 {
            failures.push(format!("{}: exit code {code}, want 1", path.display()));
        }
        let found = diagnostics.iter().find(|d| {
            d["code"] == want.code.as_str() && d["line"] == want.line && d["column"] == want.column
        });
        match found {
            None => failures.push(format!(
                "{}: no {} at {}:{}; got {}",
                path.display(),
                want.code,
                want.line,
                want.column,
                serde_json::to_string(&diagnostics).unwrap()
            )),
            Some(d) => {
                assert_eq!(d["file"], path.display().to_string());
                if let Some(hint) = &want.hint {
                    let got = d["hint"].as_str().unwrap_or("");
                    if !got.contains(hint.as_str()) {
                        failures.push(format!("{}: hint {got:?} lacks {hint:?}", path.display()));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn the_valid_base_of_the_fixtures_is_clean() {
    let (code, diagnostics) = check_json(Path::new("tests/fixtures/valid"), &[]);
    assert_eq!(code, 0, "{diagnostics:?}");
    assert!(diagnostics.is_empty());
}

#[test]
fn the_same_incident_id_twice_in_a_corpus_is_an_error_on_the_second_file() {
    let (code, diagnostics) = check_json(Path::new("tests/fixtures/duplicate"), &[]);
    assert_eq!(code, 1);
    let duplicate: Vec<_> = diagnostics
        .iter()
        .filter(|d| d["code"] == "E0010")
        .collect();
    assert_eq!(duplicate.len(), 1, "{diagnostics:?}");
    assert!(duplicate[0]["file"]
        .as_str()
        .unwrap()
        .contains("duplicate/b/"));
    assert!(duplicate[0]["message"]
        .as_str()
        .unwrap()
        .contains("duplicate/a/"));
}

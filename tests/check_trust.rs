//! A green `check` a new user can trust: it says what it checked, refuses to check
//! nothing, catches an unfilled `rootline new` file before it is published, and points
//! every diagnostic at `rootline explain`, which explains each code.

mod common;

use common::{rootline, rootline_in, AS_OF};
use serde_json::Value;
use std::path::Path;

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn check_says_how_many_incidents_it_checked_with_plurals_right() {
    let one = rootline(&["check", "--as-of", AS_OF, "tests/fixtures/valid"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
    assert_eq!(stderr(&one), "checked 1 incident: ok\n");

    let warned = rootline(&[
        "check",
        "--as-of",
        AS_OF,
        "tests/fixtures/broken/w0007-no-operator.yaml",
    ]);
    assert_eq!(warned.status.code(), Some(0));
    assert!(
        stderr(&warned).ends_with("\n\nchecked 1 incident: ok, 1 warning\n"),
        "{}",
        stderr(&warned)
    );

    let two = rootline(&[
        "check",
        "--as-of",
        AS_OF,
        "tests/fixtures/valid",
        "tests/fixtures/broken/e0003-dangling-reference.yaml",
    ]);
    assert_eq!(two.status.code(), Some(1));
    assert!(
        stderr(&two).ends_with("\n\nchecked 2 incidents: failed, 1 error\n"),
        "{}",
        stderr(&two)
    );
}

#[test]
fn a_folder_without_incident_files_is_an_error_not_a_green_check() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("incidents")).unwrap();
    std::fs::write(dir.path().join("incidents/notes.txt"), "not an incident").unwrap();
    let human = rootline_in(dir.path(), &["check"]);
    assert_eq!(human.status.code(), Some(1));
    assert_eq!(
        stderr(&human),
        "error: no incident files in incidents (incidents are *.yaml, *.yml or <id>/incident.yaml)\n"
    );
    let json = rootline_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&json.stdout), "[]\n");
}

/// The `(line, code)` of every diagnostic `check --format json` gives for `dir`.
fn diagnostics(dir: &Path) -> (i32, Vec<(u64, String, String)>) {
    let output = rootline_in(dir, &["check", "--format", "json", "--as-of", AS_OF]);
    let all: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = all
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["line"].as_u64().unwrap(),
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (output.status.code().unwrap(), found)
}

/// A fresh `rootline new` file with its status set to `status`.
fn new_incident_with_status(dir: &Path, status: &str) -> String {
    let made = rootline_in(dir, &["new", "2024-03-01-checkout-errors"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let file = dir.join("incidents/2024-03-01-checkout-errors.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    let set = text.replacen("status: draft   ", &format!("status: {status:<9}"), 1);
    assert_ne!(set, text, "the scaffold has a status line");
    std::fs::write(&file, &set).unwrap();
    set
}

fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    text[..at].matches('\n').count() as u64 + 1
}

#[test]
fn an_unfilled_new_incident_cannot_be_published_and_warns_in_review() {
    let dir = tempfile::tempdir().unwrap();
    let text = new_incident_with_status(dir.path(), "published");
    let (exit, found) = diagnostics(dir.path());
    assert_eq!(exit, 1);
    let placeholders: Vec<_> = found.iter().filter(|(_, c, _)| c == "E0023").collect();
    // Title, summary, impact, operator, seven events, the cause and the action item.
    assert_eq!(placeholders.len(), 13, "{found:?}");
    let title_line = line_of(&text, "title: \"What happened, in one line\"");
    assert_eq!(
        placeholders[0],
        &(
            title_line,
            "E0023".to_string(),
            "title is still the placeholder 'What happened, in one line'".to_string()
        )
    );
    assert!(placeholders
        .iter()
        .any(|(line, _, _)| *line == line_of(&text, "title: Fixed for good")));

    let dir = tempfile::tempdir().unwrap();
    new_incident_with_status(dir.path(), "review");
    let (exit, found) = diagnostics(dir.path());
    assert_eq!(exit, 0, "warnings only");
    assert_eq!(found.iter().filter(|(_, c, _)| c == "W0009").count(), 13);
    assert!(found.iter().all(|(_, c, _)| c != "E0023"));
}

#[test]
fn a_draft_may_keep_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    new_incident_with_status(dir.path(), "draft");
    let (exit, found) = diagnostics(dir.path());
    assert_eq!(exit, 0);
    assert!(
        found.iter().all(|(_, c, _)| c != "E0023" && c != "W0009"),
        "{found:?}"
    );
}

#[test]
fn every_diagnostic_points_at_rootline_explain_and_not_at_a_file_users_lack() {
    let output = rootline(&[
        "check",
        "tests/fixtures/broken/e0003-dangling-reference.yaml",
    ]);
    let text = stderr(&output);
    assert!(
        text.contains(
            "= note: `dangling-reference` (E0003): for more, run `rootline explain E0003`"
        ),
        "{text}"
    );
    assert!(!text.contains("docs/checks.md"));
}

#[test]
fn explain_prints_the_explanation_by_code_or_name() {
    let by_code = rootline(&["explain", "e0021"]);
    assert_eq!(by_code.status.code(), Some(0));
    let text = String::from_utf8_lossy(&by_code.stdout).into_owned();
    assert!(text.starts_with(
        "E0021 impact-end-before-start (error): An `impact_end` event is before the first `impact_start`.\n\n"
    ));
    assert!(text.contains("  - {at: 2024-03-01 00:11, kind: impact_end"));
    assert!(text.contains("Fix the date or the time: here `at: 2024-03-02 00:11`."));
    let by_name = rootline(&["explain", "impact-end-before-start"]);
    assert_eq!(by_name.stdout, by_code.stdout);
}

#[test]
fn explain_of_an_unknown_code_fails_with_the_nearest_one() {
    let output = rootline(&["explain", "dangling-refrence"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        "error: no check is called 'dangling-refrence'; did you mean 'dangling-reference'?\n"
    );
}

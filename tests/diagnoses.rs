//! Files with more than one mistake: every mistake is reported in one run, each at its
//! own place, even when the first one stops serde (a misspelled or missing required key).

mod common;

use assert_cmd::Command;
use common::{AS_OF, FIXTURE};
use serde_json::Value;

/// What a user reads of one diagnostic: code, line, column, message and hint.
type Seen = (String, u64, u64, String, Option<String>);

/// `check --format json` on the valid fixture after replacing each `from` (found once) by `to`.
fn check_with(replacements: &[(&str, &str)]) -> (i32, Vec<Seen>) {
    let mut text = std::fs::read_to_string(FIXTURE).unwrap();
    for (from, to) in replacements {
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} once in the fixture"
        );
        text = text.replace(from, to);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024-03-01-checkout-errors.yaml");
    std::fs::write(&path, text).unwrap();
    let output = Command::cargo_bin("rootline")
        .unwrap()
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .arg(&path)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let seen = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
                d["hint"].as_str().map(String::from),
            )
        })
        .collect();
    (output.status.code().unwrap(), seen)
}

fn seen(code: &str, line: u64, column: u64, message: &str, hint: Option<&str>) -> Seen {
    (
        code.to_string(),
        line,
        column,
        message.to_string(),
        hint.map(String::from),
    )
}

#[test]
fn a_misspelled_required_key_and_three_other_errors_are_all_reported_in_one_run() {
    let (exit, diagnostics) = check_with(&[
        ("summary: Checkout", "sumary: Checkout"),
        ("customers: 1200", "customers: 4,200"),
        ("at: 2024-03-01 09:58", "at: 2024-03-01 25:58"),
        ("caused_by: [deploy]", "caused_by: [deploi]"),
    ]);
    assert_eq!(exit, 1);
    assert_eq!(
        diagnostics,
        [
            seen(
                "E0004",
                4,
                1,
                "unknown key 'sumary' in the incident",
                Some("did you mean 'summary'? 'summary' is required and missing"),
            ),
            seen(
                "E0002",
                7,
                14,
                "impact.customers: expected a whole number, found '4,200'",
                Some("write a whole number without separators: 4200"),
            ),
            seen(
                "E0014",
                13,
                9,
                "'2024-03-01 25:58' is not a time: there is no hour 25 (hours are 00 to 23)",
                None,
            ),
            seen(
                "E0003",
                22,
                17,
                "unknown id 'deploi'",
                Some("did you mean 'deploy'?"),
            ),
        ]
    );
}

#[test]
fn a_missing_impact_block_is_reported_at_the_top_level_with_what_it_must_hold() {
    let (exit, diagnostics) = check_with(&[
        (
            "impact:\n  description: Some users could not pay.\n  customers: 1200\n",
            "",
        ),
        ("caused_by: [deploy]", "caused_by: [deploi]"),
    ]);
    assert_eq!(exit, 1);
    let errors: Vec<&Seen> = diagnostics
        .iter()
        .filter(|d| d.0.starts_with('E'))
        .collect();
    assert_eq!(
        errors,
        [
            &seen(
                "E0005",
                1,
                1,
                "missing required key 'impact'",
                Some("add `impact:` with `description:` (it may also have `customers:`, `services:`, `regions:`)"),
            ),
            &seen(
                "E0003",
                19,
                17,
                "unknown id 'deploi'",
                Some("did you mean 'deploy'?"),
            ),
        ]
    );
}

#[test]
fn every_problem_serde_meets_is_reported_not_only_the_first() {
    let (exit, diagnostics) = check_with(&[
        ("severity: SEV2", "severity: critical"),
        (
            "    title: Release 42 deployed",
            "    titel: Release 42 deployed",
        ),
        ("    kind: trigger", "    kind: trigger\n    approx: maybe"),
    ]);
    assert_eq!(exit, 1);
    assert_eq!(
        diagnostics,
        [
            seen(
                "E0006",
                3,
                11,
                "severity: 'critical' is not an allowed value",
                Some("allowed: SEV1, SEV2, SEV3, SEV4, SEV5"),
            ),
            seen(
                "E0002",
                15,
                13,
                "events[0].approx: expected true or false, found 'maybe'",
                Some("write true or false"),
            ),
            seen(
                "E0004",
                16,
                5,
                "unknown key 'titel' in 'events[0]'",
                Some("did you mean 'title'? 'title' is required and missing"),
            ),
        ]
    );
}

#[test]
fn a_repeated_key_is_reported_at_the_repeat_but_not_inside_an_extension_block() {
    let (exit, diagnostics) = check_with(&[
        ("severity: SEV2", "severity: SEV2\nx-notes: {ab: 1, ab: 2}"),
        ("summary: Checkout", "sumary: Checkout"),
        ("    owner: sre", "    owner: sre\n    owner: ops"),
    ]);
    assert_eq!(exit, 1);
    assert_eq!(
        diagnostics,
        [
            seen(
                "E0004",
                5,
                1,
                "unknown key 'sumary' in the incident",
                Some("did you mean 'summary'? 'summary' is required and missing"),
            ),
            seen(
                "E0001",
                43,
                5,
                "key 'owner' appears twice in 'action_items[0]'",
                Some("the first is on line 42; keep one of them"),
            ),
        ]
    );
}

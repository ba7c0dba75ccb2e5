//! Hostile input and failures: every file in tests/hostile/, limits, paths, kills and locks.

mod common;

use assert_cmd::Command;
use common::{assert_nothing_executable, files, rootline, stdout_ok, AS_OF};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Runs `check --format json` with a generous timeout: a hang is a failure, not a slow pass.
fn check(path: &Path, extra: &[&str]) -> (i32, Vec<Value>) {
    let output = Command::cargo_bin("rootline")
        .unwrap()
        .args(["check", "--format", "json", "--as-of", AS_OF])
        .args(extra)
        .arg(path)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Array(vec![]));
    (
        output.status.code().unwrap_or(-1),
        json.as_array().cloned().unwrap_or_default(),
    )
}

fn errors(diagnostics: &[Value]) -> Vec<(String, String)> {
    diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn each_hostile_file_gets_its_exit_code_and_message() {
    /// File, exit code, and the error code and text expected.
    type Case = (&'static str, i32, Option<(&'static str, &'static str)>);
    let cases: [Case; 11] = [
        (
            "billion-laughs.yaml",
            1,
            Some(("E0002", "tags[0]: expected text, found a list")),
        ),
        ("billion-laughs-extension.yaml", 0, None),
        (
            "deep-nesting.yaml",
            1,
            Some(("E0019", "nested more than 64 levels")),
        ),
        ("odd-but-valid.yaml", 0, None),
        ("invalid-utf8.yaml", 1, Some(("E0001", "not UTF-8"))),
        ("empty.yaml", 1, Some(("E0001", "the file is empty"))),
        ("a-list.yaml", 1, Some(("E0002", "must be a mapping"))),
        ("a-scalar.yaml", 1, Some(("E0002", "must be a mapping"))),
        (
            "path-traversal.yaml",
            1,
            Some(("E0008", "../../../etc/passwd")),
        ),
        (
            "sneaky-ids.yaml",
            1,
            Some(("E0007", "'../deploy' is not a valid id")),
        ),
        ("2024-06-01-hostile.yaml", 0, None),
    ];
    for (file, code, expected) in cases {
        let path = Path::new("tests/hostile").join(file);
        let (exit, diagnostics) = check(&path, &[]);
        assert_eq!(exit, code, "{file}: {diagnostics:?}");
        if let Some((want_code, want_text)) = expected {
            assert!(
                errors(&diagnostics)
                    .iter()
                    .any(|(c, m)| c == want_code && m.contains(want_text)),
                "{file}: no {want_code} saying {want_text:?} in {diagnostics:?}"
            );
            for d in &diagnostics {
                assert_eq!(
                    d["file"],
                    path.display().to_string(),
                    "every message names the file"
                );
            }
        }
    }
}

#[test]
fn limits_have_flags_and_clear_errors() {
    let o2 = Path::new("incidents/2018-12-06-o2-data-outage.yaml");
    let (exit, d) = check(o2, &["--max-file-size", "1000"]);
    assert_eq!(exit, 1);
    assert!(errors(&d).iter().any(|(c, m)| c == "E0019"
        && m.contains("over the limit of 1000")
        && m.contains("--max-file-size")));
    let (exit, d) = check(o2, &["--max-nodes", "10"]);
    assert_eq!(exit, 1);
    assert!(errors(&d)
        .iter()
        .any(|(c, m)| c == "E0019" && m.contains("over the limit of 10")));
    let (exit, d) = check(o2, &["--max-edges", "3"]);
    assert_eq!(exit, 1);
    assert!(errors(&d).iter().any(|(c, _)| c == "E0019"));
    let (exit, _) = check(
        Path::new("tests/hostile/deep-nesting.yaml"),
        &["--max-depth", "30000"],
    );
    assert_ne!(
        exit, 1,
        "raising --max-depth lets the deep file through to the YAML reader's own limits"
    );
}

#[test]
fn odd_but_valid_text_survives_into_the_page() {
    let html = stdout_ok(&rootline(&[
        "render",
        "tests/hostile/odd-but-valid.yaml",
        "--as-of",
        AS_OF,
    ]));
    assert!(html.contains("Checkout 💥 errors\tעברית والعربية"));
    assert!(html.contains("Emoji 🚨🔥 and RTL: שלום"));
    assert_nothing_executable(&html, "odd page", 1);
}

fn long_chain(n: usize) -> String {
    let mut text = String::from("title: A very long chain\nstatus: published\nseverity: SEV4\nsummary: Many steps.\nimpact: {description: d, customers: 1}\nparties: [{id: us, name: Us, role: operator}]\nevents:\n");
    for i in 0..n {
        let kind = if i == n - 1 { "impact_start" } else { "note" };
        let caused_by = if i > 0 {
            format!(", caused_by: [e{}]", i - 1)
        } else {
            String::new()
        };
        text.push_str(&format!("  - {{id: e{i}, at: 2024-01-01T00:00:00Z, kind: {kind}, title: step {i}{caused_by}}}\n"));
    }
    text
}

#[test]
fn a_60000_event_chain_checks_and_renders_without_overflowing_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long-chain.yaml");
    std::fs::write(&file, long_chain(60_000)).unwrap();
    let (exit, diagnostics) = check(&file, &[]);
    assert_eq!(exit, 0, "{diagnostics:?}");
    let out = Command::cargo_bin("rootline")
        .unwrap()
        .args([
            "render",
            file.to_str().unwrap(),
            "--format",
            "html",
            "--as-of",
            AS_OF,
        ])
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(
        html.contains("too many to draw"),
        "the pictures step aside, the tables stay"
    );
    assert!(html.contains("step 59999"));
}

#[test]
fn files_copied_from_an_incident_folder_never_follow_links_out_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("incidents/2024-03-01-checkout-errors");
    std::fs::create_dir_all(folder.join("img")).unwrap();
    std::fs::copy(
        "tests/fixtures/valid/2024-03-01-checkout-errors.yaml",
        folder.join("incident.yaml"),
    )
    .unwrap();
    std::fs::write(folder.join("img/dashboard.png"), b"not really a png").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", folder.join("secret")).unwrap();
    std::os::unix::fs::symlink("/etc", folder.join("img/etc")).unwrap();
    let out = dir.path().join("site");
    stdout_ok(&rootline(&[
        "build",
        "--incidents",
        dir.path().join("incidents").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-q",
    ]));
    let page = out.join("incidents/2024-03-01-checkout-errors");
    assert!(
        page.join("img/dashboard.png").is_file(),
        "ordinary files are copied"
    );
    assert!(
        !page.join("secret").exists(),
        "a link to a file outside is not followed"
    );
    assert!(
        !page.join("img/etc").exists(),
        "a link to a folder outside is not followed"
    );
    assert!(
        !page.join("incident.yaml").exists(),
        "the source itself is not published"
    );
}

fn corpus_with_copies(dir: &Path, copies: usize) -> PathBuf {
    let incidents = dir.join("incidents");
    std::fs::create_dir_all(&incidents).unwrap();
    for entry in std::fs::read_dir("incidents").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, incidents.join(path.file_name().unwrap())).unwrap();
    }
    let o2 = std::fs::read_to_string("incidents/2018-12-06-o2-data-outage.yaml").unwrap();
    for i in 0..copies {
        std::fs::write(incidents.join(format!("2020-01-01-copy-{i:04}.yaml")), &o2).unwrap();
    }
    incidents
}

#[test]
fn a_build_killed_midway_leaves_a_whole_site_and_the_next_build_cleans_up() {
    let dir = tempfile::tempdir().unwrap();
    let small = corpus_with_copies(&dir.path().join("small"), 0);
    let out = dir.path().join("site");
    let build = |incidents: &Path| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("rootline"))
            .args([
                "build",
                "--incidents",
                incidents.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--as-of",
                AS_OF,
                "-q",
            ])
            .spawn()
            .unwrap()
    };
    assert!(build(&small).wait().unwrap().success());
    let old = files(&out);
    let large = corpus_with_copies(&dir.path().join("large"), 400);
    let mut child = build(&large);
    std::thread::sleep(Duration::from_millis(300));
    let _ = child.kill(); // SIGKILL: no destructor, no cleanup runs.
    let _ = child.wait();
    let now = files(&out);
    let complete_new = now
        .iter()
        .filter(|(p, _)| p.ends_with("index.html") && p.starts_with("incidents"))
        .count()
        == 405;
    assert!(
        now == old || complete_new,
        "after a kill the site is the old one or the new one, never a mix"
    );
    assert!(build(&large).wait().unwrap().success());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("rootline-tmp") || n.contains("rootline-old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_build_into_the_same_folder_waits_its_turn_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let lock = std::fs::File::create(dir.path().join(".site.rootline.lock")).unwrap();
    lock.lock().unwrap(); // As a running build holds it.
    let blocked = rootline(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-q",
    ]);
    assert_eq!(blocked.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&blocked.stderr).contains("another rootline build"));
    assert!(!out.exists());
    lock.unlock().unwrap();
    stdout_ok(&rootline(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "-q",
    ]));
}

/// Diagnostics of the fixture after replacing `from` with `to` (each must occur once).
fn check_fixture_with(replacements: &[(&str, &str)]) -> Vec<Value> {
    let mut text = std::fs::read_to_string(common::FIXTURE).unwrap();
    for (from, to) in replacements {
        assert_eq!(text.matches(from).count(), 1, "{from} once in the fixture");
        text = text.replace(from, to);
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024-03-01-checkout-errors.yaml");
    std::fs::write(&path, text).unwrap();
    let (exit, diagnostics) = check(&path, &[]);
    assert_eq!(exit, 1, "{diagnostics:?}");
    diagnostics
}

#[test]
fn values_that_quote_serdes_own_wording_are_not_taken_for_it() {
    let d = check_fixture_with(&[("customers: 1200", "customers: \"missing field `title`\"")]);
    let errors = errors(&d);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "E0002", "a type mismatch, not a missing key");
    assert_eq!(
        errors[0].1, "impact.customers: expected a whole number, found 'missing field `title`'",
        "{errors:?}"
    );

    let d = check_fixture_with(&[("severity: SEV2", "severity: \"sev`2`, expected `x\"")]);
    let enum_error = d.iter().find(|d| d["code"] == "E0006").expect("an E0006");
    assert_eq!(
        enum_error["message"],
        "severity: 'sev`2`, expected `x' is not an allowed value"
    );
    assert_eq!(
        enum_error["hint"], "allowed: SEV1, SEV2, SEV3, SEV4, SEV5",
        "the allowed names are the model's, not pieces of the value"
    );
}

#[test]
fn an_unknown_key_in_any_nested_block_gets_a_suggestion_from_the_model() {
    let d = check_fixture_with(&[
        ("customers: 1200", "customers: 1200\n  regoins: []"),
        ("severity: SEV2", "severity: SEV2\nlessons:\n  went_wel: []"),
    ]);
    let hints: Vec<(&str, &str)> = d
        .iter()
        .filter(|d| d["code"] == "E0004")
        .map(|d| (d["message"].as_str().unwrap(), d["hint"].as_str().unwrap()))
        .collect();
    assert!(
        hints.contains(&(
            "unknown key 'regoins' in 'impact'",
            "did you mean 'regions'?"
        )),
        "{hints:?}"
    );
    assert!(
        hints.contains(&(
            "unknown key 'went_wel' in 'lessons'",
            "did you mean 'went_well'?"
        )),
        "{hints:?}"
    );
}

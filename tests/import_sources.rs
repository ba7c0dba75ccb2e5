//! `rootline import pagerduty|statuspage`, `--into`, `--dry-run` and de-duplication,
//! on fixtures written from PagerDuty's REST API v2 and Statuspage's public API v2.

mod common;

use common::{rootline_in, stdout_ok};
use serde_yaml::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
        .display()
        .to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder with `incidents/checkout-errors.yaml`, the hand-written incident imports add to.
fn workspace() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("incidents")).unwrap();
    let path = dir.path().join("incidents/checkout-errors.yaml");
    let text = std::fs::read_to_string(fixture("checkout-errors.yaml")).unwrap();
    std::fs::write(&path, &text).unwrap();
    (dir, path, text)
}

fn pagerduty_args(rest: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = ["import", "pagerduty"].map(String::from).to_vec();
    args.push(fixture("pagerduty/log-entries-1.json"));
    args.push(fixture("pagerduty/log-entries-2.json"));
    args.push("--notes".into());
    args.push(fixture("pagerduty/notes.json"));
    args.extend(rest.iter().map(|s| s.to_string()));
    args
}

fn run(dir: &Path, args: &[String]) -> Output {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    rootline_in(dir, &args)
}

/// `(at, kind, title)` of every event of the incident file at `path`.
fn timeline(path: &Path) -> Vec<(String, String, String)> {
    let value: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    value["events"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (field("at"), field("kind"), field("title"))
        })
        .collect()
}

fn event_with_title<'a>(value: &'a Value, title: &str) -> &'a Value {
    value["events"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|e| e["title"].as_str() == Some(title))
        .unwrap_or_else(|| panic!("no event '{title}'"))
}

const PAGERDUTY_TIMELINE: [(&str, &str, &str); 10] = [
    (
        "2024-03-01T10:02:11Z",
        "detection",
        "Triggered by Datadog: High error rate on checkout",
    ),
    (
        "2024-03-01T10:02:11Z",
        "note",
        "Assigned to Ana Ruiz by Checkout API",
    ),
    (
        "2024-03-01T10:07:11Z",
        "note",
        "Escalated to Bo Chen by Checkout API",
    ),
    ("2024-03-01T10:08:40Z", "response", "Acknowledged by Bo Chen"),
    ("2024-03-01T10:09:02Z", "note", "Acknowledged again by Ana Ruiz"),
    (
        "2024-03-01T10:15:30Z",
        "note",
        "Note by Ana Ruiz: Rolled back release 42; error rate falling",
    ),
    (
        "2024-03-01T10:21:00Z",
        "note",
        "Note by Bo Chen: PayCo confirms an expired intermediate certificate on their side — they are renewing it. ✅ Keeping…",
    ),
    (
        "2024-03-01T10:40:00Z",
        "note",
        "Snoozed for 15 minutes by Bo Chen.",
    ),
    (
        "2024-03-01T10:55:00Z",
        "note",
        "Unacknowledged due to snooze timeout.",
    ),
    ("2024-03-01T11:01:05Z", "resolution", "Resolved by Ana Ruiz"),
];

#[test]
fn pagerduty_pages_and_notes_become_one_timeline_with_every_entry_type_mapped() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        dir.path(),
        &pagerduty_args(&["--id", "2024-03-01-checkout"]),
    );
    stdout_ok(&output);
    assert_eq!(
        stderr(&output).lines().next(),
        Some("created incidents/2024-03-01-checkout.yaml: added 10 events (3 skipped: notification), 0 warnings"),
        "the overlapping entry is read once; notifications are left out"
    );
    let path = dir.path().join("incidents/2024-03-01-checkout.yaml");
    let expected: Vec<(String, String, String)> = PAGERDUTY_TIMELINE
        .iter()
        .map(|(a, k, t)| (a.to_string(), k.to_string(), t.to_string()))
        .collect();
    assert_eq!(timeline(&path), expected);
    let value: Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let trigger = event_with_title(&value, PAGERDUTY_TIMELINE[0].2);
    assert_eq!(
        trigger["sources"][0].as_str(),
        Some("https://acme.pagerduty.com/incidents/Q1X2Y3Z4ABCDEF/log_entries/R1TRIGGER0001")
    );
    assert!(
        trigger.get("actor").is_none(),
        "an integration is not the operator"
    );
    let assign = event_with_title(&value, PAGERDUTY_TIMELINE[1].2);
    assert_eq!(
        assign["sources"][0].as_str(),
        Some("https://api.pagerduty.com/log_entries/R1ASSIGN00002"),
        "without an html_url the entry's API address names it"
    );
    let ack = event_with_title(&value, "Acknowledged by Bo Chen");
    assert_eq!(ack["actor"].as_str(), Some("us"));
    let note = event_with_title(&value, PAGERDUTY_TIMELINE[5].2);
    assert_eq!(
        note["details"].as_str(),
        Some("Rolled back release 42; error rate falling\n\nThe new TLS client in 42 could not reach PayCo (certificate chain). Rollback finished 10:14."),
        "the annotate entry takes the full text of its note"
    );
    let check = rootline_in(dir.path(), &["check", "incidents/2024-03-01-checkout.yaml"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn pagerduty_notifications_are_kept_only_when_asked_and_a_lone_first_page_warns() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        dir.path(),
        &pagerduty_args(&["--id", "2024-03-01-paged", "--notifications"]),
    );
    stdout_ok(&output);
    assert_eq!(
        stderr(&output).lines().next(),
        Some("created incidents/2024-03-01-paged.yaml: added 13 events, 0 warnings"),
        "nothing is skipped when notifications are asked for"
    );
    let titles: Vec<String> = timeline(&dir.path().join("incidents/2024-03-01-paged.yaml"))
        .into_iter()
        .map(|(_, _, title)| title)
        .filter(|title| title.starts_with("Notified"))
        .collect();
    assert_eq!(
        titles,
        [
            "Notified Ana Ruiz by sms",
            "Notified Ana Ruiz by push",
            "Notified Bo Chen by phone"
        ]
    );

    let page = fixture("pagerduty/log-entries-1.json");
    let lone = rootline_in(
        dir.path(),
        &[
            "import",
            "pagerduty",
            &page,
            "--id",
            "2024-03-01-first-page",
        ],
    );
    stdout_ok(&lone);
    let text = stderr(&lone);
    assert!(
        text.starts_with(&format!("warning: {page}: the page says more entries follow (\"more\": true); save the next page with offset=7 and give it too\n")),
        "{text}"
    );
    assert!(
        text.contains(": added 4 events (3 skipped: notification), 1 warning\n"),
        "{text}"
    );
}

#[test]
fn statuspage_updates_become_communications_in_the_vendors_lane_oldest_first() {
    let (dir, path, _) = workspace();
    let output = rootline_in(
        dir.path(),
        &[
            "import",
            "statuspage",
            &fixture("statuspage/incidents.json"),
            "--vendor",
            "payco",
            "--incident",
            "p8t5hq2m3kxr",
            "--into",
            "incidents/checkout-errors.yaml",
        ],
    );
    stdout_ok(&output);
    assert_eq!(
        stderr(&output),
        "incidents/checkout-errors.yaml: added 4 events and 1 party, 0 warnings\n"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.contains("  - {id: acme, name: Acme, role: operator}   # us\n  - {id: payco, name: \"PayCo\", role: vendor}\n"),
        "the vendor joins the parties, named as its page is:\n{text}"
    );
    let imported: Vec<(String, String, String)> = timeline(&path).split_off(3);
    let expected = [
        ("2024-03-01T10:11:00.000Z", "Investigating"),
        ("2024-03-01T10:31:00.000Z", "Identified"),
        ("2024-03-01T10:52:10.545Z", "Monitoring"),
        ("2024-03-01T11:20:40.084Z", "Resolved"),
    ]
    .map(|(at, status)| {
        (
            at.to_string(),
            "communication".to_string(),
            format!("Status page: {status} — Elevated card authorization failures"),
        )
    });
    assert_eq!(
        imported, expected,
        "at display_at (back-dated), else created_at"
    );
    let value: Value = serde_yaml::from_str(&text).unwrap();
    let first = event_with_title(&value, &expected[0].2);
    assert_eq!(first["actor"].as_str(), Some("payco"));
    assert_eq!(
        first["details"].as_str(),
        Some("We are investigating elevated failures & timeouts for card authorizations <b>in all regions</b>.\n\nAffected components: Card payments (operational → partial outage).")
    );
    assert_eq!(
        first["sources"][0].as_str(),
        Some("https://stspg.io/9xk2m4v7#u1investig01")
    );
    let check = rootline_in(dir.path(), &["check", "incidents/checkout-errors.yaml"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn statuspage_with_several_incidents_lists_them_and_picks_one_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = fixture("statuspage/incidents.json");
    let base = ["import", "statuspage", &file, "--vendor", "payco", "--id"];
    let unpicked = rootline_in(dir.path(), &[&base[..], &["2024-03-01-a"]].concat());
    assert_eq!(unpicked.status.code(), Some(1));
    assert!(stderr(&unpicked).contains(&format!(
        "{file}: the file holds 3 incidents; pick one with --incident ID (or its name):\n  p8t5hq2m3kxr  Elevated card authorization failures\n  w3n7z1c9f4ab  Delayed payout reports\n  b6d2k8m1q0rs  Dashboard login errors\n"
    )), "{}", stderr(&unpicked));
    assert!(
        !dir.path().join("incidents").exists(),
        "nothing was written"
    );

    let misspelt = rootline_in(
        dir.path(),
        &[
            &base[..],
            &["2024-03-01-a", "--incident", "Delayed payout report"],
        ]
        .concat(),
    );
    assert_eq!(misspelt.status.code(), Some(1));
    assert!(
        stderr(&misspelt).contains("no incident has the id or name 'Delayed payout report' (did you mean 'Delayed payout reports'?)"),
        "{}",
        stderr(&misspelt)
    );

    let by_name = rootline_in(
        dir.path(),
        &[
            &base[..],
            &["2024-02-27-payouts", "--incident", "delayed PAYOUT reports"],
        ]
        .concat(),
    );
    stdout_ok(&by_name);
    let titles: Vec<String> = timeline(&dir.path().join("incidents/2024-02-27-payouts.yaml"))
        .into_iter()
        .map(|(at, _, title)| format!("{at} {title}"))
        .collect();
    assert_eq!(
        titles,
        [
            "2024-02-27T14:00:00.000-05:00 Status page: Investigating — Delayed payout reports",
            "2024-02-27T16:00:00.000-05:00 Status page: Resolved — Delayed payout reports"
        ],
        "times keep their offset"
    );
}

/// Whether every line of `original` is in `merged`, unchanged and in the same order.
fn keeps_every_line(original: &str, merged: &str) -> bool {
    let mut merged = merged.lines();
    original
        .lines()
        .all(|line| merged.any(|other| other == line))
}

#[test]
fn into_keeps_every_original_line_and_a_second_import_adds_nothing() {
    let (dir, path, original) = workspace();
    let into = ["--into", "incidents/checkout-errors.yaml"];
    let first = run(dir.path(), &pagerduty_args(&into));
    stdout_ok(&first);
    assert_eq!(
        stderr(&first),
        "incidents/checkout-errors.yaml: added 10 events (3 skipped: notification), 0 warnings\n"
    );
    let merged = std::fs::read_to_string(&path).unwrap();
    assert!(keeps_every_line(&original, &merged), "{merged}");
    assert!(merged.starts_with(
        "# yaml-language-server: $schema=../../../schema/incident.schema.json\n# Written by hand"
    ));
    assert_eq!(merged.lines().count(), original.lines().count() + 64);
    let cut = merged.find("  # Imported from ").unwrap();
    let after = &merged[cut..];
    assert!(
        after.contains("\n# Causes come after the timeline.\n\ncauses:\n"),
        "the new events go at the end of the list, before what follows it"
    );
    let value: Value = serde_yaml::from_str(&merged).unwrap();
    let ack = event_with_title(&value, "Acknowledged by Bo Chen");
    assert_eq!(ack["actor"].as_str(), Some("acme"), "the file's operator");
    let check = rootline_in(dir.path(), &["check", "incidents/checkout-errors.yaml"]);
    assert!(check.status.success(), "{}", stderr(&check));

    let second = run(dir.path(), &pagerduty_args(&into));
    stdout_ok(&second);
    assert_eq!(
        stderr(&second),
        "incidents/checkout-errors.yaml: added 0 events (10 skipped: already present; 3 skipped: notification), 0 warnings\n"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), merged);
}

#[test]
fn a_flow_events_list_is_the_one_key_rewritten() {
    let (dir, path, _) = workspace();
    let original = "# yaml-language-server: $schema=../schema/incident.schema.json\ntitle: Flow\nstatus: draft\nseverity: SEV3\nsummary: S.\nimpact: {description: D.}\nparties: [{id: acme, name: Acme, role: operator}]  # one line\nevents: [{at: 2024-03-01 10:00, kind: impact_start, title: Errors},\n         {at: 2024-03-01 10:50, kind: impact_end, title: \"Errors stop, all regions\"}]\n# the end\n";
    std::fs::write(&path, original).unwrap();
    stdout_ok(&run(
        dir.path(),
        &pagerduty_args(&["--into", "incidents/checkout-errors.yaml"]),
    ));
    let merged = std::fs::read_to_string(&path).unwrap();
    let (head, _) = original.split_once("events:").unwrap();
    assert!(merged.starts_with(&format!("{head}events:\n  - at: 2024-03-01 10:00\n    kind: impact_start\n    title: Errors\n  - at: 2024-03-01 10:50\n    kind: impact_end\n    title: Errors stop, all regions\n  # Imported from ")), "{merged}");
    assert!(merged.ends_with("\n# the end\n"), "{merged}");
    assert_eq!(timeline(&path).len(), 12);
    let check = rootline_in(dir.path(), &["check", "incidents/checkout-errors.yaml"]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn a_broken_source_lists_every_problem_and_writes_nothing() {
    let (dir, path, original) = workspace();
    let bad = fixture("pagerduty/bad-times.json");
    let output = rootline_in(
        dir.path(),
        &[
            "import",
            "pagerduty",
            &bad,
            "--into",
            "incidents/checkout-errors.yaml",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        format!("error: 2 problems in {bad}; nothing was written:\n{bad}: log_entries[1]: created_at 'yesterday at noon' is not an RFC 3339 time\n{bad}: log_entries[2]: created_at '2024-03-01 11:01' is not an RFC 3339 time\n")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);

    let malformed = fixture("pagerduty/malformed.json");
    let output = rootline_in(
        dir.path(),
        &["import", "pagerduty", &malformed, "--id", "2024-03-01-x"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains(&format!(
            "{malformed}:5:3: malformed JSON: expected `,` or `]` at line 5 column 3"
        )),
        "{}",
        stderr(&output)
    );
    assert!(!dir.path().join("incidents/2024-03-01-x.yaml").exists());
}

#[test]
fn dry_run_prints_what_it_would_add_and_writes_nothing() {
    let (dir, path, original) = workspace();
    let output = run(
        dir.path(),
        &pagerduty_args(&["--into", "incidents/checkout-errors.yaml", "--dry-run"]),
    );
    let printed = stdout_ok(&output);
    assert_eq!(
        stderr(&output),
        "dry run, nothing written: would add 10 events to incidents/checkout-errors.yaml (3 skipped: notification), 0 warnings\n"
    );
    assert!(
        printed.starts_with("events:\n  # Imported from "),
        "{printed}"
    );
    assert!(printed.contains("\n  - at: 2024-03-01T11:01:05Z\n    kind: resolution\n    actor: acme\n    title: Resolved by Ana Ruiz\n"), "{printed}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), original);

    let new = run(
        dir.path(),
        &pagerduty_args(&["--id", "2024-03-01-new", "--dry-run"]),
    );
    let printed = stdout_ok(&new);
    assert!(printed.starts_with("# yaml-language-server: $schema=../schema/incident.schema.json\n"));
    assert!(!dir.path().join("incidents/2024-03-01-new.yaml").exists());
}

#[test]
fn a_file_that_does_not_pass_check_is_refused_with_its_diagnostics() {
    let (dir, path, original) = workspace();
    let broken = original.replace("    actor: acme\n", "    actor: acne\n");
    std::fs::write(&path, &broken).unwrap();
    let output = run(
        dir.path(),
        &pagerduty_args(&["--into", "incidents/checkout-errors.yaml"]),
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.starts_with("error: incidents/checkout-errors.yaml does not pass check; fix it before importing into it:\nerror[E0012]"),
        "{text}"
    );
    assert!(
        text.contains("incidents/checkout-errors.yaml:23:12"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn the_same_moment_from_two_sources_is_kept_twice_and_check_points_at_both() {
    let (dir, path, original) = workspace();
    // The alert bot's message in the channel, as a Slack import would have added it.
    let bot = "  - {at: 2024-03-01T10:02:30Z, kind: note, title: \"[Triggered] High error rate on checkout\", sources: [slack]}\n# Causes";
    std::fs::write(&path, original.replace("# Causes", bot)).unwrap();
    stdout_ok(&run(
        dir.path(),
        &pagerduty_args(&["--into", "incidents/checkout-errors.yaml"]),
    ));
    let check = rootline_in(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "incidents/checkout-errors.yaml",
        ],
    );
    let diagnostics: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let near: Vec<(String, u64)> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "W0011")
        .map(|d| {
            (
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        near,
        [(
            "events[4] and events[3] happen at the same minute with near-identical titles ('Triggered by Datadog: High error rate on checkout')".to_string(),
            39
        )]
    );
}

#[test]
fn an_imported_draft_published_unedited_fails_check_on_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        dir.path(),
        &pagerduty_args(&["--id", "2024-03-01-checkout"]),
    );
    stdout_ok(&output);
    let path = dir.path().join("incidents/2024-03-01-checkout.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("status: draft", "status: published", 1),
    )
    .unwrap();
    let check = rootline_in(
        dir.path(),
        &[
            "check",
            "incidents/2024-03-01-checkout.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(check.status.code(), Some(1));
    let found: Vec<(String, u64, u64, String)> =
        serde_json::from_slice::<Vec<serde_json::Value>>(&check.stdout)
            .unwrap()
            .into_iter()
            .map(|d| {
                let text = |key: &str| d[key].as_str().unwrap_or_default().to_string();
                let number = |key: &str| d[key].as_u64().unwrap_or_default();
                (
                    text("code"),
                    number("line"),
                    number("column"),
                    text("message"),
                )
            })
            .collect();
    let placeholder = |line, column, what: &str| {
        (
            "E0023".to_string(),
            line,
            column,
            format!("{what} is still the placeholder"),
        )
    };
    let expected = [
        placeholder(3, 8, "title"),
        placeholder(7, 10, "summary"),
        placeholder(9, 16, "impact.description"),
        placeholder(12, 9, "parties[0].name"),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for (found, expected) in found.iter().zip(&expected) {
        assert_eq!(found.0, expected.0);
        assert_eq!((found.1, found.2), (expected.1, expected.2), "{found:?}");
        assert!(found.3.starts_with(&expected.3), "{found:?}");
    }
}

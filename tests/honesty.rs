//! Honest post-mortems: estimates, hypotheses, accepted risks and the impact
//! over time show as what they are on pages, in Markdown and in JSON.

mod common;

use common::{rootline, stdout_ok, AS_OF};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// An incident with an estimated start, a suspected root cause, a ruled-out
/// cause, an accepted risk and a customer count that drops during the impact.
const INCIDENT: &str = r#"title: Payments API errors
status: published
severity: SEV2
timezone: UTC
summary: Card payments failed for two hours.
impact:
  description: Card payments failed.
  customers: 1000
parties:
  - {id: us, name: Shop, role: operator}
  - {id: psp, name: PayCo, role: vendor}
events:
  - id: start
    at: 2024-05-01 10:00
    approx: true
    kind: impact_start
    title: Payments start failing
    caused_by: [expired-key, bad-retry, lucky-guess]
  - id: partial
    at: 2024-05-01 11:00
    kind: mitigation
    title: Retries switched off; most payments recover
    customers_affected: 100
  - at: 2024-05-01 12:00
    kind: impact_end
    title: All payments succeed
causes:
  - id: expired-key
    title: The signing key expired
    status: suspected
    sources: [https://status.example.com/incidents/42]
  - id: bad-retry
    title: Retries doubled the load
    no_action: The retry policy is the vendor's and out of our hands
  - id: lucky-guess
    title: A network partition
    status: ruled_out
vendor_actions:
  - id: psp-fix
    vendor: psp
    title: PayCo rotated the key
    at: 2024-05-01 11:30
    approx: true
    status: done
    sources: [https://status.example.com/incidents/42]
"#;

fn incident_file(dir: &Path) -> PathBuf {
    let file = dir.join("2024-05-01-payments.yaml");
    std::fs::write(&file, INCIDENT).unwrap();
    file
}

fn export(file: &Path) -> Value {
    let out = rootline(&["export", file.to_str().unwrap(), "--as-of", AS_OF]);
    serde_json::from_str(&stdout_ok(&out)).unwrap()
}

fn render(file: &Path, format: &str) -> String {
    let out = rootline(&[
        "render",
        file.to_str().unwrap(),
        "--format",
        format,
        "--as-of",
        AS_OF,
    ]);
    stdout_ok(&out)
}

#[test]
fn figures_that_rest_on_an_estimated_time_say_so_in_json_and_on_pages() {
    let dir = tempfile::tempdir().unwrap();
    let file = incident_file(dir.path());
    let json = export(&file);
    let metrics = &json["metrics"];
    // The start is approx, so everything measured from it is an estimate.
    assert_eq!(
        metrics["approximate"],
        serde_json::json!([
            "impact_start",
            "duration_seconds",
            "time_to_mitigate_seconds",
            "customer_minutes"
        ])
    );
    assert_eq!(metrics["duration_seconds"], 7200);
    let html = render(&file, "html");
    assert!(
        html.contains("~2024-05-01 10:00 UTC"),
        "header start keeps its ~"
    );
    assert!(html.contains(">~2 h<"), "duration shows ~");
    assert!(html.contains(">~1 h<"), "time to mitigate shows ~");
    let md = render(&file, "md");
    assert!(md.contains("| Duration | ~2 h |"), "{md}");
    assert!(md.contains("- Start: ~2024-05-01 10:00 UTC"), "{md}");
}

#[test]
fn customer_minutes_integrate_the_customers_affected_over_time() {
    let dir = tempfile::tempdir().unwrap();
    let json = export(&incident_file(dir.path()));
    // 1,000 customers for the first hour, then 100 for the second.
    assert_eq!(json["metrics"]["customer_minutes"], 1000 * 60 + 100 * 60);
    assert_eq!(json["metrics"]["customers"], 1000);
    let html = render(&incident_file(dir.path()), "html");
    assert!(
        html.contains("Customers affected</text>"),
        "the timeline shows the count"
    );
    assert!(html.contains(">1,000</text>") && html.contains(">100</text>"));
}

#[test]
fn a_suspected_root_cause_is_never_shown_as_a_fact() {
    let dir = tempfile::tempdir().unwrap();
    let file = incident_file(dir.path());
    let json = export(&file);
    assert_eq!(json["root_causes"], serde_json::json!(["bad-retry"]));
    assert_eq!(
        json["suspected_root_causes"],
        serde_json::json!(["expired-key"])
    );
    assert_eq!(json["causes"][0]["status"], "suspected");
    assert_eq!(
        json["causes"][0]["sources"],
        serde_json::json!(["https://status.example.com/incidents/42"])
    );
    let html = render(&file, "html");
    assert!(html.contains("1 of them is only suspected"));
    assert!(html.contains(r#"aria-label="Chain 1, through a suspected cause""#));
    assert!(html
        .contains(r#"The signing key expired</a> <span class="badge suspected">suspected</span>"#));
    assert!(
        html.contains(">(suspected)</text>"),
        "the graph's box says so"
    );
    assert!(
        html.contains("\u{201c}The signing key expired\u{201d} (suspected)"),
        "and so does the graph's text alternative"
    );
    let md = render(&file, "md");
    assert!(
        md.contains("- **The signing key expired** (suspected)"),
        "{md}"
    );
    assert!(
        md.contains("1. The signing key expired (suspected) → (together with Retries doubled the load) Payments start failing: through a suspected cause"),
        "{md}"
    );
    assert!(
        md.contains("The signing key expired (suspected)\"])"),
        "mermaid label: {md}"
    );
}

#[test]
fn a_ruled_out_cause_is_listed_apart_and_in_no_chain() {
    let dir = tempfile::tempdir().unwrap();
    let file = incident_file(dir.path());
    let json = export(&file);
    assert_eq!(json["causes"][2]["status"], "ruled_out");
    let chains = json["chains"].as_array().unwrap();
    assert_eq!(chains.len(), 2, "{chains:?}");
    assert!(!json["contributing_factors"]
        .as_array()
        .unwrap()
        .contains(&Value::from("lucky-guess")));
    let html = render(&file, "html");
    let ruled_out = html.split("Considered and ruled out").nth(1).unwrap();
    assert!(
        ruled_out.contains("A network partition</strong> <span class=\"badge\">ruled out</span>")
    );
}

#[test]
fn a_root_cause_accepted_without_action_is_not_unaddressed() {
    let dir = tempfile::tempdir().unwrap();
    let file = incident_file(dir.path());
    let json = export(&file);
    assert_eq!(
        json["accepted_root_causes"],
        serde_json::json!(["bad-retry"])
    );
    assert_eq!(
        json["unaddressed_root_causes"],
        serde_json::json!(["expired-key"])
    );
    let html = render(&file, "html");
    assert!(html.contains(
        "Accepted without action: The retry policy is the vendor&#39;s and out of our hands"
    ));
    let md = render(&file, "md");
    assert!(md.contains(
        "accepted without action: The retry policy is the vendor's and out of our hands"
    ));
}

#[test]
fn vendor_actions_take_an_estimated_time_and_sources() {
    let dir = tempfile::tempdir().unwrap();
    let html = render(&incident_file(dir.path()), "html");
    assert!(html.contains("<div class=\"muted\">~2024-05-01 11:30 UTC</div>"));
    assert!(
        html.contains("<td class=\"time\">~2024-05-01 11:30</td>"),
        "timeline row"
    );
    let vendor = html.split("id=\"vendor-actions-h\"").nth(1).unwrap();
    assert!(vendor.contains(r#"Sources: <a href="https://status.example.com/incidents/42""#));
}

#[test]
fn the_o2_post_mortem_shows_its_estimates_and_hypotheses_as_such() {
    let file = Path::new("incidents/2018-12-06-o2-data-outage.yaml");
    let json = export(file);
    let md = render(file, "md");
    let html = render(file, "html");
    let mut shown = String::new();
    for key in ["metrics", "root_causes", "suspected_root_causes"] {
        shown += &format!("{key}: {}\n", serde_json::to_string(&json[key]).unwrap());
    }
    shown += "--- Markdown lines with an estimate or a hypothesis\n";
    for line in md
        .lines()
        .filter(|l| l.contains('~') || l.contains("suspected"))
    {
        shown += line;
        shown.push('\n');
    }
    shown += "--- HTML: suspected badges, and the header\n";
    shown += &format!(
        "{} suspected badges\n",
        html.matches(r#"<span class="badge suspected">suspected</span>"#)
            .count()
    );
    let header = html
        .lines()
        .find(|l| l.starts_with("<p class=\"meta\">"))
        .unwrap();
    shown += header;
    shown.push('\n');
    insta::assert_snapshot!("o2_estimates_and_hypotheses", shown);
}

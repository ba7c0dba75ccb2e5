//! `rootline export` gives the figures the sources give, for every example incident.

use assert_cmd::Command;
use serde_json::Value;

fn export(path: &str) -> Value {
    let output = Command::cargo_bin("rootline")
        .unwrap()
        .args(["export", path, "--as-of", "2026-11-28"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

const MIN: i64 = 60;
const HOUR: i64 = 3600;

#[test]
fn o2_lost_data_for_22_and_a_half_hours() {
    // Around 05:00 on 6 December to around 03:30 on 7 December (GMT); 3G back at 21:30.
    let o2 = export("incidents/2018-12-06-o2-data-outage.yaml");
    let m = &o2["metrics"];
    assert_eq!(m["impact_start"], "2018-12-06T05:00:00Z");
    assert_eq!(m["impact_end"], "2018-12-07T03:30:00Z");
    assert_eq!(m["duration_seconds"], 22 * HOUR + 30 * MIN);
    assert_eq!(m["time_to_detect_seconds"], 30 * MIN);
    assert_eq!(m["time_to_mitigate_seconds"], 16 * HOUR + 30 * MIN);
    assert_eq!(m["customers"], 32_000_000);
    assert_eq!(m["customer_minutes"], 32_000_000i64 * (22 * 60 + 30));
    assert_eq!(o2["severity"], "SEV1");
    let roots: Vec<&str> = o2["root_causes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        roots,
        [
            "cert-in-release",
            "no-expiry-tracking",
            "one-version-everywhere"
        ]
    );
    assert!(o2["unaddressed_root_causes"].as_array().unwrap().is_empty());
    for chain in o2["chains"].as_array().unwrap() {
        assert_eq!(chain.as_array().unwrap().last().unwrap(), "data-down");
    }
}

#[test]
fn softbank_was_down_for_4_hours_25_minutes_in_tokyo_time() {
    let sb = export("incidents/2018-12-06-softbank-mobile-outage.yaml");
    let m = &sb["metrics"];
    assert_eq!(m["impact_start"], "2018-12-06T04:39:00Z"); // 13:39 JST
    assert_eq!(m["duration_seconds"], 4 * HOUR + 25 * MIN);
    assert_eq!(m["time_to_detect_seconds"], Value::Null);
    assert_eq!(m["customer_minutes"], Value::Null);
}

#[test]
fn cloudflare_was_down_for_27_minutes() {
    let cf = export("incidents/2019-07-02-cloudflare-waf-cpu-exhaustion.yaml");
    let m = &cf["metrics"];
    assert_eq!(m["duration_seconds"], 27 * MIN);
    assert_eq!(m["time_to_mitigate_seconds"], 25 * MIN);
    assert_eq!(m["time_to_resolve_seconds"], 70 * MIN);
    // The unpractised bypass slowed the response but did not cause the impact,
    // so by the format's definition it is not a root cause.
    assert_eq!(
        cf["root_causes"],
        serde_json::json!([
            "engine-no-guarantee",
            "tests-no-cpu",
            "global-rule-push",
            "cpu-protection-removed"
        ])
    );
}

#[test]
fn gitlab_was_down_for_about_18_and_a_half_hours() {
    let gl = export("incidents/2017-01-31-gitlab-database-deletion.yaml");
    assert_eq!(gl["metrics"]["duration_seconds"], 18 * HOUR + 30 * MIN);
    assert_eq!(
        gl["unaddressed_root_causes"],
        serde_json::json!(["spam-load"])
    );
}

#[test]
fn the_october_outage_is_mostly_unknown_never_zero() {
    let oct = export("incidents/2018-10-04-o2-voice-outage.yaml");
    for key in [
        "duration_seconds",
        "time_to_detect_seconds",
        "time_to_resolve_seconds",
        "customer_minutes",
    ] {
        assert_eq!(oct["metrics"][key], Value::Null, "{key}");
    }
}

#[test]
fn a_folder_exports_an_array_sorted_by_id() {
    let all = export("incidents");
    let ids: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert_eq!(ids.len(), 5);
    let timeline = all[0]["timeline"].as_array().unwrap();
    let times: Vec<&str> = timeline.iter().map(|e| e["at"].as_str().unwrap()).collect();
    let mut sorted_times = times.clone();
    sorted_times.sort();
    assert_eq!(times, sorted_times);
}

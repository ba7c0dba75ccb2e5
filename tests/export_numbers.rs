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

fn ids(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn o2_lost_data_from_about_04_00_to_about_03_27_the_next_morning() {
    let o2 = export("incidents/2018-12-06-o2-data-outage.yaml");
    let m = &o2["metrics"];
    // The earliest published report of failures, "since about 4am":
    // https://www.theguardian.com/business/2018/dec/06/o2-customers-unable-to-get-online
    assert_eq!(m["impact_start"], "2018-12-06T04:00:00Z");
    // O2 reported 4G restored at 03:27:
    // https://www.moneysavingexpert.com/news/2018/12/o2-announces-customer-compensation-after-data-outage-/
    assert_eq!(m["impact_end"], "2018-12-07T03:27:00Z");
    assert_eq!(m["duration_seconds"], 23 * HOUR + 27 * MIN);
    // 3G came back around 21:30 (same sources): the first mitigation.
    assert_eq!(m["time_to_mitigate_seconds"], 17 * HOUR + 30 * MIN);
    // "Up to 32 million" is the size of the base O2 carries, an upper bound, so
    // customer-minutes is an upper bound too; no source counts who was still
    // affected after 3G returned, so no step lowers it.
    assert_eq!(m["customers"], 32_000_000);
    assert_eq!(m["customer_minutes"], 32_000_000i64 * (23 * 60 + 27));
    // Both ends are estimates, so is every figure measured between them.
    assert!(ids(&m["approximate"]).contains(&"duration_seconds"));
    assert!(ids(&m["approximate"]).contains(&"customer_minutes"));
    // The expired certificate in the SGSN-MME software is Ericsson's own account:
    // https://www.ericsson.com/en/press-releases/2018/12/update-on-software-issue-impacting-certain-customers
    assert_eq!(ids(&o2["root_causes"]), ["cert-in-release"]);
    // No source says how the expiry went unnoticed: that stays a hypothesis.
    assert_eq!(
        ids(&o2["suspected_root_causes"]),
        ["no-expiry-tracking", "latest-version-installed"]
    );
    // The resolution (the review's outcome) was never published.
    assert_eq!(m["time_to_resolve_seconds"], Value::Null);
}

#[test]
fn softbank_was_down_for_about_4_hours_25_minutes_for_30_6_million_lines() {
    // The ministry's press release of 23 January 2019 (4 h 25 min, about 30.6 million users):
    // https://www.soumu.go.jp/menu_news/s-news/01kiban05_02000171.html
    let sb = export("incidents/2018-12-06-softbank-mobile-outage.yaml");
    let m = &sb["metrics"];
    assert_eq!(m["impact_start"], "2018-12-06T04:39:00Z"); // about 13:39 JST
    assert_eq!(m["impact_end"], "2018-12-06T09:04:00Z"); // about 18:04 JST
    assert_eq!(m["duration_seconds"], 4 * HOUR + 25 * MIN);
    assert_eq!(m["customers"], 30_600_000);
    assert_eq!(m["customer_minutes"], 30_600_000i64 * (4 * 60 + 25));
    assert!(ids(&m["approximate"]).contains(&"duration_seconds"));
}

#[test]
fn cloudflare_was_down_for_27_minutes() {
    // Every time below is from "Details of the Cloudflare outage on July 2, 2019":
    // https://blog.cloudflare.com/details-of-the-cloudflare-outage-on-july-2-2019/
    let cf = export("incidents/2019-07-02-cloudflare-waf-cpu-exhaustion.yaml");
    let m = &cf["metrics"];
    assert_eq!(m["impact_start"], "2019-07-02T13:42:00Z"); // the WAF rule deploy
    assert_eq!(m["time_to_detect_seconds"], 3 * MIN); // the first page, 13:45
    assert_eq!(m["time_to_mitigate_seconds"], 25 * MIN); // the global terminate, 14:07
    assert_eq!(m["duration_seconds"], 27 * MIN); // traffic back, 14:09
    assert_eq!(m["time_to_resolve_seconds"], 70 * MIN); // the WAF re-enabled, 14:52
                                                        // The post gives exact minutes: nothing here is an estimate.
    assert!(m["approximate"].as_array().unwrap().is_empty());
    assert!(cf["unaddressed_root_causes"].as_array().unwrap().is_empty());
}

#[test]
fn gitlab_was_down_for_about_18_and_a_half_hours() {
    // GitLab's post-mortem: the deletion at about 23:27 UTC, noticed at once, and the
    // site back at about 18:00 on 1 February:
    // https://about.gitlab.com/blog/2017/02/10/postmortem-of-database-outage-of-january-31/
    let gl = export("incidents/2017-01-31-gitlab-database-deletion.yaml");
    let m = &gl["metrics"];
    assert_eq!(m["impact_start"], "2017-01-31T23:27:00Z");
    assert_eq!(m["time_to_detect_seconds"], 0);
    assert_eq!(m["impact_end"], "2017-02-01T18:00:00Z");
    assert_eq!(m["duration_seconds"], 18 * HOUR + 33 * MIN);
    // The post-mortem's publication is not a resolution: none is recorded.
    assert_eq!(m["time_to_resolve_seconds"], Value::Null);
    // That the two shells looked alike is only implied by GitLab's fixes.
    assert_eq!(ids(&gl["suspected_root_causes"]), ["hosts-look-alike"]);
}

#[test]
fn the_october_outage_is_mostly_unknown_never_zero() {
    let oct = export("incidents/2018-10-04-o2-voice-outage.yaml");
    assert_eq!(oct["status"], "draft", "no public report gives its times");
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

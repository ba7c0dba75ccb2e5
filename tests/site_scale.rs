//! The site of 1,000 generated incidents: paged lists, the bounded feed,
//! search shards, `incidents.json`/`.csv` against `export`, and validity.

mod common;

#[path = "../benches/tools/corpus.rs"]
mod corpus;

use common::{assert_links_resolve, assert_valid_html, require_tool, rootline, stdout_ok, AS_OF};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

const INCIDENTS: usize = 1_000;

/// rootline on the generated corpus, with no settings: the repository's own
/// rootline.toml lists the examples' categories, which the generator does not use.
fn generated(args: &[&str]) -> std::process::Output {
    static NO_SETTINGS: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, empty) = NO_SETTINGS.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("rootline.toml");
        std::fs::write(&empty, "").unwrap();
        (dir, empty)
    });
    let mut with_config = args.to_vec();
    with_config.extend(["--config", empty.to_str().unwrap()]);
    rootline(&with_config)
}

struct Built {
    _dir: tempfile::TempDir,
    incidents: PathBuf,
    site: PathBuf,
}

/// One corpus and one build with the default settings, shared by the tests of this file.
fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let incidents = dir.path().join("incidents");
        corpus::write_corpus(&incidents, INCIDENTS, 42);
        let site = dir.path().join("site");
        stdout_ok(&generated(&[
            "build",
            "--incidents",
            incidents.to_str().unwrap(),
            "--out",
            site.to_str().unwrap(),
            "--as-of",
            AS_OF,
            "--quiet",
        ]));
        Built {
            _dir: dir,
            incidents,
            site,
        }
    })
}

fn read(site: &Path, page: &str) -> String {
    std::fs::read_to_string(site.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// The incident ids a list page shows, in order.
fn listed(html: &str) -> Vec<String> {
    html.split("<tr><td class=\"time\">")
        .skip(1)
        .map(|row| {
            let start = row.find("incidents/").unwrap() + "incidents/".len();
            row[start..start + row[start..].find('/').unwrap()].to_string()
        })
        .collect()
}

fn incidents_json() -> Vec<Value> {
    serde_json::from_str::<Vec<Value>>(&read(&built().site, "incidents.json")).unwrap()
}

#[test]
fn the_index_is_paged_by_a_hundred_in_a_stable_newest_first_order() {
    let site = &built().site;
    let rows = incidents_json();
    let newest_first: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut seen = Vec::new();
    for number in 1..=10 {
        let page = if number == 1 {
            "index.html".to_string()
        } else {
            format!("page/{number}.html")
        };
        let ids = listed(&read(site, &page));
        assert_eq!(ids.len(), 100, "{page}");
        seen.extend(ids);
    }
    assert_eq!(seen, newest_first, "every incident once, newest first");
    assert!(!site.join("page/11.html").exists());

    let second = read(site, "page/2.html");
    assert!(second.contains("<strong>Incidents 101–200 of 1,000</strong>"));
    for link in [
        r#"<a href="../index.html">« First</a>"#,
        r#"<a href="../index.html" rel="prev">‹ Previous</a>"#,
        r#"<a href="../page/3.html" rel="next">Next ›</a>"#,
        r#"<a href="../page/10.html">Last »</a>"#,
    ] {
        assert!(second.contains(link), "page 2 lacks {link}");
    }
    let first = read(site, "index.html");
    assert!(first.contains(r#"<span class="muted">‹ Previous</span>"#));
    assert!(first.contains("1000 post-mortems"));
    let last = read(site, "page/10.html");
    assert!(last.contains("Incidents 901–1,000 of 1,000"));
    assert!(last.contains(r#"<span class="muted">Next ›</span>"#));
}

#[test]
fn each_severity_pages_its_incidents_and_the_last_page_holds_the_rest() {
    let site = &built().site;
    let mut by_severity: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in incidents_json() {
        by_severity
            .entry(row["severity"].as_str().unwrap().to_string())
            .or_default()
            .push(row["id"].as_str().unwrap().to_string());
    }
    assert_eq!(by_severity.len(), 5);
    for (severity, ids) in by_severity {
        let first = format!("severity/{}.html", severity.to_lowercase());
        let pages = ids.len().div_ceil(100);
        let mut seen = listed(&read(site, &first));
        for number in 2..=pages {
            let page = format!("severity/{}/{number}.html", severity.to_lowercase());
            let shown = listed(&read(site, &page));
            let expected = if number == pages {
                ids.len() - 100 * (pages - 1)
            } else {
                100
            };
            assert_eq!(shown.len(), expected, "{page}");
            seen.extend(shown);
        }
        assert_eq!(seen, ids, "{severity}: every incident once, newest first");
    }
}

#[test]
fn the_sort_orders_keep_their_order_across_pages() {
    let site = &built().site;
    let mut ids = listed(&read(site, "by-severity.html"));
    for number in 2..=10 {
        ids.extend(listed(&read(site, &format!("by-severity/{number}.html"))));
    }
    let severity: BTreeMap<String, String> = incidents_json()
        .into_iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap().to_string();
            (id, r["severity"].as_str().unwrap().to_string())
        })
        .collect();
    let ranks: Vec<&String> = ids.iter().map(|id| &severity[id]).collect();
    assert_eq!(ranks.len(), INCIDENTS);
    assert!(ranks.windows(2).all(|w| w[0] <= w[1]), "worst first");
}

#[test]
fn the_feed_holds_the_newest_fifty_published_incidents() {
    let feed = read(&built().site, "feed.xml");
    assert_eq!(feed.matches("<entry>").count(), 50);
    let newest_published = incidents_json()
        .into_iter()
        .find(|r| r["status"] == "published")
        .unwrap();
    let first_entry = feed.split("<entry>").nth(1).unwrap();
    let id = newest_published["id"].as_str().unwrap();
    assert!(first_entry.contains(id), "the newest published comes first");
}

#[test]
fn the_page_size_and_feed_size_are_settable_and_the_sitemap_lists_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    stdout_ok(&generated(&[
        "build",
        "--incidents",
        built().incidents.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--quiet",
        "--page-size",
        "300",
        "--feed-size",
        "7",
        "--base-url",
        "https://sre.example.com/pm/",
    ]));
    assert_eq!(listed(&read(&site, "page/3.html")).len(), 300);
    assert_eq!(listed(&read(&site, "page/4.html")).len(), 100);
    assert!(read(&site, "page/4.html").contains("Incidents 901–1,000 of 1,000"));
    assert!(!site.join("page/5.html").exists());
    assert_eq!(read(&site, "feed.xml").matches("<entry>").count(), 7);
    let sitemap = read(&site, "sitemap.xml");
    for page in [
        "index.html",
        "page/4.html",
        "by-duration/4.html",
        "severity/sev3.html",
        "tags/batch.html",
        "report/index.html",
    ] {
        let loc = format!("<loc>https://sre.example.com/pm/{page}</loc>");
        assert!(sitemap.contains(&loc), "sitemap lacks {page}");
    }
    assert!(!sitemap.contains("404.html"));
}

#[test]
fn all_puts_every_incident_of_a_list_on_one_page() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    corpus::write_corpus(&incidents, 150, 7);
    let site = dir.path().join("site");
    stdout_ok(&generated(&[
        "build",
        "--incidents",
        incidents.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--quiet",
        "--page-size",
        "all",
    ]));
    let index = read(&site, "index.html");
    assert_eq!(listed(&index).len(), 150);
    assert!(
        !index.contains("aria-label=\"Pages\""),
        "one page needs no pager"
    );
    assert!(!site.join("page").exists());
    let refused = generated(&["build", "--page-size", "none"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("a page size is a whole number"));
}

#[test]
fn search_finds_matches_whose_terms_and_titles_live_in_several_shards() {
    let site = &built().site;
    // Neither word is in the generator's sentences: the matches are exactly
    // the SEV1 incidents tagged batch, newest first, the newest 50 shown.
    let rows = incidents_json();
    let hits: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows[i]["severity"] == "SEV1" && rows[i]["tags"].to_string().contains("\"batch\"")
        })
        .collect();
    let shown = &hits[..hits.len().min(50)];
    let expected: Vec<&str> = shown
        .iter()
        .map(|&i| rows[i]["title"].as_str().unwrap())
        .collect();
    let mut chunks: Vec<String> = shown
        .iter()
        .map(|i| format!("search/docs-{}.js", i / 500))
        .collect();
    chunks.dedup();
    assert!(
        chunks.len() > 1,
        "the results come from several docs shards"
    );
    if !require_tool("node") {
        return;
    }
    let output = Command::new("node")
        .arg("tests/search_harness.js")
        .arg(site)
        .arg("SEV1 batch")
        .output()
        .unwrap();
    let report: Value = serde_json::from_str(&stdout_ok(&output)).unwrap();
    assert_eq!(report["before"], 0, "nothing loads before the box is used");
    assert_eq!(report["formShown"], true);
    let strings = |key: &str| -> Vec<String> {
        report[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(strings("results"), expected);
    let mut wanted = vec![
        "search/terms-se.js".to_string(),
        "search/terms-ba.js".to_string(),
    ];
    wanted.extend(chunks);
    assert_eq!(strings("loaded"), wanted, "only the shards the query needs");
}

#[test]
fn incidents_json_and_csv_agree_with_export() {
    let site = &built().site;
    let export = stdout_ok(&generated(&[
        "export",
        built().incidents.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]));
    let exported: BTreeMap<String, Value> = serde_json::from_str::<Vec<Value>>(&export)
        .unwrap()
        .into_iter()
        .map(|e| (e["id"].as_str().unwrap().to_string(), e))
        .collect();
    let rows = incidents_json();
    assert_eq!(rows.len(), INCIDENTS);
    let mut csv = csv::Reader::from_path(site.join("incidents.csv")).unwrap();
    let header: Vec<String> = csv.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), INCIDENTS);
    let metrics = [
        "impact_start",
        "impact_end",
        "duration_seconds",
        "time_to_detect_seconds",
        "time_to_respond_seconds",
        "time_to_mitigate_seconds",
        "time_to_resolve_seconds",
        "customers",
        "customer_minutes",
    ];
    for (row, record) in rows.iter().zip(&records) {
        let id = row["id"].as_str().unwrap();
        let e = &exported[id];
        assert_eq!(row["title"], e["title"]);
        assert_eq!(row["severity"], e["severity"]);
        assert_eq!(row["status"], e["status"]);
        let cell = |name: &str| &record[header.iter().position(|h| h == name).unwrap()];
        assert_eq!(cell("id"), id);
        for key in metrics {
            assert_eq!(row[key], e["metrics"][key], "{id} {key}");
            let expected = match &e["metrics"][key] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            assert_eq!(cell(key), expected, "{id} {key} in the CSV");
        }
        assert_eq!(row["approximate"], e["metrics"]["approximate"]);
        assert_eq!(cell("services"), "checkout; search", "{id}");
        assert_eq!(cell("vendors"), "CDN Co; CloudCo");
    }
}

#[test]
fn every_page_of_1000_incidents_is_valid_html_and_every_link_resolves() {
    let site = &built().site;
    assert_valid_html(site);
    // Every link of every page, incident pages included, by our own resolver...
    assert_links_resolve(site);
    // ...and the outside link checker over every list page and the links they hold
    // (each incident page among them), without parsing the 1,000 incident pages,
    // which took it four minutes on a 2-core machine.
    if require_tool("linkchecker") {
        let _ = Command::new("chmod")
            .args(["-R", "a+rX", site.to_str().unwrap()])
            .status();
        let checker = Command::new("linkchecker")
            .args([
                "--no-status",
                "--no-warnings",
                "--no-follow-url=/incidents/",
            ])
            .arg(site.join("index.html"))
            .output()
            .unwrap();
        assert!(
            checker.status.success(),
            "linkchecker:\n{}",
            String::from_utf8_lossy(&checker.stdout)
        );
    }
}

#[test]
fn the_link_resolver_finds_a_link_that_leads_nowhere() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("incidents/a")).unwrap();
    std::fs::write(dir.path().join("incidents/a/index.html"), "<p>a</p>").unwrap();
    let page = r#"<a href="incidents/a/">a</a> <a href="incidents/a/index.html#x">a</a> <a href="https://example.com/">out</a>"#;
    std::fs::write(dir.path().join("index.html"), page).unwrap();
    assert_links_resolve(dir.path());
    std::fs::write(
        dir.path().join("index.html"),
        format!(r#"{page} <img src="incidents/b/pic%20one.svg" alt="">"#),
    )
    .unwrap();
    let failure = std::panic::catch_unwind(|| assert_links_resolve(dir.path()))
        .expect_err("a missing picture is a broken link");
    let message = failure
        .downcast_ref::<String>()
        .cloned()
        .unwrap_or_default();
    assert!(
        message.contains("1 links lead nowhere")
            && message.contains("index.html: incidents/b/pic%20one.svg"),
        "{message}"
    );
}

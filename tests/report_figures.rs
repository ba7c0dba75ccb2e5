//! The leadership report over a generated corpus: 300 incidents over three years,
//! eight services, four vendors. Every figure the report gives (recurrences after
//! fixes, time to publish, stale post-mortems, per-service counts and medians,
//! per-quarter medians, vendors' first communication) is computed again here from
//! what the generator wrote, without rootline, and compared.

mod common;

use chrono::{Datelike, Duration, NaiveDate};
use rootline::text::format::format_duration;
use rootline::view::report::{report, Judged, Period, ReportSection};
use rootline::workspace::{Corpus, Options};
use std::collections::BTreeMap;
use std::path::Path;

const SERVICES: [&str; 8] = [
    "checkout",
    "search",
    "login",
    "payments",
    "catalogue",
    "email",
    "mobile-api",
    "reporting",
];
const VENDORS: [&str; 4] = ["Acme Cloud", "Globex DNS", "Initech CDN", "Umbrella Pay"];
const CATEGORIES: [&str; 6] = [
    "certificate-expiry",
    "capacity",
    "configuration",
    "dependency",
    "deployment",
    "monitoring-gap",
];
const STALE_DAYS: i64 = 14;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Publication {
    Dated(NaiveDate),
    Undated,
    Review,
    Draft,
}

#[derive(Debug, Clone)]
struct Fix {
    done: bool,
    completed: Option<NaiveDate>,
}

/// What the generator decided for one incident: the truth the report is checked against.
#[derive(Debug, Clone)]
struct Spec {
    id: String,
    date: NaiveDate,
    hour: u32,
    detect_minutes: Option<i64>,
    duration_minutes: Option<i64>,
    resolve_minutes: Option<i64>,
    customers: u64,
    services: Vec<&'static str>,
    category: &'static str,
    suspected: bool,
    vendor: Option<(usize, Option<i64>)>,
    fix: Fix,
    publication: Publication,
}

fn generate() -> Vec<Spec> {
    let mut random = Random(0x5eed_1234_abcd);
    let first = NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    (0..300)
        .map(|i| {
            let date = first + Duration::days(i * 1095 / 300 + random.below(3) as i64);
            let detect = (random.below(10) > 0).then(|| 1 + random.below(180) as i64);
            let duration = (random.below(20) > 0).then(|| 200 + random.below(600) as i64);
            let resolve = duration.map(|d| d + random.below(90) as i64);
            let service = SERVICES[random.below(8) as usize];
            let mut services = vec![service];
            if random.below(3) == 0 {
                let other = SERVICES[random.below(8) as usize];
                if other != service {
                    services.push(other);
                }
            }
            let vendor = (random.below(2) == 0).then(|| {
                let which = random.below(4) as usize;
                let delay = (random.below(6) > 0).then(|| random.below(240) as i64 - 20);
                (which, delay)
            });
            let fix = match random.below(10) {
                0..=6 => Fix {
                    done: true,
                    completed: Some(date + Duration::days(1 + random.below(60) as i64)),
                },
                7 => Fix {
                    done: true,
                    completed: None,
                },
                _ => Fix {
                    done: false,
                    completed: None,
                },
            };
            let publication = match random.below(20) {
                0..=15 => Publication::Dated(date + Duration::days(2 + random.below(45) as i64)),
                16 => Publication::Undated,
                17 | 18 => Publication::Review,
                _ => Publication::Draft,
            };
            Spec {
                id: format!("{date}-incident-{i:03}"),
                date,
                hour: 1 + random.below(18) as u32,
                detect_minutes: detect,
                duration_minutes: duration,
                resolve_minutes: resolve,
                customers: 100 + random.below(50_000),
                services,
                category: CATEGORIES[random.below(6) as usize],
                suspected: random.below(8) == 0,
                vendor,
                fix,
                publication,
            }
        })
        .collect()
}

fn at(spec: &Spec, minutes: i64) -> String {
    let start = spec.date.and_hms_opt(spec.hour, 0, 0).unwrap();
    (start + Duration::minutes(minutes))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn yaml(spec: &Spec) -> String {
    let (status, published) = match &spec.publication {
        Publication::Dated(day) => ("published", format!("published: {day}\n")),
        Publication::Undated => ("published", "allow: [unrecorded-publication]\n".to_string()),
        Publication::Review => ("review", String::new()),
        Publication::Draft => ("draft", String::new()),
    };
    let mut parties = "  - {id: us, name: Us, role: operator}\n".to_string();
    let mut events = format!(
        "  - {{at: {}, kind: impact_start, title: Customers see errors, caused_by: [root]}}\n",
        at(spec, 0)
    );
    if let Some(m) = spec.detect_minutes {
        events += &format!(
            "  - {{at: {}, kind: detection, title: The error-rate alert fires}}\n",
            at(spec, m)
        );
    }
    if let Some(m) = spec.duration_minutes {
        events += &format!(
            "  - {{at: {}, kind: impact_end, title: Errors stop}}\n",
            at(spec, m)
        );
    }
    if let Some(m) = spec.resolve_minutes {
        events += &format!(
            "  - {{at: {}, kind: resolution, title: Resolved}}\n",
            at(spec, m)
        );
    }
    if let Some((vendor, delay)) = spec.vendor {
        parties += &format!(
            "  - {{id: vendor, name: {}, role: vendor}}\n",
            VENDORS[vendor]
        );
        if let Some(d) = delay {
            events += &format!(
                "  - {{at: {}, kind: communication, actor: vendor, title: The vendor posts an update}}\n",
                at(spec, d)
            );
        }
    }
    let status_line = if spec.suspected {
        "    status: suspected\n"
    } else {
        ""
    };
    let fix_status = if spec.fix.done { "done" } else { "open" };
    let completed = spec
        .fix
        .completed
        .map_or(String::new(), |day| format!("    completed: {day}\n"));
    format!(
        "title: Incident {id}\nstatus: {status}\n{published}severity: SEV2\nsummary: Something failed.\nimpact:\n  description: Customers saw errors.\n  customers: {customers}\n  services: [{services}]\nparties:\n{parties}events:\n{events}causes:\n  - id: root\n    title: The underlying fault\n    category: {category}\n{status_line}action_items:\n  - id: fix\n    title: Fix the underlying fault\n    owner: sre\n    status: {fix_status}\n{completed}    addresses: [root]\n",
        id = spec.id,
        customers = spec.customers,
        services = spec.services.join(", "),
        category = spec.category,
    )
}

const CONFIG: &str = r#"[site]
title = "Generated post-mortems"
as_of = "2026-01-15"

[checks]
stale_days = 14

[vocabulary.services]
checkout = "Checkout"
search = "Search"
login = "Login"
payments = "Payments"
catalogue = "Catalogue"
email = "Email"
mobile-api = "Mobile API"
reporting = "Reporting"
"#;

fn write_corpus(dir: &Path, specs: &[Spec]) {
    std::fs::write(dir.join("rootline.toml"), CONFIG).unwrap();
    let incidents = dir.join("incidents");
    std::fs::create_dir_all(&incidents).unwrap();
    for spec in specs {
        std::fs::write(incidents.join(format!("{}.yaml", spec.id)), yaml(spec)).unwrap();
    }
}

/// The nearest-rank percentile, written out again here.
fn nearest_rank(values: &[i64], p: usize) -> Option<i64> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    Some(sorted[rank - 1])
}

fn all_time(corpus_dir: &Path) -> ReportSection {
    let options = Options::new(as_of());
    let corpus = Corpus::check(&[corpus_dir.join("incidents")], &options).unwrap();
    let errors: Vec<_> = corpus.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{:?}", &errors[..errors.len().min(3)]);
    let on_site: Vec<_> = corpus
        .incidents
        .iter()
        .filter(|a| a.validated.incident.status != rootline::model::Status::Draft)
        .collect();
    let mut judged = Judged::new(as_of(), &Default::default());
    judged.stale_days = STALE_DAYS as u32;
    let view = report(&on_site, &[Period::all_time()], &judged);
    view.sections.into_iter().next().unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: std::path::PathBuf,
    specs: Vec<Spec>,
    section: ReportSection,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: std::sync::OnceLock<Fixture> = std::sync::OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let specs = generate();
        write_corpus(dir.path(), &specs);
        let section = all_time(dir.path());
        Fixture {
            root: dir.path().to_path_buf(),
            _dir: dir,
            // Drafts are not on the site, so the report does not count them.
            specs: specs
                .into_iter()
                .filter(|s| s.publication != Publication::Draft)
                .collect(),
            section,
        }
    })
}

#[test]
fn the_generated_corpus_spans_three_years_eight_services_and_four_vendors() {
    let f = fixture();
    let all = generate();
    assert_eq!(all.len(), 300);
    assert!(all
        .iter()
        .all(|s| s.date.year() >= 2023 && s.date.year() <= 2025));
    let services: std::collections::BTreeSet<_> =
        all.iter().flat_map(|s| s.services.clone()).collect();
    assert_eq!(services.len(), 8);
    let vendors: std::collections::BTreeSet<_> =
        all.iter().filter_map(|s| s.vendor.map(|v| v.0)).collect();
    assert_eq!(vendors.len(), 4);
    assert_eq!(f.section.incident_count, f.specs.len());
}

#[test]
fn recurrences_after_fixes_match_a_count_made_from_the_generated_truth() {
    let f = fixture();
    // A fix: a done item of an incident, on its completion day or else the incident's.
    let fixes: Vec<(&Spec, NaiveDate)> = f
        .specs
        .iter()
        .filter(|s| s.fix.done)
        .map(|s| (s, s.fix.completed.unwrap_or(s.date)))
        .collect();
    let later = |spec: &Spec, done: NaiveDate| -> Vec<&Spec> {
        let mut later: Vec<&Spec> = f
            .specs
            .iter()
            .filter(|o| o.category == spec.category && o.date > done)
            .collect();
        later.sort_by_key(|o| (o.date, o.id.clone()));
        later
    };
    let recurred = fixes
        .iter()
        .filter(|(s, done)| !later(s, *done).is_empty())
        .count();
    let unrecorded = fixes
        .iter()
        .filter(|(s, _)| s.fix.completed.is_none())
        .count();
    let held = &f.section.fixes;
    assert_eq!(held.done, fixes.len());
    assert_eq!(held.recurred, recurred);
    assert_eq!(held.unrecorded, unrecorded);
    assert_eq!(held.rows.len(), recurred.min(10));
    for row in &held.rows {
        let (spec, done) = fixes.iter().find(|(s, _)| s.id == row.incident.id).unwrap();
        let expected = later(spec, *done);
        assert_eq!(row.later_count, expected.len(), "{}", row.incident.id);
        assert_eq!(row.done, done.to_string());
        assert_eq!(row.recorded, spec.fix.completed.is_some());
        let first = &row.later[0];
        assert_eq!(first.incident.id, expected[0].id);
        assert_eq!(first.days, (expected[0].date - *done).num_days());
        assert_eq!(first.suspected, expected[0].suspected);
    }
    // The most recurrences first.
    assert!(held
        .rows
        .windows(2)
        .all(|w| w[0].later_count >= w[1].later_count));
}

#[test]
fn time_to_publish_and_the_stale_list_match_the_generated_days() {
    let f = fixture();
    let days: Vec<i64> = f
        .specs
        .iter()
        .filter_map(|s| match s.publication {
            Publication::Dated(day) => Some((day - s.date).num_days()),
            _ => None,
        })
        .collect();
    let publishing = &f.section.publishing;
    assert_eq!(publishing.days.known, days.len());
    assert_eq!(publishing.days.p50_value, nearest_rank(&days, 50));
    assert_eq!(publishing.days.p90_value, nearest_rank(&days, 90));
    assert_eq!(
        publishing.days.p50,
        nearest_rank(&days, 50).map(|d| format!("{d} days"))
    );
    let undated = f
        .specs
        .iter()
        .filter(|s| s.publication == Publication::Undated)
        .count();
    assert_eq!(publishing.undated, undated);
    let stale: Vec<&Spec> = f
        .specs
        .iter()
        .filter(|s| {
            s.publication == Publication::Review && (as_of() - s.date).num_days() > STALE_DAYS
        })
        .collect();
    assert_eq!(publishing.stale_count, stale.len());
    assert_eq!(publishing.stale_days, 14);
    let oldest = stale.iter().min_by_key(|s| s.date).unwrap();
    assert_eq!(publishing.stale[0].incident.id, oldest.id);
    assert_eq!(
        publishing.stale[0].days_value,
        (as_of() - oldest.date).num_days()
    );
}

#[test]
fn per_service_counts_customer_minutes_and_medians_match() {
    let f = fixture();
    assert_eq!(f.section.services.len(), 8);
    for row in &f.section.services {
        let of: Vec<&Spec> = f
            .specs
            .iter()
            .filter(|s| s.services.contains(&row.service.name.as_str()))
            .collect();
        assert_eq!(row.incidents, of.len(), "{}", row.service.name);
        let minutes: u64 = of
            .iter()
            .filter_map(|s| s.duration_minutes.map(|d| s.customers * d as u64))
            .sum();
        assert_eq!(row.customer_minutes_value, minutes, "{}", row.service.name);
        let unknown = of.iter().filter(|s| s.duration_minutes.is_none()).count();
        assert_eq!(row.customer_minutes_unknown, unknown);
        let detect: Vec<i64> = of
            .iter()
            .filter_map(|s| s.detect_minutes.map(|m| m * 60))
            .collect();
        let resolve: Vec<i64> = of
            .iter()
            .filter_map(|s| s.resolve_minutes.map(|m| m * 60))
            .collect();
        assert_eq!(
            row.detect.p50_value,
            nearest_rank(&detect, 50),
            "{}",
            row.service.name
        );
        assert_eq!(
            row.detect.p50,
            nearest_rank(&detect, 50).map(format_duration)
        );
        assert_eq!(
            row.resolve.p50_value,
            nearest_rank(&resolve, 50),
            "{}",
            row.service.name
        );
        assert_eq!(row.detect.known, detect.len());
    }
    let counts: Vec<usize> = f.section.services.iter().map(|r| r.incidents).collect();
    assert!(
        counts.windows(2).all(|w| w[0] >= w[1]),
        "most affected first: {counts:?}"
    );
}

#[test]
fn per_quarter_medians_match_and_thin_quarters_give_none() {
    let f = fixture();
    let mut by_quarter: BTreeMap<String, Vec<&Spec>> = BTreeMap::new();
    for s in &f.specs {
        let key = format!("{}-Q{}", s.date.year(), s.date.month0() / 3 + 1);
        by_quarter.entry(key).or_default().push(s);
    }
    assert_eq!(f.section.quarters.len(), 12);
    for row in &f.section.quarters {
        let of = by_quarter.get(&row.quarter).cloned().unwrap_or_default();
        assert_eq!(row.incidents, of.len(), "{}", row.quarter);
        let duration: Vec<i64> = of
            .iter()
            .filter_map(|s| s.duration_minutes.map(|m| m * 60))
            .collect();
        let detect: Vec<i64> = of
            .iter()
            .filter_map(|s| s.detect_minutes.map(|m| m * 60))
            .collect();
        for (figure, values) in [(&row.duration, &duration), (&row.detect, &detect)] {
            assert_eq!(figure.enough, values.len() >= 3, "{}", row.quarter);
            assert_eq!(figure.spread.known, values.len());
            if figure.enough {
                assert_eq!(
                    figure.spread.p50_value,
                    nearest_rank(values, 50),
                    "{}",
                    row.quarter
                );
                assert_eq!(
                    figure.spread.p90_value,
                    nearest_rank(values, 90),
                    "{}",
                    row.quarter
                );
            } else {
                assert_eq!(figure.spread.p50, None);
            }
        }
    }
}

#[test]
fn vendors_first_communication_delays_match() {
    let f = fixture();
    assert_eq!(f.section.vendors.len(), 4);
    for row in &f.section.vendors {
        let which = VENDORS.iter().position(|v| *v == row.vendor.name).unwrap();
        let of: Vec<&Spec> = f
            .specs
            .iter()
            .filter(|s| s.vendor.map(|v| v.0) == Some(which))
            .collect();
        let delays: Vec<i64> = of
            .iter()
            .filter_map(|s| s.vendor.and_then(|v| v.1).map(|d| d * 60))
            .collect();
        assert_eq!(row.incidents, of.len());
        assert_eq!(row.first_word.known, delays.len(), "{}", row.vendor.name);
        assert_eq!(row.silent, of.len() - delays.len());
        assert_eq!(
            row.first_word.p50_value,
            nearest_rank(&delays, 50),
            "{}",
            row.vendor.name
        );
    }
}

#[test]
fn the_built_site_shows_the_new_sections_and_an_incident_names_the_fix_that_did_not_hold() {
    let f = fixture();
    let out = f.root.join("site");
    let output = common::rootline_in(&f.root, &["build", "--out", "site", "--quiet"]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    for heading in [
        "Trends by quarter",
        "By service",
        "Did the fix hold?",
        "Time to publish",
        "Stale post-mortems",
        "First word, median",
    ] {
        assert!(report.contains(heading), "{heading}");
    }
    let held = &f.section.fixes;
    assert!(report.contains(&format!(
        "Of {} fixes done, {} were followed",
        held.done, held.recurred
    )));
    // The first recurrence of the top row says so on its own page.
    let row = &held.rows[0];
    let later = &row.later[0];
    let page =
        std::fs::read_to_string(out.join(format!("incidents/{}/index.html", later.incident.id)))
            .unwrap();
    assert!(
        page.contains("Did earlier fixes hold?"),
        "{}",
        later.incident.id
    );
    assert!(
        page.contains("a cause of the same category recurred"),
        "{}",
        later.incident.id
    );
    // Every link of the new sections leads somewhere, and outside validators accept
    // the report and a page with a recurrence (only those: 300 pages would be slow).
    common::assert_links_resolve(&out);
    let checked = f.root.join("validated");
    std::fs::create_dir_all(checked.join("incidents")).unwrap();
    for name in ["index.html", "report.md"] {
        std::fs::copy(out.join("report").join(name), checked.join(name)).unwrap();
    }
    std::fs::copy(
        out.join(format!("incidents/{}/index.html", later.incident.id)),
        checked.join("incidents/index.html"),
    )
    .unwrap();
    common::assert_valid_html(&checked);
    common::assert_lint_clean_markdown(&checked);
    let markdown = common::rootline_in(&f.root, &["report", "--format", "md"]);
    let text = common::stdout_ok(&markdown);
    assert!(text.contains("### Did the fix hold? (all time)"));
    assert!(text.contains(&format!(
        "{} post-mortems in draft or review for more than 14 days",
        f.section.publishing.stale_count
    )));
}

/// Writes the corpus where `REPORT_CORPUS_OUT` says, to look at its report
/// (docs/screenshots): `REPORT_CORPUS_OUT=/tmp/c cargo test --test report_figures -- --ignored`.
#[test]
#[ignore = "writes the corpus for screenshots; run by hand"]
fn write_the_corpus_for_screenshots() {
    let out = std::env::var_os("REPORT_CORPUS_OUT").expect("set REPORT_CORPUS_OUT");
    write_corpus(Path::new(&out), &generate());
}

#[test]
fn a_quarter_with_fewer_than_three_known_values_says_how_many_instead_of_a_median() {
    // The examples: one incident in Q1 2017, two in Q4 2018.
    let output = common::rootline(&["report", "--format", "md", "--as-of", "2026-11-28"]);
    let text = common::stdout_ok(&output);
    assert!(
        text.contains(
            "| Q1 2017 | 1 | only 1 known | only 1 known | only 1 known | only 1 known |"
        ),
        "{text}"
    );
    assert!(text.contains("| Q4 2018 | 2 | only 2 known |"), "{text}");
    assert!(text.contains("| Q2 2017 | 0 | none known |"), "{text}");
}

#[test]
fn one_page_served_names_the_same_earlier_fixes_as_the_built_site() {
    let f = fixture();
    let options = Options::new(as_of());
    let corpus = Corpus::check(&[f.root.join("incidents")], &options).unwrap();
    let all: Vec<_> = corpus.incidents.iter().collect();
    let whole = rootline::analysis::History::new(&all);
    let mut noted = 0;
    for i in 0..all.len() {
        let served = rootline::analysis::History::for_incident(&all, i);
        let built = rootline::view::incident::recurrences(&whole, &all, i);
        assert_eq!(
            rootline::view::incident::recurrences(&served, &all, i),
            built,
            "{i}"
        );
        noted += built.len();
    }
    assert!(noted > 100, "{noted} notes");
}

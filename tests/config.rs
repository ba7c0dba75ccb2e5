//! rootline.toml: found like Cargo.toml, overridden by `--config`, and every key valid,
//! wrong (named at its line and column), or absent (today's behaviour).

mod common;

use common::{incidents_with_fixture, rootline_in};
use rootline::config::parse::parse;
use rootline::config::{Config, ConfigError, Terminology, Unknown};
use rootline::diagnostic::Code;
use std::path::Path;

/// The settings `text` gives, as `rootline.toml`.
fn settings(text: &str) -> Config {
    parse(Path::new("rootline.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

/// The one line a wrong `text` is reported with.
fn mistake(text: &str) -> String {
    match parse(Path::new("rootline.toml"), text) {
        Err(e @ ConfigError::Invalid { .. }) => e.to_string(),
        other => panic!("not a mistake: {other:?}"),
    }
}

#[test]
fn an_empty_file_is_todays_behaviour() {
    assert_eq!(settings(""), Config::default());
    assert_eq!(settings("# nothing yet\n"), Config::default());
}

#[test]
fn a_toml_syntax_error_is_named_at_its_line() {
    assert!(mistake("[site]\ntitle = \"unclosed\n").starts_with("rootline.toml:2:"));
}

#[test]
fn an_unknown_table_is_named_with_the_table_meant() {
    assert_eq!(
        mistake("[sites]\ntitle = \"x\"\n"),
        "rootline.toml:1:2: unknown key 'sites' in the file; did you mean 'site'?"
    );
}

#[test]
fn site_texts_are_read_and_a_number_for_text_is_named() {
    let config = settings(
        "[site]\ntitle = \"Acme post-mortems\"\norganisation = \"Acme\"\ndescription = \"What went wrong.\"\nlogo = \"assets/logo.svg\"\n",
    );
    assert_eq!(config.site.title.as_deref(), Some("Acme post-mortems"));
    assert_eq!(config.site.organisation.as_deref(), Some("Acme"));
    assert_eq!(config.site.description.as_deref(), Some("What went wrong."));
    assert_eq!(config.site.logo, Some("assets/logo.svg".into()));
    assert_eq!(
        mistake("[site]\ntitle = 3\n"),
        "rootline.toml:2:9: `title` is text, not integer: write title = \"...\""
    );
    assert_eq!(
        mistake("[site]\norganization = \"Acme\"\n"),
        "rootline.toml:2:1: unknown key 'organization' in [site]; did you mean 'organisation'?"
    );
    assert_eq!(settings("[site]\n").site.title, None);
}

#[test]
fn base_url_must_be_an_address() {
    let url = "https://sre.acme.example/postmortems/";
    let config = settings(&format!("[site]\nbase_url = \"{url}\"\n"));
    assert_eq!(config.site.base_url.as_deref(), Some(url));
    assert!(mistake("[site]\nbase_url = \"sre.acme.example\"\n")
        .starts_with("rootline.toml:2:12: `base_url` = \"sre.acme.example\" is not an address"));
    assert_eq!(settings("").site.base_url, None);
}

#[test]
fn terminology_is_one_of_two_wordings() {
    assert_eq!(
        settings("[site]\nterminology = \"contributing-factors\"\n").terminology,
        Terminology::ContributingFactors
    );
    assert_eq!(
        mistake("[site]\nterminology = \"contributing-factor\"\n"),
        "rootline.toml:2:15: `terminology` cannot be \"contributing-factor\"; did you mean 'contributing-factors'?"
    );
    assert_eq!(settings("").terminology, Terminology::RootCauses);
}

#[test]
fn severities_are_a_scale_worst_first_in_the_order_of_the_file() {
    let config = settings("[severities]\nSEV1 = \"Outage\"\nSEV2 = \"Degraded\"\n");
    assert_eq!(config.severities.names(), ["SEV1", "SEV2"]);
    assert_eq!(config.severities.definition("SEV2"), Some("Degraded"));
    assert!(!config.severities.allows("SEV3"));
    // A team's own names, ranked by where they stand.
    let own = settings("[severities]\nP1 = \"Down\"\nP2 = \"Slow\"\nP3 = \"Cosmetic\"\n");
    assert_eq!(own.severities.names(), ["P1", "P2", "P3"]);
    assert_eq!(own.severities.rank("P3"), Some(3));
    assert_eq!(own.severities.middle(), "P2");
    assert_eq!(
        mistake("[severities]\nP1 = \"Down\"\n\"P 2\" = \"Slow\"\n"),
        "rootline.toml:3:1: severity level 'P 2' is not a name; name levels with letters, digits, - and _, as in SEV1 or P1"
    );
    assert_eq!(
        mistake("[severities]\nP1 = \"Down\"\np1 = \"Also down\"\n"),
        "rootline.toml:3:1: severity level 'p1' is already on the scale as 'P1'"
    );
    let absent = settings("");
    assert_eq!(absent.severities.names().len(), 5);
    assert!(absent.severities.allows("SEV5"));
    assert_eq!(absent.severities.definition("SEV1"), None);
    assert_eq!(absent.severities.middle(), "SEV3");
}

#[test]
fn a_scale_of_its_own_names_checks_ranks_and_shows_every_level() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("rootline.toml"),
        "[severities]\nP1 = \"Customers cannot pay\"\nP2 = \"Customers are slowed\"\nP3 = \"Internal only\"\nP4 = \"Cosmetic\"\n",
    )
    .unwrap();
    let incidents = common::incidents_with_fixture(dir.path());
    let file = incidents.join("2024-03-01-checkout-errors.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, yaml.replace("severity: SEV2", "severity: P2")).unwrap();
    let check = common::rootline_in(dir.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let build = common::rootline_in(dir.path(), &["build", "--out", "site", "--quiet"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let page = read(
        dir.path(),
        "incidents/2024-03-01-checkout-errors/index.html",
    );
    assert!(
        page.contains("<span class=\"badge sev-2\" title=\"Customers are slowed\">P2</span>"),
        "{page}"
    );
    assert!(read(dir.path(), "severity/p2.html").contains("1 incident of severity P2"));
    let report = read(dir.path(), "report/report.md");
    assert!(
        report.contains("| Month | P1 | P2 | P3 | P4 | All |"),
        "{report}"
    );
    assert!(
        report.contains("Incidents: 1 (P1: 0, P2: 1, P3: 0, P4: 0)"),
        "{report}"
    );
    // A level the scale lacks is an error at its place, with the scale as the hint.
    std::fs::write(&file, &yaml).unwrap();
    let refused = common::rootline_in(dir.path(), &["check"]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("error[E0041]: severity SEV2 is not on the scale of rootline.toml"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the scale in rootline.toml is P1, P2, P3, P4"),
        "{stderr}"
    );
    let new = common::rootline_in(dir.path(), &["new", "2024-04-01-next"]);
    assert!(new.status.success());
    let drafted = std::fs::read_to_string(incidents.join("2024-04-01-next.yaml")).unwrap();
    assert!(
        drafted.contains("\nseverity: P3 "),
        "the middle of four levels: {drafted}"
    );
}

#[test]
fn vocabulary_lists_are_read_in_file_order_with_their_descriptions() {
    let config = settings(
        "[vocabulary]\nunknown = \"warning\"\n[vocabulary.categories]\nnetwork = \"A network fault\"\ncertificate-expiry = \"A certificate expired\"\n[vocabulary.services]\ncheckout = \"Checkout\"\n[vocabulary.owners]\nsre = \"SRE\"\n",
    );
    let vocabulary = &config.vocabulary;
    assert_eq!(vocabulary.unknown, Unknown::Warning);
    let categories = vocabulary.categories.as_ref().unwrap();
    assert_eq!(
        categories.names().collect::<Vec<_>>(),
        ["network", "certificate-expiry"]
    );
    assert_eq!(
        categories.description("certificate-expiry"),
        Some("A certificate expired")
    );
    assert!(vocabulary.services.as_ref().unwrap().contains("checkout"));
    assert!(vocabulary.owners.as_ref().unwrap().contains("sre"));
    let absent = settings("");
    assert_eq!(absent.vocabulary.unknown, Unknown::Error);
    assert!(absent.vocabulary.categories.is_none());
}

#[test]
fn vocabulary_mistakes_are_named_at_their_position() {
    assert_eq!(
        mistake("[vocabulary]\nunknown = \"warn\"\n"),
        "rootline.toml:2:11: `unknown` cannot be \"warn\"; did you mean 'warning'?"
    );
    assert_eq!(
        mistake("[vocabulary.categories]\nCert_Expiry = \"x\"\n"),
        "rootline.toml:2:1: category 'Cert_Expiry' is not a slug; write lower-case letters, digits and dashes, as in incident files"
    );
    assert_eq!(
        mistake("[vocabulary.services]\ncheckout = 1\n"),
        "rootline.toml:2:12: `checkout` is text, not integer: write checkout = \"...\""
    );
    assert_eq!(
        mistake("[vocabulary.owner]\nsre = \"SRE\"\n"),
        "rootline.toml:1:13: unknown key 'owner' in [vocabulary]; did you mean 'owners'?"
    );
}

#[test]
fn checks_take_warnings_by_name_or_code_and_refuse_errors() {
    let config = settings(
        "[checks]\nallow = [\"overdue-action\", \"W0006\"]\ndeny = [\"unaddressed-root-cause\"]\nstale_days = 14\n[checks.phrases]\n\"just restart\" = \"say what made restarting the reasonable step\"\n",
    );
    assert_eq!(
        config.checks.allow,
        [Code::OverdueAction, Code::BlameLanguage]
    );
    assert_eq!(config.checks.deny, [Code::UnaddressedRootCause]);
    assert_eq!(config.checks.stale_days, Some(14));
    assert_eq!(
        config.checks.phrases,
        [(
            "just restart".to_string(),
            "say what made restarting the reasonable step".to_string()
        )]
    );
    assert_eq!(
        mistake("[checks]\nallow = [\"overdue-actions\"]\n"),
        "rootline.toml:2:10: no check is called 'overdue-actions'; did you mean 'overdue-action'?"
    );
    assert_eq!(
        mistake("[checks]\ndeny = [\"E0003\"]\n"),
        "rootline.toml:2:9: E0003 (dangling-reference) is an error, not a warning; only warnings can be turned off or made errors"
    );
    assert_eq!(
        mistake("[checks]\nstale_days = 0\n"),
        "rootline.toml:2:14: `stale_days` is a whole number of days, at least 1"
    );
    let absent = settings("");
    assert!(absent.checks.allow.is_empty() && absent.checks.phrases.is_empty());
    assert_eq!(absent.checks.stale_days, None);
}

#[test]
fn the_file_init_writes_shows_every_key_and_each_setting_parses() {
    let template = rootline::scaffold::CONFIG_TEMPLATE;
    assert_eq!(settings(template), Config::default(), "all commented out");
    let uncommented: String = template
        .lines()
        .map(|line| match line.strip_prefix('#') {
            Some(setting) if !setting.starts_with(' ') && !setting.is_empty() => setting,
            _ => line,
        })
        .map(|line| format!("{line}\n"))
        .collect();
    let config = settings(&uncommented);
    assert_eq!(config.site.title.as_deref(), Some("Acme post-mortems"));
    assert!(config.site.organisation.is_some() && config.site.description.is_some());
    assert!(config.site.logo.is_some() && config.site.base_url.is_some());
    assert!(config.as_of.is_some());
    assert_eq!(config.terminology, Terminology::ContributingFactors);
    assert_eq!(config.severities.names(), ["SEV1", "SEV2", "SEV3"]);
    let vocabulary = &config.vocabulary;
    assert!(vocabulary.categories.is_some() && vocabulary.services.is_some());
    assert!(vocabulary.owners.is_some());
    assert!(!config.checks.allow.is_empty() && !config.checks.deny.is_empty());
    assert!(config.checks.stale_days.is_some() && !config.checks.phrases.is_empty());
}

#[test]
fn the_nearest_file_above_is_read_and_config_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    incidents_with_fixture(dir.path());
    std::fs::write(dir.path().join("rootline.toml"), "[site]\ntitel = \"x\"\n").unwrap();
    let below = dir.path().join("incidents");
    let from_below = rootline_in(&below, &["check", "."]);
    assert_eq!(from_below.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&from_below.stderr);
    assert!(
        shown.contains("error[E0040]: unknown key 'titel' in [site]"),
        "{shown}"
    );
    assert!(shown.contains("rootline.toml:2:1"), "{shown}");
    assert!(shown.contains("2 | titel = \"x\""), "{shown}");
    assert!(shown.contains("help: did you mean 'title'?"), "{shown}");
    std::fs::write(dir.path().join("good.toml"), "[site]\ntitle = \"x\"\n").unwrap();
    let overridden = rootline_in(&below, &["check", ".", "--config", "../good.toml"]);
    assert_eq!(overridden.status.code(), Some(0));
    let built = rootline_in(dir.path(), &["build", "-q"]);
    assert_eq!(built.status.code(), Some(2), "build stops on it too");
    assert!(String::from_utf8_lossy(&built.stderr).contains("error[E0040]"));
}

#[test]
fn without_a_file_check_behaves_as_before() {
    let dir = tempfile::tempdir().unwrap();
    incidents_with_fixture(dir.path());
    assert_eq!(rootline_in(dir.path(), &["check"]).status.code(), Some(0));
    let missing = rootline_in(dir.path(), &["check", "--config", "nowhere.toml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere.toml"));
}

/// `check --format json` of the fixture `file` with the settings `toml`: exit code, and
/// each diagnostic as (severity, code, line).
fn checked_with(toml: &str, file: &str) -> (i32, Vec<(String, String, u64)>) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("rootline.toml");
    std::fs::write(&config, toml).unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let output = common::rootline(&[
        "check",
        "--format",
        "json",
        "--as-of",
        common::AS_OF,
        "--config",
        config.to_str().unwrap(),
        fixture.to_str().unwrap(),
    ]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let found = json
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap().to_string();
            (text("severity"), text("code"), d["line"].as_u64().unwrap())
        })
        .collect();
    (output.status.code().unwrap(), found)
}

const UNLISTED: &str = "tests/fixtures/broken/w0030-unlisted-value.yaml";
const OVERDUE: &str = "tests/fixtures/broken/w0005-overdue-action.yaml";

#[test]
fn an_unlisted_category_is_an_error_unless_unknown_says_warning() {
    let listed = "[vocabulary.categories]\ncertificate-expiry = \"A certificate expired\"\n";
    let error = (1, vec![("error".into(), "W0030".into(), 32)]);
    assert_eq!(checked_with(listed, UNLISTED), error);
    let warning = format!("[vocabulary]\nunknown = \"warning\"\n{listed}");
    assert_eq!(
        checked_with(&warning, UNLISTED),
        (0, vec![("warning".into(), "W0030".into(), 32)])
    );
    assert_eq!(checked_with("", UNLISTED), (0, vec![]), "no list, no rule");
}

#[test]
fn allow_turns_a_warning_off_and_deny_makes_it_an_error() {
    let (exit, found) = checked_with("", OVERDUE);
    assert_eq!(exit, 0);
    let line = found[0].2;
    assert_eq!(found, [("warning".into(), "W0005".into(), line)]);
    assert_eq!(
        checked_with("[checks]\nallow = [\"overdue-action\"]\n", OVERDUE),
        (0, vec![])
    );
    assert_eq!(
        checked_with("[checks]\ndeny = [\"W0005\"]\n", OVERDUE),
        (1, vec![("error".into(), "W0005".into(), line)])
    );
}

/// A repository with the fixture incident and `toml` as its rootline.toml.
fn repository(toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    incidents_with_fixture(dir.path());
    std::fs::write(dir.path().join("rootline.toml"), toml).unwrap();
    dir
}

fn built(dir: &Path, args: &[&str]) {
    let mut all = vec!["build", "-q", "--as-of", common::AS_OF];
    all.extend(args);
    let output = rootline_in(dir, &all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join("site").join(file)).unwrap()
}

#[test]
fn the_site_table_names_pages_the_header_and_the_feed_and_its_logo_is_copied() {
    let dir = repository(
        "[site]\ntitle = \"Acme post-mortems\"\norganisation = \"Acme\"\ndescription = \"What went wrong, and what we learned.\"\nlogo = \"assets/logo.svg\"\nbase_url = \"https://sre.acme.example/postmortems\"\n",
    );
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"24\"/>";
    std::fs::write(dir.path().join("assets/logo.svg"), svg).unwrap();
    built(dir.path(), &[]);
    let index = read(dir.path(), "index.html");
    assert!(index.contains("<title>Incidents · Acme post-mortems</title>"));
    assert!(index.contains(
        "<a class=\"brand\" href=\"index.html\"><img class=\"logo\" src=\"logo.svg\" alt=\"\" height=\"24\"> Acme post-mortems</a>"
    ));
    assert!(index.contains(
        "<p class=\"lede\">What went wrong, and what we learned. <span class=\"muted\">Acme</span></p>"
    ));
    let page = read(
        dir.path(),
        "incidents/2024-03-01-checkout-errors/index.html",
    );
    assert!(
        page.contains("src=\"../../logo.svg\""),
        "the logo from a page two folders down"
    );
    assert_eq!(read(dir.path(), "logo.svg"), svg);
    let feed = read(dir.path(), "feed.xml");
    assert!(feed.contains("<title>Acme post-mortems</title>"));
    assert!(feed.contains("<subtitle>What went wrong, and what we learned.</subtitle>"));
    assert!(feed.contains("<id>https://sre.acme.example/postmortems/feed.xml</id>"));
    assert!(feed.contains("<author><name>Acme</name></author>"));
    built(dir.path(), &["--base-url", "https://elsewhere.example/"]);
    assert!(read(dir.path(), "feed.xml").contains("<id>https://elsewhere.example/feed.xml</id>"));
}

#[test]
fn without_a_site_table_the_site_is_titled_as_before_and_a_missing_logo_is_named() {
    let dir = repository("");
    built(dir.path(), &[]);
    let index = read(dir.path(), "index.html");
    assert!(index.contains("<title>Incidents · Post-mortems</title>"));
    assert!(!index.contains("class=\"logo\""));
    assert!(read(dir.path(), "feed.xml").contains("<title>Post-mortems</title>"));
    std::fs::write(
        dir.path().join("rootline.toml"),
        "[site]\nlogo = \"logo.png\"\n",
    )
    .unwrap();
    let output = rootline_in(dir.path(), &["build", "-q"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("[site] logo in rootline.toml: ./logo.png is not a file"));
}

#[test]
fn pages_show_what_a_severity_means_where_it_appears() {
    let dir = repository(
        "[severities]\nSEV1 = \"Customer-facing outage of a core service\"\nSEV2 = \"Degraded core service & more\"\n",
    );
    built(dir.path(), &[]);
    let page = read(
        dir.path(),
        "incidents/2024-03-01-checkout-errors/index.html",
    );
    assert!(page.contains(
        "<span class=\"badge sev-2\" title=\"Degraded core service &amp; more\">SEV2</span>"
    ));
    assert!(page.contains(
        "<p class=\"meta severity-definition\">SEV2: Degraded core service &amp; more</p>"
    ));
    let markdown = read(
        dir.path(),
        "incidents/2024-03-01-checkout-errors/2024-03-01-checkout-errors.md",
    );
    assert!(
        markdown.contains("\n\nSEV2: Degraded core service & more\n"),
        "{markdown}"
    );
    assert!(read(dir.path(), "index.html").contains(
        "<a href=\"severity/sev2.html\" title=\"Degraded core service &amp; more\">SEV2 (1)</a>"
    ));
    assert!(read(dir.path(), "severity/sev2.html").contains(
        "1 incident of severity SEV2, newest first. SEV2: Degraded core service &amp; more."
    ));
    let without = repository("");
    built(without.path(), &[]);
    let plain = read(
        without.path(),
        "incidents/2024-03-01-checkout-errors/index.html",
    );
    assert!(plain.contains("<span class=\"badge sev-2\">SEV2</span>"));
    assert!(!plain.contains("severity-definition"));
}

const VOCABULARY: &str = "[severities]\nSEV1 = \"Outage\"\nSEV2 = \"Degraded\"\n[vocabulary.categories]\ncertificate-expiry = \"A certificate or key expired\"\nnetwork = \"A network fault\"\n[vocabulary.services]\ncheckout = \"The checkout flow\"\n[vocabulary.owners]\nsre = \"Site reliability\"\n";

#[test]
fn schema_inside_a_repository_lists_its_vocabularies_and_scale_as_enums() {
    let dir = repository(VOCABULARY);
    let schema: serde_json::Value =
        serde_json::from_str(&common::stdout_ok(&rootline_in(dir.path(), &["schema"]))).unwrap();
    let definitions = &schema["definitions"];
    assert_eq!(
        definitions["Cause"]["properties"]["category"]["enum"],
        serde_json::json!(["certificate-expiry", "network", null])
    );
    assert_eq!(
        definitions["Cause"]["properties"]["category"]["enumDescriptions"],
        serde_json::json!(["A certificate or key expired", "A network fault"])
    );
    assert_eq!(
        definitions["Impact"]["properties"]["services"]["items"]["enum"],
        serde_json::json!(["checkout"])
    );
    assert_eq!(
        definitions["ActionItem"]["properties"]["owner"]["enum"],
        serde_json::json!(["sre"])
    );
    assert_eq!(
        definitions["Severity"]["oneOf"],
        serde_json::json!([
            {"const": "SEV1", "description": "Outage", "type": "string"},
            {"const": "SEV2", "description": "Degraded", "type": "string"}
        ])
    );
    let plain = common::stdout_ok(&rootline_in(repository("").path(), &["schema"]));
    assert_eq!(
        plain,
        rootline::model::json_schema(),
        "no lists, the format's schema"
    );
}

#[test]
fn category_pages_show_the_description_rootline_toml_gives() {
    let dir = repository(VOCABULARY);
    built(dir.path(), &[]);
    let category = read(dir.path(), "categories/certificate-expiry.html");
    assert!(category.contains(
        "<h1>certificate-expiry</h1>\n<p class=\"category-description\">A certificate or key expired</p>"
    ), "{category}");
    assert!(read(dir.path(), "categories/index.html").contains(
        "<a href=\"certificate-expiry.html\">certificate-expiry</a> <span class=\"muted\">(1)</span> A certificate or key expired</li>"
    ));
    let without = repository("");
    built(without.path(), &[]);
    assert!(!read(without.path(), "categories/certificate-expiry.html")
        .contains("category-description"));
}

/// Each HTML and Markdown file under `root`, with its text.
fn pages_under(root: &Path) -> Vec<(String, String)> {
    common::files(root)
        .into_iter()
        .filter(|(path, _)| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("html" | "md")
            )
        })
        .map(|(path, bytes)| {
            (
                path.display().to_string(),
                String::from_utf8(bytes).unwrap(),
            )
        })
        .collect()
}

/// Where readers meet `wording` (any case, with a space or a dash) in `text`, leaving out
/// link anchors and the examples' own sentences about Ericsson's "root cause analysis".
fn uses_of(text: &str, wording: &str) -> Vec<String> {
    let lower = text
        .to_lowercase()
        .replace("id=\"root-causes\"", "")
        .replace("#root-causes", "")
        .replace("root-causes-h", "")
        .replace("root cause analysis", "");
    let dashed = wording.replace(' ', "-");
    [wording, dashed.as_str()]
        .iter()
        .flat_map(|w| lower.match_indices(w).map(|(i, _)| i).collect::<Vec<_>>())
        .map(|i| lower[i.saturating_sub(40)..(i + 60).min(lower.len())].to_string())
        .collect()
}

/// Builds the examples' site with `terminology`, and renders the report and one post-mortem as Markdown.
fn examples_with(terminology: &str) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("rootline.toml");
    std::fs::write(
        &config,
        format!("[site]\nterminology = \"{terminology}\"\n"),
    )
    .unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = dir.path().join("site");
    let config = config.to_str().unwrap();
    let incidents = root.join("incidents");
    let incidents = incidents.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--config", config];
        all.extend(args);
        all.extend(["--as-of", common::AS_OF]);
        common::stdout_ok(&rootline_in(root, &all))
    };
    run(&[
        "build",
        "-q",
        "--incidents",
        incidents,
        "--out",
        out.to_str().unwrap(),
    ]);
    let mut pages = pages_under(&out);
    pages.push((
        "report.md".into(),
        run(&["report", "--incidents", incidents, "--format", "md"]),
    ));
    let o2 = root.join("incidents/2018-12-06-o2-data-outage.yaml");
    let rendered = run(&["render", o2.to_str().unwrap(), "--format", "md"]);
    pages.push(("o2.md".into(), rendered));
    (dir, pages)
}

#[test]
fn contributing_factors_leaves_no_root_cause_on_any_page_or_markdown() {
    let (_dir, pages) = examples_with("contributing-factors");
    let left: Vec<String> = pages
        .iter()
        .flat_map(|(path, text)| {
            uses_of(text, "root cause")
                .into_iter()
                .map(move |u| format!("{path}: …{u}…"))
        })
        .collect();
    assert!(left.is_empty(), "{}", left.join("\n"));
    let o2 = &pages
        .iter()
        .find(|(p, _)| p.ends_with("2018-12-06-o2-data-outage/index.html"))
        .unwrap()
        .1;
    assert!(o2.contains(
        "<h2 id=\"root-causes-h\">Contributing factors and how they led to the impact</h2>"
    ));
    assert!(
        o2.contains("<text x=\"31\" y=\"412\">Contributing factor</text>"),
        "the graph's legend"
    );
    assert!(
        o2.contains("Causal graph: 3 contributing factors ("),
        "the graph's text alternative"
    );
    let markdown = &pages.iter().find(|(p, _)| p == "o2.md").unwrap().1;
    assert!(markdown.contains("\n## Contributing factors\n"));
    let report = &pages.iter().find(|(p, _)| p == "report.md").unwrap().1;
    assert!(report.contains("### Unaddressed contributing factors"));
}

#[test]
fn root_causes_is_the_default_wording_and_says_no_contributing_factor() {
    let (_dir, pages) = examples_with("root-causes");
    let left: Vec<String> = pages
        .iter()
        .flat_map(|(path, text)| {
            uses_of(text, "contributing factor")
                .into_iter()
                .map(move |u| format!("{path}: …{u}…"))
        })
        .collect();
    assert!(left.is_empty(), "{}", left.join("\n"));
    let o2 = &pages
        .iter()
        .find(|(p, _)| p.ends_with("2018-12-06-o2-data-outage/index.html"))
        .unwrap()
        .1;
    assert!(o2.contains("<h2 id=\"root-causes-h\">Root causes and how they led to the impact</h2>"));
    // The grep the other test relies on finds this wording where it is used.
    assert!(uses_of(o2, "root cause").len() > 10);
}

#[test]
fn a_denied_warning_stops_the_build_and_is_shown_at_its_line() {
    let dir = repository("[checks]\ndeny = [\"overdue-action\"]\n");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(OVERDUE);
    let incidents = dir.path().join("incidents");
    std::fs::copy(fixture, incidents.join("2024-03-01-checkout-errors.yaml")).unwrap();
    let output = rootline_in(dir.path(), &["build", "-q", "--as-of", common::AS_OF]);
    assert_eq!(output.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&output.stderr);
    assert!(shown.contains("error[W0005]"), "{shown}");
    assert!(
        shown.contains("--> incidents/2024-03-01-checkout-errors.yaml:43:10"),
        "{shown}"
    );
}

#[test]
fn the_report_names_each_severity_column_with_its_definition() {
    let dir = repository(VOCABULARY);
    let report = common::stdout_ok(&rootline_in(
        dir.path(),
        &["report", "--format", "html", "--as-of", common::AS_OF],
    ));
    assert!(report.contains("<th scope=\"col\" class=\"num\" title=\"Outage\">SEV1</th>"));
    assert!(report.contains("<th scope=\"col\" class=\"num\" title=\"Degraded\">SEV2</th>"));
    // The columns are the scale's levels: SEV3 is not on it.
    assert!(!report.contains(">SEV3</th>"), "a level the scale lacks");
}

#[test]
fn a_teams_own_phrase_is_found_beside_the_built_in_ones_at_its_column() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(OVERDUE))
        .unwrap()
        .replace(
            "summary: Checkout failed for some users.",
            "summary: Checkout failed; we Just Restart the pods and should have paged.",
        );
    let file = dir.path().join("w0005-overdue-action.yaml");
    std::fs::write(&file, fixture).unwrap();
    let toml = dir.path().join("rootline.toml");
    let phrases = "[checks]\nallow = [\"overdue-action\"]\n[checks.phrases]\n\"just restart\" = \"say what made restarting the reasonable step\"\n";
    std::fs::write(&toml, phrases).unwrap();
    let output = common::rootline(&[
        "check",
        "--format",
        "json",
        "--as-of",
        common::AS_OF,
        "--config",
        toml.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let json: Vec<serde_json::Value> = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, u64, u64, String)> = json
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_string();
            let n = |key: &str| d[key].as_u64().unwrap_or_default();
            (text("code"), n("line"), n("column"), text("hint"))
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "W0006".to_string(),
                5,
                30,
                "say what made restarting the reasonable step".to_string()
            ),
            (
                "W0006".to_string(),
                5,
                56,
                rootline::check::phrases::HINDSIGHT_PHRASES[0].1.to_string()
            ),
        ]
    );
    assert!(
        mistake("[checks.phrases]\n\" \" = \"x\"\n")
            .starts_with("rootline.toml:2:1: an empty phrase would match every text"),
        "{}",
        mistake("[checks.phrases]\n\" \" = \"x\"\n")
    );
}

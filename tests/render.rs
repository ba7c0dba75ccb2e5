//! `rootline render` and `build` pages: readable snapshots of each page type and
//! picture, outside validators, hostile text, templates.

mod common;

use common::{
    assert_lint_clean_markdown, assert_nothing_executable, assert_valid_html, rootline,
    rootline_in, stdout_ok, AS_OF,
};
use std::path::{Path, PathBuf};

const O2: &str = "incidents/2018-12-06-o2-data-outage.yaml";

fn render(file: &str, format: &str) -> String {
    stdout_ok(&rootline(&[
        "render", file, "--format", format, "--as-of", AS_OF,
    ]))
}

/// The small incident the page snapshots show: every section filled, none long.
const SMALL: &str = common::FIXTURE;
/// A second incident for the site snapshots: known only by its day, so mostly unknown.
const UNKNOWN_TIMES: &str = "incidents/2018-10-04-o2-voice-outage.yaml";

/// Builds the site of the two snapshot incidents through the CLI; gives the folder
/// holding it (`site/` inside the returned temporary directory).
fn build_small_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    for file in [SMALL, UNKNOWN_TIMES] {
        let name = Path::new(file).file_name().unwrap();
        std::fs::copy(file, incidents.join(name)).unwrap();
    }
    let out = dir.path().join("site");
    stdout_ok(&rootline(&[
        "build",
        "--incidents",
        incidents.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--base-url",
        "https://sre.example.com/postmortems/",
        "--quiet",
    ]));
    dir
}

fn site_page(site: &tempfile::TempDir, page: &str) -> String {
    std::fs::read_to_string(site.path().join("site").join(page)).unwrap()
}

/// Each element that starts with `open` and ends with `close`, whole.
fn elements<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(open) {
        let length = rest[start..]
            .find(close)
            .unwrap_or_else(|| panic!("{open} is never closed"));
        let end = start + length + close.len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

fn replace_elements(text: &str, open: &str, close: &str, by: impl Fn(&str) -> String) -> String {
    let mut out = text.to_string();
    for element in elements(text, open, close) {
        out = out.replacen(element, &by(element), 1);
    }
    out
}

/// What a screen reader hears for a picture: its `aria-label`, else its first `<title>`.
fn svg_label(svg: &str) -> String {
    let root = &svg[..svg.find('>').unwrap()];
    if let Some(label) = root.split("aria-label=\"").nth(1) {
        return label.split('"').next().unwrap().to_string();
    }
    match elements(svg, "<title", "</title>").first() {
        Some(title) => {
            title[title.find('>').unwrap() + 1..title.len() - "</title>".len()].to_string()
        }
        None => "NO LABEL".to_string(),
    }
}

/// A page as a reviewer reads it: the stylesheet left out, each picture named, not drawn.
fn page_snapshot(page: &str) -> String {
    let page = replace_elements(page, "<style>", "</style>", |_| {
        "<style>/* the stylesheet, not snapshotted */</style>".to_string()
    });
    replace_elements(&page, "<svg", "</svg>", |svg| {
        format!("<svg>[picture: {}]</svg>", svg_label(svg))
    })
}

/// The tags and texts of an SVG in order; texts trimmed, blank ones dropped.
fn svg_tokens(svg: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut rest = svg;
    while !rest.is_empty() {
        let end = if rest.starts_with('<') {
            rest.find('>').map_or(rest.len(), |i| i + 1)
        } else {
            rest.find('<').unwrap_or(rest.len())
        };
        let token = rest[..end].split_whitespace().collect::<Vec<_>>().join(" ");
        if !token.is_empty() {
            tokens.push(token);
        }
        rest = &rest[end..];
    }
    tokens
}

/// An SVG one element per line, indented by depth; an element holding only text
/// stays on its line with the text.
fn pretty_svg(svg: &str) -> String {
    let tokens = svg_tokens(svg);
    let is_text = |i: usize| tokens.get(i).is_some_and(|t| !t.starts_with('<'));
    let is_close = |i: usize| tokens.get(i).is_some_and(|t| t.starts_with("</"));
    let mut out = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        let opens = token.starts_with('<')
            && !token.starts_with("</")
            && !token.starts_with("<!")
            && !token.ends_with("/>");
        let holds_only_text = opens && is_text(i + 1) && is_close(i + 2);
        if is_close(i) {
            depth -= 1;
        }
        out.push_str(&"  ".repeat(depth));
        if holds_only_text {
            out.push_str(&format!("{token}{}{}", tokens[i + 1], tokens[i + 2]));
            i += 2;
        } else {
            out.push_str(token);
            if opens {
                depth += 1;
            }
        }
        out.push('\n');
        i += 1;
    }
    out
}

#[test]
fn the_incident_html_page_matches_its_snapshot() {
    insta::assert_snapshot!("incident_html", page_snapshot(&render(SMALL, "html")));
}

#[test]
fn the_incident_markdown_matches_its_snapshot() {
    insta::assert_snapshot!("incident_markdown", page_snapshot(&render(SMALL, "md")));
}

#[test]
fn the_timeline_and_causal_graph_pictures_match_their_snapshots() {
    let html = render(SMALL, "html");
    let pictures = elements(&html, "<svg", "</svg>");
    let picture = |class: &str| {
        let found: Vec<_> = pictures
            .iter()
            .filter(|svg| svg.starts_with(&format!("<svg class=\"{class}\"")))
            .collect();
        assert_eq!(found.len(), 1, "one {class} picture");
        pretty_svg(found[0])
    };
    insta::assert_snapshot!("timeline_svg", picture("timeline"));
    insta::assert_snapshot!("causal_graph_svg", picture("causal-graph"));
}

#[test]
fn the_site_index_severity_list_and_feed_match_their_snapshots() {
    let site = build_small_site();
    insta::assert_snapshot!("index_page", page_snapshot(&site_page(&site, "index.html")));
    insta::assert_snapshot!(
        "severity_page",
        page_snapshot(&site_page(&site, "severity/sev2.html"))
    );
    insta::assert_snapshot!("atom_feed", site_page(&site, "feed.xml"));
}

#[test]
fn the_report_page_and_its_charts_match_their_snapshots() {
    let site = build_small_site();
    let report = site_page(&site, "report/index.html");
    insta::assert_snapshot!("report_page", page_snapshot(&report));
    let charts: Vec<String> = elements(&report, "<svg", "</svg>")
        .into_iter()
        .map(pretty_svg)
        .collect();
    assert_eq!(charts.len(), 4, "months, two strips and the cause bars");
    insta::assert_snapshot!("report_charts_svg", charts.join("\n"));
}

#[test]
fn a_figure_or_time_is_shown_twice_only_when_the_two_forms_differ() {
    let small = render(SMALL, "md");
    assert!(
        small.contains("\n| Customer-minutes | 32,400 |\n"),
        "{small}"
    );
    assert!(small.contains("\n- Start: 2024-03-01 10:00 UTC\n- End: 2024-03-01 10:27 UTC\n"));
    assert!(render(SMALL, "html").contains("<p class=\"meta\">Times below in UTC</p>"));
    let o2 = render(O2, "md");
    assert!(o2.contains("\n| Customer-minutes | ~45,024,000,000 (~45 billion) |\n"));
    assert!(o2.contains("\n- Start: ~2018-12-06 04:00 GMT (~2018-12-06 04:00 UTC)\n"));
    let o2_page = render(O2, "html");
    assert!(o2_page.contains(
        "In UTC: ~2018-12-06 04:00 UTC to ~2018-12-07 03:27 UTC · times below in Europe/London"
    ));
}

#[test]
fn counts_of_one_take_the_singular() {
    let page = render(SMALL, "html");
    assert!(page.contains(
        "Causal graph: 1 root cause (“A certificate expired”) leads to “Checkout returns errors”."
    ));
    let dir = tempfile::tempdir().unwrap();
    let incidents = common::incidents_with_fixture(dir.path());
    let out = dir.path().join("site");
    let built = rootline(&[
        "build",
        "--incidents",
        incidents.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]);
    stdout_ok(&built);
    let summary = String::from_utf8_lossy(&built.stderr);
    assert!(summary.contains(": 1 incident page, "), "{summary}");
    let report = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    assert!(report.contains("Duration of 1 incident on a logarithmic scale"));
}

#[test]
fn the_html_page_has_the_parts_a_reader_needs() {
    let html = render(O2, "html");
    for needle in [
        "<main id=\"main\">",
        "<svg class=\"timeline\"",
        "<svg class=\"causal-graph\"",
        "role=\"img\"",
        "<th scope=\"col\">",
        "@media print",
        "prefers-color-scheme: dark",
        "~23 h 27 min",
        "~45 billion",
        "~2018-12-06 04:00",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
    // Self-contained: no external resources, no script.
    assert!(!html.contains("<link "));
    assert!(!html.contains("src=\"http"));
    assert_nothing_executable(&html, "O2 page", 1);
}

#[test]
fn every_example_renders_to_valid_html5_and_lint_clean_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let examples = std::fs::read_dir("incidents")
        .unwrap()
        .map(|entry| entry.unwrap().path());
    // What the sanitiser removes from hostile text must leave valid HTML too.
    for path in examples.chain([PathBuf::from("tests/hostile/2024-06-01-hostile.yaml")]) {
        let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
        for format in ["html", "md"] {
            let out = dir.path().join(format!("{stem}.{format}"));
            stdout_ok(&rootline(&[
                "render",
                path.to_str().unwrap(),
                "--format",
                format,
                "--as-of",
                AS_OF,
                "-o",
                out.to_str().unwrap(),
            ]));
        }
    }
    assert_valid_html(dir.path());
    assert_lint_clean_markdown(dir.path());
}

#[test]
fn nothing_from_a_hostile_incident_runs_in_the_page() {
    let file = "tests/hostile/2024-06-01-hostile.yaml";
    let html = render(file, "html");
    assert_nothing_executable(&html, "hostile page", 1);
    // Template syntax in text stays text.
    assert!(html.contains("{{ 7 * 7 }}"));
    assert!(html.contains("{{ 6 * 7 }}"));
    // The safe source is linked; unsafe ones are shown, not linked.
    assert!(html.contains("href=\"https://example.com/fine\""));
    assert!(!html.contains("href=\"https://example.com/ok"));
    let markdown = render(file, "md");
    // Whatever renders our Markdown, even without a sanitiser, gets nothing executable.
    let mut rendered = String::new();
    pulldown_cmark::html::push_html(
        &mut rendered,
        pulldown_cmark::Parser::new_ext(&markdown, pulldown_cmark::Options::ENABLE_TABLES),
    );
    assert_nothing_executable(&rendered, "hostile Markdown, rendered", 0);
    assert!(!markdown.contains("](javascript:"), "{markdown}");
    assert!(!markdown.contains("](<javascript:"));
    assert!(
        !markdown.contains("<script>alert('title')"),
        "titles are escaped in Markdown"
    );
    // Table rows stay one row: pipes in titles are escaped.
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| 2024-06-01 10:00"))
        .expect("timeline row");
    assert_eq!(row.matches(" | ").count(), 4, "{row}");
}

#[test]
fn a_user_template_overrides_a_default_by_name_and_may_extend_it() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    std::fs::write(
        templates.join("incident.html"),
        "{% extends \"base.html\" %}{% block content %}<h1>Custom: {{ incident.title }}</h1>{% endblock content %}",
    )
    .unwrap();
    let o2 = Path::new(env!("CARGO_MANIFEST_DIR")).join(O2);
    let out = rootline_in(
        dir.path(),
        &[
            "render",
            o2.to_str().unwrap(),
            "--format",
            "html",
            "--as-of",
            AS_OF,
        ],
    );
    let html = stdout_ok(&out);
    assert!(html.contains("<h1>Custom: Nationwide mobile data outage"));
    assert!(
        html.contains("<style>"),
        "the default base.html still applies"
    );
    // Markdown is not overridden, so it is the default.
    let md = stdout_ok(&rootline_in(
        dir.path(),
        &[
            "render",
            o2.to_str().unwrap(),
            "--format",
            "md",
            "--as-of",
            AS_OF,
        ],
    ));
    assert!(md.starts_with("# Nationwide mobile data outage"));
}

#[test]
fn a_user_template_looping_over_a_map_sees_its_keys_in_the_documented_order() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("incident.md"),
        "{% for key, value in incident %}{{ key }} {% endfor %}\n\
         {% for key, value in incident.lessons %}{{ key }} {% endfor %}\n",
    )
    .unwrap();
    let keys = || {
        let templates = dir.path().to_str().unwrap();
        stdout_ok(&rootline(&[
            "render",
            O2,
            "--templates",
            templates,
            "--format",
            "md",
            "--as-of",
            AS_OF,
        ]))
    };
    let first = keys();
    // Loops over maps follow the order the view declares its fields, so the
    // same input gives the same page in every run.
    assert!(
        first.starts_with("id title status published severity severity_rank timezone "),
        "{first}"
    );
    assert!(first.contains("\nwent_well went_wrong lucky"), "{first}");
    assert_eq!(first, keys(), "the same order in every run");
}

#[test]
fn a_broken_user_template_is_an_error_naming_the_file_and_line() {
    let (file, stderr) = render_with_user_incident_html("<h1>\n{{ incident.title }\n</h1>");
    let expected = format!("{}:2:", file.display());
    assert!(stderr.contains(&expected), "{stderr}");
}

/// Renders the O2 incident with this `incident.html` laid over the defaults;
/// the command must fail with exit code 2. Gives the template's path and stderr.
fn render_with_user_incident_html(template: &str) -> (std::path::PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("incident.html");
    std::fs::write(&file, template).unwrap();
    let out = rootline(&["render", O2, "--templates", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    (file, String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn an_unknown_filter_in_a_user_template_names_the_file_line_and_column() {
    let (file, stderr) = render_with_user_incident_html(
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ incident.title | shout }}</p>\n{% endblock content %}\n",
    );
    let expected = format!("{}:3:24: Unknown filter `shout`", file.display());
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn render_writes_to_a_file_with_o_and_refuses_broken_input() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("o2.md");
    stdout_ok(&rootline(&[
        "render",
        O2,
        "--format",
        "md",
        "-o",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
    ]));
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("# Nationwide"));
    let broken = rootline(&[
        "render",
        "tests/fixtures/broken/e0003-dangling-reference.yaml",
    ]);
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("E0003"));
}

/// A folder holding the small fixture and `2024-04-01-again.yaml`, which names it in `related`.
fn related_pair(fixture_text: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("2024-03-01-checkout-errors.yaml"),
        fixture_text,
    )
    .unwrap();
    let small = std::fs::read_to_string(SMALL).unwrap();
    let again = small.replace(
        "severity: SEV2\n",
        "severity: SEV2\nrelated: [2024-03-01-checkout-errors]\n",
    );
    let file = dir.path().join("2024-04-01-again.yaml");
    std::fs::write(&file, again).unwrap();
    let file = file.to_string_lossy().into_owned();
    (dir, file)
}

#[test]
fn a_standalone_render_names_a_related_incident_beside_it_by_its_title() {
    let (_dir, file) = related_pair(&std::fs::read_to_string(SMALL).unwrap());
    let md = render(&file, "md");
    assert!(
        md.contains("## Related incidents\n\n- Checkout errors (`2024-03-01-checkout-errors`)\n"),
        "{md}"
    );
    let html = render(&file, "html");
    assert!(
        html.contains(
            "<li>Checkout errors <span class=\"muted\">(2024-03-01-checkout-errors)</span></li>"
        ),
        "{html}"
    );
}

#[test]
fn a_related_incident_that_does_not_load_is_named_once_by_its_id() {
    let (_dir, file) = related_pair("title: [unclosed\n");
    let md = render(&file, "md");
    assert!(
        md.contains("## Related incidents\n\n- 2024-03-01-checkout-errors\n"),
        "{md}"
    );
    let html = render(&file, "html");
    assert!(
        html.contains("<li>2024-03-01-checkout-errors</li>"),
        "{html}"
    );
}

#[test]
fn a_vendor_action_without_a_status_is_shown_open() {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(SMALL).unwrap();
    let unrecorded = small.replacen("    status: done\n", "", 1);
    assert!(unrecorded.contains("    title: Renew the certificate\n    addresses"));
    let file = dir.path().join("2024-03-01-checkout-errors.yaml");
    std::fs::write(&file, unrecorded).unwrap();
    let md = render(&file.to_string_lossy(), "md");
    assert!(
        md.contains("| PayCo | Renew the certificate | open |"),
        "{md}"
    );
}

/// A folder of incidents holding the small fixture with a second root cause that is
/// accepted without action.
fn incidents_with_an_accepted_risk() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let small = std::fs::read_to_string(SMALL).unwrap();
    let accepted = small
        .replacen(
            "    category: certificate-expiry\n",
            "    category: certificate-expiry\n  - id: one-region\n    title: Checkout ran in one region\n    no_action: A second region costs more than the risk.\n",
            1,
        )
        .replacen("    caused_by: [deploy]\n", "    caused_by: [deploy, one-region]\n", 1);
    std::fs::write(dir.path().join("2024-03-01-checkout-errors.yaml"), accepted).unwrap();
    dir
}

#[test]
fn the_report_lists_accepted_risks_apart_with_their_reason_and_incident() {
    let dir = incidents_with_an_accepted_risk();
    let folder = dir.path().to_str().unwrap();
    let report = |format: &str| {
        stdout_ok(&rootline(&[
            "report",
            "--incidents",
            folder,
            "--format",
            format,
            "--as-of",
            AS_OF,
        ]))
    };
    let md = report("md");
    assert!(
        md.contains("### Unaddressed root causes (all time)\n\nEvery root cause is addressed by an action.\n"),
        "{md}"
    );
    assert!(
        md.contains("### Accepted risks (all time)\n\nRoot causes accepted without action, each with the reason its post-mortem gives.\n\n- Checkout ran in one region: A second region costs more than the risk. (Checkout errors, `2024-03-01-checkout-errors`)\n"),
        "{md}"
    );
    let html = report("html");
    assert!(
        html.contains("<li>Checkout ran in one region: A second region costs more than the risk. <span class=\"muted\">in</span> <a href=\"incidents/2024-03-01-checkout-errors/index.html\">Checkout errors</a></li>"),
        "{html}"
    );
}

#[test]
fn the_site_report_links_each_accepted_risk_to_its_incident() {
    let dir = incidents_with_an_accepted_risk();
    let out = tempfile::tempdir().unwrap();
    stdout_ok(&rootline(&[
        "build",
        "--incidents",
        dir.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--quiet",
    ]));
    let page = std::fs::read_to_string(out.path().join("report/index.html")).unwrap();
    assert!(
        page.contains("<a href=\"../incidents/2024-03-01-checkout-errors/index.html\">Checkout errors</a></li>"),
        "{page}"
    );
    let md = std::fs::read_to_string(out.path().join("report/report.md")).unwrap();
    assert!(
        md.contains("- Checkout ran in one region: A second region costs more than the risk. ([Checkout errors](../incidents/2024-03-01-checkout-errors/2024-03-01-checkout-errors.md))\n"),
        "{md}"
    );
}

//! `rootline render`: snapshots of the O2 post-mortem, outside validators, hostile text, templates.

mod common;

use common::{
    assert_nothing_executable, assert_valid_html, require_tool, rootline, rootline_in, stdout_ok,
    AS_OF,
};
use std::path::Path;
use std::process::Command;

const O2: &str = "incidents/2018-12-06-o2-data-outage.yaml";

fn render(file: &str, format: &str) -> String {
    stdout_ok(&rootline(&[
        "render", file, "--format", format, "--as-of", AS_OF,
    ]))
}

#[test]
fn o2_markdown_matches_its_snapshot() {
    insta::assert_snapshot!("o2_markdown", render(O2, "md"));
}

#[test]
fn o2_html_matches_its_snapshot() {
    insta::assert_snapshot!("o2_html", render(O2, "html"));
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
        "22 h 30 min",
        "43.2 billion",
        "2 overdue",
        "~2018-12-06 05:00",
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
    for entry in std::fs::read_dir("incidents").unwrap() {
        let path = entry.unwrap().path();
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
    if !require_tool("markdownlint") {
        return;
    }
    let mut lint = Command::new("markdownlint");
    lint.args(["--disable", "MD013", "MD033", "--"]);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            lint.arg(path);
        }
    }
    let lint = lint.output().unwrap();
    assert!(
        lint.status.success(),
        "markdownlint:\n{}",
        String::from_utf8_lossy(&lint.stderr)
    );
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
        first.starts_with("id title status severity severity_rank timezone "),
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

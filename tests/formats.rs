//! The document format registry as the command line shows it: every registered
//! format renders through `--format`, and nothing else is accepted.

mod common;

use common::{rootline, stdout_ok, AS_OF};
use rootline::render::DOCUMENT_FORMATS;

const O2: &str = "incidents/2018-12-06-o2-data-outage.yaml";

/// How each format's post-mortem of O2 opens. A format missing here is still
/// rendered below, and checked for a title line.
const OPENINGS: &[(&str, &str)] = &[
    ("html", "<!DOCTYPE html>\n<html lang=\"en\">"),
    (
        "md",
        "# Nationwide mobile data outage on O2 and the networks it carries\n",
    ),
];

fn render(format: &str) -> String {
    stdout_ok(&rootline(&[
        "render", O2, "--format", format, "--as-of", AS_OF,
    ]))
}

#[test]
fn every_registered_format_renders_the_o2_incident_as_that_format_opens() {
    for format in DOCUMENT_FORMATS {
        let text = render(format.name);
        match OPENINGS.iter().find(|(name, _)| *name == format.name) {
            Some((_, opening)) => assert!(
                text.starts_with(opening),
                "--format {} opens with {:?}",
                format.name,
                &text[..text.len().min(80)]
            ),
            None => assert!(
                text.lines()
                    .take(20)
                    .any(|l| l.contains("Nationwide mobile data outage on O2")),
                "--format {} shows no title near the top",
                format.name
            ),
        }
        for alias in format.aliases {
            assert_eq!(render(alias), text, "--format {alias}");
        }
    }
}

#[test]
fn a_format_outside_the_registry_exits_2_listing_the_registered_names() {
    let out = rootline(&["render", O2, "--format", "nonsense", "--as-of", AS_OF]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("invalid value 'nonsense' for '--format <FORMAT>'"),
        "{stderr}"
    );
    let names: Vec<&str> = DOCUMENT_FORMATS.iter().map(|f| f.name).collect();
    let listed = format!("[possible values: {}]", names.join(", "));
    assert!(stderr.contains(&listed), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn render_defaults_to_html_and_report_to_markdown() {
    let render_default = stdout_ok(&rootline(&["render", O2, "--as-of", AS_OF]));
    assert_eq!(render_default, render("html"));
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "--as-of", AS_OF];
        args.extend_from_slice(extra);
        stdout_ok(&rootline(&args))
    };
    let report_default = report(&[]);
    assert!(
        report_default.starts_with("# Incident report\n"),
        "{report_default}"
    );
    assert_eq!(report_default, report(&["--format", "md"]));
    assert!(report(&["--format", "html"]).starts_with("<!DOCTYPE html>"));
}

//! Command-line conventions a user of cargo and ripgrep expects, each with the exact words shown.

mod common;

use common::{incidents_with_fixture, rootline, rootline_in, AS_OF};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const DANGLING: &str = "tests/fixtures/broken/e0003-dangling-reference.yaml";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn color_is_always_never_or_auto_in_either_position() {
    let always = rootline(&["check", DANGLING, "--color", "always"]);
    assert_eq!(always.status.code(), Some(1));
    assert!(stderr(&always).contains("\u{1b}["), "{}", stderr(&always));
    for args in [
        vec!["check", DANGLING, "--color", "never"],
        vec!["--color", "never", "check", DANGLING],
        vec!["check", DANGLING],
    ] {
        let plain = rootline(&args);
        let text = stderr(&plain);
        assert!(!text.contains('\u{1b}'), "{args:?}: {text}");
        assert!(
            text.starts_with("error[E0003]: unknown id 'deploi'\n  --> tests/fixtures/broken/e0003-dangling-reference.yaml:23:17\n"),
            "{text}"
        );
    }
    let wrong = rootline(&["check", "--color", "sometimes"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("[possible values: auto, always, never]"));
}

#[test]
fn the_six_limits_have_a_help_heading_of_their_own() {
    let help = String::from_utf8(rootline(&["check", "--help"]).stdout).unwrap();
    let (before, limits) = help.split_once("\nLimits:\n").expect("a Limits heading");
    let names = [
        "--max-file-size",
        "--max-nodes",
        "--max-edges",
        "--max-depth",
        "--max-aliases",
        "--max-chains",
    ];
    for name in names {
        assert!(limits.contains(name), "{name} under Limits");
        assert!(!before.contains(name), "{name} only under Limits");
    }
    assert!(before.contains("--as-of"));
}

#[test]
fn dates_are_checked_in_our_words_and_since_may_not_follow_until() {
    for (day, why) in [
        (
            "2024-02-30",
            "there is no day 30 in February 2024: it has 29 days",
        ),
        (
            "2024-13-01",
            "there is no month 13: months run from 01 to 12",
        ),
        ("1/3/2024", "write the day as YYYY-MM-DD, e.g. 2024-03-01"),
    ] {
        let out = rootline(&["report", "--since", day]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out).lines().next().unwrap(),
            format!("error: invalid value '{day}' for '--since <DATE>': {why}")
        );
    }
    let as_of = rootline(&["check", "--as-of", "2023-02-29"]);
    assert_eq!(
        stderr(&as_of).lines().next().unwrap(),
        "error: invalid value '2023-02-29' for '--as-of <DATE>': there is no day 29 in February 2023: it has 28 days"
    );
    let backwards = rootline(&["report", "--since", "2024-06-01", "--until", "2024-01-01"]);
    assert_eq!(backwards.status.code(), Some(2));
    assert_eq!(
        stderr(&backwards),
        "error: --since 2024-06-01 is after --until 2024-01-01: no day is in that period\n"
    );
    let same_day = rootline(&["report", "--since", "2018-12-06", "--until", "2018-12-06"]);
    assert!(same_day.status.success(), "{}", stderr(&same_day));
}

#[test]
fn a_new_incident_is_dated_on_its_id_s_day() {
    let dir = tempfile::tempdir().unwrap();
    let made = rootline_in(dir.path(), &["new", "2024-03-01-checkout-errors"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let text =
        std::fs::read_to_string(dir.path().join("incidents/2024-03-01-checkout-errors.yaml"))
            .unwrap();
    assert!(text.contains("    at: 2024-03-01 09:00\n"), "{text}");
    assert!(text.contains("{at: \"2024-03-01 11:00\", kind: resolution"));
}

#[test]
fn output_into_a_missing_folder_names_that_folder() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("nonexistent/x.html");
    let out = rootline(&[
        "render",
        "incidents/2018-12-06-o2-data-outage.yaml",
        "--as-of",
        AS_OF,
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: cannot write {}: the folder {} does not exist\n",
            target.display(),
            dir.path().join("nonexistent").display()
        )
    );
}

#[cfg(target_os = "linux")]
#[test]
fn open_without_a_browser_says_so_in_one_line_and_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    incidents_with_fixture(dir.path());
    let empty_path = tempfile::tempdir().unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("rootline"))
        .current_dir(dir.path())
        .args(["serve", "--port", "0", "--open", "--as-of", AS_OF])
        .env("PATH", empty_path.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut url = String::new();
    let said = loop {
        let line = lines
            .next()
            .expect("serve says why it opened nothing")
            .unwrap();
        if let Some(rest) = line.strip_prefix("serving incidents on ") {
            url = rest.split(' ').next().unwrap().to_string();
        }
        if line.starts_with("--open") {
            break line;
        }
    };
    let address = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let still_serving = std::net::TcpStream::connect(&address).is_ok();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        said,
        format!("--open: no browser could be started (xdg-open was not found); open {url} in a browser yourself")
    );
    assert!(still_serving, "the preview runs on without a browser");
}

#[test]
fn errors_in_a_draft_leave_it_out_of_the_site_but_check_and_drafts_builds_fail() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = incidents_with_fixture(dir.path());
    let broken = std::fs::read_to_string(DANGLING)
        .unwrap()
        .replace("status: published", "status: draft");
    assert!(broken.contains("status: draft"));
    std::fs::write(incidents.join("2024-03-02-broken-draft.yaml"), broken).unwrap();
    let build = |extra: &[&str]| {
        let mut args = vec!["build", "--as-of", AS_OF, "--color", "never"];
        args.extend_from_slice(extra);
        rootline_in(dir.path(), &args)
    };

    let built = build(&[]);
    assert_eq!(built.status.code(), Some(0), "{}", stderr(&built));
    let text = stderr(&built);
    assert!(
        text.starts_with("error[E0003]: unknown id 'deploi'\n  --> incidents/2024-03-02-broken-draft.yaml:23:17\n"),
        "{text}"
    );
    assert!(text.contains("\nwarning: left incidents/2024-03-02-broken-draft.yaml out of the site: a draft with errors (`rootline check` fails on it)\n"), "{text}");
    assert!(text.contains("\nbuilt site: 1 incident"), "{text}");
    let site = dir.path().join("site");
    assert!(site
        .join("incidents/2024-03-01-checkout-errors/index.html")
        .is_file());
    assert!(!site.join("incidents/2024-03-02-broken-draft").exists());

    let check = rootline_in(dir.path(), &["check", "--as-of", AS_OF]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "check still fails on the draft"
    );

    std::fs::remove_dir_all(&site).unwrap();
    let with_drafts = build(&["--drafts"]);
    assert_eq!(with_drafts.status.code(), Some(1));
    assert!(stderr(&with_drafts).ends_with("error: the site was not built; site is unchanged\n"));
    assert!(!site.exists());
}

#[test]
fn a_published_incident_with_errors_still_stops_the_build() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = incidents_with_fixture(dir.path());
    std::fs::copy(DANGLING, incidents.join("2024-03-02-broken.yaml")).unwrap();
    let built = rootline_in(dir.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(built.status.code(), Some(1));
    assert!(!stderr(&built).contains("left"));
    assert!(!dir.path().join("site").exists());
}

/// Runs `rootline args` on a terminal (a pseudo-terminal from `script`), with `env`
/// set, and returns what the terminal showed.
#[cfg(target_os = "linux")]
fn on_a_terminal(args: &[&str], env: &[(&str, &str)]) -> String {
    let bin = assert_cmd::cargo::cargo_bin("rootline");
    let line = std::iter::once(bin.to_str().unwrap())
        .chain(args.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    let output = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .output()
        .expect("script (util-linux) runs a command on a pseudo-terminal");
    String::from_utf8_lossy(&output.stdout).replace("\r\n", "\n")
}

#[test]
fn clap_s_own_help_usage_and_errors_follow_color() {
    let bold_usage = |command: &str| {
        format!("\n\u{1b}[1m\u{1b}[4mUsage:\u{1b}[0m \u{1b}[1m{command}\u{1b}[0m [OPTIONS]")
    };
    for (args, command) in [
        (vec!["--color", "always", "--help"], "rootline"),
        (vec!["check", "--help", "--color=always"], "rootline check"),
    ] {
        let help = String::from_utf8(rootline(&args).stdout).unwrap();
        assert!(help.contains(&bold_usage(command)), "{args:?}: {help}");
    }
    let plain = String::from_utf8(rootline(&["--color", "never", "--help"]).stdout).unwrap();
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(
        plain.contains("\nUsage: rootline [OPTIONS] <COMMAND>\n"),
        "{plain}"
    );

    let typo = rootline(&["--color", "always", "chek"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr(&typo).starts_with(
            "\u{1b}[1m\u{1b}[31merror:\u{1b}[0m unrecognized subcommand '\u{1b}[33mchek\u{1b}[0m'"
        ),
        "{}",
        stderr(&typo)
    );
    let typo = rootline(&["chek", "--color", "never"]);
    assert!(
        stderr(&typo).starts_with("error: unrecognized subcommand 'chek'\n"),
        "{}",
        stderr(&typo)
    );
}

#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_auto_colours_and_no_color_or_never_is_plain_everywhere() {
    let coloured = on_a_terminal(&["--help"], &[]);
    assert!(coloured.contains("\u{1b}[1m\u{1b}[4mUsage:"), "{coloured}");
    let checked = on_a_terminal(&["check", DANGLING], &[]);
    assert!(
        checked.starts_with("\u{1b}[1m\u{1b}[91merror[E0003]\u{1b}[0m"),
        "{checked}"
    );
    for (args, env) in [
        (vec!["--help"], vec![("NO_COLOR", "1")]),
        (vec!["--help", "--color", "never"], vec![]),
        (vec!["check", DANGLING], vec![("NO_COLOR", "1")]),
        (vec!["--color=never", "check", DANGLING], vec![]),
    ] {
        let shown = on_a_terminal(&args, &env);
        assert!(!shown.contains('\u{1b}'), "{args:?} {env:?}: {shown}");
        assert!(
            shown.contains("Usage: rootline")
                || shown.starts_with("error[E0003]: unknown id 'deploi'\n"),
            "{args:?} {env:?}: {shown}"
        );
    }
}

/// The first two lines `serve` prints, then stops it.
fn serve_banner(dir: &std::path::Path, color: &str) -> [String; 2] {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("rootline"))
        .current_dir(dir)
        .args(["serve", "--port", "0", "--as-of", AS_OF, "--color", color])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut next = || lines.next().expect("a banner line").unwrap();
    let banner = [next(), next()];
    let _ = child.kill();
    let _ = child.wait();
    banner
}

#[test]
fn the_serve_banner_is_coloured_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    incidents_with_fixture(dir.path());
    let [checked, serving] = serve_banner(dir.path(), "always");
    let green = |verb: &str| format!("\u{1b}[1m\u{1b}[32m{verb}\u{1b}[0m ");
    assert!(
        checked.starts_with(&format!("{}1 incident in ", green("checked"))),
        "{checked:?}"
    );
    assert!(
        serving.starts_with(&format!(
            "{}incidents on \u{1b}[1m\u{1b}[4mhttp://127.0.0.1:",
            green("serving")
        )),
        "{serving:?}"
    );
    let [checked, serving] = serve_banner(dir.path(), "never");
    assert!(checked.starts_with("checked 1 incident in "), "{checked:?}");
    assert!(
        serving.starts_with("serving incidents on http://127.0.0.1:")
            && serving.ends_with("/ (Ctrl-C to stop)"),
        "{serving:?}"
    );
}

#[test]
fn report_leaves_a_draft_with_errors_out_and_goes_on_unless_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = incidents_with_fixture(dir.path());
    let broken = std::fs::read_to_string(DANGLING)
        .unwrap()
        .replace("status: published", "status: draft");
    std::fs::write(incidents.join("2024-03-02-broken-draft.yaml"), broken).unwrap();
    let report = |extra: &[&str]| {
        let mut args = vec!["report", "--as-of", AS_OF, "--color", "never"];
        args.extend_from_slice(extra);
        rootline_in(dir.path(), &args)
    };

    let made = report(&[]);
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    let text = stderr(&made);
    assert!(
        text.starts_with("error[E0003]: unknown id 'deploi'\n  --> incidents/2024-03-02-broken-draft.yaml:23:17\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\nchecked 2 incidents: 1 error\nwarning: left incidents/2024-03-02-broken-draft.yaml out of the report: a draft with errors (`rootline check` fails on it)\n"),
        "{text}"
    );
    let markdown = String::from_utf8(made.stdout).unwrap();
    assert!(markdown.starts_with("# Incident report\n"), "{markdown}");

    let with_drafts = report(&["--drafts"]);
    assert_eq!(with_drafts.status.code(), Some(1));
    assert!(with_drafts.stdout.is_empty());
    assert!(stderr(&with_drafts).ends_with("\nchecked 2 incidents: 1 error\n"));
}

#[test]
fn a_refusing_command_says_what_was_checked() {
    let out = rootline(&["render", DANGLING, "--as-of", AS_OF, "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.starts_with("error[E0003]: unknown id 'deploi'\n"),
        "{text}"
    );
    assert!(
        text.ends_with("\n\nchecked 1 incident: 1 error\n"),
        "{text}"
    );
}

#[test]
fn the_first_incident_of_init_is_a_placeholder_check_knows() {
    let dir = tempfile::tempdir().unwrap();
    let made = rootline_in(dir.path(), &["init", "."]);
    assert!(made.status.success(), "{}", stderr(&made));
    let first = std::fs::read_dir(dir.path().join("incidents"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&first).unwrap();
    let published = text.replacen("status: draft", "status: published", 1);
    assert_ne!(text, published);
    std::fs::write(&first, published).unwrap();
    let check = rootline_in(
        dir.path(),
        &["check", first.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(check.status.code(), Some(1));
    let diagnostics: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    let title = &diagnostics[0];
    assert_eq!(title["code"], "E0023");
    assert_eq!(
        (title["line"].as_u64(), title["column"].as_u64()),
        (Some(4), Some(8))
    );
    assert_eq!(
        title["message"],
        "title is still the placeholder 'Our first post-mortem'"
    );
}

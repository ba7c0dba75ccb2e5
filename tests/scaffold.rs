//! `rootline new` and `rootline init`: files that pass `check` at once and are never overwritten.

mod common;

use common::rootline_in;

#[test]
fn a_new_incident_passes_check_at_once_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let made = rootline_in(
        dir.path(),
        &[
            "new",
            "2024-03-01-checkout-errors",
            "--title",
            "Checkout \"errors\"",
            "--severity",
            "SEV2",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let file = dir.path().join("incidents/2024-03-01-checkout-errors.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("severity: SEV2") && text.contains("# "),
        "commented scaffold"
    );
    let check = rootline_in(dir.path(), &["check"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );

    std::fs::write(&file, "title: edited by hand\n").unwrap();
    for args in [
        vec!["new", "2024-03-01-checkout-errors"],
        vec!["new", "2024-03-01-checkout-errors", "--folder"],
    ] {
        let again = rootline_in(dir.path(), &args);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("never overwrites"));
    }
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "title: edited by hand\n"
    );

    let bad = rootline_in(dir.path(), &["new", "../escape"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("escape.yaml").exists());
}

#[test]
fn a_new_folder_incident_builds_into_a_site() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        rootline_in(dir.path(), &["new", "2024-03-01-db", "--folder"])
            .status
            .success()
    );
    assert!(dir
        .path()
        .join("incidents/2024-03-01-db/incident.yaml")
        .is_file());
    let built = rootline_in(dir.path(), &["build", "--drafts", "-q"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(dir
        .path()
        .join("site/incidents/2024-03-01-db/index.html")
        .is_file());
}

#[test]
fn init_makes_a_repository_that_checks_and_builds_and_keeps_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("README.md"), "ours").unwrap();
    let made = rootline_in(dir.path(), &["init"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("README.md")).unwrap(),
        "ours"
    );
    assert!(dir
        .path()
        .join(".github/workflows/postmortems.yml")
        .is_file());
    assert!(rootline_in(dir.path(), &["check"]).status.success());
    assert!(rootline_in(dir.path(), &["build", "--drafts", "-q"])
        .status
        .success());
}

#[test]
fn completions_man_version_and_help_with_examples_are_there() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = rootline_in(dir.path(), &["completions", shell]);
        assert!(out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("rootline"),
            "{shell}"
        );
    }
    let man = rootline_in(dir.path(), &["man"]);
    assert!(String::from_utf8_lossy(&man.stdout).contains(".TH rootline"));
    let version = rootline_in(dir.path(), &["--version"]);
    assert!(String::from_utf8_lossy(&version.stdout).starts_with("rootline "));
    for command in [
        "check",
        "export",
        "graph",
        "render",
        "build",
        "report",
        "new",
        "init",
        "completions",
        "man",
    ] {
        let help = rootline_in(dir.path(), &[command, "--help"]);
        assert!(
            String::from_utf8_lossy(&help.stdout).contains("Examples:"),
            "{command} --help has examples"
        );
    }
}

#[test]
fn a_csv_timeline_becomes_an_incident_and_bad_rows_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("timeline.csv"),
        "Time,Actor,Kind,Title,Details\n2024-03-01 10:00,Payments team,impact_start,\"Errors, with | pipes\",Users see 500s\n2024-03-01 10:27,Payments team,impact_end,Errors stop,\n",
    )
    .unwrap();
    let made = rootline_in(
        dir.path(),
        &[
            "import",
            "csv",
            "timeline.csv",
            "--id",
            "2024-03-01-checkout",
            "--timezone",
            "Europe/London",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let text =
        std::fs::read_to_string(dir.path().join("incidents/2024-03-01-checkout.yaml")).unwrap();
    assert!(text.contains("title: Errors, with | pipes") && text.contains("name: Payments team"));
    let check = rootline_in(dir.path(), &["check", "--format", "json"]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    std::fs::write(
        dir.path().join("bad.csv"),
        "time,kind,title\n2024-03-01 25:00,impakt_start,x\n2024-03-31 01:30,note,\n",
    )
    .unwrap();
    let bad = rootline_in(
        dir.path(),
        &[
            "import",
            "csv",
            "bad.csv",
            "--id",
            "bad-one",
            "--timezone",
            "Europe/London",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    for needle in [
        "bad.csv:2: '2024-03-01 25:00' is not a time",
        "did you mean 'impact_start'?",
        "bad.csv:3: '2024-03-31 01:30' does not exist",
        "bad.csv:3: the title is empty",
    ] {
        assert!(stderr.contains(needle), "{needle} in {stderr}");
    }
    assert!(!dir.path().join("incidents/bad-one.yaml").exists());
}

#[test]
fn changed_since_checks_only_what_a_pull_request_touches() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.email", "ci@example.com"]);
    git(&["config", "user.name", "CI"]);
    assert!(rootline_in(dir.path(), &["new", "2024-01-01-old"])
        .status
        .success());
    std::fs::write(
        dir.path().join("incidents/2024-01-02-broken-but-old.yaml"),
        "title: [\n",
    )
    .unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    let nothing = rootline_in(dir.path(), &["check", "--changed-since", "main"]);
    assert_eq!(
        nothing.status.code(),
        Some(0),
        "the old broken file is not checked"
    );
    assert!(rootline_in(dir.path(), &["new", "2024-03-01-new"])
        .status
        .success());
    git(&["add", "."]);
    let changed = rootline_in(
        dir.path(),
        &["check", "--changed-since", "main", "--format", "json"],
    );
    assert_eq!(
        changed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&changed.stderr)
    );
    let out = String::from_utf8_lossy(&changed.stdout);
    assert!(
        out.contains("2024-03-01-new") && !out.contains("broken-but-old"),
        "{out}"
    );
    let bad_ref = rootline_in(dir.path(), &["check", "--changed-since", "no-such-ref"]);
    assert_eq!(bad_ref.status.code(), Some(2));
}

#[test]
fn import_refuses_an_id_taken_by_any_form_of_the_incident() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("timeline.csv"),
        "time,kind,title\n2024-03-01 10:00,trigger,Deploy\n",
    )
    .unwrap();
    let taken = [
        ("incidents/2024-03-01-yml.yml", "2024-03-01-yml"),
        (
            "incidents/2024-03-01-folder/incident.yaml",
            "2024-03-01-folder",
        ),
    ];
    for (existing, id) in taken {
        let existing = dir.path().join(existing);
        std::fs::create_dir_all(existing.parent().unwrap()).unwrap();
        std::fs::write(&existing, "title: kept\n").unwrap();
        let refused = rootline_in(dir.path(), &["import", "csv", "timeline.csv", "--id", id]);
        assert_eq!(refused.status.code(), Some(2), "{id}");
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("already exists; rootline never overwrites it"),
            "{id}: {stderr}"
        );
        assert_eq!(std::fs::read_to_string(&existing).unwrap(), "title: kept\n");
        let flat = dir.path().join(format!("incidents/{id}.yaml"));
        assert!(!flat.exists(), "no second form of {id} was written");
    }
    let yml = rootline_in(
        dir.path(),
        &["import", "csv", "timeline.csv", "--id", "2024-03-01-yml"],
    );
    assert!(
        String::from_utf8_lossy(&yml.stderr)
            .contains("incidents/2024-03-01-yml.yml already exists"),
        "the message names the file that is in the way"
    );
}

#[test]
fn every_registered_importer_is_an_import_subcommand_with_its_name_and_about() {
    use clap::CommandFactory;
    // Fails, among other things, when a source's own flag clashes with a shared one.
    rootline::cli::Cli::command().debug_assert();
    let cli = rootline::cli::Cli::command();
    let import = cli.find_subcommand("import").unwrap();
    let subcommands: Vec<(String, String)> = import
        .get_subcommands()
        .map(|c| {
            let about = c.get_about().map(ToString::to_string).unwrap_or_default();
            (c.get_name().to_string(), about)
        })
        .collect();
    let registered: Vec<(String, String)> = rootline::import::SOURCES
        .iter()
        .map(|s| (s.name().to_string(), s.about().to_string()))
        .collect();
    assert!(registered.iter().any(|(name, _)| name == "csv"));
    assert_eq!(subcommands, registered);
    for subcommand in import.get_subcommands() {
        let flags: Vec<&str> = subcommand
            .get_arguments()
            .filter_map(|arg| arg.get_long())
            .collect();
        for shared in ["id", "title", "timezone", "incidents"] {
            assert!(
                flags.contains(&shared),
                "{} takes --{shared}",
                subcommand.get_name()
            );
        }
    }
}

#[test]
fn import_help_lists_the_sources_and_an_unknown_source_names_them() {
    let dir = tempfile::tempdir().unwrap();
    let sources = rootline::import::SOURCES;
    let help = rootline_in(dir.path(), &["import", "--help"]);
    let help = String::from_utf8_lossy(&help.stdout).to_string();
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|line| *line != "Sources:")
        .skip(1)
        .take_while(|line| !line.is_empty())
        .map(|line| line.split_whitespace().next().unwrap_or(""))
        .collect();
    let names: Vec<&str> = sources.iter().map(|s| s.name()).collect();
    assert_eq!(listed, names, "{help}");
    for source in sources {
        assert!(help.contains(&format!("  {}", source.example())), "{help}");
        let own = rootline_in(dir.path(), &["import", source.name(), "--help"]);
        let own = String::from_utf8_lossy(&own.stdout).to_string();
        assert!(own.starts_with(source.about()), "{own}");
        let usage = own
            .lines()
            .find(|line| line.starts_with("Usage:"))
            .unwrap_or_default();
        assert!(
            usage.starts_with(&format!(
                "Usage: rootline import {} [OPTIONS]",
                source.name()
            )),
            "{own}"
        );
        assert!(usage.contains("<--id <ID>|--into <FILE>>"), "{own}");
    }

    let unknown = rootline_in(dir.path(), &["import", "csb", "timeline.csv", "--id", "x"]);
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.starts_with("error: unrecognized subcommand 'csb'"),
        "{stderr}"
    );
    assert!(stderr.contains("tip: did you mean 'csv'?"), "{stderr}");
    let listing = format!("tip: the sources are {}", names.join(", "));
    assert!(stderr.contains(&listing), "{stderr}");
    assert!(
        stderr.contains("Usage: rootline import [OPTIONS] <SOURCE>"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("incidents").exists(),
        "nothing was written"
    );
}

/// The `run` steps of the generated workflow's build job, by name (unnamed ones by their text).
fn workflow_steps(repo: &std::path::Path) -> (String, Vec<(String, String)>) {
    let text = std::fs::read_to_string(repo.join(".github/workflows/postmortems.yml")).unwrap();
    let workflow: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let source = workflow["env"]["ROOTLINE_SOURCE"]
        .as_str()
        .unwrap()
        .to_string();
    let steps = workflow["jobs"]["build"]["steps"].as_sequence().unwrap();
    let runs = steps
        .iter()
        .filter_map(|step| {
            let run = step["run"].as_str()?;
            let name = step["name"].as_str().unwrap_or(run);
            Some((name.to_string(), run.to_string()))
        })
        .collect();
    (source, runs)
}

/// Runs one step's script as GitHub does (`bash -e`), in `repo`, with `bin` first on PATH.
fn run_step(
    repo: &std::path::Path,
    bin: &std::path::Path,
    source: &str,
    script: &str,
) -> std::process::Output {
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
    std::process::Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(repo)
        .env("PATH", path)
        .env("ROOTLINE_SOURCE", source)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

#[test]
fn the_generated_workflow_installs_a_pinned_rootline_then_checks_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("postmortems");
    std::fs::create_dir(&repo).unwrap();
    let made = rootline_in(&repo, &["init"]);
    assert!(String::from_utf8_lossy(&made.stderr).contains(
        "next: set ROOTLINE_SOURCE in .github/workflows/postmortems.yml to rootline's git URL and the revision to pin; CI stops until it is set"
    ));
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
            .args(args)
            .current_dir(&repo)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "init"]);

    let (placeholder, steps) = workflow_steps(&repo);
    let names: Vec<&str> = steps.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Install rootline",
            "Check incidents (annotations)",
            "Build the site"
        ]
    );
    // A stand-in for cargo: records what it was asked, and installs the rootline under test.
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let asked = dir.path().join("cargo-args");
    let shim = format!(
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nln -sf '{}' '{}/rootline'\n",
        asked.display(),
        env!("CARGO_BIN_EXE_rootline"),
        bin.display()
    );
    std::fs::write(bin.join("cargo"), shim).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(bin.join("cargo"), std::fs::Permissions::from_mode(0o755))
            .unwrap();
    }

    let install = &steps[0].1;
    let unset = run_step(&repo, &bin, &placeholder, install);
    assert_eq!(unset.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&unset.stdout),
        "::error file=.github/workflows/postmortems.yml::set ROOTLINE_SOURCE to rootline's git URL and a revision\n"
    );
    assert!(!asked.exists(), "nothing is installed from the placeholder");

    let pinned = "--git https://github.com/acme/rootline --rev 4f2c1e9";
    let installed = run_step(&repo, &bin, pinned, install);
    assert!(installed.status.success(), "{installed:?}");
    assert_eq!(
        std::fs::read_to_string(&asked).unwrap(),
        "install\n--locked\n--git\nhttps://github.com/acme/rootline\n--rev\n4f2c1e9\nrootline\n"
    );
    for (name, script) in &steps[1..] {
        let ran = run_step(&repo, &bin, pinned, script);
        assert!(
            ran.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&ran.stderr)
        );
    }
    assert!(repo.join("public/index.html").is_file());
    assert!(repo.join("public/.rootline-site").is_file());
}

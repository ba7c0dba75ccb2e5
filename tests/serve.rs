//! `rootline serve`: starts on a free port, serves, sees an edit, shows errors, stops.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let code = response
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (code, body)
}

fn status(port: u16) -> serde_json::Value {
    serde_json::from_str(&get(port, "/__rootline/status").1).unwrap()
}

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_previews_rebuilds_on_edit_and_shows_errors_without_losing_pages() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = common::incidents_with_fixture(dir.path());
    let file = incidents.join("2024-03-01-checkout-errors.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let (server, port) = start(dir.path());

    let (code, page) = get(port, "/incidents/2024-03-01-checkout-errors/index.html");
    assert_eq!(code, 200);
    assert!(page.contains("Checkout errors") && page.contains("/__rootline/live.js"));
    let first = status(port)["build"].as_u64().unwrap();

    std::fs::write(
        &file,
        original.replace("title: Checkout errors", "title: Checkout errors, edited"),
    )
    .unwrap();
    wait_for("the rebuild", || {
        status(port)["build"].as_u64().unwrap() > first
    });
    assert!(
        get(port, "/incidents/2024-03-01-checkout-errors/index.html")
            .1
            .contains("Checkout errors, edited")
    );

    std::fs::write(
        &file,
        original.replace("caused_by: [deploy]", "caused_by: [deploi]"),
    )
    .unwrap();
    wait_for("the errors", || {
        status(port)["errors"].as_str().unwrap().contains("E0003")
    });
    let errors = status(port)["errors"].as_str().unwrap().to_string();
    assert!(errors.contains("did you mean 'deploy'?"), "{errors}");
    let (code, page) = get(port, "/incidents/2024-03-01-checkout-errors/index.html");
    assert_eq!(code, 200, "the last good page is still served");
    assert!(page.contains("Checkout errors, edited"));

    let (code, _) = get(port, "/../../etc/passwd");
    assert_eq!(code, 404, "nothing outside the site is served");

    let busy = Command::new(assert_cmd::cargo::cargo_bin("rootline"))
        .current_dir(dir.path())
        .args(["serve", "--port", &port.to_string()])
        .output()
        .unwrap();
    assert_eq!(busy.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&busy.stderr).contains("in use"));
    drop(server);
}

/// Starts `rootline serve` in `dir`; returns the server and its port.
fn start(dir: &std::path::Path) -> (Server, u16) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("rootline"))
        .current_dir(dir)
        .args(["serve", "--port", "0", "--as-of", "2026-11-28"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stderr).lines();
    let port = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    (server, port)
}

fn build_number(port: u16) -> u64 {
    status(port)["build"].as_u64().unwrap()
}

#[test]
fn serve_follows_new_and_removed_incidents_and_template_edits() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = common::incidents_with_fixture(dir.path());
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    let original = std::fs::read_to_string(common::FIXTURE).unwrap();
    let (server, port) = start(dir.path());
    assert!(get(port, "/").1.contains("Checkout errors"));

    // A new incident shows on the index, gets a page, and links back from search.
    let before = build_number(port);
    let second = incidents.join("2024-04-02-search-timeouts.yaml");
    std::fs::write(
        &second,
        original.replace("title: Checkout errors", "title: Search timeouts"),
    )
    .unwrap();
    wait_for("the new incident", || build_number(port) > before);
    assert!(get(port, "/index.html").1.contains("Search timeouts"));
    let (code, page) = get(port, "/incidents/2024-04-02-search-timeouts/");
    assert_eq!(code, 200);
    assert!(page.contains("Search timeouts"));
    assert!(get(port, "/search-index.js").1.contains("\"timeouts\""));

    // A template edit changes pages without touching the incidents.
    let before = build_number(port);
    let custom = std::fs::read_to_string("templates/incident.html")
        .unwrap()
        .replace("<article>", "<article><p>Reviewed by the SRE guild</p>");
    std::fs::write(templates.join("incident.html"), custom).unwrap();
    wait_for("the template change", || build_number(port) > before);
    assert!(
        get(port, "/incidents/2024-04-02-search-timeouts/index.html")
            .1
            .contains("Reviewed by the SRE guild")
    );

    // A removed incident leaves the index and its page is gone.
    let before = build_number(port);
    std::fs::remove_file(&second).unwrap();
    wait_for("the removal", || build_number(port) > before);
    assert!(!get(port, "/index.html").1.contains("Search timeouts"));
    let (code, _) = get(port, "/incidents/2024-04-02-search-timeouts/index.html");
    assert_eq!(code, 404);

    // Two files with one id: an error in the banner, and the last good pages stay.
    let before = status(port)["version"].as_u64().unwrap();
    let folder = incidents.join("2024-03-01-checkout-errors");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("incident.yaml"), &original).unwrap();
    wait_for("the duplicate", || {
        status(port)["version"].as_u64().unwrap() > before
    });
    let errors = status(port)["errors"].as_str().unwrap().to_string();
    assert!(
        errors.contains("E0010") || errors.contains("also defined by"),
        "{errors}"
    );
    assert_eq!(get(port, "/index.html").0, 200);
    drop(server);
}

#[test]
fn status_long_poll_answers_at_once_when_the_version_differs() {
    let dir = tempfile::tempdir().unwrap();
    common::incidents_with_fixture(dir.path());
    let (server, port) = start(dir.path());
    let version = status(port)["version"].as_u64().unwrap();
    let stale: serde_json::Value =
        serde_json::from_str(&get(port, &format!("/__rootline/status?after={}", version + 7)).1)
            .unwrap();
    assert_eq!(stale["version"].as_u64(), Some(version));
    drop(server);
}

#[test]
fn serve_shows_errors_until_the_first_good_build_and_serves_folder_files_safely() {
    let dir = tempfile::tempdir().unwrap();
    let incidents = dir.path().join("incidents");
    let folder = incidents.join("2024-03-01-checkout-errors");
    std::fs::create_dir_all(folder.join("img")).unwrap();
    let original = std::fs::read_to_string(common::FIXTURE).unwrap();
    let yaml = folder.join("incident.yaml");
    std::fs::write(
        &yaml,
        original.replace("caused_by: [deploy]", "caused_by: [deploi]"),
    )
    .unwrap();
    std::fs::write(folder.join("img/dashboard.png"), b"not really a png").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", folder.join("secret")).unwrap();
    let (server, port) = start(dir.path());

    let (code, page) = get(port, "/");
    assert_eq!(code, 503, "no good build yet");
    assert!(page.contains("E0003") && page.contains("deploi"), "{page}");

    let before = build_number(port);
    std::fs::write(&yaml, &original).unwrap();
    wait_for("the first good build", || build_number(port) > before);
    let base = "/incidents/2024-03-01-checkout-errors";
    assert_eq!(get(port, &format!("{base}/")).0, 200);
    assert_eq!(
        get(port, &format!("{base}/img/dashboard.png")),
        (200, "not really a png".to_string())
    );
    assert_eq!(
        get(port, &format!("{base}/secret")).0,
        404,
        "links are not followed"
    );
    assert_eq!(
        get(port, &format!("{base}/incident.yaml")).0,
        404,
        "the source stays private"
    );
    assert_eq!(
        get(port, &format!("{base}/img/../../../../etc/passwd")).0,
        404
    );
    drop(server);
}

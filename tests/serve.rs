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
    assert!(get(port, "/search/terms-ti.js").1.contains("\"timeouts\""));

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

/// Sends `request` as it is and reads until the server closes (or 10 s pass);
/// a connection the server resets ends the answer like a close does.
fn exchange(port: u16, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut writer = stream.try_clone().unwrap();
    let request = request.to_vec();
    // Written from a thread so a server that answers early is read while we still write.
    let writing = std::thread::spawn(move || {
        let _ = writer.write_all(&request);
    });
    let mut answer = Vec::new();
    let mut chunk = [0u8; 8192];
    while let Ok(n) = stream.read(&mut chunk) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&chunk[..n]);
    }
    let _ = writing.join();
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status code of a raw answer, 0 when there was none.
fn code_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// An incident kept as a folder, with a picture whose name has a space in it.
fn incident_folder_with_picture(dir: &std::path::Path) {
    let folder = dir.join("incidents/2024-03-01-checkout-errors");
    std::fs::create_dir_all(folder.join("img")).unwrap();
    std::fs::copy(common::FIXTURE, folder.join("incident.yaml")).unwrap();
    std::fs::write(folder.join("img/before fix.png"), b"a picture").unwrap();
}

#[test]
fn an_oversized_header_is_refused_and_the_server_keeps_serving() {
    let dir = tempfile::tempdir().unwrap();
    common::incidents_with_fixture(dir.path());
    let (server, port) = start(dir.path());
    let mut request = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Padding: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 1 << 20));
    request.extend_from_slice(b"\r\nConnection: close\r\n\r\n");
    let answer = exchange(port, &request);
    let code = code_of(&answer);
    assert!(
        code == 431 || code == 400 || answer.is_empty(),
        "a 1 MB header is refused or the connection closed, not answered: {}",
        answer.lines().next().unwrap_or("")
    );
    let (code, page) = get(port, "/");
    assert_eq!(code, 200, "the next client is served");
    assert!(page.contains("Checkout errors"));
    drop(server);
}

#[test]
fn request_paths_that_climb_out_of_the_site_are_refused_and_encoded_names_are_served() {
    let dir = tempfile::tempdir().unwrap();
    incident_folder_with_picture(dir.path());
    let (server, port) = start(dir.path());
    let base = "/incidents/2024-03-01-checkout-errors";
    assert_eq!(
        get(port, &format!("{base}/img/before%20fix.png")),
        (200, "a picture".to_string()),
        "a percent-encoded name is the file's name"
    );
    for target in [
        "/../../etc/passwd".to_string(),
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd".to_string(),
        "/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".to_string(),
        format!("{base}/img/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd"),
        format!("{base}/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd"),
        format!("{base}/%2e%2e/2024-03-01-checkout-errors/incident.yaml"),
        "../../etc/passwd".to_string(),
    ] {
        let answer = exchange(
            port,
            format!("GET {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        );
        let code = code_of(&answer);
        assert!(code == 404 || code == 400, "{target}: {code}");
        assert!(
            !answer.contains("root:") && !answer.contains("caused_by"),
            "{target} served a file outside the site"
        );
    }
    drop(server);
}

#[test]
fn a_stalled_client_neither_blocks_others_nor_gets_an_answer_to_half_a_request() {
    let dir = tempfile::tempdir().unwrap();
    common::incidents_with_fixture(dir.path());
    let (server, port) = start(dir.path());
    let mut stalled = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stalled
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nAccept: te")
        .unwrap();

    let asked = Instant::now();
    let (code, _) = get(port, "/index.html");
    assert_eq!(code, 200);
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "answered in {:?} beside a stalled client",
        asked.elapsed()
    );

    // The unfinished request gets no answer; the server drops it after a while.
    stalled
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let waited = Instant::now();
    let mut answer = Vec::new();
    let closed = stalled.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || code_of(&answer) == 408,
        "half a request was answered: {}",
        answer.lines().next().unwrap_or("")
    );
    assert!(
        closed.is_ok() && waited.elapsed() < Duration::from_secs(12),
        "the stalled connection is closed by the server: {closed:?} after {:?}",
        waited.elapsed()
    );
    drop(server);
}

#[test]
fn an_incident_url_without_its_slash_redirects_to_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    common::incidents_with_fixture(dir.path());
    let (server, port) = start(dir.path());
    let answer = exchange(
        port,
        b"GET /incidents/2024-03-01-checkout-errors HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    );
    let code = code_of(&answer);
    assert!(code == 301 || code == 308, "{code}");
    let location = answer.lines().find_map(|line| {
        line.to_ascii_lowercase()
            .strip_prefix("location:")
            .map(|v| v.trim().to_string())
    });
    assert_eq!(
        location.as_deref(),
        Some("/incidents/2024-03-01-checkout-errors/")
    );
    let (code, page) = get(port, "/incidents/2024-03-01-checkout-errors/");
    assert_eq!(code, 200);
    assert!(page.contains("Checkout errors"));
    assert_eq!(get(port, "/incidents/no-such-incident").0, 404);
    drop(server);
}

#[cfg(target_os = "linux")]
#[test]
fn sigterm_and_ctrl_c_stop_the_server_promptly_even_with_a_long_poll_open() {
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let dir = tempfile::tempdir().unwrap();
        common::incidents_with_fixture(dir.path());
        let (mut server, port) = start(dir.path());
        let version = status(port)["version"].as_u64().unwrap();
        let mut polling = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            polling,
            "GET /__rootline/status?after={version} HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(200));

        let pid = libc::pid_t::try_from(server.0.id()).unwrap();
        // SAFETY: kill only sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let sent = Instant::now();
        let exit = loop {
            if let Some(exit) = server.0.try_wait().unwrap() {
                break exit;
            }
            assert!(
                sent.elapsed() < Duration::from_secs(3),
                "still running 3 s after signal {signal}"
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert_eq!(exit.code(), Some(0), "signal {signal} is a clean stop");
    }
}

#[test]
fn serve_answers_the_logo_rootline_toml_names_and_pages_point_at_it() {
    let dir = tempfile::tempdir().unwrap();
    common::incidents_with_fixture(dir.path());
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"8\" height=\"8\"/>";
    std::fs::write(dir.path().join("assets/logo.svg"), svg).unwrap();
    std::fs::write(
        dir.path().join("rootline.toml"),
        "[site]\ntitle = \"Acme post-mortems\"\nlogo = \"assets/logo.svg\"\n",
    )
    .unwrap();
    let (server, port) = start(dir.path());
    wait_for("the first build", || get(port, "/").0 == 200);
    let (code, body) = get(port, "/logo.svg");
    assert_eq!(code, 200);
    assert_eq!(body, svg);
    let (_, page) = get(port, "/incidents/2024-03-01-checkout-errors/");
    assert!(page.contains("src=\"../../logo.svg\""), "{page}");
    // An edited logo is what the next request gets.
    let edited = svg.replace("8", "9");
    std::fs::write(dir.path().join("assets/logo.svg"), &edited).unwrap();
    wait_for("the edited logo", || get(port, "/logo.svg").1 == edited);
    drop(server);
}

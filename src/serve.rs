//! `rootline serve`: a live preview on 127.0.0.1.
//!
//! The site is built into a private temporary folder and served from there.
//! A watcher (notify) rebuilds it when incidents or templates change; open
//! pages poll `/__rootline/status` and reload when the build number changes.
//! A build with errors keeps the last good site and shows the diagnostics in
//! a banner on every page. The whole site is rebuilt on each change.

use crate::check::output;
use crate::corpus::{Corpus, Options};
use crate::render::templates::{escape_html, Templates};
use crate::site::{self, BuildOptions};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The port is taken.
    #[error("port {0} on 127.0.0.1 is in use; choose another with --port")]
    PortInUse(u16),
    /// Anything else.
    #[error("{0}")]
    Other(String),
}

/// What `serve` needs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Folder of incidents.
    pub incidents: PathBuf,
    /// Template folder, if any.
    pub templates: Option<PathBuf>,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts (default for a preview: yes).
    pub drafts: bool,
    /// Check options.
    pub check: Options,
}

#[derive(Default)]
struct Status {
    build: u64,
    errors: String,
}

struct Preview {
    options: ServeOptions,
    out: PathBuf,
    status: Mutex<Status>,
}

const LIVE_JS: &str = r#"(function () {
  var seen = null;
  function banner(text) {
    var box = document.getElementById("rootline-errors");
    if (!text) { if (box) { box.remove(); } return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "rootline-errors";
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;margin:0;padding:1em;background:#2b0b0b;color:#ffd7d7;font:13px/1.4 monospace;z-index:9999;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = text;
  }
  function poll() {
    fetch("/__rootline/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (seen !== null && s.build !== seen) { location.reload(); return; }
      seen = s.build;
      banner(s.errors);
    }).catch(function () {}).then(function () { setTimeout(poll, 400); });
  }
  poll();
})();
"#;

impl Preview {
    /// Checks and builds; on errors keeps the last good site and records the diagnostics.
    fn rebuild(&self) {
        let started = std::time::Instant::now();
        let result = self.try_build();
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(()) => {
                status.build += 1;
                status.errors.clear();
                eprintln!("rebuilt in {} ms", started.elapsed().as_millis());
            }
            Err(text) => {
                eprintln!("{text}");
                status.errors = text;
            }
        }
    }

    fn try_build(&self) -> Result<(), String> {
        let dir = crate::render::templates::user_dir(self.options.templates.as_deref());
        let templates = Templates::load(dir.as_deref()).map_err(|e| format!("error: {e}"))?;
        let corpus = Corpus::check(
            std::slice::from_ref(&self.options.incidents),
            &self.options.check,
        )
        .map_err(|e| format!("error: {e}"))?;
        if corpus.has_errors() {
            return Err(output::errors_only(
                &corpus.diagnostics,
                &corpus.sources,
                false,
            ));
        }
        let options = BuildOptions {
            incidents: self.options.incidents.clone(),
            out: self.out.clone(),
            templates: dir,
            base_url: None,
            drafts: self.options.drafts,
            check: self.options.check.clone(),
            progress: false,
        };
        site::build(&corpus, &templates, &options)
            .map(|_| ())
            .map_err(|e| format!("error: {e}"))
    }

    fn status_json(&self) -> String {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        serde_json::json!({"build": status.build, "errors": status.errors}).to_string()
    }

    fn respond(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let mut line = String::new();
        BufReader::new(&*stream).read_line(&mut line)?;
        let target = line.split_whitespace().nth(1).unwrap_or("/");
        let path = target.split(['?', '#']).next().unwrap_or("/");
        match path {
            "/__rootline/status" => send(
                stream,
                "200 OK",
                "application/json",
                self.status_json().as_bytes(),
            ),
            "/__rootline/live.js" => send(
                stream,
                "200 OK",
                "text/javascript; charset=utf-8",
                LIVE_JS.as_bytes(),
            ),
            _ => match self.file_for(path) {
                Some(file) => {
                    let bytes = std::fs::read(&file)?;
                    let kind = content_type(&file);
                    if kind.starts_with("text/html") {
                        send(stream, "200 OK", kind, &inject(bytes))
                    } else {
                        send(stream, "200 OK", kind, &bytes)
                    }
                }
                None => {
                    let page = std::fs::read(self.out.join("404.html"))
                        .unwrap_or_else(|_| self.waiting_page());
                    send(
                        stream,
                        "404 Not Found",
                        "text/html; charset=utf-8",
                        &inject(page),
                    )
                }
            },
        }
    }

    /// The file a URL path names, only inside the site folder.
    fn file_for(&self, url_path: &str) -> Option<PathBuf> {
        let relative = Path::new(url_path.trim_start_matches('/'));
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            return None;
        }
        let mut file = self.out.join(relative);
        if url_path.ends_with('/') || file.is_dir() {
            file = file.join("index.html");
        }
        file.is_file().then_some(file)
    }

    fn waiting_page(&self) -> Vec<u8> {
        let errors = self
            .status
            .lock()
            .map(|s| s.errors.clone())
            .unwrap_or_default();
        format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>rootline preview</title></head><body><h1>No site yet</h1><pre>{}</pre></body></html>", escape_html(&errors)).into_bytes()
    }
}

fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=\"/__rootline/live.js\"></script>";
    match html.windows(7).rposition(|w| w == b"</body>") {
        Some(at) => {
            html.splice(at..at, tag.iter().copied());
        }
        None => html.extend_from_slice(tag),
    }
    html
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("md") => "text/markdown; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        _ => "application/octet-stream",
    }
}

fn send(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(stream, "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n", body.len())?;
    stream.write_all(body)
}

/// Builds, serves and watches until the process is stopped.
pub fn serve(options: ServeOptions, open: bool) -> Result<(), ServeError> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse(options.port),
        _ => ServeError::Other(format!("127.0.0.1:{}: {e}", options.port)),
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| ServeError::Other(e.to_string()))?
        .port();
    let work = tempfile::tempdir().map_err(|e| ServeError::Other(e.to_string()))?;
    let preview = Arc::new(Preview {
        out: work.path().join("site"),
        options,
        status: Mutex::new(Status::default()),
    });
    preview.rebuild();
    let _watcher = watch(Arc::clone(&preview))?;
    let url = format!("http://127.0.0.1:{port}/");
    eprintln!(
        "serving {} on {url} (Ctrl-C to stop)",
        preview.options.incidents.display()
    );
    if open {
        let _ = std::process::Command::new(if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        })
        .arg(&url)
        .spawn();
    }
    for stream in listener.incoming().flatten() {
        let preview = Arc::clone(&preview);
        std::thread::spawn(move || {
            let mut stream = stream;
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let _ = preview.respond(&mut stream);
        });
    }
    Ok(())
}

/// Rebuilds after changes settle (100 ms), on a thread of its own.
fn watch(preview: Arc<Preview>) -> Result<notify::RecommendedWatcher, ServeError> {
    use notify::{RecursiveMode, Watcher};
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reads are events too, and every rebuild reads the incidents: only changes count.
        if event.is_ok_and(|e| !e.kind.is_access() && !e.kind.is_other()) {
            let _ = sender.send(());
        }
    })
    .map_err(|e| ServeError::Other(format!("cannot watch files: {e}")))?;
    let mut folders = vec![preview.options.incidents.clone()];
    folders.extend(crate::render::templates::user_dir(
        preview.options.templates.as_deref(),
    ));
    for folder in &folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Other(format!("{}: {e}", folder.display())))?;
    }
    std::thread::spawn(move || {
        while receiver.recv().is_ok() {
            while receiver.recv_timeout(Duration::from_millis(100)).is_ok() {}
            preview.rebuild();
        }
    });
    Ok(watcher)
}

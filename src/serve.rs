//! `rootline serve`: a live preview on 127.0.0.1.
//!
//! The incidents are checked once at start and kept in memory (a
//! [`Workspace`]). A watcher (notify) reports changes; only the files that
//! changed on disk are read and checked again, and pages are rendered when a
//! browser asks for them (and kept until the next change), so an edit costs
//! one file's check plus the pages actually viewed, whatever the corpus size.
//! Open pages long-poll `/__rootline/status` and reload when the build number
//! changes. Input with errors keeps the last good pages and shows the
//! diagnostics in a banner on every page.

use crate::analysis::Analysed;
use crate::render::templates::Templates;
use crate::site::{self, Contents, Listing, Served, Settings};
use crate::text::escape_html;
use crate::workspace::Options;
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

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

/// What open pages poll: `version` changes whenever `build` or `errors` does.
#[derive(Default)]
struct Status {
    version: u64,
    build: u64,
    errors: String,
}

/// The last good state, which every request renders from.
struct Shown {
    templates: Templates,
    /// Incidents on the site, each with its listing.
    entries: Vec<(Arc<Analysed>, Arc<Listing>)>,
    settings: Settings,
    /// Pages rendered since this state was made.
    cache: Mutex<HashMap<String, Arc<String>>>,
}

impl Shown {
    fn contents(&self) -> Contents<'_> {
        Contents::new(
            self.entries
                .iter()
                .map(|(analysed, listing)| (analysed.as_ref(), listing.as_ref()))
                .collect(),
        )
    }

    /// The page at `relative`, rendered once per state.
    fn page(&self, relative: &str) -> Result<Option<Page>, String> {
        let cached = self
            .cache
            .lock()
            .ok()
            .and_then(|c| c.get(relative).cloned());
        if let Some(text) = cached {
            return Ok(Some(Page::Text(text)));
        }
        let served = site::render_one(&self.contents(), &self.templates, &self.settings, relative)
            .map_err(|e| format!("error: {e}"))?;
        Ok(served.map(|served| match served {
            Served::Text(text) => {
                let text = Arc::new(text);
                if let Ok(mut cache) = self.cache.lock() {
                    cache.insert(relative.to_string(), Arc::clone(&text));
                }
                Page::Text(text)
            }
            Served::File(path) => Page::File(path),
        }))
    }
}

enum Page {
    Text(Arc<String>),
    File(PathBuf),
}

struct Preview {
    options: ServeOptions,
    workspace: Mutex<Workspace>,
    shown: RwLock<Option<Arc<Shown>>>,
    status: Mutex<Status>,
    status_changed: Condvar,
}

const LIVE_JS: &str = r#"(function () {
  var build = null, version = 0;
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
    fetch("/__rootline/status?after=" + version, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (build !== null && s.build !== build) { location.reload(); return; }
      build = s.build;
      version = s.version;
      banner(s.errors);
      poll();
    }).catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
"#;

/// How long a status request waits for news before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

impl Preview {
    /// Re-reads what changed and makes it the shown state; on errors keeps the last good one.
    fn refresh(&self, templates_changed: bool) {
        let started = Instant::now();
        let result = self.try_refresh(templates_changed);
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(Some(checked)) => {
                status.build += 1;
                status.errors.clear();
                if status.build > 1 {
                    eprintln!(
                        "updated in {} ms ({checked} file{} checked)",
                        started.elapsed().as_millis(),
                        if checked == 1 { "" } else { "s" }
                    );
                }
            }
            Ok(None) => return,
            Err(text) => {
                eprintln!("{text}");
                status.errors = text;
            }
        }
        status.version += 1;
        self.status_changed.notify_all();
    }

    /// `Ok(None)` when nothing changed; otherwise the number of files checked again.
    fn try_refresh(&self, templates_changed: bool) -> Result<Option<usize>, String> {
        let mut workspace = self.workspace.lock().unwrap_or_else(|e| e.into_inner());
        let refreshed = workspace.refresh().map_err(|e| format!("error: {e}"))?;
        let previous = self.shown.read().ok().and_then(|s| s.clone());
        let unchanged = refreshed.checked == 0 && refreshed.removed == 0;
        if unchanged && !templates_changed && previous.is_some() {
            return Ok(None);
        }
        if workspace.has_errors() {
            return Err(workspace.error_report());
        }
        let templates = self.templates()?;
        let shown = self.next_state(&workspace, templates, previous.as_deref());
        drop(workspace);
        if let Ok(mut slot) = self.shown.write() {
            *slot = Some(Arc::new(shown));
        }
        Ok(Some(refreshed.checked))
    }

    fn incident_count(&self) -> usize {
        self.shown
            .read()
            .ok()
            .and_then(|s| s.as_ref().map(|s| s.entries.len()))
            .unwrap_or(0)
    }

    fn templates(&self) -> Result<Templates, String> {
        let dir = crate::render::templates::user_dir(self.options.templates.as_deref());
        Templates::load(dir.as_deref()).map_err(|e| format!("error: {e}"))
    }

    /// The new shown state; listings of incidents that did not change are reused.
    fn next_state(
        &self,
        workspace: &Workspace,
        templates: Templates,
        previous: Option<&Shown>,
    ) -> Shown {
        let known: HashMap<*const Analysed, &Arc<Listing>> = previous
            .map(|p| p.entries.iter().map(|(a, l)| (Arc::as_ptr(a), l)).collect())
            .unwrap_or_default();
        let entries = workspace
            .incidents()
            .into_iter()
            .filter(|a| site::on_site(a, self.options.drafts))
            .map(|a| {
                let listing = match known.get(&Arc::as_ptr(&a)) {
                    Some(listing) => Arc::clone(listing),
                    None => Arc::new(Listing::of(&a)),
                };
                (a, listing)
            })
            .collect();
        Shown {
            templates,
            entries,
            settings: Settings {
                as_of: self.options.check.as_of,
                base_url: None,
                progress: false,
            },
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The status as JSON; with `after`, waits (up to a limit) until the version differs.
    fn status_json(&self, after: Option<u64>) -> String {
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(after) = after {
            let deadline = Instant::now() + LONG_POLL;
            while status.version == after {
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                status = match self.status_changed.wait_timeout(status, left) {
                    Ok((guard, _)) => guard,
                    Err(poisoned) => poisoned.into_inner().0,
                };
            }
        }
        serde_json::json!({"version": status.version, "build": status.build, "errors": status.errors})
            .to_string()
    }

    fn respond(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let mut line = String::new();
        BufReader::new(&*stream).read_line(&mut line)?;
        let target = line.split_whitespace().nth(1).unwrap_or("/");
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let path = path.split('#').next().unwrap_or("/");
        match path {
            "/__rootline/status" => {
                let after = query
                    .split('&')
                    .find_map(|pair| pair.strip_prefix("after="))
                    .and_then(|n| n.parse().ok());
                send(
                    stream,
                    "200 OK",
                    "application/json",
                    self.status_json(after).as_bytes(),
                )
            }
            "/__rootline/live.js" => send(
                stream,
                "200 OK",
                "text/javascript; charset=utf-8",
                LIVE_JS.as_bytes(),
            ),
            _ => self.respond_page(stream, path),
        }
    }

    fn respond_page(&self, stream: &mut TcpStream, url_path: &str) -> std::io::Result<()> {
        let shown = self.shown.read().ok().and_then(|s| s.clone());
        let Some(shown) = shown else {
            return send(
                stream,
                "503 Service Unavailable",
                "text/html; charset=utf-8",
                &inject(self.waiting_page()),
            );
        };
        let page = match relative_paths(url_path)
            .into_iter()
            .map(|relative| shown.page(&relative))
            .find(|p| !matches!(p, Ok(None)))
        {
            Some(Ok(Some(page))) => page,
            Some(Err(text)) => {
                let body = format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>rootline preview</title></head><body><pre>{}</pre></body></html>", escape_html(&text));
                return send(
                    stream,
                    "500 Internal Server Error",
                    "text/html; charset=utf-8",
                    &inject(body.into_bytes()),
                );
            }
            _ => {
                let body = match shown.page("404.html") {
                    Ok(Some(Page::Text(text))) => text.as_bytes().to_vec(),
                    _ => b"<!DOCTYPE html><title>Not found</title><p>Not found</p>".to_vec(),
                };
                return send(
                    stream,
                    "404 Not Found",
                    "text/html; charset=utf-8",
                    &inject(body),
                );
            }
        };
        match page {
            Page::Text(text) => {
                let kind = content_type(Path::new(url_path_name(url_path)));
                if kind.starts_with("text/html") {
                    send(stream, "200 OK", kind, &inject(text.as_bytes().to_vec()))
                } else {
                    send(stream, "200 OK", kind, text.as_bytes())
                }
            }
            Page::File(file) => {
                let bytes = std::fs::read(&file)?;
                send(stream, "200 OK", content_type(&file), &bytes)
            }
        }
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

/// The site paths a URL path may name: itself, or its `index.html` for a folder.
/// Nothing with `..`, hidden or empty parts.
fn relative_paths(url_path: &str) -> Vec<String> {
    let relative = url_path.trim_start_matches('/');
    if Path::new(relative)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
        || relative.split('/').any(|part| part.starts_with('.'))
    {
        return Vec::new();
    }
    let folder = relative.trim_end_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        vec![format!("{folder}/index.html")
            .trim_start_matches('/')
            .to_string()]
    } else {
        vec![relative.to_string(), format!("{folder}/index.html")]
    }
}

/// The name a content type is judged by: `index.html` for a folder URL.
fn url_path_name(url_path: &str) -> &str {
    if url_path.ends_with('/') || !url_path.rsplit('/').next().unwrap_or("").contains('.') {
        "index.html"
    } else {
        url_path
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

/// Checks, serves and watches until the process is stopped.
pub fn serve(options: ServeOptions, open: bool) -> Result<(), ServeError> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse(options.port),
        _ => ServeError::Other(format!("127.0.0.1:{}: {e}", options.port)),
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| ServeError::Other(e.to_string()))?
        .port();
    let started = Instant::now();
    let workspace = Workspace::open(vec![options.incidents.clone()], options.check.clone())
        .map_err(|e| ServeError::Other(e.to_string()))?;
    let preview = Arc::new(Preview {
        options,
        workspace: Mutex::new(workspace),
        shown: RwLock::new(None),
        status: Mutex::new(Status::default()),
        status_changed: Condvar::new(),
    });
    preview.refresh(true);
    eprintln!(
        "checked {} incidents in {} ms",
        preview.incident_count(),
        started.elapsed().as_millis()
    );
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

/// Editors write a file in several steps; changes are taken together once
/// they pause this long.
const SETTLE: Duration = Duration::from_millis(15);

/// Refreshes after changes settle, on a thread of its own.
fn watch(preview: Arc<Preview>) -> Result<notify::RecommendedWatcher, ServeError> {
    use notify::{RecursiveMode, Watcher};
    let (sender, receiver) = std::sync::mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        // Reads are events too, and every refresh reads the incidents: only changes count.
        match event {
            Ok(event) if !event.kind.is_access() && !event.kind.is_other() => {
                let _ = sender.send(event.paths);
            }
            _ => {}
        }
    })
    .map_err(|e| ServeError::Other(format!("cannot watch files: {e}")))?;
    let template_dir = crate::render::templates::user_dir(preview.options.templates.as_deref());
    let mut folders = vec![preview.options.incidents.clone()];
    folders.extend(template_dir.clone());
    for folder in &folders {
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| ServeError::Other(format!("{}: {e}", folder.display())))?;
    }
    let template_roots: Vec<PathBuf> = template_dir
        .iter()
        .flat_map(|dir| [dir.clone(), std::fs::canonicalize(dir).unwrap_or_default()])
        .filter(|dir| !dir.as_os_str().is_empty())
        .collect();
    std::thread::spawn(move || {
        while let Ok(mut paths) = receiver.recv() {
            while let Ok(more) = receiver.recv_timeout(SETTLE) {
                paths.extend(more);
            }
            let templates_changed = paths
                .iter()
                .any(|p| template_roots.iter().any(|root| p.starts_with(root)));
            preview.refresh(templates_changed);
        }
    });
    Ok(watcher)
}

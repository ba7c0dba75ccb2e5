//! `rootline serve`: a live preview on 127.0.0.1.
//!
//! The incidents are checked once at start and kept in memory (a
//! [`Workspace`](crate::workspace::Workspace)). A watcher (notify) reports
//! changes; only the files that changed on disk are read and checked again,
//! and pages are rendered when a browser asks for them (and kept until the
//! next change), so an edit costs one file's check plus the pages actually
//! viewed, whatever the corpus size. Open pages long-poll
//! `/__rootline/status` and reload when the build number changes. Input with
//! errors keeps the last good pages and shows the diagnostics in a banner on
//! every page.
//!
//! `preview` holds that state; `http` answers requests from it.

mod http;
mod preview;

use crate::workspace::Options;
use clap::builder::styling::{AnsiColor, Style};
use preview::Preview;
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

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
    /// Incidents per list page.
    pub page_size: crate::site::PageSize,
    /// How many of the newest published incidents the feed holds.
    pub feed_size: usize,
    /// Check options.
    pub check: Options,
    /// Whether the start-up lines are coloured (`--color`, NO_COLOR, a terminal).
    pub color: bool,
}

/// Checks, serves and watches until Ctrl-C or SIGTERM.
pub fn serve(options: ServeOptions, open: bool) -> Result<(), ServeError> {
    let listener = TcpListener::bind(("127.0.0.1", options.port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse(options.port),
        _ => ServeError::Other(format!("127.0.0.1:{}: {e}", options.port)),
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| ServeError::Other(e.to_string()))?
        .port();
    listener
        .set_nonblocking(true)
        .map_err(|e| ServeError::Other(e.to_string()))?;
    let started = Instant::now();
    let preview = Arc::new(Preview::open(options)?);
    preview.refresh(true);
    let banner = Banner::new(preview.options.color);
    eprintln!(
        "{} {} in {} ms",
        banner.verb("checked"),
        crate::text::count(preview.incident_count(), "incident"),
        started.elapsed().as_millis()
    );
    let _watcher = preview::watch(Arc::clone(&preview))?;
    let url = format!("http://127.0.0.1:{port}/");
    eprintln!(
        "{} {} on {} (Ctrl-C to stop)",
        banner.verb("serving"),
        preview.options.incidents.display(),
        banner.address(&url)
    );
    if open {
        open_browser(&url);
    }
    // One thread answers connections; rendering runs on tokio's blocking pool.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ServeError::Other(e.to_string()))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| ServeError::Other(e.to_string()))?;
        http::run(listener, preview, stop_asked()).await;
        Ok::<(), ServeError>(())
    })?;
    // Rendering still under way must not keep the process alive.
    runtime.shutdown_background();
    eprintln!("stopped");
    Ok(())
}

/// The start-up lines' styles: the verb as cargo shows its own, the address to click.
struct Banner {
    color: bool,
}

impl Banner {
    fn new(color: bool) -> Self {
        Banner { color }
    }

    fn verb(&self, verb: &str) -> String {
        let style = AnsiColor::Green.on_default().bold();
        self.paint(style, verb)
    }

    fn address(&self, url: &str) -> String {
        self.paint(Style::new().bold().underline(), url)
    }

    fn paint(&self, style: Style, text: &str) -> String {
        match self.color {
            true => format!("{}{text}{}", style.render(), style.render_reset()),
            false => text.to_string(),
        }
    }
}

/// Asks the desktop to open `url`; says so in one line when it cannot (the preview runs on).
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let child = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    let url = url.to_string();
    let cannot = move |why: String| eprintln!("--open: {why}; open {url} in a browser yourself");
    match child {
        Err(_) => cannot(format!(
            "no browser could be started ({opener} was not found)"
        )),
        // An opener that finds no browser exits with an error; wait for it beside the server.
        Ok(mut child) => {
            std::thread::spawn(move || {
                if !child.wait().is_ok_and(|status| status.success()) {
                    cannot(format!("{opener} found no browser to start"));
                }
            });
        }
    }
}

/// Completes on Ctrl-C or SIGTERM; never, for a signal it cannot listen for.
async fn stop_asked() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

//! The preview's HTTP side: routes, content types, the status long-poll.
//!
//! hyper parses requests: a head over its buffer limit (about 400 KB) is
//! refused with 431, a malformed request line with 400, and a client that
//! does not finish its head in [`HEADER_READ_TIMEOUT`] is dropped. Each
//! connection is a task, so a stalled client holds no one else up.

use super::preview::{Page, Preview, Shown};
use crate::text::escape_html;
use axum::body::Body;
use axum::extract::State;
use axum::http::{header, StatusCode, Uri};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::path::{Component, Path};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// The live-reload script every HTML page loads.
const LIVE_JS: &str = include_str!("live.js");

/// How long a status request waits for news before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

/// How long a client may take to send a request's head.
const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// How long requests under way may finish after a stop is asked for.
const GRACE: Duration = Duration::from_secs(1);

/// What every handler sees.
#[derive(Clone)]
struct App {
    preview: Arc<Preview>,
    /// Turns true when the server stops, so long-polls answer at once.
    stopping: watch::Receiver<bool>,
}

/// Serves `preview` on `listener` until `stop` completes, then lets requests
/// under way finish for at most [`GRACE`].
pub(super) async fn run(
    listener: TcpListener,
    preview: Arc<Preview>,
    stop: impl Future<Output = ()>,
) {
    let (stopping, stopping_seen) = watch::channel(false);
    let router = routes(App {
        preview,
        stopping: stopping_seen,
    });
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    tokio::pin!(stop);
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            () = &mut stop => break,
        };
        let Ok((stream, _)) = stream else {
            // Out of file descriptors, most likely: give connections time to close.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let service = TowerToHyperService::new(router.clone());
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away mid-request is its own business.
            let _ = connection.await;
        });
    }
    drop(listener);
    let _ = stopping.send(true);
    let _ = tokio::time::timeout(GRACE, graceful.shutdown()).await;
}

fn routes(app: App) -> Router {
    Router::new()
        .route("/__rootline/status", get(status))
        .route("/__rootline/live.js", get(live_js))
        .fallback(page)
        .with_state(app)
}

/// The status as JSON; with `after`, waits (up to a limit) until the version differs.
async fn status(State(app): State<App>, uri: Uri) -> Response {
    let after = uri
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("after="))
        .and_then(|n| n.parse::<u64>().ok());
    let mut seen = app.preview.status.subscribe();
    if let Some(after) = after {
        let mut stopping = app.stopping.clone();
        let news = async {
            let _ = seen.wait_for(|s| s.version != after).await.map(drop);
        };
        tokio::select! {
            _ = tokio::time::timeout(LONG_POLL, news) => {}
            _ = stopping.wait_for(|stop| *stop) => {}
        }
    }
    let json = {
        let status = seen.borrow();
        serde_json::json!({"version": status.version, "build": status.build, "errors": status.errors})
            .to_string()
    };
    reply(StatusCode::OK, "application/json", json.into_bytes())
}

async fn live_js() -> Response {
    reply(
        StatusCode::OK,
        "text/javascript; charset=utf-8",
        LIVE_JS.as_bytes().to_vec(),
    )
}

/// A page of the site; rendering and file reads run off the connection tasks.
async fn page(State(app): State<App>, uri: Uri) -> Response {
    tokio::task::spawn_blocking(move || answer_page(&app.preview, &uri))
        .await
        .unwrap_or_else(|_| {
            let body = b"<!DOCTYPE html><title>Error</title><p>The page could not be made</p>";
            reply(StatusCode::INTERNAL_SERVER_ERROR, HTML, body.to_vec())
        })
}

const HTML: &str = "text/html; charset=utf-8";

/// Where a URL path leads in the shown state.
enum Found {
    /// A page or file, with the site path its content type is judged by.
    Page(Page, String),
    /// A folder asked for without its slash: its relative links need one.
    Folder,
    /// Nothing at that path.
    Missing,
    /// Rendering failed.
    Failed(String),
}

fn answer_page(preview: &Preview, uri: &Uri) -> Response {
    let Some(shown) = preview.shown() else {
        return reply(
            StatusCode::SERVICE_UNAVAILABLE,
            HTML,
            inject(waiting_page(&preview.errors())),
        );
    };
    let decoded = percent_encoding::percent_decode_str(uri.path()).decode_utf8();
    let found = match decoded {
        Ok(url_path) => find(&shown, &url_path),
        Err(_) => Found::Missing,
    };
    match found {
        Found::Page(Page::Text(text), relative) => {
            let kind = content_type(Path::new(&relative));
            if kind.starts_with("text/html") {
                reply(StatusCode::OK, kind, inject(text.as_bytes().to_vec()))
            } else {
                reply(StatusCode::OK, kind, text.as_bytes().to_vec())
            }
        }
        Found::Page(Page::File(file), _) => match std::fs::read(&file) {
            Ok(bytes) => reply(StatusCode::OK, content_type(&file), bytes),
            Err(_) => not_found(&shown),
        },
        Found::Folder => redirect_to_folder(&shown, uri),
        Found::Missing => not_found(&shown),
        Found::Failed(text) => {
            let body = format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>rootline preview</title></head><body><pre>{}</pre></body></html>", escape_html(&text));
            reply(
                StatusCode::INTERNAL_SERVER_ERROR,
                HTML,
                inject(body.into_bytes()),
            )
        }
    }
}

/// The site path a decoded URL path names; a folder's page is its `index.html`.
fn find(shown: &Shown, url_path: &str) -> Found {
    let Some(relative) = site_path(url_path) else {
        return Found::Missing;
    };
    let folder = relative.trim_end_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        let index = format!("{folder}/index.html")
            .trim_start_matches('/')
            .to_string();
        return lookup(shown, index);
    }
    match lookup(shown, relative.to_string()) {
        Found::Missing => match lookup(shown, format!("{folder}/index.html")) {
            Found::Page(..) => Found::Folder,
            other => other,
        },
        other => other,
    }
}

fn lookup(shown: &Shown, relative: String) -> Found {
    match shown.page(&relative) {
        Ok(Some(page)) => Found::Page(page, relative),
        Ok(None) => Found::Missing,
        Err(text) => Found::Failed(text),
    }
}

/// The path inside the site, or `None` for anything with `..`, hidden parts
/// or NUL (checked after percent-decoding, so `%2e%2e` is `..` too).
fn site_path(url_path: &str) -> Option<&str> {
    let relative = url_path.trim_start_matches('/');
    let unsafe_part = Path::new(relative)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)));
    let hidden = relative.split('/').any(|part| part.starts_with('.'));
    (!unsafe_part && !hidden && !relative.contains('\0')).then_some(relative)
}

/// The same URL with a slash after the path (the query kept).
fn redirect_to_folder(shown: &Shown, uri: &Uri) -> Response {
    let location = match uri.query() {
        Some(query) => format!("{}/?{query}", uri.path()),
        None => format!("{}/", uri.path()),
    };
    let Ok(location) = header::HeaderValue::try_from(location) else {
        return not_found(shown);
    };
    let mut response = reply(StatusCode::PERMANENT_REDIRECT, HTML, Vec::new());
    response.headers_mut().insert(header::LOCATION, location);
    response
}

fn not_found(shown: &Shown) -> Response {
    let body = match shown.page("404.html") {
        Ok(Some(Page::Text(text))) => text.as_bytes().to_vec(),
        _ => b"<!DOCTYPE html><title>Not found</title><p>Not found</p>".to_vec(),
    };
    reply(StatusCode::NOT_FOUND, HTML, inject(body))
}

fn waiting_page(errors: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>rootline preview</title></head><body><h1>No site yet</h1><pre>{}</pre></body></html>", escape_html(errors)).into_bytes()
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
        Some("html") => HTML,
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

/// An answer that no browser keeps: every page may change with the next edit.
fn reply(status: StatusCode, kind: &'static str, body: Vec<u8>) -> Response {
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static(kind));
    headers.insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}

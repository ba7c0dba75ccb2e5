//! What the preview shows: the last good state, refreshed when files change.

use super::{ServeError, ServeOptions};
use crate::analysis::Analysed;
use crate::render::templates::Templates;
use crate::site::{self, Contents, Listing, Served, Settings};
use crate::workspace::Workspace;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// What open pages poll: `version` changes whenever `build` or `errors` does.
#[derive(Debug, Default, Clone)]
pub(super) struct Status {
    /// Bumped on every change a page should notice.
    pub version: u64,
    /// Bumped on every good build; pages reload when it moves.
    pub build: u64,
    /// The diagnostics of the last failed refresh, empty when it was good.
    pub errors: String,
}

/// The last good state, which every request renders from.
pub(super) struct Shown {
    templates: Templates,
    /// Incidents on the site, each with its listing.
    entries: Vec<(Arc<Analysed>, Arc<Listing>)>,
    settings: Settings,
    /// Pages rendered since this state was made.
    cache: Mutex<HashMap<String, Arc<String>>>,
}

/// One answer of the site: a rendered page, or a file from an incident folder.
pub(super) enum Page {
    /// Rendered text, shared with the cache.
    Text(Arc<String>),
    /// A file to read and send as it is.
    File(PathBuf),
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
    pub(super) fn page(&self, relative: &str) -> Result<Option<Page>, String> {
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

/// The checked incidents, the state shown from them and the status pages poll.
pub(super) struct Preview {
    /// What `serve` was asked to do.
    pub options: ServeOptions,
    workspace: Mutex<Workspace>,
    shown: RwLock<Option<Arc<Shown>>>,
    /// The status; its receivers wake when a refresh changes it.
    pub status: watch::Sender<Status>,
}

impl Preview {
    /// Checks the incidents once; nothing is shown until [`Preview::refresh`].
    pub(super) fn open(options: ServeOptions) -> Result<Self, ServeError> {
        let workspace = Workspace::open(vec![options.incidents.clone()], options.check.clone())
            .map_err(|e| ServeError::Other(e.to_string()))?;
        Ok(Preview {
            options,
            workspace: Mutex::new(workspace),
            shown: RwLock::new(None),
            status: watch::Sender::new(Status::default()),
        })
    }

    /// The state requests render from; `None` until the first good build.
    pub(super) fn shown(&self) -> Option<Arc<Shown>> {
        self.shown.read().ok().and_then(|s| s.clone())
    }

    /// The diagnostics of the last failed refresh.
    pub(super) fn errors(&self) -> String {
        self.status.borrow().errors.clone()
    }

    /// Re-reads what changed and makes it the shown state; on errors keeps the last good one.
    pub(super) fn refresh(&self, templates_changed: bool) {
        let started = Instant::now();
        let result = self.try_refresh(templates_changed);
        self.status.send_if_modified(|status| {
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
                Ok(None) => return false,
                Err(text) => {
                    eprintln!("{text}");
                    status.errors = text;
                }
            }
            status.version += 1;
            true
        });
    }

    /// `Ok(None)` when nothing changed; otherwise the number of files checked again.
    fn try_refresh(&self, templates_changed: bool) -> Result<Option<usize>, String> {
        let mut workspace = self.workspace.lock().unwrap_or_else(|e| e.into_inner());
        let refreshed = workspace.refresh().map_err(|e| format!("error: {e}"))?;
        let previous = self.shown();
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

    /// How many incidents the shown state has.
    pub(super) fn incident_count(&self) -> usize {
        self.shown().map(|s| s.entries.len()).unwrap_or(0)
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
                page_size: self.options.page_size,
                feed_size: self.options.feed_size,
                config: self.options.check.config.clone(),
            },
            cache: Mutex::new(HashMap::new()),
        }
    }
}

/// Editors write a file in several steps; changes are taken together once
/// they pause this long.
const SETTLE: Duration = Duration::from_millis(15);

/// Refreshes after changes settle, on a thread of its own.
pub(super) fn watch(preview: Arc<Preview>) -> Result<notify::RecommendedWatcher, ServeError> {
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

//! Writing the page list into the folder a build stages.

use super::context::Site;
use super::output::{self, OutputError};
use super::page::{self, Page, Source};
use super::{paths, Built, SiteError};
use rayon::prelude::*;
use std::path::PathBuf;

/// The folder a build writes into.
pub(super) struct Folder {
    /// Where the new site goes.
    pub dir: PathBuf,
    /// The site being replaced, if any: unchanged files are linked from it.
    pub previous: Option<PathBuf>,
}

impl Folder {
    fn put(&self, relative: &str, text: &str) -> Result<(), OutputError> {
        let path = self.dir.join(relative);
        let old = self.previous.as_ref().map(|p| p.join(relative));
        let write = || output::write_or_link(&path, text.as_bytes(), old.as_deref());
        // Folders are made when a write finds them missing, not before
        // every file: an incident's three files share one folder.
        match write() {
            Err(OutputError::Io { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                if let Some(parent) = path.parent() {
                    std::fs::create_dir_all(parent).map_err(|source| OutputError::Io {
                        path: parent.to_path_buf(),
                        source,
                    })?;
                }
                write()
            }
            other => other,
        }
    }

    /// Copies an incident folder's other files beside its pages.
    fn copy_assets(&self, site: &Site, incident: usize) -> Result<usize, OutputError> {
        let validated = &site.incidents[incident].validated;
        match &validated.file.asset_dir {
            Some(from) => {
                output::copy_assets(from, &self.dir.join(paths::incident_folder(&validated.id)))
            }
            None => Ok(0),
        }
    }
}

/// Large corpora only: a bar for five pages is noise. Hidden unless stderr is a terminal.
const PROGRESS_FROM: usize = 200;

fn progress_bar(wanted: bool, total: usize) -> indicatif::ProgressBar {
    if !wanted || total < PROGRESS_FROM {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} incident pages")
    {
        bar.set_style(style);
    }
    bar
}

/// Renders and writes every page, runs of pages that share a source on one
/// thread each, runs in parallel; then copies each incident's files.
pub(super) fn write_all(site: &Site, pages: &[Page], folder: &Folder) -> Result<Built, SiteError> {
    let incidents = pages.iter().filter(|p| p.render.is_incident_page()).count();
    let bar = progress_bar(site.settings.progress, incidents);
    let copied: Vec<usize> = pages
        .par_chunk_by(page::same_run)
        .map(|run| -> Result<usize, SiteError> {
            let mut shared = None;
            for page in run {
                folder.put(&page.path, &page.render(site, &mut shared)?)?;
            }
            match run.first().and_then(|page| page.render.source()) {
                Some(Source::Incident(incident)) => {
                    bar.inc(1);
                    Ok(folder.copy_assets(site, incident)?)
                }
                _ => Ok(0),
            }
        })
        .collect::<Result<_, _>>()?;
    bar.finish_and_clear();
    Ok(Built {
        incidents,
        files: pages.len() + copied.into_iter().sum::<usize>(),
    })
}

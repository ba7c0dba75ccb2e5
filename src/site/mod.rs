//! The static site: incident pages, index, report, lists, feed, sitemap, search.

pub mod output;
mod rows;
mod search;

use crate::corpus::{Analysed, Corpus, Options};
use crate::model::Status;
use crate::render::templates::{TemplateError, Templates};
use crate::render::{self, DocumentFormat};
use crate::view::report::{report_with_summaries, Period};
use crate::view::summary::{summarise, IncidentSummary, Slugged};
use crate::view::{export, incident_view, CorpusLinks, PageContext};
use output::OutputError;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::Context;

/// Settings of one build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Folder of incident files.
    pub incidents: PathBuf,
    /// Output folder.
    pub out: PathBuf,
    /// Template folder, if any.
    pub templates: Option<PathBuf>,
    /// Absolute URL of the published site, ending in `/`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub drafts: bool,
    /// Check options (as-of date, limits).
    pub check: Options,
    /// Show a progress bar (only ever drawn on a terminal).
    pub progress: bool,
}

/// Why a build failed after the input checked clean.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// The output folder cannot be used or written.
    #[error(transparent)]
    Output(#[from] OutputError),
    /// A template failed.
    #[error(transparent)]
    Template(#[from] TemplateError),
}

/// What a finished build reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    /// Incident pages written.
    pub incidents: usize,
    /// Files written in all.
    pub files: usize,
}

/// Whether an incident goes on the site.
pub fn on_site(analysed: &Analysed, drafts: bool) -> bool {
    drafts || analysed.validated.incident.status != Status::Draft
}

/// Builds the site from a corpus that checked clean.
pub fn build(
    corpus: &Corpus,
    templates: &Templates,
    options: &BuildOptions,
) -> Result<Built, SiteError> {
    let mut inputs: Vec<&Path> = vec![&options.incidents];
    if let Some(t) = &options.templates {
        inputs.push(t);
    }
    let staging = output::stage(&options.out, &inputs)?;
    let site = Site::new(corpus, templates, options, staging.dir().to_path_buf());
    let built = site.write_all()?;
    let marker = format!("rootline site\nas-of: {}\n", options.check.as_of);
    staging.commit(&marker)?;
    Ok(built)
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

struct Site<'a> {
    incidents: Vec<&'a Analysed>,
    summaries: Vec<IncidentSummary>,
    /// Table rows of `summaries`, for pages at the root and one folder down.
    rows_at_root: Vec<String>,
    rows_nested: Vec<String>,
    templates: &'a Templates,
    options: &'a BuildOptions,
    dir: PathBuf,
    as_of: String,
}

#[derive(Serialize)]
struct Group {
    name: String,
    slug: String,
    count: usize,
}

#[derive(Serialize)]
struct SortLink {
    label: &'static str,
    href: &'static str,
    current: bool,
}

impl<'a> Site<'a> {
    fn new(
        corpus: &'a Corpus,
        templates: &'a Templates,
        options: &'a BuildOptions,
        dir: PathBuf,
    ) -> Self {
        let mut pairs: Vec<(&Analysed, IncidentSummary)> = corpus
            .incidents
            .par_iter()
            .filter(|a| on_site(a, options.drafts))
            .map(|a| (a, summarise(a)))
            .collect();
        // Newest first; incidents stay aligned with their summaries (the report relies on it).
        pairs.sort_by(|(_, a), (_, b)| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        let (incidents, summaries): (Vec<&Analysed>, Vec<IncidentSummary>) =
            pairs.into_iter().unzip();
        let rows_at_root = summaries.par_iter().map(|s| rows::row(s, "")).collect();
        let rows_nested = summaries.par_iter().map(|s| rows::row(s, "../")).collect();
        Site {
            incidents,
            summaries,
            rows_at_root,
            rows_nested,
            templates,
            options,
            dir,
            as_of: options.check.as_of.to_string(),
        }
    }

    fn page(&self, depth: usize, section: &str) -> PageContext {
        PageContext {
            site: true,
            root: "../".repeat(depth),
            site_title: "Post-mortems".to_string(),
            section: section.to_string(),
            downloads: false,
            as_of: self.as_of.clone(),
        }
    }

    fn write(&self, relative: &str, text: &str) -> Result<(), SiteError> {
        let path = self.dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| OutputError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, text).map_err(|source| OutputError::Io { path, source })?;
        Ok(())
    }

    fn render(&self, template: &str, relative: &str, context: &Context) -> Result<(), SiteError> {
        let text = self.templates.render(template, context)?;
        self.write(relative, &text)
    }

    fn write_all(&self) -> Result<Built, SiteError> {
        let pages = self.incident_pages()?;
        let lists = self.index_pages()? + self.group_pages()?;
        let report = self.report_pages()?;
        let rest = self.feed_sitemap_search_404()?;
        Ok(Built {
            incidents: self.incidents.len(),
            files: pages + lists + report + rest,
        })
    }

    fn incident_pages(&self) -> Result<usize, SiteError> {
        let links = CorpusLinks::new(self.incidents.iter().copied());
        let bar = progress_bar(self.options.progress, self.incidents.len());
        let counts: Vec<usize> = self
            .incidents
            .par_iter()
            .map(|analysed| -> Result<usize, SiteError> {
                bar.inc(1);
                let id = &analysed.validated.id;
                let folder = format!("incidents/{id}");
                let view = incident_view(analysed, &links, self.options.check.as_of);
                let mut page = self.page(2, "incidents");
                page.downloads = true;
                let context = render::document_context(&view, &page);
                let html = render::document_in(self.templates, &context, DocumentFormat::Html)?;
                self.write(&format!("{folder}/index.html"), &html)?;
                let md = render::document_in(self.templates, &context, DocumentFormat::Markdown)?;
                self.write(&format!("{folder}/{id}.md"), &md)?;
                self.write(&format!("{folder}/{id}.json"), &export::to_json(analysed))?;
                let assets = match &analysed.validated.file.asset_dir {
                    Some(dir) => output::copy_assets(dir, &self.dir.join(&folder))?,
                    None => 0,
                };
                Ok(3 + assets)
            })
            .collect::<Result<_, _>>()?;
        bar.finish_and_clear();
        Ok(counts.into_iter().sum())
    }

    /// A list page's context: the pre-rendered rows of `incidents` (indexes into `summaries`).
    fn index_context(
        &self,
        incidents: &[usize],
        title: &str,
        depth: usize,
        section: &str,
    ) -> Context {
        let all = if depth == 0 {
            &self.rows_at_root
        } else {
            &self.rows_nested
        };
        let rows: Vec<&str> = incidents.iter().map(|&i| all[i].as_str()).collect();
        let mut context = Context::new();
        context.insert("page", &self.page(depth, section));
        context.insert("title", title);
        context.insert("rows", &rows);
        context.insert("count", &rows.len());
        context
    }

    fn index_pages(&self) -> Result<usize, SiteError> {
        type Key = fn(&IncidentSummary) -> (i64, String);
        let sorts: [(&str, &str, Key); 4] = [
            ("Newest first", "index.html", |s| (0, s.date.clone())),
            ("Severity", "by-severity.html", |s| {
                (i64::from(s.severity_rank), s.date.clone())
            }),
            ("Longest", "by-duration.html", |s| {
                (-s.duration_seconds.unwrap_or(-1), s.date.clone())
            }),
            ("Customer-minutes", "by-customer-minutes.html", |s| {
                (
                    -(s.customer_minutes_value.unwrap_or(0).min(i64::MAX as u64) as i64),
                    s.date.clone(),
                )
            }),
        ];
        let mut written = 0;
        for (label, file, key) in sorts {
            let mut sorted: Vec<usize> = (0..self.summaries.len()).collect();
            if file != "index.html" {
                // Stable sort over newest-first keeps ties newest first.
                sorted.sort_by_key(|&i| key(&self.summaries[i]).0);
            }
            let mut context = self.index_context(&sorted, "Incidents", 0, "incidents");
            let links: Vec<SortLink> = sorts
                .iter()
                .map(|(l, f, _)| SortLink {
                    label: l,
                    href: f,
                    current: *f == file,
                })
                .collect();
            context.insert("sorts", &links);
            context.insert("sort_label", label);
            context.insert("severities", &self.severity_counts());
            context.insert("search", &true);
            self.render("index.html", file, &context)?;
            written += 1;
        }
        for (severity, count) in self.severity_counts() {
            let chosen: Vec<usize> = (0..self.summaries.len())
                .filter(|&i| self.summaries[i].severity == severity)
                .collect();
            let mut context =
                self.index_context(&chosen, &format!("{severity} incidents"), 1, "incidents");
            context.insert(
                "intro",
                &format!(
                    "{count} incident{} of severity {severity}, newest first.",
                    if count == 1 { "" } else { "s" }
                ),
            );
            self.render(
                "list.html",
                &format!("severity/{}.html", severity.to_lowercase()),
                &context,
            )?;
            written += 1;
        }
        Ok(written)
    }

    fn severity_counts(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for s in &self.summaries {
            *counts.entry(s.severity.clone()).or_default() += 1;
        }
        counts.into_iter().collect()
    }

    fn group_pages(&self) -> Result<usize, SiteError> {
        type Pick = fn(&IncidentSummary) -> &[Slugged];
        let kinds: [(&str, &str, &str, Pick); 3] = [
            (
                "categories",
                "Cause categories",
                "Incidents with a cause of this category on a chain to the impact",
                |s| &s.categories,
            ),
            ("tags", "Tags", "Incidents tagged", |s| &s.tags),
            (
                "vendors",
                "Vendors",
                "Incidents this vendor was a party to",
                |s| &s.vendors,
            ),
        ];
        let mut written = 0;
        for (folder, title, intro, pick) in kinds {
            let mut groups: BTreeMap<&Slugged, Vec<usize>> = BTreeMap::new();
            for (i, s) in self.summaries.iter().enumerate() {
                for g in pick(s) {
                    groups.entry(g).or_default().push(i);
                }
            }
            // Names that slug alike share a page.
            let mut by_slug: BTreeMap<&str, (String, Vec<usize>)> = BTreeMap::new();
            for (g, list) in groups {
                let entry = by_slug
                    .entry(&g.slug)
                    .or_insert_with(|| (g.name.clone(), Vec::new()));
                entry.1.extend(list);
            }
            let overview: Vec<Group> = by_slug
                .iter()
                .map(|(slug, (name, list))| Group {
                    name: name.clone(),
                    slug: slug.to_string(),
                    count: list.len(),
                })
                .collect();
            let mut context = self.index_context(&[], title, 1, folder);
            context.insert("groups", &overview);
            context.insert(
                "intro",
                &format!(
                    "{} {}, with the number of incidents each.",
                    overview.len(),
                    title.to_lowercase()
                ),
            );
            self.render("list.html", &format!("{folder}/index.html"), &context)?;
            written += 1;
            for (slug, (name, mut list)) in by_slug {
                // Summaries are newest first already; indexes keep that order.
                list.sort_unstable();
                list.dedup();
                let mut context = self.index_context(&list, name.as_str(), 1, folder);
                context.insert("intro", &format!("{intro}: {}.", list.len()));
                context.insert("up", &format!("All {}", title.to_lowercase()));
                self.render("list.html", &format!("{folder}/{slug}.html"), &context)?;
                written += 1;
            }
        }
        Ok(written)
    }

    fn report_pages(&self) -> Result<usize, SiteError> {
        let as_of = self.options.check.as_of;
        let view = report_with_summaries(
            &self.incidents,
            &self.summaries,
            &[Period::last_12_months(as_of), Period::all_time()],
            as_of,
        );
        let mut context = Context::new();
        context.insert("page", &self.page(1, "report"));
        context.insert("report", &view);
        self.render("report.html", "report/index.html", &context)?;
        let md = render::tidy_markdown(&self.templates.render("report.md", &context)?);
        self.write("report/report.md", &md)?;
        Ok(2)
    }

    fn feed_sitemap_search_404(&self) -> Result<usize, SiteError> {
        let base = self.options.base_url.as_deref().map(|b| {
            if b.ends_with('/') {
                b.to_string()
            } else {
                format!("{b}/")
            }
        });
        let published: Vec<&IncidentSummary> = self
            .summaries
            .iter()
            .filter(|s| s.status == "published")
            .collect();
        let mut context = Context::new();
        context.insert("base_url", &base);
        context.insert("entries", &published);
        context.insert(
            "updated",
            &published
                .iter()
                .map(|s| s.updated.as_str())
                .max()
                .unwrap_or("1970-01-01T00:00:00Z"),
        );
        context.insert("page", &self.page(0, ""));
        self.render("feed.xml", "feed.xml", &context)?;
        self.write("sitemap.xml", &self.sitemap(base.as_deref()))?;
        self.write("search-index.js", &search::search_index(&self.summaries))?;
        self.write(
            "search.js",
            &self.templates.render("search.js", &Context::new())?,
        )?;
        let mut context = Context::new();
        let mut page = self.page(0, "");
        if let Some(base) = &base {
            page.root = base.clone();
        }
        context.insert("page", &page);
        self.render("404.html", "404.html", &context)?;
        Ok(5)
    }

    fn sitemap(&self, base: Option<&str>) -> String {
        let prefix = base.unwrap_or("");
        let mut urls: Vec<String> = vec!["index.html".into(), "report/index.html".into()];
        urls.extend(self.summaries.iter().map(|s| s.href.clone()));
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for url in urls {
            out.push_str(&format!(
                "  <url><loc>{}</loc></url>\n",
                crate::render::templates::escape_html(&format!("{prefix}{url}"))
            ));
        }
        out.push_str("</urlset>\n");
        out
    }
}

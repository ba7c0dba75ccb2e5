//! What every generator reads: the incidents in list order, their listings,
//! the templates and the settings.

use super::paging::{self, PageOf};
use super::search::SearchIndex;
use super::{paths, Contents, Settings, SiteError};
use crate::analysis::{Analysed, History};
use crate::render::templates::Templates;
use crate::view::incident::{recurrences, RecurrenceNote};
use crate::view::summary::IncidentSummary;
use crate::view::{CorpusLinks, PageContext};
use std::sync::OnceLock;
use tera::Context;

/// One site's inputs, shared by the renderers of all its pages.
pub(super) struct Site<'a> {
    /// Incidents, newest first.
    pub incidents: &'a [&'a Analysed],
    /// Their summaries, in the same order.
    pub summaries: Vec<&'a IncidentSummary>,
    /// The templates pages are rendered with.
    pub templates: &'a Templates,
    /// The day overdue items are judged against, and the base URL.
    pub settings: &'a Settings,
    /// The base URL ending in `/`, if there is one.
    pub base: Option<String>,
    contents: &'a Contents<'a>,
    /// The `page` variable all pages share (names, wording, severities), made once;
    /// each page sets where it sits.
    page: PageContext,
    /// Made by the first incident page that needs it: most requests `serve`
    /// answers are for other pages.
    links: OnceLock<CorpusLinks<'a>>,
    /// Made by the first search shard that needs it, for the same reason.
    search: OnceLock<SearchIndex>,
    /// Made by the first page that needs it (the report, an incident page).
    history: OnceLock<History<'a>>,
    /// Whether one page is rendered (`serve`), not the whole site: an incident page then
    /// looks up only its own categories instead of making the whole history.
    pub one_page: bool,
}

impl<'a> Site<'a> {
    /// The inputs of a site over `contents`.
    pub fn new(
        contents: &'a Contents<'a>,
        templates: &'a Templates,
        settings: &'a Settings,
    ) -> Self {
        let base = settings.base_url.as_deref().map(|b| {
            if b.ends_with('/') {
                b.to_string()
            } else {
                format!("{b}/")
            }
        });
        Site {
            incidents: &contents.incidents,
            summaries: contents.listings.iter().map(|l| &l.summary).collect(),
            templates,
            settings,
            base,
            contents,
            page: PageContext {
                site: true,
                site_title: "Post-mortems".to_string(),
                as_of: settings.as_of.to_string(),
                ..PageContext::default()
            }
            .with_config(&settings.config),
            links: OnceLock::new(),
            search: OnceLock::new(),
            history: OnceLock::new(),
            one_page: false,
        }
    }

    /// Titles and backlinks of every incident on the site.
    pub fn links(&self) -> &CorpusLinks<'a> {
        self.links
            .get_or_init(|| CorpusLinks::new(self.incidents.iter().copied()))
    }

    /// The fixes and recurring categories across every incident on the site.
    pub fn history(&self) -> &History<'a> {
        self.history.get_or_init(|| History::new(self.incidents))
    }

    /// Earlier fixes of incident `incident`'s root-cause categories that did not hold.
    pub fn recurrences(&self, incident: usize) -> Vec<RecurrenceNote> {
        if self.one_page && self.history.get().is_none() {
            let history = History::for_incident(self.incidents, incident);
            return recurrences(&history, self.incidents, incident);
        }
        recurrences(self.history(), self.incidents, incident)
    }

    /// The search index over every incident, split into shards.
    pub fn search(&self) -> &SearchIndex {
        self.search
            .get_or_init(|| SearchIndex::new(&self.summaries))
    }

    /// The `page` variable of the page at `relative`, in navigation `section`.
    pub fn page(&self, relative: &str, section: &str) -> PageContext {
        PageContext {
            root: paths::root(relative),
            section: section.to_string(),
            ..self.page.clone()
        }
    }

    /// Renders one template.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, SiteError> {
        Ok(self.templates.render(template, context)?)
    }

    /// A list page's context: the pre-rendered rows of `incidents` (indexes into `summaries`).
    pub fn list_context(
        &self,
        relative: &str,
        incidents: &[usize],
        title: &str,
        section: &str,
    ) -> Context {
        let page = self.page(relative, section);
        let rows: Vec<&str> = incidents
            .iter()
            .map(|&i| self.contents.listings[i].row(&page.root))
            .collect();
        let mut context = Context::new();
        context.insert("page", &page);
        context.insert("title", title);
        context.insert("rows", &rows);
        context.insert("count", &rows.len());
        context
    }

    /// The context of one page of a paged list whose first page is `first`:
    /// `count` is the whole list's, `pager` links the other pages.
    pub fn list_page_context(
        &self,
        first: &str,
        page: PageOf,
        members: &[usize],
        title: &str,
        section: &str,
    ) -> Context {
        let relative = paths::list_page(first, page.number);
        let mut context = self.list_context(&relative, members, title, section);
        context.insert("count", &page.total);
        context.insert("pager", &paging::pager(first, page));
        context
    }
}

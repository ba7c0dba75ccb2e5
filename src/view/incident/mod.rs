//! The view model of one post-mortem: everything a template shows, already formatted.

mod actions;
mod causes;
mod prose;
mod recurrence;
mod timeline;

pub use actions::{ActionItemView, VendorActionView};
pub use causes::{CategoryGroup, CauseView, ChainStep, ChainView, NodeRef, RootCauseView};
pub use prose::{SafeLink, Text};
pub use recurrence::{recurrences, RecurrenceNote};
use timeline::timeline_figure;
pub use timeline::{TimelineFigure, TimelineRow};

use super::figures::{customer_minutes, metric_value};
use super::graph::GraphView;
use crate::analysis::Analysed;
use crate::analysis::{is_suspected, NodeKind};
use crate::model::{EventKind, Metric, Role};
use crate::text::estimate;
use crate::text::format::{format_count, format_large, format_local, format_utc};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::HashMap;

/// One row of the metrics table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MetricRow {
    /// JSON name, e.g. `time_to_detect`.
    pub key: &'static str,
    /// Label, e.g. "Time to detect".
    pub label: &'static str,
    /// "1 h 27 min"; none when unknown.
    pub value: Option<String>,
    /// Whether it rests on an estimated time (the value then starts with `~`).
    pub approx: bool,
    /// What it measures.
    pub definition: &'static str,
}

/// Lessons learned.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct LessonsView {
    /// What went well.
    pub went_well: Vec<Text>,
    /// What went wrong.
    pub went_wrong: Vec<Text>,
    /// Where we were lucky.
    pub lucky: Vec<Text>,
}

/// A related incident.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RelatedView {
    /// Incident id.
    pub id: String,
    /// Its title, when it is in the corpus.
    pub title: Option<String>,
    /// Whether this incident names it (false: it names this one).
    pub outgoing: bool,
    /// Whether it is in the same corpus (a page to link to).
    pub linked: bool,
}

/// A party.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyView {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
}

/// Everything the post-mortem templates show.
#[derive(Debug, Clone, Serialize)]
pub struct IncidentView {
    /// Incident id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `draft`, `review` or `published`.
    pub status: String,
    /// The day the post-mortem was published, when it says.
    pub published: Option<String>,
    /// `SEV1`...
    pub severity: String,
    /// 1 (worst) to 5.
    pub severity_rank: u8,
    /// Display zone name.
    pub timezone: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Local start, e.g. "2018-12-06 05:00 GMT".
    pub start_local: Option<String>,
    /// UTC start.
    pub start_utc: Option<String>,
    /// Local end.
    pub end_local: Option<String>,
    /// UTC end.
    pub end_utc: Option<String>,
    /// Date of the first impact (or first event), YYYY-MM-DD.
    pub date: String,
    /// Summary.
    pub summary: Text,
    /// Impact description.
    pub impact_description: Text,
    /// Customers, e.g. "32,000,000", or None.
    pub customers: Option<String>,
    /// Customer-minutes, e.g. "43.2 billion"; none when unknown.
    pub customer_minutes: Option<String>,
    /// Exact customer-minutes with separators.
    pub customer_minutes_exact: Option<String>,
    /// Services.
    pub services: Vec<String>,
    /// Regions.
    pub regions: Vec<String>,
    /// Metrics table rows.
    pub metrics: Vec<MetricRow>,
    /// Duration; none when unknown.
    pub duration: Option<String>,
    /// Root causes.
    pub root_causes: Vec<RootCauseView>,
    /// Unaddressed root causes.
    pub unaddressed: Vec<NodeRef>,
    /// Root-cause chains.
    pub chains: Vec<ChainView>,
    /// Chains not listed.
    pub chains_left_out: u64,
    /// Whether only the shortest chain per root and impact is listed.
    pub chains_shortest_only: bool,
    /// Trigger events.
    pub triggers: Vec<TimelineRow>,
    /// All causes by category, marked when on a chain.
    pub factors_by_category: Vec<CategoryGroup>,
    /// Causes considered and ruled out (in no chain).
    pub ruled_out: Vec<CauseView>,
    /// How many of the root causes are only suspected.
    pub suspected_root_causes: usize,
    /// The timeline, sorted.
    pub timeline: Vec<TimelineRow>,
    /// Parties.
    pub parties: Vec<PartyView>,
    /// Vendor actions.
    pub vendor_actions: Vec<VendorActionView>,
    /// Action items.
    pub action_items: Vec<ActionItemView>,
    /// Overdue action items count.
    pub overdue_count: usize,
    /// Lessons.
    pub lessons: LessonsView,
    /// Related incidents, both ways.
    pub related: Vec<RelatedView>,
    /// Categories of its root causes that an earlier incident's fix had addressed; only a
    /// view of the whole corpus (the site) fills it.
    pub recurred_after: Vec<RecurrenceNote>,
    /// Links.
    pub links: Vec<SafeLink>,
    /// The causal graph, for the pictures and text formats drawn from it.
    #[serde(skip)]
    pub graph: GraphView,
    /// What the timeline picture needs beyond the rows.
    #[serde(skip)]
    pub timeline_figure: TimelineFigure,
    /// The day overdue items were judged against.
    pub as_of: String,
    /// The source file, as given.
    pub source_file: String,
}

/// What the view needs from the rest of the corpus.
#[derive(Debug, Default)]
pub struct CorpusLinks<'a> {
    /// Titles of incidents by id.
    pub titles: HashMap<&'a str, &'a str>,
    /// Incidents that name this one in `related`, by target id.
    pub backlinks: HashMap<&'a str, Vec<&'a str>>,
}

impl<'a> CorpusLinks<'a> {
    /// Indexes titles and backlinks of a corpus.
    pub fn new(incidents: impl IntoIterator<Item = &'a Analysed>) -> Self {
        let mut links = CorpusLinks::default();
        for a in incidents {
            links
                .titles
                .insert(&a.validated.id, &a.validated.incident.title);
            for target in &a.validated.incident.related {
                links
                    .backlinks
                    .entry(target.as_str())
                    .or_default()
                    .push(&a.validated.id);
            }
        }
        links
    }
}

/// Builds views; holds what every part of one incident's view needs.
struct Builder<'a> {
    analysed: &'a Analysed,
    party_names: HashMap<&'a str, &'a str>,
}

impl<'a> Builder<'a> {
    pub(super) fn node(&self, index: usize) -> NodeRef {
        let a = &self.analysed.analysis;
        let incident = &self.analysed.validated.incident;
        let node = &a.graph.nodes[index];
        let (title, kind) = match node.kind {
            NodeKind::Event(i) if node.is_impact => (&incident.events[i].title, "impact"),
            NodeKind::Event(i) => (&incident.events[i].title, "event"),
            NodeKind::Cause(i) => (&incident.causes[i].title, "cause"),
        };
        NodeRef {
            id: node.id.clone(),
            title: title.clone(),
            kind,
            suspected: is_suspected(&self.analysed.validated, node.kind),
        }
    }

    pub(super) fn node_by_id(&self, id: &str) -> Option<NodeRef> {
        self.analysed
            .analysis
            .graph
            .index_of(id)
            .map(|i| self.node(i))
    }

    pub(super) fn party(&self, id: &str) -> String {
        self.party_names
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.to_string())
    }

    pub(super) fn addresses(&self, ids: &[String]) -> Vec<NodeRef> {
        ids.iter().filter_map(|id| self.node_by_id(id)).collect()
    }
}

/// Builds the view of one analysed incident.
pub fn incident_view(analysed: &Analysed, corpus: &CorpusLinks, as_of: NaiveDate) -> IncidentView {
    let v = &analysed.validated;
    let incident = &v.incident;
    let m = &analysed.analysis.metrics;
    let builder = Builder {
        analysed,
        party_names: incident
            .parties
            .iter()
            .map(|p| (p.id.as_str(), p.name.as_str()))
            .collect(),
    };
    let timeline = builder.timeline();
    let date = v.started().map_or_else(String::new, |t| {
        crate::text::format::date(&t.with_timezone(&v.zone))
    });
    let action_items = builder.action_items(as_of);
    IncidentView {
        id: v.id.clone(),
        title: incident.title.clone(),
        status: incident.status.as_str().to_string(),
        published: v.published.map(|day| day.to_string()),
        severity: incident.severity.as_str().to_string(),
        severity_rank: v.severity_rank,
        timezone: v.zone.name().to_string(),
        authors: incident.authors.clone(),
        tags: incident.tags.clone(),
        start_local: local_time(m.impact_start, m.impact_start_approx, v.zone),
        start_utc: utc_time(m.impact_start, m.impact_start_approx),
        end_local: local_time(m.impact_end, m.impact_end_approx, v.zone),
        end_utc: utc_time(m.impact_end, m.impact_end_approx),
        date,
        summary: Text::new(&incident.summary),
        impact_description: Text::new(&incident.impact.description),
        customers: m.customers.map(format_count),
        customer_minutes: customer_minutes(m, format_large),
        customer_minutes_exact: customer_minutes(m, format_count),
        services: incident.impact.services.clone(),
        regions: incident.impact.regions.clone(),
        duration: metric_value(m, Metric::Duration),
        metrics: metric_rows(m),
        root_causes: builder.root_causes(),
        unaddressed: analysed
            .analysis
            .unaddressed
            .iter()
            .map(|&n| builder.node(n))
            .collect(),
        chains: builder.chains(),
        chains_left_out: analysed.analysis.chains.left_out(),
        chains_shortest_only: analysed.analysis.chains.shortest_only,
        triggers: timeline
            .iter()
            .filter(|r| r.event_kind == Some(EventKind::Trigger))
            .cloned()
            .collect(),
        factors_by_category: builder.factors_by_category(),
        ruled_out: builder.ruled_out(),
        suspected_root_causes: analysed.analysis.suspected_root_causes.len(),
        parties: incident.parties.iter().map(PartyView::of).collect(),
        vendor_actions: builder.vendor_actions(as_of),
        overdue_count: action_items.iter().filter(|a| a.overdue).count(),
        action_items,
        lessons: LessonsView::of(&incident.lessons),
        related: related(&v.id, &incident.related, corpus),
        recurred_after: Vec::new(),
        links: incident
            .links
            .iter()
            .map(|l| SafeLink::new(&l.title, &l.url))
            .collect(),
        graph: GraphView::new(analysed),
        timeline_figure: timeline_figure(analysed),
        as_of: as_of.to_string(),
        source_file: v.file.path.display().to_string(),
        timeline,
    }
}

/// A time in the incident's zone, `~` when estimated.
fn local_time(time: Option<DateTime<Utc>>, approx: bool, zone: Tz) -> Option<String> {
    time.map(|t| estimate(approx, format_local(t, zone)))
}

/// A time in UTC, `~` when estimated.
fn utc_time(time: Option<DateTime<Utc>>, approx: bool) -> Option<String> {
    time.map(|t| estimate(approx, format_utc(t)))
}

fn metric_rows(m: &crate::analysis::Metrics) -> Vec<MetricRow> {
    Metric::ALL
        .into_iter()
        .map(|metric| MetricRow {
            key: metric.key(),
            label: metric.label(),
            definition: metric.definition(),
            value: metric_value(m, metric),
            approx: m.seconds(metric).is_some() && m.is_approximate(metric),
        })
        .collect()
}

/// Related incidents both ways: the ones this names, then the ones naming it.
fn related(id: &str, named: &[String], corpus: &CorpusLinks) -> Vec<RelatedView> {
    let mut related: Vec<RelatedView> = named
        .iter()
        .map(|id| RelatedView {
            id: id.clone(),
            title: corpus.titles.get(id.as_str()).map(|t| t.to_string()),
            outgoing: true,
            linked: corpus.titles.contains_key(id.as_str()),
        })
        .collect();
    for back in corpus.backlinks.get(id).into_iter().flatten() {
        if !named.iter().any(|r| r == back) {
            related.push(RelatedView {
                id: back.to_string(),
                title: corpus.titles.get(back).map(|t| t.to_string()),
                outgoing: false,
                linked: true,
            });
        }
    }
    related
}

impl PartyView {
    fn of(party: &crate::model::Party) -> Self {
        PartyView {
            id: party.id.clone(),
            name: party.name.clone(),
            role: party.role,
        }
    }
}

impl LessonsView {
    fn of(lessons: &crate::model::Lessons) -> Self {
        let texts = |list: &[String]| list.iter().map(|t| Text::new(t)).collect();
        LessonsView {
            went_well: texts(&lessons.went_well),
            went_wrong: texts(&lessons.went_wrong),
            lucky: texts(&lessons.lucky),
        }
    }
}

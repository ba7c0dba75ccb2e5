//! The view model of one post-mortem: everything a template shows, already formatted.

use super::graph::GraphView;
use crate::analysis::Analysed;
use crate::analysis::NodeKind;
use crate::model::{ActionStatus, EventKind, Metric, Role, VendorStatus};
use crate::text::format::{
    format_count, format_duration, format_large, format_local, format_offset, format_utc,
};
use crate::text::markdown::{forms, is_safe_url, unwrap_paragraph};
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// A Markdown field in the three forms templates need.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Text {
    /// Sanitised HTML (insert with `| safe`).
    pub html: String,
    /// Sanitised HTML without a wrapping paragraph, for table cells.
    pub inline_html: String,
    /// The Markdown, with raw HTML shown as text and unsafe links unlinked, for Markdown output.
    pub markdown: String,
    /// Plain text, for attributes and summaries.
    pub plain: String,
}

impl Text {
    /// Renders one Markdown field.
    pub fn new(markdown: &str) -> Self {
        let forms = forms(&markdown.trim().replace("\r\n", "\n"));
        Text {
            inline_html: unwrap_paragraph(&forms.html),
            html: forms.html,
            plain: forms.plain,
            markdown: forms.markdown,
        }
    }
}

/// A link whose URL was checked; `url` is `None` when it is not safe to follow.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SafeLink {
    /// Link text.
    pub title: String,
    /// The URL, only when http(s) or mailto.
    pub url: Option<String>,
    /// The URL as written (shown as text when unsafe).
    pub raw: String,
}

impl SafeLink {
    /// Checks a URL from an incident file.
    pub fn new(title: &str, url: &str) -> Self {
        SafeLink {
            title: title.to_string(),
            url: is_safe_url(url).then(|| url.trim().to_string()),
            raw: url.to_string(),
        }
    }
}

/// A reference to an event or cause.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NodeRef {
    /// Id (anchor target `#node-<id>`).
    pub id: String,
    /// Title.
    pub title: String,
    /// `cause`, `event` or `impact`.
    pub kind: &'static str,
}

/// One row of the metrics table.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct MetricRow {
    /// JSON name, e.g. `time_to_detect`.
    pub key: &'static str,
    /// Label, e.g. "Time to detect".
    pub label: &'static str,
    /// "1 h 27 min"; none when unknown.
    pub value: Option<String>,
    /// What it measures.
    pub definition: &'static str,
}

/// One step of a root-cause chain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChainStep {
    /// The node.
    pub node: NodeRef,
    /// Other causes that were needed together with the previous step (a join).
    pub together_with: Vec<NodeRef>,
}

/// A root-cause chain, root first.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChainView {
    /// Steps, root first, impact last.
    pub steps: Vec<ChainStep>,
    /// Whether the root is unaddressed.
    pub unaddressed: bool,
}

/// A root cause and what addresses it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RootCauseView {
    /// The node.
    pub node: NodeRef,
    /// Category, if any.
    pub category: Option<String>,
    /// Actions that address it.
    pub addressed_by: Vec<NodeRef>,
}

/// Causes of one category.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryGroup {
    /// Category slug, or "uncategorised".
    pub category: String,
    /// Its causes on some chain.
    pub causes: Vec<CauseView>,
}

/// A cause with its details.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CauseView {
    /// The node.
    pub node: NodeRef,
    /// Details.
    pub details: Option<Text>,
    /// Whether it is a root cause.
    pub is_root: bool,
    /// Whether it lies on some chain to the impact.
    pub on_chain: bool,
}

/// One timeline row (an event or a timed vendor action).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineRow {
    /// Id (anchor target).
    pub id: String,
    /// Local date and time, e.g. "2018-12-06 05:00".
    pub local: String,
    /// Local clock time with `~` when approximate.
    pub clock: String,
    /// The time is an estimate.
    pub approx: bool,
    /// Offset from the first impact start, e.g. "T+30 min".
    pub offset: Option<String>,
    /// Party name.
    pub actor: Option<String>,
    /// Event kind (`vendor_action` for vendor actions).
    pub kind: &'static str,
    /// The event kind; none for vendor actions.
    #[serde(skip)]
    pub event_kind: Option<EventKind>,
    /// Kind for people.
    pub kind_label: &'static str,
    /// Title.
    pub title: String,
    /// Details.
    pub details: Option<Text>,
    /// Checked source links.
    pub sources: Vec<SafeLink>,
    /// Whether it happened before the impact started.
    pub before_impact: bool,
    /// UTC time (for machines).
    #[serde(skip)]
    pub at: DateTime<Utc>,
    /// Lane (party id, or empty).
    #[serde(skip)]
    pub lane: String,
}

/// A vendor action.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct VendorActionView {
    /// Id.
    pub id: String,
    /// Vendor name.
    pub vendor: String,
    /// Title.
    pub title: String,
    /// Status for people.
    pub status: &'static str,
    /// Due date.
    pub due: Option<String>,
    /// Local time, when timed.
    pub at: Option<String>,
    /// What it addresses.
    pub addresses: Vec<NodeRef>,
    /// Details.
    pub details: Option<Text>,
    /// Past due and not done.
    pub overdue: bool,
}

/// An action item.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ActionItemView {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Owner.
    pub owner: String,
    /// Type for people.
    pub kind: Option<&'static str>,
    /// Priority, e.g. "P1".
    pub priority: Option<&'static str>,
    /// Due date.
    pub due: Option<String>,
    /// Status for people.
    pub status: &'static str,
    /// Past due and still open, as of the build.
    pub overdue: bool,
    /// What it addresses.
    pub addresses: Vec<NodeRef>,
    /// Tracker link.
    pub link: Option<SafeLink>,
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

/// What the timeline picture needs beyond the timeline rows.
#[derive(Debug, Clone)]
pub struct TimelineFigure {
    /// The zone the axis is labelled in.
    pub zone: Tz,
    /// First impact start.
    pub impact_start: Option<DateTime<Utc>>,
    /// Last impact end.
    pub impact_end: Option<DateTime<Utc>>,
    /// Duration of the impact, in seconds.
    pub duration_seconds: Option<i64>,
    /// The first detection, mitigation and resolution, with their labels, in that order.
    pub milestones: Vec<(EventKind, &'static str, DateTime<Utc>)>,
    /// One lane per party (id, name): operators first, then vendors, partners,
    /// customers, regulators and others, each in file order.
    pub lanes: Vec<(String, String)>,
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

fn kind_label(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Trigger => "Trigger",
        EventKind::ImpactStart => "Impact starts",
        EventKind::Detection => "Detection",
        EventKind::Response => "Response",
        EventKind::Communication => "Communication",
        EventKind::Mitigation => "Mitigation",
        EventKind::ImpactEnd => "Impact ends",
        EventKind::Resolution => "Resolution",
        EventKind::Note => "Note",
    }
}

fn vendor_status(status: Option<VendorStatus>) -> &'static str {
    match status {
        None => "unknown",
        Some(VendorStatus::Committed) => "committed",
        Some(VendorStatus::InProgress) => "in progress",
        Some(VendorStatus::Done) => "done",
        Some(VendorStatus::Cancelled) => "cancelled",
    }
}

fn action_status(status: Option<ActionStatus>) -> &'static str {
    match status.unwrap_or(ActionStatus::Open) {
        ActionStatus::Open => "open",
        ActionStatus::InProgress => "in progress",
        ActionStatus::Done => "done",
        ActionStatus::WontDo => "won't do",
    }
}

/// Builds views; holds what every part of one incident's view needs.
struct Builder<'a> {
    analysed: &'a Analysed,
    party_names: HashMap<&'a str, &'a str>,
}

impl<'a> Builder<'a> {
    fn node(&self, index: usize) -> NodeRef {
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
        }
    }

    fn node_by_id(&self, id: &str) -> Option<NodeRef> {
        self.analysed
            .analysis
            .graph
            .index_of(id)
            .map(|i| self.node(i))
    }

    fn party(&self, id: &str) -> String {
        self.party_names
            .get(id)
            .map_or_else(|| id.to_string(), |n| n.to_string())
    }

    fn addresses(&self, ids: &[String]) -> Vec<NodeRef> {
        ids.iter().filter_map(|id| self.node_by_id(id)).collect()
    }

    fn chains(&self) -> Vec<ChainView> {
        let a = &self.analysed.analysis;
        a.chains
            .paths
            .iter()
            .map(|path| ChainView {
                unaddressed: a.unaddressed.contains(&path[0]),
                steps: path
                    .iter()
                    .enumerate()
                    .map(|(i, &node)| ChainStep {
                        node: self.node(node),
                        together_with: match i.checked_sub(1).map(|p| path[p]) {
                            Some(previous) => a
                                .graph
                                .parents(node)
                                .into_iter()
                                .filter(|&p| p != previous)
                                .map(|p| self.node(p))
                                .collect(),
                            None => Vec::new(),
                        },
                    })
                    .collect(),
            })
            .collect()
    }

    fn root_causes(&self) -> Vec<RootCauseView> {
        let incident = &self.analysed.validated.incident;
        let a = &self.analysed.analysis;
        a.root_causes
            .iter()
            .map(|&root| {
                let node = self.node(root);
                let category = match a.graph.nodes[root].kind {
                    NodeKind::Cause(i) => incident.causes[i].category.clone(),
                    NodeKind::Event(_) => None,
                };
                let v = &self.analysed.validated;
                let vendor = v
                    .vendor_actions()
                    .filter(|r| r.is_live() && r.action.addresses.contains(&node.id))
                    .map(|r| NodeRef {
                        id: r.action.id.clone(),
                        title: r.action.title.clone(),
                        kind: "vendor_action",
                    });
                let items = v
                    .action_items()
                    .filter(|r| r.is_live() && r.item.addresses.contains(&node.id))
                    .map(|r| NodeRef {
                        id: r.item.id.clone(),
                        title: r.item.title.clone(),
                        kind: "action_item",
                    });
                let addressed_by = items.chain(vendor).collect();
                RootCauseView {
                    node,
                    category,
                    addressed_by,
                }
            })
            .collect()
    }

    fn factors_by_category(&self) -> Vec<CategoryGroup> {
        let incident = &self.analysed.validated.incident;
        let a = &self.analysed.analysis;
        let mut groups: BTreeMap<String, Vec<CauseView>> = BTreeMap::new();
        for cause in &incident.causes {
            let Some(node) = a.graph.index_of(&cause.id) else {
                continue;
            };
            let category = cause
                .category
                .clone()
                .unwrap_or_else(|| "uncategorised".to_string());
            groups.entry(category).or_default().push(CauseView {
                node: self.node(node),
                details: cause.details.as_deref().map(Text::new),
                is_root: a.root_causes.contains(&node),
                on_chain: a.contributing.contains(&node),
            });
        }
        groups
            .into_iter()
            .map(|(category, causes)| CategoryGroup { category, causes })
            .collect()
    }

    fn timeline(&self) -> Vec<TimelineRow> {
        let v = &self.analysed.validated;
        let start = self.analysed.analysis.metrics.impact_start;
        let row = |at: DateTime<Utc>, approx: bool| {
            let local = at.with_timezone(&v.zone);
            let clock = crate::text::format::clock(&local);
            (
                crate::text::format::date_and_minute(&local),
                if approx { format!("~{clock}") } else { clock },
                start.map(|s| format_offset((at - s).num_seconds())),
                start.is_some_and(|s| at < s),
            )
        };
        let mut rows: Vec<TimelineRow> = self
            .analysed
            .analysis
            .timeline
            .iter()
            .map(|&i| {
                let record = v.event(i);
                let (e, at) = (record.event, record.at);
                let (local, clock, offset, before_impact) = row(at, e.approx);
                TimelineRow {
                    id: record.id.to_string(),
                    local,
                    clock,
                    approx: e.approx,
                    offset,
                    actor: e.actor.as_deref().map(|a| self.party(a)),
                    kind: e.kind.as_str(),
                    event_kind: Some(e.kind),
                    kind_label: kind_label(e.kind),
                    title: e.title.clone(),
                    details: e.details.as_deref().map(Text::new),
                    sources: e
                        .sources
                        .iter()
                        .map(|s| SafeLink::new(&source_label(s), s))
                        .collect(),
                    before_impact,
                    at,
                    lane: e.actor.clone().unwrap_or_default(),
                }
            })
            .collect();
        for record in v.vendor_actions() {
            let action = record.action;
            let Some(at) = record.at else {
                continue;
            };
            let (local, clock, offset, before_impact) = row(at, false);
            rows.push(TimelineRow {
                id: action.id.clone(),
                local,
                clock,
                approx: false,
                offset,
                actor: Some(self.party(&action.vendor)),
                kind: "vendor_action",
                event_kind: None,
                kind_label: "Vendor action",
                title: action.title.clone(),
                details: action.details.as_deref().map(Text::new),
                sources: Vec::new(),
                before_impact,
                at,
                lane: action.vendor.clone(),
            });
        }
        // Stable: events keep their sorted order, vendor actions fall in by time.
        rows.sort_by_key(|r| r.at);
        rows
    }

    fn vendor_actions(&self, as_of: NaiveDate) -> Vec<VendorActionView> {
        let v = &self.analysed.validated;
        v.vendor_actions()
            .map(|record| {
                let a = record.action;
                VendorActionView {
                    id: a.id.clone(),
                    vendor: self.party(&a.vendor),
                    title: a.title.clone(),
                    status: vendor_status(a.status),
                    due: record.due.map(|d| d.to_string()),
                    at: record.at.map(|t| format_local(t, v.zone)),
                    addresses: self.addresses(&a.addresses),
                    details: a.details.as_deref().map(Text::new),
                    overdue: record.is_overdue(as_of),
                }
            })
            .collect()
    }

    fn action_items(&self, as_of: NaiveDate) -> Vec<ActionItemView> {
        let v = &self.analysed.validated;
        v.action_items()
            .map(|record| (record, record.item))
            .map(|(record, a)| ActionItemView {
                id: a.id.clone(),
                title: a.title.clone(),
                owner: a.owner.clone(),
                kind: a.kind.map(|k| match k {
                    crate::model::ActionType::Mitigate => "mitigate",
                    crate::model::ActionType::Prevent => "prevent",
                    crate::model::ActionType::Detect => "detect",
                    crate::model::ActionType::Process => "process",
                }),
                priority: a.priority.map(|p| p.as_str()),
                due: record.due.map(|d| d.to_string()),
                status: action_status(a.status),
                overdue: record.is_overdue(as_of),
                addresses: self.addresses(&a.addresses),
                link: a.link.as_deref().map(|l| SafeLink::new(l, l)),
            })
            .collect()
    }
}

/// A short label for a source URL: its host.
fn source_label(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .trim_start_matches("www.")
        .to_string()
}

/// Lanes sort by role, in this order.
fn role_order(role: Role) -> u8 {
    match role {
        Role::Operator => 0,
        Role::Vendor => 1,
        Role::Partner => 2,
        Role::Customer => 3,
        Role::Regulator => 4,
        Role::Other => 5,
    }
}

fn timeline_figure(analysed: &Analysed) -> TimelineFigure {
    let v = &analysed.validated;
    let m = &analysed.analysis.metrics;
    let marks = [
        (EventKind::Detection, "Detected"),
        (EventKind::Mitigation, "Mitigated"),
        (EventKind::Resolution, "Resolved"),
    ];
    let milestones = marks
        .into_iter()
        .filter_map(|(kind, label)| {
            let first = v.first_of(kind, &analysed.analysis.timeline)?;
            Some((kind, label, first.at))
        })
        .collect();
    let mut parties: Vec<_> = v.incident.parties.iter().enumerate().collect();
    parties.sort_by_key(|(i, p)| (role_order(p.role), *i));
    TimelineFigure {
        zone: v.zone,
        impact_start: m.impact_start,
        impact_end: m.impact_end,
        duration_seconds: m.duration_seconds,
        milestones,
        lanes: parties
            .into_iter()
            .map(|(_, p)| (p.id.clone(), p.name.clone()))
            .collect(),
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
    let metrics: Vec<MetricRow> = Metric::ALL
        .into_iter()
        .map(|metric| {
            let seconds = m.seconds(metric);
            MetricRow {
                key: metric.key(),
                label: metric.label(),
                definition: metric.definition(),
                value: seconds.map(format_duration),
            }
        })
        .collect();
    let timeline = builder.timeline();
    let first_time = m.impact_start.or_else(|| timeline.first().map(|r| r.at));
    let date = first_time.map_or_else(String::new, |t| {
        crate::text::format::date(&t.with_timezone(&v.zone))
    });
    let action_items = builder.action_items(as_of);
    let mut related: Vec<RelatedView> = incident
        .related
        .iter()
        .map(|id| RelatedView {
            id: id.clone(),
            title: corpus.titles.get(id.as_str()).map(|t| t.to_string()),
            outgoing: true,
            linked: corpus.titles.contains_key(id.as_str()),
        })
        .collect();
    for back in corpus.backlinks.get(v.id.as_str()).into_iter().flatten() {
        if !incident.related.iter().any(|r| r == back) {
            related.push(RelatedView {
                id: back.to_string(),
                title: corpus.titles.get(back).map(|t| t.to_string()),
                outgoing: false,
                linked: true,
            });
        }
    }
    IncidentView {
        id: v.id.clone(),
        title: incident.title.clone(),
        status: incident.status.as_str().to_string(),
        severity: incident.severity.as_str().to_string(),
        severity_rank: incident.severity as u8 + 1,
        timezone: v.zone.name().to_string(),
        authors: incident.authors.clone(),
        tags: incident.tags.clone(),
        start_local: m.impact_start.map(|t| format_local(t, v.zone)),
        start_utc: m.impact_start.map(format_utc),
        end_local: m.impact_end.map(|t| format_local(t, v.zone)),
        end_utc: m.impact_end.map(format_utc),
        date,
        summary: Text::new(&incident.summary),
        impact_description: Text::new(&incident.impact.description),
        customers: m.customers.map(format_count),
        customer_minutes: m.customer_minutes.map(format_large),
        customer_minutes_exact: m.customer_minutes.map(format_count),
        services: incident.impact.services.clone(),
        regions: incident.impact.regions.clone(),
        duration: m.duration_seconds.map(format_duration),
        metrics,
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
        parties: incident
            .parties
            .iter()
            .map(|p| PartyView {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role,
            })
            .collect(),
        vendor_actions: builder.vendor_actions(as_of),
        overdue_count: action_items.iter().filter(|a| a.overdue).count(),
        action_items,
        lessons: LessonsView {
            went_well: incident
                .lessons
                .went_well
                .iter()
                .map(|t| Text::new(t))
                .collect(),
            went_wrong: incident
                .lessons
                .went_wrong
                .iter()
                .map(|t| Text::new(t))
                .collect(),
            lucky: incident
                .lessons
                .lucky
                .iter()
                .map(|t| Text::new(t))
                .collect(),
        },
        related,
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

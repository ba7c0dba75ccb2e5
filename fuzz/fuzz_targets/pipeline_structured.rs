//! Structurally valid incidents (the `arbitrary` crate) with arbitrary contents:
//! reaches the graph, time and render code that random bytes rarely do.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use rootline::model::{
    ActionItem, Cause, Event, EventKind, Impact, Incident, Party, Role, Severity, Status,
};

#[derive(Debug, Arbitrary)]
struct Input {
    title: String,
    zone: u8,
    events: Vec<EventInput>,
    causes: Vec<CauseInput>,
    items: Vec<(u8, String)>,
    customers: Option<u64>,
    summary: String,
}

#[derive(Debug, Arbitrary)]
struct EventInput {
    id: Option<u8>,
    minute: u32,
    local: bool,
    approx: bool,
    kind: u8,
    title: String,
    details: Option<String>,
    caused_by: Vec<u8>,
    sources: Vec<String>,
}

#[derive(Debug, Arbitrary)]
struct CauseInput {
    id: u8,
    title: String,
    caused_by: Vec<u8>,
}

const KINDS: [EventKind; 9] = [
    EventKind::Trigger,
    EventKind::ImpactStart,
    EventKind::Detection,
    EventKind::Response,
    EventKind::Communication,
    EventKind::Mitigation,
    EventKind::ImpactEnd,
    EventKind::Resolution,
    EventKind::Note,
];
const ZONES: [&str; 5] = [
    "UTC",
    "Europe/London",
    "Asia/Tokyo",
    "America/New_York",
    "Australia/Lord_Howe",
];

fn node_id(n: u8) -> String {
    format!("n{}", n % 32)
}

fn time(minute: u32, local: bool) -> String {
    let minute = minute % (60 * 24 * 400);
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let day = start + chrono::Duration::minutes(i64::from(minute));
    if local {
        day.format("%Y-%m-%d %H:%M").to_string()
    } else {
        day.format("%Y-%m-%dT%H:%M:00Z").to_string()
    }
}

fuzz_target!(|input: Input| {
    let incident = Incident {
        id: None,
        title: input.title,
        status: Status::Published,
        published: None,
        severity: Severity::new("SEV2"),
        timezone: Some(ZONES[usize::from(input.zone) % ZONES.len()].to_string()),
        summary: input.summary,
        tags: vec![],
        authors: vec![],
        related: vec![],
        impact: Impact {
            description: "d".into(),
            customers: input.customers,
            services: vec![],
            regions: vec![],
        },
        parties: vec![Party {
            id: "us".into(),
            name: "Us".into(),
            role: Role::Operator,
        }],
        events: input
            .events
            .into_iter()
            .map(|e| Event {
                id: e.id.map(|n| node_id(n.wrapping_add(100))),
                at: time(e.minute, e.local),
                approx: e.approx,
                kind: KINDS[usize::from(e.kind) % KINDS.len()],
                actor: Some("us".into()),
                title: e.title,
                details: e.details,
                caused_by: e.caused_by.into_iter().map(node_id).collect(),
                sources: e.sources,
                customers_affected: None,
            })
            .collect(),
        causes: input
            .causes
            .into_iter()
            .map(|c| Cause {
                id: node_id(c.id),
                title: c.title,
                category: None,
                details: None,
                caused_by: c.caused_by.into_iter().map(node_id).collect(),
                status: Default::default(),
                sources: vec![],
                no_action: None,
            })
            .collect(),
        vendor_actions: vec![],
        action_items: input
            .items
            .into_iter()
            .enumerate()
            .map(|(i, (target, title))| ActionItem {
                id: format!("a{i}"),
                title,
                owner: "o".into(),
                due: Some(
                    "2024-02-30"
                        .chars()
                        .take(8 + usize::from(target % 3))
                        .collect(),
                ),
                completed: None,
                status: None,
                priority: None,
                kind: None,
                addresses: vec![node_id(target)],
                link: None,
            })
            .collect(),
        lessons: Default::default(),
        links: vec![],
        allow: vec![],
    };
    if let Ok(yaml) = serde_yaml::to_string(&incident) {
        rootline::fuzzing::run(yaml.as_bytes());
    }
});

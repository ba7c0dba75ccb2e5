//! Property tests of the analysis on random causal graphs.

use proptest::prelude::*;
use rootline::analysis::{self, CausalGraph};
use rootline::check::{self, Findings};
use rootline::load::{self, Limits};
use rootline::model::{
    Cause, Event, EventKind, Impact, Incident, IncidentFile, Party, Role, Severity, Status,
    Validated,
};

fn incident(events: Vec<Event>, causes: Vec<Cause>) -> Incident {
    Incident {
        id: None,
        title: "Random".into(),
        status: Status::Published,
        published: None,
        severity: Severity::new("SEV3"),
        timezone: None,
        summary: "Random graph.".into(),
        tags: vec![],
        authors: vec![],
        related: vec![],
        impact: Impact {
            description: "Some.".into(),
            customers: Some(10),
            services: vec![],
            regions: vec![],
        },
        parties: vec![Party {
            id: "us".into(),
            name: "Us".into(),
            role: Role::Operator,
        }],
        events,
        causes,
        vendor_actions: vec![],
        action_items: vec![],
        lessons: Default::default(),
        links: vec![],
        allow: vec![],
    }
}

/// A graph of `n` nodes: even indexes are events, odd ones causes; `edges` are (cause, effect).
fn build(n: usize, edges: &[(usize, usize)], impacts: &[bool], minutes: &[u32]) -> Incident {
    let id = |i: usize| format!("n{i}");
    let parents = |i: usize| -> Vec<String> {
        edges
            .iter()
            .filter(|(_, to)| *to == i)
            .map(|(from, _)| id(*from))
            .collect()
    };
    let mut events = Vec::new();
    let mut causes = Vec::new();
    for i in 0..n {
        if i % 2 == 0 {
            events.push(Event {
                id: Some(id(i)),
                at: format!(
                    "2024-01-01T{:02}:{:02}:00Z",
                    minutes[i] / 60 % 24,
                    minutes[i] % 60
                ),
                approx: false,
                kind: if impacts[i] {
                    EventKind::ImpactStart
                } else {
                    EventKind::Note
                },
                actor: None,
                title: id(i),
                details: None,
                caused_by: parents(i),
                sources: vec![],
                customers_affected: None,
            });
        } else {
            causes.push(Cause {
                id: id(i),
                title: id(i),
                category: None,
                details: None,
                caused_by: parents(i),
                status: Default::default(),
                sources: vec![],
                no_action: None,
            });
        }
    }
    incident(events, causes)
}

fn validated(incident: &Incident) -> Validated {
    let text = serde_yaml::to_string(incident).unwrap();
    let file = IncidentFile {
        path: "random.yaml".into(),
        stem: "random".into(),
        asset_dir: None,
    };
    let loaded = load::load_text(file, text);
    let mut findings = Findings::default();
    let v = check::validate(&loaded, &Limits::default(), &mut findings);
    v.unwrap_or_else(|| panic!("invalid: {:?} {:?}", findings.found, loaded.diagnostics))
}

/// Node count, edges, which nodes are impacts, event minutes.
type GraphInput = (usize, Vec<(usize, usize)>, Vec<bool>, Vec<u32>);

fn graph_input() -> impl Strategy<Value = GraphInput> {
    (2usize..24).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n), 0..n * 2),
            prop::collection::vec(any::<bool>(), n),
            prop::collection::vec(0u32..1440, n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn chains_run_from_a_root_cause_to_an_impact((n, raw, impacts, minutes) in graph_input()) {
        // Forward edges only: a DAG.
        let mut edges: Vec<(usize, usize)> = raw.into_iter().filter(|(a, b)| a < b).collect();
        edges.sort();
        edges.dedup();
        let v = validated(&build(n, &edges, &impacts, &minutes));
        let graph = CausalGraph::build(&v);
        prop_assert!(graph.find_cycle().is_none());
        let a = analysis::analyse(&v, graph, 10_000);
        for chain in &a.chains.paths {
            prop_assert!(a.root_causes.contains(&chain[0]));
            prop_assert!(a.graph.parents(chain[0]).is_empty());
            prop_assert!(a.graph.nodes[*chain.last().unwrap()].is_impact);
            for step in chain.windows(2) {
                prop_assert!(a.graph.children(step[0]).contains(&step[1]));
            }
            for node in chain {
                prop_assert!(a.contributing.contains(node));
            }
        }
        prop_assert_eq!(a.chains.total as usize, a.chains.paths.len());
        for root in &a.root_causes {
            prop_assert!(a.chains.paths.iter().any(|c| c[0] == *root));
        }
    }

    #[test]
    fn cycle_detection_agrees_with_petgraph((n, raw, impacts, minutes) in graph_input()) {
        let mut edges: Vec<(usize, usize)> = raw.into_iter().filter(|(a, b)| a != b).collect();
        edges.sort();
        edges.dedup();
        let v = validated(&build(n, &edges, &impacts, &minutes));
        let graph = CausalGraph::build(&v);
        let ours = graph.find_cycle();
        prop_assert_eq!(ours.is_some(), petgraph::algo::is_cyclic_directed(&graph.graph));
        if let Some(cycle) = ours {
            prop_assert_eq!(cycle.first(), cycle.last());
            for step in cycle.windows(2) {
                prop_assert!(graph.children(step[0]).contains(&step[1]));
            }
        }
    }

    #[test]
    fn metrics_do_not_depend_on_event_order_in_the_file(
        (n, raw, impacts, minutes) in graph_input(),
        seed in any::<u64>(),
    ) {
        let edges: Vec<(usize, usize)> = raw.into_iter().filter(|(a, b)| a < b).collect();
        let mut incident = build(n, &edges, &impacts, &minutes);
        let kinds = [EventKind::Detection, EventKind::Mitigation, EventKind::ImpactEnd, EventKind::Resolution];
        // An impact that ends before it starts is an error (E0021); such ends stay detections.
        // The times are all written alike, so their text sorts as they do.
        let first_start = incident.events.iter()
            .filter(|e| e.kind == EventKind::ImpactStart)
            .map(|e| e.at.clone())
            .min();
        for (i, event) in incident.events.iter_mut().enumerate() {
            if event.kind == EventKind::Note {
                let kind = kinds[i % kinds.len()];
                let ends_early = first_start.as_ref().is_some_and(|start| event.at < *start);
                event.kind = if kind == EventKind::ImpactEnd && ends_early {
                    EventKind::Detection
                } else {
                    kind
                };
            }
        }
        let before = {
            let v = validated(&incident);
            analysis::analyse(&v, CausalGraph::build(&v), 100).metrics
        };
        let mut state = seed | 1;
        for i in (1..incident.events.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            incident.events.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let v = validated(&incident);
        let after = analysis::analyse(&v, CausalGraph::build(&v), 100).metrics;
        prop_assert_eq!(before, after);
    }
}

#[test]
fn a_60000_event_chain_checks_without_overflowing_the_stack() {
    let n = 60_000;
    let events: Vec<Event> = (0..n)
        .map(|i| Event {
            id: Some(format!("e{i}")),
            at: "2024-01-01T00:00:00Z".into(),
            approx: false,
            kind: if i == n - 1 {
                EventKind::ImpactStart
            } else {
                EventKind::Note
            },
            actor: None,
            title: format!("step {i}"),
            details: None,
            caused_by: if i == 0 {
                vec![]
            } else {
                vec![format!("e{}", i - 1)]
            },
            sources: vec![],
            customers_affected: None,
        })
        .collect();
    let v = validated(&incident(events, vec![]));
    let graph = CausalGraph::build(&v);
    assert!(graph.find_cycle().is_none());
    let a = analysis::analyse(&v, graph, 100);
    assert_eq!(a.root_causes, vec![0]);
    assert_eq!(a.chains.paths.len(), 1);
    assert_eq!(a.chains.paths[0].len(), n);
    assert_eq!(a.contributing.len(), n);
}

#[test]
fn many_chains_are_cut_to_the_shortest_per_root_and_impact_with_a_count() {
    // A ladder of 20 diamonds has 2^20 paths from its root to its impact.
    let mut causes = vec![Cause {
        id: "c0".into(),
        title: "root".into(),
        category: None,
        details: None,
        caused_by: vec![],
        status: Default::default(),
        sources: vec![],
        no_action: None,
    }];
    for level in 1..=20 {
        let prev = format!("c{}", level - 1);
        for side in ["a", "b"] {
            causes.push(Cause {
                id: format!("d{level}{side}"),
                title: "x".into(),
                category: None,
                details: None,
                caused_by: vec![prev.clone()],
                status: Default::default(),
                sources: vec![],
                no_action: None,
            });
        }
        causes.push(Cause {
            id: format!("c{level}"),
            title: "join".into(),
            category: None,
            details: None,
            caused_by: vec![format!("d{level}a"), format!("d{level}b")],
            status: Default::default(),
            sources: vec![],
            no_action: None,
        });
    }
    let impact = Event {
        id: Some("down".into()),
        at: "2024-01-01T00:00:00Z".into(),
        approx: false,
        kind: EventKind::ImpactStart,
        actor: None,
        title: "down".into(),
        details: None,
        caused_by: vec!["c20".into()],
        sources: vec![],
        customers_affected: None,
    };
    let v = validated(&incident(vec![impact], causes));
    let a = analysis::analyse(&v, CausalGraph::build(&v), 100);
    assert!(a.chains.shortest_only);
    assert_eq!(a.chains.total, 1 << 20);
    assert_eq!(a.chains.paths.len(), 1);
    assert_eq!(a.chains.left_out(), (1 << 20) - 1);
    assert_eq!(a.joins.len(), 20);
}

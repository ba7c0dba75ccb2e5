//! Rules that need the causal graph: cycles, effect before cause, unaddressed roots, metrics.

use super::findings::Findings;
use super::paths;
use crate::analysis::{caused_by, is_ruled_out, Analysis, CausalGraph, NodeKind};
use crate::diagnostic::Code;
use crate::load::positions::YamlPath;
use crate::model::{Metric, Validated};
use chrono::NaiveDate;

/// The `caused_by` list of a node.
fn caused_by_path(graph: &CausalGraph, node: usize) -> YamlPath {
    match graph.nodes[node].kind {
        NodeKind::Event(i) => paths::event(i).caused_by(),
        NodeKind::Cause(i) => paths::cause(i).caused_by(),
    }
}

/// The `id` of a node, or the whole entry when it has none (internal `_event-N` ids).
fn id_path(graph: &CausalGraph, node: usize) -> YamlPath {
    let internal = graph.nodes[node].id.starts_with('_');
    match (graph.nodes[node].kind, internal) {
        (NodeKind::Event(i), true) => paths::event(i).path(),
        (NodeKind::Event(i), false) => paths::event(i).id(),
        (NodeKind::Cause(i), true) => paths::cause(i).path(),
        (NodeKind::Cause(i), false) => paths::cause(i).id(),
    }
}

/// Reports a cycle, pointing at the `caused_by` entry most likely to be wrong. Returns whether there was one.
pub fn cycles(validated: &Validated, graph: &CausalGraph, findings: &mut Findings) -> bool {
    let Some(cycle) = graph.find_cycle() else {
        return false;
    };
    let (cause, effect) = suspect_edge(validated, graph, &cycle);
    let cause_id = &graph.nodes[cause].id;
    let list = caused_by(validated, graph.nodes[effect].kind);
    let index = list.iter().position(|c| c == cause_id).unwrap_or(0);
    let (message, hint) = cycle_message(graph, &cycle, cause, effect);
    findings.value(
        Code::CausalCycle,
        caused_by_path(graph, effect).index(index),
        message,
        Some(hint),
    );
    true
}

/// The message and hint for `cycle`, whose suspect edge is `cause` -> `effect`.
fn cycle_message(
    graph: &CausalGraph,
    cycle: &[usize],
    cause: usize,
    effect: usize,
) -> (String, String) {
    let (cause_id, effect_id) = (&graph.nodes[cause].id, &graph.nodes[effect].id);
    if cause == effect {
        // Printed as a path (`x -> x`) it reads like a two-step loop; say what it is.
        return (
            format!("causal cycle: '{effect_id}' is caused by itself"),
            format!(
                "a cause cannot be its own effect; remove '{effect_id}' from its own caused_by"
            ),
        );
    }
    let ids: Vec<&str> = cycle.iter().map(|&n| graph.nodes[n].id.as_str()).collect();
    (
        format!("causal cycle: {}", ids.join(" -> ")),
        format!(
            "a cause cannot be its own effect; remove one of these caused_by entries (this one, '{effect_id}' caused by '{cause_id}', runs backwards in time)"
        ),
    )
}

/// The edge of a cycle that runs most steeply backwards: causes (standing conditions)
/// come before every event, events by time. Ties go to the first such edge.
fn suspect_edge(validated: &Validated, graph: &CausalGraph, cycle: &[usize]) -> (usize, usize) {
    let order = |node: usize| match graph.nodes[node].kind {
        NodeKind::Cause(_) => i64::MIN,
        NodeKind::Event(i) => validated.event(i).at.timestamp(),
    };
    cycle
        .windows(2)
        .map(|pair| (pair[0], pair[1]))
        .max_by_key(|&(cause, effect)| {
            (
                order(cause) as i128 - order(effect) as i128,
                std::cmp::Reverse(cause),
            )
        })
        .unwrap_or((cycle[0], cycle[0]))
}

/// Warnings that need the analysis.
pub fn warnings(
    validated: &Validated,
    analysis: &Analysis,
    as_of: NaiveDate,
    findings: &mut Findings,
) {
    overdue(validated, as_of, findings);
    super::dates::follow_up_dates(validated, findings);
    effect_before_cause(validated, analysis, findings);
    unaddressed(analysis, findings);
    ruled_out_with_edges(validated, &analysis.graph, findings);
    unknown_metrics(validated, analysis, findings);
    super::near_duplicates::near_duplicate_events(validated, findings);
}

fn effect_before_cause(validated: &Validated, analysis: &Analysis, findings: &mut Findings) {
    let graph = &analysis.graph;
    for (effect_index, event) in validated.incident.events.iter().enumerate() {
        for (n, cause_id) in event.caused_by.iter().enumerate() {
            let Some(cause) = graph.index_of(cause_id) else {
                continue;
            };
            let NodeKind::Event(cause_index) = graph.nodes[cause].kind else {
                continue;
            };
            let (effect_at, cause_at) = (
                validated.event(effect_index).at,
                validated.event(cause_index).at,
            );
            if cause_at > effect_at {
                findings.value(
                    Code::EffectBeforeCause,
                    paths::event(effect_index).caused_by().index(n),
                    format!(
                        "'{}' is caused by '{cause_id}', which happened {} later",
                        validated.event(effect_index).id,
                        crate::text::format_duration((cause_at - effect_at).num_seconds())
                    ),
                    Some("check both times, or whether the edge runs the other way".to_string()),
                );
            }
        }
    }
}

/// Each `caused_by` entry that names a ruled-out cause or belongs to one: the analysis
/// leaves such edges out, so the file says something its chains do not show.
fn ruled_out_with_edges(validated: &Validated, graph: &CausalGraph, findings: &mut Findings) {
    for (effect, node) in graph.nodes.iter().enumerate() {
        let effect_ruled_out = is_ruled_out(validated, node.kind);
        for (n, cause_id) in caused_by(validated, node.kind).iter().enumerate() {
            let cause_ruled_out = graph
                .index_of(cause_id)
                .is_some_and(|cause| is_ruled_out(validated, graph.nodes[cause].kind));
            let message = if cause_ruled_out {
                format!("ruled-out cause '{cause_id}' is named in caused_by; it is left out of every chain")
            } else if effect_ruled_out {
                format!(
                    "ruled-out cause '{}' has a caused_by; it is left out of every chain",
                    node.id
                )
            } else {
                continue;
            };
            findings.value(
                Code::RuledOutWithEdges,
                caused_by_path(graph, effect).index(n),
                message,
                Some(
                    "remove the edge, or mark the cause suspected if the evidence allows it"
                        .to_string(),
                ),
            );
        }
    }
}

fn unaddressed(analysis: &Analysis, findings: &mut Findings) {
    for &root in &analysis.unaddressed {
        let node = &analysis.graph.nodes[root];
        let path = id_path(&analysis.graph, root);
        findings.value(
            Code::UnaddressedRootCause,
            path,
            format!("root cause '{}' is not addressed by any action", node.id),
            Some(format!(
                "add an action item or vendor action with `addresses: [{}]`",
                node.id
            )),
        );
    }
}

fn unknown_metrics(validated: &Validated, analysis: &Analysis, findings: &mut Findings) {
    if analysis.impacts.is_empty() {
        findings.value(
            Code::NoImpactStart,
            paths::events(),
            "no event has kind 'impact_start', so no metric can be computed".to_string(),
            Some("mark when users started to be affected with kind: impact_start".to_string()),
        );
        return;
    }
    for metric in Metric::ALL {
        if analysis.metrics.seconds(metric).is_none() {
            findings.value(
                Code::UnknownMetric,
                paths::events(),
                format!(
                    "{} is unknown: no event has kind '{}'",
                    metric.key(),
                    metric.event_kind().as_str()
                ),
                None,
            );
        }
    }
    if validated.incident.impact.customers.is_none() {
        findings.value(
            Code::UnknownMetric,
            paths::impact(),
            "customer_minutes is unknown: impact.customers is not given".to_string(),
            None,
        );
    }
}

/// Open action items past their due date.
fn overdue(validated: &Validated, as_of: NaiveDate, findings: &mut Findings) {
    for record in validated.action_items().filter(|a| a.is_overdue(as_of)) {
        let item = record.item;
        let due = record.due.unwrap_or(as_of);
        findings.value(
            Code::OverdueAction,
            paths::action_item(record.index).due(),
            format!(
                "action item '{}' was due on {due} and is still open",
                item.id
            ),
            Some(format!(
                "mark it done, or agree a new date with {}",
                item.owner
            )),
        );
    }
}

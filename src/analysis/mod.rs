//! Analysis of one validated incident: the causal graph, root causes, chains and metrics;
//! and, in [`history`], what the incidents of a corpus say about each other.
//!
//! Every algorithm here is iterative, so a 60,000-event chain cannot overflow the stack.

mod chains;
pub mod history;
mod metrics;

pub use chains::Chains;
pub use history::History;
pub use metrics::Metrics;

use crate::model::{CauseStatus, EventKind, Validated};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use std::collections::{BTreeSet, HashMap};

/// Which list a causal node comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NodeKind {
    /// `events[i]`.
    Event(usize),
    /// `causes[i]`.
    Cause(usize),
}

/// A node of the causal graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CausalNode {
    /// The author's id, or a stable internal one (`_event-N`) for events without one.
    pub id: String,
    /// Where the node comes from.
    pub kind: NodeKind,
    /// Whether the node is an `impact_start` event.
    pub is_impact: bool,
}

/// The causal DAG of one incident; edges run from cause to effect.
#[derive(Debug, Clone)]
pub struct CausalGraph {
    /// Nodes, in file order: events first, then causes. `graph` node weights index this.
    pub nodes: Vec<CausalNode>,
    /// The edges, cause -> effect.
    pub graph: DiGraph<usize, ()>,
    index_by_id: HashMap<String, usize>,
}

impl CausalGraph {
    /// Builds the graph; references must already be validated (unknown ids are skipped).
    pub fn build(validated: &Validated) -> Self {
        let incident = &validated.incident;
        let mut nodes = Vec::with_capacity(incident.events.len() + incident.causes.len());
        for (i, event) in incident.events.iter().enumerate() {
            nodes.push(CausalNode {
                id: validated.event(i).id.to_string(),
                kind: NodeKind::Event(i),
                is_impact: event.kind == EventKind::ImpactStart,
            });
        }
        for (i, cause) in incident.causes.iter().enumerate() {
            nodes.push(CausalNode {
                id: cause.id.clone(),
                kind: NodeKind::Cause(i),
                is_impact: false,
            });
        }
        let index_by_id: HashMap<String, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, node)| (node.id.clone(), i))
            .collect();
        let mut graph = DiGraph::with_capacity(nodes.len(), nodes.len());
        for i in 0..nodes.len() {
            graph.add_node(i);
        }
        // A ruled-out cause stays a node (pages list it apart) but joins no edge,
        // so no chain runs through it.
        let ruled_out = |node: &CausalNode| is_ruled_out(validated, node.kind);
        for (effect, node) in nodes.iter().enumerate().filter(|(_, n)| !ruled_out(n)) {
            for cause in caused_by(validated, node.kind) {
                match index_by_id.get(cause.as_str()) {
                    Some(&from) if !ruled_out(&nodes[from]) => {
                        graph.add_edge(NodeIndex::new(from), NodeIndex::new(effect), ());
                    }
                    _ => {}
                }
            }
        }
        CausalGraph {
            nodes,
            graph,
            index_by_id,
        }
    }

    /// The node index of an id, if it names an event or cause.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index_by_id.get(id).copied()
    }

    /// Direct causes of a node, in `caused_by` order.
    pub fn parents(&self, node: usize) -> Vec<usize> {
        let mut parents: Vec<usize> = self
            .graph
            .neighbors_directed(NodeIndex::new(node), Direction::Incoming)
            .map(NodeIndex::index)
            .collect();
        // petgraph lists the newest edge first; file order reads better.
        parents.reverse();
        parents
    }

    /// Direct effects of a node.
    pub fn children(&self, node: usize) -> Vec<usize> {
        let mut children: Vec<usize> = self
            .graph
            .neighbors_directed(NodeIndex::new(node), Direction::Outgoing)
            .map(NodeIndex::index)
            .collect();
        children.reverse();
        children
    }

    /// One cycle, as node indexes with the first repeated at the end, if the graph has any.
    pub fn find_cycle(&self) -> Option<Vec<usize>> {
        // kosaraju_scc is iterative; tarjan_scc recurses once per node on a long chain.
        let components = petgraph::algo::kosaraju_scc(&self.graph);
        let mut cyclic: Vec<Vec<usize>> = components
            .into_iter()
            .map(|c| c.into_iter().map(NodeIndex::index).collect::<Vec<_>>())
            .filter(|c| c.len() > 1 || self.children(c[0]).contains(&c[0]))
            .collect();
        cyclic.iter_mut().for_each(|c| c.sort_unstable());
        cyclic.sort();
        let component = cyclic.into_iter().next()?;
        Some(self.cycle_within(&component))
    }

    /// A shortest cycle through the smallest node of a strongly connected component (BFS).
    fn cycle_within(&self, component: &[usize]) -> Vec<usize> {
        let members: BTreeSet<usize> = component.iter().copied().collect();
        let start = component[0];
        let mut previous: HashMap<usize, usize> = HashMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for child in self.children(node) {
                if !members.contains(&child) {
                    continue;
                }
                if child == start {
                    let mut cycle = vec![start];
                    let mut at = node;
                    while at != start {
                        cycle.push(at);
                        at = previous[&at];
                    }
                    cycle.push(start);
                    cycle.reverse();
                    return cycle;
                }
                if let std::collections::hash_map::Entry::Vacant(e) = previous.entry(child) {
                    e.insert(node);
                    queue.push_back(child);
                }
            }
        }
        vec![start, start]
    }
}

/// Whether a node is a cause that was considered and ruled out.
pub fn is_ruled_out(validated: &Validated, kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Cause(i) if validated.incident.causes[i].status == CauseStatus::RuledOut)
}

/// Whether a node is a cause the post-mortem only suspects.
pub fn is_suspected(validated: &Validated, kind: NodeKind) -> bool {
    matches!(kind, NodeKind::Cause(i) if validated.incident.causes[i].status == CauseStatus::Suspected)
}

/// The `caused_by` list of a node.
pub fn caused_by(validated: &Validated, kind: NodeKind) -> &[String] {
    match kind {
        NodeKind::Event(i) => &validated.incident.events[i].caused_by,
        NodeKind::Cause(i) => &validated.incident.causes[i].caused_by,
    }
}

/// Everything derived from one incident, the same for pages, reports and JSON.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The causal DAG.
    pub graph: CausalGraph,
    /// Impact nodes (`impact_start` events), in file order.
    pub impacts: Vec<usize>,
    /// Root causes: sources of the DAG from which an impact is reachable, in file order.
    pub root_causes: Vec<usize>,
    /// Root-cause chains, root first.
    pub chains: Chains,
    /// Every node on some chain, in file order.
    pub contributing: Vec<usize>,
    /// Nodes on some chain that several causes reached jointly: (node, its causes).
    pub joins: Vec<(usize, Vec<usize>)>,
    /// Root causes that are only suspected, in file order (a subset of `root_causes`).
    pub suspected_root_causes: Vec<usize>,
    /// Root causes that no live action addresses and that give no `no_action`
    /// reason, in file order.
    pub unaddressed: Vec<usize>,
    /// Root causes accepted without action (`no_action`), in file order.
    pub accepted: Vec<usize>,
    /// Event indexes sorted by time; ties keep file order.
    pub timeline: Vec<usize>,
    /// The measured figures.
    pub metrics: Metrics,
    /// What the incident adds to a corpus's [`History`], found here once so that
    /// `serve` can make the history again after an edit without reading every incident.
    pub contribution: history::Contribution,
}

/// One incident that passed every error rule, with its analysis.
#[derive(Debug, Clone)]
pub struct Analysed {
    /// The typed incident.
    pub validated: Validated,
    /// What was derived from it.
    pub analysis: Analysis,
}

impl Analysed {
    /// How long after the impact began `party` first told anyone (its first `communication`
    /// event), in seconds, negative when before; with whether either time is an estimate.
    /// `None` when the impact's start is unknown or the party never communicated.
    pub fn first_communication(&self, party: &str) -> Option<(i64, bool)> {
        let (v, m) = (&self.validated, &self.analysis.metrics);
        let start = m.impact_start?;
        let first = self
            .analysis
            .timeline
            .iter()
            .map(|&i| v.event(i))
            .find(|e| {
                e.event.kind == EventKind::Communication && e.event.actor.as_deref() == Some(party)
            })?;
        let seconds = (first.at - start).num_seconds();
        Some((seconds, first.event.approx || m.impact_start_approx))
    }
}

/// Analyses a validated incident whose graph has no cycle.
pub fn analyse(validated: &Validated, graph: CausalGraph, chain_limit: usize) -> Analysis {
    let impacts: Vec<usize> = (0..graph.nodes.len())
        .filter(|&i| graph.nodes[i].is_impact)
        .collect();
    let reaches_impact = reaches_impact(&graph);
    let root_causes: Vec<usize> = (0..graph.nodes.len())
        .filter(|&i| graph.parents(i).is_empty() && !graph.children(i).is_empty())
        .filter(|&i| graph.children(i).iter().any(|&c| reaches_impact[c]))
        .collect();
    let chains = Chains::enumerate(&graph, &root_causes, &reaches_impact, chain_limit);
    let contributing = on_some_chain(&graph, &root_causes, &reaches_impact);
    let joins = contributing
        .iter()
        .map(|&node| (node, graph.parents(node)))
        .filter(|(_, parents)| parents.len() > 1)
        .collect();
    let (unaddressed, accepted) = unaddressed(validated, &graph, &root_causes);
    let suspected_root_causes = root_causes
        .iter()
        .copied()
        .filter(|&r| is_suspected(validated, graph.nodes[r].kind))
        .collect();
    let timeline = sorted_timeline(validated);
    let metrics = Metrics::compute(validated, &timeline);
    let contribution = history::Contribution::of(validated, &graph, &root_causes);
    Analysis {
        graph,
        impacts,
        root_causes,
        chains,
        contributing,
        joins,
        suspected_root_causes,
        unaddressed,
        accepted,
        timeline,
        metrics,
        contribution,
    }
}

/// For each node, whether an impact node is reachable from it (itself included).
fn reaches_impact(graph: &CausalGraph) -> Vec<bool> {
    let mut reaches: Vec<bool> = graph.nodes.iter().map(|n| n.is_impact).collect();
    let mut stack: Vec<usize> = (0..graph.nodes.len()).filter(|&i| reaches[i]).collect();
    while let Some(node) = stack.pop() {
        for parent in graph.parents(node) {
            if !reaches[parent] {
                reaches[parent] = true;
                stack.push(parent);
            }
        }
    }
    reaches
}

/// Nodes reachable from a root cause that also reach an impact.
fn on_some_chain(graph: &CausalGraph, roots: &[usize], reaches_impact: &[bool]) -> Vec<usize> {
    let mut seen = vec![false; graph.nodes.len()];
    let mut stack: Vec<usize> = roots.to_vec();
    roots.iter().for_each(|&r| seen[r] = true);
    while let Some(node) = stack.pop() {
        for child in graph.children(node) {
            if reaches_impact[child] && !seen[child] {
                seen[child] = true;
                stack.push(child);
            }
        }
    }
    (0..seen.len()).filter(|&i| seen[i]).collect()
}

/// Root causes no live action addresses: those without a reason, and those
/// accepted with a `no_action` reason.
fn unaddressed(
    validated: &Validated,
    graph: &CausalGraph,
    roots: &[usize],
) -> (Vec<usize>, Vec<usize>) {
    let addressed: BTreeSet<&str> = validated.addressed_ids().collect();
    roots
        .iter()
        .copied()
        .filter(|&r| !addressed.contains(graph.nodes[r].id.as_str()))
        .partition(|&r| match graph.nodes[r].kind {
            NodeKind::Cause(c) => validated.incident.causes[c].no_action.is_none(),
            NodeKind::Event(_) => true,
        })
}

fn sorted_timeline(validated: &Validated) -> Vec<usize> {
    let mut order: Vec<usize> = (0..validated.incident.events.len()).collect();
    order.sort_by_key(|&i| validated.event(i).at);
    order
}

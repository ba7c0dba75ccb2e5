//! Root-cause chains: paths from a root cause to an impact node, root first.

use super::CausalGraph;
use std::collections::VecDeque;

/// The chains shown for one incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chains {
    /// Each chain as node indexes, root first, impact last.
    pub paths: Vec<Vec<usize>>,
    /// How many chains exist in all (saturating).
    pub total: u64,
    /// Whether only the shortest chain per (root, impact) pair is shown.
    pub shortest_only: bool,
}

impl Chains {
    /// How many chains were left out.
    pub fn left_out(&self) -> u64 {
        self.total.saturating_sub(self.paths.len() as u64)
    }

    /// All chains when there are at most `limit`; otherwise the shortest per (root, impact) pair.
    pub fn enumerate(
        graph: &CausalGraph,
        roots: &[usize],
        reaches_impact: &[bool],
        limit: usize,
    ) -> Self {
        let total = count_paths(graph, roots, reaches_impact);
        if total <= limit as u64 {
            let paths = roots
                .iter()
                .flat_map(|&root| all_paths_from(graph, root, reaches_impact))
                .collect();
            return Chains {
                paths,
                total,
                shortest_only: false,
            };
        }
        let mut paths: Vec<Vec<usize>> = roots
            .iter()
            .flat_map(|&root| shortest_paths_from(graph, root))
            .collect();
        paths.truncate(limit);
        Chains {
            paths,
            total,
            shortest_only: true,
        }
    }
}

/// Number of root-to-impact paths, by dynamic programming over a topological order.
fn count_paths(graph: &CausalGraph, roots: &[usize], reaches_impact: &[bool]) -> u64 {
    let Ok(order) = petgraph::algo::toposort(&graph.graph, None) else {
        return 0;
    };
    let mut count = vec![0u64; graph.nodes.len()];
    for node in order.into_iter().rev().map(|n| n.index()) {
        if !reaches_impact[node] {
            continue;
        }
        let own = u64::from(graph.nodes[node].is_impact);
        count[node] = graph
            .children(node)
            .into_iter()
            .fold(own, |sum, child| sum.saturating_add(count[child]));
    }
    // A chain has at least one edge: a root that is itself an impact does not count alone.
    roots.iter().fold(0u64, |sum, &root| {
        let own = u64::from(graph.nodes[root].is_impact);
        sum.saturating_add(count[root].saturating_sub(own))
    })
}

/// Every path from `root` to an impact node (depth-first, explicit stack).
fn all_paths_from(graph: &CausalGraph, root: usize, reaches_impact: &[bool]) -> Vec<Vec<usize>> {
    let mut found = Vec::new();
    let mut path = vec![root];
    let mut pending: Vec<Vec<usize>> = vec![next_steps(graph, root, reaches_impact)];
    while let Some(steps) = pending.last_mut() {
        match steps.pop() {
            Some(child) => {
                path.push(child);
                if graph.nodes[child].is_impact {
                    found.push(path.clone());
                }
                pending.push(next_steps(graph, child, reaches_impact));
            }
            None => {
                pending.pop();
                path.pop();
            }
        }
    }
    found
}

fn next_steps(graph: &CausalGraph, node: usize, reaches_impact: &[bool]) -> Vec<usize> {
    let mut steps: Vec<usize> = graph
        .children(node)
        .into_iter()
        .filter(|&c| reaches_impact[c])
        .collect();
    steps.reverse(); // popped from the back, so file order comes first
    steps
}

/// The shortest path from `root` to each reachable impact node (breadth-first).
fn shortest_paths_from(graph: &CausalGraph, root: usize) -> Vec<Vec<usize>> {
    let mut previous = vec![usize::MAX; graph.nodes.len()];
    previous[root] = root;
    let mut queue = VecDeque::from([root]);
    let mut impacts = Vec::new();
    while let Some(node) = queue.pop_front() {
        if graph.nodes[node].is_impact {
            impacts.push(node);
        }
        for child in graph.children(node) {
            if previous[child] == usize::MAX {
                previous[child] = node;
                queue.push_back(child);
            }
        }
    }
    impacts.sort_unstable();
    impacts
        .into_iter()
        .map(|impact| {
            let mut path = vec![impact];
            let mut at = impact;
            while at != root {
                at = previous[at];
                path.push(at);
            }
            path.reverse();
            path
        })
        .collect()
}

//! A small layered layout for DAGs (Sugiyama-style), deterministic and iterative.
//!
//! 1. Layers: the longest path from a source (so every edge points right);
//!    then each source moves right to the column before its nearest effect,
//!    so a root cause never has a long edge running behind other boxes.
//! 2. Order within layers: file order, then a few sweeps of the barycenter
//!    heuristic (stable sorts, ties by index) to reduce crossings.
//! 3. Coordinates: fixed column width; nodes stacked in each column and the
//!    columns centred on the tallest one.

/// Where each node goes: its column and its position in the column.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Column of each node.
    pub layer: Vec<usize>,
    /// Nodes of each column, top to bottom.
    pub columns: Vec<Vec<usize>>,
}

/// Lays out `n` nodes with `edges` (from, to); the graph must be acyclic.
pub fn layered(n: usize, edges: &[(usize, usize)]) -> Layout {
    let mut children = vec![Vec::new(); n];
    let mut parents = vec![Vec::new(); n];
    for &(from, to) in edges {
        children[from].push(to);
        parents[to].push(from);
    }
    let mut layer = longest_path_layers(n, &children, &parents);
    for node in 0..n {
        if parents[node].is_empty() {
            if let Some(nearest) = children[node].iter().map(|&c| layer[c]).min() {
                layer[node] = nearest.saturating_sub(1);
            }
        }
    }
    let depth = layer.iter().copied().max().map_or(0, |d| d + 1);
    let mut columns = vec![Vec::new(); depth];
    for node in 0..n {
        columns[layer[node]].push(node);
    }
    for sweep in 0..4 {
        if sweep % 2 == 0 {
            for c in 1..columns.len() {
                reorder(&mut columns, c, c - 1, &parents);
            }
        } else {
            for c in (0..columns.len().saturating_sub(1)).rev() {
                reorder(&mut columns, c, c + 1, &children);
            }
        }
    }
    Layout { layer, columns }
}

fn longest_path_layers(n: usize, children: &[Vec<usize>], parents: &[Vec<usize>]) -> Vec<usize> {
    let mut remaining: Vec<usize> = parents.iter().map(Vec::len).collect();
    let mut ready: Vec<usize> = (0..n).filter(|&i| remaining[i] == 0).rev().collect();
    let mut layer = vec![0; n];
    while let Some(node) = ready.pop() {
        for &child in &children[node] {
            layer[child] = layer[child].max(layer[node] + 1);
            remaining[child] -= 1;
            if remaining[child] == 0 {
                ready.push(child);
            }
        }
    }
    layer
}

/// Sorts column `c` by the mean position of each node's neighbours in column `reference`.
fn reorder(columns: &mut [Vec<usize>], c: usize, reference: usize, neighbours: &[Vec<usize>]) {
    let position: std::collections::HashMap<usize, usize> = columns[reference]
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    let current: std::collections::HashMap<usize, usize> = columns[c]
        .iter()
        .enumerate()
        .map(|(i, &n)| (n, i))
        .collect();
    let key = |node: usize| -> f64 {
        let placed: Vec<f64> = neighbours[node]
            .iter()
            .filter_map(|m| position.get(m))
            .map(|&p| p as f64)
            .collect();
        if placed.is_empty() {
            current[&node] as f64
        } else {
            placed.iter().sum::<f64>() / placed.len() as f64
        }
    };
    columns[c].sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
}

#[cfg(test)]
mod tests {
    use super::layered;

    #[test]
    fn edges_point_right_and_layout_is_stable() {
        let edges = [(0, 2), (1, 2), (2, 3), (0, 3)];
        let layout = layered(4, &edges);
        for (from, to) in edges {
            assert!(layout.layer[from] < layout.layer[to]);
        }
        assert_eq!(layout.layer, vec![0, 0, 1, 2]);
        // A source whose only effect is deep moves next to it.
        let late = layered(4, &[(0, 1), (1, 2), (3, 2)]);
        assert_eq!(late.layer, vec![0, 1, 2, 1]);
        assert_eq!(layout, layered(4, &edges));
    }

    #[test]
    fn long_chains_do_not_recurse() {
        let edges: Vec<(usize, usize)> = (0..50_000).map(|i| (i, i + 1)).collect();
        let layout = layered(50_001, &edges);
        assert_eq!(layout.layer[50_000], 50_000);
    }
}

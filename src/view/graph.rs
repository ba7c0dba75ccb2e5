//! The causal graph of one incident as people see it: nodes with titles and
//! drawing roles, edges and the actions that address nodes. Pictures and text
//! formats (SVG, DOT, Mermaid, JSON) are drawn from this.

use crate::analysis::{is_suspected, Analysed, NodeKind};
use serde::Serialize;

/// How a node is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeRole {
    /// A root cause that some action addresses.
    RootCause,
    /// A root cause nothing addresses.
    UnaddressedRootCause,
    /// An impact node.
    Impact,
    /// Any other cause.
    Cause,
    /// Any other event.
    Event,
}

/// A node with its title and role.
#[derive(Debug, Clone, Serialize)]
pub struct GraphNode {
    /// Node id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// `cause` or `event`.
    pub kind: &'static str,
    /// How to draw it.
    pub role: NodeRole,
    /// A cause the post-mortem only suspects.
    pub suspected: bool,
}

/// An edge, cause to effect.
#[derive(Debug, Clone, Serialize)]
pub struct GraphEdge {
    /// The cause.
    pub from: String,
    /// The effect.
    pub to: String,
}

/// An action that addresses a node.
#[derive(Debug, Clone, Serialize)]
pub struct GraphAction {
    /// Action id.
    pub id: String,
    /// Action title.
    pub title: String,
    /// The nodes it addresses.
    pub addresses: Vec<String>,
}

/// The graph of one incident, ready to print or draw.
#[derive(Debug, Clone, Default, Serialize)]
pub struct GraphView {
    /// Nodes, in file order (events, then causes).
    pub nodes: Vec<GraphNode>,
    /// Edges, cause to effect.
    pub edges: Vec<GraphEdge>,
    /// Actions and what they address.
    pub actions: Vec<GraphAction>,
    /// `children[i]`: the direct effects of node `i`, in file order.
    #[serde(skip)]
    pub children: Vec<Vec<usize>>,
    /// Root causes, as node indexes in file order.
    #[serde(skip)]
    pub root_causes: Vec<usize>,
    /// Impact nodes, as node indexes in file order.
    #[serde(skip)]
    pub impacts: Vec<usize>,
    /// Root causes nothing addresses, as node indexes in file order.
    #[serde(skip)]
    pub unaddressed: Vec<usize>,
    /// Whether node `i` is drawn: it has an edge, or it is an impact.
    #[serde(skip)]
    drawn: Vec<bool>,
}

impl GraphView {
    /// Collects nodes, roles and edges of one incident.
    pub fn new(analysed: &Analysed) -> Self {
        let a = &analysed.analysis;
        let incident = &analysed.validated.incident;
        let nodes: Vec<GraphNode> = a
            .graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let (kind, title) = match node.kind {
                    NodeKind::Event(e) => ("event", &incident.events[e].title),
                    NodeKind::Cause(c) => ("cause", &incident.causes[c].title),
                };
                GraphNode {
                    id: node.id.clone(),
                    title: title.clone(),
                    kind,
                    role: role_of(analysed, i),
                    suspected: is_suspected(&analysed.validated, node.kind),
                }
            })
            .collect();
        let edges: Vec<GraphEdge> = a
            .graph
            .graph
            .edge_indices()
            .filter_map(|e| a.graph.graph.edge_endpoints(e))
            .map(|(from, to)| GraphEdge {
                from: a.graph.nodes[from.index()].id.clone(),
                to: a.graph.nodes[to.index()].id.clone(),
            })
            .collect();
        let children: Vec<Vec<usize>> = (0..nodes.len()).map(|i| a.graph.children(i)).collect();
        let drawn = (0..nodes.len())
            .map(|i| {
                a.graph.nodes[i].is_impact
                    || !a.graph.parents(i).is_empty()
                    || !children[i].is_empty()
            })
            .collect();
        GraphView {
            nodes,
            edges,
            actions: actions(analysed),
            children,
            root_causes: a.root_causes.clone(),
            impacts: a.impacts.clone(),
            unaddressed: a.unaddressed.clone(),
            drawn,
        }
    }

    /// Indexes of the nodes worth drawing: those with an edge, and impacts
    /// (timeline-only events are left out).
    pub fn drawn_indexes(&self) -> Vec<usize> {
        (0..self.nodes.len()).filter(|&i| self.drawn[i]).collect()
    }

    /// The nodes worth drawing, in file order.
    pub fn drawn_nodes(&self) -> impl Iterator<Item = &GraphNode> {
        self.nodes
            .iter()
            .zip(&self.drawn)
            .filter(|(_, &drawn)| drawn)
            .map(|(node, _)| node)
    }
}

/// Vendor actions, then action items, that address something.
fn actions(analysed: &Analysed) -> Vec<GraphAction> {
    let incident = &analysed.validated.incident;
    let vendor = incident
        .vendor_actions
        .iter()
        .map(|v| (&v.id, &v.title, &v.addresses));
    let items = incident
        .action_items
        .iter()
        .map(|v| (&v.id, &v.title, &v.addresses));
    vendor
        .chain(items)
        .filter(|(_, _, addresses)| !addresses.is_empty())
        .map(|(id, title, addresses)| GraphAction {
            id: id.clone(),
            title: title.clone(),
            addresses: addresses.clone(),
        })
        .collect()
}

/// The drawing role of node `i`.
fn role_of(analysed: &Analysed, i: usize) -> NodeRole {
    let a = &analysed.analysis;
    if a.unaddressed.contains(&i) {
        NodeRole::UnaddressedRootCause
    } else if a.root_causes.contains(&i) {
        NodeRole::RootCause
    } else if a.graph.nodes[i].is_impact {
        NodeRole::Impact
    } else if matches!(a.graph.nodes[i].kind, NodeKind::Cause(_)) {
        NodeRole::Cause
    } else {
        NodeRole::Event
    }
}

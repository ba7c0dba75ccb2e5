//! The causal graph as text: Graphviz DOT, Mermaid and JSON.

use crate::analysis::Analysed;
use crate::analysis::NodeKind;
use serde::Serialize;
use std::fmt::Write;

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
#[derive(Debug, Serialize)]
pub struct GraphNode<'a> {
    /// Node id.
    pub id: &'a str,
    /// Display title.
    pub title: &'a str,
    /// `cause` or `event`.
    pub kind: &'static str,
    /// How to draw it.
    pub role: NodeRole,
}

/// An edge, cause to effect.
#[derive(Debug, Serialize)]
pub struct GraphEdge<'a> {
    /// The cause.
    pub from: &'a str,
    /// The effect.
    pub to: &'a str,
}

/// An action that addresses a node.
#[derive(Debug, Serialize)]
pub struct GraphAction<'a> {
    /// Action id.
    pub id: &'a str,
    /// Action title.
    pub title: &'a str,
    /// The nodes it addresses.
    pub addresses: Vec<&'a str>,
}

/// The graph of one incident, ready to print.
#[derive(Debug, Serialize)]
pub struct GraphView<'a> {
    /// Nodes, in file order.
    pub nodes: Vec<GraphNode<'a>>,
    /// Edges, cause to effect.
    pub edges: Vec<GraphEdge<'a>>,
    /// Actions and what they address.
    pub actions: Vec<GraphAction<'a>>,
    /// Ids of nodes with at least one edge.
    #[serde(skip)]
    connected: std::collections::HashSet<&'a str>,
}

impl<'a> GraphView<'a> {
    /// Collects nodes, roles and edges of one incident.
    pub fn new(analysed: &'a Analysed) -> Self {
        let a = &analysed.analysis;
        let incident = &analysed.validated.incident;
        let nodes = a
            .graph
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let (kind, title) = match node.kind {
                    NodeKind::Event(e) => ("event", incident.events[e].title.as_str()),
                    NodeKind::Cause(c) => ("cause", incident.causes[c].title.as_str()),
                };
                GraphNode {
                    id: &node.id,
                    title,
                    kind,
                    role: role_of(analysed, i),
                }
            })
            .collect();
        let edges: Vec<GraphEdge<'a>> = a
            .graph
            .graph
            .edge_indices()
            .filter_map(|e| a.graph.graph.edge_endpoints(e))
            .map(|(from, to)| GraphEdge {
                from: &a.graph.nodes[from.index()].id,
                to: &a.graph.nodes[to.index()].id,
            })
            .collect();
        let vendor = incident
            .vendor_actions
            .iter()
            .map(|v| (&v.id, &v.title, &v.addresses));
        let items = incident
            .action_items
            .iter()
            .map(|v| (&v.id, &v.title, &v.addresses));
        let actions = vendor
            .chain(items)
            .filter(|(_, _, addresses)| !addresses.is_empty())
            .map(|(id, title, addresses)| GraphAction {
                id,
                title,
                addresses: addresses.iter().map(String::as_str).collect(),
            })
            .collect();
        let connected = edges.iter().flat_map(|e| [e.from, e.to]).collect();
        GraphView {
            nodes,
            edges,
            actions,
            connected,
        }
    }
}

/// The drawing role of node `i`.
pub fn role_of(analysed: &Analysed, i: usize) -> NodeRole {
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

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
}

impl GraphView<'_> {
    /// Nodes worth drawing: those with an edge, and impacts (timeline-only events are left out).
    pub fn drawn_nodes(&self) -> impl Iterator<Item = &GraphNode<'_>> {
        self.nodes
            .iter()
            .filter(|n| n.role == NodeRole::Impact || self.connected.contains(n.id))
    }
}

/// Graphviz DOT, left to right.
pub fn to_dot(view: &GraphView) -> String {
    let mut out = String::from("digraph causes {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"sans-serif\"];\n");
    for node in view.drawn_nodes() {
        let fill = match node.role {
            NodeRole::RootCause => "#fde68a",
            NodeRole::UnaddressedRootCause => "#fca5a5",
            NodeRole::Impact => "#c7d2fe",
            NodeRole::Cause => "#fef3c7",
            NodeRole::Event => "#f3f4f6",
        };
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", fillcolor=\"{fill}\"];",
            dot_escape(node.id),
            dot_escape(node.title)
        );
    }
    for edge in &view.edges {
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\";",
            dot_escape(edge.from),
            dot_escape(edge.to)
        );
    }
    for action in &view.actions {
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape=note, fillcolor=\"#dcfce7\"];",
            dot_escape(action.id),
            dot_escape(action.title)
        );
        for target in &action.addresses {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [style=dashed, arrowhead=none];",
                dot_escape(action.id),
                dot_escape(target)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// Mermaid ids must be simple words; ours have dashes, which Mermaid accepts, but not leading digits everywhere.
fn mermaid_id(id: &str) -> String {
    format!("n_{}", id.replace('-', "_"))
}

/// Text safe inside a quoted Mermaid label.
fn mermaid_label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Beyond this many nodes a Mermaid diagram is unreadable and slow to render.
pub const MAX_MERMAID_NODES: usize = 300;

/// A Mermaid flowchart, roots left, impact right; empty when too large to draw.
pub fn to_mermaid(view: &GraphView) -> String {
    if view.drawn_nodes().count() > MAX_MERMAID_NODES {
        return String::new();
    }
    let mut out = String::from("flowchart LR\n");
    for node in view.drawn_nodes() {
        let label = mermaid_label(node.title);
        let id = mermaid_id(node.id);
        let shape = match node.role {
            NodeRole::Impact => format!("{id}[[\"{label}\"]]"),
            NodeRole::RootCause | NodeRole::UnaddressedRootCause => format!("{id}([\"{label}\"])"),
            _ => format!("{id}[\"{label}\"]"),
        };
        let _ = writeln!(out, "  {shape}");
    }
    for edge in &view.edges {
        let _ = writeln!(
            out,
            "  {} --> {}",
            mermaid_id(edge.from),
            mermaid_id(edge.to)
        );
    }
    let classes = [
        (NodeRole::RootCause, "root", "fill:#fde68a,stroke:#92400e"),
        (
            NodeRole::UnaddressedRootCause,
            "unaddressed",
            "fill:#fca5a5,stroke:#991b1b,stroke-width:3px",
        ),
        (NodeRole::Impact, "impact", "fill:#c7d2fe,stroke:#3730a3"),
    ];
    for (role, class, style) in classes {
        let members: Vec<String> = view
            .nodes
            .iter()
            .filter(|n| n.role == role)
            .map(|n| mermaid_id(n.id))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {class} {style}");
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    out
}

/// Nodes, edges and actions as pretty JSON.
pub fn to_json(view: &GraphView) -> String {
    let mut text = serde_json::to_string_pretty(view).unwrap_or_default();
    text.push('\n');
    text
}

//! The causal graph as text: Graphviz DOT, Mermaid and JSON.

use crate::view::graph::{GraphNode, GraphView, NodeRole};
use std::fmt::Write;

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', " ")
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
            dot_escape(&node.id),
            dot_escape(&suspected_label(node))
        );
    }
    for edge in &view.edges {
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\";",
            dot_escape(&edge.from),
            dot_escape(&edge.to)
        );
    }
    for action in &view.actions {
        let _ = writeln!(
            out,
            "  \"{}\" [label=\"{}\", shape=note, fillcolor=\"#dcfce7\"];",
            dot_escape(&action.id),
            dot_escape(&action.title)
        );
        for target in &action.addresses {
            let _ = writeln!(
                out,
                "  \"{}\" -> \"{}\" [style=dashed, arrowhead=none];",
                dot_escape(&action.id),
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
        let label = mermaid_label(&suspected_label(node));
        let id = mermaid_id(&node.id);
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
            mermaid_id(&edge.from),
            mermaid_id(&edge.to)
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
            .map(|n| mermaid_id(&n.id))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(out, "  classDef {class} {style}");
            let _ = writeln!(out, "  class {} {class}", members.join(","));
        }
    }
    let suspected: Vec<String> = view
        .nodes
        .iter()
        .filter(|n| n.suspected)
        .map(|n| mermaid_id(&n.id))
        .collect();
    if !suspected.is_empty() {
        let _ = writeln!(out, "  classDef suspected stroke-dasharray:4 3");
        let _ = writeln!(out, "  class {} suspected", suspected.join(","));
    }
    out
}

/// A node's title, saying so when the cause is only suspected.
fn suspected_label(node: &GraphNode) -> String {
    if node.suspected {
        format!("{} (suspected)", node.title)
    } else {
        node.title.clone()
    }
}

/// Nodes, edges and actions as pretty JSON.
pub fn to_json(view: &GraphView) -> String {
    let mut text = serde_json::to_string_pretty(view).unwrap_or_default();
    text.push('\n');
    text
}

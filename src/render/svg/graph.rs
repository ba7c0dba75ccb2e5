//! The causal graph picture, read left to right: root causes lead to the impact.

use super::layout::layered;
use super::{escape, num, truncate, wrap, Picture};
use crate::view::graph::{GraphNode, GraphView, NodeRole};
use crate::view::Terms;
use std::collections::HashMap;
use std::fmt::Write;

const BOX_WIDTH: f64 = 190.0;
const COLUMN_GAP: f64 = 70.0;
const LINE: f64 = 14.0;
const PAD: f64 = 8.0;
const NODE_GAP: f64 = 18.0;
const MARGIN: f64 = 12.0;
const LEGEND: f64 = 34.0;
/// Beyond this many nodes the picture is not drawn; the chains list says it all.
pub const MAX_DRAWN_NODES: usize = 150;

struct Box {
    lines: Vec<String>,
    actions: Vec<String>,
    height: f64,
    x: f64,
    y: f64,
}

/// Draws the causal graph of one incident (nodes with at least one edge, and impacts).
pub fn causal_graph(view: &GraphView, terms: &Terms) -> Picture {
    let shown = view.drawn_indexes();
    if shown.is_empty() {
        return Picture::default();
    }
    if shown.len() > MAX_DRAWN_NODES {
        return Picture {
            svg: String::new(),
            alt: format!(
                "The causal graph has {} nodes, too many to draw; the chains from each {} list it in full.",
                shown.len(),
                terms.root_cause
            ),
        };
    }
    let local: HashMap<usize, usize> = shown.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let edges: Vec<(usize, usize)> = shown
        .iter()
        .flat_map(|&n| view.children[n].iter().map(move |&c| (n, c)))
        .filter_map(|(f, t)| Some((local[&f], *local.get(&t)?)))
        .collect();
    let layout = layered(shown.len(), &edges);
    let mut actions_by_node: HashMap<&str, Vec<String>> = HashMap::new();
    for action in &view.actions {
        for target in &action.addresses {
            actions_by_node
                .entry(target)
                .or_default()
                .push(truncate(&action.title, 30));
        }
    }
    let mut boxes: Vec<Box> = shown
        .iter()
        .map(|&n| node_box(&view.nodes[n], &actions_by_node))
        .collect();
    let column_heights: Vec<f64> = layout
        .columns
        .iter()
        .map(|c| c.iter().map(|&n| boxes[n].height + NODE_GAP).sum::<f64>() - NODE_GAP)
        .collect();
    let tallest = column_heights.iter().copied().fold(0.0, f64::max);
    for (c, column) in layout.columns.iter().enumerate() {
        let mut y = MARGIN + (tallest - column_heights[c]) / 2.0;
        for &n in column {
            boxes[n].x = MARGIN + c as f64 * (BOX_WIDTH + COLUMN_GAP);
            boxes[n].y = y;
            y += boxes[n].height + NODE_GAP;
        }
    }
    let width = MARGIN * 2.0 + layout.columns.len() as f64 * (BOX_WIDTH + COLUMN_GAP) - COLUMN_GAP;
    let height = MARGIN * 2.0 + tallest + LEGEND;
    let mut body = String::new();
    draw_edges(&mut body, &boxes, &edges);
    for (i, &n) in shown.iter().enumerate() {
        draw_node(&mut body, &boxes[i], view, n, view.nodes[n].role);
    }
    legend(&mut body, height - LEGEND + 10.0, terms);
    let alt = describe(view, terms);
    let svg = format!(
        r#"<svg class="causal-graph" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="graph-title" xmlns="http://www.w3.org/2000/svg"><title id="graph-title">{alt}</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path class="g-arrow" d="M0,0L10,5L0,10z"/></marker></defs>{body}</svg>"#,
        w = num(width.max(360.0)),
        h = num(height),
        alt = escape(&alt),
    );
    Picture { svg, alt }
}

/// A node's box before layout: its wrapped title and the actions listed inside it.
fn node_box(node: &GraphNode, actions_by_node: &HashMap<&str, Vec<String>>) -> Box {
    let mut lines = wrap(&node.title, 28, 3);
    if node.suspected {
        lines.push("(suspected)".to_string());
    }
    let actions = actions_by_node
        .get(node.id.as_str())
        .cloned()
        .unwrap_or_default();
    let height = PAD * 2.0 + lines.len() as f64 * LINE + actions.len() as f64 * (LINE + 2.0);
    Box {
        lines,
        actions,
        height,
        x: 0.0,
        y: 0.0,
    }
}

fn draw_edges(out: &mut String, boxes: &[Box], edges: &[(usize, usize)]) {
    let mut incoming: HashMap<usize, usize> = HashMap::new();
    for &(_, to) in edges {
        *incoming.entry(to).or_default() += 1;
    }
    let mut joins_drawn = std::collections::HashSet::new();
    for &(from, to) in edges {
        let (f, t) = (&boxes[from], &boxes[to]);
        let (x1, y1) = (f.x + BOX_WIDTH, f.y + f.height / 2.0);
        let (x2, y2) = (t.x, t.y + t.height / 2.0);
        if incoming[&to] > 1 {
            // A join: all causes meet at one point, then one arrow goes on together.
            let jx = x2 - 22.0;
            let _ = write!(
                out,
                r#"<path class="g-edge" d="M{} {}C{} {} {} {} {} {}"/>"#,
                num(x1),
                num(y1),
                num((x1 + jx) / 2.0),
                num(y1),
                num((x1 + jx) / 2.0),
                num(y2),
                num(jx),
                num(y2)
            );
            if joins_drawn.insert(to) {
                let _ = write!(
                    out,
                    r#"<path class="g-edge" d="M{} {}L{} {}" marker-end="url(#arrow)"/><circle class="g-join" cx="{}" cy="{}" r="7"><title>These causes were needed together</title></circle><text class="g-join-label" x="{}" y="{}" text-anchor="middle">&amp;</text>"#,
                    num(jx),
                    num(y2),
                    num(x2),
                    num(y2),
                    num(jx),
                    num(y2),
                    num(jx),
                    num(y2 + 3.5)
                );
            }
        } else {
            let mid = (x1 + x2) / 2.0;
            let _ = write!(
                out,
                r#"<path class="g-edge" d="M{} {}C{} {} {} {} {} {}" marker-end="url(#arrow)"/>"#,
                num(x1),
                num(y1),
                num(mid),
                num(y1),
                num(mid),
                num(y2),
                num(x2),
                num(y2)
            );
        }
    }
}

fn draw_node(out: &mut String, b: &Box, view: &GraphView, node: usize, role: NodeRole) {
    let class = match role {
        NodeRole::RootCause => "g-node root",
        NodeRole::UnaddressedRootCause => "g-node root unaddressed",
        NodeRole::Impact => "g-node impact",
        NodeRole::Cause => "g-node cause",
        NodeRole::Event => "g-node event",
    };
    let n = &view.nodes[node];
    let suspected = if n.suspected { " suspected" } else { "" };
    let _ = write!(
        out,
        r#"<g class="{class}{suspected}"><title>{id}: {title}</title><rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6"/>"#,
        id = escape(&n.id),
        title = escape(&n.title),
        x = num(b.x),
        y = num(b.y),
        w = num(BOX_WIDTH),
        h = num(b.height),
    );
    for (i, line) in b.lines.iter().enumerate() {
        let _ = write!(
            out,
            r#"<text x="{}" y="{}">{}</text>"#,
            num(b.x + PAD),
            num(b.y + PAD + 11.0 + i as f64 * LINE),
            escape(line)
        );
    }
    let actions_top = b.y + PAD + b.lines.len() as f64 * LINE + 2.0;
    for (i, action) in b.actions.iter().enumerate() {
        let y = actions_top + i as f64 * (LINE + 2.0);
        let _ = write!(
            out,
            r#"<g class="g-action"><rect x="{}" y="{}" width="{}" height="{}" rx="3"/><text x="{}" y="{}">{}</text></g>"#,
            num(b.x + 4.0),
            num(y),
            num(BOX_WIDTH - 8.0),
            num(LINE),
            num(b.x + 10.0),
            num(y + 10.5),
            escape(&format!("\u{2713} {action}"))
        );
    }
    out.push_str("</g>");
}

fn legend(out: &mut String, y: f64, terms: &Terms) {
    let unaddressed = format!("Unaddressed {}", terms.root_cause);
    let items = [
        ("g-node root", terms.root_cause_capitalised.as_str()),
        ("g-node root unaddressed", unaddressed.as_str()),
        ("g-node cause", "Cause"),
        ("g-node event", "Event"),
        ("g-node impact", "Impact"),
        ("g-action", "\u{2713} Action addressing it"),
    ];
    let mut x = MARGIN;
    out.push_str(r#"<g class="g-legend">"#);
    for (class, label) in items {
        let _ = write!(
            out,
            r#"<g class="{class}"><rect x="{}" y="{}" width="14" height="12" rx="3"/></g><text x="{}" y="{}">{}</text>"#,
            num(x),
            num(y),
            num(x + 19.0),
            num(y + 10.0),
            escape(label)
        );
        x += 19.0 + super::text_width(label, 11.0) + 16.0;
    }
    out.push_str("</g>");
}

fn describe(view: &GraphView, terms: &Terms) -> String {
    let a = view;
    let names = |nodes: &[usize]| {
        nodes
            .iter()
            .map(|&n| {
                let node = &view.nodes[n];
                let mark = if node.suspected { " (suspected)" } else { "" };
                format!("\u{201c}{}\u{201d}{mark}", node.title)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = format!(
        "Causal graph: {} ({}) {} to {}",
        crate::text::count(a.root_causes.len(), &terms.root_cause),
        names(&a.root_causes),
        if a.root_causes.len() == 1 {
            "leads"
        } else {
            "lead"
        },
        names(&a.impacts)
    );
    if !a.unaddressed.is_empty() {
        let _ = write!(text, "; unaddressed: {}", names(&a.unaddressed));
    }
    let _ = write!(
        text,
        ". The {} chains are listed in full in the text.",
        terms.root_cause.replace(' ', "-")
    );
    text
}

//! The causes side of a post-mortem: root causes, their chains to the impact,
//! what addresses them, and every factor by category.

use super::prose::{source_links, SafeLink, Text};
use super::Builder;
use crate::analysis::NodeKind;
use crate::model::{Cause, CauseStatus};
use serde::Serialize;
use std::collections::BTreeMap;

/// A reference to an event or cause.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NodeRef {
    /// Id (anchor target `#node-<id>`).
    pub id: String,
    /// Title.
    pub title: String,
    /// `cause`, `event` or `impact`.
    pub kind: &'static str,
    /// A cause the post-mortem only suspects: pages must say so wherever it appears.
    pub suspected: bool,
}

/// One step of a root-cause chain.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChainStep {
    /// The node.
    pub node: NodeRef,
    /// Other causes that were needed together with the previous step (a join).
    pub together_with: Vec<NodeRef>,
}

/// A root-cause chain, root first.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ChainView {
    /// Steps, root first, impact last.
    pub steps: Vec<ChainStep>,
    /// Whether the root is unaddressed.
    pub unaddressed: bool,
    /// Whether the chain runs through a suspected cause.
    pub suspected: bool,
}

/// A root cause and what addresses it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RootCauseView {
    /// The node.
    pub node: NodeRef,
    /// Category, if any.
    pub category: Option<String>,
    /// Actions that address it.
    pub addressed_by: Vec<NodeRef>,
    /// Why nothing is done about it, when it is accepted without action.
    pub no_action: Option<String>,
}

/// Causes of one category.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryGroup {
    /// Category slug, or "uncategorised".
    pub category: String,
    /// Its causes on some chain.
    pub causes: Vec<CauseView>,
}

/// A cause with its details.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CauseView {
    /// The node.
    pub node: NodeRef,
    /// Details.
    pub details: Option<Text>,
    /// Whether it is a root cause.
    pub is_root: bool,
    /// Whether it lies on some chain to the impact.
    pub on_chain: bool,
    /// `confirmed`, `suspected` or `ruled_out`.
    pub status: &'static str,
    /// The evidence, as links.
    pub sources: Vec<SafeLink>,
}

impl Builder<'_> {
    pub(super) fn chains(&self) -> Vec<ChainView> {
        let a = &self.analysed.analysis;
        a.chains.paths.iter().map(|path| self.chain(path)).collect()
    }

    fn chain(&self, path: &[usize]) -> ChainView {
        let a = &self.analysed.analysis;
        let steps: Vec<ChainStep> = path
            .iter()
            .enumerate()
            .map(|(i, &node)| ChainStep {
                node: self.node(node),
                together_with: match i.checked_sub(1).map(|p| path[p]) {
                    Some(previous) => a
                        .graph
                        .parents(node)
                        .into_iter()
                        .filter(|&p| p != previous)
                        .map(|p| self.node(p))
                        .collect(),
                    None => Vec::new(),
                },
            })
            .collect();
        let suspected = steps
            .iter()
            .any(|s| s.node.suspected || s.together_with.iter().any(|t| t.suspected));
        ChainView {
            unaddressed: a.unaddressed.contains(&path[0]),
            suspected,
            steps,
        }
    }

    pub(super) fn root_causes(&self) -> Vec<RootCauseView> {
        let incident = &self.analysed.validated.incident;
        let a = &self.analysed.analysis;
        a.root_causes
            .iter()
            .map(|&root| {
                let node = self.node(root);
                let category = match a.graph.nodes[root].kind {
                    NodeKind::Cause(i) => incident.causes[i].category.clone(),
                    NodeKind::Event(_) => None,
                };
                let v = &self.analysed.validated;
                let vendor = v
                    .vendor_actions()
                    .filter(|r| r.is_live() && r.action.addresses.contains(&node.id))
                    .map(|r| NodeRef {
                        id: r.action.id.clone(),
                        title: r.action.title.clone(),
                        kind: "vendor_action",
                        suspected: false,
                    });
                let items = v
                    .action_items()
                    .filter(|r| r.is_live() && r.item.addresses.contains(&node.id))
                    .map(|r| NodeRef {
                        id: r.item.id.clone(),
                        title: r.item.title.clone(),
                        kind: "action_item",
                        suspected: false,
                    });
                let addressed_by = items.chain(vendor).collect();
                let no_action = match a.graph.nodes[root].kind {
                    NodeKind::Cause(i) => incident.causes[i].no_action.clone(),
                    NodeKind::Event(_) => None,
                };
                RootCauseView {
                    node,
                    category,
                    addressed_by,
                    no_action,
                }
            })
            .collect()
    }

    /// One cause as the lists show it.
    pub(super) fn cause(&self, cause: &Cause) -> Option<CauseView> {
        let a = &self.analysed.analysis;
        let node = a.graph.index_of(&cause.id)?;
        Some(CauseView {
            node: self.node(node),
            details: cause.details.as_deref().map(Text::new),
            is_root: a.root_causes.contains(&node),
            on_chain: a.contributing.contains(&node),
            status: cause.status.as_str(),
            sources: source_links(&cause.sources),
        })
    }

    /// The causes considered and ruled out, in file order.
    pub(super) fn ruled_out(&self) -> Vec<CauseView> {
        let incident = &self.analysed.validated.incident;
        incident
            .causes
            .iter()
            .filter(|c| c.status == CauseStatus::RuledOut)
            .filter_map(|c| self.cause(c))
            .collect()
    }

    pub(super) fn factors_by_category(&self) -> Vec<CategoryGroup> {
        let incident = &self.analysed.validated.incident;
        let mut groups: BTreeMap<String, Vec<CauseView>> = BTreeMap::new();
        for cause in incident
            .causes
            .iter()
            .filter(|c| c.status != CauseStatus::RuledOut)
        {
            let Some(view) = self.cause(cause) else {
                continue;
            };
            let category = cause
                .category
                .clone()
                .unwrap_or_else(|| "uncategorised".to_string());
            groups.entry(category).or_default().push(view);
        }
        groups
            .into_iter()
            .map(|(category, causes)| CategoryGroup { category, causes })
            .collect()
    }
}

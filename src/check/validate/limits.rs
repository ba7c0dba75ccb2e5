//! Limits: how many nodes and edges one incident may have.

use super::Rules;
use crate::check::paths;
use crate::diagnostic::Code;
use crate::load::Limits;

impl Rules<'_> {
    /// Reports more nodes (events, causes, actions) or edges than `limits` allow.
    pub(super) fn limits(&mut self, limits: &Limits) {
        let i = self.incident;
        let nodes = i.events.len() + i.causes.len() + i.vendor_actions.len() + i.action_items.len();
        if nodes > limits.max_nodes {
            self.findings.value(
                Code::LimitExceeded,
                paths::events(),
                format!(
                    "{nodes} events, causes and actions, over the limit of {}",
                    limits.max_nodes
                ),
                Some("raise it with --max-nodes".to_string()),
            );
        }
        let edges = self.edge_count();
        if edges > limits.max_edges {
            self.findings.value(
                Code::LimitExceeded,
                paths::events(),
                format!("{edges} references, over the limit of {}", limits.max_edges),
                Some("raise it with --max-edges".to_string()),
            );
        }
    }

    /// Every `caused_by` and `addresses` entry.
    fn edge_count(&self) -> usize {
        let i = self.incident;
        i.events.iter().map(|e| e.caused_by.len()).sum::<usize>()
            + i.causes.iter().map(|c| c.caused_by.len()).sum::<usize>()
            + i.vendor_actions
                .iter()
                .map(|a| a.addresses.len())
                .sum::<usize>()
            + i.action_items
                .iter()
                .map(|a| a.addresses.len())
                .sum::<usize>()
    }
}

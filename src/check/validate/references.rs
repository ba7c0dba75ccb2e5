//! References: `actor`, `vendor`, `caused_by` and `addresses` must name what exists.

use super::Rules;
use crate::check::paths;
use crate::diagnostic::{did_you_mean, Code};
use crate::load::positions::YamlPath;
use crate::model::Role;
use std::collections::HashMap;

impl Rules<'_> {
    /// Checks every reference of the incident against its parties and `ids`.
    pub(super) fn references(&mut self) {
        let incident = self.incident;
        let parties: HashMap<&str, Role> = incident
            .parties
            .iter()
            .map(|p| (p.id.as_str(), p.role))
            .collect();
        for (n, event) in incident.events.iter().enumerate() {
            if let Some(actor) = &event.actor {
                self.party(&parties, actor, None, paths::event(n).actor());
            }
            self.edges(&event.caused_by, paths::event(n).caused_by());
        }
        for (n, cause) in incident.causes.iter().enumerate() {
            self.edges(&cause.caused_by, paths::cause(n).caused_by());
        }
        for (n, action) in incident.vendor_actions.iter().enumerate() {
            let path = paths::vendor_action(n).vendor();
            self.party(&parties, &action.vendor, Some(Role::Vendor), path);
            self.edges(&action.addresses, paths::vendor_action(n).addresses());
        }
        for (n, item) in incident.action_items.iter().enumerate() {
            self.edges(&item.addresses, paths::action_item(n).addresses());
        }
    }

    /// Each of `targets` (the list at `list`) must be the id of a cause or event.
    fn edges(&mut self, targets: &[String], list: YamlPath) {
        for (n, target) in targets.iter().enumerate() {
            let path = list.index(n);
            match self.ids.get(target.as_str()) {
                None => {
                    let known = self
                        .ids
                        .iter()
                        .filter(|(_, t)| !t.is_action())
                        .map(|(id, _)| *id);
                    let hint = did_you_mean(target, known);
                    self.findings.value(
                        Code::DanglingReference,
                        path,
                        format!("unknown id '{target}'"),
                        hint,
                    );
                }
                Some(node_type) if node_type.is_action() => {
                    self.findings.value(
                        Code::CausedByAction,
                        path,
                        format!(
                            "'{target}' is {}; {} may name causes and events only",
                            node_type.noun(),
                            list.last_key().unwrap_or("the list")
                        ),
                        None,
                    );
                }
                Some(_) => {}
            }
        }
    }
}

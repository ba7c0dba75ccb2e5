//! Ids and slugs: the file's own id, node ids (syntax and uniqueness), tags and categories.

use super::{NodeType, Rules};
use crate::check::findings::OTHER_LINE;
use crate::check::paths;
use crate::diagnostic::Code;
use crate::load::positions::YamlPath;
use crate::model::is_valid_id;
use std::collections::HashMap;

impl<'a> Rules<'a> {
    /// The id the file name gives must be valid, and an explicit `id:` must agree with it.
    pub(super) fn incident_id(&mut self, stem: &str) {
        if !is_valid_id(stem) {
            self.findings.value(
                Code::InvalidId,
                YamlPath::root(),
                format!("the file name gives the id '{stem}', which is not a valid id"),
                Some("rename the file: ids match ^[a-z0-9][a-z0-9-]*$".to_string()),
            );
        }
        if let Some(explicit) = &self.incident.id {
            if explicit != stem {
                self.findings.value(
                    Code::IdMismatch,
                    paths::id(),
                    format!("id '{explicit}' differs from the file name, which gives '{stem}'"),
                    Some(format!("write `id: {stem}` or remove the key")),
                );
            }
        }
    }

    /// Reports `id` (at `path`) unless it matches the id syntax.
    pub(super) fn check_id_syntax(&mut self, id: &str, path: YamlPath) {
        if !is_valid_id(id) {
            self.findings.value(
                Code::InvalidId,
                path,
                format!("'{id}' is not a valid id"),
                Some(
                    "ids match ^[a-z0-9][a-z0-9-]*$: lower-case letters, digits and dashes"
                        .to_string(),
                ),
            );
        }
    }

    /// Checks every node id and records it in `ids`; the second of two equal ids is reported.
    pub(super) fn collect_ids(&mut self) {
        let i = self.incident;
        let events = i.events.iter().enumerate().filter_map(|(n, e)| {
            e.id.as_deref()
                .map(|id| (id, NodeType::Event, paths::event(n).id()))
        });
        let causes = i
            .causes
            .iter()
            .enumerate()
            .map(|(n, c)| (c.id.as_str(), NodeType::Cause, paths::cause(n).id()));
        let vendor = i.vendor_actions.iter().enumerate().map(|(n, a)| {
            (
                a.id.as_str(),
                NodeType::VendorAction,
                paths::vendor_action(n).id(),
            )
        });
        let items = i.action_items.iter().enumerate().map(|(n, a)| {
            (
                a.id.as_str(),
                NodeType::ActionItem,
                paths::action_item(n).id(),
            )
        });
        let all: Vec<_> = events.chain(causes).chain(vendor).chain(items).collect();
        let mut first_path: HashMap<&str, YamlPath> = HashMap::new();
        for (id, node_type, path) in all {
            self.check_id_syntax(id, path.clone());
            if let Some(first) = self.ids.insert(id, node_type) {
                let other = first_path.get(id).cloned().unwrap_or_default();
                // The first use stays the one ids refer to.
                self.ids.insert(id, first);
                self.findings.value_and_other(
                    Code::DuplicateId,
                    path,
                    other,
                    format!(
                        "id '{id}' is used twice (first by {} on line {OTHER_LINE})",
                        first.noun()
                    ),
                    Some(
                        "ids must be unique across events, causes, vendor actions and action items"
                            .to_string(),
                    ),
                );
            } else {
                first_path.insert(id, path);
            }
        }
    }

    /// Tags and categories must be slugs; `related` entries must be valid incident ids.
    pub(super) fn slugs(&mut self) {
        let i = self.incident;
        for (n, tag) in i.tags.iter().enumerate() {
            self.check_slug(tag, "tag", paths::tags().index(n));
        }
        for (n, cause) in i.causes.iter().enumerate() {
            if let Some(category) = &cause.category {
                self.check_slug(category, "category", paths::cause(n).category());
            }
        }
        for (n, related) in i.related.iter().enumerate() {
            self.check_id_syntax(related, paths::related().index(n));
        }
    }

    fn check_slug(&mut self, slug: &str, what: &str, path: YamlPath) {
        if !is_valid_id(slug) {
            self.findings.value(
                Code::InvalidId,
                path,
                format!("{what} '{slug}' is not a slug"),
                Some(format!("write it as '{}'", crate::text::slugify(slug))),
            );
        }
    }
}

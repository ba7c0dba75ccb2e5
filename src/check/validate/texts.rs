//! Texts: required ones must not be empty, and the placeholders `rootline new` writes must
//! be replaced before an incident is reviewed (a warning) or published (an error).

use super::Rules;
use crate::check::paths;
use crate::diagnostic::Code;
use crate::load::positions::YamlPath;
use crate::model::{placeholders, Status};

impl<'a> Rules<'a> {
    /// Every required text of the incident, with where it is and what it is for.
    fn required_texts(&self) -> Vec<(&'a str, YamlPath, &'static str)> {
        let i = self.incident;
        let mut texts = vec![
            (
                i.title.as_str(),
                paths::title(),
                "the incident's title, in one line",
            ),
            (
                i.summary.as_str(),
                paths::summary(),
                "a summary for a reader in a hurry",
            ),
            (
                i.impact.description.as_str(),
                paths::impact_description(),
                "who could not do what, and how badly",
            ),
        ];
        let parties = i.parties.iter().enumerate();
        texts.extend(
            parties.map(|(n, p)| (p.name.as_str(), paths::party(n).name(), "the party's name")),
        );
        let events = i.events.iter().enumerate();
        texts.extend(events.map(|(n, e)| {
            (
                e.title.as_str(),
                paths::event(n).title(),
                "what happened, in one line",
            )
        }));
        let causes = i.causes.iter().enumerate();
        texts.extend(causes.map(|(n, c)| {
            (
                c.title.as_str(),
                paths::cause(n).title(),
                "the condition, in one line",
            )
        }));
        let vendor = i.vendor_actions.iter().enumerate();
        texts.extend(vendor.map(|(n, a)| {
            (
                a.title.as_str(),
                paths::vendor_action(n).title(),
                "what the vendor does, in one line",
            )
        }));
        for (n, item) in i.action_items.iter().enumerate() {
            let path = paths::action_item(n);
            texts.push((
                item.title.as_str(),
                path.title(),
                "what we will do, in one line",
            ));
            texts.push((item.owner.as_str(), path.owner(), "who is responsible"));
        }
        texts
    }

    /// Reports empty required texts, and placeholders unless the incident is a draft.
    pub(super) fn texts(&mut self) {
        let status = self.incident.status;
        for (text, path, purpose) in self.required_texts() {
            if text.trim().is_empty() {
                self.findings.key(
                    Code::EmptyText,
                    path.clone(),
                    format!("{path} is empty"),
                    Some(format!("write {purpose}")),
                );
            } else if placeholders::is_placeholder(text) && status != Status::Draft {
                self.placeholder(text.trim(), path, status);
            }
        }
    }

    fn placeholder(&mut self, text: &str, path: YamlPath, status: Status) {
        let (code, hint) = if status == Status::Published {
            (
                Code::PlaceholderPublished,
                "replace it with what happened, or set status: draft until it is written",
            )
        } else {
            (
                Code::PlaceholderInReview,
                "replace it before the incident is published",
            )
        };
        self.findings.value(
            code,
            path.clone(),
            format!("{path} is still the placeholder '{text}'"),
            Some(hint.to_string()),
        );
    }
}

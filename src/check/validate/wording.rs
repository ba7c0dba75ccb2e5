//! Wording: the prose describes conditions, not blame or what someone should have done.

use super::Rules;
use crate::check::paths;
use crate::check::phrases::PhraseTable;
use crate::diagnostic::Code;
use crate::load::positions::YamlPath;

/// One prose text of an incident, by where it is; its path is built only for a finding.
#[derive(Debug, Clone, Copy)]
enum Prose {
    Title,
    Summary,
    Impact,
    EventTitle(usize),
    EventDetails(usize),
    CauseTitle(usize),
    CauseDetails(usize),
    NoAction(usize),
    VendorTitle(usize),
    VendorDetails(usize),
    ItemTitle(usize),
    Lesson(usize, usize),
}

impl Prose {
    fn path(self) -> YamlPath {
        match self {
            Prose::Title => paths::title(),
            Prose::Summary => paths::summary(),
            Prose::Impact => paths::impact_description(),
            Prose::EventTitle(n) => paths::event(n).title(),
            Prose::EventDetails(n) => paths::event(n).details(),
            Prose::CauseTitle(n) => paths::cause(n).title(),
            Prose::CauseDetails(n) => paths::cause(n).details(),
            Prose::NoAction(n) => paths::cause(n).no_action(),
            Prose::VendorTitle(n) => paths::vendor_action(n).title(),
            Prose::VendorDetails(n) => paths::vendor_action(n).details(),
            Prose::ItemTitle(n) => paths::action_item(n).title(),
            Prose::Lesson(list, n) => paths::lesson(list, n),
        }
    }
}

impl<'a> Rules<'a> {
    /// Every prose text a reader takes as the account: summary, impact, titles, details,
    /// reasons for accepting a risk, lessons.
    fn prose(&self) -> Vec<(&'a str, Prose)> {
        let i = self.incident;
        let mut texts = vec![
            (i.title.as_str(), Prose::Title),
            (i.summary.as_str(), Prose::Summary),
            (i.impact.description.as_str(), Prose::Impact),
        ];
        for (n, event) in i.events.iter().enumerate() {
            texts.push((event.title.as_str(), Prose::EventTitle(n)));
            texts.extend(
                event
                    .details
                    .as_deref()
                    .map(|d| (d, Prose::EventDetails(n))),
            );
        }
        for (n, cause) in i.causes.iter().enumerate() {
            texts.push((cause.title.as_str(), Prose::CauseTitle(n)));
            texts.extend(
                cause
                    .details
                    .as_deref()
                    .map(|d| (d, Prose::CauseDetails(n))),
            );
            texts.extend(cause.no_action.as_deref().map(|d| (d, Prose::NoAction(n))));
        }
        for (n, action) in i.vendor_actions.iter().enumerate() {
            texts.push((action.title.as_str(), Prose::VendorTitle(n)));
            texts.extend(
                action
                    .details
                    .as_deref()
                    .map(|d| (d, Prose::VendorDetails(n))),
            );
        }
        let items = i.action_items.iter().enumerate();
        texts.extend(items.map(|(n, item)| (item.title.as_str(), Prose::ItemTitle(n))));
        let lessons = [
            &i.lessons.went_well,
            &i.lessons.went_wrong,
            &i.lessons.lucky,
        ];
        for (list, lessons) in lessons.into_iter().enumerate() {
            let entries = lessons.iter().enumerate();
            texts.extend(entries.map(|(n, text)| (text.as_str(), Prose::Lesson(list, n))));
        }
        texts
    }

    /// Warns at each hindsight or blaming phrase of `table` in the prose, with its rewrite.
    pub(super) fn hindsight(&mut self, table: &PhraseTable) {
        for (text, prose) in self.prose() {
            for found in table.find(text) {
                let (_, suggestion) = table.entry(found.entry);
                let written = &text[found.offset..found.offset + found.len];
                let path = prose.path();
                self.findings.within(
                    Code::BlameLanguage,
                    path.clone(),
                    (found.offset, found.len),
                    format!("{path} says '{written}', which judges with hindsight or blames"),
                    Some(suggestion.to_string()),
                );
            }
        }
    }
}

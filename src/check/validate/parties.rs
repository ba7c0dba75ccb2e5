//! Parties: unique ids, an operator, and `actor`/`vendor` naming a fitting party.

use super::Rules;
use crate::check::findings::OTHER_LINE;
use crate::check::paths;
use crate::diagnostic::{did_you_mean, Code};
use crate::load::positions::YamlPath;
use crate::model::Role;
use std::collections::HashMap;

impl Rules<'_> {
    /// Party ids must be valid and unique, and one party must be the operator.
    pub(super) fn parties(&mut self) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, party) in self.incident.parties.iter().enumerate() {
            let path = paths::party(i).id();
            self.check_id_syntax(&party.id, path.clone());
            if let Some(first) = seen.insert(&party.id, i) {
                seen.insert(&party.id, first);
                self.findings.value_and_other(
                    Code::DuplicateParty,
                    path,
                    paths::party(first).id(),
                    format!("party id '{}' is used twice", party.id),
                    Some(format!(
                        "the first is parties[{first}], on line {OTHER_LINE}; rename or merge one"
                    )),
                );
            }
        }
        if !self
            .incident
            .parties
            .iter()
            .any(|p| p.role == Role::Operator)
        {
            self.findings.value(
                Code::NoOperator,
                paths::parties(),
                "no party has the role 'operator'".to_string(),
                Some(
                    "add the organisation the post-mortem is written for, with role: operator"
                        .to_string(),
                ),
            );
        }
    }

    /// `id` (at `path`) must name a party, with role `role` when one is wanted.
    pub(super) fn party(
        &mut self,
        parties: &HashMap<&str, Role>,
        id: &str,
        role: Option<Role>,
        path: YamlPath,
    ) {
        match (parties.get(id), role) {
            (None, _) => {
                let hint = did_you_mean(id, parties.keys().copied())
                    .or_else(|| Some("declare it under parties".to_string()));
                self.findings.value(
                    Code::BadParty,
                    path,
                    format!("'{id}' is not a party of this incident"),
                    hint,
                );
            }
            (Some(actual), Some(wanted)) if *actual != wanted => {
                self.findings.value(
                    Code::BadParty,
                    path,
                    format!("'{id}' is not a vendor (its role is {actual:?})").to_lowercase(),
                    Some("vendor actions need a party with role: vendor".to_string()),
                );
            }
            _ => {}
        }
    }
}

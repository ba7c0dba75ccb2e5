//! Paths into an incident file, with every key checked against the model.
//!
//! Rules point their findings at places such as `events[0].caused_by[1]`. A key
//! spelled by hand with a typo would not fail: the position lookup falls back to
//! the nearest existing ancestor and the diagnostic quietly points at the wrong
//! line. So every key a rule may use is an identifier in the one table below: a
//! rule naming an accessor that is not there does not compile, and a test checks
//! each key of the table against serde's own field names (after renames, so the
//! identifiers are the YAML keys). Building a path costs what `YamlPath` costs.

use crate::load::positions::YamlPath;

macro_rules! model_paths {
    (
        keys { $($key:ident),* $(,)? }
        lists { $($list:ident: $entry:ident -> $Entry:ident { $($field:ident),* $(,)? })* }
    ) => {
        $(
            #[doc = concat!("The top-level `", stringify!($key), "`.")]
            pub fn $key() -> YamlPath {
                YamlPath::root().key(stringify!($key))
            }
        )*
        $(
            #[doc = concat!("The top-level list `", stringify!($list), "`.")]
            pub fn $list() -> YamlPath {
                YamlPath::root().key(stringify!($list))
            }

            #[doc = concat!("Entry `index` of `", stringify!($list), "`.")]
            pub fn $entry(index: usize) -> $Entry {
                $Entry(index)
            }

            #[doc = concat!("An entry of `", stringify!($list), "`, by its index.")]
            #[derive(Debug, Clone, Copy, PartialEq, Eq)]
            pub struct $Entry(usize);

            impl $Entry {
                /// The whole entry.
                pub fn path(self) -> YamlPath {
                    $list().index(self.0)
                }
                $(
                    #[doc = concat!("The entry's `", stringify!($field), "`.")]
                    pub fn $field(self) -> YamlPath {
                        YamlPath::field(stringify!($list), self.0, stringify!($field))
                    }
                )*
            }
        )*

        /// Every top-level key of the table that is not a list of entries.
        #[cfg(test)]
        const KEYS: &[&str] = &[$(stringify!($key)),*];

        /// Every list of entries of the table, with the entry keys it has accessors for.
        #[cfg(test)]
        const LISTS: &[(&str, &[&str])] = &[$((stringify!($list), &[$(stringify!($field)),*])),*];
    };
}

model_paths! {
    keys { id, title, status, published, severity, summary, timezone, impact, tags, related, lessons, allow }
    lists {
        parties: party -> PartyPath { id, name }
        events: event -> EventPath { id, at, kind, title, details, actor, caused_by }
        causes: cause -> CausePath { id, title, details, category, caused_by, no_action }
        vendor_actions: vendor_action -> VendorActionPath { id, at, vendor, title, details, due, completed, status, addresses }
        action_items: action_item -> ActionItemPath { id, title, owner, due, completed, status, addresses }
    }
}

/// The key of the impact's description inside `impact`.
const IMPACT_DESCRIPTION: &str = "description";

/// `impact.description`.
pub fn impact_description() -> YamlPath {
    impact().key(IMPACT_DESCRIPTION)
}

/// The lists inside `lessons`, in the order of the model.
pub const LESSON_LISTS: [&str; 3] = ["went_well", "went_wrong", "lucky"];

/// Entry `index` of the lessons list `LESSON_LISTS[list]`.
pub fn lesson(list: usize, index: usize) -> YamlPath {
    lessons().key(LESSON_LISTS[list]).index(index)
}

/// The key of the services affected inside `impact`.
const IMPACT_SERVICES: &str = "services";

/// `impact.services`.
pub fn impact_services() -> YamlPath {
    impact().key(IMPACT_SERVICES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{fields_at, json_schema, struct_fields, Incident};
    use serde_json::Value;

    #[test]
    fn every_key_of_the_table_is_a_key_of_the_model() {
        let top = struct_fields::<Incident>();
        let lists = LISTS.iter().map(|(list, _)| list);
        for key in KEYS.iter().chain(lists) {
            assert!(top.contains(key), "`{key}` is not a key of an incident");
        }
        for (list, fields) in LISTS {
            let known = fields_at::<Incident>(&[list]);
            for field in *fields {
                assert!(
                    known.contains(field),
                    "`{list}[].{field}` is not a key of the model (it has {known:?})"
                );
            }
        }
    }

    #[test]
    fn the_impact_description_is_a_key_of_the_impact() {
        assert!(fields_at::<Incident>(&["impact"]).contains(&IMPACT_DESCRIPTION));
        assert_eq!(impact_description().to_string(), "impact.description");
        assert!(fields_at::<Incident>(&["impact"]).contains(&IMPACT_SERVICES));
        assert_eq!(impact_services().index(1).to_string(), "impact.services[1]");
    }

    #[test]
    fn the_lesson_lists_are_the_lists_of_the_lessons() {
        assert_eq!(fields_at::<Incident>(&["lessons"]), LESSON_LISTS);
        assert_eq!(lesson(1, 2).to_string(), "lessons.went_wrong[2]");
    }

    /// An entry path indexes its list, so each list of the table must be a list in the model.
    #[test]
    fn every_list_of_the_table_is_a_list_of_objects_in_the_schema() {
        let schema: Value = serde_json::from_str(&json_schema()).expect("the schema is JSON");
        for (list, _) in LISTS {
            let property = &schema["properties"][list];
            assert_eq!(property["type"], "array", "`{list}` is not a list");
            assert!(property["items"].is_object(), "`{list}` has no entry type");
        }
    }

    #[test]
    fn paths_print_as_the_keys_of_the_file() {
        assert_eq!(action_item(2).due().to_string(), "action_items[2].due");
        assert_eq!(
            event(0).caused_by().index(1).to_string(),
            "events[0].caused_by[1]"
        );
        assert_eq!(cause(3).path().to_string(), "causes[3]");
        assert_eq!(related().index(0).to_string(), "related[0]");
        assert_eq!(id().to_string(), "id");
    }
}

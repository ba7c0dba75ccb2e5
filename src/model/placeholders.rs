//! The texts `rootline new` writes for the author to replace. They are one list, so that
//! `check` recognises every one of them in an incident that is about to be published.

/// The title `rootline new` gives when none is asked for.
pub const TITLE: &str = "What happened, in one line";
/// The title of the first incident `rootline init` writes.
pub const FIRST_TITLE: &str = "Our first post-mortem";
/// The title of an imported timeline when none is asked for.
pub const IMPORTED_TITLE: &str = "Imported timeline";
/// The summary.
pub const SUMMARY: &str =
    "Two or three sentences for a reader in a hurry: what broke, for whom, for how long.";
/// The impact description.
pub const IMPACT: &str = "Who could not do what, and how badly.";
/// The operator's name.
pub const OPERATOR: &str = "Our company";
/// The titles of the timeline, in order: trigger, impact start, detection, response,
/// mitigation, impact end, resolution.
pub const EVENTS: [&str; 7] = [
    "What set it off",
    "Users start to be affected",
    "An alert fires",
    "On-call engineer engaged",
    "Change rolled back",
    "Users no longer affected",
    "Fixed for good",
];
/// The cause's title.
pub const CAUSE: &str = "The condition that made the change dangerous";
/// The action item's title.
pub const ACTION: &str = "What we will do so it cannot happen again";

/// Whether `text` is one of the placeholders (ignoring the spaces around it).
pub fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    [
        TITLE,
        FIRST_TITLE,
        IMPORTED_TITLE,
        SUMMARY,
        IMPACT,
        OPERATOR,
        CAUSE,
        ACTION,
    ]
    .iter()
    .chain(EVENTS.iter())
    .any(|placeholder| *placeholder == text)
}

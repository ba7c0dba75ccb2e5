//! What every page knows about where it sits in the site, and the words it uses.

use crate::config::{Config, Scale, Terminology};
use serde::Serialize;
use std::collections::BTreeMap;

/// The `page` variable of every template.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct PageContext {
    /// Whether the page is part of a built site (navigation, relative links).
    pub site: bool,
    /// Relative path from the page to the site root: "" or "../".
    pub root: String,
    /// Site title for the navigation.
    pub site_title: String,
    /// Who publishes the post-mortems (`[site] organisation`), if said.
    pub organisation: Option<String>,
    /// One line about the site (`[site] description`), if said.
    pub description: Option<String>,
    /// The logo's path from the site root, when the site has one.
    pub logo: Option<String>,
    /// Navigation section this page belongs to.
    pub section: String,
    /// Whether `<id>.md` and `<id>.json` sit beside the page.
    pub downloads: bool,
    /// The day overdue items were judged against.
    pub as_of: String,
    /// The wording for the causes at the root of an incident.
    pub terms: Terms,
    /// What each severity means, by name (`None` where the scale does not say).
    pub severities: Severities,
}

impl PageContext {
    /// A document rendered on its own (`rootline render`).
    pub fn standalone(as_of: &str) -> Self {
        PageContext {
            as_of: as_of.to_string(),
            ..PageContext::default()
        }
    }

    /// The page with the names and wording `config` gives (the title stays when it says none).
    pub fn with_config(mut self, config: &Config) -> Self {
        let site = &config.site;
        if let Some(title) = &site.title {
            self.site_title = title.clone();
        }
        self.organisation = site.organisation.clone();
        self.description = site.description.clone();
        self.logo = site.logo.as_deref().map(logo_path);
        self.terms = Terms::new(config.terminology);
        self.severities = Severities::new(&config.severities);
        self
    }
}

/// Where the logo `source` goes in a site: `logo.<its extension>` at the root.
pub fn logo_path(source: &std::path::Path) -> String {
    match source.extension().and_then(|e| e.to_str()) {
        Some(extension) => format!("logo.{}", extension.to_ascii_lowercase()),
        None => "logo".to_string(),
    }
}

/// `terms` in templates: "root cause" or "contributing factor", in the forms sentences need.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Terms {
    /// "root cause".
    pub root_cause: String,
    /// "root causes".
    pub root_causes: String,
    /// "Root cause", to start a sentence or heading.
    #[serde(rename = "Root_cause")]
    pub root_cause_capitalised: String,
    /// "Root causes", to start a sentence or heading.
    #[serde(rename = "Root_causes")]
    pub root_causes_capitalised: String,
    /// "Root-cause" or "Contributing-factor", before a noun at the start of a heading.
    #[serde(rename = "Root_cause_adjective")]
    pub root_cause_adjective: String,
}

impl Terms {
    /// The forms of `terminology`'s wording.
    pub fn new(terminology: Terminology) -> Self {
        let capitalised = |text: &str| {
            let mut chars = text.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(chars).collect()
            })
        };
        Terms {
            root_cause: terminology.singular().to_string(),
            root_causes: terminology.plural().to_string(),
            root_cause_capitalised: capitalised(terminology.singular()),
            root_causes_capitalised: capitalised(terminology.plural()),
            root_cause_adjective: capitalised(&terminology.singular().replace(' ', "-")),
        }
    }
}

impl Default for Terms {
    fn default() -> Self {
        Terms::new(Terminology::default())
    }
}

/// `page.severities` in templates: every severity name, with its definition when the scale
/// gives one, so that `page.severities[i.severity]` is there for any incident.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Severities(BTreeMap<String, Option<String>>);

impl Severities {
    /// The definitions `scale` gives.
    pub fn new(scale: &Scale) -> Self {
        Severities(
            scale
                .names()
                .into_iter()
                .map(|name| (name.to_string(), scale.definition(name).map(String::from)))
                .collect(),
        )
    }
}

impl Default for Severities {
    fn default() -> Self {
        Severities::new(&Scale::default())
    }
}

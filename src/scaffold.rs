//! `rootline new` and `rootline init`: files to start from, never written over.

use crate::model::is_valid_id;
use crate::model::placeholders as placeholder;
use chrono::NaiveDate;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why scaffolding failed (all exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ScaffoldError {
    /// The id does not match the id pattern.
    #[error("'{0}' is not a valid incident id: use lower-case letters, digits and dashes, e.g. 2024-03-01-checkout-errors")]
    InvalidId(String),
    /// Something is already there.
    #[error("{0} already exists; rootline never overwrites it")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("{path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// What a new incident starts with.
#[derive(Debug, Clone)]
pub struct NewIncident {
    /// Incident id (file stem or folder name).
    pub id: String,
    /// Title.
    pub title: String,
    /// `SEV1`...`SEV5`.
    pub severity: String,
    /// Make `<id>/incident.yaml` instead of `<id>.yaml`.
    pub folder: bool,
    /// The day the placeholder times fall on.
    pub date: NaiveDate,
}

/// Where the schema sits in a post-mortem repository (`rootline init` writes it there).
pub const SCHEMA_PATH: &str = "schema/incident.schema.json";

/// The text of a new incident: every section, commented, valid at once.
pub fn incident_text(new: &NewIncident) -> String {
    // yaml-language-server resolves the schema relative to the incident file.
    let up = if new.folder { "../../" } else { "../" };
    let modeline = format!("# yaml-language-server: $schema={up}{SCHEMA_PATH}");
    let d = new.date;
    let title = new.title.replace('"', "'");
    let [trigger, impact_start, detection, response, mitigation, impact_end, resolution] =
        placeholder::EVENTS;
    let (summary, impact, operator) = (
        placeholder::SUMMARY,
        placeholder::IMPACT,
        placeholder::OPERATOR,
    );
    let (cause, action) = (placeholder::CAUSE, placeholder::ACTION);
    format!(
        r#"{modeline}
# A new post-mortem. Replace the placeholders; `rootline check` says what is missing.
# Format: docs/format.md. Times without an offset are read in `timezone`.
title: "{title}"
status: draft            # draft, review or published; drafts stay off the site
severity: {severity}           # a level of the scale, worst first (SEV1 to SEV5 by default)
timezone: UTC            # an IANA zone, e.g. Europe/London
summary: >-
  {summary}
tags: []
authors: []
impact:
  description: >-
    {impact}
  # customers: 1200      # customers or accounts affected (gives customer-minutes)
  services: []
  regions: []
parties:
  - {{id: us, name: {operator}, role: operator}}
  # - {{id: vendor, name: A supplier, role: vendor}}
events:                  # the timeline; kinds: trigger, impact_start, detection, response,
                         # communication, mitigation, impact_end, resolution, note
  - id: change
    at: {d} 09:00
    kind: trigger
    actor: us
    title: {trigger}
    caused_by: [first-cause]
  - id: impact
    at: {d} 09:05
    approx: true         # an estimate, shown as ~09:05
    kind: impact_start
    actor: us
    title: {impact_start}
    caused_by: [change]
  - {{at: "{d} 09:12", kind: detection, actor: us, title: {detection}}}
  - {{at: "{d} 09:15", kind: response, actor: us, title: {response}}}
  - {{at: "{d} 09:40", kind: mitigation, actor: us, title: {mitigation}}}
  - {{at: "{d} 09:45", kind: impact_end, actor: us, title: {impact_end}}}
  - {{at: "{d} 11:00", kind: resolution, actor: us, title: {resolution}}}
causes:                  # conditions behind the events; `caused_by` links them (cause -> effect)
  - id: first-cause
    title: {cause}
    category: uncategorised
# vendor_actions:
#   - {{id: vendor-fix, vendor: vendor, title: What the supplier committed to, status: committed, due: {d}, addresses: [first-cause]}}
action_items:
  - id: first-action
    title: {action}
    owner: team
    type: prevent        # mitigate, prevent, detect or process
    priority: P2         # P0 (most urgent) to P3
    status: open         # open, in_progress, done or wont_do
    addresses: [first-cause]
lessons:
  went_well: []
  went_wrong: []
  lucky: []
links: []
"#,
        severity = new.severity,
    )
}

/// Writes a new incident under `incidents`; fails if the file or the other form of it exists.
pub fn new_incident(incidents: &Path, new: &NewIncident) -> Result<PathBuf, ScaffoldError> {
    create_incident(incidents, &new.id, new.folder, &incident_text(new))
}

/// Checks that a new incident `id` may be made under `incidents`: a valid id, taken by no
/// `<id>.yaml`, `<id>.yml` or `<id>/` folder (the forms discovery reads as that id).
pub fn ensure_free(incidents: &Path, id: &str) -> Result<(), ScaffoldError> {
    if !is_valid_id(id) {
        return Err(ScaffoldError::InvalidId(id.to_string()));
    }
    let forms = [
        incidents.join(format!("{id}.yaml")),
        incidents.join(format!("{id}.yml")),
        incidents.join(id),
    ];
    match forms.into_iter().find(|existing| existing.exists()) {
        Some(existing) => Err(ScaffoldError::Exists(existing)),
        None => Ok(()),
    }
}

/// Writes `text` as the new incident `id` (`<id>.yaml`, or `<id>/incident.yaml` for a folder),
/// refusing when `ensure_free` does; returns the file written.
pub fn create_incident(
    incidents: &Path,
    id: &str,
    folder: bool,
    text: &str,
) -> Result<PathBuf, ScaffoldError> {
    ensure_free(incidents, id)?;
    let target = if folder {
        incidents.join(id).join("incident.yaml")
    } else {
        incidents.join(format!("{id}.yaml"))
    };
    create_new(&target, text)?;
    Ok(target)
}

/// Creates `path` with `text`, atomically refusing to replace anything (O_EXCL).
pub fn create_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io = |source| ScaffoldError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(ScaffoldError::Exists(path.to_path_buf()))
        }
        Err(e) => return Err(io(e)),
    };
    file.write_all(text.as_bytes()).map_err(io)
}

const TEAM_README: &str = "# Post-mortems

Our incident post-mortems, checked and published by rootline.

```sh
rootline new 2024-03-01-checkout-errors --title \"Checkout errors\"   # start one
rootline check                                                      # check them all
rootline build && open site/index.html                              # the site, locally
```

Every push to main publishes the site (see `.github/workflows/postmortems.yml`);
pull requests get each problem as an annotation on the changed line. CI installs
rootline from its source at a pinned revision: set `ROOTLINE_SOURCE` at the top of
the workflow once (the git URL and the revision), and change the revision to upgrade.
";

/// The variable of the generated workflow a team must set before CI can install rootline.
pub const SOURCE_VARIABLE: &str = "ROOTLINE_SOURCE";

/// The part of `ROOTLINE_SOURCE`'s first value a team replaces; the install step stops on it.
const PLACEHOLDER_MARK: &str = "YOUR-ORG";

/// The workflow `init` writes. rootline is not published to a registry, so CI
/// installs it from its source, at a revision the team pins: every run uses the same rootline.
pub fn workflow_text() -> String {
    format!(
        r#"name: post-mortems
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
env:
  # SET THIS ONE LINE: where rootline's source is and the commit to pin, as `cargo install` takes them,
  # e.g. --git https://github.com/acme/rootline --rev 4f2c1e9 (change the revision to upgrade).
  {var}: --git https://git.example.com/{mark}/rootline --rev REVISION
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: dtolnay/rust-toolchain@stable
      - name: Install rootline
        run: |
          case "${var}" in
            *{mark}*) echo "::error file={path}::set {var} to rootline's git URL and a revision"; exit 1;;
          esac
          cargo install --locked ${var} rootline
      - name: Check incidents (annotations)
        run: rootline check incidents --format github
      - name: Build the site
        # The day overdue follow-ups are judged against: the commit's date, so rebuilds are reproducible.
        run: SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) rootline build --out public
      - uses: actions/upload-pages-artifact@v3
        with:
          path: public
  deploy:
    if: github.ref == 'refs/heads/main' && github.event_name == 'push'
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
    steps:
      - uses: actions/deploy-pages@v4
"#,
        var = SOURCE_VARIABLE,
        mark = PLACEHOLDER_MARK,
        path = WORKFLOW_PATH,
    )
}

/// Where `init` writes the workflow.
pub const WORKFLOW_PATH: &str = ".github/workflows/postmortems.yml";

/// The `rootline.toml` `init` writes: every key, commented out, with what it does.
/// A line that starts with `#` and no space is a setting; removing the `#` uses it.
pub const CONFIG_TEMPLATE: &str = r#"# rootline's settings for this repository, found like Cargo.toml: in the current
# folder or the nearest one above it. Every key is optional (docs/config.md in
# rootline's repository lists them with their defaults). Remove the # in front of a
# setting to use it.

#[site]
#title = "Acme post-mortems"            # page titles, headers, the feed
#organisation = "Acme"
#description = "What went wrong, and what we learned."
#logo = "assets/logo.svg"               # copied into the site, shown in the header
#base_url = "https://sre.acme.example/postmortems/"   # the --base-url flag wins
#terminology = "contributing-factors"   # or "root-causes" (the default)
#as_of = "2026-11-28"                   # judge overdue items as of this day, not today

#[severities]                            # the scale, worst first; default SEV1..SEV5
#SEV1 = "Customer-facing outage of a core service"
#SEV2 = "Degraded core service or outage of a secondary one"
#SEV3 = "Minor, or internal only"

#[vocabulary]
#unknown = "error"                      # or "warning": a value not listed below

#[vocabulary.categories]                 # cause categories, each with a one-line description
#certificate-expiry = "A certificate or key expired"

#[vocabulary.services]                   # what impact.services may name
#checkout = "The checkout flow, web and app"

#[vocabulary.owners]                     # who action items may be given to
#payments-team = "Payments"

#[checks]
#allow = ["overdue-action"]             # warnings turned off, by name or code
#deny = ["unaddressed-root-cause"]      # warnings made errors
#stale_days = 14                        # a post-mortem in draft or review older than this is stale

#[checks.phrases]                        # extra blame and hindsight phrases, with the suggestion shown
#"just restart" = "say what made restarting the reasonable step"
"#;

/// Makes a post-mortem repository in `dir`: incidents/ with a first incident, a workflow, a
/// README and a commented rootline.toml.
/// Files that exist are left alone and reported; returns what was created.
pub fn init(dir: &Path, first: &NewIncident) -> Result<Vec<PathBuf>, ScaffoldError> {
    let mut created = Vec::new();
    let files = [
        (dir.join("README.md"), TEAM_README.to_string()),
        (dir.join(WORKFLOW_PATH), workflow_text()),
        (
            dir.join(".gitignore"),
            "/site\n.*.rootline.lock\n".to_string(),
        ),
        (dir.join(SCHEMA_PATH), crate::model::json_schema()),
        (
            dir.join(crate::config::FILE_NAME),
            CONFIG_TEMPLATE.to_string(),
        ),
    ];
    for (path, text) in files {
        match create_new(&path, &text) {
            Ok(()) => created.push(path),
            Err(ScaffoldError::Exists(_)) => {}
            Err(e) => return Err(e),
        }
    }
    let incidents = dir.join("incidents");
    match new_incident(&incidents, first) {
        Ok(path) => created.push(path),
        Err(ScaffoldError::Exists(_)) => {}
        Err(e) => return Err(e),
    }
    Ok(created)
}

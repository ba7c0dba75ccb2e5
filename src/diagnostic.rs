//! Diagnostics: what `check` reports, with stable codes and source positions.

use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The input is wrong; nothing is rendered from it.
    Error,
    /// The input is valid but probably not what the author meant.
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $name:literal, $level:ident, $doc:literal, $explanation:literal;)*) => {
        /// Every check rootline makes, with its stable code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// All codes, in code order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code, for example `E0003`.
            pub fn code(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The stable name, for example `dangling-reference`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// Whether the check is an error or a warning.
            pub fn level(self) -> Level {
                match self { $(Code::$variant => Level::$level,)* }
            }

            /// What the check catches, in one line.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $doc,)* }
            }

            /// The long explanation (Markdown): why it matters, an example, and the fix.
            /// `rootline explain CODE` prints it and `docs/checks.md` is made from it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explanation,)* }
            }
        }
    };
}

codes! {
    YamlSyntax = "E0001", "yaml-syntax", Error, "The file is not valid YAML (or not UTF-8, or empty).", r#"The file cannot be read as YAML: a tab used for indentation, an unclosed bracket or
quote, a key indented differently from its neighbours, or a file that is empty or not UTF-8.

```yaml
impact:
  customers: 1200
 services: [checkout]   # one space less than its neighbour
```

Fix the line the message points at. YAML indents with spaces, never tabs, and every key of one
mapping starts in the same column. Quote a value that contains `: ` or starts with `[`, `{`,
`*`, `&` or `#`."#;
    TypeMismatch = "E0002", "type-mismatch", Error, "A value has the wrong type, for example a list where a string belongs.", r#"A value has a type the format does not allow there: text where a number belongs, a single
value where a list belongs, a list where one line of text belongs.

```yaml
impact:
  customers: many         # a whole number
events:
  - caused_by: deploy     # a list
```

Write the value in the type the format gives: `customers: 1200`, `caused_by: [deploy]`."#;
    DanglingReference = "E0003", "dangling-reference", Error, "A reference (`caused_by`, `addresses`, `actor`, `vendor`) names an id that does not exist.", r#"`caused_by` and `addresses` name events and causes by their `id`; an id that no event or
cause has leaves the causal graph with a loose end.

```yaml
causes:
  - id: cert-expired
events:
  - id: deploy
    caused_by: [cert-expird]
```

Use the id the hint suggests, or add the event or cause the reference means."#;
    UnknownKey = "E0004", "unknown-key", Error, "A key the format does not know; extension keys must start with `x-`.", r#"A key the format does not know is usually a typo, and the value under it would be silently
lost.

```yaml
events:
  - id: deploy
    titel: Release 42 deployed
```

Use the key the hint suggests. Keep data of your own under keys starting with `x-`
(`x-ticket: OPS-123`), which rootline keeps and ignores."#;
    MissingKey = "E0005", "missing-key", Error, "A required key is missing.", r#"Every incident needs `title`, `status`, `severity`, `summary`, `impact` (with
`description`), `parties` and `events`; every event needs `at`, `kind` and `title`; causes,
vendor actions and action items need an `id` and a `title`.

```yaml
title: Checkout errors
status: draft
severity: SEV2
# summary is missing
```

Add the key the message names. `rootline new` writes a file with every required key."#;
    InvalidEnum = "E0006", "invalid-value", Error, "A value is not one of those allowed (status, severity, kind, role, priority...).", r#"Some keys take one of a fixed list of values: `status` (draft, review, published),
`severity` (SEV1 to SEV5), an event's `kind`, a party's `role`, an action's `priority`,
`type` and `status`.

```yaml
severity: critical
```

Use one of the values the hint lists, spelled exactly: `severity: SEV1`."#;
    InvalidId = "E0007", "invalid-id", Error, "An id does not match `^[a-z0-9][a-z0-9-]*$`.", r#"Ids, tags, categories and related incident ids are used in links and file names, so they
are slugs: lower-case letters, digits and dashes, starting with a letter or digit. A file name
gives the incident's id, so it must be a slug too.

```yaml
events:
  - id: Alert_Fires
```

Write the id as a slug: `id: alert-fires`, and change every reference to it."#;
    IdMismatch = "E0008", "id-mismatch", Error, "An explicit `id:` differs from the file stem or folder name.", r#"An incident's id is its file name (`incidents/2024-03-01-checkout.yaml`) or folder name
(`incidents/2024-03-01-checkout/incident.yaml`). An `id:` key that says otherwise would give
the incident two names.

```yaml
# in incidents/2024-03-01-checkout.yaml
id: checkout-errors
```

Remove the `id:` key, or make it equal to the file name."#;
    DuplicateId = "E0009", "duplicate-id", Error, "Two events, causes or actions of one incident share an id.", r#"Events, causes, vendor actions and action items share one set of ids, so that
`caused_by` and `addresses` mean one thing. The message names the line of the first use.

```yaml
causes:
  - id: renew
action_items:
  - id: renew
```

Rename one of them, and the references that mean it."#;
    DuplicateIncident = "E0010", "duplicate-incident", Error, "Two files in the corpus define the same incident id.", r#"Two files give the same incident id, for example `a/2024-03-01-checkout.yaml` and
`b/2024-03-01-checkout.yaml` checked together. Pages and links would collide; the second
file is left out.

Rename one of the files (and its `id:`, if it has one)."#;
    CausedByAction = "E0011", "edge-to-action", Error, "`caused_by` or `addresses` names an action; edges join causes and events only.", r#"The causal graph joins causes and events. Actions are what we do about them: they
`address` causes and events, but nothing is caused by an action and no action addresses
another.

```yaml
action_items:
  - id: alert-expiry
events:
  - id: errors
    caused_by: [alert-expiry]
```

Point the reference at the cause or event it means."#;
    BadParty = "E0012", "bad-party", Error, "An `actor` or `vendor` is not a party of the incident, or a `vendor` is not a vendor.", r#"An event's `actor` and a vendor action's `vendor` name a party of the incident by its id;
a vendor action's party must have `role: vendor`.

```yaml
parties:
  - {id: acme, name: Acme, role: operator}
events:
  - actor: acm
```

Use the party's id, or declare the party under `parties` with the right role."#;
    UnknownTimezone = "E0013", "unknown-timezone", Error, "`timezone` is not an IANA zone name.", r#"`timezone` must be an IANA zone name such as `Europe/London` or `America/New_York`, so
that local times get the daylight-saving rules of the place. Abbreviations such as `PST` or
`CEST` are not zones: they name one half of the year.

```yaml
timezone: PST
```

Use the zone of the place: `timezone: America/Los_Angeles`."#;
    InvalidTime = "E0014", "invalid-time", Error, "A time or date cannot be read.", r#"Times are written `2024-03-01 09:58` (local, read in `timezone`) or with an offset,
`2024-03-01T09:58:00Z` or `2024-03-01T09:58:00+01:00`; dates (`due`) as `2024-03-01`. The
message says which part is wrong: an hour past 23, a day the month does not have, a time
without a date.

```yaml
events:
  - at: 2024-03-01 25:58
  - at: 09:58
```

Write the whole time, date first: `at: 2024-03-01 09:58`."#;
    NonexistentTime = "E0015", "nonexistent-local-time", Error, "A local time falls in a daylight-saving gap.", r#"When the clocks go forward, an hour of local time never happens: in `Europe/London`,
`2024-03-31 01:30` does not exist. Usually the time was read from a clock that had not
changed yet.

```yaml
timezone: Europe/London
events:
  - at: 2024-03-31 01:30
```

Write the time with the UTC offset of the clock it was read from; the hint gives both
readings (`2024-03-31T01:30:00+00:00` before the change, `+01:00` after it)."#;
    AmbiguousTime = "E0016", "ambiguous-local-time", Error, "A local time happens twice at a daylight-saving change.", r#"When the clocks go back, an hour of local time happens twice: in `Europe/London`,
`2024-10-27 01:30` is both `01:30+01:00` and, an hour later, `01:30+00:00`.

```yaml
timezone: Europe/London
events:
  - at: 2024-10-27 01:30
```

Write the time with its offset; the message gives both readings."#;
    CausalCycle = "E0017", "causal-cycle", Error, "The `caused_by` edges form a cycle.", r#"`caused_by` says what led to what; a chain that comes back to where it started (or a node
caused by itself) has no root cause. The diagnostic points at the edge most likely to be
wrong: the one that runs backwards in time, or the node's own id.

```yaml
causes:
  - id: cert-expired
    caused_by: [errors]
events:
  - id: errors
    caused_by: [cert-expired]
```

Remove the edge the diagnostic points at, or another edge of the cycle."#;
    UnknownRelated = "E0018", "unknown-related", Error, "`related` names an incident that is not in the corpus.", r#"`related` links to other incidents by id; an id that no incident file has would be a
broken link on the page.

```yaml
related: [2024-01-01-nowhere]
```

Check the id (the hint suggests close ones), or add the incident."#;
    LimitExceeded = "E0019", "limit-exceeded", Error, "A file is larger, or has more events or edges, than the configured limits.", r#"rootline bounds what one file may cost: `--max-file-size` (16 MiB), `--max-depth` (64
levels of nesting), `--max-aliases` (1,000), `--max-nodes` (events, causes and actions) and
`--max-edges` (`caused_by` and `addresses` entries). A file over a limit is not checked
further.

Split the incident, or raise the limit the hint names if the file is what you meant."#;
    DuplicateParty = "E0020", "duplicate-party", Error, "Two parties share an id.", r#"`actor` and `vendor` name parties by id, so two parties with one id make them ambiguous.
The message names the line of the first.

```yaml
parties:
  - {id: payco, name: PayCo, role: vendor}
  - {id: payco, name: PayCo Ltd, role: vendor}
```

Rename one, or merge them."#;
    ImpactEndBeforeStart = "E0021", "impact-end-before-start", Error, "An `impact_end` event is before the first `impact_start`.", r#"The impact lasts from the first `impact_start` to the last `impact_end`; an end before the
start gives a negative duration. It usually happens across midnight, when the end time was
written with the start's date.

```yaml
events:
  - {at: 2024-03-01 23:51, kind: impact_start, title: Checkout fails}
  - {at: 2024-03-01 00:11, kind: impact_end, title: Checkout works again}
```

Fix the date or the time: here `at: 2024-03-02 00:11`. The hint suggests the next day when
the end is less than 24 hours before the start."#;
    EmptyText = "E0022", "empty-text", Error, "A required text (title, summary, description...) is empty.", r#"`title:` with nothing after it, `title: ""` or a `summary:` of spaces is an empty text:
pages would show a bare arrow or an empty cell.

```yaml
title:
summary: ""
```

Write the text: `title: Checkout errors`."#;
    PlaceholderPublished = "E0023", "placeholder-published", Error, "A published incident still has a placeholder text from `rootline new`.", r#"`rootline new` writes placeholder texts ("What happened, in one line", "Who could not do
what, and how badly.") that pass every other check. A published post-mortem must not show
them. In `review` they are a warning (W0009); in `draft` they are fine.

```yaml
status: published
title: What happened, in one line
```

Replace the placeholder with what happened, or keep the incident in `draft`."#;
    UnknownAllow = "E0024", "unknown-allow", Error, "An `allow` entry is not the name or code of a warning.", r#"`allow` accepts warnings for one incident, by name (`unknown-metric`) or code
(`W0003`). An entry that names no check would accept nothing, silently; an error cannot be
accepted at all.

```yaml
allow: [unknown-metrc]
```

Use the name or code the hint suggests; `rootline explain` lists them."#;
    InvalidConfig = "E0040", "invalid-config", Error, "`rootline.toml` has a key rootline does not know, or a value it cannot use.", r#"`rootline.toml` (found in the current folder or the nearest one above it, or given with
`--config FILE`) is checked like an incident file: a key that is not in `docs/config.md`, or a
value of the wrong kind, stops every command that reads it.

```toml
[site]
titel = "Acme post-mortems"
```

Use the key the hint suggests (`title`), or the kind of value the message names."#;
    UnknownSeverity = "E0041", "unknown-severity", Error, "An incident's severity is not on the scale `[severities]` in `rootline.toml` defines.", r#"When `rootline.toml` has a `[severities]` table, that table is the scale: an incident
whose severity it does not list would be shown without a definition, and counted in a level the
team does not use.

```toml
[severities]
SEV1 = "Customer-facing outage of a core service"
SEV2 = "Degraded core service"
```

```yaml
severity: SEV4
```

Use a severity of the scale, or add the level to `[severities]`."#;
    EffectBeforeCause = "W0001", "effect-before-cause", Warning, "An event is caused by an event that happened later.", r#"An event's `caused_by` names an event that happened after it. Either a time is wrong or
the edge runs the wrong way round.

```yaml
events:
  - {id: deploy, at: 2024-03-01 10:30, kind: trigger, title: Release deployed}
  - {id: errors, at: 2024-03-01 10:00, kind: impact_start, title: Errors, caused_by: [deploy]}
```

Check both times, and whether the effect is really the cause."#;
    NoImpactStart = "W0002", "no-impact-start", Warning, "No event has kind `impact_start`, so nothing can be measured.", r#"Every metric (time to detect, to mitigate, the duration) is measured from the first
`impact_start`; without one, all of them are unknown.

Mark when users started to be affected with `kind: impact_start`."#;
    UnknownMetric = "W0003", "unknown-metric", Warning, "A metric cannot be computed because its events are missing.", r#"A metric needs its event: time to detect needs a `detection`, the duration an
`impact_end`, customer-minutes `impact.customers`. Pages say "unknown" rather than a
misleading zero.

Add the event or the number, if it is known."#;
    UnaddressedRootCause = "W0004", "unaddressed-root-cause", Warning, "No action item or vendor action addresses a root cause.", r#"A root cause that nothing addresses is how an incident recurs; the report lists them
across incidents. Cancelled and won't-do actions do not count.

```yaml
action_items:
  - id: alert-expiry
    addresses: [cert-expired]
```

Add an action item or vendor action with `addresses: [the-root-cause]`."#;
    OverdueAction = "W0005", "overdue-action", Warning, "An action item is past its due date and still open.", r#"An action item whose `due` date is before `--as-of` (default: today, or the day of
`SOURCE_DATE_EPOCH`) and whose status is still `open` or `in_progress`.

Mark it done, or agree a new date with its owner."#;
    BlameLanguage = "W0006", "blame-language", Warning, "Prose judges with hindsight or blames a person (\"should have\", \"human error\", \"failed to\").", r#"The summary, the impact, a title, details, a reason for accepting a risk or a lesson uses
a phrase of hindsight or blame: "should have", "could have", "failed to", "human error",
"lost situational awareness", "careless", "obviously", "simply". They judge a decision by
what was learnt afterwards, and stop the reader at a person instead of the conditions that
made the action reasonable at the time. The warning points at the phrase itself, also
inside a multi-line block, and its hint suggests a rewrite.

```yaml
causes:
  - title: The on-call engineer failed to renew a certificate
```

Describe the condition: `title: Certificate renewal depended on a manual step`. Every
phrase, matched in any case as whole words, is listed with its rewrite in `docs/checks.md`
under "Hindsight and blame phrases"."#;
    NoOperator = "W0007", "no-operator", Warning, "No party has the role `operator`.", r#"The post-mortem is written for an operator, the organisation whose service failed;
timelines put its lane first.

```yaml
parties:
  - {id: acme, name: Acme, role: operator}
```

Give the organisation the post-mortem is written for `role: operator`."#;
    BeforeImpact = "W0008", "before-impact", Warning, "A response, mitigation or resolution is before the impact starts.", r#"Metrics are measured from the first `impact_start`; a response, mitigation or resolution
before it gives a negative time to respond, mitigate or resolve. Usually a date is wrong
(an incident across midnight), or the impact started earlier than written.

```yaml
events:
  - {at: 2024-03-01 23:51, kind: impact_start, title: Checkout fails}
  - {at: 2024-03-01 00:05, kind: mitigation, title: Rolled back}
```

Fix the date or time of one of the two events the message names."#;
    PlaceholderInReview = "W0009", "placeholder-in-review", Warning, "An incident in review still has a placeholder text from `rootline new`.", r#"A reviewer should not have to spot "What happened, in one line" in a post-mortem sent for
review. Once the incident is `published` this is an error (E0023).

Replace the placeholder text with what happened."#;
    LegacyTimezone = "W0010", "legacy-timezone", Warning, "`timezone` is an abbreviation or fixed offset, not the zone of a place.", r#"Zones such as `EST`, `MST`, `Etc/GMT+5` are fixed offsets with no daylight saving, and
`EST5EDT` or `PST8PDT` are old US rules: in summer, or in a region whose rules changed,
local times are read an hour off.

```yaml
timezone: EST
```

Use the zone of the place the times were read in: `timezone: America/New_York`."#;
    NearDuplicateEvent = "W0011", "near-duplicate-event", Warning, "Two events at the same minute have near-identical titles (often one moment imported from two sources).", r#"Two events of one incident happen in the same minute and their titles are the same but
for case, spacing and punctuation. That is usually one moment recorded twice: once from the
pager and once from the chat channel, or a timeline typed by hand and then imported.

```yaml
events:
  - {at: 2024-03-01 10:05, kind: detection, title: Alert fires}
  - {at: 2024-03-01 10:05, kind: note, title: 'alert fires!'}
```

If both record one moment, keep one event and give it both sources. If they are two things
that happened in the same minute, give them titles that tell them apart."#;
    RuledOutWithEdges = "W0012", "ruled-out-with-edges", Warning, "A ruled-out cause is named in `caused_by`, or has a `caused_by` of its own.", r#"A cause with `status: ruled_out` was considered and found not to have contributed, so it
joins no chain: its causal edges are left out of the graph. An edge that names it says
the opposite of its status.

```yaml
causes:
  - {id: ddos, title: A denial-of-service attack, status: ruled_out}
events:
  - {at: 2024-03-01 10:00, kind: impact_start, title: Errors, caused_by: [ddos]}
```

Remove the edge, or give the cause the status the evidence supports (`suspected`)."#;
    CompletedNotDone = "W0013", "completed-not-done", Warning, "An action item or vendor action has a `completed` date but is not done.", r#"`completed` is the day a follow-up was done; the report uses it to tell whether a cause of
the same category came back after the fix. On an item that is still open (or was dropped)
the date says the opposite of its status.

```yaml
action_items:
  - id: rotate-certs
    status: in_progress
    completed: 2024-04-02
```

Set `status: done`, or remove the date until the work is finished."#;
    UnrecordedPublication = "W0014", "unrecorded-publication", Warning, "A published post-mortem does not say when it was published (`published: YYYY-MM-DD`).", r#"The report measures how long post-mortems take to publish, from the day of the incident to
the day in `published`. A post-mortem with `status: published` and no date is left out of
that figure.

```yaml
status: published
published: 2024-03-12
```

Add the day it was published. When nobody knows (an outage written up from news reports),
accept the warning with `allow: [unrecorded-publication]`."#;
    DateBeforeIncident = "W0015", "date-before-incident", Warning, "A `completed` or `published` date is before the day the incident began.", r#"A follow-up of an incident cannot be done, and its post-mortem cannot be published, before
the incident happened; the date is probably a typo (a year or a month off). The day of the
incident is the day of the first `impact_start` (or of the first event) in the incident's
`timezone`.

```yaml
events:
  - {at: 2024-03-01 09:58, kind: impact_start, title: Checkout fails}
action_items:
  - {id: rotate-certs, owner: sre, status: done, completed: 2023-03-02}
```

Correct the date."#;
    UnlistedValue = "W0030", "unlisted-value", Warning, "A cause category, service or owner is not in the `[vocabulary]` list of `rootline.toml`.", r#"When `rootline.toml` lists the cause categories, services or action item owners a team
uses, any other value is probably a second spelling of a listed one: `cert-expiry` beside
`certificate-expiry` would split one recurring cause in two in the report.

```toml
[vocabulary.categories]
certificate-expiry = "A certificate or key expired"
```

```yaml
causes:
  - id: expired
    category: cert-expiry
```

Use the listed value the hint suggests, or add the new one to the list. With
`[vocabulary] unknown = "error"` (the default) this is an error; with `"warning"` a warning."#;
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Code {
    /// The code named `query`: its code (`E0003`, any case) or its name (`dangling-reference`).
    pub fn find(query: &str) -> Option<Code> {
        let query = query.trim();
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.code().eq_ignore_ascii_case(query) || c.name() == query)
    }

    /// The closest code or name to `query`, as a "did you mean" hint.
    pub fn suggest(query: &str) -> Option<String> {
        let upper = query.trim().to_ascii_uppercase();
        let by_code = did_you_mean(&upper, Code::ALL.iter().map(|c| c.code()));
        by_code.or_else(|| did_you_mean(query.trim(), Code::ALL.iter().map(|c| c.name())))
    }

    /// What `rootline explain CODE` prints: a heading line, then the explanation.
    pub fn explain(self) -> String {
        let level = match self.level() {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        format!(
            "{} {} ({level}): {}\n\n{}\n",
            self.code(),
            self.name(),
            self.summary(),
            self.explanation()
        )
    }

    /// The note under each diagnostic of `check`: where the long explanation is.
    pub fn explain_note(self) -> String {
        format!(
            "`{}` ({}): for more, run `rootline explain {}`",
            self.name(),
            self.code(),
            self.code()
        )
    }
}

const CHECKS_INTRO: &str = r#"# Checks

<!-- Generated from the explanations in src/diagnostic.rs (`rootline explain CODE` prints the
same text); `cargo test --test docs` fails when this file differs. Regenerate it with
`ROOTLINE_BLESS=1 cargo test --test docs`. -->

`rootline check` reads incident files the way a compiler reads code. Every
problem has a stable code and name, and points at the exact line and column
of the offending key or value:

```text
error[E0003]: unknown id 'cert-expird'
  --> incidents/2018-12-06-o2-data-outage.yaml:18:17
   |
18 |     caused_by: [cert-expird]
   |                 ^^^^^^^^^^^
   |
   = help: did you mean 'cert-expired'?
   = note: `dangling-reference` (E0003): for more, run `rootline explain E0003`
```

Errors stop a file from being rendered and make `check` and `build` exit
with 1. Warnings are shown but do not fail, unless you pass
`--deny-warnings`. An incident can accept a warning that is true but
unusual for it with `allow: [unknown-metric]` (names or codes): `check`
then counts it as accepted instead of printing it, and `--deny-warnings`
lets it pass. Codes never change meaning; new checks get new codes.
`rootline explain E0003` (or `rootline explain dangling-reference`) prints
the explanation of a code below.
"#;

const CHECKS_OUTPUT: &str = r#"## Output formats

- `--format human` (default): the messages above, on standard error, ending
  with a summary such as `checked 12 incidents: ok, 1 warning`. Colour only on
  a terminal; set `NO_COLOR` to turn it off.
- `--format json`: an array of
  `{severity, code, name, message, file, line, column, hint}` on standard
  output, sorted by file and position; a warning the incident accepts
  (`allow`) has `"accepted": true` as well.
- `--format github`: GitHub Actions workflow commands
  (`::error file=F,line=L,col=C,title=E0003 dangling-reference::message`),
  which show as annotations on the pull request.

Exit codes: 0 clean (warnings allowed), 1 errors (or warnings with
`--deny-warnings`, or no incident file found), 2 usage or I/O failure (a
path that does not exist).
"#;

const PHRASES_INTRO: &str = "W0006 (`blame-language`) looks for these phrases, in any case and as
whole words, in the incident's title, summary and impact, in the titles and details of
events, causes and vendor actions, in action item titles, `no_action` reasons and lessons.
Its hint is the rewrite beside the phrase.

";

/// `docs/checks.md`: the introduction, a table per level, every explanation, the phrase
/// table of `blame-language` (`phrases`, Markdown made by the check), the output formats.
pub fn checks_markdown(phrases: &str) -> String {
    let mut out = String::from(CHECKS_INTRO);
    for (level, title) in [(Level::Error, "Errors"), (Level::Warning, "Warnings")] {
        out.push_str(&format!(
            "\n## {title}\n\n| code | name | what it catches |\n|---|---|---|\n"
        ));
        for code in Code::ALL.iter().filter(|c| c.level() == level) {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                code.code(),
                code.name(),
                code.summary()
            ));
        }
    }
    out.push_str("\n## Explanations\n");
    for code in Code::ALL {
        out.push_str(&format!(
            "\n### {} {}\n\n{}\n",
            code.code(),
            code.name(),
            code.explanation()
        ));
    }
    out.push_str("\n## Hindsight and blame phrases\n\n");
    out.push_str(PHRASES_INTRO);
    out.push_str(phrases);
    out.push('\n');
    out.push_str(CHECKS_OUTPUT);
    out
}

/// A place in a source file: 1-based line and column (in characters), plus the byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Length in bytes of the offending text (at least 1 for display).
    pub len: usize,
}

impl Position {
    /// The one-byte place at byte `offset` of `text` (which must fall on a character boundary).
    pub fn at_offset(text: &str, offset: usize) -> Position {
        let before = &text[..offset];
        Position {
            line: before.matches('\n').count() + 1,
            column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
            offset,
            len: 1,
        }
    }
}

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Which check.
    pub code: Code,
    /// What is wrong, in one line.
    pub message: String,
    /// The file it is in.
    pub file: PathBuf,
    /// Where in the file; `None` only when the file could not be read at all.
    pub position: Option<Position>,
    /// How to fix it.
    pub hint: Option<String>,
    /// A warning the incident accepts (its `allow`): listed, but it fails nothing.
    pub accepted: bool,
    /// Error or warning: the code's level, unless `rootline.toml` made a warning an error.
    pub level: Level,
}

impl Diagnostic {
    /// A diagnostic with no position or hint yet.
    pub fn new(code: Code, message: impl Into<String>, file: impl Into<PathBuf>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            file: file.into(),
            position: None,
            hint: None,
            accepted: false,
            level: code.level(),
        }
    }

    /// Makes the diagnostic an error (`[checks] deny`, `[vocabulary] unknown = "error"`).
    pub fn raise(&mut self) {
        self.level = Level::Error;
    }

    /// Sets the position.
    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// Marks the diagnostic accepted (or not) by the incident's `allow`.
    pub fn accepted(mut self, accepted: bool) -> Self {
        self.accepted = accepted;
        self
    }

    /// Error or warning: the code's, or error when raised.
    pub fn level(&self) -> Level {
        self.level
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.level() == Level::Error
    }

    /// Ordering key: file, then position, then code.
    pub fn sort_key(&self) -> (PathBuf, usize, usize, Code) {
        let (line, column) = self.position.map(|p| (p.line, p.column)).unwrap_or((0, 0));
        (self.file.clone(), line, column, self.code)
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| format!("did you mean '{candidate}'?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.code()), "{} twice", code.code());
            let prefix = if code.level() == Level::Error {
                'E'
            } else {
                'W'
            };
            assert!(code.code().starts_with(prefix));
        }
    }

    #[test]
    fn codes_are_found_by_code_or_name_and_near_misses_suggested() {
        assert_eq!(Code::find("e0003"), Some(Code::DanglingReference));
        assert_eq!(
            Code::find("dangling-reference"),
            Some(Code::DanglingReference)
        );
        assert_eq!(Code::find("E9999"), None);
        assert_eq!(
            Code::suggest("dangling-refrence").as_deref(),
            Some("did you mean 'dangling-reference'?")
        );
    }

    #[test]
    fn every_code_has_its_own_explanation() {
        for code in Code::ALL {
            let text = code.explanation();
            assert!(!text.trim().is_empty(), "{code} has no explanation");
            assert!(
                !text.ends_with('\n'),
                "{code}: the explanation ends in a newline"
            );
        }
    }

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("cert-expird", ["cert-expired", "data-down"]).as_deref(),
            Some("did you mean 'cert-expired'?")
        );
        assert_eq!(did_you_mean("zzz", ["cert-expired"]), None);
    }
}

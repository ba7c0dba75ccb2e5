//! `rootline import slack`: a channel of a workspace export becomes a draft timeline.
//!
//! The fixture in tests/fixtures/import/slack/export follows Slack's documented
//! export layout (users.json, channels.json, one folder of day files per
//! channel) with the mess real exports have: joins, a topic change, a deleted
//! message, bot and app posts, a thread crossing midnight, an edited broadcast
//! reply, mentions, links with entities, emoji, files, and a night across the
//! US daylight-saving change of 2024-03-10.

mod common;

use common::rootline_in;
use rootline::import::slack::{Slack, SlackFlags};
use rootline::import::{self, ImportOptions, Reader};
use serde_yaml::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

const CHANNEL: &str = "incident-checkout";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/slack/export")
}

/// A copy of the fixture export in `dir/export`, to break or trim.
fn export_copy(dir: &Path) -> PathBuf {
    let target = dir.join("export");
    copy_tree(&fixture(), &target);
    target
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Zips `folder` as Slack does (entries at the root), or under `prefix/` as a re-zipped folder is.
fn zip_folder(folder: &Path, zip_path: &Path, prefix: &str) {
    let mut writer = zip::ZipWriter::new(fs::File::create(zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut files: Vec<PathBuf> = walk(folder);
    files.sort();
    for file in files {
        let name = file
            .strip_prefix(folder)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writer
            .start_file(format!("{prefix}{name}"), options)
            .unwrap();
        writer.write_all(&fs::read(&file).unwrap()).unwrap();
    }
    writer.finish().unwrap();
}

fn walk(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        match path.is_dir() {
            true => files.extend(walk(&path)),
            false => files.push(path),
        }
    }
    files
}

/// `rootline import slack EXPORT --channel incident-checkout --id ID` plus `more`, in `dir`.
fn import_in(dir: &Path, export: &Path, more: &[&str]) -> Output {
    let export = export.to_str().unwrap();
    let mut args = vec!["import", "slack", export, "--channel", CHANNEL];
    args.extend(["--id", "2024-03-09-checkout"]);
    args.extend(more);
    rootline_in(dir, &args)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn written(dir: &Path) -> PathBuf {
    dir.join("incidents/2024-03-09-checkout.yaml")
}

/// The events of the incident the import wrote, after asserting it succeeded.
fn events(dir: &Path, output: &Output) -> Vec<Value> {
    assert!(output.status.success(), "{}", stderr(output));
    let text = fs::read_to_string(written(dir)).unwrap();
    let incident: Value = serde_yaml::from_str(&text).unwrap();
    incident["events"].as_sequence().unwrap().clone()
}

fn field(events: &[Value], key: &str) -> Vec<String> {
    events
        .iter()
        .map(|event| event[key].as_str().unwrap_or("-").to_string())
        .collect()
}

const LOS_ANGELES: [&str; 4] = [
    "--timezone",
    "America/Los_Angeles",
    "--workspace-url",
    "https://acme.slack.com/",
];

#[test]
fn a_channel_becomes_notes_at_local_offsets_with_names_links_and_threads() {
    let dir = tempfile::tempdir().unwrap();
    let output = import_in(dir.path(), &fixture(), &LOS_ANGELES);
    let events = events(dir.path(), &output);
    assert_eq!(
        field(&events, "at"),
        [
            "2024-03-09T15:42:30-08:00",
            "2024-03-09T15:50:05-08:00",
            "2024-03-09T16:03:10-08:00",
            "2024-03-09T16:10:00-08:00",
            "2024-03-10T01:58:30-08:00",
            "2024-03-10T03:05:00-07:00",
            "2024-03-10T03:07:00-07:00",
        ],
        "oldest first across both day files, the offset changing with daylight saving"
    );
    assert_eq!(
        field(&events, "title"),
        [
            "Checkout is failing for EU cards :fire: @Bo Chen can you look?",
            "On it. p99 > 4s and #general is asking too",
            "Rolled back checkout-api to v2.14.1 & errors are dropping",
            "@here status page updated: we are seeing elevated errors on checkout for cards…",
            "Overnight watch: error rate flat at 0.1% 🎉",
            "Closing the incident; post-mortem owner is @Carla Díaz",
            "Shared heap.txt",
        ]
    );
    assert_eq!(
        field(&events, "kind"),
        ["note"; 7],
        "a chat message is a note"
    );
    assert_eq!(
        field(&events, "actor"),
        [
            "ana-ruiz",
            "bo-chen",
            "bo-chen",
            "carla-d-az",
            "ana-ruiz",
            "ana-ruiz",
            "carla-d-az"
        ]
    );
    assert_eq!(
        events[0]["details"].as_str().unwrap(),
        "**Ana Ruiz** in #incident-checkout:\n\n\
         Checkout is failing for EU cards :fire: @Bo Chen can you look?\n\
         dashboard: [checkout board](https://grafana.example.com/d/checkout?from=now-1h&to=now)"
    );
    assert_eq!(
        events[2]["details"].as_str().unwrap(),
        "**Bo Chen** in #incident-checkout, replying to Ana Ruiz (2024-03-09 15:42 PST):\n\n\
         > Checkout is failing for EU cards :fire: @Bo Chen can you look?\n\n\
         Rolled back checkout-api to v2.14.1 & errors are dropping\n\n\
         _(edited 2024-03-09 16:05 PST)_",
        "a reply after midnight UTC, in the next day's file, still names the message it answers"
    );
    assert_eq!(
        events[3]["details"].as_str().unwrap(),
        "**Carla Díaz** in #incident-checkout:\n\n\
         @here status page updated: we are seeing elevated errors on checkout for cards issued in the EU, mitigation in progress\n\
         Next update in 30 minutes.\n\n\
         Files: [Error rate](https://acme.slack.com/files/U03CARLA/F01ERR/errors.png)"
    );
    assert_eq!(
        events[0]["sources"][0].as_str().unwrap(),
        "https://acme.slack.com/archives/C05INC1DNT/p1710027750000100"
    );
    assert_eq!(
        events[1]["sources"][0].as_str().unwrap(),
        "https://acme.slack.com/archives/C05INC1DNT/p1710028205000000?thread_ts=1710027750.000100&cid=C05INC1DNT",
        "a reply's link opens its thread"
    );
    let path = written(dir.path());
    let check = rootline_in(dir.path(), &["check", path.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn without_a_workspace_url_events_have_no_sources_and_times_are_utc_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let events = events(dir.path(), &import_in(dir.path(), &fixture(), &[]));
    assert!(events.iter().all(|event| event["sources"].is_null()));
    assert_eq!(field(&events, "at")[0], "2024-03-09T23:42:30+00:00");
}

/// The incident file without its second line, which names the input.
fn without_origin(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with("# Imported from"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_zip_and_the_folder_give_the_same_incident_even_re_zipped_under_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = import_in(dir.path(), &fixture(), &LOS_ANGELES);
    assert!(folder.status.success(), "{}", stderr(&folder));
    let from_folder = fs::read_to_string(written(dir.path())).unwrap();
    for prefix in ["", "slack-export-2024-03-10/"] {
        let other = tempfile::tempdir().unwrap();
        let zip = other.path().join("export.zip");
        zip_folder(&fixture(), &zip, prefix);
        let output = import_in(other.path(), &zip, &LOS_ANGELES);
        assert!(output.status.success(), "{prefix}: {}", stderr(&output));
        let from_zip = fs::read_to_string(written(other.path())).unwrap();
        assert_eq!(
            without_origin(&from_zip),
            without_origin(&from_folder),
            "{prefix}"
        );
    }
}

#[test]
fn only_the_asked_channel_is_opened_in_a_folder_and_in_a_zip() {
    let dir = tempfile::tempdir().unwrap();
    let export = export_copy(dir.path());
    fs::write(export.join("random/2024-03-10.json"), "[{\"ts\": oops").unwrap();
    fs::write(export.join("general/2024-03-11.json"), "not json at all").unwrap();
    let zip = dir.path().join("export.zip");
    zip_folder(&export, &zip, "");
    for input in [&export, &zip] {
        let target = tempfile::tempdir().unwrap();
        let events = events(target.path(), &import_in(target.path(), input, &[]));
        assert_eq!(events.len(), 7, "{}", input.display());
    }
}

#[test]
fn bot_and_app_posts_come_only_with_bots() {
    let dir = tempfile::tempdir().unwrap();
    let events = events(dir.path(), &import_in(dir.path(), &fixture(), &["--bots"]));
    assert_eq!(events.len(), 9);
    assert_eq!(
        (events[0]["actor"].as_str(), events[0]["title"].as_str()),
        (
            Some("pagerduty"),
            Some("Triggered: checkout-api 5xx rate above 5%")
        )
    );
    assert_eq!(
        (events[3]["actor"].as_str(), events[3]["title"].as_str()),
        (
            Some("deploy-bot"),
            Some("checkout-api v2.14.1 deployed to eu-west-1 by @Bo Chen")
        ),
        "an app's post without a subtype is a bot post too, named from its profile"
    );
}

fn titles_with(flags: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    field(
        &events(dir.path(), &import_in(dir.path(), &fixture(), flags)),
        "title",
    )
}

#[test]
fn pinned_and_reaction_keep_only_the_messages_marked_that_way() {
    assert_eq!(
        titles_with(&["--reaction", "timeline"]),
        [
            "Checkout is failing for EU cards :fire: @Bo Chen can you look?",
            "Rolled back checkout-api to v2.14.1 & errors are dropping",
            "@here status page updated: we are seeing elevated errors on checkout for cards…",
            "Closing the incident; post-mortem owner is @Carla Díaz",
        ]
    );
    assert_eq!(
        titles_with(&["--pinned"]),
        [
            "Checkout is failing for EU cards :fire: @Bo Chen can you look?",
            "Closing the incident; post-mortem owner is @Carla Díaz",
        ],
        "pinned on the message (pinned_to) or in channels.json (pins)"
    );
    assert_eq!(
        titles_with(&["--reaction", ":+1:", "--reaction", "eyes"]),
        [
            "Checkout is failing for EU cards :fire: @Bo Chen can you look?",
            "On it. p99 > 4s and #general is asking too",
        ],
        "colons are optional and a skin tone is the same reaction"
    );
}

#[test]
fn since_and_until_keep_a_window_read_in_the_timezone() {
    let flags = [
        "--timezone",
        "America/Los_Angeles",
        "--since",
        "2024-03-09 16:00",
        "--until",
        "2024-03-10T09:58:30Z",
    ];
    assert_eq!(
        titles_with(&flags),
        [
            "Rolled back checkout-api to v2.14.1 & errors are dropping",
            "@here status page updated: we are seeing elevated errors on checkout for cards…",
            "Overnight watch: error rate flat at 0.1% 🎉",
        ],
        "both ends inclusive"
    );
}

#[test]
fn the_report_counts_what_was_left_out_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let flags = SlackFlags {
        channel: "#incident-checkout".into(),
        reactions: vec!["timeline".into()],
        ..SlackFlags::default()
    };
    let options = ImportOptions {
        title: "Checkout errors".into(),
        severity: "SEV3".into(),
        zone: Some(chrono_tz::UTC),
    };
    let reader = Reader::new(&Slack, flags);
    let target = import::Target::New {
        incidents: dir.path().to_path_buf(),
        id: "x".into(),
    };
    let report = import::import(&reader, &[fixture()], &target, &options, false).unwrap();
    // Of the channel's messages, only the four marked :timeline: are kept.
    assert_eq!(report.added, 4);
    assert_eq!(
        report.to_string(),
        format!(
            "created {}: added 4 events (4 skipped: housekeeping; 2 skipped: bot; 3 skipped: not pinned or no --reaction), 0 warnings",
            dir.path().join("x.yaml").display()
        )
    );
}

#[test]
fn every_import_ends_with_its_skips_per_reason_already_present_first() {
    let dir = tempfile::tempdir().unwrap();
    let url = ["--workspace-url", "https://acme.slack.com"];
    let window = ["--since", "2024-03-09 20:00", "--until", "2024-03-10 06:00"];
    let first = import_in(dir.path(), &fixture(), &[&url[..], &window[..]].concat());
    assert_eq!(
        stderr(&first).lines().next(),
        Some("created incidents/2024-03-09-checkout.yaml: added 4 events (4 skipped: housekeeping; 2 skipped: bot; 3 skipped: outside --since/--until), 0 warnings")
    );
    let export = fixture();
    let again = rootline_in(
        dir.path(),
        &[
            &[
                "import",
                "slack",
                export.to_str().unwrap(),
                "--channel",
                CHANNEL,
            ][..],
            &["--into", "incidents/2024-03-09-checkout.yaml", "--bots"],
            &url,
        ]
        .concat(),
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stderr(&again),
        "incidents/2024-03-09-checkout.yaml: added 5 events and 2 parties (4 skipped: already present; 4 skipped: housekeeping), 0 warnings\n"
    );
}

#[test]
fn a_missing_users_json_is_a_warning_and_ids_stand_in_for_names() {
    let dir = tempfile::tempdir().unwrap();
    let export = export_copy(dir.path());
    fs::remove_file(export.join("users.json")).unwrap();
    let output = import_in(dir.path(), &export, &[]);
    assert!(stderr(&output).contains(&format!(
        "warning: {} is missing: user ids stand in for names the messages do not carry\n",
        export.join("users.json").display()
    )));
    let events = events(dir.path(), &output);
    assert_eq!(
        field(&events, "title")[0],
        "Checkout is failing for EU cards :fire: @U02BO can you look?"
    );
    assert_eq!(
        field(&events, "actor")[0],
        "ana-ruiz",
        "the author's profile saved with the message still names her"
    );
}

#[test]
fn an_unknown_channel_lists_the_channels_with_a_guess() {
    let dir = tempfile::tempdir().unwrap();
    let output = rootline_in(
        dir.path(),
        &[
            "import",
            "slack",
            fixture().to_str().unwrap(),
            "--channel",
            "incident-chekout",
            "--id",
            "x",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output),
        format!(
            "error: {}: no channel 'incident-chekout' in this export; did you mean 'incident-checkout'? (the channels: general, incident-checkout, random)\n",
            fixture().display()
        )
    );
    assert!(!dir.path().join("incidents").exists());
}

#[test]
fn malformed_json_inside_a_zip_points_at_entry_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let export = export_copy(dir.path());
    let broken = "[\n    {\n        \"type\": \"message\",\n        \"ts\": \"1710151200.000000\"\n        \"text\": \"a comma is missing above\"\n    }\n]\n";
    fs::write(export.join("incident-checkout/2024-03-11.json"), broken).unwrap();
    let zip = dir.path().join("export.zip");
    zip_folder(&export, &zip, "");
    let output = rootline_in(
        dir.path(),
        &[
            "import",
            "slack",
            "export.zip",
            "--channel",
            CHANNEL,
            "--id",
            "x",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: 1 problem in export.zip; nothing was written:\n\
         export.zip:incident-checkout/2024-03-11.json:5:9: expected `,` or `}`\n"
    );
    assert!(!dir.path().join("incidents").exists());
}

#[test]
fn every_unreadable_timestamp_and_wrong_field_is_listed_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let export = export_copy(dir.path());
    let day = export.join("incident-checkout/2024-03-10.json");
    let text = fs::read_to_string(&day).unwrap();
    let text = text.replacen("\"ts\": \"1710028860.000000\"", "\"ts\": \"yesterday\"", 1);
    fs::write(&day, text).unwrap();
    let extra = "[\n  {\"type\": \"message\", \"ts\": 1710151200, \"text\": \"a number\"},\n  {\"type\": \"message\", \"ts\": \"1710151201.000000\", \"reactions\": \"timeline\"},\n  {\"type\": \"message\", \"text\": \"no ts\"}\n]\n";
    fs::write(export.join("incident-checkout/2024-03-11.json"), extra).unwrap();
    let output = import_in(dir.path(), &export, &[]);
    assert_eq!(output.status.code(), Some(1));
    let day10 = day.display().to_string();
    let day11 = export
        .join("incident-checkout/2024-03-11.json")
        .display()
        .to_string();
    assert_eq!(
        stderr(&output),
        format!(
            "error: 4 problems in {}; nothing was written:\n\
             {day10}:2:5: ts \"yesterday\" is not a Slack timestamp (seconds.microseconds, e.g. \"1709301720.000200\")\n\
             {day11}:2:3: ts 1710151200 is not a Slack timestamp (seconds.microseconds, e.g. \"1709301720.000200\")\n\
             {day11}:3:72: invalid type: string \"timeline\", expected a sequence\n\
             {day11}:4:3: the message has no ts\n",
            export.display()
        )
    );
    assert!(!written(dir.path()).exists());
}

#[test]
fn a_bad_since_or_workspace_url_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let output = import_in(
        dir.path(),
        &fixture(),
        &["--since", "tomorrow", "--workspace-url", "acme.slack.com"],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert!(stderr.contains("\n--since 'tomorrow': "), "{stderr}");
    assert!(
        stderr.contains(
            "\n--workspace-url 'acme.slack.com' is not a web address like https://acme.slack.com\n"
        ),
        "{stderr}"
    );
    assert!(!written(dir.path()).exists());
}

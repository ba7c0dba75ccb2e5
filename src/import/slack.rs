//! `rootline import slack`: one channel of a Slack workspace export.
//!
//! The export is the `.zip` a workspace admin downloads, or the folder it unzips
//! to: `users.json`, `channels.json` (`groups.json` for private channels) and a
//! folder per channel holding one `YYYY-MM-DD.json` array of messages per day.
//! Only the asked channel's day files are opened; a zip is read entry by entry,
//! never unpacked. Every message kept becomes a `note`; the markup Slack stores
//! (`<@U123>`, `<#C1|name>`, `<https://x|label>`, `&amp;`) is turned into names,
//! channel names and Markdown.

use super::{ImportError, ImportOptions, Imported, ImportedEvent, Importer};
use crate::diagnostic::did_you_mean;
use crate::model::{self, EventKind};
use crate::text::format_local;
use crate::text::markdown::escape_markdown;
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// Reads one channel of a Slack workspace export.
#[derive(Debug, Clone, Copy, Default)]
pub struct Slack;

/// What `rootline import slack` keeps of the channel.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct SlackFlags {
    /// The channel to read, by name (`incident-checkout`, `#` optional) or id
    #[arg(long, value_name = "NAME")]
    pub channel: String,
    /// Keep messages from this time on (RFC 3339, or local in --timezone)
    #[arg(long, value_name = "TIME")]
    pub since: Option<String>,
    /// Keep messages up to this time, inclusive
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Keep only pinned messages (and those with a --reaction)
    #[arg(long)]
    pub pinned: bool,
    /// Keep only messages with this reaction (repeatable), e.g. `--reaction timeline`
    #[arg(long = "reaction", value_name = "NAME")]
    pub reactions: Vec<String>,
    /// Keep messages posted by bots and apps too
    #[arg(long)]
    pub bots: bool,
    /// The workspace's address, e.g. `https://acme.slack.com`, to link each event to its message
    #[arg(long, value_name = "URL")]
    pub workspace_url: Option<String>,
}

impl Importer for Slack {
    type Flags = SlackFlags;

    fn name(&self) -> &'static str {
        "slack"
    }

    fn about(&self) -> &'static str {
        "One channel of a Slack workspace export (the .zip or its folder)"
    }

    fn example(&self) -> &'static str {
        "rootline import slack export.zip --channel incident-checkout --reaction timeline --workspace-url https://acme.slack.com --id 2024-03-01-checkout-errors"
    }

    fn read(
        &self,
        input: &Path,
        flags: &SlackFlags,
        options: &ImportOptions,
    ) -> Result<Imported, ImportError> {
        let filter = Filter::new(flags, options.zone()).map_err(|problems| rows(input, problems))?;
        let mut export = Export::open(input)?;
        let mut imported = Imported::default();
        let directory = Directory::read(&mut export, &mut imported.warnings)?;
        let channel = directory.channel(&flags.channel, input)?;
        let posts = read_channel(&mut export, &channel.name, &directory)?;
        let context = Context {
            directory: &directory,
            channel,
            zone: options.zone(),
            workspace: flags
                .workspace_url
                .as_deref()
                .map(|url| url.trim_end_matches('/')),
        };
        let mut threads = HashMap::new();
        // Each message is dropped once read, so the channel and its events are not both held.
        for post in posts {
            context.keep(&post, &filter, &mut threads, &mut imported);
        }
        if imported.events.is_empty() {
            return Err(rows(input, vec![nothing_kept(input, channel, &imported)]));
        }
        Ok(imported)
    }
}

fn rows(input: &Path, problems: Vec<String>) -> ImportError {
    ImportError::Rows {
        path: input.to_path_buf(),
        problems,
    }
}

fn nothing_kept(input: &Path, channel: &Channel, imported: &Imported) -> String {
    let why = match imported.skipped.is_empty() {
        true => "it holds no messages".to_string(),
        false => super::skip_counts(&imported.skipped),
    };
    format!(
        "{}: no message of #{} was kept ({why})",
        input.display(),
        channel.name
    )
}

// ---------------------------------------------------------------- the export

/// The export as a folder or a zip; names inside are `/`-separated, as in the zip.
enum Export {
    Folder(PathBuf),
    Zip {
        path: PathBuf,
        archive: Box<zip::ZipArchive<BufReader<File>>>,
        /// Where `channels.json` sits, for a zip made of the unzipped folder (`export/`).
        prefix: String,
    },
}

impl Export {
    fn open(input: &Path) -> Result<Export, ImportError> {
        let unreadable = |message: String| ImportError::Unreadable {
            path: input.to_path_buf(),
            message,
        };
        if input.is_dir() {
            return Ok(Export::Folder(input.to_path_buf()));
        }
        let file = File::open(input).map_err(|e| unreadable(e.to_string()))?;
        let archive = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| {
            unreadable(format!(
                "not a Slack export: neither a folder nor a zip ({e})"
            ))
        })?;
        let prefix = archive
            .file_names()
            .filter_map(Result::ok)
            .filter_map(|name| name.strip_suffix("channels.json").map(str::to_string))
            .filter(|prefix| prefix.is_empty() || prefix.ends_with('/'))
            .min_by_key(String::len)
            .unwrap_or_default();
        Ok(Export::Zip {
            path: input.to_path_buf(),
            archive: Box::new(archive),
            prefix,
        })
    }

    /// Where a file of the export is, as messages name it: `export.zip:general/2024-03-01.json`.
    fn place(&self, name: &str) -> String {
        match self {
            Export::Folder(root) => root.join(name).display().to_string(),
            Export::Zip { path, prefix, .. } => format!("{}:{prefix}{name}", path.display()),
        }
    }

    /// The text of `name`, or `None` when the export has no such file.
    fn read(&mut self, name: &str) -> Result<Option<String>, String> {
        let mut text = String::new();
        match self {
            Export::Folder(root) => match std::fs::read_to_string(root.join(name)) {
                Ok(read) => text = read,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                Err(e) => return Err(e.to_string()),
            },
            Export::Zip {
                archive, prefix, ..
            } => match archive.by_name(&format!("{prefix}{name}")) {
                Ok(mut entry) => {
                    entry
                        .read_to_string(&mut text)
                        .map_err(|e| e.to_string())?;
                }
                Err(zip::result::ZipError::FileNotFound) => return Ok(None),
                Err(e) => return Err(e.to_string()),
            },
        }
        Ok(Some(text))
    }

    /// The channel's day files (`general/2024-03-01.json`), oldest first.
    fn day_files(&self, channel: &str) -> Result<Vec<String>, ImportError> {
        let folder = format!("{channel}/");
        let mut names: Vec<String> = match self {
            Export::Folder(root) => match std::fs::read_dir(root.join(channel)) {
                // A channel nobody wrote in during the export's dates has no folder.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
                entries => entries.map_err(|e| ImportError::Unreadable {
                    path: root.join(channel),
                    message: e.to_string(),
                })?,
            }
            .filter_map(Result::ok)
                .filter_map(|entry| entry.file_name().into_string().ok())
                .map(|name| format!("{folder}{name}"))
                .collect(),
            Export::Zip {
                archive, prefix, ..
            } => archive
                .file_names()
                .filter_map(Result::ok)
                .filter_map(|name| name.strip_prefix(prefix.as_str()).map(str::to_string))
                .filter(|name| name.starts_with(&folder))
                .collect(),
        };
        names.retain(|name| is_day_file(&name[folder.len()..]));
        names.sort();
        Ok(names)
    }
}

/// `2024-03-01.json`: what Slack names a channel's file for one day.
fn is_day_file(name: &str) -> bool {
    name.strip_suffix(".json")
        .is_some_and(|date| model::parse_date(date).is_some() && date.len() == 10)
}

/// A JSON problem at its place: `export.zip:general/2024-03-01.json:12:5: expected ...`.
fn json_problem(place: &str, error: &serde_json::Error, base: (usize, usize)) -> String {
    let (line, column) = shift((error.line(), error.column()), base);
    let message = error.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => &message[..at],
        None => &message,
    };
    format!("{place}:{line}:{column}: {message}")
}

/// A position inside a value found at `base` (line, column), as a position in its file.
fn shift((line, column): (usize, usize), (base_line, base_column): (usize, usize)) -> (usize, usize) {
    match line {
        1 => (base_line, base_column + column - 1),
        _ => (base_line + line - 1, column),
    }
}

/// Line and column (1-based, in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

// ---------------------------------------------------------------- users and channels

/// A member in `users.json`.
#[derive(Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    profile: Option<Profile>,
}

/// The names a profile carries; Slack leaves unset ones empty.
#[derive(Deserialize, Default)]
struct Profile {
    #[serde(default)]
    real_name: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
}

impl Profile {
    fn name(&self) -> Option<&str> {
        [&self.real_name, &self.display_name]
            .into_iter()
            .flatten()
            .map(|name| name.trim())
            .find(|name| !name.is_empty())
    }
}

impl User {
    /// The name people see: the real name, else the display name, else the handle.
    fn display(&self) -> &str {
        self.profile
            .as_ref()
            .and_then(Profile::name)
            .or(self.real_name.as_deref().filter(|n| !n.trim().is_empty()))
            .or(self.name.as_deref().filter(|n| !n.trim().is_empty()))
            .unwrap_or(&self.id)
    }
}

/// A conversation in `channels.json` or `groups.json`; its folder is its name.
#[derive(Deserialize, Clone)]
struct Channel {
    id: String,
    name: String,
    /// Pinned messages, which some exports list here rather than on the message.
    #[serde(default)]
    pins: Option<Vec<Pin>>,
}

#[derive(Deserialize, Clone)]
struct Pin {
    id: String,
}

/// Who is who and which channels there are.
struct Directory {
    users: HashMap<String, String>,
    channels: Vec<Channel>,
}

impl Directory {
    /// Reads `users.json` (a warning when missing) and the channel lists.
    fn read(export: &mut Export, warnings: &mut Vec<String>) -> Result<Directory, ImportError> {
        let mut problems = Vec::new();
        let users: Vec<User> = match read_list(export, "users.json", &mut problems) {
            Some(users) => users,
            None if problems.is_empty() => {
                warnings.push(format!(
                    "{} is missing: user ids stand in for names the messages do not carry",
                    export.place("users.json")
                ));
                Vec::new()
            }
            None => Vec::new(),
        };
        let mut channels = Vec::new();
        let mut found = false;
        for list in ["channels.json", "groups.json", "mpims.json"] {
            if let Some(more) = read_list::<Channel>(export, list, &mut problems) {
                channels.extend(more);
                found = true;
            }
        }
        if !found && problems.is_empty() {
            problems.push(format!(
                "{} is missing: this does not look like a Slack export",
                export.place("channels.json")
            ));
        }
        if !problems.is_empty() {
            return Err(rows(&export_path(export), problems));
        }
        let users = users
            .iter()
            .map(|user| (user.id.clone(), user.display().to_string()))
            .collect();
        Ok(Directory { users, channels })
    }

    /// The channel called `asked` (a name, `#name` or an id), or an error listing them.
    fn channel(&self, asked: &str, input: &Path) -> Result<&Channel, ImportError> {
        let asked = asked.trim().trim_start_matches('#');
        if let Some(channel) = self
            .channels
            .iter()
            .find(|c| c.name == asked || c.id == asked)
        {
            return Ok(channel);
        }
        let mut names: Vec<&str> = self.channels.iter().map(|c| c.name.as_str()).collect();
        names.sort_unstable();
        let hint = did_you_mean(asked, names.iter().copied())
            .map(|hint| format!("; {hint}"))
            .unwrap_or_default();
        Err(ImportError::Unreadable {
            path: input.to_path_buf(),
            message: format!(
                "no channel '{asked}' in this export{hint} (the channels: {})",
                names.join(", ")
            ),
        })
    }

    fn user(&self, id: &str) -> Option<&str> {
        self.users.get(id).map(String::as_str)
    }

    fn channel_name(&self, id: &str) -> Option<&str> {
        self.channels
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.as_str())
    }
}

fn export_path(export: &Export) -> PathBuf {
    match export {
        Export::Folder(root) => root.clone(),
        Export::Zip { path, .. } => path.clone(),
    }
}

/// A top-level JSON list of the export, `None` when the file is absent or wrong.
fn read_list<T: for<'de> Deserialize<'de>>(
    export: &mut Export,
    name: &str,
    problems: &mut Vec<String>,
) -> Option<Vec<T>> {
    let place = export.place(name);
    let text = match export.read(name) {
        Ok(text) => text?,
        Err(e) => {
            problems.push(format!("{place}: {e}"));
            return None;
        }
    };
    match serde_json::from_str(&text) {
        Ok(list) => Some(list),
        Err(e) => {
            problems.push(json_problem(&place, &e, (1, 1)));
            None
        }
    }
}

// ---------------------------------------------------------------- messages

/// One message as a day file holds it; everything but `ts` may be absent.
#[derive(Deserialize)]
struct Message {
    #[serde(default)]
    ts: Option<serde_json::Value>,
    #[serde(default)]
    user: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    thread_ts: Option<String>,
    #[serde(default)]
    reactions: Option<Vec<Reaction>>,
    #[serde(default)]
    pinned_to: Option<Vec<String>>,
    #[serde(default)]
    files: Option<Vec<SlackFile>>,
    #[serde(default)]
    bot_id: Option<String>,
    #[serde(default)]
    bot_profile: Option<BotProfile>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    user_profile: Option<Profile>,
    #[serde(default)]
    edited: Option<Edited>,
    #[serde(default)]
    hidden: Option<bool>,
}

/// The app behind a bot post.
#[derive(Deserialize)]
struct BotProfile {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct Reaction {
    name: String,
}

#[derive(Deserialize)]
struct SlackFile {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    permalink: Option<String>,
}

#[derive(Deserialize)]
struct Edited {
    #[serde(default)]
    ts: Option<String>,
}

/// A message with its time read.
struct Post {
    ts: String,
    at: DateTime<Utc>,
    message: Message,
}

/// Every message of `channel`, oldest first, or every problem found in its files.
fn read_channel(
    export: &mut Export,
    channel: &str,
    directory: &Directory,
) -> Result<Vec<Post>, ImportError> {
    let mut posts = Vec::new();
    let mut problems = Vec::new();
    for name in export.day_files(channel)? {
        let place = export.place(&name);
        match export.read(&name) {
            Ok(Some(text)) => {
                let start = posts.len();
                read_day(&text, &place, &mut posts, &mut problems);
                forget_known_profiles(&mut posts[start..], directory);
            }
            Ok(None) => {}
            Err(e) => problems.push(format!("{place}: {e}")),
        }
    }
    if !problems.is_empty() {
        return Err(rows(&export_path(export), problems));
    }
    // Day files are in order; a sort keeps replies filed on another day in place.
    posts.sort_by_key(|post| post.at);
    Ok(posts)
}

/// Drops the profile saved with each message whose user `users.json` names: a big
/// channel is held whole until it is sorted, and the profiles are a good part of it.
fn forget_known_profiles(posts: &mut [Post], directory: &Directory) {
    for post in posts {
        if post.message.user.as_deref().and_then(|id| directory.user(id)).is_some() {
            post.message.user_profile = None;
        }
    }
}

/// Reads one day file's messages into `posts`, each problem with its line and column.
fn read_day(text: &str, place: &str, posts: &mut Vec<Post>, problems: &mut Vec<String>) {
    let raws: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(raws) => raws,
        Err(e) => return problems.push(json_problem(place, &e, (1, 1))),
    };
    for raw in raws {
        // The raw value borrows from `text`, so its address gives its offset.
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let at = || line_column(text, offset);
        match serde_json::from_str::<Message>(raw.get()) {
            Ok(message) => match message.ts.as_ref().map(read_ts) {
                Some(Ok((ts, time))) => posts.push(Post {
                    ts,
                    at: time,
                    message,
                }),
                Some(Err(problem)) => {
                    let (line, column) = at();
                    problems.push(format!("{place}:{line}:{column}: {problem}"));
                }
                None => {
                    let (line, column) = at();
                    problems.push(format!("{place}:{line}:{column}: the message has no ts"));
                }
            },
            Err(e) => problems.push(json_problem(place, &e, at())),
        }
    }
}

/// A Slack `ts` (`"1709301720.000200"`: seconds and microseconds since 1970) and its time.
fn read_ts(value: &serde_json::Value) -> Result<(String, DateTime<Utc>), String> {
    let unreadable = || {
        format!("ts {value} is not a Slack timestamp (seconds.microseconds, e.g. \"1709301720.000200\")")
    };
    let text = value.as_str().ok_or_else(unreadable)?;
    let time = ts_time(text).ok_or_else(unreadable)?;
    Ok((text.to_string(), time))
}

fn ts_time(text: &str) -> Option<DateTime<Utc>> {
    let (seconds, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if seconds.is_empty() || !digits(seconds) || !digits(fraction) || fraction.len() > 9 {
        return None;
    }
    let nanos = format!("{fraction:0<9}").parse::<u32>().ok()?;
    DateTime::from_timestamp(seconds.parse().ok()?, nanos)
}

// ---------------------------------------------------------------- what is kept

/// Subtypes that are someone speaking; every other subtype is channel housekeeping.
const SPOKEN: [&str; 4] = ["thread_broadcast", "file_share", "me_message", "bot_message"];

// Why a message is left out, as the report counts them: short, since they share one line.
const HOUSEKEEPING: &str = "housekeeping";
const BOTS: &str = "bot";
const OUTSIDE: &str = "outside --since/--until";
const UNMARKED: &str = "not pinned or no --reaction";

/// The window and the marks a message needs to be kept.
struct Filter {
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    pinned: bool,
    reactions: Vec<String>,
    bots: bool,
}

impl Filter {
    fn new(flags: &SlackFlags, zone: Tz) -> Result<Filter, Vec<String>> {
        let mut problems = Vec::new();
        let mut time = |flag: &str, text: &Option<String>| {
            let text = text.as_deref()?;
            model::parse_time(text, zone)
                .map_err(|e| problems.push(format!("--{flag} '{text}': {e}")))
                .ok()
        };
        let since = time("since", &flags.since);
        let until = time("until", &flags.until);
        if let Some(url) = &flags.workspace_url {
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                problems.push(format!(
                    "--workspace-url '{url}' is not a web address like https://acme.slack.com"
                ));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Filter {
            since,
            until,
            pinned: flags.pinned,
            reactions: flags
                .reactions
                .iter()
                .map(|name| name.trim_matches(':').to_string())
                .collect(),
            bots: flags.bots,
        })
    }

    /// Why `post` is left out, or `None` to keep it.
    fn reject(&self, post: &Post, channel: &Channel) -> Option<&'static str> {
        let message = &post.message;
        let subtype = message.subtype.as_deref();
        if message.hidden == Some(true) || subtype.is_some_and(|s| !SPOKEN.contains(&s)) {
            return Some(HOUSEKEEPING);
        }
        if is_bot(message) && !self.bots {
            return Some(BOTS);
        }
        let early = self.since.is_some_and(|since| post.at < since);
        let late = self.until.is_some_and(|until| post.at > until);
        if early || late {
            return Some(OUTSIDE);
        }
        let marking = self.pinned || !self.reactions.is_empty();
        if marking && !(self.pinned && is_pinned(post, channel) || self.has_reaction(message)) {
            return Some(UNMARKED);
        }
        None
    }

    fn has_reaction(&self, message: &Message) -> bool {
        message.reactions.iter().flatten().any(|reaction| {
            // `+1::skin-tone-2` is the `+1` reaction in another skin tone.
            let base = reaction.name.split("::").next().unwrap_or(&reaction.name);
            self.reactions.iter().any(|wanted| wanted == base)
        })
    }
}

fn is_bot(message: &Message) -> bool {
    message.subtype.as_deref() == Some("bot_message") || message.bot_id.is_some()
}

fn is_pinned(post: &Post, channel: &Channel) -> bool {
    post.message.pinned_to.as_ref().is_some_and(|to| !to.is_empty())
        || channel.pins.iter().flatten().any(|pin| pin.id == post.ts)
}

/// A thread's first message, for the replies that answer it.
struct Parent {
    author: String,
    title: String,
    at: DateTime<Utc>,
}

/// What turning a message into an event needs to know.
struct Context<'a> {
    directory: &'a Directory,
    channel: &'a Channel,
    zone: Tz,
    workspace: Option<&'a str>,
}

impl Context<'_> {
    /// Adds `post` to `imported` as a `note`, or counts why it is left out.
    fn keep(
        &self,
        post: &Post,
        filter: &Filter,
        threads: &mut HashMap<String, Parent>,
        imported: &mut Imported,
    ) {
        let message = &post.message;
        let reply_to = message.thread_ts.as_deref().filter(|&t| t != post.ts);
        let starts_thread = reply_to.is_none() && message.thread_ts.is_some();
        let rejected = filter.reject(post, self.channel);
        if let (Some(reason), false) = (rejected, starts_thread) {
            return imported.skip(reason);
        }
        let text = Markup::convert(message.text.as_deref().unwrap_or(""), self.directory);
        let author = self.author(message);
        let title = title(&text.plain, message);
        if starts_thread {
            // Replies quote their thread's first message even when it is not kept.
            let parent = Parent {
                author: author.clone(),
                title: title.clone(),
                at: post.at,
            };
            threads.insert(post.ts.clone(), parent);
        }
        if let Some(reason) = rejected {
            return imported.skip(reason);
        }
        let thread = reply_to.map(|ts| self.answered(ts, threads));
        let details = self.details(post, &author, thread, &text.markdown);
        let event = ImportedEvent {
            at: post
                .at
                .with_timezone(&self.zone)
                .to_rfc3339_opts(SecondsFormat::Secs, false),
            kind: EventKind::Note,
            actor: Some(imported.party(&author)),
            title,
            details: Some(details),
            source: self.permalink(&post.ts, reply_to),
        };
        imported.events.push(event);
    }

    /// The author's name: from `users.json`, else the message's own profile, else the id.
    fn author(&self, message: &Message) -> String {
        if is_bot(message) {
            let profile = message.bot_profile.as_ref().and_then(|p| p.name.as_deref());
            let profile = profile.filter(|name| !name.trim().is_empty());
            let named = profile.or(message.username.as_deref());
            if let Some(name) = named.or(message.bot_id.as_deref()) {
                return name.to_string();
            }
        }
        let Some(id) = message.user.as_deref() else {
            return "unknown author".to_string();
        };
        self.directory
            .user(id)
            .or_else(|| message.user_profile.as_ref().and_then(Profile::name))
            .unwrap_or(id)
            .to_string()
    }

    /// `replying to Bo Chen (2024-03-01 14:02 GMT):` and the first line it answers, quoted.
    fn answered(&self, thread_ts: &str, threads: &HashMap<String, Parent>) -> String {
        match threads.get(thread_ts) {
            Some(parent) => format!(
                "replying to {} ({}):\n\n> {}",
                inline(&parent.author),
                format_local(parent.at, self.zone),
                inline(&parent.title)
            ),
            None => match ts_time(thread_ts) {
                Some(at) => format!(
                    "replying to a message of {} that is not in the export:",
                    format_local(at, self.zone)
                ),
                None => format!("replying to message {thread_ts}:"),
            },
        }
    }

    /// The author and channel, what the reply answers, the text, its files and edits.
    fn details(&self, post: &Post, author: &str, thread: Option<String>, text: &str) -> String {
        let mut details = format!("**{}** in #{}", inline(author), self.channel.name);
        match thread {
            Some(thread) => details.push_str(&format!(", {thread}")),
            None => details.push(':'),
        }
        if !text.trim().is_empty() {
            details.push_str(&format!("\n\n{}", text.trim()));
        }
        let files: Vec<String> = post.message.files.iter().flatten().filter_map(file_link).collect();
        if !files.is_empty() {
            details.push_str(&format!("\n\nFiles: {}", files.join(", ")));
        }
        if let Some(edit) = &post.message.edited {
            let when = edit.ts.as_deref().and_then(ts_time);
            let when = when.map(|at| format!(" {}", format_local(at, self.zone)));
            details.push_str(&format!("\n\n_(edited{})_", when.unwrap_or_default()));
        }
        details
    }

    /// `https://acme.slack.com/archives/C123/p1709301720000200`, with the thread for a reply.
    fn permalink(&self, ts: &str, thread_ts: Option<&str>) -> Option<String> {
        let workspace = self.workspace?;
        let channel = &self.channel.id;
        let mut link = format!("{workspace}/archives/{channel}/p{}", ts.replace('.', ""));
        if let Some(thread_ts) = thread_ts {
            link.push_str(&format!("?thread_ts={thread_ts}&cid={channel}"));
        }
        Some(link)
    }
}

fn file_link(file: &SlackFile) -> Option<String> {
    let name = file.title.as_deref().or(file.name.as_deref())?;
    Some(match &file.permalink {
        Some(url) => format!("[{}]({url})", inline(name)),
        None => inline(name).into_owned(),
    })
}

/// How long a title may be before it is cut at a word.
const TITLE_LENGTH: usize = 80;

/// The first line of the text, cut at a word; what was shared when there is no text.
fn title(plain: &str, message: &Message) -> String {
    let line = plain
        .lines()
        .map(|line| line.trim().trim_start_matches('>').trim())
        .find(|line| !line.is_empty());
    let Some(line) = line else {
        let files: Vec<&str> = message
            .files
            .iter()
            .flatten()
            .filter_map(|f| f.title.as_deref().or(f.name.as_deref()))
            .collect();
        return match files.is_empty() {
            true => "(a message without text)".to_string(),
            false => format!("Shared {}", files.join(", ")),
        };
    };
    cut_at_word(line, TITLE_LENGTH)
}

/// `text` when it is at most `limit` characters, else cut at the last word that fits, with `…`.
fn cut_at_word(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let fits: String = text.chars().take(limit - 1).collect();
    let at_word = match fits.rfind(char::is_whitespace) {
        // A cut that would leave less than half the line is worse than one inside a word.
        Some(space) if fits[..space].chars().count() >= limit / 2 => &fits[..space],
        _ => fits.as_str(),
    };
    format!("{}…", at_word.trim_end_matches(|c: char| c.is_whitespace() || c == ','))
}

// ---------------------------------------------------------------- markup

/// A message's text as Markdown (details) and as plain text (the title).
struct Markup {
    markdown: String,
    plain: String,
}

impl Markup {
    /// Turns Slack's markup into names, `#channel`s and Markdown links; decodes `&amp; &lt; &gt;`.
    fn convert(text: &str, directory: &Directory) -> Markup {
        let mut markup = Markup {
            markdown: String::with_capacity(text.len()),
            plain: String::with_capacity(text.len()),
        };
        let mut rest = text;
        while let Some(open) = rest.find('<') {
            markup.text(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('>') {
                Some(close) if !after[..close].contains('<') => {
                    markup.token(&after[..close], directory);
                    rest = &after[close + 1..];
                }
                _ => {
                    markup.text("&lt;");
                    rest = after;
                }
            }
        }
        markup.text(rest);
        markup
    }

    /// Plain text between tokens; a `<` Slack escaped must not open HTML in Markdown.
    fn text(&mut self, text: &str) {
        let decoded = decode(text);
        let mut chars = decoded.chars().peekable();
        while let Some(c) = chars.next() {
            let opens_tag = chars
                .peek()
                .is_some_and(|next| next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?'));
            if c == '<' && opens_tag {
                self.markdown.push('\\');
            }
            self.markdown.push(c);
        }
        self.plain.push_str(&decoded);
    }

    /// Adds the same text to both forms.
    fn both(&mut self, text: &str) {
        self.markdown.push_str(&inline(text));
        self.plain.push_str(text);
    }

    /// One `<…>`: a mention, a channel, a special mention or a link.
    fn token(&mut self, token: &str, directory: &Directory) {
        let (target, label) = match token.split_once('|') {
            Some((target, label)) => (target, Some(decode(label))),
            None => (token, None),
        };
        if let Some(id) = target.strip_prefix('@') {
            let name = directory.user(id).map(str::to_string).or(label);
            self.both(&format!("@{}", name.as_deref().unwrap_or(id)));
        } else if let Some(id) = target.strip_prefix('#') {
            let name = label.or_else(|| directory.channel_name(id).map(str::to_string));
            self.both(&format!("#{}", name.as_deref().unwrap_or(id)));
        } else if let Some(command) = target.strip_prefix('!') {
            self.both(&special(command, label.as_deref()));
        } else {
            self.link(&decode(target), label.as_deref());
        }
    }

    fn link(&mut self, url: &str, label: Option<&str>) {
        let shown = label.unwrap_or(url.strip_prefix("mailto:").unwrap_or(url));
        let target = match url.contains([' ', '(', ')']) {
            true => format!("<{url}>"),
            false => url.to_string(),
        };
        self.markdown
            .push_str(&format!("[{}]({target})", inline(shown)));
        self.plain.push_str(shown);
    }
}

/// `<!here>` and friends: `@here`, `@channel`, a user group's handle, a date's fallback.
fn special(command: &str, label: Option<&str>) -> String {
    let name = command.split('^').next().unwrap_or(command);
    match (name, label) {
        ("here" | "channel" | "everyone", _) => format!("@{name}"),
        (_, Some(label)) => label.to_string(),
        ("subteam", None) => format!("@{}", command.split('^').nth(1).unwrap_or("group")),
        _ => format!("@{name}"),
    }
}

/// `text` escaped for Markdown only when it could start emphasis, code, a link or HTML:
/// a `#` inside a line is no heading, and `#payments` reads better unescaped.
fn inline(text: &str) -> std::borrow::Cow<'_, str> {
    match text.contains(['\\', '`', '*', '_', '[', ']', '<', '>', '~', '|', '!', '\n']) {
        true => escape_markdown(text),
        false => std::borrow::Cow::Borrowed(text),
    }
}

/// The three entities Slack escapes in text: `&amp;`, `&lt;` and `&gt;`.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory() -> Directory {
        Directory {
            users: HashMap::from([("U1".to_string(), "Ana Ruiz".to_string())]),
            channels: vec![Channel {
                id: "C9".into(),
                name: "payments".into(),
                pins: None,
            }],
        }
    }

    #[test]
    fn markup_becomes_names_channels_and_markdown_links() {
        let text = "<@U1> see <#C9> and <#C2|ops>, <https://x.io/a?b=1&amp;c=2|the graph> &amp; <!here> p99 &lt; 2s &lt;b&gt;";
        let markup = Markup::convert(text, &directory());
        assert_eq!(
            markup.markdown,
            "@Ana Ruiz see #payments and #ops, [the graph](https://x.io/a?b=1&c=2) & @here p99 < 2s \\<b>"
        );
        assert_eq!(
            markup.plain,
            "@Ana Ruiz see #payments and #ops, the graph & @here p99 < 2s <b>"
        );
    }

    #[test]
    fn unknown_mentions_keep_their_label_or_id_and_groups_their_handle() {
        let markup = Markup::convert(
            "<@U7|bo> <@U8> <!subteam^S1|@oncall> <!date^1709301720^{date}|1 Mar> <mailto:a@b.io>",
            &directory(),
        );
        assert_eq!(markup.plain, "@bo @U8 @oncall 1 Mar a@b.io");
    }

    #[test]
    fn a_long_first_line_is_cut_at_a_word_without_splitting_an_emoji() {
        let line = "🔥🔥 Checkout errors are climbing again in eu-west-1 after the 14:00 deploy, rolling back now";
        let cut = cut_at_word(line, 80);
        assert_eq!(
            cut,
            "🔥🔥 Checkout errors are climbing again in eu-west-1 after the 14:00 deploy…"
        );
        assert!(cut.chars().count() <= 80);
    }

    #[test]
    fn a_ts_is_seconds_and_microseconds_and_nothing_else() {
        assert_eq!(
            ts_time("1709301720.000200").map(|t| t.to_rfc3339()),
            Some("2024-03-01T14:02:00.000200+00:00".to_string())
        );
        assert_eq!(ts_time("yesterday"), None);
        assert_eq!(ts_time("1709301720.00x"), None);
        assert_eq!(ts_time(""), None);
    }

    #[test]
    fn a_position_inside_a_message_is_shifted_to_its_place_in_the_file() {
        assert_eq!(shift((1, 7), (12, 5)), (12, 11));
        assert_eq!(shift((3, 9), (12, 5)), (14, 9));
        assert_eq!(line_column("[\n  {\"a\": 1}", 4), (2, 3));
    }
}

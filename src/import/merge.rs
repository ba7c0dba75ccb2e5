//! `--into FILE`: imported events appended to an incident someone already wrote.
//!
//! The file is edited as text, never re-serialised: every byte the author wrote
//! (comments, key order, quoting, blank lines, the modeline) stays where it was,
//! and the new entries are inserted after the last line of the `events:` (and,
//! when a party is missing, `parties:`) list. A list written as a flow sequence
//! (`events: [...]`) has no last line to insert after, so that one key is
//! rewritten as a block list. The file must pass `check` before, and the new
//! text must pass it again before it replaces the file, by a rename.

use super::ImportError;
use crate::check::output;
use crate::diagnostic::Diagnostic;
use crate::model::{Event, Party, Role};
use crate::workspace::{check_bytes, Corpus, Options};
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

/// An incident file that passed `check`, with what an import needs to know of it.
#[derive(Debug)]
pub(super) struct Existing {
    /// The file.
    pub path: PathBuf,
    /// Its id, as `check` derives it (file stem or folder name).
    stem: String,
    /// Its text, exactly as read.
    pub text: String,
    /// Every `sources` entry of its events: what was imported already.
    pub sources: HashSet<String>,
    /// Its parties.
    pub parties: Vec<Party>,
    /// The zone its local times are read in (`timezone`, else UTC).
    pub zone: chrono_tz::Tz,
}

impl Existing {
    /// Reads and checks `path`; a file with errors is refused with its diagnostics.
    pub fn open(path: &Path) -> Result<Existing, ImportError> {
        let options = Options::new(chrono::Local::now().date_naive());
        let corpus = Corpus::check(&[path.to_path_buf()], &options).map_err(|e| {
            ImportError::Unreadable {
                path: path.to_path_buf(),
                message: e.to_string(),
            }
        })?;
        if corpus.has_errors() || corpus.incidents.len() != 1 {
            return Err(ImportError::Refused {
                path: path.to_path_buf(),
                report: output::errors_only(1, &corpus.diagnostics, &corpus.sources, false),
            });
        }
        let incident = &corpus.incidents[0].validated;
        let text = std::fs::read_to_string(path).map_err(|e| ImportError::Unreadable {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        let sources = incident
            .incident
            .events
            .iter()
            .flat_map(|event| event.sources.iter().cloned())
            .collect();
        Ok(Existing {
            path: path.to_path_buf(),
            stem: incident.file.stem.clone(),
            text,
            sources,
            parties: incident.incident.parties.clone(),
            zone: incident.zone,
        })
    }

    /// The id of the party the file writes the post-mortem for, if it has one.
    pub fn operator(&self) -> Option<&str> {
        self.parties
            .iter()
            .find(|party| party.role == Role::Operator)
            .map(|party| party.id.as_str())
    }

    /// The file's text with `parties` and `events` added, checked like the file was.
    pub fn merged(
        &self,
        parties: &[Party],
        events: &[Event],
        comment: &str,
    ) -> Result<String, ImportError> {
        let line_end = if self.text.contains("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        let mut text = self.text.clone();
        if !parties.is_empty() {
            let items: Vec<String> = parties.iter().map(party_item).collect();
            text = append_to_list(&text, "parties", &items, None)
                .map_err(|message| self.unmergeable(message))?;
        }
        if !events.is_empty() {
            let items = events
                .iter()
                .map(event_item)
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| self.unmergeable(e.to_string()))?;
            text = append_to_list(&text, "events", &items, Some(comment))
                .map_err(|message| self.unmergeable(message))?;
        }
        if line_end == "\r\n" {
            text = with_crlf(&text);
        }
        self.verify(&text)?;
        Ok(text)
    }

    fn unmergeable(&self, message: String) -> ImportError {
        ImportError::Unmergeable {
            path: self.path.clone(),
            message,
        }
    }

    /// Checks the new text as `check` would check the file (without `related`,
    /// which the import does not touch and the first check already passed).
    fn verify(&self, text: &str) -> Result<(), ImportError> {
        let name = format!("{}.yaml", self.stem);
        let options = Options::new(chrono::Local::now().date_naive());
        let (_, diagnostics) = check_bytes(&name, text.as_bytes().to_vec(), &options);
        if !diagnostics.iter().any(Diagnostic::is_error) {
            return Ok(());
        }
        let diagnostics: Vec<Diagnostic> = diagnostics
            .into_iter()
            .map(|mut d| {
                d.file = self.path.clone();
                d
            })
            .collect();
        let sources = HashMap::from([(self.path.clone(), text.to_string())]);
        Err(self.unmergeable(format!(
            "the merged file would not pass check, so it was not written:\n{}",
            output::errors_only(1, &diagnostics, &sources, false)
        )))
    }

    /// Replaces the file by `text` atomically: a temporary file beside it, then a rename.
    pub fn replace(&self, text: &str) -> Result<(), ImportError> {
        let failed = |source: std::io::Error| ImportError::Write {
            path: self.path.clone(),
            source,
        };
        let dir = match self.path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        };
        let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
        temp.write_all(text.as_bytes()).map_err(failed)?;
        temp.as_file().sync_all().map_err(failed)?;
        if let Ok(meta) = std::fs::metadata(&self.path) {
            // Keep the file's permissions; the temporary file starts private.
            std::fs::set_permissions(temp.path(), meta.permissions()).map_err(failed)?;
        }
        temp.persist(&self.path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

/// The list items an import adds, as a dry run shows them: parties, then events.
pub(super) fn preview(parties: &[Party], events: &[Event], comment: &str) -> String {
    let mut text = String::new();
    if !parties.is_empty() {
        text.push_str("parties:\n");
        for party in parties {
            text.push_str(&indent_item(&party_item(party), 2));
            text.push('\n');
        }
    }
    if !events.is_empty() {
        text.push_str(&format!("events:\n  # {comment}\n"));
        for event in events {
            let item = event_item(event).unwrap_or_else(|e| format!("- # {e}"));
            text.push_str(&indent_item(&item, 2));
            text.push('\n');
        }
    }
    text
}

/// `- {id: x, name: "X", role: vendor}`: parties are one line each in every example.
fn party_item(party: &Party) -> String {
    let name = serde_json::to_string(&party.name).unwrap_or_else(|_| "\"\"".into());
    let role = serde_json::to_value(party.role)
        .ok()
        .and_then(|role| role.as_str().map(str::to_string))
        .unwrap_or_else(|| "other".into());
    format!("- {{id: {}, name: {name}, role: {role}}}", party.id)
}

/// The event as a block list item, its keys in the format's order, empty ones left out.
fn event_item(event: &Event) -> Result<String, serde_yaml::Error> {
    let mut value = serde_yaml::to_value(event)?;
    super::prune(&mut value);
    let yaml = serde_yaml::to_string(&value)?;
    let mut item = String::new();
    for (n, line) in yaml.lines().enumerate() {
        let prefix = if n == 0 { "- " } else { "  " };
        if line.is_empty() {
            item.push('\n');
        } else {
            item.push_str(prefix);
            item.push_str(line);
            item.push('\n');
        }
    }
    Ok(item.trim_end_matches('\n').to_string())
}

fn with_crlf(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Where a top-level list is in the text and how it is written.
enum ListAt {
    /// `key:` on line `key_line`, its items in block form; the last line that belongs to
    /// the list is `last_line`, its items start at column `indent`.
    Block { last_line: usize, indent: usize },
    /// `key: [...]`, from byte `start` (the `[`) to byte `end` (after the `]`).
    Flow { start: usize, end: usize },
}

/// `text` with `items` (each a `- ...` list item, possibly of several lines) added at the
/// end of the top-level list `key`, after a `# comment` line when one is given.
pub(super) fn append_to_list(
    text: &str,
    key: &str,
    items: &[String],
    comment: Option<&str>,
) -> Result<String, String> {
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let key_line = lines
        .iter()
        .position(|line| is_key_line(line, key))
        .ok_or_else(|| format!("no top-level `{key}:` list to add to"))?;
    let mut block = Vec::new();
    match locate(&text, &lines, key_line, key)? {
        ListAt::Block { last_line, indent } => {
            push_items(&mut block, items, comment, indent);
            let mut out: Vec<&str> = lines[..=last_line].to_vec();
            let added = block.join("\n");
            out.push(&added);
            out.extend_from_slice(&lines[last_line + 1..]);
            Ok(ensure_newline(out.join("\n")))
        }
        ListAt::Flow { start, end } => {
            let existing: Vec<serde_yaml::Value> = serde_yaml::from_str(&text[start..end])
                .map_err(|e| format!("`{key}: [...]` could not be read: {e}"))?;
            for value in &existing {
                let yaml = serde_yaml::to_string(value).map_err(|e| e.to_string())?;
                block.push(indent_item(&yaml_item(&yaml), 2));
            }
            push_items(&mut block, items, comment, 2);
            let rest = text[end..].trim_start_matches([' ', '\t']);
            let (trailing, rest) = match rest.split_once('\n') {
                Some((same_line, rest)) => (same_line, rest),
                None => (rest, ""),
            };
            let before = text[..start].trim_end_matches([' ', '\t']);
            let trailing = if trailing.is_empty() {
                String::new()
            } else {
                format!(" {trailing}")
            };
            Ok(ensure_newline(format!(
                "{before}{trailing}\n{}\n{rest}",
                block.join("\n")
            )))
        }
    }
}

fn ensure_newline(mut text: String) -> String {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

fn push_items(block: &mut Vec<String>, items: &[String], comment: Option<&str>, indent: usize) {
    if let Some(comment) = comment {
        block.push(format!("{}# {comment}", " ".repeat(indent)));
    }
    block.extend(items.iter().map(|item| indent_item(item, indent)));
}

/// A serialised mapping as a `- ` list item.
fn yaml_item(yaml: &str) -> String {
    let trimmed = yaml.trim_end_matches('\n');
    if !trimmed.contains('\n') {
        return format!("- {trimmed}");
    }
    trimmed
        .lines()
        .enumerate()
        .map(|(n, line)| match (n, line.is_empty()) {
            (_, true) => String::new(),
            (0, false) => format!("- {line}"),
            (_, false) => format!("  {line}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn indent_item(item: &str, indent: usize) -> String {
    let pad = " ".repeat(indent);
    item.split('\n')
        .map(|line| {
            if line.is_empty() {
                String::new()
            } else {
                format!("{pad}{line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `line` is the top-level `key:` (at column 0, with nothing or a value after).
fn is_key_line(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// Where the list under `key:` (on `key_line`) is and how it is written.
fn locate(text: &str, lines: &[&str], key_line: usize, key: &str) -> Result<ListAt, String> {
    let after_key = lines[key_line][key.len() + 1..].trim_start();
    if after_key.starts_with('[') {
        let line_start: usize = lines[..key_line].iter().map(|l| l.len() + 1).sum();
        let start = line_start + (lines[key_line].len() - after_key.len());
        let end =
            flow_end(text, start).ok_or_else(|| format!("the `{key}: [` list is not closed"))?;
        return Ok(ListAt::Flow { start, end });
    }
    if !(after_key.is_empty() || after_key.starts_with('#')) {
        return Err(format!(
            "`{key}:` is not followed by a list this import can add to"
        ));
    }
    let mut last_line = key_line;
    let mut indent = None;
    for (n, line) in lines.iter().enumerate().skip(key_line + 1) {
        let content = line.trim_start();
        if content.is_empty() {
            continue;
        }
        let column = line.len() - content.len();
        let at_margin = column == 0;
        if at_margin && !content.starts_with('-') {
            if content.starts_with('#') {
                continue;
            }
            break;
        }
        if indent.is_none() && content.starts_with('-') {
            indent = Some(column);
        }
        last_line = n;
    }
    Ok(ListAt::Block {
        last_line,
        indent: indent.unwrap_or(2),
    })
}

/// The byte after the `]` closing the flow sequence that opens at `start`.
fn flow_end(text: &str, start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut chars = text[start..].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some('\''), '\'') if chars.peek().map(|(_, c)| *c) == Some('\'') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => {
                // A comment runs to the end of its line.
                while chars.peek().is_some_and(|(_, c)| *c != '\n') {
                    chars.next();
                }
            }
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            _ => {}
        }
        previous = c;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_block_list_gets_the_items_after_its_last_line_at_its_own_indent() {
        let text = "events:\n    - at: x   # keep\n      title: 'a'\n\n# Causes next\ncauses: []\n";
        let merged = append_to_list(
            text,
            "events",
            &items(&["- at: y\n  title: b"]),
            Some("new"),
        )
        .unwrap();
        assert_eq!(
            merged,
            "events:\n    - at: x   # keep\n      title: 'a'\n    # new\n    - at: y\n      title: b\n\n# Causes next\ncauses: []\n"
        );
    }

    #[test]
    fn a_list_at_the_margin_and_a_file_without_a_final_newline_are_kept() {
        let text = "title: t\nevents:\n- {at: x, title: a}";
        let merged = append_to_list(text, "events", &items(&["- {at: y}"]), None).unwrap();
        assert_eq!(
            merged,
            "title: t\nevents:\n- {at: x, title: a}\n- {at: y}\n"
        );
    }

    #[test]
    fn a_flow_list_is_rewritten_as_a_block_and_only_that_key() {
        let text =
            "a: 1 # one\nevents: [{at: x, title: \"a, [b]\"},\n  {at: z, title: c}] # end\nb: 2\n";
        let merged = append_to_list(text, "events", &items(&["- at: y"]), None).unwrap();
        assert_eq!(
            merged,
            "a: 1 # one\nevents: # end\n  - at: x\n    title: a, [b]\n  - at: z\n    title: c\n  - at: y\nb: 2\n"
        );
    }

    #[test]
    fn a_file_without_the_list_says_so() {
        let error = append_to_list("title: t\n", "events", &items(&["- x"]), None).unwrap_err();
        assert_eq!(error, "no top-level `events:` list to add to");
    }
}

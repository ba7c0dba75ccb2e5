//! YAML-level slips in our words: a tab, an unquoted colon, a key at the wrong indentation.
//!
//! The parser says where it gave up ("mapping values are not allowed in this
//! context"); these read the lines around that place to say what the author
//! did, and point at the line to change, which is not always the one the
//! parser stopped on.

use crate::diagnostic::Position;

/// A slip, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Slip {
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where to fix it.
    pub position: Position,
}

/// Explains a parser error at `location` (1-based line and column), if it is a known slip.
pub(super) fn diagnose(
    text: &str,
    message: &str,
    location: Option<(usize, usize)>,
) -> Option<Slip> {
    let (line, column) = location?;
    let lines = Lines::new(text);
    let at = lines.get(line.checked_sub(1)?)?;
    if message.contains("tab") || message.contains("cannot start any token") {
        return tab(&lines, at);
    }
    let is_mapping = message.starts_with("mapping values are not allowed");
    if is_mapping || message.starts_with("did not find expected ',' or '}'") {
        let index = at.text.char_indices().nth(column.checked_sub(1)?)?.0;
        if at.text[index..].starts_with(':') && at.text[..index].contains(": ") {
            return Some(unquoted_colon(at, index));
        }
    }
    if is_mapping {
        return deeper_than_above(&lines, at);
    }
    let misaligned = [
        "did not find expected key",
        "did not find expected '-' indicator",
    ];
    if misaligned.iter().any(|start| message.starts_with(start)) {
        return misaligned_key(&lines, at);
    }
    None
}

/// One line of the file, without its line break.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    /// 0-based.
    index: usize,
    /// Byte offset of its start.
    start: usize,
    text: &'a str,
}

impl<'a> Line<'a> {
    /// Where a key starts, past spaces and list dashes (`  - id:` has its key at 4).
    fn key_column(&self) -> usize {
        let mut column = self.text.len() - self.text.trim_start_matches(' ').len();
        let mut rest = &self.text[column..];
        while let Some(after) = rest.strip_prefix('-').filter(|a| a.starts_with(' ')) {
            let trimmed = after.trim_start_matches(' ');
            column += 1 + after.len() - trimmed.len();
            rest = trimmed;
        }
        column
    }

    /// The key the line starts with, or its first word.
    fn key(&self) -> &'a str {
        let rest = self.text[self.key_column()..].trim_start_matches('{');
        let end = rest.find(':').unwrap_or(rest.len());
        rest[..end].trim()
    }

    /// The line without a trailing comment (` # ...`).
    fn code(&self) -> &'a str {
        match self.text.find(" #") {
            Some(end) => self.text[..end].trim_end(),
            None => self.text.trim_end(),
        }
    }

    fn is_content(&self) -> bool {
        let trimmed = self.text.trim();
        !trimmed.is_empty() && !trimmed.starts_with('#') && trimmed != "---"
    }

    /// Whether the line ends in `key:`, so the lines below belong to it.
    fn opens_block(&self) -> bool {
        self.code().ends_with(':')
    }

    /// The position of the byte range `from..from + len` of this line.
    fn position(&self, from: usize, len: usize) -> Position {
        Position {
            line: self.index + 1,
            column: self.text[..from].chars().count() + 1,
            offset: self.start + from,
            len: len.max(1),
        }
    }

    fn key_position(&self) -> Position {
        self.position(self.key_column(), self.key().len())
    }
}

struct Lines<'a>(Vec<Line<'a>>);

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut start = 0;
        let mut lines = Vec::new();
        for (index, raw) in text.split('\n').enumerate() {
            lines.push(Line {
                index,
                start,
                text: raw.strip_suffix('\r').unwrap_or(raw),
            });
            start += raw.len() + 1;
        }
        Lines(lines)
    }

    fn get(&self, index: usize) -> Option<Line<'a>> {
        self.0.get(index).copied()
    }

    /// The lines with content above `line`, nearest first.
    fn above(&self, line: Line<'a>) -> impl Iterator<Item = Line<'a>> + '_ {
        self.0[..line.index]
            .iter()
            .rev()
            .copied()
            .filter(Line::is_content)
    }
}

fn tab(lines: &Lines<'_>, at: Line<'_>) -> Option<Slip> {
    let indent_end = at.text.len() - at.text.trim_start_matches([' ', '\t']).len();
    let tab = at.text[..indent_end].find('\t')?;
    let shown: String = at.text.replace('\t', "→").chars().take(60).collect();
    let hint = match lines.above(at).next() {
        Some(above) if above.key_column() == 0 && !above.opens_block() => format!(
            "delete the tab, so that '{}' lines up with '{}' above",
            at.key(),
            above.key()
        ),
        Some(above) if above.opens_block() => format!(
            "replace the tab with spaces: {} to indent it under '{}'",
            above.key_column() + 2,
            above.key()
        ),
        Some(above) => format!(
            "replace the tab with spaces: {} to line it up with '{}' above",
            above.key_column(),
            above.key()
        ),
        None => "replace the tab with spaces".to_string(),
    };
    Some(Slip {
        message: format!("YAML indents with spaces, but this line starts with a tab: `{shown}`"),
        hint: Some(hint),
        position: at.position(tab, 1),
    })
}

/// `title: Human error: checkout`: the second `: ` starts a key where none may be.
fn unquoted_colon(at: Line<'_>, colon: usize) -> Slip {
    let key_colon = at.text[..colon].rfind(": ").unwrap_or(0);
    let before = &at.text[..key_colon];
    let key_start = before.rfind(['{', ',']).map_or(at.key_column(), |i| i + 1);
    let key = before[key_start..].trim().trim_start_matches("- ");
    let in_flow = before.contains('{');
    let rest = &at.text[key_colon + 2..];
    let value_end = if in_flow {
        rest.find([',', '}']).unwrap_or(rest.len())
    } else {
        rest.find(" #").unwrap_or(rest.len())
    };
    let value = rest[..value_end].trim();
    let quoted = if value.contains('"') {
        format!("'{}'", value.replace('\'', "''"))
    } else {
        format!("\"{value}\"")
    };
    Slip {
        message: format!(
            "the value of '{key}' holds a colon and a space, which YAML reads as a new key"
        ),
        hint: Some(format!("quote the value: `{key}: {quoted}`")),
        position: at.position(colon, 1),
    }
}

/// A key indented deeper than the line above, which holds a value and so can have nothing under it.
fn deeper_than_above(lines: &Lines<'_>, at: Line<'_>) -> Option<Slip> {
    let mut above = lines.above(at);
    let previous = above.next()?;
    if at.key_column() <= previous.key_column() || previous.opens_block() {
        return None;
    }
    // `impact:` then `description:` at the same indentation: the line above is the one
    // left out of its block, and the parser noticed only on the line after it.
    if let Some(opener) = above.next() {
        if opener.opens_block() && previous.key_column() <= opener.key_column() {
            return Some(Slip {
                message: format!(
                    "'{}' is not indented under '{}'",
                    previous.key(),
                    opener.key()
                ),
                hint: Some(format!(
                    "indent it by {} spaces, like '{}' below it",
                    at.key_column() - previous.key_column(),
                    at.key()
                )),
                position: previous.key_position(),
            });
        }
    }
    Some(Slip {
        message: format!(
            "'{}' is indented more than '{}' above it",
            at.key(),
            previous.key()
        ),
        hint: Some(format!(
            "line it up with '{}' (column {}); if the line continues the value above, quote that value",
            previous.key(),
            previous.key_column() + 1
        )),
        position: at.key_position(),
    })
}

/// A key whose indentation matches no enclosing block: suggests the nearest ones that do.
fn misaligned_key(lines: &Lines<'_>, at: Line<'_>) -> Option<Slip> {
    let column = at.key_column();
    let mut enclosing: Vec<Line<'_>> = Vec::new();
    for line in lines.above(at) {
        if enclosing
            .last()
            .is_none_or(|last| line.key_column() < last.key_column())
        {
            enclosing.push(line);
        }
        if line.key_column() == 0 {
            break;
        }
    }
    let distance = |line: &Line<'_>| line.key_column().abs_diff(column);
    let nearest = enclosing.iter().map(distance).min()?;
    let choices: Vec<String> = enclosing
        .iter()
        .filter(|line| distance(line) == nearest)
        .map(|line| {
            format!(
                "'{}' on line {} (column {})",
                line.key(),
                line.index + 1,
                line.key_column() + 1
            )
        })
        .collect();
    Some(Slip {
        message: format!("'{}' is not lined up with the keys above it", at.key()),
        hint: Some(format!("line it up with {}", choices.join(" or with "))),
        position: at.key_position(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(text: &str, message: &str, line: usize, column: usize) -> Slip {
        diagnose(text, message, Some((line, column))).expect("a known slip")
    }

    #[test]
    fn a_tab_is_shown_and_pointed_at() {
        let text = "impact:\n  description: d\n\tcustomers: 3\n";
        let found = slip(
            text,
            "found a tab character that violates indentation",
            3,
            1,
        );
        assert_eq!(
            found.message,
            "YAML indents with spaces, but this line starts with a tab: `→customers: 3`"
        );
        assert_eq!((found.position.line, found.position.column), (3, 1));
    }

    #[test]
    fn a_colon_in_a_flow_value_is_quoted_in_the_hint() {
        let text = "events:\n  - {id: a, title: Human error: b}\n";
        let found = slip(text, "did not find expected ',' or '}'", 2, 31);
        assert_eq!(
            found.hint.as_deref(),
            Some("quote the value: `title: \"Human error: b\"`")
        );
    }

    #[test]
    fn a_key_left_out_of_its_block_is_blamed_not_the_line_after_it() {
        let text = "impact:\ndescription: d\n  customers: 3\n";
        let found = slip(
            text,
            "mapping values are not allowed in this context",
            3,
            12,
        );
        assert_eq!(
            found.message,
            "'description' is not indented under 'impact'"
        );
        assert_eq!((found.position.line, found.position.column), (2, 1));
    }
}

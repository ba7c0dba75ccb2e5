//! Positions of keys and values, from a span-aware YAML parse.
//!
//! serde_yaml gives no positions for values that deserialised fine, so when a
//! file has something to report we parse it once more with saphyr-parser and
//! map each diagnostic's path (`events[0].caused_by[0]`) to a line and column.
//! Files without diagnostics never pay for this.

use crate::diagnostic::Position;
use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;
use std::fmt;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path into a YAML document, such as `events[0].caused_by[0]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YamlPath(pub Vec<Segment>);

impl YamlPath {
    /// The document root.
    pub fn root() -> Self {
        YamlPath(Vec::new())
    }

    /// This path extended by a key.
    pub fn key(&self, key: &str) -> Self {
        self.extended(Segment::Key(key.to_string()))
    }

    /// This path extended by an index.
    pub fn index(&self, index: usize) -> Self {
        self.extended(Segment::Index(index))
    }

    /// The last segment's key, when the path ends in a key (`caused_by` of `events[0].caused_by`).
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }

    fn extended(&self, last: Segment) -> Self {
        let mut segments = Vec::with_capacity(self.0.len() + 2);
        segments.extend_from_slice(&self.0);
        segments.push(last);
        YamlPath(segments)
    }

    /// Shorthand for `root().key(list).index(i).key(field)`.
    pub fn field(list: &str, index: usize, field: &str) -> Self {
        // Validation makes one of these for every id and time it reads: build it
        // in one allocation, with room for one more index.
        let mut segments = Vec::with_capacity(4);
        segments.extend([
            Segment::Key(list.to_string()),
            Segment::Index(index),
            Segment::Key(field.to_string()),
        ]);
        YamlPath(segments)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if i == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Whether a diagnostic points at a mapping key or at its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The key itself (for unknown keys).
    Key,
    /// The value under the key (for everything else).
    Value,
    /// A stretch of the scalar value under the key: `len` bytes from byte `offset` of the
    /// value as parsed (after folding, unindenting and unescaping).
    Within {
        /// Where the stretch starts in the parsed value.
        offset: usize,
        /// Its length in bytes.
        len: usize,
    },
}

#[derive(Debug)]
enum Node {
    /// A scalar, with its parsed value (none for an alias).
    Leaf(Span, Option<String>),
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(String, Span, Node)>),
}

impl Node {
    fn span(&self) -> Span {
        match self {
            Node::Leaf(span, _) | Node::Seq(span, _) | Node::Map(span, _) => *span,
        }
    }
}

/// Line starts of a text, for turning line/column into byte offsets.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// Byte offset of a 1-based line and a 0-based character column.
    fn offset(&self, line: usize, column0: usize) -> usize {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(column0)
            .map(|(i, _)| start + i)
            .unwrap_or(start + rest.len())
    }
}

/// A parsed document that can answer "where is this path?".
///
/// ```
/// use rootline::load::positions::{SpanMap, Target, YamlPath};
/// let text = "events:\n  - caused_by: [cert-expird]\n";
/// let path = YamlPath::field("events", 0, "caused_by").index(0);
/// let at = SpanMap::new(text).locate(&path, Target::Value);
/// assert_eq!((at.line, at.column), (2, 17));
/// ```
pub struct SpanMap<'a> {
    lines: Lines<'a>,
    root: Option<Node>,
}

impl<'a> SpanMap<'a> {
    /// Parses `text`; an unparsable document answers every question with the file start.
    pub fn new(text: &'a str) -> Self {
        SpanMap {
            lines: Lines::new(text),
            root: build_tree(text),
        }
    }

    /// The position of `path`'s key or value; the nearest existing ancestor when the path is missing.
    pub fn locate(&self, path: &YamlPath, target: Target) -> Position {
        let Some(mut node) = self.root.as_ref() else {
            return self.position_of(None);
        };
        let mut key_span = None;
        for segment in &path.0 {
            let next = match (segment, node) {
                (Segment::Key(key), Node::Map(_, entries)) => entries
                    .iter()
                    .find(|(name, _, _)| name == key)
                    .map(|(_, span, value)| (Some(*span), value)),
                (Segment::Index(index), Node::Seq(_, items)) => {
                    items.get(*index).map(|item| (None, item))
                }
                _ => None,
            };
            match next {
                Some((span, child)) => {
                    key_span = span;
                    node = child;
                }
                None => return self.position_of(Some(node.span())),
            }
        }
        // A whole block collection is best shown by its key.
        let is_collection = matches!(node, Node::Seq(..) | Node::Map(..));
        if let (Target::Within { offset, len }, Node::Leaf(span, Some(value))) = (target, node) {
            return self.position_within(*span, value, offset, len);
        }
        match (target, key_span) {
            (Target::Key, Some(span)) => self.position_of(Some(span)),
            (Target::Value, Some(span)) if is_collection => self.position_of(Some(span)),
            _ => self.position_of(Some(node.span())),
        }
    }

    fn position_of(&self, span: Option<Span>) -> Position {
        let Some(span) = span else {
            return Position {
                line: 1,
                column: 1,
                offset: 0,
                len: 1,
            };
        };
        let start = self.lines.offset(span.start.line(), span.start.col());
        let end = self
            .lines
            .offset(span.end.line(), span.end.col())
            .max(start);
        // Block collections span many lines; underline only the first one.
        let line_end = self.lines.text[start..]
            .find('\n')
            .map(|i| start + i)
            .unwrap_or(self.lines.text.len());
        Position {
            line: span.start.line(),
            column: span.start.col() + 1,
            offset: start,
            len: end.min(line_end).saturating_sub(start).max(1),
        }
    }
}

impl SpanMap<'_> {
    /// The place of `len` bytes from `offset` of a scalar's parsed `value`, written at `span`;
    /// the scalar's start when the source cannot be followed (an escape inside the stretch).
    fn position_within(&self, span: Span, value: &str, offset: usize, len: usize) -> Position {
        let start = self.lines.offset(span.start.line(), span.start.col());
        let end = self
            .lines
            .offset(span.end.line(), span.end.col())
            .max(start);
        let source = &self.lines.text[start..end];
        let found =
            source_offset(source, value, offset).zip(source_offset(source, value, offset + len));
        let Some((from, to)) = found else {
            return self.position_of(Some(span));
        };
        let from = start + from;
        let to = start + to;
        let line_start = self.lines.text[..from].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.lines.text[from..]
            .find('\n')
            .map_or(self.lines.text.len(), |i| from + i);
        Position {
            line: self.lines.text[..from].matches('\n').count() + 1,
            column: self.lines.text[line_start..from].chars().count() + 1,
            offset: from,
            len: to.min(line_end).saturating_sub(from).max(1),
        }
    }
}

/// The byte offset in `source` (a scalar as written: quoted, folded or a block) of byte
/// `target` of its parsed `value`. Folding and indentation change only whitespace, so the
/// two are walked together, any run of whitespace in one matching any run in the other;
/// an escape (`\"` in double quotes, `''` in single ones) stands for one character.
fn source_offset(source: &str, value: &str, target: usize) -> Option<usize> {
    let quote = source.chars().next().filter(|c| *c == '"' || *c == '\'');
    let mut from = quote.map_or(0, char::len_utf8);
    let mut at = 0;
    while at < target {
        let rest = &source[from..];
        let wanted = value[at..].chars().next()?;
        let written = rest.chars().next()?;
        if wanted.is_whitespace() && !(quote == Some('"') && written == '\\') {
            at += skip_whitespace(&value[at..]);
            from += skip_whitespace(rest);
            continue;
        }
        let step = match (quote, written) {
            (Some('"'), '\\') => escape_len(rest),
            (Some('\''), '\'') if rest.starts_with("''") => 2,
            (_, c) if c == wanted => c.len_utf8(),
            _ => return None,
        };
        at += wanted.len_utf8();
        from += step;
    }
    (at == target).then_some(from)
}

/// The length in bytes of the whitespace `text` starts with.
fn skip_whitespace(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

/// The length in bytes of the double-quoted escape `text` starts with (`\"`, `\x41`, `\u00e9`),
/// stopping at the text's end; always a whole number of characters.
fn escape_len(text: &str) -> usize {
    let digits = match text.as_bytes().get(1) {
        Some(b'x') => 2,
        Some(b'u') => 4,
        Some(b'U') => 8,
        _ => 0,
    };
    // The backslash, the letter, then the digits.
    text.char_indices()
        .nth(2 + digits)
        .map_or(text.len(), |(end, _)| end)
}

/// A key written twice in one mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedKey {
    /// The path of the key, which both copies share.
    pub path: YamlPath,
    /// Where the first copy is.
    pub first: Position,
    /// Where the repeat is.
    pub repeat: Position,
}

impl SpanMap<'_> {
    /// Every key that repeats an earlier key of its mapping, in file order.
    pub fn repeated_keys(&self) -> Vec<RepeatedKey> {
        let mut found = Vec::new();
        let mut stack: Vec<(YamlPath, &Node)> = self
            .root
            .iter()
            .map(|node| (YamlPath::root(), node))
            .collect();
        while let Some((path, node)) = stack.pop() {
            match node {
                Node::Leaf(..) => {}
                Node::Seq(_, items) => stack.extend(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| (path.index(i), item)),
                ),
                Node::Map(_, entries) => {
                    let mut seen: HashMap<&str, Span> = HashMap::new();
                    for (key, span, value) in entries {
                        match seen.get(key.as_str()) {
                            Some(first) => found.push(RepeatedKey {
                                path: path.key(key),
                                first: self.position_of(Some(*first)),
                                repeat: self.position_of(Some(*span)),
                            }),
                            None => {
                                seen.insert(key, *span);
                            }
                        }
                        stack.push((path.key(key), value));
                    }
                }
            }
        }
        found.sort_by_key(|repeated| repeated.repeat.offset);
        found
    }
}

enum Frame {
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(String, Span, Node)>, Option<(String, Span)>),
}

/// Builds the span tree of the first document, iteratively (no recursion on nesting depth).
fn build_tree(text: &str) -> Option<Node> {
    let mut stack: Vec<Frame> = Vec::new();
    for item in Parser::new_from_str(text) {
        let (event, span) = item.ok()?;
        let finished = match event {
            Event::Scalar(value, ..) => {
                let value = value.into_owned();
                Some((Node::Leaf(span, Some(value.clone())), Some(value)))
            }
            Event::Alias(_) => Some((Node::Leaf(span, None), None)),
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(span, Vec::new()));
                None
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(span, Vec::new(), None));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match stack.pop()? {
                    Frame::Seq(start, items) => Node::Seq(start, items),
                    Frame::Map(start, entries, _) => Node::Map(start, entries),
                };
                Some((node, None))
            }
            Event::DocumentEnd | Event::StreamEnd => break,
            _ => None,
        };
        let Some((node, scalar)) = finished else {
            continue;
        };
        match stack.last_mut() {
            None => return Some(node),
            Some(Frame::Seq(_, items)) => items.push(node),
            Some(Frame::Map(_, entries, pending)) => match pending.take() {
                Some((key, key_span)) => entries.push((key, key_span, node)),
                None => *pending = Some((scalar.unwrap_or_default(), node.span())),
            },
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "title: x\nevents:\n  - id: a\n    caused_by: [cert-expird]\n  - title: \"é\"\n";

    #[test]
    fn finds_a_value_inside_a_flow_sequence() {
        let map = SpanMap::new(DOC);
        let path = YamlPath::field("events", 0, "caused_by").index(0);
        let pos = map.locate(&path, Target::Value);
        assert_eq!((pos.line, pos.column), (4, 17));
        assert_eq!(&DOC[pos.offset..pos.offset + pos.len], "cert-expird");
    }

    #[test]
    fn finds_keys_and_falls_back_to_the_nearest_ancestor() {
        let map = SpanMap::new(DOC);
        let key = map.locate(&YamlPath::field("events", 1, "title"), Target::Key);
        assert_eq!((key.line, key.column), (5, 5));
        let missing = map.locate(&YamlPath::field("events", 1, "nope"), Target::Value);
        assert_eq!((missing.line, missing.column), (5, 5));
    }

    #[test]
    fn a_repeated_key_is_found_at_its_repeat() {
        let text = "title: a\nevents:\n  - {id: x, id: y}\ntitle: b\n";
        let repeats = SpanMap::new(text).repeated_keys();
        let found: Vec<(String, usize, usize)> = repeats
            .iter()
            .map(|r| (r.path.to_string(), r.repeat.line, r.repeat.column))
            .collect();
        assert_eq!(
            found,
            [
                ("events[0].id".to_string(), 3, 13),
                ("title".to_string(), 4, 1)
            ]
        );
        assert_eq!((repeats[1].first.line, repeats[1].first.column), (1, 1));
    }

    /// Where `phrase` is found in the value at `path`, as (line, column).
    fn phrase_at(text: &str, path: &YamlPath, value: &str, phrase: &str) -> (usize, usize) {
        let offset = value.rfind(phrase).expect("the phrase is in the value");
        let target = Target::Within {
            offset,
            len: phrase.len(),
        };
        let at = SpanMap::new(text).locate(path, target);
        assert_eq!(&text[at.offset..at.offset + at.len], phrase);
        (at.line, at.column)
    }

    #[test]
    fn a_stretch_of_a_folded_or_literal_block_is_found_on_its_own_line() {
        let text = "a: >\n  one two\n  three four\nb: |\n  x\n    y z\n";
        let a = YamlPath::root().key("a");
        assert_eq!(phrase_at(text, &a, "one two three four\n", "four"), (3, 9));
        let b = YamlPath::root().key("b");
        assert_eq!(phrase_at(text, &b, "x\n  y z\n", "z"), (6, 7));
    }

    #[test]
    fn a_stretch_of_a_quoted_or_plain_scalar_counts_escapes_and_folds() {
        let text = "c: \"q\\\"r then s\"\nd: 'it''s t'\ne: plain\n  more words\n";
        let c = YamlPath::root().key("c");
        assert_eq!(phrase_at(text, &c, "q\"r then s", "then"), (1, 10));
        let d = YamlPath::root().key("d");
        assert_eq!(phrase_at(text, &d, "it's t", "t"), (2, 11));
        let e = YamlPath::root().key("e");
        assert_eq!(phrase_at(text, &e, "plain more words", "words"), (4, 8));
    }

    #[test]
    fn a_hex_escape_counts_as_the_one_character_it_stands_for() {
        let text = "c: \"caf\\xe9 then\"\n";
        let c = YamlPath::root().key("c");
        assert_eq!(phrase_at(text, &c, "caf\u{e9} then", "then"), (1, 13));
    }

    #[test]
    fn paths_print_like_serde() {
        let path = YamlPath::field("events", 0, "caused_by").index(2);
        assert_eq!(path.to_string(), "events[0].caused_by[2]");
    }
}

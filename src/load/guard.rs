//! Guards that run before any YAML parser: nesting depth.
//!
//! Both YAML parsers we use slow down quadratically with flow nesting depth
//! (measured: 100,000 levels of `[` took serde_yaml 29 s, saphyr minutes), so
//! a file nested deeper than the limit is refused before either sees it. A
//! linear scan of brackets outside quotes and comments finds candidates; a
//! saphyr parse that stops as soon as the limit is passed confirms them, so
//! brackets inside plain text never cause a false alarm.

use saphyr_parser::{Event, Parser};

/// Byte offset of the first alias beyond `limit`, if there are more aliases than that.
/// Aliases are how YAML repeats data; bounding their number bounds expansion
/// (serde_yaml adds its own cap of 100 times the document's events).
pub fn too_many_aliases(text: &str, limit: usize) -> Option<usize> {
    // An alias is written `*name`; fewer asterisks than the limit settle it at once.
    if count_bytes(text, |b| b == b'*') <= limit {
        return None;
    }
    let mut count = 0usize;
    for item in Parser::new_from_str(text) {
        let Ok((event, span)) = item else { return None };
        if let Event::Alias(_) = event {
            count += 1;
            if count > limit {
                return Some(char_to_byte(text, span.start.index()));
            }
        }
    }
    None
}

/// Byte offset of the first collection nested deeper than `limit`, if any.
pub fn too_deep(text: &str, limit: usize) -> Option<usize> {
    // Fewer brackets in all than the limit cannot nest deeper than it (the usual case).
    let brackets = count_bytes(text, |b| b == b'[' || b == b'{');
    if brackets <= limit || bracket_depth(text) <= limit {
        return None;
    }
    confirm(text, limit)
}

/// The deepest nesting of `[` and `{` outside quoted strings and comments (an upper bound).
fn bracket_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote: Option<u8> = None;
    let mut comment = false;
    let mut previous = b'\n';
    let mut bytes = text.bytes();
    while let Some(b) = bytes.next() {
        if comment {
            comment = b != b'\n';
        } else if let Some(q) = quote {
            if q == b'"' && b == b'\\' {
                bytes.next();
            } else if b == q {
                quote = None;
            }
        } else {
            match b {
                b'#' if previous.is_ascii_whitespace() => comment = true,
                b'"' | b'\''
                    if matches!(previous, b' ' | b'\t' | b'\n' | b'[' | b'{' | b',' | b':') =>
                {
                    quote = Some(b)
                }
                b'[' | b'{' => {
                    depth += 1;
                    deepest = deepest.max(depth);
                }
                b']' | b'}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        previous = b;
    }
    deepest
}

/// Walks parser events only until the limit is passed.
fn confirm(text: &str, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for item in Parser::new_from_str(text) {
        let (event, span) = match item {
            Ok(ok) => ok,
            // The parser's own nesting limit is the same verdict.
            Err(e) if e.info().contains("recursion limit") => {
                return Some(char_to_byte(text, e.marker().index()));
            }
            // Any other syntax error is reported by the deserialiser, which stops there too.
            Err(_) => return None,
        };
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                depth += 1;
                if depth > limit {
                    return Some(char_to_byte(text, span.start.index()));
                }
            }
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// How many bytes of `text` are `wanted`. Runs on every file before parsing.
fn count_bytes(text: &str, wanted: impl Fn(u8) -> bool) -> usize {
    // A one-byte counter per chunk of 255 cannot overflow and lets the compiler
    // compare 16 or more bytes an instruction; `filter().count()` widened every
    // byte to a 64-bit lane (4 bytes a step, 3% of the reading stage's CPU).
    text.as_bytes()
        .chunks(255)
        .map(|chunk| usize::from(chunk.iter().fold(0u8, |n, &b| n + u8::from(wanted(b)))))
        .sum()
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::too_deep;

    #[test]
    fn deep_flow_nesting_is_found_quickly() {
        let deep = format!(
            "title: x\nx-deep: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let started = std::time::Instant::now();
        let offset = too_deep(&deep, 64).expect("too deep");
        assert_eq!(&deep[offset..offset + 1], "[");
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn aliases_beyond_the_limit_are_found_and_asterisks_in_text_are_not_aliases() {
        let many = format!("a: &a [x]\nb: [{}]\n", vec!["*a"; 50].join(", "));
        assert!(super::too_many_aliases(&many, 10).is_some());
        assert_eq!(super::too_many_aliases(&many, 50), None);
        let stars = format!("summary: \"{}\"\n", "*".repeat(500));
        assert_eq!(super::too_many_aliases(&stars, 10), None);
    }

    #[test]
    fn byte_counts_are_exact_across_chunk_boundaries() {
        for length in [0, 1, 254, 255, 256, 511, 1_000, 70_000] {
            let text: String = (0..length)
                .map(|i| if i % 3 == 0 { '[' } else { 'a' })
                .collect();
            let expected = text.bytes().filter(|&b| b == b'[').count();
            assert_eq!(
                super::count_bytes(&text, |b| b == b'['),
                expected,
                "{length}"
            );
            let all = "*".repeat(length);
            assert_eq!(super::count_bytes(&all, |b| b == b'*'), length);
        }
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        let text = format!(
            "title: \"{}\"\nsummary: {} # {}\n",
            "[".repeat(500),
            "a [".repeat(300),
            "{".repeat(300)
        );
        assert_eq!(too_deep(&text, 64), None);
        assert_eq!(too_deep("a: [[1], {b: [2]}]\n", 64), None);
    }
}

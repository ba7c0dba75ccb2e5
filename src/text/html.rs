//! Escaping for HTML, XML and SVG text.

/// Escapes the characters that matter in HTML, XML and SVG text and quoted attribute
/// values; control characters other than tab and newlines (invalid there) become spaces.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    escape_runs(text, |piece| out.push_str(piece));
    out
}

/// The same, written to `out` (Tera's escape hook; no string per value).
pub fn escape_html_to(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    escape_runs(text, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

/// Hands `emit` the escaped text piece by piece: runs of bytes that need nothing
/// whole (this is on every page's hot path), and the replacements between them.
fn escape_runs(text: &str, mut emit: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut run_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (replacement, width): (&str, usize) = match bytes[i] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#39;", 1),
            b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            0..=0x1f | 0x7f => (" ", 1),
            // U+0080 to U+009F, the C1 controls, are 0xC2 0x80..=0x9F in UTF-8.
            0xc2 if bytes.get(i + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => (" ", 2),
            _ => {
                i += 1;
                continue;
            }
        };
        emit(&text[run_start..i]);
        emit(replacement);
        i += width;
        run_start = i;
    }
    emit(&text[run_start..]);
}

#[cfg(test)]
mod tests {
    use super::escape_html;
    use proptest::prelude::*;

    /// The plain definition the fast escaper must agree with.
    fn escape_by_char(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                '\t' | '\n' | '\r' => c.to_string(),
                c if c.is_control() => " ".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn escapes_markup_and_blanks_control_characters() {
        assert_eq!(
            escape_html("<a href=\"x\">O2 & 'Ericsson'</a>"),
            "&lt;a href=&quot;x&quot;&gt;O2 &amp; &#39;Ericsson&#39;&lt;/a&gt;"
        );
        assert_eq!(escape_html("bell\u{7}\u{85}é\tok\n"), "bell  é\tok\n");
    }

    proptest! {
        #[test]
        fn agrees_with_the_character_definition(text in "\\PC*|[\\x00-\\x{a0}<>&\"'é€😀]*") {
            prop_assert_eq!(escape_html(&text), escape_by_char(&text));
        }
    }
}

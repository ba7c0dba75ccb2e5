//! Markdown fields to safe HTML (pulldown-cmark, then ammonia), and escaping for Markdown output.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::sync::OnceLock;

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Only links a reader can follow safely; no data:, no javascript:.
        builder.url_schemes(["http", "https", "mailto"].into_iter().collect());
        builder.link_rel(Some("noopener noreferrer nofollow"));
        builder
    })
}

/// Whether Markdown can only produce pulldown-cmark's own tags around escaped text:
/// no `<` (raw HTML, autolinks), no `]` (links, images, reference definitions) and
/// no `|` (tables, whose alignment becomes a `style` attribute), no fences (their
/// language becomes a `class`). Most fields qualify, and skip the sanitiser's HTML parse;
/// a test keeps the output equal to the sanitiser's.
fn is_plain(markdown: &str) -> bool {
    !markdown.contains(']') && is_plain_but_for_links(markdown)
}

/// `is_plain` without the `]` rule: links and images may be present.
fn is_plain_but_for_links(markdown: &str) -> bool {
    !markdown.contains(['<', '|']) && !markdown.contains("```") && !markdown.contains("~~~")
}

const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES.union(Options::ENABLE_STRIKETHROUGH);

/// Renders incident Markdown to HTML that cannot run anything in a reader's browser.
pub fn to_safe_html(markdown: &str) -> String {
    if let Some(html) = without_sanitiser(markdown) {
        return html;
    }
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, MARKDOWN_OPTIONS));
    sanitise(&raw)
}

/// The sanitiser's output for raw HTML, made valid where removing an unsafe part left it invalid.
fn sanitise(raw: &str) -> String {
    keep_valid(sanitizer().clean(raw).to_string())
}

/// Repairs what removing unsafe attributes leaves behind, which the Nu HTML
/// checker rejects: a link whose `href` was removed is no longer a link (its
/// text stays), an image without a `src` is dropped and one without an `alt`
/// gets an empty one, and a `<details>` whose first child is not a
/// `<summary>` gets one (a `<summary>` anywhere else loses its tags).
///
/// The input is html5ever's serialisation: text escapes `<`, attribute values
/// are double-quoted with `"` escaped, no comments, and links never nest.
fn keep_valid(html: String) -> String {
    if !html.contains("<a")
        && !html.contains("<img")
        && !html.contains("<details")
        && !html.contains("<summary")
    {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 32);
    let mut rest = html.as_str();
    let mut unlinked = false;
    let mut kept_summaries = Vec::new();
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let tag_len = tag_length(&rest[open..]);
        let tag = &rest[open..open + tag_len];
        rest = &rest[open + tag_len..];
        match tag_name(tag) {
            "a" if !has_attribute(tag, "href") => unlinked = true,
            "/a" if unlinked => unlinked = false,
            "img" if !has_attribute(tag, "src") => {}
            "img" if !has_attribute(tag, "alt") => {
                out.push_str(&tag[..tag.len() - 1]);
                out.push_str(" alt=\"\">");
            }
            "details" => {
                out.push_str(tag);
                if !rest.trim_start().starts_with("<summary") {
                    out.push_str("<summary>Details</summary>");
                }
            }
            "summary" => {
                let first_in_details = last_tag_is_details(&out);
                kept_summaries.push(first_in_details);
                if first_in_details {
                    out.push_str(tag);
                }
            }
            "/summary" => {
                if kept_summaries.pop().unwrap_or(true) {
                    out.push_str(tag);
                }
            }
            _ => out.push_str(tag),
        }
    }
    out.push_str(rest);
    out
}

/// Whether the last thing written, but for whitespace, is a `<details>` start tag.
fn last_tag_is_details(out: &str) -> bool {
    let written = out.trim_end();
    written.ends_with('>')
        && written
            .rfind('<')
            .is_some_and(|start| tag_name(&written[start..]) == "details")
}

/// The length of the tag at the start of `html` (which starts with `<`), up to
/// its `>` outside quoted values; the rest of the text when it never closes.
fn tag_length(html: &str) -> usize {
    let mut quoted = false;
    for (i, b) in html.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'>' if !quoted => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// `a` for `<a href="…">`, `/a` for `</a>`.
fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches('<');
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '>' || (c == '/' && !inner.starts_with('/')))
        .unwrap_or(inner.len());
    &inner[..end]
}

/// Whether a serialised start tag carries the attribute `name`.
fn has_attribute(tag: &str, name: &str) -> bool {
    // Values cannot hold `"`, so ` name="` is only ever an attribute.
    tag.contains(&format!(" {name}=\""))
}

/// The sanitiser's output, written without its HTML parse, for the Markdown most
/// fields hold: pulldown-cmark's own tags around text, and links to simple
/// http(s) or mailto URLs. `None` for anything else (raw HTML, tables, fences,
/// images, titled links, other URLs, and the void tags pulldown-cmark writes
/// as `<hr />` and `<br />` where the sanitiser writes `<hr>` and `<br>`).
fn without_sanitiser(markdown: &str) -> Option<String> {
    if !is_plain_but_for_links(markdown) {
        return None;
    }
    html_of_plain_events(Parser::new_ext(markdown, MARKDOWN_OPTIONS), markdown.len())
}

/// `without_sanitiser` after its test of the text: the HTML of the parsed events.
fn html_of_plain_events<'a>(
    events: impl Iterator<Item = Event<'a>>,
    markdown_len: usize,
) -> Option<String> {
    let mut out = Vec::new();
    for event in events {
        out.push(match event {
            Event::Start(Tag::Link {
                dest_url, title, ..
            }) => {
                if !title.is_empty() || !is_simple_safe_url(&dest_url) {
                    return None;
                }
                Event::InlineHtml(CowStr::from(format!(
                    "<a href=\"{dest_url}\" rel=\"noopener noreferrer nofollow\">"
                )))
            }
            Event::End(TagEnd::Link) => Event::InlineHtml(CowStr::Borrowed("</a>")),
            Event::Start(Tag::Image { .. }) | Event::Rule | Event::HardBreak => return None,
            other => other,
        });
    }
    let mut html_text = String::with_capacity(markdown_len * 3 / 2);
    html::push_html(&mut html_text, out.into_iter());
    Some(html_text)
}

/// One Markdown field in the forms the documents use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forms {
    /// `to_safe_html`.
    pub html: String,
    /// `to_safe_markdown`.
    pub markdown: String,
    /// `to_plain_text`.
    pub plain: String,
}

/// Renders a field as safe HTML, safe Markdown and plain text. Every incident
/// has a few hundred fields; the ones that hold only the Markdown most fields
/// hold are parsed once for all three, not three times (a test keeps the
/// results equal to the three functions').
pub fn forms(markdown: &str) -> Forms {
    forms_from_one_parse(markdown).unwrap_or_else(|| Forms {
        html: to_safe_html(markdown),
        markdown: to_safe_markdown(markdown),
        plain: to_plain_text(markdown),
    })
}

fn forms_from_one_parse(markdown: &str) -> Option<Forms> {
    // Without `~` there is no strikethrough, so these events are also the ones
    // the option-less parse of `to_plain_text` sees (no `|`, so no tables either).
    if !is_plain_but_for_links(markdown) || markdown.contains('~') {
        return None;
    }
    let events: Vec<Event> = Parser::new_ext(markdown, MARKDOWN_OPTIONS).collect();
    let html = html_of_plain_events(events.iter().cloned(), markdown.len())?;
    let plain = plain_text_of(events.iter().cloned());
    // With no raw HTML and only simple safe links, `to_safe_markdown` changes no
    // event: it writes the same events back (or the text itself when there is no link).
    let safe_markdown = if markdown.contains(']') {
        markdown_of_events(events.into_iter(), markdown)
    } else {
        markdown.to_string()
    };
    Some(Forms {
        html,
        markdown: safe_markdown,
        plain,
    })
}

/// An http(s) or mailto URL made only of characters that neither pulldown-cmark
/// nor the sanitiser rewrites, so it can go into `href` as it is; http(s) needs a
/// plain host name ending in a letter label (the sanitiser drops URLs that do not parse).
fn is_simple_safe_url(url: &str) -> bool {
    let simple = |b: u8| b.is_ascii_alphanumeric() || b"-._~:/?#@=%+,".contains(&b);
    if let Some(rest) = url.strip_prefix("mailto:") {
        return rest.bytes().all(simple);
    }
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    let plain_host = host
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
        // A last label that looks like a number makes the host an IPv4 address.
        && host
            .rsplit('.')
            .next()
            .is_some_and(|label| label.starts_with(|c: char| c.is_ascii_lowercase()))
        && host.starts_with(|c: char| c.is_ascii_alphanumeric())
        && !host.contains("..");
    plain_host && path.bytes().all(simple)
}

/// Safe HTML without the wrapping `<p>` of a one-paragraph text (from already safe HTML).
pub fn unwrap_paragraph(html: &str) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|rest| rest.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}

/// Incident Markdown made safe for Markdown output: raw HTML becomes inline code (shown,
/// never interpreted), and links or images with unsafe URLs lose their target.
pub fn to_safe_markdown(markdown: &str) -> String {
    if is_plain(markdown) {
        return markdown.to_string();
    }
    let mut dropped_links = Vec::new();
    let events = Parser::new_ext(markdown, MARKDOWN_OPTIONS)
        .flat_map(|event| match event {
            // Adjacent code spans would merge their backtick runs; keep them apart.
            Event::Html(html) | Event::InlineHtml(html) => {
                vec![Event::InlineHtml(html), Event::Text(CowStr::Borrowed(" "))]
            }
            other => vec![other],
        })
        .filter_map(|event| match event {
            Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
            Event::InlineHtml(html) => Some(Event::Code(CowStr::from(collapse_whitespace(&html)))),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(&dest_url) && !is_relative(&dest_url) =>
            {
                dropped_links.push(true);
                None
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                dropped_links.push(false);
                Some(Event::Start(tag))
            }
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if dropped_links.pop().unwrap_or(false) {
                    None
                } else {
                    Some(Event::End(end))
                }
            }
            other => Some(other),
        });
    markdown_of_events(events, markdown)
}

/// Writes Markdown events back as Markdown; on failure, `source` escaped as plain text.
fn markdown_of_events<'a>(events: impl Iterator<Item = Event<'a>>, source: &str) -> String {
    let mut out = String::with_capacity(source.len() + 16);
    match pulldown_cmark_to_cmark::cmark(events, &mut out) {
        Ok(_) => out,
        Err(_) => escape_markdown(source).into_owned(),
    }
}

/// A relative link (to a file beside the page): no scheme, no protocol-relative `//`.
fn is_relative(url: &str) -> bool {
    let url = url.trim();
    !url.starts_with("//")
        && !url.contains(':')
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Plain text of a Markdown string (for titles, alt text and SVG labels).
pub fn to_plain_text(markdown: &str) -> String {
    plain_text_of(Parser::new(markdown))
}

fn plain_text_of<'a>(events: impl Iterator<Item = Event<'a>>) -> String {
    let mut text = String::with_capacity(64);
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph) | Event::Start(Tag::Item) => text.push(' '),
            _ => {}
        }
    }
    collapse_whitespace(&text)
}

/// The words of `text` joined by single spaces (`split_whitespace` and `join(" ")`
/// in one pass, for every field of every page).
pub(crate) fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether a URL from an incident file may become a link: http(s) or mailto only.
pub fn is_safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    // Characters that could break out of an attribute or a Markdown link target.
    let has_control = url
        .trim()
        .chars()
        .any(|c| c.is_control() || c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'));
    !has_control
        && (lower.starts_with("https://")
            || lower.starts_with("http://")
            || lower.starts_with("mailto:"))
}

const MARKDOWN_SPECIAL: [char; 14] = [
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '!', '\r', '\n',
];

/// Escapes plain text for Markdown output, so it cannot open emphasis, links, HTML
/// or tables; the text itself when it holds nothing to escape (most titles).
pub fn escape_markdown(text: &str) -> Cow<'_, str> {
    if !text.contains(MARKDOWN_SPECIAL) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\r' => {}
            '\n' => out.push(' '),
            c if MARKDOWN_SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Markdown source for one table cell: on one line, with pipes escaped; the
/// text itself when it already is one clean line.
pub fn markdown_cell(markdown: &str) -> Cow<'_, str> {
    let clean = !markdown.contains('|')
        && !markdown.starts_with(' ')
        && !markdown.ends_with(' ')
        && !markdown.contains("  ")
        && !markdown.contains(|c: char| c.is_whitespace() && c != ' ');
    if clean {
        return Cow::Borrowed(markdown);
    }
    Cow::Owned(collapse_whitespace(markdown).replace('|', "\\|"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_do_not_survive() {
        let html = to_safe_html(
            "<script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:alert(1)) <iframe src=https://e.com></iframe>",
        );
        assert!(!html.contains("<script"));
        assert!(!html.contains("onerror"));
        assert!(!html.contains("href=\"javascript:"));
        assert!(!html.contains("<iframe"));
        let link = to_safe_html("[a](javascript:alert(1)) [b](data:text/html,x)");
        assert!(
            !link.contains("javascript:") && !link.contains("data:"),
            "{link}"
        );
    }

    fn sanitised(text: &str) -> String {
        let mut raw = String::new();
        html::push_html(&mut raw, Parser::new_ext(text, MARKDOWN_OPTIONS));
        sanitise(&raw)
    }

    #[test]
    fn the_fast_paths_give_what_the_sanitiser_would() {
        for text in [
            "**bold** and _em_ `code` & \"quotes\" 'x'",
            "# Heading\n\n- a\n- b\n\n```rust\nfn x() {}\n```",
            "1. one\n2. two > three",
            "&amp; &lt;script&gt;",
            "see [the dashboard](https://example.com/d/6643) and **[runbook](https://x.org/a_b-c~d?q=1#top)**",
            "[mail](mailto:oncall@example.com), [ref][r]\n\n[r]: https://example.com/ref",
            "a ] b [c] d",
            "[bad](javascript:alert(1)) [rel](notes.md) [t](https://e.com \"title\")",
        ] {
            assert_eq!(to_safe_html(text), sanitised(text), "{text}");
        }
        assert!(without_sanitiser("[bad](javascript:alert(1))").is_none());
        assert!(without_sanitiser("see [the dashboard](https://example.com/d/6643)").is_some());
    }

    /// Markdown fields made of text, links (safe, unsafe, relative), block
    /// structure, strikethrough, an image and a reference definition.
    fn markdown_fields() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        use proptest::string::string_regex;
        let fragments = proptest::prop_oneof![
            string_regex("[a-z &'\"!()*_~`#>-]{0,8}").unwrap(),
            string_regex("\\[[a-z *]{0,6}\\]\\((https?://|mailto:|javascript:|/|)[a-zA-Z0-9._~:/?#@=%+,!$&'()*;-]{0,12}\\)").unwrap(),
            string_regex("\\[[a-z *_]{0,6}\\]\\((https?://[a-z0-9.-]{1,8}|mailto:[a-z]{1,4}@[a-z.]{1,5}|javascript:|/|)[a-zA-Z0-9._~:/?#@=%+,-]{0,10}\\)").unwrap(),
            string_regex("\\n\\n|\\n- |\\n1\\. |\\]|\\[|`|---|  \\n|\\\\\\n|~~|!\\[a\\]\\(https://e\\.com/i\\.png\\)|\\n    code|\\[r\\]|\\n\\n\\[r\\]: https://e\\.com/r").unwrap(),
        ];
        proptest::collection::vec(fragments, 0..8).prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_agree_with_the_sanitiser(text in markdown_fields()) {
            proptest::prop_assert_eq!(to_safe_html(&text), sanitised(&text), "{:?}", text);
        }

        #[test]
        fn borrowing_escapes_agree_with_the_definitions(text in "[a-z *_|#!~`<>\\[\\]\\\\\t\r\n\u{a0}\u{2003}é]{0,12}") {
            let by_char: String = text.chars().filter(|&c| c != '\r').map(|c| match c {
                '\n' => " ".to_string(),
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' => format!("\\{c}"),
                c => c.to_string(),
            }).collect();
            proptest::prop_assert_eq!(escape_markdown(&text), by_char);
            let cell = text.split_whitespace().collect::<Vec<_>>().join(" ").replace('|', "\\|");
            proptest::prop_assert_eq!(markdown_cell(&text), cell);
        }

        #[test]
        fn one_parse_gives_what_three_would(text in markdown_fields()) {
            let expected = Forms {
                html: to_safe_html(&text),
                markdown: to_safe_markdown(&text),
                plain: to_plain_text(&text),
            };
            proptest::prop_assert_eq!(forms(&text), expected, "{:?}", text);
        }
    }

    #[test]
    fn what_the_sanitiser_removes_leaves_valid_html() {
        assert_eq!(
            to_safe_html("[click](javascript:alert(1)) <a href=\"data:x\" title=\"t\">data</a> [ok](https://e.com)"),
            "<p>click data <a href=\"https://e.com\" rel=\"noopener noreferrer nofollow\">ok</a></p>\n"
        );
        assert_eq!(
            to_safe_html("<img src=x> <img src=javascript:alert(1)> ![a pie](pie.png) <img src=\"y.png\" alt=\"kept\">"),
            "<p><img src=\"x\" alt=\"\">  <img src=\"pie.png\" alt=\"a pie\"> <img src=\"y.png\" alt=\"kept\"></p>\n"
        );
        assert_eq!(
            to_safe_html("<details>hidden</details> <details> <summary>Open</summary>shown</details>"),
            "<details><summary>Details</summary>hidden</details> <details> <summary>Open</summary>shown</details>"
        );
        assert_eq!(
            to_safe_html("<details>a<summary>late</summary>b</details> <summary>alone</summary>"),
            "<details><summary>Details</summary>alateb</details> alone"
        );
    }

    #[test]
    fn ordinary_markdown_renders() {
        assert_eq!(
            unwrap_paragraph(&to_safe_html("**bold** `code`")),
            "<strong>bold</strong> <code>code</code>"
        );
        assert!(
            to_safe_html("[site](https://example.com)").contains("href=\"https://example.com\"")
        );
    }

    #[test]
    fn urls_are_filtered_by_scheme() {
        assert!(is_safe_url("https://example.com/x"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url(" JAVASCRIPT:alert(1)"));
        assert!(!is_safe_url("data:text/html,<script>"));
    }

    #[test]
    fn markdown_output_keeps_formatting_but_not_html_or_bad_links() {
        let safe = to_safe_markdown("**bold** <script>x</script> [ok](https://e.com) [bad](javascript:alert(1)) ![i](pic.png)");
        assert!(safe.contains("**bold**"));
        assert!(safe.contains("[ok](https://e.com)"));
        assert!(safe.contains("![i](pic.png)"));
        assert!(!safe.contains("javascript:"));
        assert!(
            safe.contains("`<script>`"),
            "raw HTML is shown as code: {safe}"
        );
        let mut html = String::new();
        html::push_html(&mut html, Parser::new(&safe));
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn markdown_escaping_keeps_tables_whole() {
        assert_eq!(escape_markdown("a|b *c* <x>"), "a\\|b \\*c\\* \\<x\\>");
        assert_eq!(
            markdown_cell("line one\nline | two"),
            "line one line \\| two"
        );
        assert_eq!(
            to_plain_text("**Hello** _world_\n\nagain"),
            "Hello world again"
        );
    }
}

//! Author text to HTML: rendered through Markdown, then sanitised.
//!
//! Everything an author writes inside our blocks (prompts, choices,
//! explanations, captions, notes) passes through here or through
//! [`escape_text`] / [`escape_attr`]. Raw HTML in author text is cleaned by
//! ammonia, so a chapter cannot run script in a reader's browser.

use mdbook_markdown::pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};
use std::borrow::Cow;
use std::sync::OnceLock;

/// How author Markdown is parsed; mirrors mdBook's own options.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownStyle {
    pub smart_punctuation: bool,
}

impl Default for MarkdownStyle {
    fn default() -> Self {
        MarkdownStyle { smart_punctuation: true }
    }
}

fn parser_options(style: MarkdownStyle) -> Options {
    let mut opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    if style.smart_punctuation {
        opts |= Options::ENABLE_SMART_PUNCTUATION;
    }
    opts
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        // Keep the language class on code so highlight.js can colour it.
        builder.add_allowed_classes("code", LANGUAGE_CLASSES);
        builder
    })
}

const LANGUAGE_CLASSES: &[&str] = &[
    "language-bash",
    "language-sh",
    "language-json",
    "language-toml",
    "language-yaml",
    "language-python",
    "language-javascript",
    "language-text",
    "language-rust",
];

/// Renders block-level author Markdown (paragraphs, lists, code) to safe HTML.
pub fn render_block(markdown: &str, style: MarkdownStyle) -> String {
    let markdown = markdown.replace("\r\n", "\n");
    let events: Vec<Event> = Parser::new_ext(markdown.trim(), parser_options(style)).collect();
    let needs_cleaning = !events.iter().all(is_escaped_by_pulldown);
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, events.into_iter());
    if needs_cleaning {
        raw = sanitizer().clean(&raw).to_string();
    }
    raw.truncate(raw.trim_end().len());
    raw
}

/// Events that pulldown-cmark writes as fixed tags around escaped text, so
/// their HTML is safe as it is: most author text is only these, and skips
/// the sanitiser (the slowest step of a build). Raw HTML, links, images and
/// everything else go through ammonia.
fn is_escaped_by_pulldown(event: &Event) -> bool {
    use Tag::{Emphasis, Paragraph, Strikethrough, Strong};
    match event {
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak => true,
        Event::Start(tag) => matches!(tag, Paragraph | Emphasis | Strong | Strikethrough),
        Event::End(tag) => {
            matches!(tag, TagEnd::Paragraph | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
        }
        _ => false,
    }
}

/// Renders a phrase of author Markdown (inline code, emphasis, links) to safe
/// HTML with no surrounding `<p>`.
pub fn render_inline(markdown: &str, style: MarkdownStyle) -> String {
    let block = render_block(markdown, style);
    match block.strip_prefix("<p>").and_then(|rest| rest.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => block,
    }
}

/// Renders author Markdown to plain text (for `aria-label`s, titles and
/// the Markdown fallback), dropping all markup.
pub fn to_plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, parser_options(MarkdownStyle::default())) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(_) if !text.ends_with(' ') && !text.is_empty() => {}
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for an HTML element's content.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attr(text: &str) -> String {
    escape_text(text)
}

/// Escapes text for raw HTML placed inside a Markdown paragraph, where the
/// text between tags is still read as Markdown: its punctuation becomes
/// character references, so `[x](javascript:…)` stays text.
pub fn escape_inline_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_text(text).chars() {
        match c {
            '[' | ']' | '(' | ')' | '*' | '_' | '`' | '!' | '\\' | '~' | '{' | '}' | '|' => {
                out.push_str(&format!("&#{};", c as u32));
            }
            _ => out.push(c),
        }
    }
    out
}

/// Makes HTML fit on one line without changing what it shows, so that it
/// stays a single Markdown HTML block (a blank line would end the block).
/// Line breaks (`\n`, `\r\n` or `\r`) become character references, which
/// read the same in text and in `<pre>`. HTML already on one line is
/// returned as it is, so making sure of it again costs a scan.
pub fn one_line(html: &str) -> Cow<'_, str> {
    // Bytes, not chars: line breaks are ASCII, and this runs over every block.
    let line_break = |s: &str| s.bytes().position(|b| b == b'\n' || b == b'\r');
    if line_break(html).is_none() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = line_break(rest) {
        out.push_str(&rest[..at]);
        out.push_str("&#10;");
        let break_len = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + break_len..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inline(md: &str) -> String {
        render_inline(md, MarkdownStyle::default())
    }

    #[test]
    fn inline_markdown_renders_without_a_paragraph() {
        assert_eq!(inline("Use `aws s3 ls` **now**"), "Use <code>aws s3 ls</code> <strong>now</strong>");
    }

    #[test]
    fn smart_punctuation_matches_mdbook() {
        assert_eq!(inline("the function's output -- yes"), "the function’s output – yes");
        let plain = render_inline("it's", MarkdownStyle { smart_punctuation: false });
        assert_eq!(plain, "it's");
    }

    #[test]
    fn links_are_kept_and_scripts_are_not() {
        let html = inline("[docs](https://docs.aws.amazon.com/) <script>alert(1)</script>");
        assert!(html.contains(r#"<a href="https://docs.aws.amazon.com/""#), "{html}");
        assert!(!html.contains("<script"), "{html}");
    }

    #[test]
    fn text_without_raw_html_or_links_skips_the_sanitiser_and_stays_escaped() {
        let samples = [
            "Lambda's limit is **15 minutes** (900 s), not *30*.",
            "a < b && c > d: `<script>alert(1)</script>` ~~old~~",
            "First paragraph.\n\nSecond, with \"quotes\" and 'apostrophes'.",
            "&lt;script&gt; stays text; so does &amp;",
        ];
        for md in samples {
            let html = render_block(md, MarkdownStyle::default());
            assert!(!html.contains("<script"), "{html}");
            // What ammonia would make of it is the same.
            assert_eq!(sanitizer().clean(&html).to_string(), html, "{md}");
        }
        assert_eq!(
            render_block("a < b `<i>`", MarkdownStyle::default()),
            "<p>a &lt; b <code>&lt;i&gt;</code></p>"
        );
    }

    #[test]
    fn hostile_html_is_sanitised() {
        for vector in [
            r#"<img src=x onerror="alert(1)">"#,
            "[x](javascript:alert(1))",
            r#"<a href="javascript:alert(1)">x</a>"#,
            "<svg><script>alert(1)</script></svg>",
            r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#,
            r#""><script>alert(1)</script>"#,
            "<iframe src=javascript:alert(1)>",
        ] {
            let html = render_block(vector, MarkdownStyle::default());
            let lower = html.to_lowercase();
            assert!(!lower.contains("<script"), "{vector} -> {html}");
            assert!(!lower.contains("onerror"), "{vector} -> {html}");
            assert!(!lower.contains("javascript:"), "{vector} -> {html}");
            assert!(!lower.contains("<iframe"), "{vector} -> {html}");
        }
    }

    #[test]
    fn code_blocks_keep_their_language_for_highlighting() {
        let html = render_block("```bash\naws lambda list-functions\n```", MarkdownStyle::default());
        assert!(html.contains(r#"<code class="language-bash">"#), "{html}");
    }

    #[test]
    fn escaping_covers_quotes_and_newlines() {
        assert_eq!(escape_attr("a\"b'<c>&\nd"), "a&quot;b&#39;&lt;c&gt;&amp;&#10;d");
    }

    #[test]
    fn one_line_keeps_preformatted_newlines_as_references() {
        let html = render_block("```text\na\n\nb\n```", MarkdownStyle::default());
        let line = one_line(&html);
        assert!(!line.contains('\n'));
        assert!(line.contains("a&#10;&#10;b"), "{line}");
        assert_eq!(one_line("a\r\nb\rc\nd\n"), "a&#10;b&#10;c&#10;d&#10;");
        assert!(matches!(one_line("<p>one line</p>"), Cow::Borrowed("<p>one line</p>")));
    }

    #[test]
    fn inline_text_escapes_markdown_punctuation() {
        assert_eq!(
            escape_inline_text("[x](javascript:y) *b* <i>"),
            "&#91;x&#93;&#40;javascript:y&#41; &#42;b&#42; &lt;i&gt;"
        );
    }

    #[test]
    fn plain_text_drops_markup() {
        assert_eq!(to_plain_text("Use `x` and **bold** [link](y)"), "Use x and bold link");
    }
}

//! HTML as the renderers write it: maud templates, which escape every value
//! put into them, and [`SafeHtml`] for the two kinds of markup that are put
//! in as they are: author Markdown rendered and sanitised
//! (`crate::markdown`), and drawings checked by `diagram::safety`.
//!
//! Nothing else can be marked safe outside this crate, so a template that
//! forgets a call shows author text escaped, never as markup.

use std::borrow::Cow;

pub use maud::Markup;
pub(crate) use maud::html;

/// Markup that is safe to put in a page as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SafeHtml(String);

impl SafeHtml {
    /// Only for markup made safe by the caller: sanitised, or built from
    /// escaped parts.
    pub(crate) fn trusted(html: String) -> Self {
        SafeHtml(html)
    }

    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

impl maud::Render for SafeHtml {
    fn render_to(&self, buffer: &mut String) {
        buffer.push_str(&self.0);
    }
}

/// A value as JSON for a `<script type="application/json">` element: every
/// `<` is written `\u003c`, so nothing in it can close the element or open
/// a comment, and JSON has no line breaks outside its strings.
pub(crate) fn json_for_script(value: &impl serde::Serialize) -> SafeHtml {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    SafeHtml(json.replace('<', "\\u003c"))
}

/// A script that hands `value` to the page's scripts as
/// `window.StudyGuide.banks[name]`: JSON in a string literal, which browsers
/// parse faster than the same object written as code.
pub(crate) fn bank_script(name: &str, value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned());
    let literal = serde_json::to_string(&json).unwrap_or_else(|_| "\"null\"".to_owned());
    let key = serde_json::to_string(name).unwrap_or_default();
    format!(
        "(function (SG) {{ (SG.banks = SG.banks || {{}})[{key}] = JSON.parse({literal}); }})(window.StudyGuide = window.StudyGuide || {{}});\n"
    )
}

/// Makes HTML fit on one line without changing what it shows, so that it
/// stays a single Markdown HTML block (a blank line would end the block).
/// Line breaks (`\n`, `\r\n` or `\r`) become character references, which
/// read the same in text, attributes and `<pre>`. HTML already on one line
/// is returned as it is. The one caller is `blocks::FencedBlock::html_replacement`,
/// so every block's HTML passes here once.
pub(crate) fn one_line(html: &str) -> Cow<'_, str> {
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

    #[test]
    fn json_in_a_script_cannot_close_it() {
        let json = json_for_script(&["</script><script>alert(1)</script>", "<!--"]);
        assert_eq!(json.as_str(), r#"["\u003c/script>\u003cscript>alert(1)\u003c/script>","\u003c!--"]"#);
        let back: Vec<String> = serde_json::from_str(json.as_str()).unwrap();
        assert_eq!(back[0], "</script><script>alert(1)</script>");
    }

    #[test]
    fn templates_escape_what_is_not_safe_html() {
        let text = "<script>alert(1)</script>";
        let safe = SafeHtml::trusted("<em>ok</em>".into());
        let page = html! { p title=(text) { (text) " " (safe) } }.into_string();
        assert_eq!(
            page,
            "<p title=\"&lt;script&gt;alert(1)&lt;/script&gt;\">&lt;script&gt;alert(1)&lt;/script&gt; <em>ok</em></p>"
        );
    }

    #[test]
    fn one_line_turns_breaks_into_references() {
        assert_eq!(one_line("a\r\nb\rc\nd\n"), "a&#10;b&#10;c&#10;d&#10;");
        assert!(matches!(one_line("<p>one line</p>"), Cow::Borrowed("<p>one line</p>")));
    }
}

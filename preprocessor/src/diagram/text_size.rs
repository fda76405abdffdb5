//! The size mermaid measures a diagram by before it draws it.
//!
//! mermaid draws a diagram longer than its `maxTextSize` (50,000 by default,
//! and set so in `theme/diagrams.js`) as a box that says "Maximum text size
//! in diagram exceeded", and reports nothing. What it measures is the
//! source after its own preprocessing (mermaid 11's `preprocessDiagram`):
//! line ends made `\n`, front matter, directives and comment lines taken
//! out, leading white space trimmed; in UTF-16 code units, the length of a
//! JavaScript string. This does the same, so the build can say so first.

/// mermaid's `maxTextSize`, as `theme/diagrams.js` sets it.
pub(crate) const MAX_TEXT_SIZE: usize = 50_000;

/// The length mermaid compares with [`MAX_TEXT_SIZE`].
pub(crate) fn text_size(source: &str) -> usize {
    let text = source.replace("\r\n", "\n").replace('\r', "\n");
    let text = without_front_matter(&text);
    let text = without_directives(text);
    let text = without_comment_lines(&text);
    text.trim_start_matches(is_js_space).encode_utf16().count()
}

/// White space as JavaScript's `\s` knows it.
fn is_js_space(c: char) -> bool {
    c == '\u{feff}' || (c.is_whitespace() && c != '\u{85}')
}

/// Ends a line for a JavaScript regular expression's `^` and `.`.
fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// mermaid's front matter pattern, `^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+`
/// (dot matching line ends): the text after it, or all of it.
fn without_front_matter(text: &str) -> &str {
    let indent_len = text.len() - text.trim_start_matches(|c: char| is_js_space(c) && c != '\n').len();
    let indent = &text[..indent_len];
    let Some(after_dashes) = text[indent_len..].strip_prefix("---") else { return text };
    // `\s*[\n\r]`: the content starts after some line end among the white
    // space that follows; the earliest gives the shortest match to close.
    let opening_space = after_dashes.len() - after_dashes.trim_start_matches(is_js_space).len();
    let Some(first_break) = after_dashes[..opening_space].find('\n') else { return text };
    let content_start = text.len() - after_dashes.len() + first_break + 1;
    let closing = format!("\n{indent}---");
    let mut from = content_start;
    while let Some(found) = text[from..].find(&closing) {
        let after = &text[from + found + closing.len()..];
        let space = &after[..after.len() - after.trim_start_matches(is_js_space).len()];
        if let Some(last_break) = space.rfind('\n') {
            return &after[last_break + 1..];
        }
        from += found + 1;
    }
    text
}

/// mermaid's directive pattern, `%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?`,
/// every match taken out.
fn without_directives(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("%%{") {
        out.push_str(&rest[..at]);
        match directive_len(&rest[at..]) {
            Some(len) => rest = &rest[at + len..],
            None => {
                out.push_str("%%{");
                rest = &rest[at + 3..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// How long the directive at the start of `text` (which starts `%%{`) is.
fn directive_len(text: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let skip = |s: &str, at: usize, f: &dyn Fn(char) -> bool| {
        at + (s[at..].len() - s[at..].trim_start_matches(f).len())
    };
    let mut at = skip(text, 3, &is_js_space);
    let word_end = skip(text, at, &is_word);
    if word_end == at {
        return None;
    }
    at = word_end;
    let colon = skip(text, at, &is_js_space);
    if text[colon..].starts_with(':') {
        at = colon + 1;
    }
    at = skip(text, at, &is_js_space);
    let word_end = skip(text, at, &is_word);
    if word_end > at {
        at = word_end;
    } else {
        // Anything up to `}%%`, over `\n` but not over other line ends.
        let body = &text[at..];
        let stop = body
            .char_indices()
            .find(|&(i, c)| body[i..].starts_with("}%%") || (is_line_terminator(c) && c != '\n'))
            .map_or(body.len(), |(i, _)| i);
        at += stop;
    }
    at = skip(text, at, &is_js_space);
    if text[at..].starts_with("}%%") {
        at += 3;
    }
    Some(at)
}

/// mermaid's comment pattern, `^\s*%%(?!{)[^\n]+\n?` (multi-line): every
/// match taken out.
fn without_comment_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut line_start = true;
    while at < text.len() {
        if line_start && let Some(len) = comment_len(&text[at..]) {
            at += len;
            line_start = true;
            continue;
        }
        let c = text[at..].chars().next().expect("inside the text");
        out.push(c);
        at += c.len_utf8();
        line_start = is_line_terminator(c);
    }
    out
}

/// How long the comment line at the start of `text` is, with the white
/// space before it and its line end.
fn comment_len(text: &str) -> Option<usize> {
    let start = text.len() - text.trim_start_matches(is_js_space).len();
    let rest = text[start..].strip_prefix("%%")?;
    if rest.starts_with('{') {
        return None;
    }
    let line = rest.find('\n').unwrap_or(rest.len());
    if line == 0 {
        return None;
    }
    let end = start + 2 + line;
    Some(if text[end..].starts_with('\n') { end + 1 } else { end })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_mermaid_does_not_draw_is_not_counted() {
        assert_eq!(text_size("graph TD\nA-->B\n"), 15);
        assert_eq!(text_size("  \n\ngraph TD\r\nA-->B\r\n"), 15);
        assert_eq!(text_size("---\ntitle: Flow\nconfig:\n  theme: dark\n---\n\ngraph TD\nA-->B\n"), 15);
        assert_eq!(text_size("%%{init: {'theme': 'dark'}}%%\ngraph TD\nA-->B\n"), 15);
        assert_eq!(text_size("%%{\n  init: {\n    'theme': 'dark'\n  }\n}%%\ngraph TD\nA-->B\n"), 15);
        assert_eq!(text_size("graph TD\n%% a note\n  %% another\nA-->B\n"), 15);
        // A bare `%%` is no comment; a directive that names nothing is none.
        assert_eq!(text_size("graph TD\n%%\nA-->B\n"), 18);
        assert_eq!(text_size("%%{ }%%\ngraph TD\n"), 17);
    }

    #[test]
    fn a_front_matter_without_its_end_stays() {
        assert_eq!(text_size("---\ntitle: x\ngraph TD\n"), 22);
        assert_eq!(text_size("---\n---\ngraph TD\n"), 17);
    }

    #[test]
    fn characters_count_as_javascript_counts_them() {
        // One UTF-16 unit for é, two for an emoji.
        assert_eq!(text_size("graph TD\nA[é😀]\n"), 16);
    }

    #[test]
    fn an_unclosed_directive_takes_the_rest() {
        assert_eq!(text_size("graph TD\nA-->B\n%%{init: {\nC-->D\n"), 15);
    }

    #[test]
    fn the_limit_is_the_one_the_pages_set() {
        let settings = include_str!("../../theme/diagrams.js");
        assert!(settings.contains(&format!("maxTextSize: {MAX_TEXT_SIZE},")), "theme/diagrams.js");
    }
}

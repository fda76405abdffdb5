//! Finding our fenced blocks and `{{limit …}}` references in a chapter, and
//! splicing replacements back in.
//!
//! Chapters are scanned with the same pulldown-cmark options mdBook uses, so a
//! fence inside a list, a block quote or another code block is seen exactly
//! as mdBook will see it. Edits are collected as `(range, replacement)` pairs
//! and applied back to front, leaving every other byte of the chapter alone.

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};
use mdbook_markdown::{MarkdownOptions, new_cmark_parser};
use std::ops::Range;

/// What a scan looks for: the info strings of our blocks (`quiz`) and the
/// names of our references (`limit`, as in `{{limit id}}`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Syntax<'a> {
    pub fences: &'a [&'static str],
    pub references: &'a [&'static str],
}

impl Syntax<'_> {
    fn fence_of(&self, info: &str) -> Option<&'static str> {
        let word = info.split([' ', '\t', ',', '{']).next()?;
        self.fences.iter().copied().find(|f| *f == word)
    }

    /// The info string's first word and the kind it is one edit away from
    /// (a letter more, less, changed or swapped), for a kind's name of four
    /// letters or more: ```` ```quizz ````, ```` ```limit ````.
    fn near_miss(&self, info: &str) -> Option<(String, &'static str)> {
        let word = info.split([' ', '\t', ',', '{']).next()?;
        let lower = word.to_lowercase();
        self.fences
            .iter()
            .copied()
            .find(|f| f.len() >= 4 && (lower == *f || strsim::damerau_levenshtein(&lower, f) == 1))
            .map(|f| (word.to_owned(), f))
    }
}

/// A piece of the block body and where it starts in the chapter text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    body_start: usize,
    chapter_start: usize,
}

/// One of our fenced blocks, as found in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FencedBlock {
    /// The info string's first word, which names its kind: `quiz`.
    pub fence: &'static str,
    /// The rest of the info string (`title="…"` after `mermaid`), trimmed.
    pub info: String,
    /// The whole block, fences included, as a byte range of the chapter.
    pub range: Range<usize>,
    /// The text between the fences, with any list or quote indentation removed.
    pub body: String,
    segments: Vec<Segment>,
    /// What starts each continuation line of the block's container: spaces
    /// for a list item, `>` for a block quote. Empty at top level.
    pub container_prefix: String,
    /// False when the closing fence is missing and the block swallowed the
    /// rest of its container.
    pub terminated: bool,
    /// Whether the range takes in the line break after the block (an
    /// unclosed block does, up to the end of its container).
    ends_with_newline: bool,
}

impl FencedBlock {
    /// Maps a byte offset in [`FencedBlock::body`] to one in the chapter.
    pub(crate) fn chapter_offset(&self, body_offset: usize) -> usize {
        let segment = self.segments.iter().rev().find(|s| s.body_start <= body_offset);
        match segment {
            // A tab expanded inside a container makes the body longer than
            // its source: never point past the block.
            Some(s) => (s.chapter_start + (body_offset - s.body_start)).min(self.range.end),
            // Empty body: point just after the opening fence line.
            None => self.range.start,
        }
    }

    /// Where the body holds the opening fence of another code block (a
    /// fence as long as ours, of the same character, with an info string):
    /// proof that this block was left open and ran on to that block's
    /// closing fence. The offset of that line in the body. `chapter` is the
    /// chapter's text the block was found in.
    pub(crate) fn left_open_before(&self, chapter: &str) -> Option<usize> {
        let opening = chapter.get(self.range.clone())?;
        let opening = opening.trim_start_matches([' ', '>', '\t']);
        let mark = opening.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let length = opening.chars().take_while(|c| *c == mark).count();
        let mut offset = 0;
        for line in self.body.split_inclusive('\n') {
            let indent = line.len() - line.trim_start_matches(' ').len();
            let rest = &line[indent..];
            let run = rest.chars().take_while(|c| *c == mark).count();
            let info = rest[run * mark.len_utf8()..].trim();
            if indent < 4 && run >= length && !info.is_empty() && !(mark == '`' && info.contains('`')) {
                return Some(offset);
            }
            offset += line.len();
        }
        None
    }

    /// Joins lines of a multi-line replacement so they stay inside the
    /// block's container (list item or block quote).
    pub(crate) fn indent_lines(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
                if line.is_empty() {
                    out.push_str(self.container_prefix.trim_end());
                } else {
                    out.push_str(&self.container_prefix);
                }
            }
            out.push_str(line);
        }
        out
    }

    /// A replacement for a block of HTML: one line, then a blank line so the
    /// Markdown that follows is not swallowed into the HTML block. (A block's
    /// range ends before the newline after its closing fence; that newline
    /// ends the blank line.)
    pub(crate) fn html_replacement(&self, html: &str) -> String {
        let line_end = if self.ends_with_newline { "\n" } else { "" };
        format!("{}\n{}{line_end}", crate::html::one_line(html), self.container_prefix.trim_end())
    }

    /// A replacement in Markdown, kept inside the block's container.
    pub(crate) fn markdown_replacement(&self, markdown: &str) -> String {
        format!("{}\n", self.indent_lines(markdown.trim_end()))
    }
}

/// A reference in prose, such as `{{limit id}}` or `{{limit id max}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefSite {
    /// Its name: `limit`.
    pub name: &'static str,
    /// The whole `{{…}}` in the chapter (the escaping backslash included when escaped).
    pub range: Range<usize>,
    /// The text between the name and `}}`, trimmed.
    pub argument: String,
    /// `\{{limit …}}` is written out literally, without the backslash.
    pub escaped: bool,
    /// What the Markdown around it makes of it.
    pub context: RefContext,
}

/// Where in a chapter's Markdown a reference is, which decides what it may
/// expand to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefContext {
    /// Text, where inline HTML is markup.
    Prose,
    /// An image's alternative text: only text, since markup there would be
    /// shown as written.
    AltText,
    /// A link's or an image's address or title, or a link reference
    /// definition: nothing a reference expands to belongs there.
    LinkTarget,
}

/// Everything of ours that one chapter holds.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ChapterScan {
    pub blocks: Vec<FencedBlock>,
    pub refs: Vec<RefSite>,
    /// Code blocks whose name is one edit away from one of ours
    /// (```` ```quizz ````): where, and the kind it is likely to mean.
    pub near_misses: Vec<(Range<usize>, String, &'static str)>,
}

/// The chapter with each lone carriage return (a line end in CommonMark)
/// made a line feed, byte for byte, so offsets stay. pulldown-cmark reads a
/// lone `\r` as a line end in a paragraph, but not after a heading or a
/// fence's info string: a chapter saved with CR line ends becomes one
/// heading in mdBook, our blocks included.
pub(crate) fn with_line_feeds(content: &str) -> std::borrow::Cow<'_, str> {
    let bytes = content.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(content);
    }
    let fed: Vec<u8> = (0..bytes.len()).map(|i| if lone(i) { b'\n' } else { bytes[i] }).collect();
    std::borrow::Cow::Owned(String::from_utf8(fed).expect("one ASCII byte replaced by another"))
}

/// Scans a chapter for our blocks and references.
pub(crate) fn scan(content: &str, syntax: &Syntax) -> ChapterScan {
    let mut options = MarkdownOptions::default();
    // Smart punctuation does not change where blocks are, and turning it off
    // keeps the text of code spans byte-for-byte comparable to the source.
    options.smart_punctuation = false;
    let mut parser = new_cmark_parser(content, &options).into_offset_iter();
    let definitions: Vec<Range<usize>> =
        parser.reference_definitions().iter().map(|(_, definition)| definition.span.clone()).collect();
    let mut links: Vec<Link> = Vec::new();
    let mut open_links: Vec<usize> = Vec::new();

    let mut blocks = Vec::new();
    // Ranges where a `{{limit}}` is literal text: code, inline code, raw HTML.
    let mut literal: Vec<Range<usize>> = Vec::new();
    let mut open: Option<Opened> = None;
    let mut code_depth = 0usize;
    let mut near_misses = Vec::new();

    for (event, range) in parser.by_ref() {
        // Whatever is inside a link or an image is its text: its address
        // and title make no event.
        if let Some(&link) = open_links.last()
            && !matches!(event, Event::End(TagEnd::Link | TagEnd::Image))
        {
            links[link].text.push(range.clone());
        }
        match event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                open_links.push(links.len());
                links.push(Link { range, image, text: Vec::new() });
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                open_links.pop();
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                code_depth += 1;
                literal.push(range.clone());
                if let CodeBlockKind::Fenced(info) = kind {
                    if let Some(fence) = syntax.fence_of(info.trim()) {
                        let info = info.trim()[fence.len()..].trim().to_owned();
                        open = Some(Opened { fence, info, range, body: String::new(), segments: Vec::new() });
                    } else if let Some((word, fence)) = syntax.near_miss(info.trim()) {
                        near_misses.push((range, word, fence));
                    }
                }
            }
            Event::Text(text) if code_depth > 0 => {
                if let Some(open) = open.as_mut() {
                    // Text normally equals its source slice; where it does not
                    // (tabs expanded inside a container), point at the slice start.
                    open.segments.push(Segment { body_start: open.body.len(), chapter_start: range.start });
                    open.body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                code_depth = code_depth.saturating_sub(1);
                if let Some(opened) = open.take() {
                    blocks.push(finish_block(content, opened));
                }
            }
            Event::Code(_) | Event::InlineHtml(_) | Event::Html(_) => literal.push(range),
            Event::Start(Tag::HtmlBlock) => literal.push(range),
            _ => {}
        }
    }

    let mut refs = find_refs(content, &literal, syntax.references);
    for site in &mut refs {
        site.context = context_of(site.range.start, &links, &definitions);
    }
    ChapterScan { blocks, refs, near_misses }
}

/// A link or an image: all of it, and the ranges of its text.
struct Link {
    range: Range<usize>,
    image: bool,
    text: Vec<Range<usize>>,
}

/// Where a reference starting at `at` is.
fn context_of(at: usize, links: &[Link], definitions: &[Range<usize>]) -> RefContext {
    if definitions.iter().any(|d| d.contains(&at)) {
        return RefContext::LinkTarget;
    }
    // The innermost: links nested in others come after them.
    match links.iter().rfind(|link| link.range.contains(&at)) {
        None => RefContext::Prose,
        Some(link) if !link.text.iter().any(|t| t.contains(&at)) => RefContext::LinkTarget,
        Some(link) if link.image => RefContext::AltText,
        Some(_) => RefContext::Prose,
    }
}

/// A block of ours whose closing fence is not reached yet.
struct Opened {
    fence: &'static str,
    info: String,
    range: Range<usize>,
    body: String,
    segments: Vec<Segment>,
}

fn finish_block(content: &str, Opened { fence, info, range, body, segments }: Opened) -> FencedBlock {
    let line_start = content[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let container_prefix: String = content[line_start..range.start]
        .chars()
        .map(|c| if c == '>' || c == '\t' { c } else { ' ' })
        .collect();
    let terminated = has_closing_fence(&content[range.clone()], &container_prefix);
    let ends_with_newline = content[range.clone()].ends_with('\n');
    FencedBlock { fence, info, range, body, segments, container_prefix, terminated, ends_with_newline }
}

/// True when the last line of a fenced block closes the fence it opened with:
/// the fence's character, at least as many, indented less than four columns
/// (a tab counts to the next multiple of four) within the block's container.
fn has_closing_fence(block: &str, container_prefix: &str) -> bool {
    let opening = block.lines().next().unwrap_or("").trim_start();
    let fence_char = opening.chars().next().unwrap_or('`');
    let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
    let mut lines = block.lines();
    lines.next();
    // Only spaces and tabs are blank in CommonMark (a form feed is not).
    let blank = |l: &str| l.trim_matches([' ', '\t', '\r']).is_empty();
    let Some(last) = lines.rfind(|l| !blank(l)) else {
        return false;
    };
    // Strip the container's own markers and indentation, then measure what is left.
    let mut last = last;
    let mut column = 0;
    for expected in container_prefix.chars() {
        match last.chars().next() {
            Some(c) if c == expected || (c == ' ' && expected != '>') => {
                column = next_column(column, c);
                last = &last[c.len_utf8()..];
            }
            _ => break,
        }
    }
    let content_column = column;
    for c in last.chars().take_while(|&c| c == ' ' || c == '\t') {
        column = next_column(column, c);
    }
    let last = last.trim_matches([' ', '\t', '\r']);
    column - content_column < 4 && last.len() >= fence_len && last.chars().all(|c| c == fence_char)
}

fn next_column(column: usize, c: char) -> usize {
    if c == '\t' { column + 4 - column % 4 } else { column + 1 }
}

/// Where `{{name …}}` references are in `text` (outside the `literal`
/// ranges), for any of `names`.
pub(crate) fn find_refs(text: &str, literal: &[Range<usize>], names: &[&'static str]) -> Vec<RefSite> {
    let mut refs = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("{{") {
        let start = from + found;
        from = start + 2;
        // `{{limits…}}` or `{{limited}}` are not references.
        let Some(name) = names.iter().copied().find(|name| {
            text[from..].starts_with(name)
                && matches!(text[from + name.len()..].chars().next(), Some(' ' | '\t' | '}'))
        }) else {
            continue;
        };
        from += name.len();
        if literal.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let Some(close) = text[from..].find("}}") else {
            break;
        };
        let argument = &text[from..from + close];
        // A reference is on one line; a lone carriage return ends one too.
        if argument.contains(['\n', '\r']) {
            continue;
        }
        let end = from + close + 2;
        let escaped = start > 0 && text.as_bytes()[start - 1] == b'\\';
        refs.push(RefSite {
            name,
            range: if escaped { start - 1..end } else { start..end },
            argument: argument.trim().to_owned(),
            escaped,
            context: RefContext::Prose,
        });
        from = end;
    }
    refs
}

/// Applies non-overlapping edits to `content`.
pub(crate) fn splice(content: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(content.len());
    let mut at = 0;
    for (range, replacement) in edits {
        if range.start < at {
            // Overlapping edits cannot both apply; keep the first.
            continue;
        }
        out.push_str(&content[at..range.start]);
        out.push_str(&replacement);
        at = range.end;
    }
    out.push_str(&content[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SYNTAX: Syntax = Syntax { fences: &["quiz", "limits", "mermaid"], references: &["limit"] };

    fn scan(content: &str) -> ChapterScan {
        super::scan(content, &SYNTAX)
    }

    #[test]
    fn finds_each_kind_of_block_and_ignores_others() {
        let md = "# T\n\n```quiz\na = 1\n```\n\n```toml\nb = 2\n```\n\n```limits\nc = 3\n```\n\n```mermaid\ngraph TD\n```\n";
        let scan = scan(md);
        let kinds: Vec<_> = scan.blocks.iter().map(|b| b.fence).collect();
        assert_eq!(kinds, ["quiz", "limits", "mermaid"]);
        assert_eq!(scan.blocks[0].body, "a = 1\n");
        assert!(md[scan.blocks[0].range.clone()].starts_with("```quiz"));
        assert!(scan.blocks.iter().all(|b| b.terminated));
    }

    #[test]
    fn body_offsets_map_back_to_the_chapter() {
        let md = "intro\n\n```quiz\nx = 1\ny = oops\n```\n";
        let block = &scan(md).blocks[0];
        let body_offset = block.body.find("oops").unwrap();
        assert_eq!(&md[block.chapter_offset(body_offset)..][..4], "oops");
    }

    #[test]
    fn blocks_inside_list_items_keep_their_indentation() {
        let md = "- item\n\n  ```quiz\n  x = 1\n  y = oops\n  ```\n- next\n";
        let block = &scan(md).blocks[0];
        assert_eq!(block.body, "x = 1\ny = oops\n");
        assert_eq!(block.container_prefix, "  ");
        let at = block.chapter_offset(block.body.find("oops").unwrap());
        assert_eq!(&md[at..at + 4], "oops");
        assert_eq!(block.indent_lines("a\n\nb"), "a\n\n  b");
    }

    #[test]
    fn blocks_inside_quotes_keep_the_quote_marker() {
        let md = "> ```quiz\n> x = 1\n> ```\n";
        let block = &scan(md).blocks[0];
        assert_eq!(block.body, "x = 1\n");
        assert_eq!(block.container_prefix, "> ");
        assert_eq!(block.html_replacement("<div></div>"), "<div></div>\n>");
    }

    #[test]
    fn a_reference_does_not_span_lines_ended_by_a_carriage_return() {
        let text = "{{limit a\r```\rb}} and {{limit c}}";
        let refs = find_refs(text, &[], &["limit"]);
        assert_eq!(refs.len(), 1);
        assert_eq!(&text[refs[0].range.clone()], "{{limit c}}");
    }

    #[test]
    fn lone_carriage_returns_become_line_feeds_and_offsets_stay() {
        let cr = "# T\r\r```quiz\rx = 1\r```\r\nend\r";
        let fed = with_line_feeds(cr);
        assert_eq!(fed, "# T\n\n```quiz\nx = 1\n```\r\nend\n");
        let blocks = scan(&fed).blocks;
        assert_eq!(blocks.len(), 1);
        assert_eq!(&cr[blocks[0].range.clone()], "```quiz\rx = 1\r```");
        assert!(blocks[0].terminated);
        assert!(matches!(with_line_feeds("a\r\nb\n"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_missing_closing_fence_is_noticed() {
        let scan = scan("```quiz\nx = 1\n\nmore text\n");
        assert!(!scan.blocks[0].terminated);
    }

    #[test]
    fn a_code_block_named_one_edit_from_a_kind_is_a_near_miss() {
        let scan = scan("```quizz\nx\n```\n\n```Quiz\ny\n```\n\n```json\n{}\n```\n\n```quiz\nz\n```\n");
        let misses: Vec<(String, &str)> =
            scan.near_misses.iter().map(|(_, word, kind)| (word.clone(), *kind)).collect();
        assert_eq!(misses, [("quizz".to_owned(), "quiz"), ("Quiz".to_owned(), "quiz")]);
        assert_eq!(scan.blocks.len(), 1);
    }

    #[test]
    fn a_block_left_open_before_another_code_block_is_noticed() {
        let text = "```quiz\nx = 1\n\nProse.\n\n```json\n{}\n```\n\nMore.\n";
        let found = scan(text);
        assert!(found.blocks[0].terminated, "closed by the JSON block's fence");
        let at = found.blocks[0].left_open_before(text).expect("noticed");
        assert!(found.blocks[0].body[at..].starts_with("```json"));
        // A shorter fence inside a longer one is the author's own code.
        let nested = "````quiz\nexplanation = '''\n```json\n{}\n```\n'''\n````\n";
        assert_eq!(scan(nested).blocks[0].left_open_before(nested), None);
        let closed = "```quiz\nx = 1\n```\n\n```json\n{}\n```\n";
        assert_eq!(scan(closed).blocks[0].left_open_before(closed), None);
    }

    #[test]
    fn a_fence_indented_four_columns_is_content_not_a_closing_fence() {
        assert!(!scan("```quiz\nx = 1\n    ```\n").blocks[0].terminated);
        assert!(scan("```quiz\nx = 1\n   ```\n").blocks[0].terminated);
        assert!(scan("- item\n\n  ```quiz\n  x = 1\n     ```\n").blocks[0].terminated);
    }

    #[test]
    fn a_fence_followed_by_a_form_feed_does_not_close() {
        // CommonMark allows only spaces and tabs after a closing fence.
        assert!(!scan("```quiz\nx = 1\n```  \u{c}\n").blocks[0].terminated);
        assert!(scan("```quiz\nx = 1\n```  \t\n").blocks[0].terminated);
    }

    #[test]
    fn a_fence_after_a_tab_is_content_not_a_closing_fence() {
        assert!(!scan("```quiz\nx = 1\n\t```\n").blocks[0].terminated);
        assert!(!scan("```quiz\nx = 1\n  \t```\n").blocks[0].terminated);
    }

    #[test]
    fn an_unclosed_block_in_a_quote_keeps_the_next_line_apart() {
        let md = "> ```quiz\n> x = 1\n\nNext paragraph.\n";
        let block = &scan(md).blocks[0];
        let out = splice(md, vec![(block.range.clone(), block.html_replacement("<div></div>"))]);
        assert!(out.contains("<div></div>\n>\n"), "{out:?}");
        assert!(out.ends_with("\nNext paragraph.\n"), "{out:?}");
    }

    #[test]
    fn offsets_never_point_past_the_block() {
        let md = "- a\n\n  ```limits\n  \tx\n";
        let block = &scan(md).blocks[0];
        assert!(block.chapter_offset(block.body.len()) <= block.range.end);
    }

    #[test]
    fn replacements_are_one_line_even_for_multi_line_html() {
        let block = &scan("```quiz\nx\n```\n").blocks[0];
        assert_eq!(block.html_replacement("<pre>a\n\nb</pre>"), "<pre>a&#10;&#10;b</pre>\n");
    }

    #[test]
    fn fences_shown_inside_other_code_blocks_are_not_blocks() {
        let md = "````markdown\n```quiz\nx = 1\n```\n````\n";
        assert!(scan(md).blocks.is_empty());
    }

    #[test]
    fn longer_fences_and_tildes_are_recognised() {
        let scan = scan("~~~~quiz\nx = 1\n~~~~\n\n````limits\n```\n````\n");
        assert_eq!(scan.blocks.len(), 2);
        assert!(scan.blocks.iter().all(|b| b.terminated));
        assert_eq!(scan.blocks[1].body, "```\n");
    }

    #[test]
    fn references_in_prose_are_found_but_not_in_code() {
        let md = "Max is {{limit lambda.timeout}}.\n\n`{{limit a.b}}`\n\n```text\n{{limit c.d}}\n```\n\nEscaped: \\{{limit e.f}} and {{limits}}\n";
        let refs = scan(md).refs;
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].argument, "lambda.timeout");
        assert_eq!(&md[refs[0].range.clone()], "{{limit lambda.timeout}}");
        assert!(refs[1].escaped);
        assert_eq!(&md[refs[1].range.clone()], "\\{{limit e.f}}");
    }

    #[test]
    fn references_know_whether_they_are_text_alt_text_or_a_link_target() {
        let md = "![Up to {{limit a.b}}](x.png) and [{{limit c.d}}](<https://x/{{limit e.f}}> \"{{limit g.h}}\")\n\n\
                  [![{{limit i.j}}](y.png)](z.html)\n\n[r]: <https://x/{{limit k.l}}>\n\nPlain {{limit m.n}}.\n";
        let found: Vec<(String, RefContext)> =
            scan(md).refs.into_iter().map(|r| (r.argument, r.context)).collect();
        assert_eq!(
            found,
            [
                ("a.b".to_owned(), RefContext::AltText),
                ("c.d".to_owned(), RefContext::Prose),
                ("e.f".to_owned(), RefContext::LinkTarget),
                ("g.h".to_owned(), RefContext::LinkTarget),
                ("i.j".to_owned(), RefContext::AltText),
                ("k.l".to_owned(), RefContext::LinkTarget),
                ("m.n".to_owned(), RefContext::Prose),
            ]
        );
    }

    #[test]
    fn references_in_tables_and_quotes_are_found() {
        let md = "| a | b |\n|---|---|\n| x | {{limit lambda.memory max}} |\n\n> [!TIP]\n> {{limit x.y}}\n";
        let args: Vec<_> = scan(md).refs.into_iter().map(|r| r.argument).collect();
        assert_eq!(args, ["lambda.memory max", "x.y"]);
    }

    #[test]
    fn splice_applies_edits_in_order() {
        let out = splice("abcdef", vec![(4..5, "E".into()), (0..1, "A".into())]);
        assert_eq!(out, "AbcdEf");
    }
}

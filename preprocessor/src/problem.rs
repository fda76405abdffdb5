//! Problems in an author's input: the one type every stage reports.
//!
//! A [`Problem`] is made where it is found, with a byte span in the text it
//! was found in (a block body, a string inside it, a chapter). The stage that
//! holds that text's place in the chapter moves the span out
//! ([`Problem::shifted`]), and [`SourceMap::locate`] pins it to a file, line
//! and column. Every stage reports and carries on, so one run of `check` (or a
//! failing build) names every problem.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// One problem in an author's source, with a suggestion for fixing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, in a sentence.
    pub message: String,
    /// A suggestion, printed on the line below.
    pub hint: Option<String>,
    /// Bytes of the text it was found in, until it is located.
    pub span: Range<usize>,
    /// Where it is in the book, once located.
    pub location: Option<Location>,
    /// Whether it breaks the block.
    pub severity: Severity,
}

/// An error breaks its block and fails a build under `on-failure = "bail"`;
/// a warning is only reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// Breaks the block.
    #[default]
    Error,
    /// Only reported.
    Warning,
    /// Breaks the block, but follows from an error reported where it is
    /// caused (a reference to a limit whose table could not be read): one
    /// cause, one problem, so it is not reported again.
    Consequence,
}

/// A place in a file of the book.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The file, relative to the book root (e.g. `src/lambda.md`).
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Problem {
    /// An error at `span` of the text it was found in.
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem { message: message.into(), hint: None, span, location: None, severity: Severity::Error }
    }

    /// Makes it a warning, or an error when `as_error` (a book's setting).
    pub fn warning_unless(mut self, as_error: bool) -> Self {
        self.severity = if as_error { Severity::Error } else { Severity::Warning };
        self
    }

    /// Makes it the consequence of an error reported elsewhere
    /// ([`Severity::Consequence`]).
    pub fn as_consequence(mut self) -> Self {
        self.severity = Severity::Consequence;
        self
    }

    /// Whether it breaks its block: an error, or the consequence of one.
    pub fn is_error(&self) -> bool {
        self.severity != Severity::Warning
    }

    /// Adds a suggestion for fixing it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Moves the span out to the enclosing text, where the inner text starts
    /// at byte `by`.
    pub fn shifted(mut self, by: usize) -> Self {
        self.span = self.span.start + by..self.span.end + by;
        self
    }

    /// Prefixes the message: "question 3: …".
    pub fn within(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// `path:line:col`, the part editors and terminals turn into a link.
    pub fn location(&self) -> String {
        match &self.location {
            Some(l) => format!("{}:{}:{}", l.path.display(), l.line, l.column),
            None => format!("bytes {}..{}", self.span.start, self.span.end),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_error() { "" } else { "warning: " };
        write!(f, "{}: {kind}{}", visible(&self.location()), visible(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {}", visible(hint))?;
        }
        Ok(())
    }
}

/// Text as a message shows it: control characters, bidirectional controls
/// and invisible characters written as escapes (`\n`, `\u{202e}`), as rustc
/// writes them. Author text in a message (an id, a "did you mean", a file
/// name) then shows what the file holds, and cannot break a message into
/// two, reorder the line it is on or hide in it.
pub(crate) fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_invisible(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters, the bidirectional controls, and the characters that
/// show as nothing (zero-width spaces and joiners, word joiners, invisible
/// operators, the byte order mark, fillers, line and paragraph separators,
/// tags).
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180e}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// A position inside a chapter, before it is resolved to a file location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The 1-based line and column of byte `offset` in `text` (the tests'
    /// measure of [`Lines::position`]).
    #[cfg(test)]
    pub(crate) fn of_offset(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }
}

/// Where each line of a text starts, so that a position costs a binary
/// search and its own line, not a walk from the top: a block of thousands
/// of questions has thousands of places to locate.
#[derive(Debug, Clone)]
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Lines {
        Lines(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    /// The 1-based line and column of byte `offset` in `text`.
    fn position(&self, text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.0.partition_point(|&start| start <= offset);
        let line_start = self.0[line - 1];
        Position { line, column: text[line_start..offset].chars().count() + 1 }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Sorted by file, then position, so a listing reads top to bottom; without
/// consequences, whose causes are in it.
pub(crate) fn sorted(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.retain(|p| p.severity != Severity::Consequence);
    problems.sort_by(|a, b| a.location.cmp(&b.location));
    problems.dedup();
    problems
}

/// Resolves offsets inside one chapter to locations in the file on disk.
///
/// mdBook expands `{{#include}}` before our preprocessor runs, so a chapter's
/// text can differ from its file. Blocks are looked up in the file by their
/// text; a block that came from an included file (the whole block, or its
/// body between fences that the chapter writes) is reported in that file;
/// one that cannot be found is reported at its place in the chapter, with a
/// note saying so.
#[derive(Debug, Clone)]
pub(crate) struct SourceMap {
    /// Path shown to the author, relative to the book root.
    display_path: PathBuf,
    /// The chapter text mdBook handed us.
    chapter: String,
    /// The file's text on disk, when it differs from `chapter`.
    on_disk: Option<String>,
    /// Made when the first problem is located.
    chapter_lines: OnceLock<Lines>,
    disk_lines: OnceLock<Lines>,
    /// Where a block (its chapter range) starts in the file on disk, once
    /// looked for: every problem of a block shares the search.
    found: Arc<Mutex<BlockStarts>>,
    /// The book's root, from which the files the chapter includes are read.
    root: Option<PathBuf>,
    /// The files the chapter includes, read when a block is not found in
    /// the chapter's file (never, for a chapter without problems).
    included: OnceLock<Vec<Included>>,
}

/// A file a chapter includes (`{{#include …}}`): its path as the author
/// reads it, and its text.
#[derive(Debug, Clone)]
pub(crate) struct Included {
    pub path: PathBuf,
    pub text: String,
}

/// `a/b/../c` as `a/c`, without asking the file system.
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// A block's range in the chapter → where it starts on disk, if found.
type BlockStarts = HashMap<(usize, usize), Option<usize>>;

impl SourceMap {
    pub(crate) fn new(display_path: PathBuf, chapter: &str, on_disk: Option<String>) -> Self {
        let on_disk = on_disk.filter(|disk| disk.replace("\r\n", "\n") != chapter.replace("\r\n", "\n"));
        SourceMap {
            display_path,
            chapter: chapter.to_owned(),
            on_disk,
            chapter_lines: OnceLock::new(),
            disk_lines: OnceLock::new(),
            found: Arc::default(),
            root: None,
            included: OnceLock::new(),
        }
    }

    /// Reads what the chapter includes from the book at `root`, when a
    /// problem needs it.
    pub(crate) fn reading_includes_from(mut self, root: &Path) -> Self {
        self.root = Some(root.to_owned());
        self
    }

    /// With these files as the ones the chapter includes.
    #[cfg(test)]
    fn with_included(self, included: Vec<Included>) -> Self {
        let _ = self.included.set(included);
        self
    }

    /// The files the chapter's text on disk includes (`{{#include path…}}`,
    /// `{{#rustdoc_include path…}}`), with paths from the book's root, as
    /// the author reads them; those that cannot be read are left out.
    fn included(&self) -> &[Included] {
        self.included.get_or_init(|| {
            let (Some(disk), Some(root)) = (&self.on_disk, &self.root) else { return Vec::new() };
            let mut files: Vec<Included> = Vec::new();
            for directive in ["{{#include", "{{#rustdoc_include"] {
                for (at, _) in disk.match_indices(directive) {
                    let rest = disk[at + directive.len()..].trim_start();
                    let end = rest.find(|c: char| c.is_whitespace() || c == '}').unwrap_or(rest.len());
                    // `path:10:20` and `path:anchor` include part of the file.
                    let written = rest[..end].split(':').next().unwrap_or("");
                    let path =
                        lexically_normal(&self.display_path.parent().unwrap_or(Path::new("")).join(written));
                    if written.is_empty() || files.iter().any(|f| f.path == path) {
                        continue;
                    }
                    if let Ok(text) = std::fs::read_to_string(root.join(&path)) {
                        files.push(Included {
                            path,
                            text: crate::blocks::with_line_feeds(&text).into_owned(),
                        });
                    }
                }
            }
            files
        })
    }

    /// Where `offset` of the block at `anchor` is in an included file: the
    /// whole block, or else its body, found there.
    fn in_included(&self, anchor: &Range<usize>, offset: usize) -> Option<(&Included, Position)> {
        let block = self.chapter.get(anchor.clone()).filter(|b| !b.is_empty())?;
        let within = offset.checked_sub(anchor.start)?;
        // The body: after the opening fence's line, before the closing one.
        let body_start = block.find('\n').map_or(block.len(), |i| i + 1);
        let trimmed = block.trim_end_matches(['\n', '\r']);
        let body_end = trimmed.rfind('\n').map_or(body_start, |i| i + 1).max(body_start);
        let body = &block[body_start..body_end];
        for file in self.included() {
            if let Some(start) = file.text.find(block) {
                return Some((file, Lines::of(&file.text).position(&file.text, start + within)));
            }
            if !body.trim().is_empty()
                && (body_start..body_end).contains(&within)
                && let Some(start) = file.text.find(body)
            {
                let at = start + within - body_start;
                return Some((file, Lines::of(&file.text).position(&file.text, at)));
            }
        }
        None
    }

    fn in_chapter(&self, offset: usize) -> Position {
        self.chapter_lines.get_or_init(|| Lines::of(&self.chapter)).position(&self.chapter, offset)
    }

    fn in_file(&self, disk: &str, offset: usize) -> Position {
        self.disk_lines.get_or_init(|| Lines::of(disk)).position(disk, offset)
    }

    /// Where the block at `anchor` in the chapter starts in the file on disk.
    fn block_on_disk(&self, disk: &str, anchor: &Range<usize>) -> Option<usize> {
        let find = || {
            let block = self.chapter.get(anchor.clone()).unwrap_or("");
            (!block.is_empty()).then(|| disk.find(block)).flatten()
        };
        match self.found.lock() {
            Ok(mut found) => *found.entry((anchor.start, anchor.end)).or_insert_with(find),
            Err(_) => find(),
        }
    }

    /// A map for text that is not a chapter file (tests, fuzzing).
    #[cfg(test)]
    pub(crate) fn detached(display_path: impl AsRef<std::path::Path>, chapter: &str) -> Self {
        SourceMap::new(display_path.as_ref().to_owned(), chapter, None)
    }

    /// Pins a problem whose span starts at a byte of the chapter text;
    /// `anchor` is the chapter range of the block that holds it (used to find
    /// the block in the file on disk).
    pub(crate) fn locate(&self, anchor: Range<usize>, mut problem: Problem) -> Problem {
        let offset = problem.span.start;
        let position = match &self.on_disk {
            None => self.in_chapter(offset),
            Some(disk) => match self.block_on_disk(disk, &anchor) {
                Some(start) => {
                    let within = offset.saturating_sub(anchor.start);
                    self.in_file(disk, start + within)
                }
                None if let Some((file, position)) = self.in_included(&anchor, offset) => {
                    problem.location = Some(Location {
                        path: file.path.clone(),
                        line: position.line,
                        column: position.column,
                    });
                    return problem;
                }
                None => {
                    problem.message.push_str(" (in text included into this chapter)");
                    self.in_chapter(offset)
                }
            },
        };
        problem.location =
            Some(Location { path: self.display_path.clone(), line: position.line, column: position.column });
        problem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\ncé d\n";
        assert_eq!(Position::of_offset(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of_offset(text, 3), Position { line: 2, column: 1 });
        // 'é' is two bytes but one column.
        assert_eq!(Position::of_offset(text, 7), Position { line: 2, column: 4 });
    }

    #[test]
    fn a_source_map_places_every_offset_as_a_walk_from_the_top_does() {
        let text = "ab\ncé d\n\n\nlast line é\nno newline at the end";
        let lines = Lines::of(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(lines.position(text, offset), Position::of_offset(text, offset), "at {offset}");
        }
        assert_eq!(Lines::of("").position("", 0), Position { line: 1, column: 1 });
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        let text = "é";
        assert_eq!(Position::of_offset(text, 1), Position { line: 1, column: 1 });
        assert_eq!(Position::of_offset(text, 99), Position { line: 1, column: 2 });
    }

    #[test]
    fn blocks_are_found_in_the_file_when_includes_changed_the_chapter() {
        let disk = "# T\n{{#include x.md}}\n```quiz\nbad\n```\n";
        let chapter = "# T\nincluded\nline\n```quiz\nbad\n```\n";
        let map = SourceMap::new("src/t.md".into(), chapter, Some(disk.into()));
        let block_start = chapter.find("```quiz").unwrap();
        let block = block_start..chapter.len();
        let d = map.locate(block.clone(), Problem::new(block_start + 8..block_start + 8, "broken"));
        let at = d.location.clone().unwrap();
        assert_eq!((at.line, at.column), (4, 1));
        assert_eq!(d.to_string(), "src/t.md:4:1: broken");
    }

    #[test]
    fn included_blocks_say_where_they_came_from() {
        let chapter = "```quiz\nbad\n```\n";
        let map = SourceMap::new("src/t.md".into(), chapter, Some("{{#include q.md}}\n".into()));
        let d = map.locate(0..chapter.len(), Problem::new(8..8, "broken"));
        assert_eq!(d.location(), "src/t.md:2:1");
        assert!(d.message.contains("included"));
    }

    #[test]
    fn a_block_or_a_body_from_an_included_file_is_reported_in_that_file() {
        let body = "[[question]]\nprompt = \"p\"\nanswer = \"E\"\n";
        let included = |text: &str| vec![Included { path: "quizzes/q.toml".into(), text: text.into() }];
        // The fences in the chapter, the body from the file.
        let chapter = format!("# T\n\n```quiz\n{body}```\n");
        let disk = "# T\n\n```quiz\n{{#include ../quizzes/q.toml}}\n```\n";
        let map = SourceMap::new("src/t.md".into(), &chapter, Some(disk.into()))
            .with_included(included(&format!("# my quiz\n{body}")));
        let block = chapter.find("```quiz").unwrap()..chapter.len();
        let answer = chapter.find("answer").unwrap();
        let d = map.locate(block.clone(), Problem::new(answer..answer, "broken"));
        assert_eq!(d.location(), "quizzes/q.toml:4:1");
        assert_eq!(d.message, "broken");
        // The whole block from the file.
        let map = SourceMap::new("src/t.md".into(), &chapter, Some("# T\n\n{{#include q.md}}\n".into()))
            .with_included(included(&format!("Intro\n\n```quiz\n{body}```\n")));
        assert_eq!(
            map.locate(block.clone(), Problem::new(answer..answer, "broken")).location(),
            "quizzes/q.toml:6:1"
        );
        // Found in neither: at its place in the chapter, saying so.
        let map =
            SourceMap::new("src/t.md".into(), &chapter, Some(disk.into())).with_included(included("other"));
        let d = map.locate(block, Problem::new(answer..answer, "broken"));
        assert_eq!(d.location(), "src/t.md:6:1");
        assert!(d.message.contains("included"));
    }

    #[test]
    fn invisible_characters_are_written_as_escapes() {
        assert!(matches!(visible("plain «text» é 😀 \"quoted\" \\"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{202e}b\u{2066}c\u{200b}d\u{feff}"),
            "a\\u{202e}b\\u{2066}c\\u{200b}d\\u{feff}"
        );
        assert_eq!(visible("one\ntwo\tthree\r\u{1b}[31m\u{7f}"), "one\\ntwo\\tthree\\r\\u{1b}[31m\\u{7f}");
        assert_eq!(visible("\u{85}\u{2028}\u{e0041}"), "\\u{85}\\u{2028}\\u{e0041}");
    }

    #[test]
    fn a_problem_prints_author_text_visibly_on_one_line() {
        let mut problem =
            Problem::new(0..0, "question id `a\u{202e}b` is not a valid id").hint("did you mean `x\ny`?");
        problem.location = Some(Location { path: "src/\u{200b}q.md".into(), line: 1, column: 2 });
        assert_eq!(
            problem.to_string(),
            "src/\\u{200b}q.md:1:2: question id `a\\u{202e}b` is not a valid id\n    hint: did you mean `x\\ny`?"
        );
    }

    #[test]
    fn hints_print_on_their_own_line() {
        let d = SourceMap::detached("a.md", "x").locate(0..1, Problem::new(0..0, "bad").hint("fix it"));
        assert_eq!(d.to_string(), "a.md:1:1: bad\n    hint: fix it");
    }
}

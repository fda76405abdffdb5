//! Problems found in a book's blocks, each pinned to a file, line and column.
//!
//! Every stage reports into a [`Diagnostics`] list instead of stopping at the
//! first problem, so one run of `check` (or a failing build) names them all.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in an author's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the book root (e.g. `src/lambda.md`).
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// A suggestion for fixing it, printed on the line below.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `path:line:col`, the part editors and terminals turn into a link.
    pub fn location(&self) -> String {
        format!("{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n    hint: {hint}")?;
        }
        Ok(())
    }
}

/// A position inside a chapter, before it is resolved to a file location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The 1-based line and column of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Position { line: before.matches('\n').count() + 1, column: before[line_start..].chars().count() + 1 }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The problems collected during one run, in the order they were found.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, so the output reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        self.items.dedup();
        self.items
    }
}

/// Resolves offsets inside one chapter to locations in the file on disk.
///
/// mdBook expands `{{#include}}` before our preprocessor runs, so a chapter's
/// text can differ from its file. Blocks are looked up in the file by their
/// text; a block that came from an included file is reported at its place in
/// the chapter, with a note saying so.
#[derive(Debug, Clone)]
pub struct SourceMap {
    /// Path shown to the author, relative to the book root.
    display_path: PathBuf,
    /// The chapter text mdBook handed us.
    chapter: String,
    /// The file's text on disk, when it differs from `chapter`.
    on_disk: Option<String>,
}

impl SourceMap {
    pub fn new(display_path: PathBuf, chapter: &str, on_disk: Option<String>) -> Self {
        let on_disk = on_disk.filter(|disk| disk.replace("\r\n", "\n") != chapter.replace("\r\n", "\n"));
        SourceMap { display_path, chapter: chapter.to_owned(), on_disk }
    }

    /// A map for text that is not a chapter file (tests, fuzzing).
    pub fn detached(display_path: impl AsRef<Path>, chapter: &str) -> Self {
        SourceMap::new(display_path.as_ref().to_owned(), chapter, None)
    }

    pub fn path(&self) -> &Path {
        &self.display_path
    }

    /// A diagnostic at byte `offset` of the chapter text, where `anchor` is
    /// the chapter range of the block that holds it (used to find the block
    /// in the file on disk).
    pub fn diagnostic(
        &self,
        anchor: std::ops::Range<usize>,
        offset: usize,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut message = message.into();
        let position = match &self.on_disk {
            None => Position::of_offset(&self.chapter, offset),
            Some(disk) => {
                let block = self.chapter.get(anchor.clone()).unwrap_or("");
                match (!block.is_empty()).then(|| disk.find(block)).flatten() {
                    Some(start) => {
                        let within = offset.saturating_sub(anchor.start);
                        Position::of_offset(disk, start + within)
                    }
                    None => {
                        message.push_str(" (in text included into this chapter)");
                        Position::of_offset(&self.chapter, offset)
                    }
                }
            }
        };
        Diagnostic {
            path: self.display_path.clone(),
            line: position.line,
            column: position.column,
            message,
            hint: None,
        }
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
        let d = map.diagnostic(block.clone(), block_start + 8, "broken");
        assert_eq!((d.line, d.column), (4, 1));
        assert_eq!(d.to_string(), "src/t.md:4:1: broken");
    }

    #[test]
    fn included_blocks_say_where_they_came_from() {
        let chapter = "```quiz\nbad\n```\n";
        let map = SourceMap::new("src/t.md".into(), chapter, Some("{{#include q.md}}\n".into()));
        let d = map.diagnostic(0..chapter.len(), 8, "broken");
        assert_eq!(d.location(), "src/t.md:2:1");
        assert!(d.message.contains("included"));
    }

    #[test]
    fn hints_print_on_their_own_line() {
        let d = SourceMap::detached("a.md", "x").diagnostic(0..1, 0, "bad").with_hint("fix it");
        assert_eq!(d.to_string(), "a.md:1:1: bad\n    hint: fix it");
    }
}

//! Snapshots of the fixture books the browser tests use (`tests/books/` at
//! the repository root): each book is built in-process, and the `<main>`
//! element of each of its pages is compared with the committed file
//! `tests/books/<book>/expected/<page>.html`, with snapbox (as mdBook's own
//! testsuite does), which shows a mismatch as a diff.
//!
//! A snapshot holds the element with a line break before every tag, so that
//! a change shows as a readable diff. The diagrams are left to the reader's
//! browser (no Chromium), so the markup is the same on every machine.
//!
//! After a deliberate change of the markup, rewrite every snapshot (and
//! remove those of pages that are gone) with
//!
//! ```text
//! SNAPSHOTS=overwrite cargo test --release -p mdbook-studyguide --test snapshots
//! ```
//!
//! and review the diff of `tests/books/*/expected/`.

mod support;
use snapbox::assert::{Action, DEFAULT_ACTION_ENV};
use snapbox::{Assert, Data};
use std::path::{Path, PathBuf};
use support::copy_dir;

/// The fixture books, each a directory of `tests/books/`.
const BOOKS: &[&str] =
    &["apiary", "chemistry", "quiz", "limits", "diagrams", "mermaid-types", "loop", "rust-notes"];

/// Where the snapshots of a book live, inside its fixture directory.
const EXPECTED_DIR: &str = "expected";

fn books_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("tests/books")
}

/// Compares, or with `SNAPSHOTS=overwrite` rewrites, a snapshot.
fn assert() -> Assert {
    Assert::new().action_env(DEFAULT_ACTION_ENV)
}

#[test]
fn quiz_fixture_pages_match_their_snapshots() {
    check_book("quiz");
}

#[test]
fn limits_fixture_pages_match_their_snapshots() {
    check_book("limits");
}

#[test]
fn diagrams_fixture_pages_match_their_snapshots() {
    check_book("diagrams");
}

#[test]
fn mermaid_types_fixture_pages_match_their_snapshots() {
    check_book("mermaid-types");
}

#[test]
fn apiary_fixture_pages_match_their_snapshots() {
    check_book("apiary");
}

#[test]
fn chemistry_fixture_pages_match_their_snapshots() {
    check_book("chemistry");
}

#[test]
fn loop_fixture_pages_match_their_snapshots() {
    check_book("loop");
}

#[test]
fn rust_notes_fixture_pages_match_their_snapshots() {
    check_book("rust-notes");
}

#[test]
fn every_fixture_book_is_snapshotted() {
    let mut found: Vec<String> = std::fs::read_dir(books_dir())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("book.toml").is_file())
        .map(|path| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut listed: Vec<String> = BOOKS.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(found, listed, "each book in tests/books/ has a test in preprocessor/tests/snapshots.rs");
}

/// Builds the fixture book `name` and compares (or, with
/// `SNAPSHOTS=overwrite`, rewrites) the snapshot of each of its pages.
/// Every mismatch is reported, with its diff, before the test fails.
#[track_caller]
fn check_book(name: &str) {
    let fixture = books_dir().join(name);
    let built = build(&fixture);
    let expected_dir = fixture.join(EXPECTED_DIR);
    let pages = pages_of(&fixture.join("src"));
    assert!(!pages.is_empty(), "{}: no chapters", fixture.display());

    let assert = assert();
    let overwrite = assert.selected_action() == Action::Overwrite;
    let mut problems = Vec::new();
    let mut wanted = Vec::new();
    for page in &pages {
        let actual = snapshot_text(&main_of(&html_of(built.path()).join(page)));
        let file = expected_dir.join(page);
        wanted.push(file.clone());
        // Raw: compared as it is, with none of snapbox's wildcards.
        let expected = Data::read_from(&file, None).raw();
        if let Err(err) = assert.try_eq(Some(&shown(&file)), actual.into(), expected) {
            problems.push(err.to_string());
        }
    }
    for stale in files_under(&expected_dir).into_iter().filter(|f| !wanted.contains(f)) {
        if overwrite {
            std::fs::remove_file(&stale).unwrap();
        } else {
            problems.push(format!("{}: a snapshot of a page the book no longer has", shown(&stale)));
        }
    }
    if !problems.is_empty() {
        panic!(
            "{} snapshot(s) of the {name} fixture differ:\n\n{}\n\nIf the change is meant, rewrite them with\n    SNAPSHOTS=overwrite cargo test --release -p mdbook-studyguide --test snapshots\nand review the diff.",
            problems.len(),
            problems.join("\n\n")
        );
    }
}

/// A copy of the fixture book built in a temporary directory, in-process
/// (as the `build` command does, with this crate's own preprocessor), with
/// the diagrams left to the reader's browser.
#[track_caller]
fn build(fixture: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_sources(fixture, dir.path());
    let built = studyguide::Builder::new(dir.path()).load().and_then(|mut book| {
        book.config.set("preprocessor.studyguide.diagrams.prerender", "never")?;
        book.build()
    });
    if let Err(err) = built {
        panic!("building {} failed: {err:#}", fixture.display());
    }
    dir
}

/// Where the HTML renderer wrote the site: `book/`, or `book/html/` in a
/// book with a second renderer.
fn html_of(built: &Path) -> PathBuf {
    let site = built.join("book");
    if site.join("html").join("index.html").is_file() { site.join("html") } else { site }
}

/// The book's sources: everything but its snapshots and what a build leaves.
fn copy_sources(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name();
        if [EXPECTED_DIR, "book", ".studyguide-cache", "theme", "node_modules"]
            .contains(&&*name.to_string_lossy())
        {
            continue;
        }
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(&name));
        } else {
            std::fs::copy(entry.path(), to.join(&name)).unwrap();
        }
    }
}

/// Each chapter's page, as a path relative to the site: `a/b.md` is `a/b.html`.
fn pages_of(src: &Path) -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = files_under(src)
        .into_iter()
        .filter(|f| {
            f.extension().is_some_and(|e| e == "md") && f.file_name().is_some_and(|n| n != "SUMMARY.md")
        })
        .map(|f| f.strip_prefix(src).unwrap().with_extension("html"))
        .collect();
    pages.sort();
    pages
}

/// Every file under `dir` (none if it does not exist), sorted.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The `<main>` element of a built page, its tags included.
#[track_caller]
fn main_of(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let start = html.find("<main>").unwrap_or_else(|| panic!("{}: no <main>", page.display()));
    let end = html.rfind("</main>").unwrap_or_else(|| panic!("{}: no </main>", page.display()));
    html[start..end + "</main>".len()].to_owned()
}

/// The text of a snapshot: a line break before every tag but the first, and
/// one at the end. Nothing is lost: removing each line break that precedes a
/// `<` gives the element back, so two elements differ exactly when their
/// snapshots do.
fn snapshot_text(main: &str) -> String {
    let mut out = String::with_capacity(main.len() + main.len() / 8);
    for (i, c) in main.char_indices() {
        if c == '<' && i > 0 {
            out.push('\n');
        }
        out.push(c);
    }
    out.push('\n');
    out
}

/// A path as the repository names it.
fn shown(file: &Path) -> String {
    let root = books_dir().parent().unwrap().parent().unwrap().to_owned();
    file.strip_prefix(&root).unwrap_or(file).display().to_string()
}

#[test]
fn a_snapshot_keeps_every_character() {
    let main = "<main><p>a\n<b>b</b></p></main>";
    let text = snapshot_text(main);
    assert_eq!(text, "<main>\n<p>a\n\n<b>b\n</b>\n</p>\n</main>\n");
    assert_eq!(text.trim_end_matches('\n').replace("\n<", "<"), main);
}

//! Snapshots of the fixture books the browser tests use (`tests/books/` at
//! the repository root): each book is built in-process, and the `<main>`
//! element of each of its pages is compared with the committed file
//! `tests/books/<book>/expected/<page>.html`.
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
use std::path::{Path, PathBuf};
use support::copy_dir;

/// The fixture books, each a directory of `tests/books/`.
const BOOKS: &[&str] = &["quiz", "limits", "diagrams", "mermaid-types", "loop"];

/// `SNAPSHOTS=overwrite` rewrites the snapshots instead of comparing.
const MODE_VAR: &str = "SNAPSHOTS";

/// The command that rewrites the snapshots, for failure messages.
const OVERWRITE: &str = "SNAPSHOTS=overwrite cargo test --release -p mdbook-studyguide --test snapshots";

/// Where the snapshots of a book live, inside its fixture directory.
const EXPECTED_DIR: &str = "expected";

fn books_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().join("tests/books")
}

fn overwrite() -> bool {
    match std::env::var(MODE_VAR) {
        Ok(value) if value == "overwrite" => true,
        Ok(value) if value.is_empty() || value == "compare" => false,
        Ok(value) => panic!("{MODE_VAR}={value}: expected `overwrite` (or `compare`, the default)"),
        Err(_) => false,
    }
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
fn loop_fixture_pages_match_their_snapshots() {
    check_book("loop");
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

    let mut problems = Vec::new();
    let mut wanted = Vec::new();
    for page in &pages {
        let actual = snapshot_text(&main_of(&built.path().join("book").join(page)));
        let file = expected_dir.join(page);
        wanted.push(file.clone());
        if overwrite() {
            write_if_changed(&file, &actual);
        } else if let Err(problem) = compare(&file, &actual) {
            problems.push(problem);
        }
    }
    for stale in files_under(&expected_dir).into_iter().filter(|f| !wanted.contains(f)) {
        if overwrite() {
            std::fs::remove_file(&stale).unwrap();
        } else {
            problems.push(format!("{}: a snapshot of a page the book no longer has", shown(&stale)));
        }
    }
    if !problems.is_empty() {
        panic!(
            "{} snapshot(s) of the {name} fixture differ:\n\n{}\n\nIf the change is meant, rewrite them with\n    {OVERWRITE}\nand review the diff.",
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

fn write_if_changed(file: &Path, text: &str) {
    if std::fs::read_to_string(file).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(file, text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
}

/// Compares the committed snapshot `file` with what was built.
fn compare(file: &Path, actual: &str) -> Result<(), String> {
    let expected = match std::fs::read_to_string(file) {
        Ok(text) => text,
        Err(_) => return Err(format!("{}: no snapshot yet", shown(file))),
    };
    if expected == actual {
        return Ok(());
    }
    Err(format!("{} (- committed, + built):\n{}", shown(file), diff(&expected, actual)))
}

/// A path as the repository names it.
fn shown(file: &Path) -> String {
    let root = books_dir().parent().unwrap().parent().unwrap().to_owned();
    file.strip_prefix(&root).unwrap_or(file).display().to_string()
}

/// Lines of context around each change.
const CONTEXT: usize = 3;

/// A line diff of `old` and `new` with a little context, each hunk headed by
/// the line numbers where it starts.
fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = line_ops(&a, &b);

    // The lines to show: each change and its context.
    let mut show = vec![false; ops.len()];
    for (i, op) in ops.iter().enumerate() {
        if !matches!(op, Op::Same(..)) {
            let from = i.saturating_sub(CONTEXT);
            let to = (i + CONTEXT + 1).min(ops.len());
            show[from..to].iter_mut().for_each(|s| *s = true);
        }
    }
    let mut out = String::new();
    let (mut line_a, mut line_b) = (1, 1);
    let mut in_hunk = false;
    for (op, shown) in ops.iter().zip(&show) {
        if *shown && !in_hunk {
            out.push_str(&format!("@@ committed line {line_a}, built line {line_b} @@\n"));
        }
        in_hunk = *shown;
        match op {
            Op::Same(line) => {
                if *shown {
                    out.push_str(&format!("  {line}\n"));
                }
                line_a += 1;
                line_b += 1;
            }
            Op::Removed(line) => {
                out.push_str(&format!("- {line}\n"));
                line_a += 1;
            }
            Op::Added(line) => {
                out.push_str(&format!("+ {line}\n"));
                line_b += 1;
            }
        }
    }
    out
}

enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// The edit from `a` to `b`: the common start and end are kept as they
/// are, and the middle is aligned by its longest common subsequence (or,
/// when it is too large for that, shown as removed and then added).
fn line_ops<'a>(a: &[&'a str], b: &[&'a str]) -> Vec<Op<'a>> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (mid_a, mid_b) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);

    let mut ops: Vec<Op<'a>> = a[..prefix].iter().map(|l| Op::Same(l)).collect();
    if (mid_a.len() + 1) * (mid_b.len() + 1) > 4_000_000 {
        ops.extend(mid_a.iter().map(|l| Op::Removed(l)));
        ops.extend(mid_b.iter().map(|l| Op::Added(l)));
    } else {
        // lcs[i][j]: the longest common subsequence of mid_a[i..] and mid_b[j..].
        let width = mid_b.len() + 1;
        let mut lcs = vec![0u32; (mid_a.len() + 1) * width];
        for i in (0..mid_a.len()).rev() {
            for j in (0..mid_b.len()).rev() {
                lcs[i * width + j] = if mid_a[i] == mid_b[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < mid_a.len() || j < mid_b.len() {
            if i < mid_a.len() && j < mid_b.len() && mid_a[i] == mid_b[j] {
                ops.push(Op::Same(mid_a[i]));
                i += 1;
                j += 1;
            } else if i < mid_a.len()
                && (j == mid_b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                ops.push(Op::Removed(mid_a[i]));
                i += 1;
            } else {
                ops.push(Op::Added(mid_b[j]));
                j += 1;
            }
        }
    }
    ops.extend(a[a.len() - suffix..].iter().map(|l| Op::Same(l)));
    ops
}

#[test]
fn a_snapshot_keeps_every_character_and_a_diff_shows_the_changed_lines() {
    let main = "<main><p>a\n<b>b</b></p></main>";
    let text = snapshot_text(main);
    assert_eq!(text, "<main>\n<p>a\n\n<b>b\n</b>\n</p>\n</main>\n");
    assert_eq!(text.trim_end_matches('\n').replace("\n<", "<"), main);

    let shown = diff("1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n");
    assert_eq!(shown, "@@ committed line 2, built line 2 @@\n  2\n  3\n  4\n- 5\n+ five\n  6\n  7\n  8\n");
    assert_eq!(diff("a\n", "a\nb\n"), "@@ committed line 1, built line 1 @@\n  a\n+ b\n");
}

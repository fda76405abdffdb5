//! The body of every fuzz target: a module of the crate (`fuzz_harness`,
//! built for cargo-fuzz, which sets `--cfg fuzzing`, and for the tests), so
//! it reaches what the crate keeps to itself. The cargo-fuzz targets in
//! `fuzz_targets/` call it, and the test at the end of this file replays the
//! committed corpus through it on stable Rust.
//!
//! Each function takes the raw fuzz input, ignores input that is not UTF-8,
//! and panics when an invariant of the code under test does not hold.

#![allow(missing_docs, unreachable_pub)]

use crate::blocks::{self, Syntax};
use crate::blueprint::Blueprint;
use crate::config::OnFailure;
use crate::diagram;
use crate::html::{Markup, one_line};
use crate::limits::quantity::{self, Quantity, Unit};
use crate::limits::{self, LimitRef, LimitValue, Registry, RegistryEntry};
use crate::markdown::MarkdownStyle;
use crate::problem::Problem;
use crate::quiz::{self, RenderedQuestion, RenderedQuiz};
use crate::transform::{self, Settings};

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use std::path::PathBuf;

/// What the book's kinds of block look for.
const SYNTAX: Syntax = Syntax { fences: &["quiz", "limits", "mermaid"], references: &["limit"] };

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// Every target, by the name of its corpus directory.
pub const TARGETS: &[(&str, Target)] = &[
    ("quiz_parse", quiz_parse),
    ("limits_parse", limits_parse),
    ("quantity", quantity),
    ("diagram_parse", diagram_parse),
    ("scan", scan),
    ("transform", transform),
    ("exam_parse", exam_parse),
    ("progress_parse", progress_parse),
    ("review_parse", review_parse),
    ("blueprint", blueprint),
];

fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

/// Tags that must never reach a page from text an author wrote in a block:
/// everything is escaped or sanitised by ammonia, which re-escapes `<` in text.
const FORBIDDEN_TAGS: &[&str] = &["<script", "<iframe", "<object", "<embed"];

/// A block's HTML as the chapter gets it: on one line.
fn assert_safe_html(markup: &Markup, what: &str) {
    let html = &*one_line(&markup.0);
    let lower = html.to_ascii_lowercase();
    for tag in FORBIDDEN_TAGS {
        assert!(!lower.contains(tag), "{what} HTML contains {tag}: {html}");
    }
    // Block HTML is spliced into Markdown as one HTML block: a newline could
    // end it (a blank line does) and let Markdown reinterpret the rest.
    assert!(!html.contains('\n'), "{what} HTML is not a single line: {html:?}");
}

/// The HTML without the data our blocks carry in `<script
/// type="application/json">` (the progress page's book), checked first:
/// its content holds no `<`, so it can close nothing and open nothing.
fn without_data_scripts(html: &str) -> String {
    const OPEN: &str = "<script type=\"application/json\" data-sg-book>";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let end = after.find("</script>").expect("a data script is closed");
        assert!(!after[..end].contains('<'), "a data script holds a `<`: {:?}", &after[..end]);
        rest = &after[end + "</script>".len()..];
    }
    out.push_str(rest);
    out
}

fn assert_span(body: &str, p: &Problem, what: &str) {
    assert!(
        p.span.start <= p.span.end && p.span.end <= body.len(),
        "{what}: span {:?} outside a body of {} bytes: {}",
        p.span,
        body.len(),
        p.message
    );
    assert!(!p.message.trim().is_empty(), "{what}: empty problem message");
}

fn styles() -> [MarkdownStyle; 2] {
    [
        MarkdownStyle::default(),
        MarkdownStyle { smart_punctuation: false, definition_lists: false, admonitions: false },
    ]
}

// ---------------------------------------------------------------- quiz

pub fn quiz_parse(data: &[u8]) {
    let Some(body) = text(data) else { return };
    let (quiz, problems) = quiz::parse(body);
    // Without a quiz there is a problem saying why. A quiz may come back with
    // problems (its ids are still checked); only one without is rendered.
    assert!(quiz.is_some() || !problems.is_empty(), "neither a quiz nor a problem");
    for p in &problems {
        assert_span(body, p, "quiz");
    }
    let Some(quiz) = quiz.filter(|_| problems.is_empty()) else { return };
    assert!(!quiz.questions.is_empty());
    for q in &quiz.questions {
        let count = q.choices.len();
        assert!((2..=26).contains(&count), "{count} choices accepted");
        assert!(!q.answer.is_empty(), "empty answer accepted");
        assert!(q.answer.len() < count, "every choice correct accepted");
        assert!(q.answer.windows(2).all(|w| w[0] < w[1]), "answer not sorted/unique");
        assert!(q.answer.iter().all(|&i| i < count), "answer out of range");
        assert!(!q.prompt.value.trim().is_empty());
        assert!(!q.explanation.value.trim().is_empty());
        if let Some(id) = &q.id {
            assert!(quiz::is_valid_id(&id.value));
        }
        for t in [&q.prompt, &q.explanation]
            .into_iter()
            .chain(q.choices.iter().map(|c| &c.text))
            .chain(q.choices.iter().filter_map(|c| c.explanation.as_ref()))
        {
            assert!(t.span.start <= t.span.end && t.span.end <= body.len());
        }
    }
    let rendered = rendered_quiz(&quiz, |t| t.value.clone());
    for style in styles() {
        assert_safe_html(&quiz::render_html(&rendered, style), "quiz");
    }
    let _ = quiz::render_markdown(&rendered);
}

/// A parsed quiz ready to render, as the transform builds it; `expand`
/// stands in for `{{limit}}` expansion of author text.
fn rendered_quiz(quiz: &quiz::Quiz, expand: impl Fn(&quiz::Text) -> String) -> RenderedQuiz {
    let questions = quiz
        .questions
        .iter()
        .enumerate()
        .map(|(n, q)| {
            let key = q.id.as_ref().map_or_else(|| format!("q{n}"), |id| id.value.clone());
            let choices =
                q.choices.iter().map(|c| (expand(&c.text), c.explanation.as_ref().map(&expand))).collect();
            RenderedQuestion::new(key, expand(&q.prompt), choices, q.answer.clone(), expand(&q.explanation))
        })
        .collect();
    RenderedQuiz { title: quiz.title.as_ref().map(|t| t.value.clone()), questions }
}

// ---------------------------------------------------------------- limits

pub fn limits_parse(data: &[u8]) {
    let Some(body) = text(data) else { return };
    let (table, problems) = limits::parse(body);
    // Without a table there is a problem saying why. A table may come back
    // with problems, holding its good rows; only one without is rendered.
    assert!(table.is_some() || !problems.is_empty(), "neither a table nor a problem");
    for p in &problems {
        assert_span(body, p, "limits");
    }
    let Some(table) = table else { return };
    let render = problems.is_empty();
    if render {
        assert!(!table.rows.is_empty());
        assert!(!table.caption.trim().is_empty());
        assert!(table.service.as_ref().is_none_or(|s| !s.trim().is_empty()));
        // Every row says whether it is adjustable, or none does.
        let saying = table.rows.iter().filter(|row| row.adjustable.is_some()).count();
        assert!(saying == 0 || saying == table.rows.len(), "{saying} of {} rows", table.rows.len());
    }
    let mut registry = Registry::default();
    for row in &table.rows {
        assert!(quiz::is_valid_id(&row.id), "invalid id accepted: {:?}", row.id);
        assert!(row.id_span.end <= body.len());
        assert!(!row.resource.trim().is_empty());
        for url in table.source.iter().chain(&row.source) {
            assert!(url.starts_with("https://") || url.starts_with("http://"), "{url}");
        }
        if let LimitValue::Range { min, max, default } = &row.value {
            assert_eq!(min.dimension(), max.dimension());
            assert!(min.base() < max.base());
            if let Some(d) = default {
                assert_eq!(d.dimension(), min.dimension());
                assert!(min.base() <= d.base() && d.base() <= max.base());
            }
        }
        let _ = row.value.display();
        let _ = row.value.display_short();
        let entry = RegistryEntry {
            row: row.clone(),
            service: table.service.clone(),
            chapter: PathBuf::from("fuzz.md"),
        };
        assert!(registry.insert(entry).is_ok(), "duplicate id accepted: {}", row.id);
    }
    // Every row can be referenced, and a reference never panics.
    for row in &table.rows {
        for selector in ["", " min", " max", " default", " bogus"] {
            let Ok(reference) = LimitRef::parse(&format!("{}{selector}", row.id)) else {
                continue;
            };
            let _ = registry.expand(&reference);
            if let Ok(q) = registry.cited_quantity(&reference) {
                let _ = limits::check_cited_answer(&row.value.display(), &q, &row.id);
            }
        }
        assert!(registry.expand(&LimitRef::parse(&row.id).unwrap()).is_ok());
    }
    if render {
        for style in styles() {
            assert_safe_html(
                &limits::render_html(&table, "fuzz-table", style, &Default::default(), &Default::default()),
                "limits",
            );
        }
        let _ = limits::render_markdown(&table, &Default::default());
    }
}

// ---------------------------------------------------------------- exam, progress, review

pub fn exam_parse(data: &[u8]) {
    let Some(body) = text(data) else { return };
    let (spec, problems) = crate::exam::parse(body);
    assert!(spec.is_some() || !problems.is_empty(), "neither an exam nor a problem");
    for p in &problems {
        assert_span(body, p, "exam");
    }
    let Some(spec) = spec else { return };
    assert!(spec.questions.is_none_or(|q| (1..=1000).contains(&q)), "{:?}", spec.questions);
    assert!(spec.minutes.is_none_or(|m| (1..=1440).contains(&m)), "{:?}", spec.minutes);
    assert!(spec.pass.is_none_or(|p| (1..=100).contains(&p)), "{:?}", spec.pass);
    let shape = spec.shape(&Blueprint::default());
    assert!(shape.questions >= 1 && shape.minutes >= 1 && (1..=100).contains(&shape.pass), "{shape:?}");
    for chapter in &spec.chapters {
        assert!(chapter.span.end <= body.len());
    }
}

/// The progress and review blocks take no keys: anything but comments and
/// blank lines is a problem inside the body.
fn keyless_parse(body: &str, result: Result<(), Vec<Problem>>, what: &str) {
    // TOML allows a byte order mark before the first line.
    let lines = body.strip_prefix('\u{feff}').unwrap_or(body);
    match result {
        Ok(()) => assert!(
            lines.lines().all(|l| l.trim().is_empty() || l.trim_start().starts_with('#')),
            "{what} accepted a body with keys: {body:?}"
        ),
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert_span(body, p, what);
            }
        }
    }
}

pub fn progress_parse(data: &[u8]) {
    let Some(body) = text(data) else { return };
    keyless_parse(body, crate::progress::parse(body), "progress");
}

pub fn review_parse(data: &[u8]) {
    let Some(body) = text(data) else { return };
    keyless_parse(body, crate::review::parse(body), "review");
}

// ---------------------------------------------------------------- quantities

/// The first line is parsed as a quantity; the whole input is searched for one.
pub fn quantity(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let first = input.lines().next().unwrap_or("");
    match Quantity::parse(first) {
        Ok(q) => check_quantity(&q, first),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    if let Some(q) = quantity::find_in_text(input) {
        check_quantity(&q, input);
    }
    let _ = LimitRef::parse(first);
}

fn check_quantity(q: &Quantity, source: &str) {
    assert!(q.amount.is_finite() && q.amount >= 0.0, "{source:?} parsed to {q:?}");
    assert!(q.base().is_finite(), "{source:?} is infinite in base units: {q:?}");
    let shown = q.display();
    let with_eq = q.display_with_equivalent();
    assert!(with_eq.starts_with(&shown), "{with_eq:?} vs {shown:?}");
    if let Some(eq) = q.equivalent() {
        assert!(eq.same_as(q), "{q:?} has a different equivalent {eq:?}");
        assert_eq!(eq.dimension(), q.dimension());
    }
    // What we display reads back as the same quantity (to the 3 decimals shown).
    let back = Quantity::parse(&shown)
        .unwrap_or_else(|e| panic!("{source:?} displays as {shown:?}, which does not parse: {e}"));
    assert_eq!(back.dimension(), q.dimension(), "{source:?} → {shown:?}");
    if q.unit != Unit::Count {
        assert_eq!(back.unit, q.unit, "{source:?} → {shown:?}");
    }
    // A rate over a period reads back with its own period, as written.
    let back_amount = match (q.period, back.period) {
        (Some(period), Some(read)) => {
            assert!(
                read.unit == period.unit
                    && (read.amount - period.amount).abs() <= 0.0005 + 1e-12 * period.amount,
                "{source:?}: period {period:?} displays as {shown:?}"
            );
            back.amount
        }
        (Some(_), None) => panic!("{source:?} displays as {shown:?}, which has no period"),
        _ => back.to_unit(q.unit).amount,
    };
    assert!(
        (back_amount - q.amount).abs() <= 0.0005 + 1e-12 * q.amount,
        "{source:?} is {} but displays as {shown:?}",
        q.amount
    );
    // And a sentence holding the display finds it again.
    let found = quantity::find_in_text(&format!("It is {shown}."))
        .unwrap_or_else(|| panic!("no quantity found in {shown:?}"));
    assert!(found.same_as(&back), "{shown:?} found as {found:?}");
}

// ---------------------------------------------------------------- diagrams

pub fn diagram_parse(data: &[u8]) {
    let Some(body) = text(data) else { return };
    // The first line doubles as the fence's info string (`title="…"`).
    let info = body.lines().next().unwrap_or("");
    let (d, problems) = diagram::parse(body, info, body.len() % 2 == 0);
    for p in &problems {
        assert!(p.span.start <= p.span.end && p.span.end <= d.source.len());
    }
    for rendered in [
        diagram::Rendered::Client,
        diagram::Rendered::Failed(body.to_owned()),
        diagram::Rendered::Static { light: "<svg>\n</svg>".into(), dark: "<svg></svg>".into() },
    ] {
        assert_safe_html(&diagram::render_html(&d, &rendered), "diagram");
    }
    let _ = diagram::render_markdown(&d);
}

// ---------------------------------------------------------------- scan

pub fn scan(data: &[u8]) {
    let Some(content) = text(data) else { return };
    let found = blocks::scan(content, &SYNTAX);
    let mut last_end = 0;
    for b in &found.blocks {
        assert!(b.range.start >= last_end, "blocks overlap or are out of order");
        assert!(b.range.end <= content.len());
        let source = content.get(b.range.clone()).expect("block range is not on character boundaries");
        let fence = source.trim_start_matches([' ', '\t', '>']);
        assert!(
            fence.starts_with("```") || fence.starts_with("~~~"),
            "block does not start with a fence: {source:?}"
        );
        assert!(
            b.container_prefix.chars().all(|c| matches!(c, ' ' | '>' | '\t')),
            "{:?}",
            b.container_prefix
        );
        for offset in 0..=b.body.len() {
            assert!(b.chapter_offset(offset) <= content.len());
        }
        // A closed block's range ends with its closing fence (and the spaces,
        // tabs and line ending after it, if any); an unclosed one runs to the
        // end of its container, line ending included.
        if b.terminated {
            let fence_char = fence.chars().next().unwrap();
            assert!(
                source.trim_end_matches([' ', '\t', '\r', '\n']).ends_with(fence_char),
                "block marked as closed has no closing fence: {source:?}"
            );
        }
        let _ = b.indent_lines("a\n\nb\n");
        let _ = b.html_replacement("<div></div>");
        last_end = b.range.end;
    }
    let mut last_end = 0;
    for r in &found.refs {
        assert!(r.range.start >= last_end, "references overlap");
        let source = content.get(r.range.clone()).expect("reference range is not on character boundaries");
        let expected_start = if r.escaped { "\\{{limit" } else { "{{limit" };
        assert!(source.starts_with(expected_start) && source.ends_with("}}"), "{source:?}");
        assert!(!r.argument.contains('\n'));
        assert!(
            !found.blocks.iter().any(|b| b.range.start < r.range.end && r.range.start < b.range.end),
            "reference {source:?} overlaps a block"
        );
        last_end = r.range.end;
    }
    let edits = found
        .blocks
        .iter()
        .map(|b| (b.range.clone(), format!("[{}]", b.fence)))
        .chain(found.refs.iter().map(|r| (r.range.clone(), "[ref]".to_owned())))
        .collect();
    let _ = blocks::splice(content, edits);
}

// ---------------------------------------------------------------- transform

/// The first byte chooses the build; the rest is the chapter text, split at
/// the first NUL into two chapters.
///
/// Bits of the first byte: 0 = Markdown target (else HTML), 1 = bail (else
/// continue), 2 = no smart punctuation, 3 = the first chapter's file on disk
/// differs from its text (as after `{{#include}}`), 4 = the second chapter is
/// a sub-chapter of the first, 6 = HTML for the search index (with bit 0
/// clear). Seeds use ASCII digits `0`–`9` for readability (and letters from
/// `@` for the search index).
pub fn transform(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else { return };
    let Some(input) = text(rest) else { return };
    let target = match (mode & 1 != 0, mode & 64 != 0) {
        (true, _) => crate::lifecycle::Target::Markdown,
        (false, true) => crate::lifecycle::Target::SearchIndex,
        (false, false) => crate::lifecycle::Target::Html,
    };
    let on_failure = if mode & 2 != 0 { OnFailure::Bail } else { OnFailure::Continue };
    let style = MarkdownStyle { smart_punctuation: mode & 4 == 0, ..MarkdownStyle::default() };
    let on_disk = mode & 8 != 0;
    let nested = mode & 16 != 0;

    let parts: Vec<&str> = match input.split_once('\0') {
        Some((a, b)) => vec![a, b],
        None => vec![input],
    };
    let paths = ["chapter_1.md", "part two/Chapter 2.md"];
    let names = ["Chapter 1", "Chapter 2"];

    let root = if on_disk {
        let root = std::env::temp_dir().join(format!("studyguide-fuzz-{}", std::process::id()));
        let file = root.join("src").join(paths[0]);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        // The file has an `{{#include}}` line the chapter text no longer has,
        // so diagnostics are located by finding each block in the file.
        std::fs::write(&file, format!("{{{{#include other.md}}}}\n{}", parts[0])).unwrap();
        root
    } else {
        PathBuf::from("/nonexistent")
    };

    let mut chapters: Vec<Chapter> = parts
        .iter()
        .enumerate()
        .map(|(i, content)| {
            let parents = names[..i].iter().map(|s| s.to_string()).collect();
            Chapter::new(names[i], content.to_string(), paths[i], parents)
        })
        .collect();
    let mut book = Book::new();
    if nested && chapters.len() == 2 {
        let second = chapters.pop().unwrap();
        chapters[0].sub_items.push(BookItem::Chapter(second));
    }
    for chapter in chapters {
        book.push_item(chapter);
    }
    let input_book = book.clone();

    let settings =
        Settings { root, src: "src".into(), target, on_failure, style, title: "Fuzzed book".into() };
    let mut kinds = crate::kinds::all(&Default::default(), diagram::Backend::client_only());
    let outcome = transform::transform(book, &settings, &mut kinds);

    // Every chapter comes back, in order, with only its content changed.
    let before: Vec<&Chapter> = input_book.chapters().collect();
    let after: Vec<&Chapter> = outcome.book.chapters().collect();
    assert_eq!(before.len(), after.len(), "chapters lost or added");
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.name, &b.path, &b.parent_names), (&a.name, &a.path, &a.parent_names));
        assert!(std::str::from_utf8(a.content.as_bytes()).is_ok());
    }
    assert_eq!(outcome.stats.chapters, before.len());
    serde_json::to_string(&outcome.book).expect("the book serialises for mdBook");
    for d in &outcome.problems {
        let at = d.location.as_ref().unwrap_or_else(|| panic!("a problem without a location: {d}"));
        assert!(at.line >= 1 && at.column >= 1, "{d}");
        assert!(at.path.starts_with("src"), "{d}");
        assert!(!d.message.is_empty());
    }

    if target.is_html() {
        // Author prose is passed through untouched, so only an input with no
        // script at all proves that our rendering added none.
        let input_lower = input.to_ascii_lowercase();
        for (b, a) in before.iter().zip(&after) {
            let out_lower = without_data_scripts(&a.content.to_ascii_lowercase());
            for tag in FORBIDDEN_TAGS {
                if !input_lower.contains(tag) {
                    assert!(
                        !out_lower.contains(tag),
                        "{tag} appeared in {}: {:?}\n--- became ---\n{:?}",
                        a.name,
                        b.content,
                        a.content
                    );
                }
            }
        }
        // Each block's HTML is one line and a blank line follows it, so it is
        // one Markdown HTML block that swallows nothing after it.
        if !input.contains("sg-") {
            for a in &after {
                // CommonMark ends lines at \n, \r\n or a lone \r.
                let normalized = a.content.replace("\r\n", "\n").replace('\r', "\n");
                let lines: Vec<&str> = normalized.lines().collect();
                for (i, line) in lines.iter().enumerate() {
                    let line = line.trim_start_matches([' ', '\t', '>']);
                    for (open, close) in [
                        ("<form class=\"sg-quiz\"", "</form>"),
                        ("<div class=\"sg-limits\"", "</div>"),
                        ("<div class=\"sg-error\"", "</div>"),
                        ("<figure class=\"sg-diagram", "</figure>"),
                    ] {
                        if !line.starts_with(open) {
                            continue;
                        }
                        let one_line = line.ends_with(close);
                        assert!(one_line, "block HTML spans lines in {}: {:?}", a.name, a.content);
                        let next = lines.get(i + 1).map_or("", |l| l.trim_matches([' ', '\t', '>']));
                        assert!(
                            !one_line || next.is_empty(),
                            "no blank line after block HTML in {}: {:?}",
                            a.name,
                            a.content
                        );
                    }
                }
            }
        }
        if on_failure == OnFailure::Continue {
            // Every block of ours was replaced, so none is left to find.
            for (b, a) in before.iter().zip(&after) {
                let left: Vec<&str> =
                    blocks::scan(&a.content, &SYNTAX).blocks.iter().map(|b| b.fence).collect();
                assert!(
                    left.is_empty(),
                    "{left:?} block left in {}: {:?}\n--- became ---\n{:?}",
                    a.name,
                    b.content,
                    a.content
                );
            }
        }
    }
}

// ---------------------------------------------------------------- blueprint

/// A book's blueprint, then (after a line `---`) an exam block and (after a
/// second) a quiz: the blueprint's own problems, the exam's shape from it and
/// every question's place in it never panic, and what they accept holds.
pub fn blueprint(data: &[u8]) {
    let Some(input) = text(data) else { return };
    let mut parts = input.splitn(3, "\n---\n");
    let (table, exam, quiz_body) = (parts.next().unwrap_or(""), parts.next(), parts.next());
    let Ok(blueprint) = toml::from_str::<Blueprint>(table) else { return };
    let problems = blueprint.problems();
    let keys: Vec<&str> = blueprint.task_keys().collect();
    for key in &keys {
        let (domain, task) = blueprint.task(key).expect("a task key finds its task");
        assert!(domain.tasks.iter().any(|t| std::ptr::eq(t, task)));
    }
    if !problems.is_empty() {
        return;
    }
    assert!(blueprint.domains.is_empty() || blueprint.domains.iter().map(|d| d.weight).sum::<u32>() == 100);
    if let Some((Some(spec), _)) = exam.map(crate::exam::parse) {
        let shape = spec.shape(&blueprint);
        assert!((1..=1000).contains(&shape.questions), "{shape:?}");
        assert!((1..=1440).contains(&shape.minutes), "{shape:?}");
        assert!((1..=100).contains(&shape.pass), "{shape:?}");
    }
    let Some(body) = quiz_body else { return };
    let (Some(quiz), _) = quiz::parse(body) else { return };
    for (n, q) in quiz.questions.iter().enumerate() {
        let mut problems = Vec::new();
        let place = quiz::place(q, n, &blueprint, &mut problems);
        for p in &problems {
            assert_span(body, p, "blueprint");
        }
        if let Some(place) = place {
            assert!(blueprint.domain(&place.domain).is_some(), "{place:?}");
            if let Some(task) = &place.task {
                assert_eq!(blueprint.task(task).map(|(d, _)| d.key.as_str()), Some(place.domain.as_str()));
            }
        }
    }
}

/// Replays the committed fuzz corpus (`fuzz/corpus/<target>/*`) through the
/// targets, so every input that once found a bug stays a regression test on
/// stable Rust, without libFuzzer. To fuzz for new inputs:
/// `tests/fuzz.sh [seconds-per-target]`.
#[cfg(test)]
mod replay {
    use std::path::Path;

    #[test]
    fn every_corpus_input_passes_its_target() {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
        let mut failures = Vec::new();
        let mut replayed = 0;

        // Every directory belongs to a target, and every target has seeds.
        for entry in std::fs::read_dir(&corpus).expect("fuzz/corpus exists") {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                super::TARGETS.iter().any(|(t, _)| *t == name),
                "fuzz/corpus/{name} matches no target in fuzz/harness.rs"
            );
        }
        for (target, run) in super::TARGETS {
            let dir = corpus.join(target);
            let mut files: Vec<_> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            assert!(!files.is_empty(), "{} has no seeds", dir.display());
            for file in files {
                let data = std::fs::read(&file).unwrap();
                replayed += 1;
                if let Err(panic) = std::panic::catch_unwind(|| run(&data)) {
                    let message = panic
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures.push(format!("{target}: {}: {message}", file.display()));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {replayed} corpus inputs failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
        eprintln!("replayed {replayed} corpus inputs");
    }
}

//! The book-wide pipeline: find our blocks in every chapter, parse them,
//! check them against each other, and splice in their rendering.
//!
//! Two passes, because a `{{limit …}}` may point at a table in a later
//! chapter and question ids must be unique across the book:
//! 1. *analyse*: scan and parse every chapter, building the limit registry;
//! 2. *render*: expand references, check quiz citations, draw diagrams (one
//!    batch for the whole book) and replace each block with its output.

use crate::blocks::{self, BlockKind, ChapterScan, FencedBlock};
use crate::config::OnFailure;
use crate::diagnostics::{Diagnostic, Diagnostics, SourceMap};
use crate::diagram::{self, Diagram, Rendered};
use crate::limits::{self, LimitRef, LimitTable, Registry, RegistryEntry};
use crate::markdown::{MarkdownStyle, escape_inline_text, escape_text};
use crate::quiz::{self, Quiz, RenderedQuestion, RenderedQuiz};
use crate::toml_block::Problem;
use mdbook_preprocessor::book::{Book, Chapter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What the chapters are rendered for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// mdBook's HTML renderer: interactive widgets.
    Html,
    /// Any other renderer: plain Markdown that reads well anywhere.
    Markdown,
}

/// Everything the pipeline needs to know about the build.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The book root, where `book.toml` is.
    pub root: PathBuf,
    /// The chapters' directory relative to the root (`src`).
    pub src: PathBuf,
    pub target: Target,
    pub on_failure: OnFailure,
    pub style: MarkdownStyle,
}

/// Counts of what the pipeline handled, for logs and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub chapters: usize,
    pub quizzes: usize,
    pub questions: usize,
    pub limit_tables: usize,
    pub limits: usize,
    pub references: usize,
    pub diagrams: usize,
}

pub struct Outcome {
    pub book: Book,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: Stats,
}

/// A block after parsing.
enum Parsed {
    Quiz(Quiz),
    Limits(LimitTable),
    /// A diagram and its index in the book's batch.
    Diagram(Diagram, usize),
    /// A block with problems; shown as an error box under `continue`.
    Broken(Vec<Diagnostic>),
}

struct ChapterWork {
    source: SourceMap,
    scan: ChapterScan,
    parsed: Vec<Parsed>,
    /// Question ids with the index of their block, broken blocks included.
    question_ids: Vec<(usize, quiz::Text)>,
    /// Stem for derived question ids: `serverless-containers-quiz`.
    slug: String,
    chapter_path: PathBuf,
}

/// Runs the pipeline over a book.
pub fn transform(mut book: Book, settings: &Settings, diagrams: &mut diagram::Backend) -> Outcome {
    let mut diagnostics = Diagnostics::default();
    let mut stats = Stats::default();
    let mut registry = Registry::default();
    let mut diagram_batch: Vec<Diagram> = Vec::new();

    // Pass 1: analyse, keeping the book's order for messages.
    let mut work: Vec<ChapterWork> = Vec::new();
    for chapter in book.chapters() {
        let Some(path) = &chapter.path else { continue };
        stats.chapters += 1;
        let chapter_work = analyse_chapter(
            chapter,
            path,
            settings,
            &mut registry,
            &mut diagram_batch,
            &mut diagnostics,
            &mut stats,
        );
        work.push(chapter_work);
    }
    check_unique_question_ids(&work, &mut diagnostics);

    // Every diagram of the book in one batch: one browser start at most.
    let drawn = if settings.target == Target::Html && !diagram_batch.is_empty() {
        diagrams.render_all(&diagram_batch.iter().collect::<Vec<_>>())
    } else {
        vec![Rendered::Client; diagram_batch.len()]
    };

    // Pass 2: render.
    let by_path: HashMap<&Path, &ChapterWork> = work.iter().map(|w| (w.chapter_path.as_path(), w)).collect();
    book.for_each_chapter_mut(|chapter| {
        let Some(chapter_work) = chapter.path.as_deref().and_then(|p| by_path.get(p)) else {
            return;
        };
        let renderer = ChapterRenderer {
            settings,
            registry: &registry,
            drawn: &drawn,
            work: chapter_work,
            content: &chapter.content,
        };
        let (content, problems) = renderer.render();
        for d in problems {
            diagnostics.push(d);
        }
        chapter.content = content;
    });

    Outcome { book, diagnostics: diagnostics.into_sorted(), stats }
}

fn analyse_chapter(
    chapter: &Chapter,
    path: &Path,
    settings: &Settings,
    registry: &mut Registry,
    diagram_batch: &mut Vec<Diagram>,
    diagnostics: &mut Diagnostics,
    stats: &mut Stats,
) -> ChapterWork {
    let file = chapter.source_path.as_deref().unwrap_or(path);
    let display_path = settings.src.join(file);
    // The file on disk maps positions back when `{{#include}}` changed the text.
    let on_disk = std::fs::read_to_string(settings.root.join(&display_path)).ok();
    let source = SourceMap::new(display_path, &chapter.content, on_disk);
    let scan = blocks::scan(&chapter.content);
    stats.references += scan.refs.len();

    let mut parsed = Vec::with_capacity(scan.blocks.len());
    let mut question_ids = Vec::new();
    for (index, block) in scan.blocks.iter().enumerate() {
        let mut block_diagnostics: Vec<Diagnostic> = Vec::new();
        if !block.terminated {
            block_diagnostics.push(
                source
                    .diagnostic(
                        block.range.clone(),
                        block.range.start,
                        format!("```{} block has no closing fence", block.kind.fence_name()),
                    )
                    .with_hint(
                        "close it with ``` on a line of its own; until then it runs to the end of the file",
                    ),
            );
        }
        let to_diagnostic = |p: Problem| problem_diagnostic(&source, block, p);
        let result = match block.kind {
            BlockKind::Quiz => {
                let (quiz, problems) = quiz::parse(&block.body);
                block_diagnostics.extend(problems.into_iter().map(to_diagnostic));
                let ids = quiz.iter().flat_map(|q| &q.questions).filter_map(|q| q.id.clone());
                question_ids.extend(ids.map(|id| (index, id)));
                quiz.map(|q| {
                    stats.quizzes += 1;
                    stats.questions += q.questions.len();
                    Parsed::Quiz(q)
                })
            }
            BlockKind::Limits => {
                let (table, problems) = limits::parse(&block.body);
                block_diagnostics.extend(problems.into_iter().map(to_diagnostic));
                table.map(|table| {
                    stats.limit_tables += 1;
                    stats.limits += table.rows.len();
                    for row in &table.rows {
                        let entry = RegistryEntry {
                            row: row.clone(),
                            service: table.service.clone(),
                            chapter: path.to_owned(),
                        };
                        if let Err(earlier) = registry.insert(entry) {
                            let message = format!(
                                "limit `{}` is already defined in {}",
                                row.id,
                                earlier.chapter.display()
                            );
                            block_diagnostics.push(to_diagnostic(Problem::new(row.id_span.clone(), message)));
                        }
                    }
                    Parsed::Limits(table)
                })
            }
            BlockKind::Mermaid => {
                let (diagram, problems) = diagram::parse(&block.body);
                block_diagnostics.extend(problems.into_iter().map(to_diagnostic));
                stats.diagrams += 1;
                diagram_batch.push(diagram.clone());
                Some(Parsed::Diagram(diagram, diagram_batch.len() - 1))
            }
        };
        for d in &block_diagnostics {
            diagnostics.push(d.clone());
        }
        parsed.push(match result {
            Some(p) if block_diagnostics.is_empty() => p,
            _ => Parsed::Broken(block_diagnostics),
        });
    }

    ChapterWork {
        source,
        scan,
        parsed,
        question_ids,
        slug: slug(&file.with_extension("")),
        chapter_path: path.to_owned(),
    }
}

fn problem_diagnostic(source: &SourceMap, block: &FencedBlock, problem: Problem) -> Diagnostic {
    let offset = block.chapter_offset(problem.span.start);
    let d = source.diagnostic(block.range.clone(), offset, problem.message);
    match problem.hint {
        Some(hint) => d.with_hint(hint),
        None => d,
    }
}

fn check_unique_question_ids(work: &[ChapterWork], diagnostics: &mut Diagnostics) {
    let mut first_seen: HashMap<&str, Diagnostic> = HashMap::new();
    for chapter in work {
        for (index, id) in &chapter.question_ids {
            let block = &chapter.scan.blocks[*index];
            let here = problem_diagnostic(&chapter.source, block, Problem::new(id.span.clone(), ""));
            match first_seen.get(id.value.as_str()) {
                Some(first) => diagnostics.push(
                    Diagnostic {
                        message: format!(
                            "question id `{}` is already used at {}",
                            id.value,
                            first.location()
                        ),
                        ..here
                    }
                    .with_hint("ids must be unique across the book: they key each reader's saved answers"),
                ),
                None => {
                    first_seen.insert(&id.value, here);
                }
            }
        }
    }
}

/// `serverless-containers/quiz` → `serverless-containers-quiz`.
fn slug(path: &Path) -> String {
    let text = path.to_string_lossy().to_lowercase();
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

struct ChapterRenderer<'a> {
    settings: &'a Settings,
    registry: &'a Registry,
    drawn: &'a [Rendered],
    work: &'a ChapterWork,
    content: &'a str,
}

impl ChapterRenderer<'_> {
    fn html(&self) -> bool {
        self.settings.target == Target::Html
    }

    fn render(&self) -> (String, Vec<Diagnostic>) {
        let mut problems = Vec::new();
        let mut edits = Vec::new();
        let mut quiz_number = 0;
        for (block, parsed) in self.work.scan.blocks.iter().zip(&self.work.parsed) {
            let replacement = match parsed {
                Parsed::Quiz(quiz) => {
                    quiz_number += 1;
                    let mut found = Vec::new();
                    let rendered = self.render_quiz(block, quiz, quiz_number, &mut found);
                    let shown_as_error =
                        !found.is_empty() && self.settings.on_failure == OnFailure::Continue && self.html();
                    let replacement = if shown_as_error {
                        block.html_replacement(&error_box(block, &found, &self.content[block.range.clone()]))
                    } else {
                        match self.settings.target {
                            Target::Html => {
                                block.html_replacement(&quiz::render_html(&rendered, self.settings.style))
                            }
                            Target::Markdown => {
                                self.markdown_replacement(block, &quiz::render_markdown(&rendered))
                            }
                        }
                    };
                    problems.extend(found);
                    replacement
                }
                Parsed::Limits(table) => match self.settings.target {
                    Target::Html => {
                        let key = format!("{}-{}", self.work.slug, slug(Path::new(&table.caption)));
                        block.html_replacement(&limits::render_html(table, &key, self.settings.style))
                    }
                    Target::Markdown => self.markdown_replacement(block, &limits::render_markdown(table)),
                },
                Parsed::Diagram(diagram, index) => match self.settings.target {
                    Target::Html => {
                        let drawn = self.drawn.get(*index).cloned().unwrap_or(Rendered::Client);
                        if let Rendered::Failed(message) = &drawn {
                            let (text, hint) = diagram::describe_error(message);
                            let problem = self.block_problem(block, 0, text);
                            problems.push(match hint {
                                Some(hint) => problem.with_hint(hint),
                                None => problem,
                            });
                        }
                        block.html_replacement(&diagram::render_html(diagram, &drawn))
                    }
                    Target::Markdown => self.markdown_replacement(block, &diagram::render_markdown(diagram)),
                },
                Parsed::Broken(diagnostics) => {
                    match (self.settings.on_failure, self.settings.target) {
                        // The build fails; leave the block as the author wrote it.
                        (OnFailure::Bail, _) => continue,
                        (OnFailure::Continue, Target::Html) => block.html_replacement(&error_box(
                            block,
                            diagnostics,
                            &self.content[block.range.clone()],
                        )),
                        (OnFailure::Continue, Target::Markdown) => continue,
                    }
                }
            };
            edits.push((block.range.clone(), replacement));
        }
        for site in &self.work.scan.refs {
            let replacement = if site.escaped {
                self.content[site.range.start + 1..site.range.end].to_owned()
            } else {
                match LimitRef::parse(&site.argument).and_then(|r| self.registry.expand(&r)) {
                    Ok(text) => text,
                    Err(message) => {
                        let d = self.work.source.diagnostic(site.range.clone(), site.range.start, message);
                        let shown = match (self.settings.on_failure, self.html()) {
                            (OnFailure::Continue, true) => {
                                inline_error(&self.content[site.range.clone()], &d.message)
                            }
                            _ => self.content[site.range.clone()].to_owned(),
                        };
                        problems.push(d.with_hint(self.known_limits_hint()));
                        shown
                    }
                }
            };
            edits.push((site.range.clone(), replacement));
        }
        (blocks::splice(self.content, edits), problems)
    }

    fn markdown_replacement(&self, block: &FencedBlock, markdown: &str) -> String {
        format!("{}\n", block.indent_lines(markdown.trim_end()))
    }

    fn block_problem(&self, block: &FencedBlock, body_offset: usize, message: String) -> Diagnostic {
        let offset = block.chapter_offset(body_offset);
        self.work.source.diagnostic(block.range.clone(), offset, message)
    }

    fn known_limits_hint(&self) -> String {
        let ids: Vec<&str> = self.registry.ids().map(String::as_str).take(12).collect();
        if ids.is_empty() {
            "no ```limits block in the book defines any limit yet".to_owned()
        } else {
            format!("limits defined in the book include: {}", ids.join(", "))
        }
    }

    /// Expands `{{limit …}}` inside an author string from a block.
    fn expand(&self, block: &FencedBlock, text: &quiz::Text, problems: &mut Vec<Diagnostic>) -> String {
        expand_refs(&text.value, self.registry, |offset_in_value, message| {
            // +1 steps over the opening quote of the TOML string.
            problems.push(self.block_problem(block, text.span.start + 1 + offset_in_value, message));
        })
    }

    fn render_quiz(
        &self,
        block: &FencedBlock,
        quiz: &Quiz,
        number: usize,
        problems: &mut Vec<Diagnostic>,
    ) -> RenderedQuiz {
        let questions = quiz
            .questions
            .iter()
            .enumerate()
            .map(|(n, q)| {
                let key = match &q.id {
                    Some(id) => id.value.clone(),
                    None => format!("{}-quiz{}-{}", self.work.slug, number, n + 1),
                };
                let prompt = self.expand(block, &q.prompt, problems);
                let choices: Vec<(String, Option<String>)> = q
                    .choices
                    .iter()
                    .map(|c| {
                        let why = c.explanation.as_ref().map(|w| self.expand(block, w, problems));
                        (self.expand(block, &c.text, problems), why)
                    })
                    .collect();
                let explanation = self.expand(block, &q.explanation, problems);
                if let Some(cites) = &q.cites {
                    self.check_citation(block, n + 1, q, cites, &choices, problems);
                }
                RenderedQuestion::new(key, prompt, choices, q.answer.clone(), explanation)
            })
            .collect();
        RenderedQuiz { title: quiz.title.as_ref().map(|t| t.value.clone()), questions }
    }

    fn check_citation(
        &self,
        block: &FencedBlock,
        number: usize,
        question: &quiz::Question,
        cites: &quiz::Text,
        choices: &[(String, Option<String>)],
        problems: &mut Vec<Diagnostic>,
    ) {
        let cited =
            LimitRef::parse(&cites.value).and_then(|r| self.registry.cited_quantity(&r).map(|q| (r, q)));
        let (reference, quantity) = match cited {
            Ok(found) => found,
            Err(message) => {
                problems.push(self.block_problem(
                    block,
                    cites.span.start,
                    format!("question {number}: {message}"),
                ));
                return;
            }
        };
        let Some(&answer) = question.answer.first() else {
            return;
        };
        let Some((text, _)) = choices.get(answer) else {
            return;
        };
        if let Some(message) = limits::check_cited_answer(text, &quantity, &reference.id) {
            let at = question.choices[answer].text.span.start;
            problems.push(
                self.block_problem(
                    block,
                    at,
                    format!("question {number} contradicts the limit it cites: {message}"),
                )
                .with_hint("the limit table is the single source: fix the answer (or the table)"),
            );
        }
    }
}

/// Expands every `{{limit …}}` in `text`, reporting failures with their
/// byte offset in `text`.
pub fn expand_refs(text: &str, registry: &Registry, mut report: impl FnMut(usize, String)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{limit") {
        let after = &rest[start + 7..];
        let Some(end) = after.find("}}").filter(|_| after.starts_with([' ', '\t', '}'])) else {
            out.push_str(&rest[..start + 7]);
            consumed += start + 7;
            rest = after;
            continue;
        };
        let argument = &after[..end];
        if rest[..start].ends_with('\\') {
            out.push_str(&rest[..start - 1]);
            out.push_str(&rest[start..start + 7 + end + 2]);
        } else {
            out.push_str(&rest[..start]);
            match LimitRef::parse(argument).and_then(|r| registry.expand(&r)) {
                Ok(value) => out.push_str(&value),
                Err(message) => {
                    report(consumed + start, message);
                    out.push_str(&rest[start..start + 7 + end + 2]);
                }
            }
        }
        consumed += start + 7 + end + 2;
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The in-page box that replaces a broken block under `on-failure = "continue"`.
fn error_box(block: &FencedBlock, diagnostics: &[Diagnostic], original: &str) -> String {
    let mut html = format!(
        r#"<div class="sg-error" role="note"><p class="sg-error-title"><strong>This {} block has problems and was not built</strong></p><ul>"#,
        block.kind.fence_name()
    );
    for d in diagnostics {
        html.push_str("<li><code>");
        html.push_str(&escape_text(&d.location()));
        html.push_str("</code> ");
        html.push_str(&escape_text(&d.message));
        if let Some(hint) = &d.hint {
            html.push_str(" <em>Hint: ");
            html.push_str(&escape_text(hint));
            html.push_str("</em>");
        }
        html.push_str("</li>");
    }
    html.push_str("</ul><pre><code class=\"language-text\">");
    html.push_str(&escape_text(original));
    html.push_str("</code></pre></div>");
    crate::markdown::one_line(&html).into_owned()
}

/// The in-page note that replaces a broken reference under `continue`. It
/// sits inside a paragraph, so its text is escaped for Markdown too.
fn inline_error(original: &str, message: &str) -> String {
    format!(
        r#"<span class="sg-error-inline" role="note"><code>{}</code> ({})</span>"#,
        escape_inline_text(original),
        escape_inline_text(message)
    )
}

#[cfg(test)]
mod tests;

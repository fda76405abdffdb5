//! `pdf`: the whole book as one PDF, printed by Chromium from the built
//! print page once every widget and diagram says it is ready.
//!
//! The printed table of contents needs the pages its entries land on, which
//! only printing tells: the page is printed once with the contents' page
//! numbers left blank (their width kept, so nothing moves), the pages are
//! read from the PDF's named destinations (`pages.rs`), and the front pages
//! alone are printed again with the numbers in and put in place of the
//! blank ones.

mod pages;

use crate::chrome;
use crate::config::{StudyGuideConfig, TABLE, length_in_inches};
use anyhow::{Context, Result, bail};
use mdbook_preprocessor::book::{Book, BookItem};
use serde::Serialize;
use serde_json::json;
use std::path::{Path, PathBuf};

/// What the contents' links point at: `sg-toc-3`, the fourth chapter of the
/// print page (pdf_prepare.js gives them these ids).
const TARGET_PREFIX: &str = "sg-toc-";

/// The command line's mock exam: on, and its seed if given.
pub(super) struct Mock {
    pub on: bool,
    pub seed: Option<u64>,
}

/// Prints the book at `dir` to a PDF: at `output` when given (a file, or a
/// folder that takes the book's file name), else in the build directory.
pub(super) fn run(dir: &Path, mock: Mock, output: Option<&Path>) -> Result<PathBuf> {
    let book = mdbook_driver::MDBook::load(dir)
        .with_context(|| format!("could not load the book at {}", dir.display()))?;
    let config = StudyGuideConfig::from_book(&book.config)?;
    config.check_paths(&book.root)?;
    let margin = length_in_inches(&config.pdf.margin).context("[preprocessor.studyguide.pdf] margin")?;
    let chromium_setting = config.diagrams.chromium.as_deref().map(|p| book.root.join(p));
    // Before building: without Chromium there is nothing to print with.
    let chromium = chrome::find(chromium_setting.as_deref()).with_context(chrome::install_hint)?;
    if !book.config.html_config().unwrap_or_default().print.enable {
        bail!("the print page is turned off: remove `enable = false` under [output.html.print] in book.toml");
    }

    let mut builder = super::Builder::new(dir);
    if mock.on {
        builder = builder.set(format!("{TABLE}.pdf.mock-exam"), true);
    }
    if let Some(seed) = mock.seed {
        let seed = i64::try_from(seed).context("--seed is too large")?;
        builder = builder.set(format!("{TABLE}.pdf.mock-exam-seed"), seed);
    }
    builder.build()?;
    let site = book.root.join(&book.config.build.build_dir);
    let print_page = site.join("print.html").canonicalize().context("the build wrote no print.html")?;
    let asked = output.is_some();
    let output = match output {
        // Where the person running the command asked for it.
        Some(path) if path.is_dir() => path.join(&config.pdf.file_name),
        Some(path) => path.to_owned(),
        None => site.join(&config.pdf.file_name),
    };
    // Written into the build directory by book.toml's setting: not through a
    // link there to elsewhere either.
    if !asked && !crate::outside::is_inside(&site, &output) {
        bail!(
            "{} leads out of the build directory, to {}: the PDF is not written there",
            output.display(),
            crate::outside::resolve(&output).display()
        );
    }

    let mut browser = chrome::Browser::launch(&chromium)?;
    let mut page = browser.new_page()?;
    // Loading and printing the print page take time in proportion to it:
    // the 2,000 pages of a 23 MB print page load in about a minute and
    // print in one and a half on two cores, more on a busy machine.
    let size = std::fs::metadata(&print_page).map(|m| m.len()).unwrap_or(0);
    page.be_patient(std::time::Duration::from_secs(120 + 20 * size / 1_000_000));
    // mdBook's print page calls window.print() itself; printing is ours to do.
    // Set before any script runs, so theme/widgets.js wraps this empty one.
    page.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.print = function () {};" }),
    )?;
    page.navigate(&format!("file://{}", print_page.display()))?;
    let section_labels = !book.config.html_config().unwrap_or_default().no_section_label;
    let (contents, chapters) = contents(&book.book, section_labels);
    let options = json!({
        "title": book.config.book.title.clone().unwrap_or_else(|| "Study guide".into()),
        "description": book.config.book.description.clone(),
        "date": today(),
        "answerKeys": config.pdf.answer_keys,
        "contents": contents,
        "chapters": chapters,
    });
    let prepared = page
        .evaluate(&format!("{}({options})", include_str!("pdf_prepare.js")))
        .context("the print page did not get ready for printing")?;
    let entries = prepared["contents"].as_u64().unwrap_or(0);
    if entries == 0 && !contents.is_empty() {
        tracing::warn!(
            "the print page's chapters did not match SUMMARY.md: the PDF has no table of contents"
        );
    }

    let (width, height) = config.pdf.paper.size_inches();
    let title = book.config.book.title.as_deref().unwrap_or("");
    let print_options = json!({
        "paperWidth": width,
        "paperHeight": height,
        "marginTop": margin,
        "marginBottom": margin.max(0.5),
        "marginLeft": margin,
        "marginRight": margin,
        "printBackground": true,
        "displayHeaderFooter": true,
        "headerTemplate": "<span></span>",
        "footerTemplate": footer(title, margin, None).into_string(),
        "generateDocumentOutline": true,
        "generateTaggedPDF": true,
    });
    let whole = page.print_to_pdf(print_options.clone())?;
    let pdf = if entries == 0 {
        whole
    } else {
        let front = Front { title, margin, options: &print_options };
        numbered(&mut page, pages::Printed::read(whole)?, &front)?
    };
    std::fs::write(&output, pdf).with_context(|| format!("could not write {}", output.display()))?;
    Ok(output)
}

/// What printing the front pages again needs: the book's title and margin
/// for their footer, and the whole print's options.
struct Front<'a> {
    title: &'a str,
    margin: f64,
    options: &'a serde_json::Value,
}

/// The printed book with its contents numbered. The contents' pages are read
/// from the print's named destinations; the front pages (title page and
/// contents) are then printed again alone, numbered, and put in place of
/// the blank ones: the numbers take the width their blanks kept, so they
/// move nothing. Should the front pages come out on another number of
/// pages, the whole book is printed again instead (and checked) until the
/// numbers hold.
fn numbered(page: &mut chrome::Page, printed: pages::Printed, front: &Front) -> Result<Vec<u8>> {
    let found = printed.destination_pages(TARGET_PREFIX)?;
    let Some(first_chapter) = found.values().copied().min() else {
        return Ok(printed.into_bytes());
    };
    page.evaluate(&format!("window.StudyGuide.numberContents({})", serde_json::to_string(&found)?))?;
    page.evaluate("window.StudyGuide.frontPagesOnly(true)")?;
    let mut options = front.options.clone();
    options["footerTemplate"] =
        footer(front.title, front.margin, Some(printed.page_count())).into_string().into();
    options["generateDocumentOutline"] = false.into();
    let front_pages = pages::Printed::read(page.print_to_pdf(options)?)?;
    let count = first_chapter - 1;
    if front_pages.page_count() == count {
        return printed.with_front_pages_of(&front_pages, count);
    }
    tracing::debug!(
        "the numbered front pages took {} pages, not {count}: the book is printed again",
        front_pages.page_count()
    );
    page.evaluate("window.StudyGuide.frontPagesOnly(false)")?;
    let (mut pdf, mut numbered) = (printed, found);
    for _ in 0..3 {
        pdf = pages::Printed::read(page.print_to_pdf(front.options.clone())?)?;
        let found = pdf.destination_pages(TARGET_PREFIX)?;
        if found == numbered {
            break;
        }
        page.evaluate(&format!("window.StudyGuide.numberContents({})", serde_json::to_string(&found)?))?;
        numbered = found;
    }
    Ok(pdf.into_bytes())
}

/// A line of the printed table of contents.
#[derive(Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
enum ContentsLine {
    /// A part title of SUMMARY.md ("# Practice").
    Part { title: String },
    /// A chapter: `chapter` is its place among the print page's chapters,
    /// `depth` 0 for a top-level one, 1 for its sections.
    Chapter { title: String, depth: usize, chapter: usize },
}

/// The contents (top-level chapters and their sections, under their parts)
/// and how many chapters the print page has: every one with a file, in
/// SUMMARY.md's order, deeper ones and drafts left out of the contents.
fn contents(book: &Book, section_labels: bool) -> (Vec<ContentsLine>, usize) {
    fn walk(
        items: &[BookItem],
        depth: usize,
        labels: bool,
        lines: &mut Vec<ContentsLine>,
        count: &mut usize,
    ) {
        for item in items {
            match item {
                BookItem::PartTitle(title) if depth == 0 => {
                    lines.push(ContentsLine::Part { title: title.clone() })
                }
                BookItem::Chapter(chapter) => {
                    if chapter.path.is_some() {
                        if depth <= 1 {
                            let title = match (&chapter.number, labels) {
                                (Some(number), true) => format!("{number} {}", chapter.name),
                                _ => chapter.name.clone(),
                            };
                            lines.push(ContentsLine::Chapter { title, depth, chapter: *count });
                        }
                        *count += 1;
                    }
                    walk(&chapter.sub_items, depth + 1, labels, lines, count);
                }
                _ => {}
            }
        }
    }
    let (mut lines, mut count) = (Vec::new(), 0);
    walk(&book.items, 0, section_labels, &mut lines, &mut count);
    // A part with no chapter listed under it says nothing.
    let keep: Vec<bool> = (0..lines.len())
        .map(|i| match &lines[i] {
            ContentsLine::Part { .. } => matches!(lines.get(i + 1), Some(ContentsLine::Chapter { .. })),
            ContentsLine::Chapter { .. } => true,
        })
        .collect();
    let mut keep = keep.into_iter();
    lines.retain(|_| keep.next().unwrap_or(true));
    (lines, count)
}

/// Each page's footer: the book's title and "page / pages"; `pages` when the
/// print is not the whole book.
fn footer(title: &str, margin: f64, pages: Option<usize>) -> crate::html::Markup {
    let style = format!(
        "font-size:8px;width:100%;padding:0 {margin}in;display:flex;justify-content:space-between;color:#555;font-family:sans-serif"
    );
    crate::html::html! {
        div style=(style) {
            span { (title) }
            span {
                span.pageNumber {} " / "
                @if let Some(pages) = pages { (pages) } @else { span.totalPages {} }
            }
        }
    }
}

/// Today's date as YYYY-MM-DD (UTC), for the title page.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0) as i64;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contents_list_top_level_chapters_and_their_sections_under_their_parts() {
        use mdbook_preprocessor::book::{Chapter, SectionNumber};
        let chapter = |name: &str, number: Option<Vec<u32>>, path: Option<&str>, sub: Vec<BookItem>| {
            let mut c = Chapter::new(name, String::new(), path.unwrap_or(""), Vec::new());
            c.path = path.map(PathBuf::from);
            c.number = number.map(SectionNumber::new);
            c.sub_items = sub;
            BookItem::Chapter(c)
        };
        let deep = chapter("Deep", Some(vec![1, 1, 1]), Some("deep.md"), vec![]);
        let draft = chapter("Draft", Some(vec![1, 2]), None, vec![]);
        let lambda = chapter("AWS Lambda", Some(vec![1, 1]), Some("lambda.md"), vec![deep]);
        let mut book = Book::new();
        book.items = vec![
            chapter("Introduction", None, Some("intro.md"), vec![]),
            BookItem::PartTitle("Chapters".into()),
            chapter("Serverless", Some(vec![1]), Some("index.md"), vec![lambda, draft]),
            BookItem::PartTitle("Empty".into()),
            BookItem::Separator,
            BookItem::PartTitle("Appendix".into()),
            chapter("Errata", Some(vec![2]), Some("errata.md"), vec![]),
        ];
        let line =
            |title: &str, depth, chapter| ContentsLine::Chapter { title: title.into(), depth, chapter };
        let (lines, count) = contents(&book, false);
        assert_eq!(count, 5, "every chapter with a file is on the print page");
        assert_eq!(
            lines,
            [
                line("Introduction", 0, 0),
                ContentsLine::Part { title: "Chapters".into() },
                line("Serverless", 0, 1),
                line("AWS Lambda", 1, 2),
                ContentsLine::Part { title: "Appendix".into() },
                line("Errata", 0, 4),
            ]
        );
        let (lines, _) = contents(&book, true);
        assert_eq!(lines[3], line("1.1. AWS Lambda", 1, 2));
    }

    #[test]
    fn dates_are_civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_784), (2026, 11, 27));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}

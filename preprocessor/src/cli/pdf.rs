//! `pdf`: the whole book as one PDF, printed by Chromium from the built
//! print page once every widget and diagram says it is ready.

use super::build;
use crate::chrome;
use crate::config::{StudyGuideConfig, length_in_inches};
use anyhow::{Context, Result, bail};
use serde_json::json;
use std::path::{Path, PathBuf};

pub fn run(dir: &Path) -> Result<PathBuf> {
    let book = mdbook_driver::MDBook::load(dir)
        .with_context(|| format!("could not load the book at {}", dir.display()))?;
    let config = StudyGuideConfig::from_book(&book.config)?;
    let margin = length_in_inches(&config.pdf.margin).context("[preprocessor.studyguide.pdf] margin")?;
    let chromium_setting = config.diagrams.chromium.as_deref().map(|p| book.root.join(p));
    // Before building: without Chromium there is nothing to print with.
    let chromium = chrome::find(chromium_setting.as_deref()).with_context(chrome::install_hint)?;
    if !book.config.html_config().unwrap_or_default().print.enable {
        bail!("the print page is turned off: remove `enable = false` under [output.html.print] in book.toml");
    }

    build(dir, None)?;
    let site = book.root.join(&book.config.build.build_dir);
    let print_page = site.join("print.html").canonicalize().context("the build wrote no print.html")?;
    let output = site.join(&config.pdf.file_name);

    let mut browser = chrome::Browser::launch(&chromium)?;
    let mut page = browser.new_page()?;
    // mdBook's print page calls window.print() itself; printing is ours to do.
    // Set before any script runs, so theme/ready.js wraps this empty one.
    page.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.print = function () {};" }),
    )?;
    page.navigate(&format!("file://{}", print_page.display()))?;
    let options = json!({
        "title": book.config.book.title.clone().unwrap_or_else(|| "Study guide".into()),
        "description": book.config.book.description.clone(),
        "date": today(),
        "answerKeys": config.pdf.answer_keys,
    });
    page.evaluate(&format!("{}({options})", include_str!("pdf_prepare.js")))
        .context("the print page did not get ready for printing")?;

    let (width, height) = config.pdf.paper.size_inches();
    let title = book.config.book.title.as_deref().unwrap_or("");
    let pdf = page.print_to_pdf(json!({
        "paperWidth": width,
        "paperHeight": height,
        "marginTop": margin,
        "marginBottom": margin.max(0.5),
        "marginLeft": margin,
        "marginRight": margin,
        "printBackground": true,
        "displayHeaderFooter": true,
        "headerTemplate": "<span></span>",
        "footerTemplate": footer(title, margin).into_string(),
        "generateDocumentOutline": true,
        "generateTaggedPDF": true,
    }))?;
    std::fs::write(&output, pdf).with_context(|| format!("could not write {}", output.display()))?;
    Ok(output)
}

/// Each page's footer: the book's title and "page / pages".
fn footer(title: &str, margin: f64) -> crate::html::Markup {
    let style = format!(
        "font-size:8px;width:100%;padding:0 {margin}in;display:flex;justify-content:space-between;color:#555;font-family:sans-serif"
    );
    crate::html::html! {
        div style=(style) {
            span { (title) }
            span { span.pageNumber {} " / " span.totalPages {} }
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
    fn dates_are_civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(20_784), (2026, 11, 27));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }
}

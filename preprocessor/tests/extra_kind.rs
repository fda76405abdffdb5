//! Adding a kind of block is one folder and one line: a throwaway kind of
//! the test's own (`tests/books/extra-kind/stamp/`: its Rust and its
//! script) is built into a fixture book with `Builder::kind`, with no list
//! edited anywhere else, and its script runs on the page with its block and
//! is not loaded on a page without one.

#[path = "books/extra-kind/stamp/mod.rs"]
mod stamp;
mod support;

use std::path::Path;
use std::time::{Duration, Instant};
use studyguide::testing::{Browser, Page};

/// The `<main>` element of a built page.
#[track_caller]
fn main_of(page: &Path) -> String {
    let html = std::fs::read_to_string(page).unwrap_or_else(|e| panic!("{}: {e}", page.display()));
    let start = html.find("<main>").expect("a <main> element");
    let end = html.rfind("</main>").expect("a </main> element");
    html[start..end].to_owned()
}

/// Opens a page of the built site from disk, as a reader does, and waits
/// until its blocks are started.
#[track_caller]
fn open(page: &mut Page, file: &Path) {
    page.navigate(&format!("file://{}", file.display())).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let ready = page.evaluate("window.StudyGuide.whenReady().then(() => true)");
        if ready.as_ref().is_ok_and(|v| v == true) {
            return;
        }
        assert!(Instant::now() < deadline, "{} never got ready: {ready:?}", file.display());
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_kind_of_the_programs_own_is_one_folder_and_one_line() {
    let book = tempfile::tempdir().unwrap();
    support::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/books/extra-kind"), book.path());
    studyguide::Builder::new(book.path()).kind(|| stamp::StampKind).build().unwrap();
    let site = book.path().join("book");

    // The page with the block has its HTML; the other page has none of it.
    let stamped = main_of(&site.join("stamped.html"));
    assert!(
        stamped.contains(r#"<p class="stamp" data-sg-module="stamp">Stamped at build time</p>"#),
        "{stamped}"
    );
    let quiz_only = main_of(&site.join("quiz-only.html"));
    assert!(quiz_only.contains(r#"data-sg-module="quiz""#) && !quiz_only.contains("stamp"), "{quiz_only}");

    // The manifest names its module and its script; the script is written.
    let manifest = std::fs::read_to_string(site.join("studyguide/manifest.js")).unwrap();
    let json = manifest.split("manifest = ").nth(1).unwrap().trim_end().trim_end_matches(';');
    let manifest: serde_json::Value = serde_json::from_str(json).unwrap();
    let module = &manifest["modules"]["stamp"];
    assert_eq!(module["scripts"], serde_json::json!(["stamp.js"]), "{manifest}");
    assert_eq!(module["base"], serde_json::json!(["dom.js", "component.js"]), "{manifest}");
    assert!(manifest["modules"]["quiz"].is_object(), "{manifest}");
    let script = include_bytes!("books/extra-kind/stamp/stamp.js");
    assert_eq!(std::fs::read(site.join("studyguide/stamp.js")).unwrap(), script);

    // In Chromium, through the crate's own DevTools client: its script ran
    // on its page, and a page without its block loaded nothing of it.
    let Some(chromium) = studyguide::testing::find(None) else {
        eprintln!("Chromium was not found: the stamp's script was not run");
        return;
    };
    let mut browser = Browser::launch(&chromium).unwrap();
    let mut page = browser.new_page().unwrap();
    // widgets.js loads a module's scripts as script elements.
    let loaded =
        |name: &str| format!("[...document.scripts].some((s) => s.src.endsWith('/studyguide/{name}'))");
    open(&mut page, &site.join("stamped.html"));
    let stamp = page
        .evaluate("document.querySelector('[data-sg-module=stamp]').getAttribute('data-stamped')")
        .unwrap();
    assert_eq!(stamp, "by stamp.js");
    assert_eq!(page.evaluate(&loaded("stamp.js")).unwrap(), true);

    open(&mut page, &site.join("quiz-only.html"));
    assert_eq!(
        page.evaluate(&loaded("stamp.js")).unwrap(),
        false,
        "the quiz's page loaded the stamp's script"
    );
    assert_eq!(
        page.evaluate("[...document.scripts].filter((s) => s.src.includes('stamp')).length").unwrap(),
        0
    );
    // Its loader ran, and started the quiz: only the stamp's module was left out.
    assert_eq!(page.evaluate(&loaded("quiz.js")).unwrap(), true);
    assert_eq!(page.evaluate("window.StudyGuide.manifest.modules.stamp.scripts[0]").unwrap(), "stamp.js");
}

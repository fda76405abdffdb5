//! The contract between a kind of block and its code in the browser.
//!
//! A kind names its browser module ([`BrowserModule`]): the name its
//! blocks' roots carry in `data-sg-module`, its scripts and styles (files
//! the binary carries, in the order they run) and what it needs of the
//! shared scripts. The build writes the files of the modules a book uses
//! into it, and a manifest (`studyguide/manifest.js`) that says which module
//! loads which files; `theme/loader.js`, `theme/widgets.js` and
//! `theme/base.css` read only that, and `theme/component.js` starts the
//! class each module's script defines for its name. No list in the
//! browser code names a kind: a kind of this crate is its folder and its
//! lines in `lib.rs` and `kinds::all`, one of an embedding program its
//! folder and `Builder::kind`.

use crate::embedded::{self, File};
use serde::Serialize;
use std::borrow::Cow;

/// A file the build writes into the book's `studyguide/` folder for its pages to
/// load: one the binary carries, or one a block or kind made (a gathering
/// page's bank of questions, the book's mermaid for diagrams left to the
/// browser). Blocks and kinds return theirs; the build writes them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFile {
    /// Its name in `studyguide/`, as pages load it.
    pub name: String,
    /// What it holds.
    pub bytes: Cow<'static, [u8]>,
}

impl PageFile {
    /// A file named `name` holding `bytes`.
    pub fn new(name: impl Into<String>, bytes: impl Into<Cow<'static, [u8]>>) -> Self {
        PageFile { name: name.into(), bytes: bytes.into() }
    }
}

impl From<File> for PageFile {
    fn from(file: File) -> Self {
        PageFile::new(file.name, file.bytes)
    }
}

/// What a kind's blocks run in the browser.
#[derive(Debug)]
pub struct BrowserModule {
    /// The name in `data-sg-module`, and the component's `moduleName`.
    pub name: &'static str,
    /// Its own scripts, in the order they run (a bank of questions its block
    /// names in `data-bank` runs before them).
    pub scripts: &'static [File],
    /// Its styles, in the order they apply.
    pub styles: &'static [File],
    /// The shared scripts it needs besides the base.
    pub needs: &'static [Need],
}

/// A shared script a module needs besides the base every module has
/// (`dom.js`, `component.js`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    /// The learner's saved state (`storage.js`), per book.
    Storage,
    /// The learner's history (`log.js`), which keeps it in storage.
    Log,
}

impl BrowserModule {
    /// The shared scripts it runs after, in order.
    pub fn base(&self) -> Vec<File> {
        let mut base = vec![embedded::DOM, embedded::COMPONENT];
        if self.needs.contains(&Need::Storage) || self.needs.contains(&Need::Log) {
            base.push(embedded::STORAGE);
        }
        if self.needs.contains(&Need::Log) {
            base.push(embedded::LOG);
        }
        base
    }

    /// Every file it loads, shared ones first.
    pub fn files(&self) -> impl Iterator<Item = File> + '_ {
        self.base().into_iter().chain(self.scripts.iter().copied()).chain(self.styles.iter().copied())
    }
}

/// The manifest's entry for a module.
#[derive(Debug, Serialize)]
struct ModuleEntry {
    base: Vec<&'static str>,
    scripts: Vec<&'static str>,
    styles: Vec<&'static str>,
    needs: &'static [Need],
}

/// The book as the pages know it: its id and title (whose keys its
/// learners' state is kept under), and the file that lists those keys.
#[derive(Debug, Serialize)]
pub(crate) struct BookEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub keys: &'a str,
}

/// `studyguide/manifest.js`: the book, each module the book uses, and the unit
/// words a learner's typed answers are read with.
pub(crate) fn manifest(book: &BookEntry, modules: &[&BrowserModule]) -> String {
    let modules: serde_json::Map<String, serde_json::Value> = modules
        .iter()
        .map(|m| {
            let entry = ModuleEntry {
                base: m.base().iter().map(|f| f.name).collect(),
                scripts: m.scripts.iter().map(|f| f.name).collect(),
                styles: m.styles.iter().map(|f| f.name).collect(),
                needs: m.needs,
            };
            (m.name.to_owned(), serde_json::to_value(entry).unwrap_or_default())
        })
        .collect();
    let manifest = serde_json::json!({
        "book": book,
        "modules": modules,
        "units": crate::limits::quantity::unit_table(),
    });
    let json = serde_json::to_string(&manifest).unwrap_or_else(|_| "{}".to_owned()).replace('<', "\\u003c");
    format!(
        "// Which files each kind of block loads, the book's name in a learner's browser, and the\n\
         // unit words answers are read with; written by mdbook-studyguide at every build.\n\
         window.StudyGuide = window.StudyGuide || {{}};\n\
         window.StudyGuide.manifest = {json};\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lists_each_module_with_its_shared_scripts_first() {
        static DRAWING: BrowserModule =
            BrowserModule { name: "drawing", scripts: &[embedded::DOM], styles: &[], needs: &[] };
        static SAVING: BrowserModule = BrowserModule {
            name: "saving",
            scripts: &[embedded::LOG],
            styles: &[embedded::DOM],
            needs: &[Need::Log],
        };
        let book = BookEntry { id: "b</script>", title: "T", keys: "book-keys.js?1" };
        let text = manifest(&book, &[&DRAWING, &SAVING]);
        let json = text.split("manifest = ").nth(1).unwrap().trim_end().trim_end_matches(';');
        assert!(!json.contains('<'), "{json}");
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["book"]["id"], "b</script>");
        assert_eq!(value["modules"]["drawing"]["base"], serde_json::json!(["dom.js", "component.js"]));
        assert_eq!(
            value["modules"]["saving"]["base"],
            serde_json::json!(["dom.js", "component.js", "storage.js", "log.js"])
        );
        assert_eq!(value["modules"]["saving"]["needs"], serde_json::json!(["log"]));
        assert!(
            value["units"]
                .as_array()
                .unwrap()
                .iter()
                .any(|u| u["words"].as_array().unwrap().contains(&"min".into()))
        );
    }
}

//! mdBook 0.5's search index file, `searchindex-<hash>.js`: a script that
//! sets `window.search` from a JSON string holding the search options, the
//! documents' addresses (`doc_urls`) and an elasticlunr index of the
//! documents (a document is a chapter's section: its heading, its text and
//! the headings above it).
//!
//! The index is built again from its documents the way mdBook builds it, so
//! that changing a document changes every word list it is in. Building it
//! again from unchanged documents gives back mdBook's bytes; a test holds
//! this against mdBook's own renderer.

use anyhow::{Context, Result, bail};
use elasticlunr::lang::English;
use elasticlunr::pipeline::PipelineFn;
use elasticlunr::{Index, IndexBuilder, Language, Pipeline};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

/// The script around the JSON, as mdBook writes it.
const PREFIX: &str = "window.search = Object.assign(window.search, JSON.parse('";
const SUFFIX: &str = "'));";

/// Longer words are not indexed (mdBook's `MAX_WORD_LENGTH_TO_INDEX`).
const LONGEST_WORD: usize = 80;

/// One searchable section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Document {
    /// `lambda.html#concurrency`
    pub url: String,
    pub title: String,
    pub body: String,
    pub breadcrumbs: String,
}

impl Document {
    /// The page the section is on: `lambda.html`.
    pub(super) fn page(&self) -> &str {
        self.url.split_once('#').map_or(&self.url, |(page, _)| page)
    }
}

/// A search index file, read: the options as they are, and the documents.
/// The word lists are not read: they are built again from the documents.
#[derive(Deserialize)]
pub(super) struct IndexFile {
    results_options: Box<RawValue>,
    search_options: Box<RawValue>,
    doc_urls: Vec<String>,
    index: StoredIndex,
}

#[derive(Deserialize)]
struct StoredIndex {
    #[serde(rename = "documentStore")]
    document_store: DocumentStore,
}

#[derive(Deserialize)]
struct DocumentStore {
    docs: HashMap<String, StoredDocument>,
}

#[derive(Deserialize)]
struct StoredDocument {
    title: String,
    body: String,
    breadcrumbs: String,
}

impl IndexFile {
    pub(super) fn read(path: &Path) -> Result<Self> {
        let context = || format!("could not read mdBook's search index {}", path.display());
        let script = std::fs::read_to_string(path).with_context(context)?;
        Self::parse(&script).with_context(context)
    }

    pub(super) fn parse(script: &str) -> Result<Self> {
        let Some(quoted) = script.trim_end().strip_prefix(PREFIX).and_then(|s| s.strip_suffix(SUFFIX)) else {
            bail!("it is not the script mdBook 0.5 writes (`{PREFIX}…{SUFFIX}`)");
        };
        serde_json::from_str(&unquote(quoted))
            .context("its JSON is not a search index as mdBook 0.5 writes it")
    }

    /// The documents, in order.
    pub(super) fn documents(&self) -> Result<Vec<Document>> {
        let docs = &self.index.document_store.docs;
        self.doc_urls
            .iter()
            .enumerate()
            .map(|(n, url)| {
                let doc =
                    docs.get(&n.to_string()).with_context(|| format!("document {n} ({url}) is missing"))?;
                Ok(Document {
                    url: url.clone(),
                    title: doc.title.clone(),
                    body: doc.body.clone(),
                    breadcrumbs: doc.breadcrumbs.clone(),
                })
            })
            .collect()
    }

    /// The file with these documents, and word lists built from them.
    pub(super) fn script_with(&self, documents: &[Document]) -> Result<String> {
        let mut index = new_index();
        for (n, doc) in documents.iter().enumerate() {
            index.add_doc(&n.to_string(), [&doc.title, &doc.body, &doc.breadcrumbs]);
        }
        let urls: Vec<&str> = documents.iter().map(|d| d.url.as_str()).collect();
        // The order of mdBook 0.5.4's `SearchindexJson`.
        let json = format!(
            r#"{{"results_options":{},"search_options":{},"doc_urls":{},"index":{}}}"#,
            self.results_options.get(),
            self.search_options.get(),
            serde_json::to_string(&urls)?,
            serde_json::to_string(&index)?
        );
        Ok(format!("{PREFIX}{}{SUFFIX}", quote(&json)))
    }
}

/// An empty index with mdBook's fields and word splitting.
fn new_index() -> Index {
    IndexBuilder::with_language(Box::new(Remembering(English::new())))
        .add_field_with_tokenizer("title", Box::new(words))
        .add_field_with_tokenizer("body", Box::new(words))
        .add_field_with_tokenizer("breadcrumbs", Box::new(words))
        .build()
}

/// elasticlunr's English, whose steps a word goes through before it is
/// indexed (trimmed, stop words dropped, stemmed by regular expressions)
/// done once for each different word: a book repeats its words, and the
/// stemming is most of building an index. The index names the same
/// language and steps, so it is the same file.
struct Remembering(English);

impl Language for Remembering {
    fn name(&self) -> String {
        self.0.name()
    }

    fn code(&self) -> String {
        self.0.code()
    }

    fn tokenize(&self, text: &str) -> Vec<String> {
        self.0.tokenize(text)
    }

    fn make_pipeline(&self) -> Pipeline {
        let queue = self.0.make_pipeline().queue;
        Pipeline {
            queue: queue
                .into_iter()
                .map(|step| Box::new(Remembered { step, seen: RefCell::default() }) as Box<dyn PipelineFn>)
                .collect(),
        }
    }
}

/// One step of the pipeline, with what it made of each word it was given.
struct Remembered {
    step: Box<dyn PipelineFn>,
    seen: RefCell<HashMap<String, Option<String>>>,
}

impl PipelineFn for Remembered {
    fn name(&self) -> String {
        self.step.name()
    }

    fn filter(&self, token: String) -> Option<String> {
        if let Some(done) = self.seen.borrow().get(&token) {
            return done.clone();
        }
        let done = self.step.filter(token.clone());
        self.seen.borrow_mut().insert(token, done.clone());
        done
    }
}

/// Words as mdBook indexes them: split at white space and hyphens, in lower
/// case, none longer than [`LONGEST_WORD`] bytes.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .filter(|word| word.len() <= LONGEST_WORD)
        .collect()
}

/// The JSON in a single-quoted string: mdBook escapes `\` and `'` only.
fn quote(json: &str) -> String {
    json.replace('\\', "\\\\").replace('\'', "\\'")
}

fn unquote(quoted: &str) -> String {
    let mut out = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_is_undone() {
        for text in [r#"{"a":"it's \"so\" \\ here"}"#, "", "\\'", "''\\\\"] {
            assert_eq!(unquote(&quote(text)), text);
        }
    }

    #[test]
    fn words_split_like_mdbooks() {
        assert_eq!(words("Lambda's  15-minute\ttimeout\n"), ["lambda's", "15", "minute", "timeout"]);
        assert_eq!(words(&"x".repeat(81)), Vec::<String>::new());
        assert_eq!(words(&"x".repeat(80)).len(), 1);
    }

    #[test]
    fn a_script_that_is_not_an_index_is_refused() {
        let err = IndexFile::parse("window.search = {};").err().unwrap().to_string();
        assert!(err.contains("not the script mdBook 0.5 writes"), "{err}");
        assert!(IndexFile::parse(&format!("{PREFIX}{{nope{SUFFIX}")).is_err());
    }
}

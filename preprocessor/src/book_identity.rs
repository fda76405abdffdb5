//! Which book a learner's saved progress belongs to.
//!
//! Every book opened from disk shares one browser store, and so do the books
//! of one site (several project sites on one GitHub Pages host): the pages
//! keep a book's progress under keys prefixed with the book's id. The id is
//! `book-id` in `[preprocessor.studyguide]`, or else made from the book's
//! title; `install` and `init` write it into `book.toml`, so that a new title
//! later keeps the learners' progress.
//!
//! The build writes the id and title into the pages' manifest
//! (`crate::browser`), and `book-keys.js`: every key this book's blocks
//! save, which a page loads once, to take over what an older version kept
//! under keys shared by every book.

use anyhow::{Result, bail};

/// The id of a book with this `book-id` setting and title.
pub(crate) fn book_id(setting: Option<&str>, title: &str) -> Result<String> {
    match setting {
        Some(id) if is_valid(id) => Ok(id.to_owned()),
        Some(id) => bail!(
            "`book-id = {id:?}` in [preprocessor.studyguide] is not a valid id: use 1 to 64 letters, digits, `-`, `_` or `.`"
        ),
        None => Ok(from_title(title)),
    }
}

/// The id a book without `book-id` has: its title's hash, so it is stable
/// from build to build.
pub(crate) fn from_title(title: &str) -> String {
    format!("t{}", &crate::hash::short_hash(&["book-id", title])[..8])
}

fn is_valid(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// `book-keys.js`: every key this book's blocks save, and the address the
/// manifest names it by (with its hash, so a browser never takes an older
/// copy from its cache).
pub(crate) fn keys_file(stored_keys: &[String]) -> (String, String) {
    let json = serde_json::to_string(stored_keys).unwrap_or_else(|_| "[]".to_owned()).replace('<', "\\u003c");
    let url = format!("{KEYS}?{}", crate::hash::short_hash(&[&json]));
    let script = format!(
        "// Every key this book's blocks save; written by mdbook-studyguide at every build.\n\
         window.StudyGuide.bookKeys = {json};\n"
    );
    (url, script)
}

/// The name of the file of keys, in `studyguide/`.
pub(crate) const KEYS: &str = "book-keys.js";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_comes_from_the_setting_or_the_title() {
        assert_eq!(book_id(Some("aws-saa"), "Any").unwrap(), "aws-saa");
        let derived = book_id(None, "AWS Study Guide").unwrap();
        assert_eq!(derived, from_title("AWS Study Guide"));
        assert_ne!(derived, from_title("Another Guide"));
        assert_eq!(derived.len(), 9);
        let err = book_id(Some("a b"), "x").unwrap_err().to_string();
        assert!(err.contains("`book-id = \"a b\"`") && err.contains("not a valid id"), "{err}");
        assert!(book_id(Some(""), "x").is_err());
    }

    #[test]
    fn the_keys_file_lists_the_keys_and_is_named_by_them() {
        let keys = vec!["quiz:q1".to_owned(), "limit:</script>".to_owned()];
        let (url, script) = keys_file(&keys);
        assert!(url.starts_with("book-keys.js?"), "{url}");
        assert!(
            script.contains(r#"window.StudyGuide.bookKeys = ["quiz:q1","limit:\u003c/script>"];"#),
            "{script}"
        );
        // The address follows the list, so a page never loads an older one from its cache.
        assert_ne!(url, keys_file(&["quiz:q2".to_owned()]).0);
    }
}

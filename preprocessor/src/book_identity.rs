//! Which book a learner's saved progress belongs to.
//!
//! Every book opened from disk shares one browser store, and so do the books
//! of one site (several project sites on one GitHub Pages host): the pages
//! keep a book's progress under keys prefixed with the book's id. The id is
//! `book-id` in `[preprocessor.studyguide]`, or else made from the book's
//! title; `install` and `init` write it into `book.toml`, so that a new title
//! later keeps the learners' progress.
//!
//! The build writes two files the pages load (`theme/storage.js` reads
//! them): `book.js`, the id and title, on every page with a block that
//! saves; and `book-keys.js`, every key this book's blocks save, which a
//! page loads once, to take over what an older version kept under keys
//! shared by every book (named with its hash in `book.js`, so a browser
//! never takes an older copy from its cache).

use anyhow::{Result, bail};

/// The id of a book with this `book-id` setting and title.
pub fn book_id(setting: Option<&str>, title: &str) -> Result<String> {
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
pub fn from_title(title: &str) -> String {
    format!("t{}", &crate::hash::short_hash(&["book-id", title])[..8])
}

fn is_valid(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The files a build writes into `vendor/`: (name, bytes), `book.js` first.
pub fn files(id: &str, title: &str, stored_keys: &[String]) -> [(String, Vec<u8>); 2] {
    let keys_json = serde_json::to_string(stored_keys).unwrap_or_else(|_| "[]".to_owned());
    let keys_url = format!("{KEYS}?{}", crate::hash::short_hash(&[&keys_json]));
    let book = serde_json::json!({ "id": id, "title": title, "keys": keys_url });
    let book_js = format!(
        "// This book's name in a learner's browser; written by mdbook-studyguide at every build.\n\
         window.StudyGuide = window.StudyGuide || {{}};\n\
         window.StudyGuide.book = {};\n",
        script_json(&book)
    );
    let keys_js = format!(
        "// Every key this book's blocks save; written by mdbook-studyguide at every build.\n\
         window.StudyGuide.bookKeys = {};\n",
        script_json(&serde_json::Value::from(stored_keys))
    );
    [("book.js".to_owned(), book_js.into_bytes()), (KEYS.to_owned(), keys_js.into_bytes())]
}

const KEYS: &str = "book-keys.js";

/// JSON that is safe inside a script, whatever the strings in it hold.
fn script_json(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned()).replace('<', "\\u003c")
}

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
    fn the_files_name_the_book_and_its_keys() {
        let keys = vec!["quiz:q1".to_owned(), "limit:</script>".to_owned()];
        let [(book_name, book), (keys_name, keys_js)] = files("b1", "A \"title\" <b>", &keys);
        assert_eq!((book_name.as_str(), keys_name.as_str()), ("book.js", "book-keys.js"));
        let book = String::from_utf8(book).unwrap();
        assert!(
            book.contains(
                r#"window.StudyGuide.book = {"id":"b1","title":"A \"title\" \u003cb>","keys":"book-keys.js?"#
            ),
            "{book}"
        );
        let keys_js = String::from_utf8(keys_js).unwrap();
        assert!(
            keys_js.contains(r#"window.StudyGuide.bookKeys = ["quiz:q1","limit:\u003c/script>"];"#),
            "{keys_js}"
        );
        // The address follows the list, so a page never loads an older one from its cache.
        let url = |keys: &[String]| String::from_utf8(files("b1", "t", keys)[0].1.clone()).unwrap();
        assert_ne!(url(&keys), url(&["quiz:q2".to_owned()]));
    }
}

//! mdBook's not-found page (`404.html`), made to load its files from
//! wherever it is opened.
//!
//! mdBook gives the page a `<base href>` of `output.html.site-url` ("/" by
//! default): right for a server that answers any missing path with it, at
//! any depth, but opened from disk it is the root of the file system. Our
//! head partial (`theme/head.hbs`) moves that base to the page's folder, but
//! only after Chromium's preload scanner has asked for every stylesheet and
//! script at the first base, each a failed load in the console. So in a site
//! we render, the page names its files only through script: a script writes
//! the base (the page's folder from disk, the site's root over HTTP), and
//! each stylesheet, icon, image and script is written after it, where it
//! stood, with `document.write`. That keeps what mdBook's page relies on:
//! scripts run in order where they stand, and stylesheets hold the first
//! paint back (an element added any other way loads out of order, or paints
//! the page unstyled first). Without script, each stylesheet is also named
//! in a `<noscript>` at the site's root, as the base would have resolved it.

use anyhow::{Context, Result};
use std::path::Path;

/// Rewrites `site/404.html` as described above, if it is there and has a
/// `<base>`.
pub(super) fn make_portable(site: &Path) -> Result<()> {
    let path = site.join("404.html");
    let Ok(html) = std::fs::read_to_string(&path) else { return Ok(()) };
    if let Some(portable) = portable(&html) {
        std::fs::write(&path, portable).with_context(|| format!("could not write {}", path.display()))?;
    }
    Ok(())
}

/// The page with its base and the files it loads written by script, or
/// None when it has no `<base href>` (nothing to do) or has been rewritten.
fn portable(html: &str) -> Option<String> {
    if html.contains(MARK) {
        return None;
    }
    let (base_at, base_end) = tag_named(html, "base", 0)?;
    let base_tag = &html[base_at..base_end];
    let root = attribute(base_tag, "href")?;
    let mut out = String::with_capacity(html.len() * 2);
    out.push_str(&html[..base_at]);
    out.push_str(&format!(
        "<script>{MARK}(function () {{ var here = location.protocol === 'file:' ? \
         new URL('.', location.href).href.replace(/\"/g, '%22') : null; \
         document.write(here ? '<base href=\"' + here + '\">' : {}); }})();</script>",
        js_string(base_tag)
    ));
    let mut at = base_end;
    while let Some((start, end, tag)) = next_load(html, at) {
        out.push_str(&html[at..start]);
        let element = &html[start..end];
        out.push_str(&format!("<script>document.write({});</script>", js_string(element)));
        if tag == "link"
            && attribute(element, "rel").is_some_and(|rel| rel.eq_ignore_ascii_case("stylesheet"))
        {
            out.push_str(&format!("<noscript>{}</noscript>", at_root(element, root)));
        }
        at = end;
    }
    out.push_str(&html[at..]);
    Some(out)
}

/// The comment that marks a rewritten page.
const MARK: &str = "/* mdbook-studyguide: this page's files are named from where it is opened. */ ";

/// Elements whose content is not markup: skipped whole.
const RAW: [&str; 5] = ["script", "style", "template", "noscript", "textarea"];

/// The next element from `from` that loads a file — a `<link href>`, an
/// `<img src>` or a `<script src>…</script>` — outside comments and the
/// content of [`RAW`] elements: its start, its end and its name.
fn next_load(html: &str, mut from: usize) -> Option<(usize, usize, &'static str)> {
    loop {
        let start = from + html.get(from..)?.find('<')?;
        let rest = &html[start..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            from = start + 4 + comment.find("-->").map_or(comment.len(), |i| i + 3);
            continue;
        }
        let name = tag_name(rest);
        let end = tag_end(html, start)?;
        let tag = &html[start..end];
        match name.as_deref() {
            Some("link") if attribute(tag, "href").is_some() => return Some((start, end, "link")),
            Some("img") if attribute(tag, "src").is_some() => return Some((start, end, "img")),
            Some("script") if attribute(tag, "src").is_some() => {
                let close = closing(html, end, "script").unwrap_or(html.len());
                return Some((start, close, "script"));
            }
            Some(raw) if RAW.contains(&raw) => from = closing(html, end, raw).unwrap_or(html.len()),
            _ => from = end,
        }
    }
}

/// The first `<name …>` tag from `from`: its start and end.
fn tag_named(html: &str, name: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(i) = html.get(at..)?.find('<') {
        let start = at + i;
        let end = tag_end(html, start)?;
        if tag_name(&html[start..]).as_deref() == Some(name) {
            return Some((start, end));
        }
        at = end;
    }
    None
}

/// A start tag's name, in lower case, if `text` opens with one.
fn tag_name(text: &str) -> Option<String> {
    let name: String = text.strip_prefix('<')?.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
    (!name.is_empty()).then(|| name.to_ascii_lowercase())
}

/// Where the tag opening at `start` ends (after its `>`, quotes minded).
fn tag_end(html: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html.get(start..)?.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

/// Where `</name>` (in any case) after `from` ends.
fn closing(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut at = from;
    loop {
        let start = at + html.get(at..)?.find("</")?;
        let after = start + 2;
        if html.get(after..after + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return tag_end(html, start);
        }
        at = after;
    }
}

/// The value of a tag's attribute, as written (entities left in).
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower.get(at..)?.find(name) {
        let start = at + i;
        at = start + name.len();
        let before = lower[..start].chars().next_back();
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let rest = tag[at..].trim_start();
        let Some(value) = rest.strip_prefix('=') else { continue };
        let value = value.trim_start();
        return match value.chars().next() {
            Some(q @ ('"' | '\'')) => value[1..].find(q).map(|end| &value[1..1 + end]),
            _ => Some(value.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or("")),
        };
    }
    None
}

/// `element` with its `href` resolved against the site's root `root`
/// ("/", or the site-url's path), as the base would have resolved it.
fn at_root(element: &str, root: &str) -> String {
    let Some(href) = attribute(element, "href") else { return element.to_string() };
    let absolute = href.contains("://") || href.starts_with('/') || href.starts_with('#');
    if absolute {
        return element.to_string();
    }
    let joined = format!("{}/{href}", root.trim_end_matches('/'));
    element.replacen(&format!("\"{href}\""), &format!("\"{joined}\""), 1)
}

/// `text` as a JavaScript string literal that is safe inside `<script>`.
fn js_string(text: &str) -> String {
    serde_json::to_string(text)
        .unwrap_or_else(|_| "\"\"".into())
        .replace("</", "<\\/")
        .replace("<!--", "<\\!--")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE HTML>
<html><head>
<title>Page not found</title>
<base href="/guide/">
<script>var base = document.querySelector('base');</script>
<link rel="icon" href="favicon.svg">
<link rel="stylesheet" href="css/general.css">
<link rel="stylesheet" href="https://fonts.example/x.css">
<!-- <link rel="stylesheet" href="commented.css"> -->
<script src="toc.js"></script>
</head><body>
<noscript><iframe src="toc.html"></iframe></noscript>
<template id=t><img src="in-template.png"></template>
<main><p>Lost? <a href="index.html">Home</a></p><img alt="a > b" src="lost.png"></main>
<script>if (a < b) document.write('<link href="x">');</script>
<script src='book.js'></script>
</body></html>"#;

    #[test]
    fn every_file_the_page_loads_is_written_by_script_after_a_base_chosen_where_it_is_opened() {
        let out = portable(PAGE).unwrap();
        // No static element names a file any more, but those script, comments or noscript hold.
        for gone in [
            r#"<base href="/guide/">"#,
            r#"<link rel="icon" href="favicon.svg">"#,
            r#"<script src="toc.js"></script>"#,
            r#"src="lost.png">"#,
            r#"<script src='book.js'></script>"#,
        ] {
            assert!(!out.contains(gone), "{gone} is still in the page:\n{out}");
        }
        assert!(out.contains(r#"document.write("<link rel=\"icon\" href=\"favicon.svg\">");"#), "{out}");
        assert!(out.contains(r#"document.write("<script src=\"toc.js\"><\/script>");"#), "{out}");
        assert!(out.contains(r#"document.write("<script src='book.js'><\/script>");"#), "{out}");
        assert!(out.contains(r#"document.write("<img alt=\"a > b\" src=\"lost.png\">");"#), "{out}");
        // The base: the page's folder from disk, else mdBook's.
        assert!(out.contains(r#"location.protocol === 'file:'"#), "{out}");
        assert!(
            out.contains(
                r#"document.write(here ? '<base href="' + here + '">' : "<base href=\"/guide/\">")"#
            ),
            "{out}"
        );
        // What is not a file the page loads is left as it was.
        for kept in [
            r#"<!-- <link rel="stylesheet" href="commented.css"> -->"#,
            r#"<noscript><iframe src="toc.html"></iframe></noscript>"#,
            r#"<template id=t><img src="in-template.png"></template>"#,
            r#"<a href="index.html">Home</a>"#,
            r#"<script>if (a < b) document.write('<link href="x">');</script>"#,
        ] {
            assert!(out.contains(kept), "{kept} was changed:\n{out}");
        }
        // Without script, the stylesheets at the site's root.
        assert!(
            out.contains(r#"<noscript><link rel="stylesheet" href="/guide/css/general.css"></noscript>"#),
            "{out}"
        );
        assert!(
            out.contains(
                r#"<noscript><link rel="stylesheet" href="https://fonts.example/x.css"></noscript>"#
            ),
            "{out}"
        );
        // Done once.
        assert_eq!(portable(&out), None);
    }

    #[test]
    fn a_page_without_a_base_is_left_alone_and_no_part_of_one_breaks_the_rewrite() {
        assert_eq!(portable("<html><head><link rel=stylesheet href=a.css></head></html>"), None);
        for (i, _) in PAGE.char_indices() {
            let _ = portable(&PAGE[..i]);
            let _ = portable(&PAGE[i..]);
        }
    }
}

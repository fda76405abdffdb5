//! On which page a PDF that Chromium printed puts each of its named
//! destinations: just enough of the file's structure (the cross-reference
//! table, the catalog, the page tree and the `/Dests` dictionary) to number
//! a table of contents. Chromium writes these objects uncompressed.

use anyhow::{Context, Result, bail};
use std::collections::{HashMap, HashSet};

/// The page (from 1) of every named destination whose name starts with
/// `prefix`.
pub(super) fn destination_pages(pdf: &[u8], prefix: &str) -> Result<HashMap<String, usize>> {
    let file = PdfFile::read(pdf)?;
    let catalog = file.object(file.root)?;
    let pages_root = reference_after(catalog, b"/Pages").context("the catalog names no page tree")?;
    let mut pages = Vec::new();
    file.collect_pages(pages_root, &mut pages, &mut HashSet::new())?;
    let page_of: HashMap<u32, usize> = pages.iter().enumerate().map(|(i, &object)| (object, i + 1)).collect();

    let mut found = HashMap::new();
    let Some(dests) = reference_after(catalog, b"/Dests") else { return Ok(found) };
    let dests = file.object(dests)?;
    let needle = format!("/{prefix}");
    let mut rest = dests;
    while let Some(at) = find(rest, needle.as_bytes()) {
        let after = &rest[at + 1..];
        let name_end = after.iter().position(|&b| is_delimiter(b)).unwrap_or(after.len());
        let name = String::from_utf8_lossy(&after[..name_end]).into_owned();
        let value = skip_space(&after[name_end..]);
        if let Some(array) = value.strip_prefix(b"[")
            && let Some((object, _)) = reference(skip_space(array))
            && let Some(&page) = page_of.get(&object)
        {
            found.insert(name, page);
        }
        rest = &after[name_end..];
    }
    Ok(found)
}

struct PdfFile<'a> {
    bytes: &'a [u8],
    /// Where each object starts, from the cross-reference table.
    offsets: HashMap<u32, usize>,
    root: u32,
}

impl<'a> PdfFile<'a> {
    fn read(bytes: &'a [u8]) -> Result<Self> {
        let start = rfind(bytes, b"startxref").context("the PDF has no cross-reference table")?;
        let (xref, _) =
            number(skip_space(&bytes[start + 9..])).context("the PDF's startxref gives no offset")?;
        let mut at = skip_space(bytes.get(xref as usize..).context("startxref points past the end")?);
        at = at.strip_prefix(b"xref").context("startxref does not point at a cross-reference table")?;
        let mut offsets = HashMap::new();
        loop {
            at = skip_space(at);
            if at.starts_with(b"trailer") {
                break;
            }
            let (first, rest) = number(at).context("a broken cross-reference table")?;
            let (count, rest) = number(skip_space(rest)).context("a broken cross-reference table")?;
            at = rest;
            for n in 0..count {
                let entry = skip_space(at);
                let (offset, rest) = number(entry).context("a broken cross-reference entry")?;
                let (_generation, rest) =
                    number(skip_space(rest)).context("a broken cross-reference entry")?;
                let rest = skip_space(rest);
                if rest.first() == Some(&b'n') {
                    offsets.insert((first + n) as u32, offset as usize);
                }
                at = rest.get(1..).unwrap_or_default();
            }
        }
        let root = reference_after(at, b"/Root").context("the PDF's trailer names no catalog")?;
        Ok(PdfFile { bytes, offsets, root })
    }

    /// The text of an object, from `N 0 obj` to `endobj`.
    fn object(&self, number: u32) -> Result<&'a [u8]> {
        let Some(&start) = self.offsets.get(&number) else { bail!("the PDF has no object {number}") };
        let body = self.bytes.get(start..).context("an object offset points past the end")?;
        let end = find(body, b"endobj").context("an object does not end")?;
        Ok(&body[..end])
    }

    /// The page objects under a node of the page tree, in order.
    fn collect_pages(&self, node: u32, out: &mut Vec<u32>, seen: &mut HashSet<u32>) -> Result<()> {
        if !seen.insert(node) {
            bail!("the PDF's page tree has a cycle");
        }
        let object = self.object(node)?;
        if find(object, b"/Type /Pages").is_none() && find(object, b"/Type/Pages").is_none() {
            out.push(node);
            return Ok(());
        }
        let kids = find(object, b"/Kids").context("a page tree node has no /Kids")?;
        let mut list = skip_space(&object[kids + 5..]).strip_prefix(b"[").context("/Kids is no array")?;
        while let Some((kid, rest)) = reference(skip_space(list)) {
            self.collect_pages(kid, out, seen)?;
            list = rest;
        }
        Ok(())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn skip_space(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    &bytes[start..]
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

/// A whole number at the start, and what follows it.
fn number(bytes: &[u8]) -> Option<(u64, &[u8])> {
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let value = std::str::from_utf8(&bytes[..digits]).ok()?.parse().ok()?;
    Some((value, &bytes[digits..]))
}

/// `12 0 R` at the start: the object number, and what follows.
fn reference(bytes: &[u8]) -> Option<(u32, &[u8])> {
    let (object, rest) = number(bytes)?;
    let (_generation, rest) = number(skip_space(rest))?;
    let rest = skip_space(rest).strip_prefix(b"R")?;
    Some((u32::try_from(object).ok()?, rest))
}

/// The object a dictionary key refers to: `/Pages 3 0 R`.
fn reference_after(dict: &[u8], key: &[u8]) -> Option<u32> {
    let mut rest = dict;
    while let Some(at) = find(rest, key) {
        let after = &rest[at + key.len()..];
        if after.first().is_some_and(|&b| is_delimiter(b) && b != b'/')
            && let Some((object, _)) = reference(skip_space(after))
        {
            return Some(object);
        }
        rest = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF made of these objects (numbered from 1), with its
    /// cross-reference table.
    fn pdf(objects: &[&str]) -> Vec<u8> {
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
        for offset in offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        out.extend(
            format!("trailer\n<</Size {} /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF", objects.len() + 1).bytes(),
        );
        out
    }

    #[test]
    fn destinations_are_found_on_their_pages_in_the_page_tree_order() {
        let file = pdf(&[
            "<</Type /Catalog\n/Pages 2 0 R\n/Dests 3 0 R>>",
            "<</Type /Pages\n/Count 3\n/Kids [4 0 R 7 0 R]>>",
            "<</sg-toc-1 [5 0 R /XYZ 0 800 0]\n/other [6 0 R /XYZ 0 0 0]\n/sg-toc-2 [8 0 R /XYZ 0 10 0]\n/sg-toc-3 [6 0 R /XYZ 0 10 0]>>",
            "<</Type /Pages\n/Count 2\n/Kids [5 0 R 6 0 R]>>",
            "<</Type /Page\n/Parent 4 0 R>>",
            "<</Type /Page\n/Parent 4 0 R>>",
            "<</Type /Pages\n/Count 1\n/Kids [8 0 R]>>",
            "<</Type /Page\n/Parent 7 0 R>>",
        ]);
        let pages = destination_pages(&file, "sg-toc-").unwrap();
        let expected: HashMap<String, usize> =
            [("sg-toc-1", 1), ("sg-toc-3", 2), ("sg-toc-2", 3)].map(|(n, p)| (n.to_owned(), p)).into();
        assert_eq!(pages, expected);
    }

    #[test]
    fn a_pdf_without_destinations_has_none_and_a_broken_one_is_an_error() {
        let file =
            pdf(&["<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [3 0 R]>>", "<</Type /Page>>"]);
        assert!(destination_pages(&file, "sg-toc-").unwrap().is_empty());
        assert!(destination_pages(b"%PDF-1.4\nnothing", "sg-toc-").is_err());
        let cycle = pdf(&["<</Type /Catalog /Pages 2 0 R>>", "<</Type /Pages /Kids [2 0 R]>>"]);
        assert!(destination_pages(&cycle, "x").unwrap_err().to_string().contains("cycle"));
    }
}

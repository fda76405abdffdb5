//! The PDF Chromium printed, read and amended with lopdf: on which page each
//! named destination lies (to number a table of contents), and its front
//! pages replaced by those of a second, short print (the same pages with the
//! contents numbered), as an incremental update that leaves the rest of the
//! file as Chromium wrote it.

use anyhow::{Context, Result, bail};
use lopdf::{Dictionary, Document, IncrementalDocument, Object, ObjectId};
use std::collections::HashMap;

/// A printed PDF: its bytes and their parsed structure.
pub(super) struct Printed {
    bytes: Vec<u8>,
    document: Document,
}

impl Printed {
    pub(super) fn read(bytes: Vec<u8>) -> Result<Self> {
        let document = Document::load_mem(&bytes).context("could not read the printed PDF")?;
        Ok(Printed { bytes, document })
    }

    pub(super) fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    pub(super) fn page_count(&self) -> usize {
        self.document.get_pages().len()
    }

    /// The page (from 1) of every named destination whose name starts with
    /// `prefix`.
    pub(super) fn destination_pages(&self, prefix: &str) -> Result<HashMap<String, usize>> {
        let document = &self.document;
        let page_of: HashMap<ObjectId, usize> =
            document.get_pages().into_iter().map(|(number, id)| (id, number as usize)).collect();
        let catalog = document.catalog().context("the PDF has no catalog")?;
        let mut found = HashMap::new();
        let Ok(dests) = catalog.get(b"Dests") else { return Ok(found) };
        let (_, dests) = document.dereference(dests)?;
        let dests = dests.as_dict().context("the PDF's /Dests is not a dictionary")?;
        for (name, value) in dests.iter() {
            if !name.starts_with(prefix.as_bytes()) {
                continue;
            }
            let (_, mut value) = document.dereference(value)?;
            // A destination is an array, or a dictionary holding it as /D.
            if let Ok(dict) = value.as_dict() {
                value = document.dereference(dict.get(b"D")?)?.1;
            }
            if let Some(Object::Reference(page)) = value.as_array().ok().and_then(|array| array.first())
                && let Some(&number) = page_of.get(page)
            {
                found.insert(String::from_utf8_lossy(name).into_owned(), number);
            }
        }
        Ok(found)
    }

    /// This PDF with its first `count` pages drawn as `front`'s: each page
    /// keeps its own object (so the document's outline, links, structure
    /// tree and destinations still point at it) and takes the other's
    /// content and resources.
    pub(super) fn with_front_pages_of(self, front: &Printed, count: usize) -> Result<Vec<u8>> {
        let pages = self.document.get_pages();
        let front_pages = front.document.get_pages();
        if front_pages.len() < count || pages.len() < count {
            bail!("the front pages were printed on {} pages, not {count}", front_pages.len());
        }
        let mut update = IncrementalDocument::create_from(self.bytes, self.document);
        let mut copied = HashMap::new();
        for number in 1..=count as u32 {
            let (page, source) = (pages[&number], front_pages[&number]);
            let source = front.document.get_dictionary(source)?;
            let mut replacement = Vec::new();
            for key in [&b"Contents"[..], b"Resources"] {
                let value = source.get(key).with_context(|| {
                    format!("page {number} of the front pages has no /{}", String::from_utf8_lossy(key))
                })?;
                let value = copy(&front.document, value, &mut update.new_document, &mut copied)?;
                replacement.push((key, value));
            }
            update.opt_clone_object_to_new_document(page)?;
            let page = update.new_document.get_dictionary_mut(page)?;
            for (key, value) in replacement {
                page.set(key, value);
            }
        }
        let mut out = Vec::new();
        update.save_to(&mut out).context("could not write the PDF's front pages")?;
        Ok(out)
    }
}

/// `value`, from `from`, with every object it refers to copied into `to`
/// under a new number (each once, however often it is referred to).
fn copy(
    from: &Document,
    value: &Object,
    to: &mut Document,
    copied: &mut HashMap<ObjectId, ObjectId>,
) -> Result<Object> {
    Ok(match value {
        Object::Reference(id) => {
            if let Some(&new) = copied.get(id) {
                return Ok(Object::Reference(new));
            }
            let new = to.try_new_object_id()?;
            copied.insert(*id, new);
            let object = copy(from, from.get_object(*id)?, to, copied)?;
            to.set_object(new, object);
            Object::Reference(new)
        }
        Object::Array(items) => {
            Object::Array(items.iter().map(|item| copy(from, item, to, copied)).collect::<Result<_>>()?)
        }
        Object::Dictionary(dict) => Object::Dictionary(copy_dictionary(from, dict, to, copied)?),
        Object::Stream(stream) => {
            let mut stream = stream.clone();
            stream.dict = copy_dictionary(from, &stream.dict, to, copied)?;
            Object::Stream(stream)
        }
        other => other.clone(),
    })
}

fn copy_dictionary(
    from: &Document,
    dict: &Dictionary,
    to: &mut Document,
    copied: &mut HashMap<ObjectId, ObjectId>,
) -> Result<Dictionary> {
    let mut out = Dictionary::new();
    for (key, value) in dict.iter() {
        out.set(key.clone(), copy(from, value, to, copied)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    /// A PDF made of these objects (numbered from 1), with its
    /// cross-reference table, as Chromium writes one.
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
            "<</sg-toc-1 [5 0 R /XYZ 0 800 0]\n/other [6 0 R /XYZ 0 0 0]\n/sg-toc-2 [8 0 R /XYZ 0 10 0]\n/sg-toc-3 <</D [6 0 R /XYZ 0 10 0]>>>>",
            "<</Type /Pages\n/Count 2\n/Kids [5 0 R 6 0 R]>>",
            "<</Type /Page\n/Parent 4 0 R>>",
            "<</Type /Page\n/Parent 4 0 R>>",
            "<</Type /Pages\n/Count 1\n/Kids [8 0 R]>>",
            "<</Type /Page\n/Parent 7 0 R>>",
        ]);
        let printed = Printed::read(file).unwrap();
        assert_eq!(printed.page_count(), 3);
        let pages = printed.destination_pages("sg-toc-").unwrap();
        let expected: HashMap<String, usize> =
            [("sg-toc-1", 1), ("sg-toc-3", 2), ("sg-toc-2", 3)].map(|(n, p)| (n.to_owned(), p)).into();
        assert_eq!(pages, expected);
    }

    #[test]
    fn a_pdf_without_destinations_has_none_and_a_broken_one_is_an_error() {
        let file = pdf(&[
            "<</Type /Catalog /Pages 2 0 R>>",
            "<</Type /Pages /Kids [3 0 R] /Count 1>>",
            "<</Type /Page>>",
        ]);
        assert!(Printed::read(file).unwrap().destination_pages("sg-toc-").unwrap().is_empty());
        assert!(Printed::read(b"%PDF-1.4\nnothing".to_vec()).is_err());
    }

    /// A document of one page per text, each drawn by its own content stream
    /// with a font resource, and a link annotation on the first page.
    fn document(texts: &[&str]) -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let font =
            doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
        let kids: Vec<Object> = texts
            .iter()
            .map(|text| {
                let content = format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET");
                let contents = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
                let link = doc.add_object(dictionary! { "Type" => "Annot", "Subtype" => "Link" });
                doc.add_object(dictionary! {
                    "Type" => "Page",
                    "Parent" => pages_id,
                    "Contents" => contents,
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
                    "Annots" => vec![Object::Reference(link)],
                })
                .into()
            })
            .collect();
        let count = kids.len() as i64;
        doc.objects
            .insert(pages_id, dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }.into());
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    fn page_texts(bytes: &[u8]) -> Vec<String> {
        let doc = Document::load_mem(bytes).unwrap();
        doc.get_pages()
            .values()
            .map(|&page| String::from_utf8_lossy(&doc.get_page_content(page)).into_owned())
            .collect()
    }

    #[test]
    fn the_front_pages_are_drawn_again_and_the_rest_is_left_as_it_was() {
        let whole = document(&["Contents ...", "More contents ...", "Chapter 1", "Chapter 2"]);
        let front = document(&["Contents 3", "More contents 4"]);
        let length = whole.len();
        let amended = Printed::read(whole.clone())
            .unwrap()
            .with_front_pages_of(&Printed::read(front).unwrap(), 2)
            .unwrap();
        assert_eq!(amended[..length], whole[..], "an update appended to the file as printed");
        let texts = page_texts(&amended);
        assert_eq!(texts.len(), 4);
        assert!(texts[0].contains("(Contents 3)") && texts[1].contains("(More contents 4)"), "{texts:?}");
        assert!(texts[2].contains("(Chapter 1)") && texts[3].contains("(Chapter 2)"), "{texts:?}");
        // Each page is still the same object, with its own link.
        let before = Document::load_mem(&whole).unwrap();
        let after = Document::load_mem(&amended).unwrap();
        assert_eq!(before.get_pages(), after.get_pages());
        let first = after.get_dictionary(after.get_pages()[&1]).unwrap();
        let original = before.get_dictionary(before.get_pages()[&1]).unwrap();
        assert_eq!(first.get(b"Annots").unwrap(), original.get(b"Annots").unwrap());
    }

    #[test]
    fn front_pages_fewer_than_asked_for_are_an_error() {
        let whole = Printed::read(document(&["a", "b", "c"])).unwrap();
        let front = Printed::read(document(&["a"])).unwrap();
        let error = whole.with_front_pages_of(&front, 2).unwrap_err();
        assert!(error.to_string().contains("on 1 pages, not 2"), "{error}");
    }
}

//! What draws diagrams in the reader's browser, for those not drawn at build
//! time: mermaid's bundle, written into the book's sources beside our
//! `theme/diagrams.js` (which the build writes for every diagram), where
//! mdBook picks them up and copies them into the site. Pages load them from
//! there (theme/widgets.js), so this works offline too.

use crate::assets::write_if_changed;
use std::path::Path;

pub use crate::assets::VENDOR_DIR;

/// Our script that draws diagrams in the browser; its mermaid settings are
/// the build's too.
pub(super) const DIAGRAMS_JS: &str = include_str!("../../../theme/diagrams.js");

/// The bundle's name in `VENDOR_DIR`, as diagrams.js loads it.
const MERMAID_FILE: &str = crate::embedded::MERMAID.name;

/// Writes mermaid's bundle into `vendor_dir`. An unchanged file is not
/// rewritten, so a watching `serve` sees no change. A failure is logged: the
/// diagrams then show their source.
pub(super) fn copy(mermaid: &[u8], root: &Path, vendor_dir: &Path) {
    if !crate::outside::is_inside(root, vendor_dir) {
        tracing::warn!(
            "did not copy mermaid into {}: it leads out of the book, to {}",
            vendor_dir.display(),
            crate::outside::resolve(vendor_dir).display()
        );
        return;
    }
    let copy = || -> std::io::Result<()> {
        std::fs::create_dir_all(vendor_dir)?;
        write_if_changed(&vendor_dir.join(MERMAID_FILE), mermaid)
    };
    if let Err(err) = copy() {
        tracing::warn!("could not copy mermaid into {}: {err}", vendor_dir.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_loads_the_bundle_from_where_it_is_copied() {
        assert!(DIAGRAMS_JS.contains(&format!("loadScript(SG.vendor + '{MERMAID_FILE}')")));
        assert!(!DIAGRAMS_JS.contains(&format!("'{VENDOR_DIR}/")), "theme/diagrams.js should use SG.vendor");
    }

    #[test]
    fn copies_the_bundle_and_leaves_an_unchanged_one_alone() {
        let dir = tempfile::tempdir().unwrap();
        let vendor = dir.path().join("src").join(VENDOR_DIR);
        copy(b"mermaid", dir.path(), &vendor);
        assert_eq!(std::fs::read_to_string(vendor.join(MERMAID_FILE)).unwrap(), "mermaid");
        let written = std::fs::metadata(vendor.join(MERMAID_FILE)).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        copy(b"mermaid", dir.path(), &vendor);
        assert_eq!(std::fs::metadata(vendor.join(MERMAID_FILE)).unwrap().modified().unwrap(), written);
    }

    #[test]
    fn nothing_is_copied_through_a_link_out_of_the_book() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::create_dir(&elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, root.join("src").join(VENDOR_DIR)).unwrap();
        copy(b"mermaid", &root, &root.join("src").join(VENDOR_DIR));
        assert_eq!(std::fs::read_dir(&elsewhere).unwrap().count(), 0);
    }
}

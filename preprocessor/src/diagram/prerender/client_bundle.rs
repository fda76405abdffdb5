//! What draws diagrams in the reader's browser, for those not drawn at build
//! time: mermaid's bundle and `theme/diagrams.js`, copied into the book's
//! sources, where mdBook picks them up and copies them into the site. Pages
//! load them from there (theme/loader.js), so this works offline too.

use crate::assets::write_if_changed;
use std::path::Path;

/// Where the bundle goes, relative to the book's source directory.
/// `theme/loader.js` names it too (a test below checks the two agree).
pub const VENDOR_DIR: &str = "vendor";

/// Our script that draws diagrams in the browser; its mermaid settings are
/// the build's too.
pub(super) const DIAGRAMS_JS: &str = include_str!("../../../../theme/diagrams.js");

/// The files' names in `VENDOR_DIR`, as the scripts load them.
const MERMAID_FILE: &str = "mermaid.min.js";
const DIAGRAMS_FILE: &str = "diagrams.js";

/// Copies mermaid (from `mermaid`, its bundle) and our drawing script into
/// `vendor_dir`. Unchanged files are not rewritten, so a watching `serve`
/// sees no change. A failure is logged: the diagrams then show their source.
pub(super) fn copy(mermaid: &Path, vendor_dir: &Path) {
    let copy = || -> std::io::Result<()> {
        std::fs::create_dir_all(vendor_dir)?;
        write_if_changed(&vendor_dir.join(MERMAID_FILE), &std::fs::read(mermaid)?)?;
        write_if_changed(&vendor_dir.join(DIAGRAMS_FILE), DIAGRAMS_JS.as_bytes())
    };
    if let Err(err) = copy() {
        tracing::warn!("could not copy mermaid into {}: {err}", vendor_dir.display());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scripts_load_the_bundle_from_where_it_is_copied() {
        let loader = include_str!("../../../../theme/loader.js");
        let folder = format!("var VENDOR = '{VENDOR_DIR}/';");
        assert!(loader.contains(&folder), "theme/loader.js should say `{folder}`");
        assert!(loader.contains(&format!("loadScript(VENDOR + '{DIAGRAMS_FILE}')")));
        assert!(DIAGRAMS_JS.contains(&format!("loadScript(SG.vendor + '{MERMAID_FILE}')")));
        assert!(!DIAGRAMS_JS.contains(&format!("'{VENDOR_DIR}/")), "theme/diagrams.js should use SG.vendor");
    }

    #[test]
    fn copies_the_bundle_and_leaves_unchanged_files_alone() {
        let dir = tempfile::tempdir().unwrap();
        let mermaid = dir.path().join("mermaid.js");
        std::fs::write(&mermaid, "mermaid").unwrap();
        let vendor = dir.path().join("src").join(VENDOR_DIR);
        copy(&mermaid, &vendor);
        assert_eq!(std::fs::read_to_string(vendor.join(MERMAID_FILE)).unwrap(), "mermaid");
        assert_eq!(std::fs::read_to_string(vendor.join(DIAGRAMS_FILE)).unwrap(), DIAGRAMS_JS);
        let written = std::fs::metadata(vendor.join(MERMAID_FILE)).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        copy(&mermaid, &vendor);
        assert_eq!(std::fs::metadata(vendor.join(MERMAID_FILE)).unwrap().modified().unwrap(), written);
    }
}

//! What draws diagrams in the reader's browser, for those not drawn at build
//! time: mermaid's bundle, which the build writes into the book's sources
//! beside our `theme/diagrams.js` (written for every diagram), where mdBook
//! picks them up and copies them into the site. Pages load them from there
//! (theme/widgets.js), so this works offline too.

use crate::browser::PageFile;
use std::borrow::Cow;

/// Our script that draws diagrams in the browser; its mermaid settings are
/// the build's too.
pub(super) const DIAGRAMS_JS: &str = include_str!("../../../theme/diagrams.js");

/// The bundle's name in `studyguide/`, as diagrams.js loads it.
const MERMAID_FILE: &str = crate::embedded::MERMAID.name;

/// mermaid's bundle as the book's pages load it.
pub(super) fn file(mermaid: Cow<'static, [u8]>) -> PageFile {
    PageFile::new(MERMAID_FILE, mermaid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_loads_the_bundle_from_where_it_is_copied() {
        assert!(DIAGRAMS_JS.contains(&format!("loadScript(SG.vendor + '{MERMAID_FILE}')")));
        let vendor_dir = crate::assets::VENDOR_DIR;
        assert!(!DIAGRAMS_JS.contains(&format!("'{vendor_dir}/")), "theme/diagrams.js should use SG.vendor");
    }
}

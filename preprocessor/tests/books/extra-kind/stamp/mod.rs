//! A throwaway kind of block, as a program that embeds mdbook-studyguide
//! writes one: ```` ```stamp ```` blocks become a paragraph, which its
//! browser module's script (`stamp.js`, beside this file) stamps on the
//! page. This folder and the one line that adds it to a build
//! (`Builder::kind`) are all of it.

use studyguide::{Block, BlockCx, BrowserModule, File, Kind, Markup, Parsed};

/// Its script, which defines the component of the module's name.
static BROWSER: BrowserModule = BrowserModule {
    name: "stamp",
    scripts: &[File { name: "stamp.js", bytes: include_bytes!("stamp.js") }],
    styles: &[],
    needs: &[],
};

/// ```` ```stamp ```` blocks.
pub(crate) struct StampKind;

impl Kind for StampKind {
    fn fence(&self) -> &'static str {
        "stamp"
    }

    fn parse(&self, body: &str, _cx: &BlockCx) -> Parsed {
        Parsed::new(Some(Box::new(StampBlock { text: body.trim().to_owned() })), Vec::new())
    }

    fn browser(&self) -> Option<&'static BrowserModule> {
        Some(&BROWSER)
    }
}

struct StampBlock {
    text: String,
}

impl Block for StampBlock {
    fn render_html(&self, _cx: &BlockCx) -> Markup {
        maud::html! { p.stamp data-sg-module="stamp" { (self.text) } }
    }

    fn render_markdown(&self, _cx: &BlockCx) -> String {
        format!("{}\n", self.text)
    }
}

//! A second guard on drawings before they go into a page as they are.
//!
//! mermaid sanitises labels itself (securityLevel "strict"); this tokenizes
//! the SVG with html5ever and refuses one that would run script anyway:
//! script-like elements, event handler attributes or `javascript:` links.
//! Text is text: a label that *reads* "onclick=" is fine.

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

const FORBIDDEN_ELEMENTS: &[&str] =
    &["script", "iframe", "frame", "frameset", "object", "embed", "base", "meta", "link", "portal"];
const URL_ATTRIBUTES: &[&str] =
    &["href", "xlink:href", "src", "action", "formaction", "data", "to", "from", "values"];

#[derive(Default)]
struct Guard {
    problem: RefCell<Option<String>>,
}

impl Guard {
    fn refuse(&self, why: String) {
        self.problem.borrow_mut().get_or_insert(why);
    }
}

impl TokenSink for Guard {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let Token::TagToken(tag) = token else { return TokenSinkResult::Continue };
        let name = tag.name.to_ascii_lowercase().to_string();
        if tag.kind == TagKind::StartTag {
            if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
                self.refuse(format!("a <{name}> element"));
            }
            for attr in &tag.attrs {
                let attr_name = attr.name.local.to_ascii_lowercase().to_string();
                if attr_name.starts_with("on") {
                    self.refuse(format!("an event handler attribute `{attr_name}`"));
                }
                let value: String =
                    attr.value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect();
                let value = value.to_ascii_lowercase();
                let scheme_is_script =
                    ["javascript:", "vbscript:", "data:text/html"].iter().any(|s| value.starts_with(s));
                if URL_ATTRIBUTES.contains(&attr_name.as_str()) && scheme_is_script {
                    self.refuse(format!("a script link in `{attr_name}`"));
                }
            }
            // The CSS of a drawing is not markup.
            if name == "style" {
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
        }
        TokenSinkResult::Continue
    }
}

/// Why `svg` must not be put into a page, if it must not.
pub(super) fn check_svg(svg: &str) -> Result<(), String> {
    let queue = BufferQueue::default();
    queue.push_back(svg.into());
    let tokenizer = Tokenizer::new(Guard::default(), TokenizerOpts::default());
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    match tokenizer.sink.problem.take() {
        Some(why) => Err(format!("the drawing contains {why}; it was not used")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawings_that_would_run_script_are_refused() {
        assert!(check_svg(r#"<svg><g class="node"><text>ok</text></g></svg>"#).is_ok());
        for bad in [
            "<svg><script>alert(1)</script></svg>",
            r#"<svg><a href="javascript:alert(1)">x</a></svg>"#,
            r#"<svg><a xlink:href=" JaVa&#09;script:alert(1)">x</a></svg>"#,
            r#"<svg><g onclick="alert(1)"></g></svg>"#,
            r#"<svg><foreignObject><iframe src="x"></iframe></foreignObject></svg>"#,
            r#"<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>"#,
        ] {
            assert!(check_svg(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_that_merely_reads_like_script_is_fine() {
        let svg = r#"<svg><style>#a .label{fill:red} /* <script> */</style><text>x onclick=alert(1) javascript:alert(1) &lt;script&gt;</text></svg>"#;
        assert_eq!(check_svg(svg), Ok(()));
    }
}

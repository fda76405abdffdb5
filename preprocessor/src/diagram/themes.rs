//! One SVG for every theme. mermaid draws a diagram once per theme; the two
//! drawings differ only in their `<style>`, so we keep one drawing with the
//! light theme's rules and, for mdBook's dark themes, the dark rules that
//! differ, under `:is(html.coal, html.navy, html.ayu)`. Rules for parts the
//! drawing does not have (mermaid ships styles for every kind of diagram)
//! are left out. Paper always gets the light rules.

use cssparser::{
    AtRuleParser, Delimiter, ParseError, Parser, ParserState, QualifiedRuleParser, StyleSheetParser, Token,
};
use std::collections::HashSet;

/// mdBook's dark themes, by the class each puts on `<html>`.
/// `theme/studyguide.css` names them once too (a test below checks that
/// the two agree); `theme/diagrams.js` asks mdBook's `color-scheme`.
pub(super) const DARK_THEMES: &[&str] = &["coal", "navy", "ayu"];

/// The selector that applies dark rules: `:is(html.coal, html.navy, html.ayu)`.
fn dark_themes_selector() -> String {
    let classes: Vec<String> = DARK_THEMES.iter().map(|name| format!("html.{name}")).collect();
    format!(":is({})", classes.join(", "))
}

/// One top-level CSS rule, as written: `prelude{body}`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule<'a> {
    prelude: &'a str,
    body: &'a str,
    kind: Kind<'a>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind<'a> {
    /// A style rule, with the selectors of its list.
    Style(Vec<&'a str>),
    /// `@keyframes name { … }`, kept whole.
    Keyframes(String),
    /// Any other at-rule with a block (`@media`, `@font-face`), kept whole.
    OtherAt,
}

/// Splits CSS into its top-level rules with a CSS tokenizer, so braces and
/// commas in comments, strings and nested blocks are not taken for
/// structure. Preludes and bodies are slices of the input, unchanged.
/// At-rules without a block (`@import …;`) and invalid rules are dropped.
fn rules(css: &str) -> Vec<Rule<'_>> {
    let mut input = Parser::new(css);
    StyleSheetParser::new(&mut input, &mut RuleSplitter).filter_map(Result::ok).collect()
}

struct RuleSplitter;

impl<'i> QualifiedRuleParser<'i> for RuleSplitter {
    type Prelude = Vec<&'i str>;
    type QualifiedRule = Rule<'i>;
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Result<Vec<&'i str>, ParseError<()>> {
        Ok(comma_separated(input))
    }

    fn parse_block(
        &mut self,
        selectors: Vec<&'i str>,
        start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<Rule<'i>, ParseError<()>> {
        Ok(whole_rule(start, input, Kind::Style(selectors)))
    }
}

impl<'i> AtRuleParser<'i> for RuleSplitter {
    type Prelude = Kind<'i>;
    type AtRule = Rule<'i>;
    type Error = ();

    fn parse_prelude(
        &mut self,
        name: cssparser::CowRcStr<'i>,
        input: &mut Parser<'i>,
    ) -> Result<Kind<'i>, ParseError<()>> {
        let keyframes = name.eq_ignore_ascii_case("keyframes");
        let kind = match input.next() {
            Ok(Token::Ident(animation) | Token::QuotedString(animation)) if keyframes => {
                Kind::Keyframes(animation.to_string())
            }
            _ => Kind::OtherAt,
        };
        while input.next().is_ok() {}
        Ok(kind)
    }

    fn parse_block(
        &mut self,
        kind: Kind<'i>,
        start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<Rule<'i>, ParseError<()>> {
        Ok(whole_rule(start, input, kind))
    }
}

/// The rule that began at `start`, once `input` (its block) is consumed.
fn whole_rule<'i>(start: &ParserState, input: &mut Parser<'i>, kind: Kind<'i>) -> Rule<'i> {
    let body_start = input.position();
    while input.next_including_whitespace_and_comments().is_ok() {}
    // The prelude runs from the rule's start to the block's `{`.
    let prelude = input.slice(start.position()..body_start);
    Rule {
        prelude: prelude.strip_suffix('{').unwrap_or(prelude).trim(),
        body: input.slice_from(body_start),
        kind,
    }
}

/// The parts of `input` between its top-level commas, trimmed.
fn comma_separated<'i>(input: &mut Parser<'i>) -> Vec<&'i str> {
    let mut parts = Vec::new();
    let mut start = input.position();
    loop {
        let before = input.position();
        match input.next_including_whitespace_and_comments().map(|t| (*t == Token::Comma, opens_block(t))) {
            Ok((true, _)) => {
                parts.push(input.slice(start..before).trim());
                start = input.position();
            }
            Ok((_, true)) => skip_block(input),
            Ok(_) => {}
            Err(_) => {
                parts.push(input.slice_from(start).trim());
                return parts;
            }
        }
    }
}

fn opens_block(token: &Token) -> bool {
    matches!(
        token,
        Token::Function(_) | Token::ParenthesisBlock | Token::SquareBracketBlock | Token::CurlyBracketBlock
    )
}

/// Consumes the block whose opening token `input` just returned, so that
/// `input.position()` is after its end.
fn skip_block(input: &mut Parser<'_>) {
    let _ = input.parse_nested_block(|block| {
        rest_of(block);
        Ok::<(), ParseError<()>>(())
    });
}

/// What a selector requires of the markup: the classes it names and the
/// text of its attribute tests. What `:is()`, `:not()` and other functions
/// hold is not required: such a selector may match without it.
fn selector_requires(input: &mut Parser<'_>, classes: &mut Vec<String>, attributes: &mut Vec<String>) {
    let mut after_dot = false;
    while let Ok(token) = input.next_including_whitespace_and_comments() {
        match token.clone() {
            Token::Delim('.') => {
                after_dot = true;
                continue;
            }
            Token::Ident(class) if after_dot => classes.push(class.to_string()),
            Token::SquareBracketBlock => {
                let _ = input.parse_nested_block(|test| {
                    attributes.push(rest_of(test).trim().to_owned());
                    Ok::<(), ParseError<()>>(())
                });
            }
            token if opens_block(&token) => skip_block(input),
            _ => {}
        }
        after_dot = false;
    }
}

/// Consumes the rest of `input` and returns it as written.
fn rest_of<'i>(input: &mut Parser<'i>) -> &'i str {
    let start = input.position();
    while input.next_including_whitespace_and_comments().is_ok() {}
    input.slice_from(start)
}

/// The names a rule's `animation` and `animation-name` declarations use.
fn animation_names(body: &str) -> Vec<String> {
    let mut input = Parser::new(body);
    let mut names = Vec::new();
    while !input.is_exhausted() {
        let _ = input.parse_until_after(Delimiter::Semicolon, |declaration| {
            let animation =
                matches!(declaration.next(), Ok(Token::Ident(property)) if property.starts_with("animation"));
            if animation && declaration.expect_colon().is_ok() {
                while let Ok(token) = declaration.next() {
                    if let Token::Ident(name) | Token::QuotedString(name) = token {
                        names.push(name.to_string());
                    }
                }
            }
            rest_of(declaration);
            Ok::<(), ParseError<()>>(())
        });
    }
    names
}

/// Whether CSS refers to an element of the drawing by `url(#id)`.
fn refers_to_an_element(input: &mut Parser<'_>) -> bool {
    while let Ok(token) = input.next_including_whitespace_and_comments() {
        let found = match token.clone() {
            Token::UnquotedUrl(url) => url.starts_with('#'),
            Token::Function(name) if name.eq_ignore_ascii_case("url") => input
                .parse_nested_block(|url| {
                    let fragment = matches!(url.next(), Ok(Token::QuotedString(u)) if u.starts_with('#'));
                    rest_of(url);
                    Ok::<bool, ParseError<()>>(fragment)
                })
                .unwrap_or(false),
            token if opens_block(&token) => input
                .parse_nested_block(|inner| Ok::<bool, ParseError<()>>(refers_to_an_element(inner)))
                .unwrap_or(false),
            _ => false,
        };
        if found {
            return true;
        }
    }
    false
}

/// The `<style>` element's content, and the markup around it.
fn split_style(svg: &str) -> Option<(&str, &str, &str)> {
    let open = svg.find("<style>")?;
    let close = open + svg[open..].find("</style>")?;
    Some((&svg[..open], &svg[open + 7..close], &svg[close + 8..]))
}

/// Class names and attribute snippets the drawing's markup contains.
struct Markup<'a> {
    text: &'a str,
    classes: HashSet<&'a str>,
}

impl<'a> Markup<'a> {
    fn new(text: &'a str) -> Self {
        let mut classes = HashSet::new();
        for part in text.split("class=\"").skip(1) {
            let value = part.split('"').next().unwrap_or("");
            classes.extend(value.split_whitespace());
        }
        Markup { text, classes }
    }

    /// Whether a selector could match: its classes and attribute tests occur.
    fn may_match(&self, selector: &str) -> bool {
        let (mut classes, mut attributes) = (Vec::new(), Vec::new());
        selector_requires(&mut Parser::new(selector), &mut classes, &mut attributes);
        classes.iter().all(|class| self.classes.contains(class.as_str()))
            && attributes.iter().all(|test| self.may_have(test))
    }

    /// Whether an attribute test (`data-look="neo"`, `id$="-barbEnd"`)
    /// could hold: an exact value as written, else the attribute's name and
    /// the part of its value the test names.
    fn may_have(&self, test: &str) -> bool {
        let Some((name, value)) = test.split_once('=') else {
            return self.text.contains(test);
        };
        match name.strip_suffix(['~', '|', '^', '$', '*']) {
            None => self.text.contains(test),
            Some(name) => {
                let value = value.trim().trim_end_matches([' ', 'i', 's']).trim_matches(['"', '\'']);
                self.text.contains(name.trim()) && self.text.contains(value)
            }
        }
    }
}

/// Keeps the rules that can apply to the markup, and the keyframes they use.
fn kept<'a>(css: &'a str, markup: &Markup) -> Vec<Rule<'a>> {
    let all = rules(css);
    let applies = |rule: &&Rule| match &rule.kind {
        Kind::Style(selectors) => selectors.iter().any(|s| markup.may_match(s)),
        _ => false,
    };
    let mut keep: Vec<Rule> = all.iter().filter(applies).cloned().collect();
    let animated: HashSet<String> = keep.iter().flat_map(|r| animation_names(r.body)).collect();
    for rule in all {
        let used = match &rule.kind {
            Kind::Style(_) => false,
            Kind::Keyframes(name) => animated.contains(name),
            Kind::OtherAt => true,
        };
        if used {
            keep.push(rule);
        }
    }
    keep
}

fn write(rules: &[Rule], out: &mut String, prefix: Option<&str>) {
    for rule in rules {
        match (prefix, &rule.kind) {
            (Some(prefix), Kind::Style(selectors)) => {
                let selectors: Vec<String> = selectors.iter().map(|s| format!("{prefix} {s}")).collect();
                out.push_str(&selectors.join(","));
            }
            _ => out.push_str(rule.prelude),
        }
        out.push('{');
        out.push_str(rule.body);
        out.push('}');
    }
}

/// The markup without what differs between themes but is not drawn: the
/// drop-shadow colours and gradients mermaid defines for its "neo" look,
/// and the numbers that end ids (a sequence diagram numbers its actors
/// with a counter that goes on from one drawing to the next).
fn comparable(markup: &str) -> String {
    let drawn = cut_all(&cut_all(markup, "flood-color=\"", "\""), "<linearGradient", "</linearGradient>");
    without_id_numbers(&drawn)
}

/// `markup` with the digits that end each `id="…"` value left out.
fn without_id_numbers(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len());
    let mut rest = markup;
    while let Some(at) = rest.find(" id=\"") {
        let value_start = at + " id=\"".len();
        out.push_str(&rest[..value_start]);
        let after = &rest[value_start..];
        let end = after.find('"').unwrap_or(after.len());
        out.push_str(after[..end].trim_end_matches(|c: char| c.is_ascii_digit()));
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Removes every span from `start` through the next `end`.
fn cut_all(text: &str, start: &str, end: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(start) {
        out.push_str(&rest[..at]);
        let after = &rest[at + start.len()..];
        rest = after.find(end).map_or("", |e| &after[e + end.len()..]);
    }
    out.push_str(rest);
    out
}

/// Combines the light and dark drawings of a diagram (drawn with ids
/// `{id}-light` and `{id}-dark`) into one SVG, or `None` when they differ
/// in more than their styles.
pub(super) fn combine(light: &str, dark: &str, id: &str) -> Option<String> {
    let (light_id, dark_id) = (format!("{id}-light"), format!("{id}-dark"));
    let dark = dark.replace(&dark_id, &light_id);
    let (before, light_css, after) = split_style(light)?;
    let (dark_before, dark_css, dark_after) = split_style(&dark)?;
    if comparable(before) != comparable(dark_before) || comparable(after) != comparable(dark_after) {
        return None;
    }
    // mermaid draws some of a diagram before its <style> (a sequence
    // diagram's actors and lifelines): the rules for those are kept too.
    let drawn = format!("{before}{after}");
    let markup = Markup::new(&drawn);
    let light_rules = kept(light_css, &markup);
    // The dark rules from the first that differs on, in their order: each
    // gets the dark themes' prefix, which raises its specificity, so a later
    // rule that is the same in both themes must come again after it, or the
    // earlier one would win where mermaid's own dark drawing has the later.
    let dark_style: Vec<Rule> =
        kept(dark_css, &markup).into_iter().filter(|rule| matches!(rule.kind, Kind::Style(_))).collect();
    let first_differing = dark_style.iter().position(|rule| !light_rules.contains(rule));
    let dark_rules = &dark_style[first_differing.unwrap_or(dark_style.len())..];
    // The kept markup is the light drawing's: a dark rule must not need
    // anything only the dark drawing defines.
    if dark_rules
        .iter()
        .any(|rule| !light_rules.contains(rule) && refers_to_an_element(&mut Parser::new(rule.body)))
    {
        return None;
    }

    let mut css = String::new();
    write(&light_rules, &mut css, None);
    if !dark_rules.is_empty() {
        css.push_str("@media screen{");
        write(dark_rules, &mut css, Some(&dark_themes_selector()));
        css.push('}');
    }
    Some(format!("{before}<style>{css}</style>{after}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(theme_colour: &str, id: &str) -> String {
        format!(
            "<svg id=\"{id}\"><style>#{id}{{fill:#333;}}@keyframes dash{{to{{stroke-dashoffset:0;}}}}#{id} .node rect{{fill:{theme_colour};}}#{id} .error-icon{{fill:#552222;}}#{id} .edge-animation-slow{{animation:dash 50s;}}#{id} [data-look=\"neo\"].node{{stroke:red;}}</style><defs><filter><feDropShadow flood-color=\"{theme_colour}\"></feDropShadow></filter></defs><linearGradient id=\"{id}-gradient\"><stop></stop></linearGradient><g class=\"node default\" data-look=\"classic\"><rect></rect></g></svg>"
        )
    }

    #[test]
    fn one_drawing_carries_both_themes() {
        let combined = combine(&svg("#ECECFF", "d-light"), &svg("#1f2020", "d-dark"), "d").unwrap();
        assert_eq!(
            combined,
            "<svg id=\"d-light\"><style>#d-light{fill:#333;}#d-light .node rect{fill:#ECECFF;}@media screen{:is(html.coal, html.navy, html.ayu) #d-light .node rect{fill:#1f2020;}}</style><defs><filter><feDropShadow flood-color=\"#ECECFF\"></feDropShadow></filter></defs><linearGradient id=\"d-light-gradient\"><stop></stop></linearGradient><g class=\"node default\" data-look=\"classic\"><rect></rect></g></svg>"
        );
    }

    #[test]
    fn rules_for_what_is_not_drawn_are_dropped() {
        let combined = combine(&svg("#fff", "d-light"), &svg("#fff", "d-dark"), "d").unwrap();
        assert!(
            !combined.contains("error-icon") && !combined.contains("neo") && !combined.contains("@keyframes")
        );
        assert!(!combined.contains("@media"), "no dark rules when nothing differs");
    }

    #[test]
    fn drawings_whose_ids_are_numbered_on_from_one_to_the_next_are_combined() {
        let drawing = |fill: &str, id: &str, n: u32| {
            format!(
                "<svg id=\"{id}\"><style>#{id} .actor{{fill:{fill};}}</style><rect id=\"actor{n}\" class=\"actor\"></rect><line id=\"actor-man-torso{n}\"></line></svg>"
            )
        };
        let combined =
            combine(&drawing("#eaeaea", "d-light", 0), &drawing("#1f2020", "d-dark", 2), "d").unwrap();
        assert!(combined.contains("<rect id=\"actor0\""), "the light drawing's markup: {combined}");
        assert!(combined.contains("#d-light .actor{fill:#1f2020;}"), "{combined}");
        let shapes = drawing("#fff", "d-dark", 2).replace("<line", "<circle").replace("</line>", "</circle>");
        assert_eq!(
            combine(&drawing("#fff", "d-light", 0), &shapes, "d"),
            None,
            "a different shape still differs"
        );
    }

    #[test]
    fn drawings_that_differ_in_shape_stay_apart() {
        let light = svg("#fff", "d-light");
        let dark = svg("#000", "d-dark").replace("<rect></rect>", "<circle></circle>");
        assert_eq!(combine(&light, &dark, "d"), None);
    }

    /// A drawing of one node whose style is `css`, with `ID` for its id.
    fn styled(css: &str, id: &str) -> String {
        format!(
            "<svg id=\"{id}\"><style>{}</style><g class=\"node\"><rect></rect></g></svg>",
            css.replace("ID", id)
        )
    }

    #[test]
    fn rules_for_what_is_drawn_before_the_style_are_kept() {
        // A sequence diagram's actors come before its <style>.
        let drawing = |fill: &str, id: &str| {
            format!(
                "<svg id=\"{id}\"><g><rect class=\"actor\"></rect></g><style>#{id} .actor{{fill:{fill};}}</style><g class=\"note\"></g></svg>"
            )
        };
        let combined = combine(&drawing("#eaeaea", "d-light"), &drawing("#1f2020", "d-dark"), "d").unwrap();
        assert!(combined.contains("<style>#d-light .actor{fill:#eaeaea;}"), "{combined}");
        assert!(combined.contains("#d-light .actor{fill:#1f2020;}"), "{combined}");
    }

    #[test]
    fn a_dark_rule_is_followed_by_the_rules_after_it_that_are_the_same_in_both() {
        // `rect.text` overrides `.node rect` by coming later: in the dark
        // themes it must still come after the dark `.node rect`.
        let css = |fill| format!("#ID .node rect{{fill:{fill};}}#ID .node rect.text{{fill:none;}}");
        let drawing = |fill, id| {
            format!(
                "<svg id=\"{id}\"><style>{}</style><g class=\"node\"><rect class=\"text\"></rect></g></svg>",
                css(fill).replace("ID", id)
            )
        };
        let combined = combine(&drawing("#fff", "d-light"), &drawing("#000", "d-dark"), "d").unwrap();
        assert!(
            combined.contains("@media screen{:is(html.coal, html.navy, html.ayu) #d-light .node rect{fill:#000;}:is(html.coal, html.navy, html.ayu) #d-light .node rect.text{fill:none;}}"),
            "{combined}"
        );
    }

    #[test]
    fn a_rule_whose_attribute_test_matches_part_of_a_value_is_kept() {
        let css = |fill| format!("#ID [id$=\"-barbEnd\"]{{fill:{fill};}}#ID [id^=\"absent\"]{{fill:red;}}");
        let drawing = |fill, id: &str| {
            format!(
                "<svg id=\"{id}\"><style>{}</style><marker id=\"{id}-barbEnd\"></marker></svg>",
                css(fill).replace("ID", id)
            )
        };
        let combined = combine(&drawing("#333", "d-light"), &drawing("#ccc", "d-dark"), "d").unwrap();
        assert!(combined.contains("#d-light [id$=\"-barbEnd\"]{fill:#333;}"), "{combined}");
        assert!(combined.contains("#d-light [id$=\"-barbEnd\"]{fill:#ccc;}"), "{combined}");
        assert!(!combined.contains("absent"), "{combined}");
    }

    #[test]
    fn braces_in_comments_are_not_rules() {
        let css =
            |fill| format!("#ID{{fill:#333;}}/* a {{ here */#ID .node rect{{fill:{fill};/* and }} here */}}");
        let combined =
            combine(&styled(&css("#fff"), "d-light"), &styled(&css("#000"), "d-dark"), "d").unwrap();
        assert_eq!(
            combined,
            "<svg id=\"d-light\"><style>#d-light{fill:#333;}#d-light .node rect{fill:#fff;/* and } here */}@media screen{:is(html.coal, html.navy, html.ayu) #d-light .node rect{fill:#000;/* and } here */}}</style><g class=\"node\"><rect></rect></g></svg>"
        );
    }

    #[test]
    fn braces_and_commas_in_strings_are_not_structure() {
        let css = |font| {
            format!(
                "#ID .node[data-x=\"{{,}}\"],#ID .node rect{{font-family:\"{font}\";content:\"}}\";}}#ID .absent{{fill:red;}}"
            )
        };
        let light = styled(&css("a{b"), "d-light");
        let combined = combine(&light, &styled(&css("c}d"), "d-dark"), "d").unwrap();
        assert_eq!(
            combined,
            "<svg id=\"d-light\"><style>#d-light .node[data-x=\"{,}\"],#d-light .node rect{font-family:\"a{b\";content:\"}\";}@media screen{:is(html.coal, html.navy, html.ayu) #d-light .node[data-x=\"{,}\"],:is(html.coal, html.navy, html.ayu) #d-light .node rect{font-family:\"c}d\";content:\"}\";}}</style><g class=\"node\"><rect></rect></g></svg>"
        );
    }

    #[test]
    fn a_selector_list_inside_a_selector_stays_whole() {
        let css = |fill| format!("#ID :is(.node, .other) rect{{fill:{fill};}}");
        let combined =
            combine(&styled(&css("#fff"), "d-light"), &styled(&css("#000"), "d-dark"), "d").unwrap();
        assert!(
            combined.contains("@media screen{:is(html.coal, html.navy, html.ayu) #d-light :is(.node, .other) rect{fill:#000;}}"),
            "{combined}"
        );
    }

    #[test]
    fn a_dark_rule_that_needs_a_dark_element_keeps_the_drawings_apart() {
        for reference in ["url(#d-dark-gradient)", "url( \"#d-dark-gradient\" )"] {
            let light = styled("#ID .node rect{fill:#fff;}", "d-light");
            let dark = styled(&format!("#ID .node rect{{fill:{reference};}}"), "d-dark");
            assert_eq!(combine(&light, &dark, "d"), None, "{reference}");
        }
    }

    #[test]
    fn the_stylesheets_name_the_same_dark_themes_once() {
        let studyguide = include_str!("../../theme/studyguide.css");
        let classes: Vec<String> = DARK_THEMES.iter().map(|name| format!(".{name}")).collect();
        let rule = format!("{} {{", classes.join(", "));
        assert_eq!(
            studyguide.matches(&rule).count(),
            1,
            "theme/studyguide.css should have one `{rule}` rule"
        );
        let elsewhere = [
            ("theme/diagrams.css", include_str!("../../theme/diagrams.css")),
            ("theme/diagrams.js", include_str!("../../theme/diagrams.js")),
        ];
        for name in DARK_THEMES {
            assert_eq!(
                studyguide.matches(name).count(),
                1,
                "theme/studyguide.css names {name} outside `{rule}`"
            );
            for (file, text) in elsewhere {
                assert!(!text.contains(name), "{file} names {name}: use the variables of `{rule}`");
            }
        }
    }

    #[test]
    fn used_keyframes_are_kept() {
        let light = "<svg id=\"d-light\"><style>@keyframes dash{to{x:0;}}#d-light .flow{animation:dash 1s;}</style><path class=\"flow\"></path></svg>";
        let dark = light.replace("d-light", "d-dark");
        assert!(combine(light, &dark, "d").unwrap().contains("@keyframes dash{to{x:0;}}"));
    }
}

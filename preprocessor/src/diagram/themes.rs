//! One SVG for every theme. mermaid draws a diagram once per theme; the two
//! drawings differ only in their `<style>`, so we keep one drawing with the
//! light theme's rules and, for mdBook's dark themes, the dark rules that
//! differ, under `:is(html.coal, html.navy, html.ayu)`. Rules for parts the
//! drawing does not have (mermaid ships styles for every kind of diagram)
//! are left out. Paper always gets the light rules.

use std::collections::HashSet;

/// The selector that applies dark rules, from mdBook's theme classes.
const DARK_THEMES: &str = ":is(html.coal, html.navy, html.ayu)";

/// One top-level CSS rule: `selector{body}`, or a whole at-rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule<'a> {
    prelude: &'a str,
    body: &'a str,
}

/// Splits CSS into top-level rules. Nested blocks (`@keyframes`) stay whole.
fn rules(css: &str) -> Vec<Rule<'_>> {
    let mut out = Vec::new();
    let (mut depth, mut start, mut open) = (0usize, 0usize, 0usize);
    for (i, c) in css.char_indices() {
        match c {
            '{' => {
                if depth == 0 {
                    open = i;
                }
                depth += 1;
            }
            '}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(Rule { prelude: css[start..open].trim(), body: &css[open + 1..i] });
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    out
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
        let classes_present = selector
            .split('.')
            .skip(1)
            .map(|rest| {
                rest.split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_')).next().unwrap_or("")
            })
            .all(|class| class.is_empty() || self.classes.contains(class));
        let attributes_present = selector
            .split('[')
            .skip(1)
            .filter_map(|rest| rest.split(']').next())
            .all(|test| self.text.contains(test));
        classes_present && attributes_present
    }
}

/// Keeps the rules that can apply to the markup, and the keyframes they use.
fn kept<'a>(css: &'a str, markup: &Markup) -> Vec<Rule<'a>> {
    let all = rules(css);
    let mut keep: Vec<Rule> = all
        .iter()
        .filter(|r| !r.prelude.starts_with('@') && r.prelude.split(',').any(|s| markup.may_match(s)))
        .cloned()
        .collect();
    // Names used by `animation` declarations of the kept rules.
    let animated: HashSet<&str> = keep
        .iter()
        .flat_map(|r| r.body.split(';'))
        .filter_map(|decl| decl.trim().strip_prefix("animation").and_then(|d| d.split_once(':')))
        .flat_map(|(_, value)| value.split(|c: char| c.is_whitespace() || c == ','))
        .collect();
    for rule in all.iter().filter(|r| r.prelude.starts_with('@')) {
        let used = match rule.prelude.strip_prefix("@keyframes") {
            Some(name) => animated.contains(name.trim()),
            None => true,
        };
        if used {
            keep.push(rule.clone());
        }
    }
    keep
}

fn write(rules: &[Rule], out: &mut String, prefix: Option<&str>) {
    for rule in rules {
        match prefix {
            Some(prefix) => {
                let selectors: Vec<String> =
                    rule.prelude.split(',').map(|s| format!("{prefix} {}", s.trim())).collect();
                out.push_str(&selectors.join(","));
            }
            None => out.push_str(rule.prelude),
        }
        out.push('{');
        out.push_str(rule.body);
        out.push('}');
    }
}

/// The markup without what differs between themes but is not drawn: the
/// drop-shadow colours and gradients mermaid defines for its "neo" look.
fn comparable(markup: &str) -> String {
    cut_all(&cut_all(markup, "flood-color=\"", "\""), "<linearGradient", "</linearGradient>")
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
pub fn combine(light: &str, dark: &str, id: &str) -> Option<String> {
    let (light_id, dark_id) = (format!("{id}-light"), format!("{id}-dark"));
    let dark = dark.replace(&dark_id, &light_id);
    let (before, light_css, after) = split_style(light)?;
    let (dark_before, dark_css, dark_after) = split_style(&dark)?;
    if comparable(before) != comparable(dark_before) || comparable(after) != comparable(dark_after) {
        return None;
    }
    let markup = Markup::new(after);
    let light_rules = kept(light_css, &markup);
    let dark_rules: Vec<Rule> = kept(dark_css, &markup)
        .into_iter()
        .filter(|rule| !rule.prelude.starts_with('@') && !light_rules.contains(rule))
        .collect();
    // The kept markup is the light drawing's: a dark rule must not need
    // anything only the dark drawing defines.
    if dark_rules.iter().any(|rule| rule.body.contains("url(#")) {
        return None;
    }

    let mut css = String::new();
    write(&light_rules, &mut css, None);
    if !dark_rules.is_empty() {
        css.push_str("@media screen{");
        write(&dark_rules, &mut css, Some(DARK_THEMES));
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
    fn drawings_that_differ_in_shape_stay_apart() {
        let light = svg("#fff", "d-light");
        let dark = svg("#000", "d-dark").replace("<rect></rect>", "<circle></circle>");
        assert_eq!(combine(&light, &dark, "d"), None);
    }

    #[test]
    fn used_keyframes_are_kept() {
        let light = "<svg id=\"d-light\"><style>@keyframes dash{to{x:0;}}#d-light .flow{animation:dash 1s;}</style><path class=\"flow\"></path></svg>";
        let dark = light.replace("d-light", "d-dark");
        assert!(combine(light, &dark, "d").unwrap().contains("@keyframes dash{to{x:0;}}"));
    }
}

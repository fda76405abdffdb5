//! Shared handling of TOML block bodies: parse errors and unknown keys turned
//! into problems with a span and a hint.

use std::ops::Range;

/// A problem inside a block body; `span` is a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Problem { span, message: message.into(), hint: None }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Parses a block body, turning a TOML or shape error into a [`Problem`].
pub fn parse<T: serde::de::DeserializeOwned>(body: &str, block_name: &str) -> Result<T, Problem> {
    toml::from_str(body).map_err(|err| problem_from_toml(body, block_name, &err))
}

fn problem_from_toml(body: &str, block_name: &str, err: &toml::de::Error) -> Problem {
    let span = err.span().unwrap_or(0..0);
    let message = err.message().trim().to_owned();
    let mut problem = Problem::new(span.clone(), format!("{block_name} block: {message}"));
    if let Some((unknown, expected)) = parse_unknown_field(&message) {
        // Point at the key itself rather than the whole table.
        if let Some(at) = find_key(body, span.clone(), &unknown) {
            problem.span = at..at + unknown.len();
        }
        problem.hint = Some(match closest(&unknown, &expected) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("the keys a {block_name} block knows are: {}", expected.join(", ")),
        });
    } else if message.contains("missing field") {
        problem.hint = Some(format!("see the Authoring appendix for the fields a {block_name} block needs"));
    } else if message.contains("invalid type") {
        problem.hint = Some("text values need quotes, lists need [ ], numbers need none".into());
    }
    problem
}

/// `unknown field `x`, expected one of `a`, `b`` → (x, [a, b]).
fn parse_unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    Some((unknown.to_owned(), expected))
}

fn find_key(body: &str, within: Range<usize>, key: &str) -> Option<usize> {
    let start = within.start.min(body.len());
    let end = within.end.clamp(start, body.len());
    let region = body.get(start..end).unwrap_or("");
    region.find(key).map(|i| start + i).or_else(|| body.find(key))
}

/// The known name nearest to `word`, if it is close enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &'a [String]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Thing {
        prompt: String,
        choices: Vec<String>,
    }

    #[test]
    fn unknown_keys_point_at_the_key_and_suggest_the_right_one() {
        let body = "promt = \"x\"\nchoices = []\n";
        let problem = parse::<Thing>(body, "quiz").unwrap_err();
        assert_eq!(&body[problem.span.clone()], "promt");
        assert_eq!(problem.hint.as_deref(), Some("did you mean `prompt`?"));
        assert!(problem.message.starts_with("quiz block: unknown field `promt`"), "{}", problem.message);
    }

    #[test]
    fn broken_toml_has_a_span() {
        let body = "prompt = \"x\"\nchoices = [\"a\",\n";
        let problem = parse::<Thing>(body, "quiz").unwrap_err();
        assert!(problem.span.start >= body.find("choices").unwrap(), "{problem:?}");
    }

    #[test]
    fn wrong_types_say_so() {
        let body = "prompt = 3\nchoices = []\n";
        let problem = parse::<Thing>(body, "quiz").unwrap_err();
        assert!(problem.message.contains("invalid type"), "{}", problem.message);
        assert_eq!(&body[problem.span.clone()], "3");
    }
}

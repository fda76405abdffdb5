//! TOML block bodies: parsed into a block kind's raw shape, with every
//! problem pointing at its text.
//!
//! Three stages, each with its own problem: the TOML syntax
//! ([`toml::de::DeTable::parse`]), keys the block does not know (found by
//! walking the parsed table against a [`Schema`] made from the raw types'
//! own serde fields), and the shape of the values (serde). No stage reads
//! another's error messages.

use crate::problem::Problem;
use serde::de::{self, DeserializeOwned, Visitor};
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of a table, and the tables nested under some of them.
pub(crate) struct Schema {
    fields: &'static [&'static str],
    nested: Vec<(&'static str, Schema)>,
}

impl Schema {
    /// The keys of the serde struct `T`.
    pub(crate) fn of<T: DeserializeOwned>() -> Schema {
        Schema { fields: fields_of::<T>(), nested: Vec::new() }
    }

    /// Tables under `key` (a table, an array of tables, or inline tables in
    /// an array) follow `schema`.
    pub(crate) fn with(mut self, key: &'static str, schema: Schema) -> Schema {
        self.nested.push((key, schema));
        self
    }

    fn check(&self, table: &DeTable, block_name: &str, problems: &mut Vec<Problem>) {
        for (key, value) in table.iter() {
            let name: &str = key.get_ref();
            if !self.fields.contains(&name) {
                problems.push(unknown_key(name, key.span(), self.fields, block_name));
                continue;
            }
            if let Some((_, nested)) = self.nested.iter().find(|(k, _)| *k == name) {
                nested.check_value(value, block_name, problems);
            }
        }
    }

    fn check_value(&self, value: &Spanned<DeValue>, block_name: &str, problems: &mut Vec<Problem>) {
        match value.get_ref() {
            DeValue::Table(table) => self.check(table, block_name, problems),
            DeValue::Array(items) => {
                for item in items.iter() {
                    self.check_value(item, block_name, problems);
                }
            }
            _ => {}
        }
    }
}

fn unknown_key(name: &str, span: Range<usize>, fields: &[&str], block_name: &str) -> Problem {
    let expected: Vec<String> = fields.iter().map(|f| format!("`{f}`")).collect();
    let problem = Problem::new(
        span,
        format!("{block_name} block: unknown field `{name}`, expected one of {}", expected.join(", ")),
    );
    match closest(name, fields.iter().copied()) {
        Some(best) => problem.hint(format!("did you mean `{best}`?")),
        None => problem.hint(format!("the keys a {block_name} block knows are: {}", fields.join(", "))),
    }
}

/// Parses a block body into `T`: a syntax error, unknown keys or a value of
/// the wrong shape come back as problems with spans in the body.
pub(crate) fn parse<T: DeserializeOwned>(
    body: &str,
    block_name: &str,
    schema: &Schema,
) -> Result<T, Vec<Problem>> {
    let table = DeTable::parse(body).map_err(|err| {
        vec![Problem::new(
            err.span().unwrap_or(0..0),
            format!("{block_name} block: {}", err.message().trim()),
        )]
    })?;
    let mut problems = Vec::new();
    schema.check(table.get_ref(), block_name, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    T::deserialize(toml::de::Deserializer::from(table)).map_err(|err| {
        vec![
            Problem::new(err.span().unwrap_or(0..0), format!("{block_name} block: {}", err.message().trim()))
                .hint(format!(
                    "text needs quotes, lists need [ ], numbers none; the Authoring appendix lists what a {block_name} block takes"
                )),
        ]
    })
}

/// Checks the body of a block that takes no keys (comments are fine):
/// anything else is a problem, as an unknown key or bad TOML is elsewhere.
pub(crate) fn parse_keyless(body: &str, block_name: &str) -> Result<(), Vec<Problem>> {
    #[derive(serde::Deserialize)]
    struct NoKeys {}
    parse::<NoKeys>(body, block_name, &Schema::of::<NoKeys>()).map(|_| ())
}

/// The known name nearest to `word`, if it is close enough to be a typo.
pub(crate) fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(distance, c)| *distance <= 2.max(c.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// The field names a derived `Deserialize` asks its deserializer for: the
/// keys the struct takes, from its own definition.
fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut probe = FieldsProbe(&[]);
    let _ = T::deserialize(&mut probe);
    probe.0
}

struct FieldsProbe(&'static [&'static str]);

impl<'de> de::Deserializer<'de> for &mut FieldsProbe {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("fields read"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Thing {
        prompt: String,
        choices: Vec<String>,
        #[serde(default)]
        part: Vec<Part>,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Part {
        name: String,
    }

    fn schema() -> Schema {
        Schema::of::<Thing>().with("part", Schema::of::<Part>())
    }

    #[test]
    fn fields_come_from_the_struct() {
        assert_eq!(fields_of::<Thing>(), ["prompt", "choices", "part"]);
    }

    #[test]
    fn unknown_keys_point_at_the_key_and_suggest_the_right_one() {
        let body = "promt = \"x\"\nchoices = []\n";
        let problems = parse::<Thing>(body, "quiz", &schema()).unwrap_err();
        assert_eq!(&body[problems[0].span.clone()], "promt");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `prompt`?"));
        assert_eq!(
            problems[0].message,
            "quiz block: unknown field `promt`, expected one of `prompt`, `choices`, `part`"
        );
    }

    #[test]
    fn unknown_keys_in_nested_tables_are_found() {
        let body = "prompt = \"x\"\nchoices = []\n[[part]]\nnmae = \"a\"\n";
        let problems = parse::<Thing>(body, "quiz", &schema()).unwrap_err();
        assert_eq!(&body[problems[0].span.clone()], "nmae");
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `name`?"));
    }

    #[test]
    fn broken_toml_has_a_span() {
        let body = "prompt = \"x\"\nchoices = [\"a\",\n";
        let problems = parse::<Thing>(body, "quiz", &schema()).unwrap_err();
        assert!(problems[0].span.start >= body.find("choices").unwrap(), "{problems:?}");
    }

    #[test]
    fn wrong_types_say_so() {
        let body = "prompt = 3\nchoices = []\n";
        let problems = parse::<Thing>(body, "quiz", &schema()).unwrap_err();
        assert!(problems[0].message.contains("invalid type"), "{}", problems[0].message);
        assert_eq!(&body[problems[0].span.clone()], "3");
    }
}

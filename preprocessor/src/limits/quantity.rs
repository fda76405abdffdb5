//! Quantities with units: parsed, compared and written the way people read them.
//!
//! "10,240 MB" and "10 GB" are the same quantity; "15 min", "900 s" and
//! "15 minutes" too. Sizes use binary multiples (1 GB = 1,024 MB), as
//! cloud providers' quotas do. A count may say what it counts, in words of
//! the author's ("118 elements"), unless they look like a misspelt unit
//! ([`is_count_noun`]). `theme/quantity.js` parses a learner's typed answers
//! with the same grammar; `tests/fixtures/quantities.json` holds the cases
//! both implementations are tested against.

use crate::problem::Problem;

/// What a quantity measures; only quantities of one dimension compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Dimension {
    Bytes,
    Duration,
    Rate,
    Count,
}

impl Dimension {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Dimension::Bytes => "bytes",
            Dimension::Duration => "duration",
            Dimension::Rate => "rate",
            Dimension::Count => "count",
        }
    }
}

/// A unit as the author wrote it, kept for display.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Unit {
    Byte,
    KB,
    MB,
    GB,
    TB,
    Millisecond,
    Second,
    Minute,
    Hour,
    Day,
    PerSecond,
    /// A bare number, or a number of things ("5 layers").
    Count,
}

impl Unit {
    pub(crate) fn dimension(self) -> Dimension {
        use Unit::*;
        match self {
            Byte | KB | MB | GB | TB => Dimension::Bytes,
            Millisecond | Second | Minute | Hour | Day => Dimension::Duration,
            PerSecond => Dimension::Rate,
            Count => Dimension::Count,
        }
    }

    /// How many base units (bytes, milliseconds, per second, ones) one of this is.
    pub(crate) fn factor(self) -> f64 {
        use Unit::*;
        match self {
            Byte => 1.0,
            KB => 1024.0,
            MB => 1024.0 * 1024.0,
            GB => 1024.0 * 1024.0 * 1024.0,
            TB => 1024.0 * 1024.0 * 1024.0 * 1024.0,
            Millisecond => 1.0,
            Second => 1_000.0,
            Minute => 60_000.0,
            Hour => 3_600_000.0,
            Day => 86_400_000.0,
            PerSecond | Count => 1.0,
        }
    }

    /// The units of a dimension, smallest first.
    fn ladder(dimension: Dimension) -> &'static [Unit] {
        use Unit::*;
        match dimension {
            Dimension::Bytes => &[Byte, KB, MB, GB, TB],
            Dimension::Duration => &[Millisecond, Second, Minute, Hour, Day],
            Dimension::Rate => &[PerSecond],
            Dimension::Count => &[Count],
        }
    }

    fn name(self, amount: f64, long: bool) -> &'static str {
        use Unit::*;
        let one = amount == 1.0;
        match (self, long) {
            (Byte, _) => "bytes",
            (KB, _) => "KB",
            (MB, _) => "MB",
            (GB, _) => "GB",
            (TB, _) => "TB",
            (Millisecond, _) => "ms",
            (Second, false) => "s",
            (Second, true) if one => "second",
            (Second, true) => "seconds",
            (Minute, _) if one => "minute",
            (Minute, _) => "minutes",
            (Hour, _) if one => "hour",
            (Hour, _) => "hours",
            (Day, _) if one => "day",
            (Day, _) => "days",
            (PerSecond, _) => "per second",
            (Count, _) => "",
        }
    }
}

/// Words accepted after a number, lower-cased, and the unit each means.
const UNIT_WORDS: &[(&str, Unit)] = &[
    ("b", Unit::Byte),
    ("byte", Unit::Byte),
    ("bytes", Unit::Byte),
    ("kb", Unit::KB),
    ("kib", Unit::KB),
    ("kilobyte", Unit::KB),
    ("kilobytes", Unit::KB),
    ("mb", Unit::MB),
    ("mib", Unit::MB),
    ("megabyte", Unit::MB),
    ("megabytes", Unit::MB),
    ("gb", Unit::GB),
    ("gib", Unit::GB),
    ("gigabyte", Unit::GB),
    ("gigabytes", Unit::GB),
    ("tb", Unit::TB),
    ("tib", Unit::TB),
    ("terabyte", Unit::TB),
    ("terabytes", Unit::TB),
    ("ms", Unit::Millisecond),
    ("millisecond", Unit::Millisecond),
    ("milliseconds", Unit::Millisecond),
    ("s", Unit::Second),
    ("sec", Unit::Second),
    ("secs", Unit::Second),
    ("second", Unit::Second),
    ("seconds", Unit::Second),
    ("m", Unit::Minute),
    ("min", Unit::Minute),
    ("mins", Unit::Minute),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("h", Unit::Hour),
    ("hr", Unit::Hour),
    ("hrs", Unit::Hour),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("d", Unit::Day),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("/s", Unit::PerSecond),
    ("per second", Unit::PerSecond),
    ("rps", Unit::PerSecond),
    ("requests per second", Unit::PerSecond),
    ("requests/s", Unit::PerSecond),
    ("requests/second", Unit::PerSecond),
    ("req/s", Unit::PerSecond),
    ("count", Unit::Count),
];

/// The fewest letters the first word of a count's noun has: "2 kg", "3 cm"
/// or "5 Hz" are units this grammar does not know, not things counted.
const NOUN_MIN_LETTERS: usize = 3;

/// Unit words this long or longer are misspelt by one changed letter too
/// ("minytes"); a shorter one only by a letter added, dropped or swapped
/// with its neighbour ("minz", "GBs", "hosur"), since one changed letter
/// turns "days", "mins" or "secs" into "rays", "pins" or "sets".
const CHANGED_LETTER_MIN_LENGTH: usize = 6;

/// Whether `text`, written after a number, says what a count counts
/// ("elements", "cups of flour", "sign-ins"): words of letters (a `-` or `'`
/// inside a word allowed) one space apart, none of them "per" or "every"
/// (which start a period, whose unit must be a duration's), the first of
/// [`NOUN_MIN_LETTERS`] letters or more and not a unit word or one edit from
/// one ([`misspelt_unit`]), so "15 minz" stays an unknown unit.
pub(crate) fn is_count_noun(text: &str) -> bool {
    let mut words = text.split(' ');
    let first = words.next().unwrap_or("");
    let is_word = |word: &str| {
        let mut chars = word.chars();
        let (Some(head), tail) = (chars.next(), chars.next_back()) else { return false };
        head.is_alphabetic()
            && tail.is_none_or(char::is_alphabetic)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '\u{2019}'))
    };
    text.split(' ').all(|word| is_word(word) && !matches!(word.to_lowercase().as_str(), "per" | "every"))
        && first.chars().filter(|c| c.is_alphabetic()).count() >= NOUN_MIN_LETTERS
        && misspelt_unit(first).is_none()
}

/// The unit word that `word` is, or is one edit from (as
/// [`CHANGED_LETTER_MIN_LENGTH`] counts edits), ignoring case. One-letter
/// units ("s", "h") are left out: every short word is one edit from one.
pub(crate) fn misspelt_unit(word: &str) -> Option<&'static str> {
    let word: Vec<char> = word.to_lowercase().chars().collect();
    UNIT_WORDS.iter().map(|(unit, _)| *unit).filter(|unit| unit.len() > 1).find(|unit| {
        let unit: Vec<char> = unit.chars().collect();
        one_edit_apart(&word, &unit, unit.len() >= CHANGED_LETTER_MIN_LENGTH)
    })
}

/// Whether `a` is `b`, or `b` with one letter added, dropped, swapped with
/// its neighbour or (when `changed` allows it) changed.
fn one_edit_apart(a: &[char], b: &[char], changed: bool) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let same_start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    match long.len() - short.len() {
        0 if same_start == short.len() => true,
        0 => {
            let rest = same_start + 1;
            let swapped = rest < short.len()
                && short[same_start] == long[rest]
                && short[rest] == long[same_start]
                && short[rest + 1..] == long[rest + 1..];
            swapped || (changed && short[rest..] == long[rest..])
        }
        1 => short[same_start..] == long[same_start + 1..],
        _ => false,
    }
}

/// A unit word as the author would write it: "GB", "KiB", "min".
fn written(word: &str) -> String {
    match word {
        "b" | "kb" | "mb" | "gb" | "tb" => word.to_uppercase(),
        "kib" | "mib" | "gib" | "tib" => format!("{}iB", word[..1].to_uppercase()),
        _ => word.to_owned(),
    }
}

/// The words a learner's typed answer may use after its number, for the
/// browser (the manifest's `units`, which `theme/quantity.js` reads): each
/// unit's dimension, how many base units one is, and its words. A count's
/// noun is any other word [`is_count_noun`] takes, which the browser checks
/// against these words as it does.
pub(crate) fn unit_table() -> serde_json::Value {
    let mut units: Vec<(Unit, Vec<&str>)> = Vec::new();
    for (word, unit) in UNIT_WORDS {
        match units.iter_mut().find(|(u, _)| u == unit) {
            Some((_, words)) => words.push(word),
            None => units.push((*unit, vec![word])),
        }
    }
    units
        .into_iter()
        .map(|(unit, words)| {
            serde_json::json!({ "dimension": unit.dimension().as_str(), "factor": unit.factor(), "words": words })
        })
        .collect()
}

/// The units a learner or author may write, for error messages.
pub(crate) fn known_units() -> &'static str {
    "B, KB, MB, GB, TB; ms, s, min, h, days; per second (req/s); or a count, with what it counts if you like (5 layers)"
}

/// The period a rate is counted over, as written: "every 10 seconds" is
/// 10 and [`Unit::Second`]; "per minute" is 1 and [`Unit::Minute`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Period {
    pub amount: f64,
    pub unit: Unit,
}

/// A number with a unit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Quantity {
    /// The number in the author's unit.
    pub amount: f64,
    pub unit: Unit,
    /// For counts: the noun written after the number, if any.
    pub noun: Option<String>,
    /// For a rate written over a period ("1,000 every 10 seconds"): the
    /// period. The amount is then the count in that period.
    pub period: Option<Period>,
}

/// The largest amount a quantity may have: formatted exactly as a whole
/// number, and far beyond any service limit.
pub(crate) const MAX_AMOUNT: f64 = 1e15;

impl Quantity {
    pub(crate) fn new(amount: f64, unit: Unit) -> Self {
        Quantity { amount, unit, noun: None, period: None }
    }

    /// Parses `"10,240 MB"`, `"15 minutes"`, `"0.5 GB"`, `"1,000"`,
    /// `"10,000 requests per second"`.
    /// A value that is not a quantity is a problem spanning all of `text`.
    pub(crate) fn parse(text: &str) -> Result<Quantity, Problem> {
        let fail = |message: String| Problem::new(0..text.len(), message);
        let trimmed = text.trim_matches(is_space);
        if trimmed.is_empty() {
            return Err(fail("the value is empty".to_owned()));
        }
        let (amount, rest) = parse_number(trimmed).map_err(|err| match err {
            NumberError::BadGrouping => fail(format!(
                "the number in `{trimmed}` is grouped wrongly: after a first group of one to three digits \
                 (not starting with 0), a comma must separate groups of exactly three, as in \
                 1,234,567; decimals take a point, as in 0.5"
            )),
            NumberError::Missing if trimmed.starts_with('-') => fail(format!("`{trimmed}` is negative")),
            NumberError::Missing => fail(format!("`{trimmed}` does not start with a number")),
        })?;
        if amount > MAX_AMOUNT {
            // Beyond any service limit, and beyond what formats exactly.
            return Err(fail(format!("`{trimmed}` is too large")));
        }
        // One full stop may end the value, as at the end of a sentence.
        let rest = rest.trim_start_matches(is_space);
        let unit_text = rest.strip_suffix('.').unwrap_or(rest);
        let lower = unit_text.to_lowercase();
        if lower.is_empty() {
            return Ok(Quantity::new(amount, Unit::Count));
        }
        if let Some((_, unit)) = UNIT_WORDS.iter().find(|(word, _)| *word == lower) {
            return Ok(Quantity::new(amount, *unit));
        }
        if is_count_noun(unit_text) {
            return Ok(Quantity {
                amount,
                unit: Unit::Count,
                noun: Some(unit_text.to_owned()),
                period: None,
            });
        }
        if let Some((noun, period)) = over_a_period(unit_text) {
            // "per 1 s" is the per-second rate, shown as "… per second".
            let period = (period != Period { amount: 1.0, unit: Unit::Second }).then_some(period);
            return Ok(Quantity { amount, unit: Unit::PerSecond, noun, period });
        }
        let first = unit_text.split(' ').next().unwrap_or("");
        match misspelt_unit(first).filter(|unit| *unit != first.to_lowercase()) {
            Some(unit) => Err(fail(format!(
                "unknown unit `{unit_text}` in `{trimmed}` (did you mean `{}`?)",
                written(unit)
            ))),
            None => Err(fail(format!("unknown unit `{unit_text}` in `{trimmed}`"))),
        }
    }

    pub(crate) fn dimension(&self) -> Dimension {
        self.unit.dimension()
    }

    /// The amount in base units: bytes, milliseconds, per second or ones.
    pub(crate) fn base(&self) -> f64 {
        match self.period {
            Some(period) => self.amount / (period.amount * period.unit.factor() / Unit::Second.factor()),
            None => self.amount * self.unit.factor(),
        }
    }

    /// Same dimension and the same amount, whatever the units.
    pub(crate) fn same_as(&self, other: &Quantity) -> bool {
        self.dimension() == other.dimension() && approx_eq(self.base(), other.base())
    }

    /// In another unit of the same dimension.
    pub(crate) fn to_unit(&self, unit: Unit) -> Quantity {
        Quantity::new(self.base() / unit.factor(), unit)
    }

    /// Whether [`Quantity::display`] shows the amount as it is, rather than
    /// rounded to [`DECIMAL_PLACES`] ("0.0000000001 ms" would show as "0 ms").
    pub(crate) fn shows_exactly(&self) -> bool {
        (rounded(self.amount) - self.amount).abs() <= self.amount.abs() * 1e-12
    }

    /// The quantity as written: "10,240 MB", "15 minutes", "1,000 layers".
    pub(crate) fn display(&self) -> String {
        let number = format_number(self.amount);
        if let Some(period) = self.period {
            let noun = self.noun.as_deref().map(|noun| format!(" {noun}")).unwrap_or_default();
            return if period.amount == 1.0 {
                format!("{number}{noun} per {}", period.unit.name(1.0, true))
            } else {
                format!(
                    "{number}{noun} every {} {}",
                    format_number(period.amount),
                    period.unit.name(period.amount, true)
                )
            };
        }
        match self.unit {
            Unit::Count => match &self.noun {
                Some(noun) => format!("{number} {noun}"),
                None => number,
            },
            unit => format!("{number} {}", unit.name(self.amount, true)),
        }
    }

    /// The same quantity in the next unit that shows it as a round number:
    /// "10 GB" for 10,240 MB, "900 s" for 15 minutes, "5 minutes" for 300 s.
    pub(crate) fn equivalent(&self) -> Option<Quantity> {
        if self.amount == 0.0 {
            return None;
        }
        let ladder = Unit::ladder(self.dimension());
        let here = ladder.iter().position(|&u| u == self.unit)?;
        match self.dimension() {
            Dimension::Duration if self.unit != Unit::Second && self.unit != Unit::Millisecond => {
                Some(self.to_unit(Unit::Second))
            }
            Dimension::Duration | Dimension::Bytes => {
                // Up the ladder while the amount stays a whole or half number.
                let bigger = ladder[here + 1..]
                    .iter()
                    .map(|&u| self.to_unit(u))
                    .take_while(|q| q.amount >= 1.0)
                    .filter(|q| is_round(q.amount))
                    .last();
                let smaller = (self.amount < 1.0 && here > 0)
                    .then(|| self.to_unit(ladder[here - 1]))
                    .filter(|q| is_round(q.amount));
                bigger.or(smaller).filter(|q| q.unit != self.unit)
            }
            Dimension::Rate | Dimension::Count => None,
        }
    }

    /// The quantity with its equivalent: "10,240 MB (10 GB)", "15 minutes (900 s)".
    pub(crate) fn display_with_equivalent(&self) -> String {
        match self.equivalent() {
            Some(eq) if eq.unit == Unit::Second && self.unit != Unit::Second => {
                format!("{} ({} s)", self.display(), format_number(eq.amount))
            }
            Some(eq) => format!("{} ({})", self.display(), eq.display()),
            None => self.display(),
        }
    }
}

/// "every 10 seconds", "requests every 10 seconds", "per minute", "per 5
/// minutes": the noun before it, if any, and the period. The period's unit
/// is a duration's; its number is 1 when there is none.
fn over_a_period(text: &str) -> Option<(Option<String>, Period)> {
    // Found in the text as written (a lower-cased copy may be longer):
    // where " every " or " per " starts, ignoring case.
    let starts_with =
        |at: usize, word: &str| text.get(at..at + word.len()).is_some_and(|w| w.eq_ignore_ascii_case(word));
    let (noun, rest) = ["every ", "per "].iter().find_map(|word| {
        if starts_with(0, word) {
            return Some((None, &text[word.len()..]));
        }
        let spaced = format!(" {word}");
        let at = (0..text.len()).find(|&at| starts_with(at, &spaced))?;
        // A rate's noun is one word: "1,000 photons every 10 seconds".
        let noun = &text[..at];
        (is_count_noun(noun) && !noun.contains(' '))
            .then(|| (Some(noun.to_owned()), &text[at + 1 + word.len()..]))
    })?;
    let rest = rest.to_lowercase();
    let rest = rest.trim_matches(is_space);
    let (amount, unit_text) = match parse_number(rest) {
        Ok((amount, after)) => (amount, after.trim_start_matches(is_space)),
        Err(_) => (1.0, rest),
    };
    let unit = UNIT_WORDS.iter().find(|(word, _)| *word == unit_text).map(|(_, unit)| *unit)?;
    // A period shown as written: not zero, not beyond what formats exactly,
    // no more decimals than a table shows.
    let shown = Quantity::new(amount, unit);
    (unit.dimension() == Dimension::Duration && amount > 0.0 && amount <= MAX_AMOUNT && shown.shows_exactly())
        .then_some((noun, Period { amount, unit }))
}

/// Relative comparison: amounts come from decimal text, so allow rounding.
pub(crate) fn approx_eq(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn is_round(amount: f64) -> bool {
    approx_eq((amount * 2.0).round(), amount * 2.0)
        || approx_eq((amount * 10.0).round(), amount * 10.0) && amount >= 1.0
}

/// White space as JavaScript's `\s` and `trim()` know it (Unicode's, less
/// U+0085, plus U+FEFF), so that `theme/limits.js` reads text as we do.
fn is_space(c: char) -> bool {
    c == '\u{feff}' || (c.is_whitespace() && c != '\u{85}')
}

/// Why no number was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberError {
    /// The text does not start with a digit or a decimal point and a digit.
    Missing,
    /// Separators in the wrong places: "1234,567", "1,2345", "0,500", "1.5,000".
    BadGrouping,
}

/// Reads a leading number: digits, grouped in threes by `,` or `_` after a
/// first group of one to three that does not start with 0 ("10,240",
/// "1_000"; "0,500" is a decimal comma, refused), then an optional decimal
/// part ("0.5", "1,234.5", ".5"). Returns it (infinite if it has hundreds of
/// digits) and the rest.
///
/// The number runs as far as its digits do, with each separator and the one
/// point followed by a digit, so "1,2345" is a badly grouped number rather
/// than 1,234 followed by "5"; a separator followed by anything else ends it
/// ("1,000, 2,000").
fn parse_number(text: &str) -> Result<(f64, &str), NumberError> {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let mut end = 0;
    let mut point = None;
    while end < bytes.len() {
        match bytes[end] {
            b'0'..=b'9' => {}
            b',' | b'_' if end > 0 && digit_at(end + 1) => {}
            b'.' if point.is_none() && digit_at(end + 1) => point = Some(end),
            _ => break,
        }
        end += 1;
    }
    if end == 0 {
        return Err(NumberError::Missing);
    }
    let number = &text[..end];
    let (whole, fraction) = number.split_at(point.unwrap_or(end));
    let is_separator = |c: char| c == ',' || c == '_';
    let mut groups = whole.split(is_separator);
    let first = groups.next().unwrap_or("");
    let grouped_in_threes = !whole.contains(is_separator)
        || ((1..=3).contains(&first.len())
            && !first.starts_with('0')
            && groups.all(|group| group.len() == 3));
    if !grouped_in_threes || fraction.contains(is_separator) {
        return Err(NumberError::BadGrouping);
    }
    let digits: String = number.chars().filter(|&c| !is_separator(c)).collect();
    let amount: f64 = digits.parse().map_err(|_| NumberError::Missing)?;
    Ok((amount, &text[end..]))
}

/// How many decimal places [`format_number`] shows.
pub(crate) const DECIMAL_PLACES: usize = 3;

/// `amount` to [`DECIMAL_PLACES`].
fn rounded(amount: f64) -> f64 {
    (amount * 1000.0).round() / 1000.0
}

/// "10240" → "10,240"; "0.5" → "0.5"; "1.25" → "1.25".
pub(crate) fn format_number(amount: f64) -> String {
    let rounded = rounded(amount);
    let whole = rounded.trunc();
    let fraction = rounded - whole;
    let mut digits = format!("{}", whole as u64);
    let mut grouped = String::new();
    while digits.len() > 3 {
        let tail = digits.split_off(digits.len() - 3);
        grouped = format!(",{tail}{grouped}");
    }
    let mut out = format!("{digits}{grouped}");
    if fraction.abs() > 1e-9 {
        let fraction = format!("{:.3}", fraction);
        out.push_str(fraction.trim_start_matches('0').trim_end_matches('0'));
    }
    out
}

/// Finds the first quantity written in a sentence ("It is 15 minutes long").
pub(crate) fn find_in_text(text: &str) -> Option<Quantity> {
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let candidate = &rest[start..];
        // Try the longest unit phrase first: up to four words after the
        // number ("requests every 10 seconds").
        // A badly grouped number ("1,2345") is no quantity.
        if let Ok((_, after)) = parse_number(candidate) {
            let consumed = candidate.len() - after.len();
            let words: Vec<&str> = after.split_whitespace().take(4).collect();
            for n in (0..=words.len()).rev() {
                let phrase = words[..n].join(" ");
                let phrase = phrase.trim_end_matches([',', '.', ')', ';', ':']);
                let attempt = format!("{} {}", &candidate[..consumed], phrase);
                if let Ok(q) = Quantity::parse(&attempt)
                    && (q.unit != Unit::Count || n == 0)
                {
                    return Some(q);
                }
            }
        }
        let skip =
            candidate.find(|c: char| !c.is_ascii_digit() && c != ',' && c != '.').unwrap_or(candidate.len());
        rest = &candidate[skip..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unit words the browser reads from the manifest are the ones the
    /// Node unit tests read from tests/fixtures/units.json (written anew with
    /// SNAPSHOTS=overwrite).
    #[test]
    fn the_unit_table_is_the_fixture_the_node_tests_read() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/units.json");
        let table = serde_json::to_string_pretty(&unit_table()).unwrap() + "\n";
        if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite") {
            std::fs::write(path, &table).unwrap();
        }
        let fixture = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            fixture == table,
            "tests/fixtures/units.json differs from the unit table: SNAPSHOTS=overwrite cargo test -p mdbook-studyguide units"
        );
    }

    fn q(text: &str) -> Quantity {
        Quantity::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn parses_sizes_times_rates_and_counts() {
        assert_eq!(q("10,240 MB"), Quantity::new(10240.0, Unit::MB));
        assert_eq!(q("0.5 GB"), Quantity::new(0.5, Unit::GB));
        assert_eq!(q("15 minutes"), Quantity::new(15.0, Unit::Minute));
        assert_eq!(q("900s"), Quantity::new(900.0, Unit::Second));
        assert_eq!(q("10,000 requests per second"), Quantity::new(10000.0, Unit::PerSecond));
        assert_eq!(q("1,000"), Quantity::new(1000.0, Unit::Count));
        assert_eq!(q("5 layers").noun.as_deref(), Some("layers"));
        assert_eq!(q("  3 Mb. "), Quantity::new(3.0, Unit::MB));
    }

    #[test]
    fn a_rate_may_be_written_over_a_period_and_is_shown_as_written() {
        let every = q("1,000 every 10 seconds");
        assert_eq!(every.dimension(), Dimension::Rate);
        assert!(approx_eq(every.base(), 100.0));
        assert_eq!(every.display_with_equivalent(), "1,000 every 10 seconds");
        assert!(every.same_as(&q("100 per second")));
        assert!(every.same_as(&q("1,000 requests every 10 s")));
        assert!(every.same_as(&q("6,000 per minute")));
        assert_eq!(q("6,000 per minute").display(), "6,000 per minute");
        assert_eq!(q("5 requests per 2 hours").display(), "5 requests every 2 hours");
        assert!(!every.same_as(&q("1,000")), "a count is not a rate");
        assert_eq!(q("56,000 per  s"), Quantity::new(56000.0, Unit::PerSecond), "per second is the unit");
        assert_eq!(q("56,000 per 1 second").display(), "56,000 per second");
        for not_a_period in
            ["1,000 every 10 layers", "1,000 every", "1,000 minz every 10 s", "1,000 every 0 s"]
        {
            assert!(Quantity::parse(not_a_period).is_err(), "{not_a_period}");
        }
    }

    #[test]
    fn a_count_says_what_it_counts_in_any_words() {
        for (text, noun) in [
            ("118 elements", "elements"),
            ("30 results", "results"),
            ("0 elements", "elements"),
            ("3 cups of flour", "cups of flour"),
            ("12 sign-ins", "sign-ins"),
            ("2 Bunsen burners", "Bunsen burners"),
            ("4 rays", "rays"),
            ("6 sets", "sets"),
            ("10 parsecs", "parsecs"),
            ("7 élèves", "élèves"),
        ] {
            let parsed = q(text);
            assert_eq!((parsed.unit, parsed.noun.as_deref()), (Unit::Count, Some(noun)), "{text}");
            assert_eq!(parsed.display(), text, "shown as written");
        }
        assert!(q("118 elements").same_as(&q("118")));
        assert_eq!(q("30 results.").noun.as_deref(), Some("results"));
        let photons = q("1,000 photons every 10 s");
        assert_eq!((photons.dimension(), photons.noun.as_deref()), (Dimension::Rate, Some("photons")));
        assert_eq!(photons.display(), "1,000 photons every 10 seconds");
    }

    #[test]
    fn what_looks_like_a_misspelt_unit_is_no_noun() {
        let message = |text: &str| Quantity::parse(text).map(|q| q.display()).unwrap_err().message;
        for (text, unit) in [
            ("15 minz", "min"),
            ("10 GBs", "GB"),
            ("5 KBs", "KB"),
            ("2 hosur", "hour"),
            ("3 secnds", "seconds"),
            ("3 minytes", "minutes"),
            ("4 dayz", "day"),
            ("1 kibs", "KiB"),
        ] {
            assert_eq!(
                message(text),
                format!(
                    "unknown unit `{}` in `{text}` (did you mean `{unit}`?)",
                    text.split_once(' ').unwrap().1
                ),
                "{text}"
            );
        }
        for text in [
            "2 kg",
            "5 Hz",
            "1,000 every",
            "1,000 per Region",
            "5 MB free",
            "5 __proto__",
            "3 cups  of flour",
            "3 cups-",
        ] {
            assert!(!message(text).contains("did you mean"), "{text}: {}", message(text));
        }
        assert_eq!(message("5 MB free"), "unknown unit `MB free` in `5 MB free`");
        assert!(Quantity::parse("1,000 big photons every 10 s").is_err(), "a rate's noun is one word");
        assert!(Quantity::parse("1,000 minz every 10 s").is_err());
    }

    #[test]
    fn one_edit_is_a_letter_added_dropped_swapped_or_changed_in_a_long_word() {
        let apart = |a: &str, b: &str, changed: bool| {
            one_edit_apart(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>(), changed)
        };
        assert!(apart("min", "min", false));
        assert!(apart("minz", "min", false) && apart("min", "minz", false) && apart("mn", "min", false));
        assert!(apart("housr", "hours", false) && apart("imns", "mins", false));
        assert!(!apart("pins", "mins", false) && apart("pins", "mins", true));
        assert!(!apart("minzz", "min", true) && !apart("nim", "min", true) && !apart("", "ab", true));
        assert!(apart("", "b", false));
    }

    #[test]
    fn equal_quantities_in_different_units() {
        assert!(q("10,240 MB").same_as(&q("10 GB")));
        assert!(q("15 min").same_as(&q("900 s")));
        assert!(q("15 minutes").same_as(&q("0.25 h")));
        assert!(q("0.5 GB").same_as(&q("512 MB")));
        assert!(!q("15 min").same_as(&q("15 s")));
        assert!(!q("10 minutes").same_as(&q("15 minutes")));
        assert!(!q("1,024 MB").same_as(&q("1,024 ms")), "different dimensions never match");
        assert!(q("5 layers").same_as(&q("5")));
    }

    #[test]
    fn rejects_what_is_not_a_quantity() {
        let message = |text: &str| Quantity::parse(text).unwrap_err().message;
        assert_eq!(message(""), "the value is empty");
        assert_eq!(message("MB"), "`MB` does not start with a number");
        assert_eq!(message("-5 MB"), "`-5 MB` is negative");
        let err = Quantity::parse("15 minz").unwrap_err();
        assert_eq!(err.message, "unknown unit `minz` in `15 minz` (did you mean `min`?)");
        assert_eq!(err.span, 0.."15 minz".len());
        for grouped_wrongly in ["1,00 MB", "1234,567 MB", "1,2345 MB", "0,500 GB", "1.5,000 MB"] {
            assert!(message(grouped_wrongly).contains("is grouped wrongly"), "{grouped_wrongly}");
        }
        assert_eq!(
            message(" 1234,567 MB "),
            "the number in `1234,567 MB` is grouped wrongly: after a first group of one to three digits \
             (not starting with 0), a comma must separate groups of exactly three, as in 1,234,567; \
             decimals take a point, as in 0.5"
        );
        assert_eq!(message("10000000000000000 h"), "`10000000000000000 h` is too large");
    }

    #[test]
    fn writes_quantities_the_way_people_read_them() {
        assert_eq!(q("10240 MB").display_with_equivalent(), "10,240 MB (10 GB)");
        assert_eq!(q("128 MB").display_with_equivalent(), "128 MB");
        assert_eq!(q("15 min").display_with_equivalent(), "15 minutes (900 s)");
        assert_eq!(q("300 s").display_with_equivalent(), "300 seconds (5 minutes)");
        assert_eq!(q("3600 s").display_with_equivalent(), "3,600 seconds (1 hour)");
        assert_eq!(q("0.5 GB").display_with_equivalent(), "0.5 GB (512 MB)");
        assert_eq!(q("237 GB").display_with_equivalent(), "237 GB");
        assert_eq!(q("4 KB").display_with_equivalent(), "4 KB");
        assert_eq!(q("6 MB").display_with_equivalent(), "6 MB");
        assert_eq!(q("1 minute").display(), "1 minute");
        assert_eq!(q("1,000").display_with_equivalent(), "1,000");
        assert_eq!(q("100 ms").display_with_equivalent(), "100 ms");
        assert_eq!(q("90 s").display_with_equivalent(), "90 seconds (1.5 minutes)");
    }

    #[test]
    fn numbers_are_grouped_and_trimmed() {
        assert_eq!(format_number(10240.0), "10,240");
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(0.5), "0.5");
        assert_eq!(format_number(13.5), "13.5");
        assert_eq!(format_number(1.0 / 3.0), "0.333");
        assert_eq!(format_number(999.0), "999");
    }

    #[test]
    fn finds_the_quantity_in_a_sentence() {
        assert_eq!(find_in_text("3 MB"), Some(q("3 MB")));
        assert_eq!(find_in_text("A) 15 minutes."), Some(q("15 minutes")));
        assert_eq!(find_in_text("Up to 10 GB (10,240 MB)"), Some(q("10 GB")));
        assert_eq!(find_in_text("It is 1,000 per Region"), Some(q("1,000")));
        assert_eq!(find_in_text("EFS"), None);
        assert_eq!(find_in_text("python3.12 runtime"), Some(q("3.12")));
        assert_eq!(find_in_text("1,000, then 2,000 MB"), Some(q("1,000")));
        assert_eq!(find_in_text("1,2345 MB or 5 GB"), Some(q("5 GB")), "a badly grouped number is skipped");
    }

    #[test]
    fn shared_fixture_cases_hold() {
        let cases: Vec<serde_json::Value> =
            serde_json::from_str(include_str!("../../../tests/fixtures/quantities.json")).unwrap();
        assert!(cases.len() > 20);
        for case in cases {
            let input = case["input"].as_str().unwrap();
            match case["base"].as_f64() {
                Some(base) => {
                    let parsed = q(input);
                    assert_eq!(parsed.dimension().as_str(), case["dimension"].as_str().unwrap(), "{input}");
                    assert!(approx_eq(parsed.base(), base), "{input}: {} != {base}", parsed.base());
                }
                None => assert!(Quantity::parse(input).is_err(), "{input} should not parse"),
            }
        }
    }
}

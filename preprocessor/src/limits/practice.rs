//! Multiple-choice options for practice mode: the true value among other
//! limits of the book in the same dimension (a learner who mixes up two
//! timeouts is caught), then the round values limits are written in (powers
//! of two and decimal steps for sizes, the steps of a clock for durations,
//! round numbers for counts). Every option is in the true value's unit, so
//! none gives itself away as a multiple of another ("22.5 minutes" beside
//! "15 minutes") or by its unit. Chosen deterministically, so every build
//! offers the same.

use super::quantity::{Dimension, Quantity, Unit, approx_eq};
use super::{LimitValue, Registry};
use std::collections::HashMap;

/// How far (as a ratio either way) another limit's value may be from the
/// true one and still be a plausible option.
const PLAUSIBLE_RATIO: f64 = 10.0;

/// Every value the book's limits are written with (single values, minimums,
/// maximums and defaults), by dimension, in base units, sorted, without
/// repeats.
#[derive(Debug, Default)]
pub(crate) struct BookValues {
    by_dimension: HashMap<Dimension, Vec<f64>>,
}

impl BookValues {
    pub(crate) fn of(registry: &Registry) -> Self {
        let mut by_dimension: HashMap<Dimension, Vec<f64>> = HashMap::new();
        for entry in registry.ids().filter_map(|id| registry.get(id)) {
            let quantities: Vec<&Quantity> = match &entry.row.value {
                LimitValue::Single(q) => vec![q],
                LimitValue::Range { min, max, default } => {
                    [Some(min), Some(max), default.as_ref()].into_iter().flatten().collect()
                }
            };
            for q in quantities {
                by_dimension.entry(q.dimension()).or_default().push(q.base());
            }
        }
        for values in by_dimension.values_mut() {
            values.sort_by(f64::total_cmp);
            values.dedup_by(|a, b| approx_eq(*a, *b));
        }
        BookValues { by_dimension }
    }

    /// The book's values within [`PLAUSIBLE_RATIO`] of `q`, as amounts in
    /// its unit, nearest first as [`nearest_first`] orders them; never `q`
    /// itself. Walked outwards from `q` as they are asked for: a row needs
    /// two, and a table of thousands of rows must not sort the book for each.
    fn nearest<'a>(&'a self, q: &'a Quantity) -> impl Iterator<Item = f64> + 'a {
        let values = self.by_dimension.get(&q.dimension()).map_or(&[][..], Vec::as_slice);
        let base = q.base();
        let (low, high) = (base / PLAUSIBLE_RATIO, base * PLAUSIBLE_RATIO);
        let start = values.partition_point(|&v| v < low);
        let end = start + values[start..].partition_point(|&v| v <= high);
        let split = start + values[start..end].partition_point(|&v| v < base);
        let amounts = |side: &'a [f64]| {
            side.iter().filter(move |&&v| !approx_eq(v, base)).map(move |&v| v / q.unit.factor())
        };
        let mut below = amounts(&values[start..split]).rev().peekable();
        let mut above = amounts(&values[split..end]).peekable();
        // Each side grows farther from `q` as it goes: the nearer head is next.
        std::iter::from_fn(move || match (below.peek(), above.peek()) {
            (Some(&b), Some(&a)) if nearer(q, a, b) => above.next(),
            (Some(_), _) => below.next(),
            (None, _) => above.next(),
        })
    }
}

/// Whether `a` comes before `b` in [`nearest_first`]'s order.
fn nearer(q: &Quantity, a: f64, b: f64) -> bool {
    by_distance(q, a, b).is_lt()
}

/// Amounts by how far they are from `q`'s, as a ratio; the smaller first
/// when two are as far.
fn by_distance(q: &Quantity, a: f64, b: f64) -> std::cmp::Ordering {
    let distance = |x: f64| (x / q.amount).ln().abs();
    distance(a).total_cmp(&distance(b)).then(a.total_cmp(&b))
}

/// The round amounts a limit in `unit` is written in.
fn ladder(unit: Unit) -> Vec<f64> {
    let decimal = |steps: &[f64]| -> Vec<f64> {
        (0..7).flat_map(|k| steps.iter().map(move |s| s * 10f64.powi(k))).collect()
    };
    match unit {
        Unit::Byte | Unit::KB | Unit::MB | Unit::GB | Unit::TB => {
            let mut sizes: Vec<f64> = (0..21).map(|k| 2f64.powi(k)).collect();
            sizes.extend(decimal(&[1.0, 5.0]));
            sizes.extend((1..7).map(|k| 2.5 * 10f64.powi(k)));
            sizes
        }
        Unit::Millisecond => vec![1.0, 10.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0],
        Unit::Second => {
            vec![1.0, 3.0, 5.0, 10.0, 15.0, 20.0, 29.0, 30.0, 45.0, 60.0, 90.0, 120.0, 300.0, 600.0, 900.0]
        }
        Unit::Minute => vec![1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0],
        Unit::Hour => vec![1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 24.0, 48.0, 72.0],
        Unit::Day => vec![1.0, 3.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0, 365.0],
        Unit::PerSecond | Unit::Count => decimal(&[1.0, 2.0, 2.5, 3.0, 4.0, 5.0, 7.5]),
    }
}

/// Whether an amount reads like a number an author would write: whole
/// counts, and sizes or times in halves (or hundredths below one).
fn is_clean(amount: f64, whole: bool) -> bool {
    let scaled = if whole {
        amount
    } else if amount >= 1.0 {
        amount * 2.0
    } else {
        amount * 100.0
    };
    amount > 0.0 && (scaled - scaled.round()).abs() < 1e-9
}

/// How many options another limit of the book may take, at most: the
/// rest are round values, placed by the seed.
const FROM_BOOK: usize = 2;

/// The first `most` of `amounts` in `q`'s unit as options, keeping only
/// those that read as written in it (29 seconds is no option for a limit in
/// minutes) and dropping repeats.
fn options_like(
    q: &Quantity,
    amounts: impl IntoIterator<Item = f64>,
    taken: &[Quantity],
    most: usize,
) -> Vec<Quantity> {
    let whole = matches!(q.dimension(), Dimension::Count | Dimension::Rate);
    let mut out: Vec<Quantity> = Vec::new();
    for amount in amounts {
        if out.len() == most {
            break;
        }
        let seen = out.iter().chain(taken).any(|o| approx_eq(o.amount, amount));
        if is_clean(amount, whole) && !approx_eq(amount, q.amount) && !seen {
            out.push(Quantity { amount, unit: q.unit, noun: q.noun.clone(), period: q.period });
        }
    }
    out
}

/// Sorts amounts by how far they are from `q`'s, as a ratio.
fn nearest_first(q: &Quantity, amounts: &mut [f64]) {
    amounts.sort_by(|&a, &b| by_distance(q, a, b));
}

/// The round candidates below (or above) `q`, nearest first: small counts'
/// plain neighbours (4 and 3 for 5 layers), then the unit's round values. A
/// value that is itself not round also has its half and double, so it does
/// not stand out among round ones.
fn neighbours(q: &Quantity, below: bool, taken: &[Quantity]) -> Vec<Quantity> {
    let whole = matches!(q.dimension(), Dimension::Count | Dimension::Rate);
    let round = ladder(q.unit);
    let on_ladder = round.iter().any(|r| (r - q.amount).abs() < 1e-9);
    let mut far: Vec<f64> = round.into_iter().collect();
    if !on_ladder {
        far.extend([q.amount / 2.0, q.amount * 2.0]);
    }
    far.retain(|&a| if below { a < q.amount } else { a > q.amount });
    nearest_first(q, &mut far);
    let near: Vec<f64> = if whole && q.amount <= 20.0 {
        if below { vec![q.amount - 1.0, q.amount - 2.0] } else { vec![q.amount + 1.0, q.amount + 2.0] }
    } else {
        Vec::new()
    };
    // A row takes at most three of either side.
    options_like(q, near.into_iter().chain(far), taken, 3)
}

/// Three distractors for `q`: the nearest of the book's other limits (up to
/// [`FROM_BOOK`]), then round values, `below` of the three smaller than `q`
/// when there are enough.
fn distractors(q: &Quantity, below: usize, book: &BookValues) -> Vec<Quantity> {
    let mut picked = options_like(q, book.nearest(q), &[], FROM_BOOK);
    let need = 3 - picked.len();
    let smaller = neighbours(q, true, &picked);
    let larger = neighbours(q, false, &picked);
    let already_below = picked.iter().filter(|p| p.amount < q.amount).count();
    let take_below = below
        .saturating_sub(already_below)
        .min(need)
        .min(smaller.len())
        .max(need.saturating_sub(larger.len()));
    picked.extend(smaller.into_iter().take(take_below));
    let missing = 3usize.saturating_sub(picked.len());
    picked.extend(larger.into_iter().take(missing));
    picked.truncate(3);
    picked
}

/// The options shown for a row, sorted, and the index of the right one.
pub(super) fn choices(value: &LimitValue, seed: u64, book: &BookValues) -> (Vec<String>, usize) {
    // The seed decides how many options sit below the true value, so the
    // answer is not always in the same place.
    let below = (seed % 4) as usize;
    let mut options: Vec<(f64, f64, String)> = match value {
        LimitValue::Single(q) => {
            let mut all = vec![(q.base(), 0.0, q.display())];
            all.extend(distractors(q, below, book).into_iter().map(|d| (d.base(), 0.0, d.display())));
            all
        }
        LimitValue::Range { min, max, .. } => {
            let pair = |lo: &Quantity, hi: &Quantity| {
                (hi.base(), lo.base(), format!("{} – {}", lo.display(), hi.display()))
            };
            let mut all = vec![pair(min, max)];
            let max_options = distractors(max, below, book);
            let min_options = distractors(min, 1, book);
            for (i, hi) in max_options.iter().enumerate() {
                // Vary the lower bound on one option too.
                let lo = if i == 1 { min_options.first().unwrap_or(min) } else { min };
                if lo.base() < hi.base() {
                    all.push(pair(lo, hi));
                }
            }
            all
        }
    };
    let truth = options[0].2.clone();
    options.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    options.dedup_by(|a, b| a.2 == b.2);
    let labels: Vec<String> = options.into_iter().map(|o| o.2).collect();
    let answer = labels.iter().position(|l| *l == truth).unwrap_or(0);
    (labels, answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(text: &str) -> LimitValue {
        LimitValue::Single(Quantity::parse(text).unwrap())
    }

    /// Options for a value in a book without other limits.
    fn choices(value: &LimitValue, seed: u64) -> (Vec<String>, usize) {
        super::choices(value, seed, &BookValues::default())
    }

    #[test]
    fn options_are_round_values_in_the_unit_of_the_true_one() {
        let (labels, _) = choices(&single("15 min"), 2);
        assert_eq!(labels, ["5 minutes", "10 minutes", "15 minutes", "20 minutes"]);
        let (labels, _) = choices(&single("6 MB"), 1);
        assert_eq!(labels, ["5 MB", "6 MB", "8 MB", "10 MB"]);
        let (labels, answer) = choices(&single("10,240 MB"), 1);
        assert_eq!(labels[answer], "10,240 MB");
        assert_eq!(labels.len(), 4);
        // Never a multiple that gives the answer away.
        for seed in 0..4 {
            for text in ["15 min", "6 MB", "4 KB", "29 s", "900 s"] {
                let (labels, _) = choices(&single(text), seed);
                assert!(labels.iter().all(|l| !l.contains(".5")), "{text}: {labels:?}");
            }
        }
    }

    /// A book whose other limits have these values.
    fn book(values: &[&str]) -> BookValues {
        let mut registry = Registry::default();
        for (i, text) in values.iter().enumerate() {
            let row = crate::limits::LimitRow {
                id: format!("other.{i}"),
                id_span: 0..0,
                resource: "r".into(),
                value: single(text),
                adjustable: Some(false),
                note: None,
                source: None,
            };
            registry
                .insert(crate::limits::RegistryEntry { row, service: None, chapter: "c.md".into() })
                .unwrap();
        }
        BookValues::of(&registry)
    }

    #[test]
    fn options_come_first_from_the_books_other_limits_of_the_same_dimension() {
        // 12 hours is too far off, 29 seconds no whole number of minutes,
        // 900 seconds the answer itself, 4 KB no duration.
        let others = book(&["12 min", "300 s", "29 s", "12 h", "900 s", "4 KB", "1 h"]);
        for seed in 0..4 {
            let (labels, answer) = super::choices(&single("15 min"), seed, &others);
            assert_eq!(labels[answer], "15 minutes");
            assert_eq!(labels.len(), 4, "{labels:?}");
            let from_book = ["12 minutes", "5 minutes", "60 minutes"];
            assert!(
                labels.iter().filter(|l| from_book.contains(&l.as_str())).count() >= 2,
                "{seed}: {labels:?}"
            );
            for never in ["0.5 minutes", "720 minutes", "900 seconds", "15 minutes (900 s)"] {
                assert!(!labels.iter().any(|l| l == never), "{labels:?}");
            }
            // The same every build.
            assert_eq!(super::choices(&single("15 min"), seed, &others), (labels.clone(), answer));
        }
        assert_eq!(
            super::choices(&single("15 min"), 2, &others).0,
            ["5 minutes", "12 minutes", "15 minutes", "20 minutes"]
        );
        // Sizes come in the answer's unit too: 10 GB is 10,240 MB itself.
        let others = book(&["10 GB", "3,008 MB", "50 MB", "250 MB"]);
        let (labels, _) = super::choices(&single("10,240 MB"), 1, &others);
        assert!(labels.contains(&"3,008 MB".to_owned()), "{labels:?}");
        assert_eq!(labels.iter().filter(|l| l.as_str() == "10,240 MB").count(), 1, "{labels:?}");
    }

    #[test]
    fn the_books_values_come_nearest_first_as_sorting_them_would_give() {
        let texts: Vec<String> = (1..400).map(|k| format!("{} s", (k * 7919) % 3600 + 1)).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let others = book(&texts);
        for text in ["1 s", "15 min", "900 s", "29 s", "1 h", "2 h", "7 s"] {
            let q = Quantity::parse(text).unwrap();
            let values = &others.by_dimension[&q.dimension()];
            let base = q.base();
            let mut sorted: Vec<f64> = values
                .iter()
                .filter(|&&v| {
                    v >= base / PLAUSIBLE_RATIO && v <= base * PLAUSIBLE_RATIO && !approx_eq(v, base)
                })
                .map(|&v| v / q.unit.factor())
                .collect();
            nearest_first(&q, &mut sorted);
            assert_eq!(others.nearest(&q).collect::<Vec<_>>(), sorted, "{text}");
        }
    }

    #[test]
    fn a_book_of_few_limits_falls_back_on_round_values() {
        let others = book(&["14 min"]);
        let (labels, answer) = super::choices(&single("15 min"), 0, &others);
        assert_eq!(labels.len(), 4, "{labels:?}");
        assert_eq!(labels[answer], "15 minutes");
        assert!(labels.contains(&"14 minutes".to_owned()), "{labels:?}");
    }

    #[test]
    fn the_right_answer_moves_with_the_seed() {
        let positions: std::collections::HashSet<usize> =
            (0..4).map(|seed| choices(&single("1,000"), seed).1).collect();
        assert!(positions.len() >= 3, "{positions:?}");
    }

    #[test]
    fn always_four_distinct_options() {
        for text in ["1", "4 KB", "6 MB", "0.5 GB", "237 GB", "3 s", "900 s", "1,000", "10,000 req/s"] {
            for seed in 0..4 {
                let (labels, answer) = choices(&single(text), seed);
                assert_eq!(labels.len(), 4, "{text} {seed}: {labels:?}");
                assert!(answer < 4);
                let unique: std::collections::HashSet<_> = labels.iter().collect();
                assert_eq!(unique.len(), 4, "{labels:?}");
            }
        }
    }

    #[test]
    fn counted_things_come_in_whole_numbers() {
        for seed in 0..4 {
            let (labels, answer) = choices(&single("5 layers"), seed);
            assert_eq!(labels[answer], "5 layers");
            for label in &labels {
                let amount: f64 = label.split(' ').next().unwrap().parse().unwrap();
                assert_eq!(amount.fract(), 0.0, "{labels:?}");
            }
        }
        assert_eq!(choices(&single("5 layers"), 2).0, ["3 layers", "4 layers", "5 layers", "6 layers"]);
    }

    #[test]
    fn ranges_offer_pairs_of_bounds() {
        let range = LimitValue::Range {
            min: Quantity::parse("128 MB").unwrap(),
            max: Quantity::parse("10,240 MB").unwrap(),
            default: None,
        };
        let (labels, answer) = choices(&range, 0);
        assert_eq!(labels[answer], "128 MB – 10,240 MB");
        assert_eq!(labels.len(), 4, "{labels:?}");
        assert!(labels.iter().all(|l| l.contains(" – ")));
    }
}

//! Multiple-choice options for practice mode: the true value among the
//! round values limits are written in (powers of two and decimal steps for
//! sizes, the steps of a clock for durations, round numbers for counts) in
//! the same unit, so no option gives itself away as a multiple of another
//! ("22.5 minutes" beside "15 minutes"). Chosen deterministically, so every
//! build offers the same.

use super::LimitValue;
use super::quantity::{Dimension, Quantity, Unit};

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

/// The candidates below (or above) `q`, nearest first: small counts' plain
/// neighbours (4 and 3 for 5 layers), then the unit's round values. A value
/// that is itself not round also has its half and double, so it does not
/// stand out among round ones.
fn neighbours(q: &Quantity, below: bool) -> Vec<Quantity> {
    let whole = matches!(q.dimension(), Dimension::Count | Dimension::Rate);
    let round = ladder(q.unit);
    let on_ladder = round.iter().any(|r| (r - q.amount).abs() < 1e-9);
    let mut far: Vec<f64> = round.into_iter().collect();
    if !on_ladder {
        far.extend([q.amount / 2.0, q.amount * 2.0]);
    }
    far.retain(|&a| if below { a < q.amount } else { a > q.amount });
    far.sort_by(|a, b| (a / q.amount).ln().abs().total_cmp(&(b / q.amount).ln().abs()));
    let near: Vec<f64> = if whole && q.amount <= 20.0 {
        if below { vec![q.amount - 1.0, q.amount - 2.0] } else { vec![q.amount + 1.0, q.amount + 2.0] }
    } else {
        Vec::new()
    };
    let mut out: Vec<Quantity> = Vec::new();
    for amount in near.into_iter().chain(far) {
        if is_clean(amount, whole) && !out.iter().any(|o| (o.amount - amount).abs() < 1e-9) {
            out.push(Quantity { amount, unit: q.unit, noun: q.noun.clone() });
        }
    }
    out
}

/// Three distractors for `q`: `below` of them smaller (when there are enough).
fn distractors(q: &Quantity, below: usize) -> Vec<Quantity> {
    let smaller = neighbours(q, true);
    let larger = neighbours(q, false);
    let take_below = below.min(smaller.len()).max(3usize.saturating_sub(larger.len()));
    let mut picked: Vec<Quantity> = smaller.into_iter().take(take_below).collect();
    picked.extend(larger.into_iter().take(3 - picked.len().min(3)));
    picked.truncate(3);
    picked
}

/// The options shown for a row, sorted, and the index of the right one.
pub fn choices(value: &LimitValue, seed: u64) -> (Vec<String>, usize) {
    // The seed decides how many options sit below the true value, so the
    // answer is not always in the same place.
    let below = (seed % 4) as usize;
    let mut options: Vec<(f64, f64, String)> = match value {
        LimitValue::Single(q) => {
            let mut all = vec![(q.base(), 0.0, q.display())];
            all.extend(distractors(q, below).into_iter().map(|d| (d.base(), 0.0, d.display())));
            all
        }
        LimitValue::Range { min, max, .. } => {
            let pair = |lo: &Quantity, hi: &Quantity| {
                (hi.base(), lo.base(), format!("{} – {}", lo.display(), hi.display()))
            };
            let mut all = vec![pair(min, max)];
            let max_options = distractors(max, below);
            let min_options = distractors(min, 1);
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

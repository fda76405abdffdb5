//! Multiple-choice options for practice mode: the true value among plausible
//! neighbours in the same unit and style ("5,120 MB" beside "10,240 MB", not
//! "5,000 MB"), chosen deterministically so every build offers the same.

use super::LimitValue;
use super::quantity::{Dimension, Quantity};

/// Factors that give neighbours below and above a value, most plausible first.
const BELOW: [f64; 5] = [0.5, 1.0 / 3.0, 2.0 / 3.0, 0.25, 0.1];
const ABOVE: [f64; 5] = [2.0, 3.0, 1.5, 4.0, 10.0];

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

/// Small counts ("5 layers") also have their plain neighbours (4, 6…).
fn steps(q: &Quantity, below: bool) -> Vec<f64> {
    let counted = matches!(q.dimension(), Dimension::Count | Dimension::Rate);
    if !counted || q.amount > 20.0 {
        return Vec::new();
    }
    let (one, two) = if below { (q.amount - 1.0, q.amount - 2.0) } else { (q.amount + 1.0, q.amount + 2.0) };
    vec![one, two]
}

fn neighbours(q: &Quantity, factors: &[f64], below: bool) -> Vec<Quantity> {
    let whole = matches!(q.dimension(), Dimension::Count | Dimension::Rate);
    let candidates = steps(q, below).into_iter().chain(factors.iter().map(|f| q.amount * f));
    let mut out: Vec<Quantity> = Vec::new();
    for amount in candidates {
        if is_clean(amount, whole) && !out.iter().any(|o| o.amount == amount) {
            out.push(Quantity { amount, unit: q.unit, noun: q.noun.clone() });
        }
    }
    out
}

/// Three distractors for `q`: `below` of them smaller (when there are enough).
fn distractors(q: &Quantity, below: usize) -> Vec<Quantity> {
    let smaller = neighbours(q, &BELOW, true);
    let larger = neighbours(q, &ABOVE, false);
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
    fn neighbours_keep_the_style_of_the_true_value() {
        let (labels, answer) = choices(&single("10,240 MB"), 1);
        assert_eq!(labels, ["5,120 MB", "10,240 MB", "20,480 MB", "30,720 MB"]);
        assert_eq!(answer, 1);
        let (labels, _) = choices(&single("15 min"), 2);
        assert_eq!(labels, ["5 minutes", "7.5 minutes", "15 minutes", "30 minutes"]);
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

//! The mock exam printed on paper: one fixed sitting drawn from the exam's
//! bank by a seed, in the blueprint's proportions, then its answer key. The
//! same seed and bank print the same sitting; on screen it stays hidden (the
//! exam runs in the browser there), in print it follows the exam's page.

use crate::html::{Markup, SafeHtml, html};
use crate::quiz::{Bank, BankQuestion, letter};
use std::collections::BTreeMap;

/// A mock exam: the questions drawn, in the order printed.
pub(crate) struct Mock<'a> {
    pub seed: u64,
    pub questions: Vec<&'a BankQuestion>,
    /// The domains that could not get their share: title, drawn, share.
    pub short: Vec<(String, usize, usize)>,
}

/// SplitMix64: a small generator whose sequence for a seed is fixed by its
/// definition, so a printed sitting does not change when a dependency does.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0), without modulo bias worth speaking of at
    /// a bank's sizes.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Splits `count` by `weights` (largest remainder): the shares add up to
/// `count` exactly.
pub(crate) fn apportion(count: usize, weights: &[u32]) -> Vec<usize> {
    let total: u64 = weights.iter().map(|&w| u64::from(w)).sum();
    if total == 0 {
        return vec![0; weights.len()];
    }
    let exact: Vec<u64> = weights.iter().map(|&w| count as u64 * u64::from(w)).collect();
    let mut shares: Vec<usize> = exact.iter().map(|e| (e / total) as usize).collect();
    let mut order: Vec<usize> = (0..weights.len()).collect();
    // Largest remainder first; ties to the domain listed first.
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i] % total));
    let left = count - shares.iter().sum::<usize>();
    for &i in order.iter().take(left) {
        shares[i] += 1;
    }
    shares
}

/// Draws `count` questions of `bank` with `seed`: each domain of the
/// blueprint its share where the bank has enough, the rest from any domain.
pub(crate) fn draw(bank: &Bank, count: usize, seed: u64) -> Mock<'_> {
    let mut rng = SplitMix(seed);
    let count = count.min(bank.questions.len());
    let mut pools: BTreeMap<usize, Vec<&BankQuestion>> = BTreeMap::new();
    let mut rest: Vec<&BankQuestion> = Vec::new();
    for q in &bank.questions {
        match q.domain.as_ref().and_then(|d| bank.domains.iter().position(|bd| &bd.key == d)) {
            Some(i) => pools.entry(i).or_default().push(q),
            None => rest.push(q),
        }
    }
    let weights: Vec<u32> = bank.domains.iter().map(|d| d.weight).collect();
    let shares = apportion(count, &weights);
    let mut chosen = Vec::with_capacity(count);
    let mut short = Vec::new();
    for (i, domain) in bank.domains.iter().enumerate() {
        let mut pool = pools.remove(&i).unwrap_or_default();
        rng.shuffle(&mut pool);
        let take = shares[i].min(pool.len());
        if take < shares[i] {
            short.push((domain.title.clone(), take, shares[i]));
        }
        rest.extend(pool.drain(take..));
        chosen.extend(pool);
    }
    rng.shuffle(&mut rest);
    let missing = count - chosen.len();
    chosen.extend(rest.into_iter().take(missing));
    rng.shuffle(&mut chosen);
    Mock { seed, questions: chosen, short }
}

/// The bank's HTML, sanitised when the bank was made.
fn safe(html: &str) -> SafeHtml {
    SafeHtml::trusted(html.to_owned())
}

/// The sitting, then its answer key on pages of its own.
pub(crate) fn render(mock: &Mock, minutes: u32, pass: u32) -> Markup {
    let n = mock.questions.len();
    html! {
        section.sg-mock-exam hidden aria-label="Mock exam" {
            h2.sg-mock-title { "Mock exam" }
            p {
                (n) " questions in " (minutes) " minutes; pass mark " (pass) " %. "
                "Drawn from the book's quizzes with seed " (mock.seed)
                ", in the exam's proportions: the same seed prints the same sitting. "
                "Answer on paper, then mark your answers with the key that follows."
            }
            @for (title, drawn, share) in &mock.short {
                p.sg-mock-short { (title) ": " (drawn) " of its " (share) " questions; the book has no more." }
            }
            ol.sg-mock-questions {
                @for q in &mock.questions {
                    li.sg-mock-question {
                        div.sg-mock-prompt { (safe(&q.prompt)) }
                        @if let Some(choose) = &q.choose { p.sg-mock-choose { "(Choose " (choose) ".)" } }
                        ol.sg-mock-choices type="A" {
                            @for c in &q.choices { li { (safe(&c.html)) } }
                        }
                    }
                }
            }
            section.sg-mock-key aria-label="Mock exam: answer key" {
                h2.sg-mock-title { "Mock exam: answer key" }
                ol.sg-mock-answers {
                    @for q in &mock.questions {
                        li.sg-mock-answer {
                            p.sg-mock-letters {
                                strong { (q.answer.iter().map(|&i| letter(i).to_string()).collect::<Vec<_>>().join(", ")) }
                            }
                            div.sg-mock-why { (safe(&q.explanation)) }
                            @let wrong: Vec<(usize, &str)> = q.choices.iter().enumerate()
                                .filter(|(i, _)| !q.answer.contains(i))
                                .filter_map(|(i, c)| c.why.as_deref().map(|w| (i, w))).collect();
                            @if !wrong.is_empty() {
                                ul.sg-mock-wrong {
                                    @for (i, why) in wrong { li { strong { (letter(i)) } ": " (safe(why)) } }
                                }
                            }
                            @if let Some(see) = &q.see {
                                p.sg-mock-see { "Read: " a href=(see.href) { (see.title) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_the_count_by_largest_remainder() {
        assert_eq!(apportion(65, &[30, 26, 24, 20]), vec![19, 17, 16, 13]);
        assert_eq!(apportion(10, &[50, 50]), vec![5, 5]);
        assert_eq!(apportion(3, &[1, 1, 1, 1]), vec![1, 1, 1, 0]);
        assert_eq!(apportion(5, &[]), Vec::<usize>::new());
    }

    #[test]
    fn a_seed_gives_one_sequence() {
        let a: Vec<u64> = {
            let mut r = SplitMix(7);
            (0..4).map(|_| r.next()).collect()
        };
        let b: Vec<u64> = {
            let mut r = SplitMix(7);
            (0..4).map(|_| r.next()).collect()
        };
        let c: Vec<u64> = {
            let mut r = SplitMix(8);
            (0..4).map(|_| r.next()).collect()
        };
        assert_eq!(a, b);
        assert_ne!(a, c);
        // SplitMix64's published first output for seed 0.
        assert_eq!(SplitMix(0).next(), 0xE220_A839_7B1D_CDAF);
        let mut r = SplitMix(1);
        assert!((0..1000).all(|_| r.below(6) < 6));
    }
}

//! Block classification, shared by both modes: a block (an HTML
//! paragraph, heading or list item; a line of plain text) is first
//! classified on its own features, jusText-style, then short and
//! borderline blocks take the class their neighbours suggest.

use crate::signals::{self, TextStats};
use crate::Favor;

/// The class of a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockClass {
    /// Article text on its own: long prose with few links.
    Good,
    /// Probably article text: medium length, prose-like.
    NearGood,
    /// Too short to tell: decided by its neighbours.
    Short,
    /// Boilerplate: link lists, template phrases, chrome.
    Bad,
}

impl BlockClass {
    /// Whether the block is kept in the output.
    pub fn kept(self) -> bool {
        matches!(self, BlockClass::Good | BlockClass::NearGood)
    }
}

/// The features of one block.
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// Visible characters (whitespace excluded).
    pub chars: usize,
    /// Share of the visible characters inside links (or link-like tokens).
    pub link_density: f32,
    /// Word statistics.
    pub stats: TextStats,
    /// Whether the block is a heading.
    pub heading: bool,
    /// Whether the block is a template phrase ("Share this", "© 2024 ...").
    pub boilerplate: bool,
}

impl Features {
    /// Computes the features of a block's text.
    pub fn of(text: &str, chars: usize, link_chars: usize, heading: bool) -> Features {
        let stats = signals::text_stats(text);
        let boilerplate = signals::is_boilerplate_line(text, &stats);
        Features {
            chars,
            link_density: if chars == 0 { 0.0 } else { link_chars as f32 / chars as f32 },
            stats,
            heading,
            boilerplate,
        }
    }
}

/// Classifies a block on its own features.
///
/// Thresholds (visible characters; stop-word ratio over words): a
/// template phrase → `Bad`; prose (stop ratio ≥ 0.22, or, in scripts
/// without spaces, ending in sentence punctuation or 80+ characters long)
/// → `Bad` above link
/// density 0.6, else `Good` from 100 characters and `NearGood` below;
/// other text → `Bad` above link density 0.3; under 40 characters or a
/// heading → `Short`; some function words (≥ 0.12) → `NearGood` from 70
/// characters; else (names, figures, dates without links) `Short`, for
/// the context to decide. `Favor::Precision` raises the prose bar,
/// `Favor::Recall` lowers it.
pub fn classify(f: &Features, favor: Favor) -> BlockClass {
    let (prose_ratio, some_ratio, long) = match favor {
        Favor::Balanced => (0.22, 0.12, 100),
        Favor::Precision => (0.26, 0.16, 140),
        Favor::Recall => (0.18, 0.08, 70),
    };
    if f.boilerplate {
        return BlockClass::Bad;
    }
    let prose = if f.stats.unspaced() {
        // Thai and Lao end sentences with a space, not a mark.
        f.stats.terminal || f.chars >= 80
    } else {
        f.stats.stop_ratio() >= prose_ratio || (f.stats.stop_words == 0 && f.stats.terminal && f.stats.words >= 12)
    };
    let link_limit = if prose && f.chars >= 40 { 0.6 } else { 0.3 };
    if f.link_density > link_limit {
        return BlockClass::Bad;
    }
    if f.chars < 40 || f.heading {
        return BlockClass::Short;
    }
    if prose {
        if f.chars >= long {
            BlockClass::Good
        } else {
            BlockClass::NearGood
        }
    } else if f.stats.stop_ratio() >= some_ratio && f.chars >= 70 {
        BlockClass::NearGood
    } else if f.link_density < 0.1 {
        BlockClass::Short
    } else {
        BlockClass::Bad
    }
}

/// Several medium paragraphs in a row are as good as one long one (news
/// is often written in one- and two-sentence paragraphs): in a run
/// without `Bad` blocks, at least two `NearGood` blocks adding up to 250
/// characters become `Good`.
pub fn promote_runs(classes: &mut [BlockClass], features: &[Features]) {
    let n = classes.len();
    let mut run_start = 0;
    for i in 0..=n {
        if i == n || classes[i] == BlockClass::Bad {
            let near = || (run_start..i).filter(|&j| classes[j] == BlockClass::NearGood);
            if near().nth(1).is_some() && near().map(|j| features[j].chars).sum::<usize>() >= 250 {
                for class in &mut classes[run_start..i] {
                    if *class == BlockClass::NearGood {
                        *class = BlockClass::Good;
                    }
                }
            }
            run_start = i + 1;
        }
    }
}

/// Resolves `Short` and `NearGood` blocks from their context, in place.
/// `groups[i]` identifies the element holding block `i` (blocks with the
/// same group are siblings); pass distinct values where there is no tree.
///
/// First [`promote_runs`]. Then a short block is kept when the nearest
/// decided (non-`Short`) block on either side is kept; with
/// `Favor::Precision` it needs both sides, or one kept side that is its
/// sibling while the other is not. A short heading is kept when the next
/// decided block is `Good` or both sides are kept. A `NearGood` block is
/// dropped when its nearest `Good`/`Bad` neighbours are both `Bad` (or one
/// is `Bad` and the other side has none), unless its nearest decided
/// sibling is `Good`; with `Favor::Recall` it is always kept.
pub fn smooth(classes: &mut [BlockClass], features: &[Features], groups: &[usize], favor: Favor) {
    let mut original: Vec<BlockClass> = classes.to_vec();
    let n = original.len();
    promote_runs(&mut original, features);
    // Index of the nearest block before/after each index passing `pick`.
    let nearest = |pick: &dyn Fn(BlockClass) -> bool| {
        let mut before = vec![None; n];
        let mut last = None;
        for i in 0..n {
            before[i] = last;
            if pick(original[i]) {
                last = Some(i);
            }
        }
        let mut after = vec![None; n];
        let mut next = None;
        for i in (0..n).rev() {
            after[i] = next;
            if pick(original[i]) {
                next = Some(i);
            }
        }
        (before, after)
    };
    let (before, after) = nearest(&|c| c != BlockClass::Short);
    let (strong_before, strong_after) = nearest(&|c| matches!(c, BlockClass::Good | BlockClass::Bad));
    let class = |j: Option<usize>| j.map(|j| original[j]);
    let kept = |j: Option<usize>| j.is_some_and(|j| original[j].kept());
    let sibling = |i: usize, j: Option<usize>| j.is_some_and(|j| groups[j] == groups[i]);
    // Whether the nearest decided sibling (same group, within 30 blocks)
    // on either side is `Good`: a paragraph after a boxed "Related" list
    // still belongs to the paragraphs around the box.
    let good_sibling_near = |i: usize| {
        let decided_sibling = |j: &usize| groups[*j] == groups[i] && original[*j] != BlockClass::Short && original[*j] != BlockClass::NearGood;
        let before = (i.saturating_sub(30)..i).rev().find(decided_sibling);
        let after = (i + 1..n.min(i + 31)).find(decided_sibling);
        class(before) == Some(BlockClass::Good) || class(after) == Some(BlockClass::Good)
    };
    for i in 0..n {
        classes[i] = match original[i] {
            BlockClass::Short => {
                let (b, a) = (before[i], after[i]);
                let keep = if features[i].heading {
                    class(a) == Some(BlockClass::Good) || (kept(a) && kept(b))
                } else {
                    match (b, a) {
                        (None, None) => true,
                        (None, x) | (x, None) => kept(x),
                        (x, y) if favor != Favor::Precision => kept(x) || kept(y),
                        (x, y) => {
                            (kept(x) && kept(y))
                                || (kept(x) && sibling(i, x) && !sibling(i, y))
                                || (kept(y) && sibling(i, y) && !sibling(i, x))
                        }
                    }
                };
                if keep {
                    BlockClass::NearGood
                } else {
                    BlockClass::Bad
                }
            }
            BlockClass::NearGood => {
                let bad_or_edge = |c: Option<BlockClass>| c != Some(BlockClass::Good);
                let (b, a) = (class(strong_before[i]), class(strong_after[i]));
                let surrounded = bad_or_edge(b) && bad_or_edge(a) && (b.is_some() || a.is_some());
                if surrounded && favor != Favor::Recall && !good_sibling_near(i) {
                    BlockClass::Bad
                } else {
                    BlockClass::NearGood
                }
            }
            other => other,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(text: &str, link_chars: usize) -> Features {
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        Features::of(text, chars, link_chars.min(chars), false)
    }

    const PROSE: &str = "The committee, which met for the first time since the election, agreed that the \
        budget would be published before the end of the month and that it would include the new rules.";

    #[test]
    fn long_prose_is_good() {
        assert_eq!(classify(&features(PROSE, 0), Favor::Balanced), BlockClass::Good);
    }

    #[test]
    fn link_density_makes_bad() {
        assert_eq!(classify(&features(PROSE, 120), Favor::Balanced), BlockClass::Bad);
    }

    #[test]
    fn short_text_is_short() {
        assert_eq!(classify(&features("He resigned.", 0), Favor::Balanced), BlockClass::Short);
    }

    #[test]
    fn template_phrase_is_bad() {
        assert_eq!(classify(&features("Sign up for our newsletter", 0), Favor::Balanced), BlockClass::Bad);
    }

    #[test]
    fn lists_of_names_are_bad_when_linked_and_undecided_otherwise() {
        let menu = "World Business Markets Technology Science Health Sports Entertainment Opinion Video Podcasts";
        assert_eq!(classify(&features(menu, 40), Favor::Balanced), BlockClass::Bad);
        assert_eq!(classify(&features(menu, 0), Favor::Balanced), BlockClass::Short);
    }

    #[test]
    fn short_blocks_follow_their_neighbours() {
        let texts = [PROSE, "He resigned.", PROSE, "Oslo, Bergen", "Contact us today", "Weather", "Contact us today"];
        let f: Vec<Features> = texts.iter().map(|t| features(t, 0)).collect();
        let run = |favor: Favor| {
            let mut classes: Vec<BlockClass> = f.iter().map(|x| classify(x, favor)).collect();
            classes[4] = BlockClass::Bad;
            classes[6] = BlockClass::Bad;
            smooth(&mut classes, &f, &(0..f.len()).collect::<Vec<_>>(), favor);
            classes
        };
        let balanced = run(Favor::Balanced);
        assert!(balanced[1].kept(), "between kept blocks: {balanced:?}");
        assert!(balanced[3].kept(), "one kept side suffices: {balanced:?}");
        assert!(!balanced[5].kept(), "between bad blocks: {balanced:?}");
        let precise = run(Favor::Precision);
        assert!(precise[1].kept() && !precise[3].kept(), "{precise:?}");
    }

    #[test]
    fn headings_before_good_text_are_kept() {
        let mut f = vec![features(PROSE, 0), features("What comes next", 0), features(PROSE, 0)];
        f[1].heading = true;
        let mut classes: Vec<BlockClass> = f.iter().map(|x| classify(x, Favor::Balanced)).collect();
        smooth(&mut classes, &f, &(0..f.len()).collect::<Vec<_>>(), Favor::Balanced);
        assert!(classes[1].kept());
    }
}

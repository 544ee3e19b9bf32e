//! "Did you mean ...?": the nearest name, choice or passage to a mistyped one.

use std::collections::HashSet;

/// Levenshtein distance in characters, case-insensitive.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate nearest to `word`, if it is near enough to be a typo
/// (at most a third of its length away).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Lower-cased character trigrams of the letters and digits of a text.
fn trigrams(text: &str) -> HashSet<[char; 3]> {
    let chars: Vec<char> =
        text.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphanumeric() || *c == ' ').collect();
    chars.windows(3).map(|w| [w[0], w[1], w[2]]).collect()
}

/// How much of `needle`'s wording appears in `passage`, from 0 to 1, with a
/// penalty when the passage is much longer, so the tightest match wins.
pub fn similarity(needle: &str, passage: &str) -> f64 {
    let a = trigrams(needle);
    let b = trigrams(passage);
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.intersection(&b).count() as f64;
    let containment = shared / a.len() as f64;
    let dice = 2.0 * shared / (a.len() + b.len()) as f64;
    0.75 * containment + 0.25 * dice
}

/// The passage most like `needle`, when it is close enough to be what the
/// teacher meant.
pub fn nearest_passage<'a>(needle: &str, passages: &'a [String]) -> Option<&'a str> {
    passages
        .iter()
        .map(|p| (similarity(needle, p), p))
        .filter(|(s, _)| *s >= 0.55)
        .max_by(|x, y| x.0.total_cmp(&y.0))
        .map(|(_, p)| p.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("Figure", "figure"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn closest_finds_typos_only() {
        let kinds = ["MultipleChoice", "TrueFalse", "Figure"];
        assert_eq!(closest("MultipleChoise", kinds), Some("MultipleChoice"));
        assert_eq!(closest("Essay", kinds), None);
    }

    #[test]
    fn nearest_passage_prefers_the_matching_sentence() {
        let passages = vec![
            "Parliament passes laws which judges apply.".to_string(),
            "The Green Party is calling on the government to decriminalise cannabis.".to_string(),
        ];
        assert_eq!(
            nearest_passage("Parliament passes the laws that judges apply", &passages),
            Some("Parliament passes laws which judges apply.")
        );
        assert_eq!(nearest_passage("Something else entirely, about tax.", &passages), None);
    }
}

//! Figures written as bounds ("more than 120,000", "under 5 percent"), and
//! when one makes another true.
//!
//! A figure question whose answer is "More than 120,000" cannot offer "More
//! than 12,000" as a wrong choice: it is true too. This module reads the
//! bound a choice states and says whether the answer implies it. It only
//! compares bounds of the same direction, unit and scale it can read; any
//! other text is not a bound, and nothing is guessed.

/// Which side of the figure the bound is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// "more than", "over", "at least": the figure is above.
    Lower,
    /// "fewer than", "under", "at most": the figure is below.
    Upper,
}

/// A choice read as a bound: "more than 1.2 million people" is
/// `Bound { side: Lower, value: 1_200_000, strict: true, unit: "people" }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bound {
    pub side: Side,
    pub value: f64,
    /// `true` for "more than" (the value itself is excluded), `false` for
    /// "at least".
    pub strict: bool,
    /// What follows the number, lower-cased ("percent", "people", "").
    pub unit: String,
}

/// The words that open a bound, longest first so "no more than" is not read
/// as "more than".
const OPENINGS: [(&str, Side, bool); 20] = [
    ("no more than", Side::Upper, false),
    ("not more than", Side::Upper, false),
    ("no fewer than", Side::Lower, false),
    ("not fewer than", Side::Lower, false),
    ("no less than", Side::Lower, false),
    ("not less than", Side::Lower, false),
    ("greater than", Side::Lower, true),
    ("upwards of", Side::Lower, true),
    ("more than", Side::Lower, true),
    ("fewer than", Side::Upper, true),
    ("less than", Side::Upper, true),
    ("at least", Side::Lower, false),
    ("at most", Side::Upper, false),
    ("well over", Side::Lower, true),
    ("above", Side::Lower, true),
    ("below", Side::Upper, true),
    ("over", Side::Lower, true),
    ("under", Side::Upper, true),
    ("up to", Side::Upper, false),
    ("beyond", Side::Lower, true),
];

/// Words after the number that scale it.
const SCALES: [(&str, f64); 4] = [("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)];

impl Bound {
    /// Reads a choice as a bound, or `None` when it is not one (an exact
    /// figure, a year, a range, or words this module does not know).
    pub fn parse(choice: &str) -> Option<Bound> {
        let text = choice.trim().to_lowercase();
        let (rest, side, strict) = OPENINGS.iter().find_map(|&(opening, side, strict)| {
            let rest = text.strip_prefix(opening)?;
            // "overall" or "undertaking" do not open a bound.
            rest.starts_with(|c: char| c.is_whitespace()).then_some((rest.trim_start(), side, strict))
        })?;
        let number_len =
            rest.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(rest.len());
        let number = rest[..number_len].trim_end_matches(['.', ',']);
        if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let mut value: f64 = number.replace(',', "").parse().ok()?;
        let mut unit = rest[number.len()..].trim().trim_end_matches(['.', '!', '?']).trim().to_string();
        for (word, factor) in SCALES {
            if let Some(after) = unit.strip_prefix(word)
                && (after.is_empty() || after.starts_with(' '))
            {
                value *= factor;
                unit = after.trim().to_string();
                break;
            }
        }
        if unit == "%" {
            unit = "percent".to_string();
        }
        // Another number after the first ("over 10 and under 20") is not one bound.
        if unit.contains(|c: char| c.is_ascii_digit()) || !value.is_finite() {
            return None;
        }
        Some(Bound { side, value, strict, unit })
    }

    /// Whether a figure known to satisfy `self` also satisfies `other`: true
    /// when `other` is a looser bound of the same side and unit.
    pub fn implies(&self, other: &Bound) -> bool {
        if self.side != other.side || self.unit != other.unit {
            return false;
        }
        let looser = match self.side {
            Side::Lower => other.value < self.value,
            Side::Upper => other.value > self.value,
        };
        // "More than 5" makes "at least 5" true; "at least 5" does not make "more than 5" true.
        let same_value_holds = other.value == self.value && (self.strict || !other.strict);
        looser || same_value_holds
    }
}

/// The opening of a bound written just before `figure` in `sentence`, as
/// written there ("More than" in "More than 120,000 New Zealanders"), and
/// its side; `None` when the figure is not given as a bound.
pub fn stated_before(sentence: &str, figure: &str) -> Option<(String, Side)> {
    let lower = sentence.to_lowercase();
    OPENINGS.iter().find_map(|&(opening, side, _)| {
        let at = lower.find(&format!("{opening} {figure}"))?;
        // A whole word: "moreover 5" does not open with "over".
        let starts_word = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let written = sentence.get(at..at + opening.len())?;
        starts_word.then(|| (capitalised(written), side))
    })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(text: &str) -> Bound {
        Bound::parse(text).unwrap_or_else(|| panic!("{text:?} is a bound"))
    }

    #[test]
    fn reads_bounds_with_scales_and_units() {
        assert_eq!(
            b("More than 120,000"),
            Bound { side: Side::Lower, value: 120000.0, strict: true, unit: "".into() }
        );
        assert_eq!(b("More than 1.2 million").value, 1_200_000.0);
        assert_eq!(b("under 5%").unit, "percent");
        assert_eq!(
            b("At least 80 percent"),
            Bound { side: Side::Lower, value: 80.0, strict: false, unit: "percent".into() }
        );
        assert_eq!(b("no more than 3 people").side, Side::Upper);
        for not_a_bound in [
            "120,000",
            "About 12,000",
            "Overall 64 percent",
            "more than half",
            "2010 to 2019",
            "Over 10 and under 20",
        ] {
            assert_eq!(Bound::parse(not_a_bound), None, "{not_a_bound:?}");
        }
    }

    #[test]
    fn finds_the_bound_an_article_states() {
        let s = "More than 120,000 New Zealanders had been prosecuted, and under 5 percent of them jailed.";
        assert_eq!(stated_before(s, "120,000"), Some(("More than".to_string(), Side::Lower)));
        assert_eq!(stated_before(s, "5"), Some(("Under".to_string(), Side::Upper)));
        assert_eq!(stated_before("Moreover 5 people came.", "5"), None);
        assert_eq!(stated_before("In 1980, 5 people came.", "1980"), None);
    }

    #[test]
    fn a_bound_implies_the_looser_ones_of_its_kind() {
        let answer = b("More than 120,000");
        assert!(answer.implies(&b("More than 12,000")));
        assert!(answer.implies(&b("over 50,000")));
        assert!(answer.implies(&b("at least 120,000")));
        assert!(!answer.implies(&b("More than 1.2 million")), "a stricter bound is not implied");
        assert!(!answer.implies(&b("Fewer than 200,000")), "the other side is not implied");
        assert!(!answer.implies(&b("More than 12,000 people")), "another unit is not compared");
        let upper = b("Fewer than 50");
        assert!(upper.implies(&b("under 60")));
        assert!(!upper.implies(&b("under 40")));
        assert!(!b("at least 5").implies(&b("more than 5")));
    }
}

//! The figures an article gives: counts, percentages, money, years,
//! ranges ("between 2010 and 2019"), year pairs ("2010 and '11"), vote
//! tallies ("68 votes to 52") and ratios ("1 in 10"), each with the words
//! that bound it ("more than", "fewer than", "about").
//!
//! Numbers that are not figures are left out: dates ("14 March", "1 July
//! 2025"), times, and labels ("Year 7", "section 5", "Covid-19").

use std::ops::Range;

use super::sentences::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Count,
    Percent,
    Money,
    Year,
    Ratio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Single,
    /// "between A and B", "from A to B", "A–B".
    Range,
    /// "2010 and '11".
    YearPair,
    /// "68 votes to 52": the first number won.
    Tally,
}

/// What the words before a figure say about the true number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Exact,
    /// "more than", "over", "at least": the true number is this or higher.
    AtLeast,
    /// "fewer than", "under", "up to": this or lower.
    AtMost,
    /// "about", "nearly", "some": a rounded number.
    About,
}

/// How a number is written, so a wrong choice is written the same way.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    pub decimals: usize,
    /// Thousands separators ("1,312").
    pub grouped: bool,
    /// "$", "NZ$", "£".
    pub currency: String,
    /// " million", "m": the scale word as written, and what it multiplies by.
    pub scale: Option<(String, f64)>,
    /// " percent", "%", " per cent".
    pub unit: String,
    /// "'11": a year written with two digits.
    pub short_year: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// The value as written, before any scale ("4.2" in "$4.2 million").
    pub value: f64,
    pub style: Style,
    pub range: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub sentence: usize,
    /// The figure as written, without its qualifier: "64 percent".
    pub range: Range<usize>,
    /// What a gap in the sentence covers: the qualifier and the figure.
    pub blank: Range<usize>,
    pub kind: Kind,
    pub shape: Shape,
    pub bound: Bound,
    /// The qualifier as written ("More than"), when there is one.
    pub qualifier: Option<String>,
    pub numbers: Vec<Number>,
    /// The words between a compound figure's numbers (" and ", " votes to ").
    pub joiner: String,
    /// Inside this quotation: a speaker's own words.
    pub quotation: Option<usize>,
    /// A percentage of a whole ("80 percent of New Zealanders"), not a
    /// change ("decreased by 64 percent").
    pub share: bool,
    /// Right after "since", "before", "after", "by" or "until": a year a
    /// statement runs from or to, so a different year may be just as true.
    pub anchors_time: bool,
}

impl Figure {
    pub fn text<'t>(&self, layout: &Layout<'t>) -> &'t str {
        layout.slice(&self.range)
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTHS_SHORT: [&str; 11] =
    ["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov"];
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Words before a number that make it a label, not a figure.
const LABELS: [&str; 24] = [
    "section", "clause", "article", "schedule", "level", "no", "number", "form", "room", "ward", "route",
    "highway", "grade", "stage", "phase", "chapter", "page", "rule", "platform", "gate", "tier", "sh",
    "part", "version",
];

const QUALIFIERS: [(&str, Bound); 26] = [
    ("more than", Bound::AtLeast),
    ("over", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("upwards of", Bound::AtLeast),
    ("in excess of", Bound::AtLeast),
    ("just over", Bound::AtLeast),
    ("well over", Bound::AtLeast),
    ("above", Bound::AtLeast),
    ("fewer than", Bound::AtMost),
    ("less than", Bound::AtMost),
    ("under", Bound::AtMost),
    ("below", Bound::AtMost),
    ("up to", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("just under", Bound::AtMost),
    ("no more than", Bound::AtMost),
    ("nearly", Bound::About),
    ("almost", Bound::About),
    ("about", Bound::About),
    ("around", Bound::About),
    ("roughly", Bound::About),
    ("approximately", Bound::About),
    ("some", Bound::About),
    ("close to", Bound::About),
    ("an estimated", Bound::About),
    ("an estimate of", Bound::About),
];

const SCALES: [(&str, f64); 7] = [
    (" trillion", 1e12),
    (" billion", 1e9),
    (" million", 1e6),
    (" thousand", 1e3),
    ("bn", 1e9),
    ("m", 1e6),
    ("k", 1e3),
];

const UNITS: [&str; 5] = [" percentage points", " per cent", " percent", "%", " pc"];

fn is_year_value(n: &Number) -> bool {
    n.value.fract() == 0.0
        && (1800.0..=2100.0).contains(&n.value)
        && !n.style.grouped
        && n.style.currency.is_empty()
        && n.style.unit.is_empty()
        && n.style.scale.is_none()
}

/// The last word before byte `at` in `text`, lower-cased.
fn word_before(text: &str, at: usize) -> String {
    let before = text[..at].trim_end();
    let start = before
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    before[start..].to_lowercase()
}

/// The first word after byte `at` in `text`, lower-cased.
fn word_after(text: &str, at: usize) -> String {
    let after = text[at..].trim_start_matches([' ', ',']);
    let end = after.find(|c: char| !c.is_alphanumeric()).unwrap_or(after.len());
    after[..end].to_lowercase()
}

fn is_month(word: &str) -> bool {
    MONTHS.contains(&word) || MONTHS_SHORT.contains(&word)
}

/// The numbers written in one sentence, with their style.
fn numbers(text: &str, range: Range<usize>) -> Vec<Number> {
    let body = &text[range.clone()];
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let prev = body[..start].chars().next_back();
        // Glued to a word before: "Covid-19", "A1", "G20".
        let glued_before = prev.is_some_and(|c| c.is_alphanumeric() || c == '.')
            || (prev == Some('-') && body[..start - 1].chars().next_back().is_some_and(char::is_alphabetic));
        let mut digits = String::new();
        let mut grouped = false;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                digits.push(bytes[i] as char);
                i += 1;
            } else if bytes[i] == b','
                && bytes.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
            {
                grouped = true;
                i += 1;
            } else {
                break;
            }
        }
        let mut decimals = 0;
        if bytes.get(i) == Some(&b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
            digits.push('.');
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                digits.push(bytes[i] as char);
                decimals += 1;
                i += 1;
            }
        }
        let Ok(value) = digits.parse::<f64>() else { continue };
        // Currency just before the digits: "$", "NZ$", "£".
        let mut from = start;
        let mut currency = String::new();
        if let Some(c) = prev
            && matches!(c, '$' | '£' | '€')
        {
            from -= c.len_utf8();
            let letters = body[..from].chars().rev().take_while(|c| c.is_ascii_uppercase()).count();
            from -= letters;
            currency = body[from..start].to_string();
        }
        let short_year = currency.is_empty()
            && matches!(prev, Some('\'' | '\u{2019}'))
            && digits.len() == 2
            && !body[..start - prev.map_or(0, char::len_utf8)]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        if short_year {
            from -= prev.map_or(0, char::len_utf8);
        }
        let glued_before = glued_before && currency.is_empty();
        let rest = &body[i..];
        let mut end = i;
        let mut scale = None;
        for (word, mult) in SCALES {
            let glued = !word.starts_with(' ');
            if glued && currency.is_empty() {
                continue;
            }
            if rest.starts_with(word) && !rest[word.len()..].chars().next().is_some_and(char::is_alphanumeric)
            {
                scale = Some((word.to_string(), mult));
                end += word.len();
                break;
            }
        }
        let rest = &body[end..];
        let mut unit = String::new();
        for u in UNITS {
            if rest.starts_with(u) && !rest[u.len()..].chars().next().is_some_and(char::is_alphanumeric) {
                unit = u.to_string();
                end += u.len();
                break;
            }
        }
        // Glued to a word after: "3pm", "1st", "10km", "16-year-old".
        let next = body[end..].chars().next();
        let glued_after = next.is_some_and(char::is_alphabetic)
            || (next == Some('-') && body[end + 1..].chars().next().is_some_and(char::is_alphabetic));
        if glued_before || glued_after {
            continue;
        }
        out.push(Number {
            value,
            style: Style { decimals, grouped, currency, scale, unit, short_year },
            range: range.start + from..range.start + end,
        });
    }
    out
}

/// Whether the number is part of a date, a time or a label.
fn not_a_figure(text: &str, n: &Number, numbers: &[Number], k: usize) -> bool {
    let before = word_before(text, n.range.start);
    let after = word_after(text, n.range.end);
    let plain = n.style.currency.is_empty() && n.style.unit.is_empty() && n.style.scale.is_none();
    if !plain {
        return false;
    }
    if is_month(&before) || is_month(&after) || WEEKDAYS.contains(&before.as_str()) {
        return true;
    }
    // "Priya Nair, 34, said": an age between commas after a name.
    let before_comma = text[..n.range.start].trim_end();
    if let Some(name_end) = before_comma.strip_suffix(',')
        && text[n.range.end..].starts_with(',')
        && n.value < 130.0
        && name_end.rsplit(' ').next().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        return true;
    }
    let rest = text[n.range.end..].trim_start().to_lowercase();
    if matches!(after.as_str(), "am" | "pm") || rest.starts_with("a.m") || rest.starts_with("p.m") {
        return true;
    }
    // "Year 7" (with a capital), "section 5", and "Year 7 and 8".
    let label = |word: &str, at: usize| {
        LABELS.contains(&word) || (word == "year" && text[..at].trim_end().ends_with("Year"))
    };
    if label(&before, n.range.start) {
        return true;
    }
    if matches!(before.as_str(), "and" | "or" | "to")
        && let Some(p) = k.checked_sub(1).map(|p| &numbers[p])
    {
        let between = &text[p.range.end..n.range.start];
        if between.split_whitespace().count() == 1 && label(&word_before(text, p.range.start), p.range.start)
        {
            return true;
        }
    }
    false
}

fn qualifier_before(text: &str, at: usize) -> Option<(usize, Bound)> {
    let before = text[..at].trim_end_matches(' ');
    let lowered = before.to_lowercase();
    QUALIFIERS
        .iter()
        .filter(|(q, _)| {
            lowered.ends_with(q)
                && !lowered[..lowered.len() - q.len()].chars().next_back().is_some_and(char::is_alphanumeric)
        })
        .max_by_key(|(q, _)| q.len())
        .map(|(q, b)| (before.len() - q.len(), *b))
}

fn kind_of(n: &Number) -> Kind {
    if !n.style.unit.is_empty() {
        Kind::Percent
    } else if !n.style.currency.is_empty() {
        Kind::Money
    } else if is_year_value(n) || n.style.short_year {
        Kind::Year
    } else {
        Kind::Count
    }
}

/// Every figure in the article, in text order.
pub fn find(layout: &Layout) -> Vec<Figure> {
    let text = layout.text;
    let mut out = Vec::new();
    for (s, sentence) in layout.sentences.iter().enumerate() {
        let all = numbers(text, sentence.range.clone());
        let kept: Vec<Number> = all
            .iter()
            .enumerate()
            .filter(|(k, n)| !not_a_figure(text, n, &all, *k))
            .map(|(_, n)| n.clone())
            .collect();
        let mut k = 0;
        while k < kept.len() {
            let a = &kept[k];
            let next = kept.get(k + 1);
            let (shape, numbers, joiner) = match next.map(|b| (b, &text[a.range.end..b.range.start])) {
                Some((b, between)) => {
                    let before = word_before(text, a.range.start);
                    let lowered = between.to_lowercase();
                    if b.style.short_year && is_year_value(a) && lowered == " and " {
                        (Shape::YearPair, vec![a.clone(), b.clone()], between.to_string())
                    } else if lowered == " votes to "
                        || (lowered == " to " && matches!(before.as_str(), "voted" | "vote"))
                        || (matches!(between, "-" | "\u{2013}")
                            && a.value > b.value
                            && b.value < 1000.0
                            && [a, b].iter().all(|n| n.style.unit.is_empty() && n.style.currency.is_empty()))
                    {
                        (Shape::Tally, vec![a.clone(), b.clone()], between.to_string())
                    } else if lowered == " in "
                        && a.value >= 1.0
                        && b.value > a.value
                        && b.value <= 1000.0
                        && a.style.unit.is_empty()
                        && b.style.unit.is_empty()
                    {
                        (Shape::Single, vec![a.clone(), b.clone()], between.to_string())
                    } else if ((before == "between" && lowered == " and ")
                        || (before == "from" && lowered == " to ")
                        || matches!(between, "-" | "\u{2013}" | " - " | " \u{2013} "))
                        && (kind_of(a) == kind_of(b) || kind_of(a) == Kind::Count)
                        && b.value > a.value
                    {
                        let mut a = a.clone();
                        // "between 2 and 3 million": the first takes the second's style.
                        if a.style.unit.is_empty() && a.style.currency.is_empty() && a.style.scale.is_none() {
                            a.style.unit = b.style.unit.clone();
                            a.style.scale = b.style.scale.clone();
                        }
                        (Shape::Range, vec![a, b.clone()], between.to_string())
                    } else {
                        (Shape::Single, vec![a.clone()], String::new())
                    }
                }
                None => (Shape::Single, vec![a.clone()], String::new()),
            };
            k += numbers.len();
            if shape == Shape::Single && numbers[0].style.short_year {
                continue; // "'11" alone is too little to ask about
            }
            let kind = if numbers.len() == 2 && joiner.trim() == "in" {
                Kind::Ratio
            } else if shape == Shape::YearPair {
                Kind::Year
            } else {
                kind_of(numbers.last().expect("one or two numbers"))
            };
            let range = numbers[0].range.start..numbers[numbers.len() - 1].range.end;
            let qualifier = (kind != Kind::Year).then(|| qualifier_before(text, range.start)).flatten();
            let blank_start = qualifier.map_or(range.start, |(at, _)| at);
            let anchor_word = word_before(text, blank_start);
            out.push(Figure {
                sentence: s,
                blank: blank_start..range.end,
                qualifier: qualifier.map(|(at, _)| text[at..range.start].trim_end().to_string()),
                bound: qualifier.map_or(Bound::Exact, |(_, b)| b),
                quotation: layout.quotation_at(range.start),
                share: kind == Kind::Percent
                    && !matches!(word_before(text, blank_start).as_str(), "by" | "to" | "from"),
                anchors_time: kind == Kind::Year
                    && matches!(anchor_word.as_str(), "since" | "before" | "after" | "by" | "until" | "till"),
                range,
                kind,
                shape,
                numbers,
                joiner,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Kind, Shape, Bound)> {
        let layout = Layout::new(text);
        find(&layout).iter().map(|f| (f.text(&layout).to_string(), f.kind, f.shape, f.bound)).collect()
    }

    fn one(text: &str, kind: Kind, shape: Shape, bound: Bound) -> (String, Kind, Shape, Bound) {
        (text.to_string(), kind, shape, bound)
    }

    #[test]
    fn counts_percentages_years_and_money() {
        use {Bound::*, Kind::*, Shape::Single};
        assert_eq!(
            found("More than 120,000 New Zealanders had been prosecuted since 1980, she said."),
            [one("120,000", Count, Single, AtLeast), one("1980", Year, Single, Exact),]
        );
        assert_eq!(
            found("It fell by 64 percent, or 50.7% of it, at a cost of about NZ$4.2 million and $180."),
            [
                one("64 percent", Percent, Single, Exact),
                one("50.7%", Percent, Single, Exact),
                one("NZ$4.2 million", Money, Single, About),
                one("$180", Money, Single, Exact),
            ]
        );
        assert_eq!(
            found("Fewer than 200 spoke in the 2020 referendum."),
            [one("200", Count, Single, AtMost), one("2020", Year, Single, Exact),]
        );
    }

    #[test]
    fn ranges_year_pairs_tallies_and_ratios() {
        use {Bound::*, Kind::*, Shape::*};
        assert_eq!(
            found("Charges fell by 64 percent between 2010 and 2019."),
            [one("64 percent", Percent, Single, Exact), one("2010 and 2019", Year, Range, Exact),]
        );
        assert_eq!(
            found("The Law Commission report from 2010 and '11 ."),
            [one("2010 and '11", Year, YearPair, Exact)]
        );
        assert_eq!(
            found("It cost between $2 million and $3 million."),
            [one("$2 million and $3 million", Money, Range, Exact)]
        );
        assert_eq!(
            found("Councillors voted 9 to 4 and the bill passed by 68 votes to 52."),
            [one("9 to 4", Count, Tally, Exact), one("68 votes to 52", Count, Tally, Exact),]
        );
        assert_eq!(found("Fewer than 1 in 10 schools left."), [one("1 in 10", Ratio, Single, AtMost)]);
        assert_eq!(
            found("Breaks rose from 61 in 2019 to 148 in 2023."),
            [
                one("61", Count, Single, Exact),
                one("2019", Year, Single, Exact),
                one("148", Count, Single, Exact),
                one("2023", Year, Single, Exact),
            ]
        );
    }

    #[test]
    fn dates_times_and_labels_are_not_figures() {
        assert_eq!(found("They met on 14 March and will start on 1 July 2025, or March 2026."), []);
        assert_eq!(found("It opens at 9am on Tuesday 3 September, until 30 November."), []);
        assert_eq!(found("Her Year 7 and 8 students read section 5 of the Covid-19 rules."), []);
        assert_eq!(found("A 16-year-old and the 1st of them."), []);
        assert_eq!(found("\"It was worth it,\" said Priya Nair, 34, who came."), [], "an age");
    }

    #[test]
    fn a_year_after_since_is_marked() {
        let layout = Layout::new("Prosecuted since 1980. Held in 2017.");
        let f = find(&layout);
        assert!(f[0].anchors_time);
        assert!(!f[1].anchors_time);
    }
}

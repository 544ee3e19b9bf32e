//! Wrong choices for a figure question: plausible (other figures of the
//! same kind in the article, near values, swapped digits) and never
//! secretly true.
//!
//! What "true" means depends on the words before the figure. Under "more
//! than 120,000" the true number is above 120,000, so "more than 12,000" is
//! true too; the wrong choices are either the opposite bound at or below it
//! ("fewer than 120,000", provably false) or the same bound far above it
//! ("more than 1.2 million"). "Fewer than" mirrors that, and "about" keeps
//! every wrong value at least half as far again from the figure.

use super::figures::{Bound, Figure, Kind, Number, Shape, Style};
use super::sentences::Layout;

/// How many wrong choices a figure question offers.
const WRONG: usize = 3;

/// A number written in `style`: "120,000", "64 percent", "$4.2 million",
/// "'11".
pub fn format(value: f64, style: &Style) -> String {
    if style.short_year {
        return format!("'{:02}", (value.rem_euclid(100.0)) as i64);
    }
    let (mut value, mut scale) = (value, style.scale.clone());
    // "$0.42 million" reads better as "$420,000".
    if let Some((_, mult)) = &scale
        && value < 1.0
    {
        value *= mult;
        scale = None;
    }
    // "$3,200 million" reads better as "$3.2 billion".
    if let Some((word, mult)) = &scale
        && word == " million"
        && value >= 1000.0
    {
        value /= 1000.0;
        scale = Some((" billion".to_string(), mult * 1000.0));
    }
    // Whole numbers lose their decimals ("64", not "64.0").
    let decimals = if value.fract().abs() < 1e-9 { 0 } else { style.decimals.max(1) };
    let mut number = format!("{value:.decimals$}");
    let grouped = style.grouped || (value.abs() >= 10_000.0 && scale.is_none());
    if grouped {
        number = group(&number);
    }
    let (mut out, mut unit) = (format!("{}{number}", style.currency), style.unit.clone());
    // A count of a million or more without a scale word reads as "1.2 million".
    // Only when that is exact: "1.7 million" for 1,700,001 would change
    // which statements are true.
    let tenths = value / 1e5;
    if scale.is_none()
        && style.currency.is_empty()
        && style.unit.is_empty()
        && value >= 1e6
        && tenths.fract() == 0.0
    {
        let millions = value / 1e6;
        let text =
            if millions.fract().abs() < 1e-9 { format!("{millions:.0}") } else { format!("{millions:.1}") };
        out = format!("{text} million");
    }
    if let Some((word, _)) = scale {
        out.push_str(&word);
    }
    out.push_str(&std::mem::take(&mut unit));
    out
}

fn group(number: &str) -> String {
    let (int, frac) = number.split_once('.').map_or((number, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// The right answer as a choice: the qualifier (capitalised) and the figure
/// as the article writes it.
pub fn answer(layout: &Layout, figure: &Figure) -> String {
    let text = figure.text(layout).trim().to_string();
    match &figure.qualifier {
        Some(q) => format!("{} {text}", capitalise(q)),
        None => text,
    }
}

/// The opposite of a bound, for a wrong choice that is provably false.
fn flipped(figure: &Figure) -> String {
    let q = figure.qualifier.as_deref().unwrap_or_default().to_lowercase();
    let fewer = if figure.kind == Kind::Count && figure.numbers[0].style.unit.is_empty() {
        "Fewer than"
    } else {
        "Less than"
    };
    match figure.bound {
        Bound::AtLeast if q.contains("over") => "Under".to_string(),
        Bound::AtLeast if q == "above" => "Below".to_string(),
        Bound::AtLeast => fewer.to_string(),
        Bound::AtMost if q.contains("under") => "Over".to_string(),
        Bound::AtMost if q == "below" => "Above".to_string(),
        _ => "More than".to_string(),
    }
}

/// A value rounded to `digits` significant digits.
fn significant(value: f64, digits: i32) -> f64 {
    if value == 0.0 {
        return 0.0;
    }
    let magnitude = 10f64.powi(value.abs().log10().floor() as i32 - digits + 1);
    (value / magnitude).round() * magnitude
}

/// The value with its first two differing digits swapped: 64 -> 46,
/// 120,000 -> 210,000, 4.2 -> 2.4. `None` when that gives a leading zero
/// or the same number.
fn swapped(n: &Number) -> Option<f64> {
    let text = format!("{:.*}", n.style.decimals, n.value);
    let digits: Vec<char> = text.chars().filter(char::is_ascii_digit).collect();
    let point = text.find('.').unwrap_or(text.len());
    if digits.len() < 2 || digits[0] == digits[1] || digits[1] == '0' {
        return None;
    }
    let mut d = digits.clone();
    d.swap(0, 1);
    let mut s: String = d.iter().collect();
    if point < s.len() {
        s.insert(point, '.');
    }
    s.parse::<f64>().ok().filter(|v| (*v - n.value).abs() > 1e-9)
}

/// Whether `m`, written with the figure's own qualifier, is false.
fn same_bound_is_false(kind: Kind, bound: Bound, v: f64, m: f64) -> bool {
    let percent = kind == Kind::Percent;
    match bound {
        Bound::Exact => {
            if percent {
                (m - v).abs() >= 1.0 || (m - v).abs() >= v * 0.1
            } else {
                (m - v).abs() >= v.abs() * 0.1
            }
        }
        Bound::AtLeast => {
            if percent {
                m >= v + 15.0
            } else {
                m >= 2.0 * v
            }
        }
        Bound::AtMost => {
            if percent {
                m <= v - 15.0
            } else {
                m <= v / 2.0
            }
        }
        Bound::About => {
            if percent {
                (m - v).abs() >= 10.0
            } else {
                m >= 1.5 * v || m <= v / 1.5
            }
        }
    }
}

/// Whether `m`, written with the opposite qualifier, is false: under "more
/// than v", "fewer than m" is false for every m up to v.
fn flipped_is_false(bound: Bound, v: f64, m: f64) -> bool {
    match bound {
        Bound::AtLeast => m <= v,
        Bound::AtMost => m >= v,
        _ => false,
    }
}

fn in_range(kind: Kind, v: f64, m: f64) -> bool {
    m > 0.0 && (kind != Kind::Percent || m <= 100.0 || v > 100.0)
}

/// Wrong choices for a single figure (count, percent, money, year, ratio).
fn single(layout: &Layout, figure: &Figure, all: &[Figure], latest_year: f64) -> Vec<String> {
    let n = &figure.numbers[0];
    let kind = figure.kind;
    let bound = figure.bound;
    let ratio = kind == Kind::Ratio;
    // Ratios are compared as fractions and written "1 in N".
    let v = if ratio { n.value / figure.numbers[1].value } else { n.value };
    // Thousands separators where the article uses them ("1,312"), so a
    // wrong choice is not told apart by its commas.
    let mut style = n.style.clone();
    style.grouped |= kind != Kind::Year && all.iter().any(|f| f.numbers.iter().any(|o| o.style.grouped));
    let write = |m: f64| -> String {
        if ratio {
            format!("1 in {}", (1.0 / m).round())
        } else {
            let rounded =
                (m * 10f64.powi(n.style.decimals as i32)).round() / 10f64.powi(n.style.decimals as i32);
            format(rounded, &style)
        }
    };
    let same = |m: f64| match &figure.qualifier {
        Some(q) => format!("{} {}", capitalise(q), write(m)),
        None => write(m),
    };
    let opposite = |m: f64| format!("{} {}", flipped(figure), write(m));
    let answer = answer(layout, figure);
    let mut out: Vec<String> = Vec::new();
    let offer = |text: String, out: &mut Vec<String>| {
        if text != answer && !out.contains(&text) && out.len() < WRONG {
            out.push(text);
        }
    };
    if kind == Kind::Year {
        // A year from the same sentence makes a choice that contradicts the
        // sentence itself ("from 61 in 2023 to 148 in 2023"): too easy.
        let same_sentence: Vec<f64> = all
            .iter()
            .filter(|f| f.sentence == figure.sentence)
            .flat_map(|f| f.numbers.iter().map(|n| n.value))
            .collect();
        let mut years: Vec<f64> = all
            .iter()
            .filter(|f| f.kind == Kind::Year && f.shape == Shape::Single)
            .map(|f| f.numbers[0].value)
            .filter(|&y| y != v && !same_sentence.contains(&y))
            .collect();
        years.sort_by(|a, b| (a - v).abs().total_cmp(&(b - v).abs()));
        years.dedup();
        let near = [-2.0, 3.0, -5.0, 5.0, -10.0, 1.0].map(|d| v + d);
        for y in years.into_iter().take(2).chain(near) {
            if y <= latest_year.max(v) && !same_sentence.contains(&y) {
                offer(write(y), &mut out);
            }
        }
        return out;
    }
    // Candidates in order of preference, each with whether it takes the
    // opposite qualifier.
    let mut candidates: Vec<(f64, bool)> = Vec::new();
    match bound {
        Bound::AtLeast | Bound::AtMost => {
            // The answer must not be the smallest (or largest) choice every
            // time: one wrong choice on each side of it.
            let (far, farther, other_side) = if bound == Bound::AtLeast {
                (significant(v * 2.5, 2), v * 10.0, significant(v / 2.5, 2))
            } else {
                (significant(v / 2.5, 2), v / 10.0, significant(v * 2.5, 2))
            };
            if ratio {
                let (near, far) =
                    if bound == Bound::AtLeast { (v / 2.5, v * 2.5) } else { (v * 2.5, v / 2.5) };
                candidates.extend([(v, true), (far, false), (near, true)]);
            } else if kind == Kind::Percent {
                let step = if bound == Bound::AtLeast { 20.0 } else { -20.0 };
                candidates.extend([
                    (v, true),
                    (v + step, false),
                    (v - step / 2.0, true),
                    (v + 2.0 * step, false),
                ]);
            } else {
                candidates.extend([(v, true), (far, false), (other_side, true), (farther, false)]);
            }
        }
        Bound::Exact | Bound::About => {
            if let Some(s) = swapped(n) {
                candidates.push((s, false));
            }
            let mut others: Vec<f64> = all
                .iter()
                .filter(|f| {
                    f.kind == kind && f.shape == Shape::Single && f.numbers.len() == figure.numbers.len()
                })
                .map(|f| if ratio { f.numbers[0].value / f.numbers[1].value } else { f.numbers[0].value })
                .filter(|&o| kind == Kind::Percent || (o / v > 0.2 && o / v < 5.0))
                .collect();
            others.sort_by(|a, b| (a / v).ln().abs().total_cmp(&(b / v).ln().abs()));
            if let Some(&o) = others.iter().find(|&&o| (o - v).abs() > 1e-9) {
                candidates.push((o, false));
            }
            if kind == Kind::Percent {
                // The rest of a whole ("50.7 percent in opposition" against
                // 49.3), but not for a change ("rose by 6 percent").
                if figure.share && (20.0..=80.0).contains(&v) {
                    candidates.push((100.0 - v, false));
                }
                candidates.extend([(v + 10.0, false), (v - 10.0, false), (v + 20.0, false)]);
            } else if ratio {
                candidates.extend([(v * 2.5, false), (v / 2.5, false), (v * 5.0, false)]);
            } else {
                let whole = n.style.decimals == 0;
                let nice = |m: f64| if whole && m >= 10.0 { significant(m, 2) } else { m };
                candidates.extend([(nice(v * 2.0), false), (nice(v / 2.0), false), (v * 10.0, false)]);
                if !whole || v >= 10.0 {
                    candidates.push((v / 10.0, false));
                }
            }
            candidates.extend(others.into_iter().skip(1).map(|o| (o, false)));
        }
    }
    for (m, flip) in candidates {
        let m = if ratio {
            m
        } else {
            (m * 10f64.powi(n.style.decimals as i32)).round() / 10f64.powi(n.style.decimals as i32)
        };
        if !in_range(kind, v, m) || (ratio && (1.0 / m).round() < 1.0) {
            continue;
        }
        let safe = if flip { flipped_is_false(bound, v, m) } else { same_bound_is_false(kind, bound, v, m) };
        if safe && (n.style.decimals > 0 || ratio || m.fract().abs() < 1e-9) {
            offer(if flip { opposite(m) } else { same(m) }, &mut out);
        }
    }
    out
}

/// Wrong choices for two-number figures: ranges, year pairs and tallies.
fn compound(figure: &Figure, latest_year: f64) -> Vec<String> {
    let (a, b) = (&figure.numbers[0], &figure.numbers[1]);
    let write = |x: f64, y: f64| format!("{}{}{}", format(x, &a.style), figure.joiner, format(y, &b.style));
    let mut pairs: Vec<(f64, f64)> = Vec::new();
    match figure.shape {
        Shape::Tally => {
            for d in [2.0, -2.0, 5.0, -5.0, 8.0] {
                let d = if a.value + b.value > 40.0 {
                    d * 2.0
                } else {
                    (d / 2.0f64).round().max(1.0) * d.signum()
                };
                pairs.push((a.value + d, b.value - d));
            }
            pairs.retain(|(x, y)| x > y && *y >= 0.0);
        }
        Shape::YearPair => {
            for d in [-2.0, 2.0, -5.0, -10.0] {
                pairs.push((a.value + d, b.value + d));
            }
            pairs.retain(|(x, _)| *x <= latest_year);
        }
        _ if figure.kind == Kind::Year => {
            // The same span moved: a different period, so a different claim.
            let width = b.value - a.value;
            for d in [-(width + 1.0), width + 1.0, -3.0, 3.0, -2.0 * (width + 1.0), -7.0] {
                pairs.push((a.value + d, b.value + d));
            }
            pairs.retain(|(x, y)| x < y && *y <= latest_year);
        }
        _ => {
            // Other ranges must not overlap the true one: inside it, a
            // narrower or wider range could be true as well.
            let width = b.value - a.value;
            for (x, y) in [
                (a.value * 10.0, b.value * 10.0),
                (b.value + width, b.value + 2.0 * width),
                (a.value / 10.0, b.value / 10.0),
            ] {
                if (y < a.value || x > b.value) && x > 0.0 {
                    pairs.push((x, y));
                }
            }
        }
    }
    let right = write(a.value, b.value);
    let mut out: Vec<String> = Vec::new();
    for (x, y) in pairs {
        let text = write(x, y);
        if text != right && !out.contains(&text) && out.len() < WRONG {
            out.push(text);
        }
    }
    out
}

/// Up to three wrong choices for `figure`. `all` is every figure of the
/// article; `latest_year` the latest year it mentions, beyond which a wrong
/// year would give itself away.
pub fn for_figure(layout: &Layout, figure: &Figure, all: &[Figure], latest_year: f64) -> Vec<String> {
    match figure.shape {
        Shape::Single => single(layout, figure, all, latest_year),
        _ => compound(figure, latest_year),
    }
}

/// A value's size on a choice: the number times its scale word.
pub fn total(n: &Number) -> f64 {
    n.value * n.style.scale.as_ref().map_or(1.0, |(_, m)| *m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::draft::figures;

    fn choices_for(text: &str) -> (String, Vec<String>) {
        let layout = Layout::new(text);
        let all = figures::find(&layout);
        (answer(&layout, &all[0]), for_figure(&layout, &all[0], &all, 2025.0))
    }

    #[test]
    fn under_more_than_no_wrong_choice_is_secretly_true() {
        let (answer, wrong) = choices_for("More than 120,000 New Zealanders had been prosecuted.");
        assert_eq!(answer, "More than 120,000");
        assert_eq!(wrong, ["Fewer than 120,000", "More than 300,000", "Fewer than 48,000"]);
        assert!(!wrong.contains(&"More than 12,000".to_string()));
    }

    #[test]
    fn under_fewer_than_and_at_least_and_over_the_same_logic() {
        let (_, wrong) = choices_for("Fewer than 200 people asked to speak.");
        assert_eq!(wrong, ["More than 200", "Fewer than 80", "More than 500"]);
        let (_, wrong) = choices_for("At least 30 kilometres of pipe.");
        assert_eq!(wrong, ["Fewer than 30", "At least 75", "Fewer than 12"]);
        let (_, wrong) = choices_for("It took over 40 percent of the vote.");
        assert_eq!(wrong, ["Under 40 percent", "Over 60 percent", "Under 30 percent"]);
        let (answer, wrong) = choices_for("Fewer than 1 in 10 schools left.");
        assert_eq!(answer, "Fewer than 1 in 10");
        assert_eq!(wrong, ["More than 1 in 10", "Fewer than 1 in 25", "More than 1 in 4"]);
    }

    #[test]
    fn exact_figures_get_swapped_digits_article_figures_and_near_values() {
        let (_, wrong) = choices_for("It fell by 64 percent, while 80 percent used it.");
        assert_eq!(wrong, ["46 percent", "80 percent", "74 percent"], "no 36: a fall is no share of a whole");
        let (_, wrong) =
            choices_for("The result was 50.7 percent in opposition, and 64 percent of them voted.");
        assert_eq!(wrong, ["64 percent", "49.3 percent", "60.7 percent"]);
        let (_, wrong) = choices_for("It will raise $4.2 million a year.");
        assert_eq!(wrong, ["$2.4 million", "$8.4 million", "$2.1 million"]);
        let (_, wrong) = choices_for("About $180 a year.");
        assert_eq!(wrong, ["About $810", "About $360", "About $90"]);
    }

    #[test]
    fn ranges_pairs_tallies_and_years() {
        let (_, wrong) = choices_for("It fell between 2010 and 2019.");
        assert_eq!(wrong, ["2000 and 2009", "2007 and 2016", "2013 and 2022"]);
        let (_, wrong) = choices_for("A report from 2010 and '11 .");
        assert_eq!(wrong, ["2008 and '09", "2012 and '13", "2005 and '06"]);
        let (_, wrong) = choices_for("It passed by 68 votes to 52.");
        assert_eq!(wrong, ["72 votes to 48", "64 votes to 56", "78 votes to 42"]);
        let (_, wrong) = choices_for("It will cost between $2 million and $3 million.");
        assert_eq!(
            wrong,
            ["$20 million and $30 million", "$4 million and $5 million", "$200,000 and $300,000"]
        );
        let (_, wrong) = choices_for("The agreement was made in 2017, after the 2020 vote.");
        assert_eq!(wrong, ["2015", "2012", "2022"], "not 2020: the same sentence has it");
    }

    /// The qualifier and number of a choice such as "Fewer than 12,000".
    fn bound_of(choice: &str) -> (bool, f64) {
        let upward = ["More than", "At least", "Over"].iter().any(|q| choice.starts_with(q));
        let digits: String = choice.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        let scale = if choice.ends_with("million") { 1e6 } else { 1.0 };
        (upward, digits.parse::<f64>().unwrap() * scale)
    }

    proptest::proptest! {
        /// Whatever the number, no wrong choice follows from the answer:
        /// under "more than v", "more than m" with m below v is true, and
        /// "fewer than m" above v may be; under "fewer than v", the mirror.
        #[test]
        fn no_wrong_choice_follows_from_the_answer(v in 2u32..5_000_000, q in 0usize..6) {
            let phrases = ["More than", "At least", "Over", "Fewer than", "Under", "Up to"];
            let (answer, wrong) = choices_for(&format!("{} {v} people came.", phrases[q]));
            let (answer_up, v) = bound_of(&answer);
            proptest::prop_assert!(wrong.len() >= 2, "{wrong:?}");
            for w in &wrong {
                let (up, m) = bound_of(w);
                if answer_up {
                    proptest::prop_assert!(if up { m >= 2.0 * v } else { m <= v }, "{answer}: {w}");
                } else {
                    proptest::prop_assert!(if up { m >= v } else { m <= v / 2.0 }, "{answer}: {w}");
                }
            }
        }
    }

    #[test]
    fn formats_follow_the_article() {
        let style = |grouped, unit: &str| Style {
            decimals: 0,
            grouped,
            currency: String::new(),
            scale: None,
            unit: unit.to_string(),
            short_year: false,
        };
        assert_eq!(format(1312.0, &style(true, "")), "1,312");
        assert_eq!(format(1312.0, &style(false, "")), "1312");
        assert_eq!(format(13120.0, &style(false, "")), "13,120");
        assert_eq!(format(1_200_000.0, &style(true, "")), "1.2 million");
        // Rounded to "1.7 million" it would turn "more than" a false bound true.
        assert_eq!(format(1_700_001.0, &style(true, "")), "1,700,001");
        assert_eq!(format(64.0, &style(false, " percent")), "64 percent");
    }
}

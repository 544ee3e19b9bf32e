//! Turning what was found into questions: who-said-it questions from
//! quotes, figure questions (and estimates) from figures, each carrying its
//! sentences of the article verbatim as `source`, an explanation drafted
//! from those sentences only, and `draft: true`.

use std::collections::HashSet;
use std::ops::Range;

use super::figures::{Bound, Figure, Kind, Shape};
use super::people::{People, Role};
use super::quotes::{Attribution, FoundQuote, How, Speaker, Speech};
use super::sentences::Layout;
use super::wrong_choices;
use crate::bank::model::{Difficulty, Question, QuestionKind};
use crate::bank::validate::{fits, slugify};

/// The gap in a figure question's sentence.
pub const GAP: &str = "____";

/// The questions drafted so far, and what was found but left out, with why.
#[derive(Debug, Default)]
pub struct Draft {
    pub questions: Vec<Question>,
    pub left_out: Vec<String>,
    ids: HashSet<String>,
}

impl Draft {
    /// Adds a question with a fresh id made from `id_base`.
    #[allow(clippy::too_many_arguments)]
    pub fn push(
        &mut self,
        id_base: &str,
        topic: &str,
        difficulty: Difficulty,
        kind: QuestionKind,
        explanation: String,
        source: Vec<String>,
        speaker: Option<String>,
        note: Option<String>,
    ) {
        let base: String = slugify(&plain_letters(id_base)).split('-').take(7).collect::<Vec<_>>().join("-");
        let base = if base.is_empty() { "draft".to_string() } else { base };
        let mut id = base.clone();
        let mut n = 2;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.questions.push(Question {
            id,
            topic: topic.to_string(),
            difficulty,
            time_limit: None,
            explanation,
            background: None,
            source,
            speaker,
            kind,
            draft: true,
            draft_note: note,
        });
    }
}

/// Letters with accents or macrons as plain ones, for ids: "Chlöe" -> "Chloe".
fn plain_letters(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ā' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'ō' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'Á' | 'À' | 'Â' | 'Ä' | 'Ā' => 'A',
            'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'E',
            'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' => 'I',
            'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Ō' => 'O',
            'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'U',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        })
        .collect()
}

/// Quotation marks inside a quoted excerpt become single curly ones, so
/// the excerpt can sit inside double quotes: `"…as ‘a down payment’."`
pub fn nested(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = ' ';
    for c in text.chars() {
        out.push(match c {
            '\u{201C}' => '\u{2018}',
            '\u{201D}' => '\u{2019}',
            '"' if previous.is_whitespace() || previous == '(' => '\u{2018}',
            '"' => '\u{2019}',
            c => c,
        });
        previous = c;
    }
    out
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}')
}

/// A sentence as a source: as written, with the quotation marks that open
/// or close its paragraph's quote left off (the provenance check ignores
/// them), and its spacing collapsed.
pub fn source_sentence(layout: &Layout, s: usize) -> String {
    let text = collapse(layout.sentence_text(s));
    let marks = text.chars().filter(|&c| is_quote_mark(c)).count();
    let mut t = text.as_str();
    if t.starts_with(is_quote_mark) && (marks % 2 == 1 || t.ends_with(is_quote_mark)) {
        t = &t[t.chars().next().map_or(0, char::len_utf8)..];
    }
    let marks = t.chars().filter(|&c| is_quote_mark(c)).count();
    if t.ends_with(is_quote_mark) && marks % 2 == 1 {
        t = &t[..t.len() - t.chars().next_back().map_or(0, char::len_utf8)];
    }
    t.trim().to_string()
}

/// Text cut at a word boundary to at most `max` characters, with "…".
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ', '-']))
}

pub fn speaker_name(people: &People, speaker: &Speaker) -> String {
    match speaker {
        Speaker::Person(id) => people.persons[*id].name.clone(),
        Speaker::Body(b) => b.clone(),
    }
}

/// A role as it reads inside a sentence: "Mayor" and "Secondary school
/// student" began their sentence, so they lose the capital that only the
/// sentence gave them; "Health Minister" and "US President" keep theirs.
pub fn role_in_prose(layout: &Layout, role: &Role) -> String {
    let sentence = source_sentence(layout, role.sentence);
    let mut words = role.text.split_whitespace();
    let first_only = words.next().is_some() && words.next().is_none_or(|w| !super::people::is_capitalised(w));
    if sentence.starts_with(&role.text) && first_only {
        let mut chars = role.text.chars();
        chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
    } else {
        role.text.clone()
    }
}

/// "Chlöe Swarbrick, Green Party drug reform spokesperson," or the name.
fn name_with_role(layout: &Layout, people: &People, speaker: &Speaker) -> String {
    match speaker {
        Speaker::Person(id) => match people.persons[*id].roles.first() {
            Some(role) => format!("{}, {},", people.persons[*id].name, role_in_prose(layout, role)),
            None => people.persons[*id].name.clone(),
        },
        Speaker::Body(b) => b.clone(),
    }
}

/// The note a teacher sees in `quorum check` while a speaker is uncertain.
fn doubt_note(people: &People, a: &Attribution) -> Option<String> {
    a.doubt.as_ref().map(|d| {
        format!("uncertain speaker: {}; the draft guesses {}", d.reason, speaker_name(people, &a.speaker))
    })
}

/// Splits `text` after clause marks (", ", " - ", "; ", ": "), keeping each
/// mark with the clause before it.
fn clauses(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.char_indices() {
        let rest = &text[i..];
        let mark =
            [", ", " - ", " \u{2013} ", " \u{2014} ", "; ", ": "].iter().find(|m| rest.starts_with(**m));
        if let Some(m) = mark {
            out.push(start..i + m.len());
            start = i + m.len();
        }
    }
    out.push(start..text.len());
    out.retain(|r| !r.is_empty());
    out
}

/// The shortest run of whole clauses around the gap that reads as a
/// sentence, within `max` characters, with "…" where it was cut.
fn window(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let gap = text.find(GAP).unwrap_or(0);
    let parts = clauses(text);
    let Some(mut lo) = parts.iter().position(|r| r.contains(&gap)) else { return shorten(text, max) };
    let mut hi = lo;
    let len = |lo: usize, hi: usize| text[parts[lo].start..parts[hi].end].chars().count() + 2;
    loop {
        let left = lo > 0 && len(lo - 1, hi) <= max;
        let right = hi + 1 < parts.len() && len(lo, hi + 1) <= max;
        if left {
            lo -= 1;
        } else if right {
            hi += 1;
        } else {
            break;
        }
    }
    let mut inner = text[parts[lo].start..parts[hi].end].trim().to_string();
    if inner.chars().count() > max {
        // One long clause: keep the words around the gap.
        let words: Vec<&str> = inner.split(' ').collect();
        let at = words.iter().position(|w| w.contains(GAP)).unwrap_or(0);
        let (mut a, mut b) = (at, at + 1);
        while b - a < words.len() {
            let grow_left = a > 0 && words[a - 1..b].join(" ").chars().count() < max - 2;
            let grow_right = b < words.len() && words[a..=b].join(" ").chars().count() < max - 2;
            if grow_right {
                b += 1;
            } else if grow_left {
                a -= 1;
            } else {
                break;
            }
        }
        let cut_left = a > 0;
        let cut_right = b < words.len();
        inner = words[a..b].join(" ");
        return format!("{}{inner}{}", if cut_left { "…" } else { "" }, if cut_right { "…" } else { "" });
    }
    let cut_left = lo > 0;
    let cut_right = hi + 1 < parts.len();
    if cut_right {
        inner = inner.trim_end_matches([',', ';', ':', '-', '\u{2013}', '\u{2014}', ' ']).to_string();
    }
    format!("{}{inner}{}", if cut_left { "…" } else { "" }, if cut_right { "…" } else { "" })
}

/// A figure's sentence with a gap where the figure was: only the quoted
/// words when the figure is inside a quote, and "[Name]" for a pronoun
/// that names the speaker ("…since 1980, [Chlöe Swarbrick] said.").
fn gapped(
    layout: &Layout,
    speech: &Speech,
    people: &People,
    figure: &Figure,
    gap: &Range<usize>,
    max: usize,
) -> String {
    let sentence = &layout.sentences[figure.sentence];
    let mut span = sentence.range.clone();
    if let Some(q) = figure.quotation {
        let quote = &layout.quotations[q].range;
        span = span.start.max(quote.start)..span.end.min(quote.end);
    }
    let mut edits: Vec<(Range<usize>, String)> = vec![(gap.clone(), GAP.to_string())];
    if figure.quotation.is_none() {
        for e in speech.events_in(figure.sentence) {
            for k in [e.verb.wrapping_sub(1), e.verb + 1] {
                let Some(w) = layout.words.get(k).filter(|w| w.sentence == figure.sentence) else { continue };
                if matches!(layout.word(k), "he" | "she" | "He" | "She") && w.range.start >= span.start {
                    edits.push((
                        w.range.clone(),
                        format!("[{}]", speaker_name(people, &e.attribution.speaker)),
                    ));
                }
            }
        }
    }
    edits.sort_by_key(|(r, _)| r.start);
    let mut text = String::new();
    let mut at = span.start;
    for (r, with) in edits {
        if r.start < at || r.end > span.end {
            continue;
        }
        text.push_str(&layout.text[at..r.start]);
        text.push_str(&with);
        at = r.end;
    }
    text.push_str(&layout.text[at..span.end]);
    let text = collapse(&text).replace(" .", ".");
    let text = text.trim_matches(|c: char| is_quote_mark(c) || c.is_whitespace());
    let text = text.strip_suffix(',').unwrap_or(text);
    // A quote cut short of its sentence's end says so.
    let ended = text.ends_with(['.', '?', '!', '…']);
    let text = if ended { text.to_string() } else { format!("{text}…") };
    window(&nested(&text), max)
}

/// Who speaks the figure: the speaker of its quotation, or of its sentence
/// when the article reports their words ("…, she said").
fn figure_speaker<'s>(speech: &'s Speech, figure: &Figure) -> Option<&'s Attribution> {
    match figure.quotation {
        Some(q) => speech.quotes.iter().find(|f| f.quotation == q).and_then(|f| f.attribution.as_ref()),
        None => speech.events_in(figure.sentence).map(|e| &e.attribution).next(),
    }
}

fn bound_note(figure: &Figure) -> String {
    let q = figure.qualifier.as_deref().map(capitalise).unwrap_or_default();
    match figure.bound {
        Bound::Exact => String::new(),
        Bound::AtLeast => format!(" \"{q}\" gives a lower bound: the true number is higher, never lower."),
        Bound::AtMost => format!(" \"{q}\" gives an upper bound: the true number is lower, never higher."),
        Bound::About => format!(" \"{q}\" means the figure is rounded."),
    }
}

fn figure_explanation(
    layout: &Layout,
    speech: &Speech,
    people: &People,
    figure: &Figure,
    who: Option<&Attribution>,
) -> String {
    let as_written = collapse(layout.slice(&figure.blank));
    // "About 40 percent" opens its sentence; in the explanation it does not.
    let lowered = match figure.qualifier {
        Some(_) => {
            let mut chars = as_written.chars();
            chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
        }
        None => as_written.clone(),
    };
    let excerpt = gapped(layout, speech, people, figure, &figure.blank, 240).replacen(GAP, &as_written, 1);
    let mut out = format!("The article gives {lowered}: \"{excerpt}\"");
    out.push_str(&bound_note(figure));
    if let Some(a) = who {
        let name = speaker_name(people, &a.speaker);
        if figure.quotation.is_some() {
            out.push_str(&format!(" These are {name}'s own words: the figure is {name}'s claim, as quoted."));
        } else {
            out.push_str(&format!(" The article reports the figure as {name}'s."));
        }
    }
    out
}

/// A figure question for each figure worth asking about, and an estimate
/// for percentages and large round counts.
pub fn figures(layout: &Layout, people: &People, speech: &Speech, all: &[Figure], draft: &mut Draft) {
    let latest_year = all
        .iter()
        .filter(|f| f.kind == Kind::Year)
        .flat_map(|f| f.numbers.iter())
        .filter(|n| !n.style.short_year)
        .map(|n| n.value)
        .fold(0.0, f64::max);
    let mut asked: HashSet<String> = HashSet::new();
    for figure in all {
        let text = figure.text(layout).to_string();
        if !asked.insert(text.clone()) {
            continue; // the same figure again
        }
        if figure.anchors_time {
            draft.left_out.push(format!(
                "the year {text}: it follows \"since\" or \"by\", so a different year could be just as true"
            ));
            continue;
        }
        let who = figure_speaker(speech, figure);
        let speaker = who.map(|a| speaker_name(people, &a.speaker));
        let note = who.and_then(|a| doubt_note(people, a));
        let answer = wrong_choices::answer(layout, figure);
        let wrong = wrong_choices::for_figure(layout, figure, all, latest_year);
        if wrong.is_empty() {
            draft
                .left_out
                .push(format!("the figure {text}: no wrong choice could be made that is surely false"));
            continue;
        }
        let lead = match (&speaker, figure.quotation) {
            (Some(name), Some(_)) => format!("Fill the gap in {name}'s words: "),
            _ => "Fill the gap: ".to_string(),
        };
        let max = fits::PROMPT - lead.chars().count() - 2;
        let sentence = gapped(layout, speech, people, figure, &figure.blank, max);
        if sentence.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count() < 3 {
            draft.left_out.push(format!("the figure {text}: its sentence is too short to ask about"));
            continue;
        }
        if shows(&sentence, &text) {
            // The sentence gives the same figure twice: the gap would not hide it.
            draft.left_out.push(format!("the figure {text}: its sentence gives it twice"));
            continue;
        }
        let prompt = format!("{lead}\"{sentence}\"");
        let mut choices = wrong;
        choices.push(answer.clone());
        choices.sort_by(|a, b| first_number(a).total_cmp(&first_number(b)).then(a.cmp(b)));
        let explanation = figure_explanation(layout, speech, people, figure, who);
        let source = vec![source_sentence(layout, figure.sentence)];
        draft.push(
            &format!("figure-{text}"),
            "Figures",
            Difficulty::Medium,
            QuestionKind::Figure { prompt, choices, answer: answer.clone() },
            explanation.clone(),
            source.clone(),
            speaker.clone(),
            note.clone(),
        );
        if let Some(kind) = estimate(layout, speech, people, figure) {
            draft.push(
                &format!("estimate-{text}"),
                "Figures",
                Difficulty::Hard,
                kind,
                explanation,
                source,
                speaker,
                note,
            );
        }
    }
}

/// Whether `figure` is written in `text` as a whole number ("40", not the
/// "40" in "400" or "1940").
fn shows(text: &str, figure: &str) -> bool {
    text.match_indices(figure).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + figure.len()..].chars().next();
        let digit_before = before.is_some_and(|c| c.is_ascii_digit());
        let digit_after = after.is_some_and(|c| c.is_ascii_digit())
            || (matches!(after, Some('.' | ','))
                && text[i + figure.len() + 1..].starts_with(|c: char| c.is_ascii_digit()));
        !digit_before && !digit_after
    })
}

fn first_number(text: &str) -> f64 {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|c| *c != ',')
        .collect();
    let value = digits.trim_end_matches('.').parse::<f64>().unwrap_or(0.0);
    if text.contains("million") {
        value * 1e6
    } else if text.contains("billion") {
        value * 1e9
    } else {
        value
    }
}

/// The slider for an estimate: the range, step and tolerance, with the
/// answer reachable, the tolerance sensible, and the slider's starting
/// point (the middle) well outside the tolerance so no one scores by
/// leaving it alone.
fn slider(kind: Kind, value: f64, decimals: usize) -> Option<(f64, f64, f64, f64)> {
    let ok = |min: f64, max: f64, step: f64, tol: f64| {
        let positions = (max - min) / step;
        let reachable = (((value - min) / step) - ((value - min) / step).round()).abs() < 1e-6;
        min < value
            && value < max
            && reachable
            && positions <= fits::SLIDER_POSITIONS
            && tol <= (max - min) / 4.0
            && ((min + max) / 2.0 - value).abs() >= 2.0 * tol + step
    };
    match kind {
        Kind::Percent => {
            if value <= 0.0 || value >= 100.0 {
                return None;
            }
            let step = 10f64.powi(-(decimals as i32));
            let tol = (value.min(100.0 - value) / 3.0).round().clamp(step.max(1.0), 5.0);
            // A small percentage gets a short slider: "6 percent" on 0 to 100
            // leaves most of the slider meaningless.
            if value < 20.0
                && let Some(hi) = [20.0, 30.0, 40.0, 50.0]
                    .into_iter()
                    .find(|&hi| hi >= 4.0 * value && ok(0.0, hi, step, tol))
            {
                return Some((0.0, hi, step, tol));
            }
            let mut best: Option<(f64, f64)> = None;
            for lo in [0.0, 10.0, 20.0, 30.0, 40.0] {
                for hi in [100.0, 90.0, 80.0, 70.0, 60.0, 50.0, 40.0, 30.0] {
                    if ok(lo, hi, step, tol) && best.is_none_or(|(l, h)| hi - lo > h - l) {
                        best = Some((lo, hi));
                    }
                }
            }
            best.map(|(lo, hi)| (lo, hi, step, tol))
        }
        Kind::Count if value >= 1000.0 && decimals == 0 => {
            let magnitude = 10f64.powi(value.log10().floor() as i32 - 2);
            if (value / magnitude).fract() != 0.0 {
                return None; // too precise to estimate (1,312)
            }
            let step = magnitude;
            let tol = ((value / 10.0) / step).round() * step;
            [3.0, 4.0, 2.5, 5.0].into_iter().find_map(|k| {
                let max = ((value * k) / (10.0 * step)).ceil() * 10.0 * step;
                ok(0.0, max, step, tol).then_some((0.0, max, step, tol))
            })
        }
        _ => None,
    }
}

fn estimate(layout: &Layout, speech: &Speech, people: &People, figure: &Figure) -> Option<QuestionKind> {
    if figure.shape != Shape::Single || figure.numbers.len() != 1 {
        return None;
    }
    let n = &figure.numbers[0];
    let value = wrong_choices::total(n);
    let (min, max, step, tolerance) = slider(figure.kind, n.value, n.style.decimals)?;
    if n.style.scale.is_some() {
        return None; // "$4.2 million" is money; scaled counts are rare
    }
    let who = figure_speaker(speech, figure).map(|a| speaker_name(people, &a.speaker));
    let what = if figure.kind == Kind::Percent { "percentage" } else { "number" };
    let lead = match (&who, figure.quotation) {
        (Some(name), Some(_)) => format!("Estimate the missing {what} in {name}'s words: "),
        _ => format!("Estimate the missing {what}: "),
    };
    let max_len = fits::PROMPT - lead.chars().count() - 2;
    let prompt = format!("{lead}\"{}\"", gapped(layout, speech, people, figure, &figure.range, max_len));
    let unit = if figure.kind == Kind::Percent { "%".to_string() } else { String::new() };
    Some(QuestionKind::Estimate { prompt, min, max, step, unit, answer: value, tolerance })
}

/// The words of a quote to ask about: whole sentences up to a screen's
/// worth, preferring ones that name none of the choices; one long sentence
/// is cut at a clause with "…".
fn quote_text(layout: &Layout, quote: &FoundQuote, names: &[String]) -> String {
    let range = layout.quotations[quote.quotation].range.clone();
    let pieces: Vec<String> = layout
        .sentences
        .iter()
        .filter(|s| s.range.start < range.end && s.range.end > range.start)
        .map(|s| collapse(&layout.text[s.range.start.max(range.start)..s.range.end.min(range.end)]))
        .map(|t| t.trim_matches(|c: char| is_quote_mark(c) || c.is_whitespace()).to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let names_one =
        |t: &str| names.iter().any(|n| n.split_whitespace().any(|w| w.len() > 2 && t.contains(w)));
    let limit = 240;
    let whole = pieces.join(" ");
    let mut text = if whole.chars().count() <= limit && !names_one(&whole) {
        whole
    } else {
        let mut chosen = String::new();
        let start = pieces.iter().position(|p| !names_one(p)).unwrap_or(0);
        for p in &pieces[start..] {
            if chosen.is_empty() || chosen.chars().count() + p.chars().count() < limit {
                if !chosen.is_empty() {
                    chosen.push(' ');
                }
                chosen.push_str(p);
            } else {
                break;
            }
        }
        chosen
    };
    if text.chars().count() > fits::QUOTE {
        // Cut at the last clause mark that keeps it short enough.
        let cut =
            clauses(&text).into_iter().map(|r| r.end).filter(|&e| text[..e].chars().count() <= limit).max();
        text = match cut {
            Some(e) if e > 40 => format!("{}…", text[..e].trim_end_matches([',', ';', ':', ' ', '-'])),
            _ => shorten(&text, limit),
        };
    }
    text.trim_end_matches([',', ' ']).to_string()
}

/// The people and bodies a "who said it" question may offer, best first:
/// others the article quotes, then others it names, then bodies.
fn other_choices(people: &People, speech: &Speech, answer: &Speaker) -> Vec<String> {
    let mut counts: Vec<(usize, usize)> = (0..people.persons.len()).map(|i| (i, 0)).collect();
    for a in speech.quotes.iter().filter_map(|q| q.attribution.as_ref()) {
        if let Speaker::Person(id) = a.speaker {
            counts[id].1 += 2;
        }
    }
    for e in &speech.events {
        if let Speaker::Person(id) = e.attribution.speaker {
            counts[id].1 += 1;
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let answer_name = speaker_name(people, answer);
    let answer_role = match answer {
        Speaker::Person(id) => people.persons[*id].role().unwrap_or_default().to_lowercase(),
        Speaker::Body(_) => String::new(),
    };
    let mut out: Vec<String> = counts
        .into_iter()
        .map(|(i, _)| people.persons[i].name.clone())
        .filter(|n| *n != answer_name)
        .collect();
    // A body the speaker speaks for would be a true answer, not a wrong one.
    for b in people.civic_bodies() {
        if *b != answer_name && !answer_role.contains(&b.to_lowercase()) && !out.contains(b) {
            out.push(b.clone());
        }
    }
    out
}

/// The explanation of a "who said it" question: who, and where the
/// article says so, drafted from its own sentences.
fn who_explanation(layout: &Layout, people: &People, a: &Attribution) -> String {
    let who = name_with_role(layout, people, &a.speaker);
    let name = speaker_name(people, &a.speaker);
    let excerpt = |s: usize| nested(&shorten(&source_sentence(layout, s), 180));
    let mut out = match (a.how, &a.pronoun, a.antecedent) {
        (How::SameSentence | How::SameParagraph, Some(pronoun), Some(ant)) if a.doubt.is_none() => format!(
            "{who} said this. The \"{}\" the article gives the quote to is {name}, named just before: \"{}\"",
            pronoun.to_lowercase(),
            excerpt(ant)
        ),
        (How::SameSentence, _, _) => {
            format!("{who} said this; the article names the speaker in the same sentence as the quote.")
        }
        (How::SameParagraph, _, _) => {
            format!("{who} said this; the article names the speaker earlier in the same paragraph.")
        }
        (How::Continues, _, _) => format!(
            "{who} said this. The quote carries on from an earlier paragraph, where the article names {name}: \"{}\"",
            excerpt(a.antecedent.unwrap_or(a.named_in))
        ),
        (How::NamedAfter, _, _) => format!(
            "{who} said this; the article names the speaker only after the quote: \"{}\"",
            excerpt(a.named_in)
        ),
    };
    if let Some(d) = &a.doubt {
        out.push_str(&format!(" Check before playing: {}.", d.reason));
    }
    out
}

/// A "who said it" question for each attributed quote.
pub fn who_said_it(layout: &Layout, people: &People, speech: &Speech, draft: &mut Draft) {
    let mut asked: HashSet<String> = HashSet::new();
    for quote in &speech.quotes {
        let words = collapse(layout.slice(&layout.quotations[quote.quotation].range));
        let Some(a) = &quote.attribution else {
            draft
                .left_out
                .push(format!("the quote \"{}\": the article does not say who said it", shorten(&words, 60)));
            continue;
        };
        let answer = speaker_name(people, &a.speaker);
        let mut others = other_choices(people, speech, &a.speaker);
        // When the speaker is uncertain, the other candidates come first.
        if let Some(d) = &a.doubt {
            let candidates: Vec<String> = d.candidates.iter().map(|c| speaker_name(people, c)).collect();
            others.sort_by_key(|o| !candidates.contains(o));
        }
        let persons: Vec<String> = std::iter::once(answer.clone())
            .chain(others.iter().filter(|o| people.persons.iter().any(|p| p.name == **o)).cloned())
            .collect();
        let text = quote_text(layout, quote, &persons);
        if text.is_empty() || !asked.insert(text.clone()) {
            continue;
        }
        // A body the quote itself names ("Labour") would be an odd choice.
        let mut choices = vec![answer.clone()];
        for c in others.into_iter().filter(|c| !text.contains(c.as_str())) {
            if choices.len() < 4 {
                choices.push(c);
            }
        }
        if choices.len() < 2 {
            draft.left_out.push(format!(
                "the quote \"{}\": the article names no one else to offer as a wrong choice",
                shorten(&words, 60)
            ));
            continue;
        }
        // The sentences of the quote, and those that name the speaker.
        let range = &layout.quotations[quote.quotation].range;
        let mut sentences: Vec<usize> = (0..layout.sentences.len())
            .filter(|&s| {
                let r = &layout.sentences[s].range;
                r.start < range.end && r.end > range.start && {
                    let piece = collapse(&layout.text[r.start.max(range.start)..r.end.min(range.end)]);
                    let piece = piece.trim_matches(|c: char| is_quote_mark(c) || c.is_whitespace());
                    text.contains(piece.trim_end_matches(',')) || piece.contains(text.trim_end_matches('…'))
                }
            })
            .collect();
        let quoted = sentences.clone();
        for extra in [Some(a.named_in), a.antecedent].into_iter().flatten() {
            if !sentences.contains(&extra) {
                sentences.push(extra);
            }
        }
        sentences.sort_unstable();
        let mut source: Vec<String> = sentences.iter().map(|&s| source_sentence(layout, s)).collect();
        while source.iter().map(|s| s.chars().count()).sum::<usize>() > fits::SOURCE
            && source.len() > quoted.len()
        {
            // Drop the first sentence that is not part of the quote.
            let far = sentences.iter().position(|s| !quoted.contains(s)).unwrap_or(0);
            sentences.remove(far);
            source.remove(far);
        }
        let difficulty = match a.how {
            How::SameSentence => Difficulty::Easy,
            How::SameParagraph => Difficulty::Medium,
            How::Continues | How::NamedAfter => Difficulty::Hard,
        };
        let prompt = quote.fragment.then(|| "Who used these words?".to_string());
        let id: String = text.split_whitespace().take(5).collect::<Vec<_>>().join(" ");
        draft.push(
            &format!("who-said {id}"),
            "Quotes",
            difficulty,
            QuestionKind::WhoSaidIt { prompt, quote: text, choices, answer },
            who_explanation(layout, people, a),
            source,
            None,
            doubt_note(people, a),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sentence_is_cut_to_the_clauses_around_the_gap() {
        let text = format!(
            "So our response has to grapple with that reality and we can't pretend, if it doesn't even \
             implement its own advice from the inquiry in just the last term of parliament, let alone the \
             Law Commission report from {GAP}."
        );
        assert_eq!(window(&text, 80), format!("…let alone the Law Commission report from {GAP}."));
        assert_eq!(window("Short.", 80), "Short.");
    }

    #[test]
    fn sources_leave_off_the_paragraphs_quotation_marks() {
        let layout = Layout::new("\"It's time. We said so.\"\n\"Open quote paragraph.");
        assert_eq!(source_sentence(&layout, 0), "It's time.");
        assert_eq!(source_sentence(&layout, 1), "We said so.");
        assert_eq!(source_sentence(&layout, 2), "Open quote paragraph.");
    }

    #[test]
    fn estimates_keep_the_slider_start_out_of_reach() {
        let (min, max, step, tol) = slider(Kind::Percent, 50.7, 1).unwrap();
        assert_eq!((step, tol), (0.1, 5.0));
        assert!(((min + max) / 2.0 - 50.7).abs() >= 2.0 * tol, "{min}..{max}");
        let (min, max, step, tol) = slider(Kind::Count, 120_000.0, 0).unwrap();
        assert_eq!((min, max, step, tol), (0.0, 360_000.0, 1000.0, 12_000.0));
        assert_eq!(slider(Kind::Count, 1312.0, 0), None, "too precise to estimate");
        assert_eq!(slider(Kind::Count, 600.0, 0), None, "not a large count");
    }
}

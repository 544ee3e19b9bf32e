//! The rules a bank must follow to be playable, apart from provenance.
//!
//! Each rule reports through a `Diagnostic` naming the question and the line
//! of the field at fault. Errors make a question unplayable; warnings are
//! advice (a text too long to fit on screen, a missing source).

use std::collections::HashMap;

use super::bound::Bound;
use super::diagnostic::{Diagnostic, Position};
use super::model::{Bank, Question, QuestionKind};
use super::outline::Locator;
use super::provenance::numbers_in;
use super::suggest::closest;

pub const MIN_CHOICES: usize = 2;
pub const MAX_CHOICES: usize = 6;
pub const MIN_TIME_LIMIT: u32 = 5;
pub const MAX_TIME_LIMIT: u32 = 240;

/// Lengths beyond which a text will not fit its place on screen at 1280×720.
pub mod fits {
    pub const PROMPT: usize = 200;
    pub const QUOTE: usize = 320;
    pub const CHOICE: usize = 70;
    pub const EXPLANATION: usize = 600;
    pub const SOURCE: usize = 700;
    pub const SPEAKER: usize = 60;
    /// Background shares the reveal with the explanation and the source.
    pub const BACKGROUND: usize = 400;
    pub const CITE: usize = 300;
    /// Shorter than this, an explanation can hardly teach anything.
    pub const EXPLANATION_MIN: usize = 40;
    /// More positions than this and the slider is too fine to set by keys.
    pub const SLIDER_POSITIONS: f64 = 1000.0;
}

struct Rules<'a> {
    file: &'a str,
    outline: &'a Locator<'a>,
    out: Vec<Diagnostic>,
}

impl Rules<'_> {
    fn error(&mut self, index: usize, q: &Question, field: &str, message: String) -> &mut Diagnostic {
        let d = Diagnostic::error(self.file, message)
            .in_question(&q.id)
            .on_field(index, field)
            .at(self.outline.field(index, field));
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    fn warning(&mut self, index: usize, q: &Question, field: &str, message: String) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.file, message)
            .in_question(&q.id)
            .on_field(index, field)
            .at(self.outline.field(index, field));
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    /// A warning about `field` shown where `at` is written: a part of a
    /// field (the background's cite) has no line of its own in the outline.
    fn warning_at(
        &mut self,
        index: usize,
        q: &Question,
        field: &str,
        at: &str,
        message: String,
    ) -> &mut Diagnostic {
        let d = Diagnostic::warning(self.file, message)
            .in_question(&q.id)
            .on_field(index, field)
            .at(self.outline.field(index, at));
        self.out.push(d);
        self.out.last_mut().expect("just pushed")
    }

    fn header_error(&mut self, field: &str, message: &str) {
        let mut d = Diagnostic::error(self.file, message).at(self.outline.header_field(field));
        d.field = Some(field.to_string());
        self.out.push(d);
    }
}

/// Checks every rule on every question and returns all problems found.
pub fn validate(bank: &Bank, file: &str, outline: &Locator) -> Vec<Diagnostic> {
    let mut rules = Rules { file, outline, out: Vec::new() };
    if bank.title.trim().is_empty() {
        rules.header_error("title", "the bank has no title");
    }
    if let Some(article) = &bank.article {
        if article.path.trim().is_empty() {
            rules.header_error("article", "the article's `path` is empty: name the article's text file");
        }
        if article.title.trim().is_empty() {
            rules.header_error(
                "article",
                "the article has no title (if it has no headline, write one and set `title_supplied: true`)",
            );
        }
    }
    if bank.questions.is_empty() {
        rules.header_error("questions", "the bank has no questions");
    }

    let drafts = bank.questions.iter().filter(|q| q.draft).count();
    if drafts > 0 {
        let mut d = Diagnostic::warning(
            file,
            format!(
                "{drafts} of {} questions {} no one has reviewed yet; the game plays drafts only when asked to",
                bank.questions.len(),
                if drafts == 1 { "is a draft" } else { "are drafts" },
            ),
        )
        .at(outline.header_field("questions"))
        .with_help("review each one (in the editor, or remove its `draft: true` line)");
        d.field = Some("questions".to_string());
        rules.out.push(d);
    }

    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (index, q) in bank.questions.iter().enumerate() {
        if let Some(&first) = first_seen.get(q.id.as_str()) {
            let line = outline.question(first).map(|p: Position| format!(" (first used on line {})", p.line));
            rules
                .error(
                    index,
                    q,
                    "id",
                    format!("the id `{}` is used by another question{}", q.id, line.unwrap_or_default()),
                )
                .help = Some("every question needs its own id".to_string());
        } else {
            first_seen.insert(&q.id, index);
        }
        check_question(&mut rules, index, q, bank.article.is_some());
    }
    rules.out
}

fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `Who said "walk their talk"?` -> `who-said-walk-their-talk`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

fn check_question(rules: &mut Rules, index: usize, q: &Question, has_article: bool) {
    if !is_slug(&q.id) {
        let suggestion = slugify(&q.id);
        let d = rules.error(
            index,
            q,
            "id",
            format!("the id `{}` is not a slug: use lower-case letters, digits and single hyphens", q.id),
        );
        if !suggestion.is_empty() {
            d.help = Some(format!("try `{suggestion}`"));
        }
    }
    if q.topic.trim().is_empty() {
        rules.error(index, q, "topic", "the topic is empty".to_string());
    }
    // Teaching the article's facts is what a bank with an article is for; a
    // quiz brought from Kahoot has no explanations, and still plays.
    if q.explanation.trim().is_empty() && has_article {
        rules.error(
            index,
            q,
            "explanation",
            "the explanation is empty: say why the answer is right".to_string(),
        );
    } else if q.explanation.trim().is_empty() {
        rules.warning(
            index,
            q,
            "explanation",
            "the explanation is empty: the reveal will show only the right answer; say why it is right"
                .to_string(),
        );
    } else if q.explanation.chars().count() < fits::EXPLANATION_MIN {
        rules.warning(
            index,
            q,
            "explanation",
            "the explanation is very short: it should teach, not just restate the answer".to_string(),
        );
    }
    if let Some(limit) = q.time_limit
        && !(MIN_TIME_LIMIT..=MAX_TIME_LIMIT).contains(&limit)
    {
        rules.error(
            index,
            q,
            "time_limit",
            format!("the time limit {limit} s is outside {MIN_TIME_LIMIT} to {MAX_TIME_LIMIT} seconds"),
        );
    }
    // Without an article the bank's one note says that nothing is checked.
    if q.source.is_empty() && has_article {
        rules.warning(
            index,
            q,
            "id",
            "the question has no `source`, so it cannot be checked against the article".to_string(),
        );
    }
    for passage in &q.source {
        if passage.trim().is_empty() {
            rules.error(index, q, "source", "a source sentence is empty".to_string());
        }
    }
    let source_len: usize = q.source.iter().map(|s| s.chars().count()).sum();
    if source_len > fits::SOURCE {
        rules.warning(index, q, "source", format!("the source is {source_len} characters long and may not fit on the reveal screen (at most {})", fits::SOURCE));
    }
    if let Some(speaker) = &q.speaker {
        if speaker.trim().is_empty() {
            rules.error(
                index,
                q,
                "speaker",
                "the speaker is empty: leave the field out if no one is quoted".to_string(),
            );
        } else if speaker.chars().count() > fits::SPEAKER {
            rules.warning(index, q, "speaker", "the speaker's name is too long to fit on screen".to_string());
        }
    }
    warn_if_long(rules, index, q, "explanation", &q.explanation, fits::EXPLANATION);
    check_background(rules, index, q);
    if let Some(note) = q.draft_note.as_deref().filter(|n| !n.trim().is_empty()) {
        // Pointed at the answer, which is what the teacher has to check.
        rules.warning(index, q, "answer", format!("draft to check: {note}")).help = Some(
            "check the article, then mark the question reviewed (or remove its `draft_note`)".to_string(),
        );
    }

    match &q.kind {
        QuestionKind::MultipleChoice { prompt, choices, answer }
        | QuestionKind::Figure { prompt, choices, answer } => {
            check_text(rules, index, q, "prompt", prompt, fits::PROMPT);
            check_choices(rules, index, q, choices, answer);
            if let QuestionKind::Figure { .. } = q.kind {
                if numbers_in(answer).is_empty() {
                    rules.error(
                        index,
                        q,
                        "answer",
                        format!("a figure question's answer must be a number, not \"{answer}\""),
                    );
                }
                for choice in choices {
                    if numbers_in(choice).is_empty() {
                        rules.warning(index, q, "choices", format!("the choice \"{choice}\" has no number in it; a figure question offers figures"));
                    }
                }
            }
            check_bounds(rules, index, q, choices, answer);
        }
        QuestionKind::WhoSaidIt { prompt, quote, choices, answer } => {
            if let Some(prompt) = prompt {
                check_text(rules, index, q, "prompt", prompt, fits::PROMPT);
            }
            check_text(rules, index, q, "quote", quote, fits::QUOTE);
            check_choices(rules, index, q, choices, answer);
        }
        QuestionKind::TrueFalse { statement, .. } => {
            check_text(rules, index, q, "statement", statement, fits::PROMPT);
        }
        QuestionKind::Estimate { prompt, min, max, step, answer, tolerance, unit } => {
            check_text(rules, index, q, "prompt", prompt, fits::PROMPT);
            check_estimate(rules, index, q, [*min, *max, *step, *answer, *tolerance]);
            check_band(rules, index, q, *answer, *tolerance);
            if unit.chars().count() > 20 {
                rules.warning(index, q, "unit", "the unit is too long to fit beside the slider".to_string());
            }
        }
    }
}

/// Outside facts belong in `background`, each with where it comes from.
fn check_background(rules: &mut Rules, index: usize, q: &Question) {
    if q.explanation.to_lowercase().contains("background:") {
        rules
            .warning(
                index,
                q,
                "explanation",
                "the explanation says \"Background:\": an explanation says only what the article says"
                    .to_string(),
            )
            .help = Some(
            "move the outside fact into `background`, with a `cite` saying where it comes from".to_string(),
        );
    }
    let Some(background) = &q.background else { return };
    if background.text.trim().is_empty() {
        rules.warning(
            index,
            q,
            "background",
            "the background is empty: write the fact from outside the article, or leave `background` out"
                .to_string(),
        );
    } else {
        warn_if_long(rules, index, q, "background", &background.text, fits::BACKGROUND);
    }
    match background.cite.as_deref().map(str::trim) {
        None | Some("") => {
            rules
                .warning_at(
                    index,
                    q,
                    "cite",
                    "background",
                    "the background has no `cite`, so no one can check it".to_string(),
                )
                .help = Some(
                "add `cite: \"...\"`: the publication, law or official page it comes from, with its address"
                    .to_string(),
            );
        }
        Some(cite) if cite.chars().count() > fits::CITE => {
            rules.warning_at(
                index,
                q,
                "cite",
                "background",
                format!(
                    "the cite is {} characters long and may not fit on screen (at most {})",
                    cite.chars().count(),
                    fits::CITE
                ),
            );
        }
        Some(_) => {}
    }
}

/// A wrong choice must be wrong: under "More than 120,000", "More than
/// 12,000" is true too.
fn check_bounds(rules: &mut Rules, index: usize, q: &Question, choices: &[String], answer: &str) {
    let Some(bound) = Bound::parse(answer) else { return };
    for choice in choices.iter().filter(|c| c.as_str() != answer) {
        if Bound::parse(choice).is_some_and(|other| bound.implies(&other)) {
            rules
                .warning(
                    index,
                    q,
                    "choices",
                    format!("the choice \"{choice}\" is true too: if the answer \"{answer}\" holds, so does it, yet a player who picks it is marked wrong"),
                )
                .help = Some("give wrong choices that the answer rules out, such as an exact figure or a bound on the other side".to_string());
        }
    }
}

/// An estimate scores in full within its tolerance: a number the explanation
/// names inside that band (such as 50 percent around 50.7) would score in
/// full too, so the band no longer tells the two apart.
fn check_band(rules: &mut Rules, index: usize, q: &Question, answer: f64, tolerance: f64) {
    if !(answer.is_finite() && tolerance.is_finite() && tolerance >= 0.0) {
        return;
    }
    const EPSILON: f64 = 1e-9;
    let (low, high) = (answer - tolerance, answer + tolerance);
    let mut named: Vec<f64> = numbers_in(&q.explanation).iter().filter_map(|n| n.parse().ok()).collect();
    named.sort_by(f64::total_cmp);
    named.dedup();
    for value in named {
        if (value - answer).abs() > EPSILON && low - EPSILON <= value && value <= high + EPSILON {
            // Rounded so 50.7 - 1 reads 49.7, not 49.70000000000000284.
            let n = |v: f64| crate::bank::write::number((v * 1e6).round() / 1e6);
            rules
                .warning(
                    index,
                    q,
                    "tolerance",
                    format!(
                        "the explanation names {}, which is inside the full-marks band {} to {}: an answer of {} scores in full",
                        n(value),
                        n(low),
                        n(high),
                        n(value)
                    ),
                )
                .help = Some(format!("make the tolerance smaller than {}, so the band stays on one side of {}", n((value - answer).abs()), n(value)));
        }
    }
}

fn check_text(rules: &mut Rules, index: usize, q: &Question, field: &str, text: &str, max: usize) {
    if text.trim().is_empty() {
        rules.error(index, q, field, format!("the {field} is empty"));
    } else {
        warn_if_long(rules, index, q, field, text, max);
    }
}

fn warn_if_long(rules: &mut Rules, index: usize, q: &Question, field: &str, text: &str, max: usize) {
    let len = text.chars().count();
    if len > max {
        rules.warning(
            index,
            q,
            field,
            format!("the {field} is {len} characters long and may not fit on screen (at most {max})"),
        );
    }
}

fn check_choices(rules: &mut Rules, index: usize, q: &Question, choices: &[String], answer: &str) {
    if !(MIN_CHOICES..=MAX_CHOICES).contains(&choices.len()) {
        rules.error(
            index,
            q,
            "choices",
            format!(
                "the question has {} choice{}; it needs {MIN_CHOICES} to {MAX_CHOICES}",
                choices.len(),
                if choices.len() == 1 { "" } else { "s" }
            ),
        );
    }
    let same = |a: &str, b: &str| {
        a.trim().chars().flat_map(char::to_lowercase).eq(b.trim().chars().flat_map(char::to_lowercase))
    };
    for (n, choice) in choices.iter().enumerate() {
        if choice.trim().is_empty() {
            rules.error(index, q, "choices", format!("choice {} is empty", n + 1));
            continue;
        }
        if let Some(first) = choices[..n].iter().position(|earlier| same(earlier, choice)) {
            rules.error(
                index,
                q,
                "choices",
                format!("choices {} and {} are the same: \"{choice}\"", first + 1, n + 1),
            );
        }
        if choice.chars().count() > fits::CHOICE {
            rules.warning(
                index,
                q,
                "choices",
                format!(
                    "choice {} is {} characters long and may not fit on its tile (at most {})",
                    n + 1,
                    choice.chars().count(),
                    fits::CHOICE
                ),
            );
        }
    }
    if !choices.iter().any(|c| c == answer) {
        let near = closest(answer, choices.iter().map(String::as_str));
        let d = rules.error(index, q, "answer", format!("the answer \"{answer}\" is not one of the choices"));
        d.help = Some(match near {
            Some(c) => format!("did you mean \"{c}\"?"),
            None => "the answer must be written exactly as one of the choices".to_string(),
        });
    }
}

fn check_estimate(
    rules: &mut Rules,
    index: usize,
    q: &Question,
    [min, max, step, answer, tolerance]: [f64; 5],
) {
    if ![min, max, step, answer, tolerance].iter().all(|v| v.is_finite()) {
        rules.error(index, q, "min", "the estimate's numbers must all be ordinary numbers".to_string());
        return;
    }
    if min >= max {
        rules.error(index, q, "max", format!("`min` ({min}) must be less than `max` ({max})"));
        return;
    }
    if !(min < answer && answer < max) {
        rules.error(
            index,
            q,
            "answer",
            format!("the answer {answer} must lie strictly between min {min} and max {max}"),
        );
    }
    if step <= 0.0 {
        rules.error(index, q, "step", format!("the step must be more than 0, not {step}"));
    } else {
        if step > max - min {
            rules.error(
                index,
                q,
                "step",
                format!("the step {step} is larger than the whole range {min} to {max}"),
            );
        }
        let positions = (max - min) / step;
        if positions > fits::SLIDER_POSITIONS {
            rules.warning(
                index,
                q,
                "step",
                format!("the slider has {positions:.0} positions; a larger step makes it easier to set"),
            );
        }
        let from_min = (answer - min) / step;
        if (from_min - from_min.round()).abs() > 1e-6 {
            rules.error(index, q, "answer", format!("the slider cannot reach the answer {answer}: from {min} in steps of {step} it goes past it"));
        }
    }
    if tolerance < 0.0 {
        rules.error(index, q, "tolerance", format!("the tolerance must not be negative, not {tolerance}"));
    } else if 2.0 * tolerance >= max - min {
        rules.error(
            index,
            q,
            "tolerance",
            format!("the tolerance {tolerance} is too wide: twice it covers the whole range {min} to {max}, so every answer would score"),
        );
    } else if tolerance > (max - min) / 4.0 {
        rules.warning(index, q, "tolerance", format!("the tolerance {tolerance} is generous: a guess anywhere in a quarter of the range scores in full"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::bank::builtin;

    fn warnings_for(change: impl FnOnce(&mut Bank)) -> Vec<String> {
        let mut bank = builtin::check().bank.unwrap();
        change(&mut bank);
        let text = crate::bank::write::to_ron(&bank, &Default::default());
        validate(&bank, "b.ron", &Locator::new(&text))
            .into_iter()
            .filter(|d| !d.is_error())
            .map(|d| format!("{}: {}", d.field.unwrap_or_default(), d.message))
            .collect()
    }

    #[test]
    fn drafts_are_counted_and_an_uncertain_speaker_is_a_warning_at_its_answer() {
        let w = warnings_for(|b| {
            b.questions[1].draft = true;
            b.questions[2].draft = true;
            b.questions[2].draft_note = Some("uncertain speaker: \"She\" could be A or B".into());
        });
        let total = builtin::check().bank.unwrap().questions.len();
        assert_eq!(
            w,
            [
                format!(
                    "questions: 2 of {total} questions are drafts no one has reviewed yet; the game plays drafts only when asked to"
                ),
                "answer: draft to check: uncertain speaker: \"She\" could be A or B".to_string(),
            ]
        );
    }

    #[test]
    fn texts_too_long_for_the_screen_are_warnings() {
        let w = warnings_for(|b| {
            if let QuestionKind::MultipleChoice { prompt, .. } = &mut b.questions[8].kind {
                *prompt = "word ".repeat(60);
            }
        });
        assert_eq!(w, ["prompt: the prompt is 300 characters long and may not fit on screen (at most 200)"]);
        let w = warnings_for(|b| b.questions[0].explanation = "Yes.".into());
        assert_eq!(
            w,
            ["explanation: the explanation is very short: it should teach, not just restate the answer"]
        );
        let w = warnings_for(|b| b.questions[0].source.clear());
        assert_eq!(w, ["id: the question has no `source`, so it cannot be checked against the article"]);
    }

    #[test]
    fn a_generous_tolerance_is_a_warning_and_an_unreachable_answer_an_error() {
        let mut bank = builtin::check().bank.unwrap();
        let i = bank.questions.iter().position(|q| q.kind_name() == "Estimate").unwrap();
        if let QuestionKind::Estimate { tolerance, step, .. } = &mut bank.questions[i].kind {
            *tolerance = 30.0;
            *step = 7.0;
        }
        let text = crate::bank::write::to_ron(&bank, &Default::default());
        let found: Vec<String> =
            validate(&bank, "b.ron", &Locator::new(&text)).into_iter().map(|d| d.message).collect();
        assert!(found.iter().any(|m| m.contains("the tolerance 30 is generous")), "{found:?}");
        assert!(found.iter().any(|m| m.contains("the slider cannot reach the answer 80")), "{found:?}");
    }

    #[test]
    fn slugs() {
        assert!(is_slug("who-said-it-2"));
        assert!(!is_slug("Who said it"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug(""));
        assert_eq!(slugify("Who said \"walk their talk\"?"), "who-said-walk-their-talk");
    }
}

//! Moodle's GIFT format, in and out.
//!
//! Imported: multiple choice, true/false and numerical questions (as
//! estimates), `::titles::` as ids, `$CATEGORY` as topics, per-answer and
//! general feedback as the explanation, `//` comments and backslash escapes.
//! Kinds Quorum cannot play (essay, matching, missing word, short answer,
//! multiple-answer) are skipped with a warning naming their line.
//!
//! Exported: every question, with `// quorum ...` comment lines carrying
//! what GIFT has no place for (kind, difficulty, sources, speaker, time
//! limit, a who-said-it quote, an estimate's slider, the background and its
//! cite), which the importer reads back. Moodle ignores them.

use super::diagnostic::{Diagnostic, Position};
use super::model::{ArticleRef, Bank, Difficulty, Question, QuestionKind, WHO_SAID_IT_PROMPT};
use super::spreadsheet::{Imported, finish_import};
use super::validate::slugify;

/// Characters GIFT gives a meaning to, escaped with a backslash in text.
const SPECIAL: [char; 6] = ['~', '=', '#', '{', '}', ':'];

fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if SPECIAL.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(next) => out.push(next),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Splits `text` at unescaped occurrences of any of `marks`, keeping each
/// mark at the start of its piece.
fn split_marks(text: &str, marks: &[char]) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            pieces.last_mut().expect("never empty").push(c);
            escaped = false;
        } else if c == '\\' {
            pieces.last_mut().expect("never empty").push(c);
            escaped = true;
        } else if marks.contains(&c) {
            pieces.push(c.to_string());
        } else {
            pieces.last_mut().expect("never empty").push(c);
        }
    }
    pieces
}

/// The byte index of the first unescaped `c` in `text`.
fn find_unescaped(text: &str, c: char) -> Option<usize> {
    let mut escaped = false;
    for (i, ch) in text.char_indices() {
        if escaped {
            escaped = false;
        } else if ch == '\\' {
            escaped = true;
        } else if ch == c {
            return Some(i);
        }
    }
    None
}

/// Text after an unescaped `####`, and the text before it.
fn general_feedback(block: &str) -> (String, Option<String>) {
    let mut escaped = false;
    let bytes: Vec<(usize, char)> = block.char_indices().collect();
    for (k, (i, ch)) in bytes.iter().enumerate() {
        if escaped {
            escaped = false;
        } else if *ch == '\\' {
            escaped = true;
        } else if block[*i..].starts_with("####") {
            let _ = k;
            return (block[..*i].to_string(), Some(unescape(&block[i + 4..])));
        }
    }
    (block.to_string(), None)
}

/// Quorum's own fields, carried in `// quorum NAME: value` comments.
#[derive(Debug, Default, Clone)]
struct Carried {
    kind: Option<String>,
    difficulty: Option<Difficulty>,
    source: Vec<String>,
    speaker: Option<String>,
    time_limit: Option<u32>,
    quote: Option<String>,
    slider: Option<(f64, f64, f64, String)>,
    background: Option<String>,
    cite: Option<String>,
    draft: bool,
    draft_note: Option<String>,
}

impl Carried {
    fn read(&mut self, comment: &str) {
        let Some(rest) = comment.strip_prefix("quorum ") else { return };
        let Some((name, value)) = rest.split_once(':') else { return };
        let value = value.trim();
        match name.trim() {
            "kind" => self.kind = Some(value.to_string()),
            "difficulty" => self.difficulty = Difficulty::parse(value),
            "source" => self.source.push(value.to_string()),
            "speaker" => self.speaker = Some(value.to_string()),
            "time limit" => self.time_limit = value.parse().ok(),
            "quote" => self.quote = Some(value.to_string()),
            "background" => self.background = Some(comment_unescape(value)),
            "cite" => self.cite = Some(comment_unescape(value)),
            "draft" => self.draft = value.eq_ignore_ascii_case("true"),
            "draft note" => self.draft_note = Some(value.to_string()).filter(|n| !n.is_empty()),
            "slider" => {
                let mut min = None;
                let mut max = None;
                let mut step = None;
                let mut unit = String::new();
                for part in value.split_whitespace() {
                    match part.split_once('=') {
                        Some(("min", v)) => min = v.parse().ok(),
                        Some(("max", v)) => max = v.parse().ok(),
                        Some(("step", v)) => step = v.parse().ok(),
                        Some(("unit", v)) => unit = v.to_string(),
                        _ => {}
                    }
                }
                if let (Some(min), Some(max), Some(step)) = (min, max, step) {
                    self.slider = Some((min, max, step, unit));
                }
            }
            _ => {}
        }
    }
}

/// A value on one `// quorum` line: backslashes and line breaks escaped, so
/// a background of several paragraphs comes back as written.
fn comment_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r")
}

fn comment_unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(next) => out.push(next),
            None => out.push('\\'),
        }
    }
    out
}

/// A question's text as gathered from the file, with where it starts.
struct Block {
    line: usize,
    text: String,
    topic: String,
    carried: Carried,
}

/// Reads a GIFT file's text into a bank.
pub fn import(file: &str, text: &str, title: &str, article: Option<ArticleRef>) -> Imported {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).replace("\r\n", "\n");
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    let mut questions = Vec::new();
    for block in blocks(&text) {
        match question(&block) {
            Ok(q) => questions.push(q),
            Err(reason) => {
                problems.push(
                    Diagnostic::warning(file, format!("question skipped: {reason}"))
                        .at(Some(Position { line: block.line, col: 1 })),
                );
                skipped.push(format!("line {} ({reason})", block.line));
            }
        }
    }
    finish_import(&mut questions, file, &mut problems, article.is_some());
    let bank = Bank {
        title: title.to_string(),
        description: String::new(),
        language: "en".to_string(),
        article,
        questions,
    };
    Imported { bank, problems, skipped }
}

/// Groups lines into questions: comments and categories apply to what
/// follows; a question ends at a blank line once its braces are closed.
fn blocks(text: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut topic = "General".to_string();
    let mut carried = Carried::default();
    let mut current: Option<Block> = None;
    let mut depth: i32 = 0;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if current.is_none() || depth == 0 {
            if line.is_empty() {
                if let Some(b) = current.take() {
                    out.push(b);
                }
                continue;
            }
            if let Some(comment) = line.strip_prefix("//") {
                carried.read(comment.trim());
                continue;
            }
            if let Some(category) = line.strip_prefix("$CATEGORY:") {
                let name = category.trim().trim_end_matches('/').rsplit('/').next().unwrap_or("").trim();
                topic = if name.is_empty() || name.starts_with('$') {
                    "General".to_string()
                } else {
                    name.to_string()
                };
                continue;
            }
        }
        let block = current.get_or_insert_with(|| Block {
            line: n + 1,
            text: String::new(),
            topic: topic.clone(),
            carried: std::mem::take(&mut carried),
        });
        if !block.text.is_empty() {
            block.text.push('\n');
        }
        block.text.push_str(raw);
        let mut escaped = false;
        for c in raw.chars() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
        }
        depth = depth.max(0);
    }
    if let Some(b) = current {
        out.push(b);
    }
    out
}

/// One block to a question, or why it cannot be played.
fn question(block: &Block) -> Result<Question, String> {
    let mut text = block.text.trim().to_string();
    let mut id = String::new();
    if let Some(rest) = text.strip_prefix("::")
        && let Some(end) = find_unescaped(rest, ':').filter(|&e| rest[e..].starts_with("::"))
    {
        id = slugify(&unescape(&rest[..end]));
        text = rest[end + 2..].trim().to_string();
    }
    for format in ["[html]", "[moodle]", "[markdown]", "[plain]"] {
        if let Some(rest) = text.strip_prefix(format) {
            text = rest.trim().to_string();
        }
    }
    let open = find_unescaped(&text, '{').ok_or("no answers in braces { }")?;
    let close =
        find_unescaped(&text[open..], '}').map(|c| open + c).ok_or("the answers' braces are not closed")?;
    let stem = unescape(&strip_tags(&text[..open]));
    let inside = text[open + 1..close].trim().to_string();
    let after = text[close + 1..].trim();
    if !after.is_empty() {
        return Err("a missing-word question, which Quorum cannot play".to_string());
    }
    if stem.is_empty() {
        return Err("the question has no text".to_string());
    }
    let (answers, general) = general_feedback(&inside);
    let answers = answers.trim();
    let c = &block.carried;
    let kind = if answers.is_empty() {
        return Err("an essay question, which Quorum cannot play".to_string());
    } else if let Some(numeric) = answers.strip_prefix('#') {
        numerical(&stem, numeric, c)?
    } else if let Some((value, _)) = true_false(answers) {
        QuestionKind::TrueFalse { statement: stem.clone(), answer: value }
    } else {
        choice(&stem, answers, c)?
    };
    let feedback = match &kind {
        QuestionKind::TrueFalse { .. } => true_false(answers).map(|(_, f)| f).unwrap_or_default(),
        QuestionKind::MultipleChoice { .. }
        | QuestionKind::Figure { .. }
        | QuestionKind::WhoSaidIt { .. } => right_feedback(answers),
        QuestionKind::Estimate { .. } => String::new(),
    };
    let explanation = [general.unwrap_or_default(), feedback]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(Question {
        id,
        topic: block.topic.clone(),
        difficulty: c.difficulty.unwrap_or(Difficulty::Medium),
        time_limit: c.time_limit,
        explanation,
        background: super::spreadsheet::background(
            c.background.clone().unwrap_or_default(),
            c.cite.clone().unwrap_or_default(),
        ),
        source: c.source.clone(),
        speaker: if matches!(kind, QuestionKind::WhoSaidIt { .. }) { None } else { c.speaker.clone() },
        kind,
        draft: c.draft,
        draft_note: c.draft_note.clone(),
    })
}

fn strip_tags(text: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in text.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `T`, `TRUE`, `F` or `FALSE`, with any feedback after `#`.
fn true_false(answers: &str) -> Option<(bool, String)> {
    let pieces = split_marks(answers, &['#']);
    let value = match pieces[0].trim().to_uppercase().as_str() {
        "T" | "TRUE" => true,
        "F" | "FALSE" => false,
        _ => return None,
    };
    // `{T#feedback if wrong#feedback if right}`: keep the feedback for right.
    let feedback =
        pieces.get(2).or(pieces.get(1)).map(|f| unescape(f.trim_start_matches('#'))).unwrap_or_default();
    Some((value, feedback))
}

/// The feedback on the right answer of a choice question.
fn right_feedback(answers: &str) -> String {
    for piece in split_marks(answers, &['=', '~']) {
        if piece.starts_with('=') || piece.starts_with("~%100%") {
            let parts = split_marks(&piece, &['#']);
            return parts.get(1).map(|f| unescape(f.trim_start_matches('#'))).unwrap_or_default();
        }
    }
    String::new()
}

fn choice(stem: &str, answers: &str, c: &Carried) -> Result<QuestionKind, String> {
    if answers.contains("->") {
        return Err("a matching question, which Quorum cannot play".to_string());
    }
    let mut choices = Vec::new();
    let mut right = Vec::new();
    for piece in split_marks(answers, &['=', '~']) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let (mark, rest) = piece.split_at(1);
        let mut rest = rest.trim().to_string();
        let mut weight = if mark == "=" { 100.0 } else { 0.0 };
        if let Some(w) = rest.strip_prefix('%') {
            let end = w.find('%').ok_or("an answer weight is not closed with %")?;
            weight = w[..end].trim().parse::<f64>().map_err(|_| "an answer weight is not a number")?;
            rest = w[end + 1..].to_string();
        }
        let answer_text = split_marks(&rest, &['#'])[0].clone();
        let answer_text = unescape(&answer_text);
        if mark == "=" || weight >= 100.0 {
            right.push(answer_text.clone());
        } else if weight > 0.0 {
            return Err(
                "a multiple-answer question with partial weights, which Quorum cannot play".to_string()
            );
        }
        if mark != "=" && mark != "~" {
            return Err("an answer must start with = or ~".to_string());
        }
        choices.push(answer_text);
    }
    if !answers.contains('~') {
        return Err("a short-answer question, which Quorum cannot play".to_string());
    }
    let answer = match right.as_slice() {
        [one] => one.clone(),
        [] => return Err("no answer is marked right with =".to_string()),
        _ => return Err("more than one right answer, which Quorum cannot play".to_string()),
    };
    Ok(match c.kind.as_deref() {
        Some("Figure") => QuestionKind::Figure { prompt: stem.to_string(), choices, answer },
        Some("WhoSaidIt") => {
            let quote = c.quote.clone().unwrap_or_default();
            let prompt = stem.trim_end_matches(&format!("\u{201C}{quote}\u{201D}")).trim().to_string();
            let prompt = Some(prompt).filter(|p| !p.is_empty() && p != WHO_SAID_IT_PROMPT);
            QuestionKind::WhoSaidIt { prompt, quote, choices, answer }
        }
        _ => QuestionKind::MultipleChoice { prompt: stem.to_string(), choices, answer },
    })
}

/// `{#value:tolerance}`, `{#low..high}`, or `{# =value:tolerance ...}`.
fn numerical(stem: &str, numeric: &str, c: &Carried) -> Result<QuestionKind, String> {
    let first = split_marks(numeric, &['='])
        .into_iter()
        .map(|p| p.trim_start_matches('=').trim().to_string())
        .find(|p| !p.is_empty() && !p.starts_with('%') || p.starts_with("%100%"))
        .ok_or("a numerical question with no answer")?;
    let first = first.trim_start_matches("%100%");
    let first = split_marks(first, &['#'])[0].trim().to_string();
    let parse = |t: &str| t.trim().parse::<f64>().map_err(|_| format!("\"{t}\" is not a number"));
    let (answer, tolerance) = if let Some((low, high)) = first.split_once("..") {
        let (low, high) = (parse(low)?, parse(high)?);
        ((low + high) / 2.0, (high - low).abs() / 2.0)
    } else if let Some((value, tol)) = first.split_once(':') {
        (parse(value)?, parse(tol)?.abs())
    } else {
        (parse(&first)?, 0.0)
    };
    let (min, max, step, unit) = c.slider.clone().unwrap_or_else(|| slider_for(answer, tolerance));
    Ok(QuestionKind::Estimate { prompt: stem.to_string(), min, max, step, unit, answer, tolerance })
}

/// A slider for a numerical answer GIFT gives without one: a round step no
/// bigger than the tolerance, the answer reachable, and not in the middle
/// (where the slider starts).
fn slider_for(answer: f64, tolerance: f64) -> (f64, f64, f64, String) {
    let scale = if tolerance > 0.0 {
        tolerance
    } else if answer != 0.0 {
        answer.abs() / 100.0
    } else {
        1.0
    };
    let step = 10f64.powf(scale.log10().floor()).max(1e-6);
    let step = if tolerance == 0.0 && answer.fract() == 0.0 { step.max(1.0) } else { step };
    let steps_out = ((5.0 * tolerance / step).ceil() as i64).max(10);
    let mut below = steps_out;
    if answer >= 0.0 {
        // Keep a positive answer's slider at zero or above where it can be.
        let to_zero = (answer / step).floor() as i64;
        if to_zero >= 1 {
            below = below.min(to_zero);
        }
    }
    let min = answer - below as f64 * step;
    let max = answer + 2.0 * steps_out as f64 * step;
    (round_to(min, step), round_to(max, step), step, String::new())
}

fn round_to(value: f64, step: f64) -> f64 {
    let decimals = (-step.log10().floor()).max(0.0) as i32;
    let f = 10f64.powi(decimals);
    (value * f).round() / f
}

/// The bank in GIFT, with `// quorum` comments carrying Quorum's fields.
pub fn export(bank: &Bank) -> String {
    let mut out = format!(
        "// Exported from Quorum: \"{}\".\n// Lines starting \"// quorum\" carry what GIFT has no place for; Moodle ignores them.\n\n",
        bank.title
    );
    let mut topic = String::new();
    for q in &bank.questions {
        if q.topic != topic {
            topic = q.topic.clone();
            out.push_str(&format!("$CATEGORY: {topic}\n\n"));
        }
        out.push_str(&format!("// quorum kind: {}\n", q.kind_name()));
        out.push_str(&format!("// quorum difficulty: {}\n", q.difficulty.name()));
        for s in &q.source {
            out.push_str(&format!("// quorum source: {}\n", s.replace('\n', " ")));
        }
        if let Some(speaker) =
            q.speaker.as_ref().filter(|_| !matches!(q.kind, QuestionKind::WhoSaidIt { .. }))
        {
            out.push_str(&format!("// quorum speaker: {speaker}\n"));
        }
        if let Some(t) = q.time_limit {
            out.push_str(&format!("// quorum time limit: {t}\n"));
        }
        if let Some(background) = &q.background {
            out.push_str(&format!("// quorum background: {}\n", comment_escape(&background.text)));
            if let Some(cite) = &background.cite {
                out.push_str(&format!("// quorum cite: {}\n", comment_escape(cite)));
            }
        }
        if q.draft {
            out.push_str("// quorum draft: true\n");
        }
        if let Some(note) = &q.draft_note {
            out.push_str(&format!("// quorum draft note: {}\n", note.replace('\n', " ")));
        }
        let general =
            if q.explanation.is_empty() { String::new() } else { format!("####{}", escape(&q.explanation)) };
        let title = format!("::{}::", escape(&q.id));
        match &q.kind {
            QuestionKind::MultipleChoice { prompt, choices, answer }
            | QuestionKind::Figure { prompt, choices, answer } => {
                out.push_str(&format!(
                    "{title}{} {{\n{}{general}\n}}\n\n",
                    escape(prompt),
                    choice_lines(choices, answer)
                ));
            }
            QuestionKind::WhoSaidIt { prompt, quote, choices, answer } => {
                out.push_str(&format!("// quorum quote: {}\n", quote.replace('\n', " ")));
                let stem =
                    format!("{} \u{201C}{quote}\u{201D}", prompt.as_deref().unwrap_or(WHO_SAID_IT_PROMPT));
                out.push_str(&format!(
                    "{title}{} {{\n{}{general}\n}}\n\n",
                    escape(&stem),
                    choice_lines(choices, answer)
                ));
            }
            QuestionKind::TrueFalse { statement, answer } => {
                out.push_str(&format!(
                    "{title}{} {{{}{general}}}\n\n",
                    escape(statement),
                    if *answer { "TRUE" } else { "FALSE" }
                ));
            }
            QuestionKind::Estimate { prompt, min, max, step, unit, answer, tolerance } => {
                let n = super::write::number;
                out.push_str(&format!(
                    "// quorum slider: min={} max={} step={} unit={}\n",
                    n(*min),
                    n(*max),
                    n(*step),
                    unit
                ));
                out.push_str(&format!(
                    "{title}{} {{#{}:{}{general}}}\n\n",
                    escape(prompt),
                    n(*answer),
                    n(*tolerance)
                ));
            }
        }
    }
    out
}

fn choice_lines(choices: &[String], answer: &str) -> String {
    choices.iter().map(|c| format!("{}{}\n", if c == answer { "=" } else { "~" }, escape(c))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    #[test]
    fn bank_to_gift_to_bank_keeps_every_question() {
        let bank = builtin::check().bank.unwrap();
        let gift = export(&bank);
        let back = import("b.gift", &gift, &bank.title, bank.article.clone());
        assert!(back.skipped.is_empty(), "{:?}", back.problems);
        assert_eq!(back.bank.questions.len(), bank.questions.len());
        for (a, b) in back.bank.questions.iter().zip(&bank.questions) {
            assert_eq!(a, b);
        }
    }

    #[test]
    fn escapes_round_trip() {
        let text = "a ~ b = c # d { e } f : g \\ h\nnext";
        assert_eq!(unescape(&escape(text)), text);
    }

    #[test]
    fn a_slider_is_made_for_a_bare_numerical_answer() {
        let (min, max, step, _) = slider_for(80.0, 5.0);
        assert_eq!(step, 1.0);
        assert!(min < 80.0 && max > 80.0 && min >= 0.0);
        assert!(((80.0 - min) / step).fract() == 0.0, "reachable");
        assert!((min + max) / 2.0 != 80.0, "not in the middle");
        let (min, max, step, _) = slider_for(1980.0, 0.0);
        assert_eq!(step, 10.0);
        assert!(min < 1980.0 && max > 1980.0);
    }
}

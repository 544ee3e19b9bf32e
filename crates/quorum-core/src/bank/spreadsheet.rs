//! Banks as spreadsheets (CSV), one question a row, for teachers who work in
//! Excel, LibreOffice or Google Sheets. docs/bank-format.md lists the
//! columns; assets/templates/questions-template.csv is a ready template.
//!
//! Reading accepts what spreadsheets write: commas or semicolons, quoted
//! cells with line breaks and quotes, and a UTF-8 byte order mark.

use super::diagnostic::{Diagnostic, Position};
use super::model::{ArticleRef, Background, Bank, Difficulty, Question, QuestionKind};
use super::validate::slugify;

/// The columns, in order.
pub const COLUMNS: [&str; 26] = [
    "id",
    "kind",
    "topic",
    "difficulty",
    "prompt",
    "quote",
    "choice 1",
    "choice 2",
    "choice 3",
    "choice 4",
    "choice 5",
    "choice 6",
    "answer",
    "explanation",
    "background",
    "cite",
    "source",
    "speaker",
    "time limit",
    "min",
    "max",
    "step",
    "unit",
    "tolerance",
    "draft",
    "draft note",
];

/// What an import produced: the bank, and every problem met on the way
/// (rows skipped are errors; anything else is a warning).
#[derive(Debug, Clone)]
pub struct Imported {
    pub bank: Bank,
    pub problems: Vec<Diagnostic>,
    /// Descriptions of the rows or questions left out, for the summary.
    pub skipped: Vec<String>,
}

impl Imported {
    /// "imported 42 questions, skipped 3: line 12 (an essay question), ..."
    pub fn summary(&self) -> String {
        let n = self.bank.questions.len();
        let mut s = format!("imported {n} question{}", if n == 1 { "" } else { "s" });
        if !self.skipped.is_empty() {
            s.push_str(&format!(", skipped {}: {}", self.skipped.len(), self.skipped.join("; ")));
        }
        s
    }
}

/// Kinds as a spreadsheet may spell them.
fn parse_kind(text: &str) -> Option<&'static str> {
    let k: String = text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    Some(match k.as_str() {
        "multiplechoice" | "mc" | "choice" => "MultipleChoice",
        "whosaidit" | "quote" | "whosaid" => "WhoSaidIt",
        "truefalse" | "tf" | "trueorfalse" => "TrueFalse",
        "figure" | "number" => "Figure",
        "estimate" | "slider" => "Estimate",
        _ => return None,
    })
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "t" | "yes" | "y" | "1" => Some(true),
        "false" | "f" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// The delimiter a spreadsheet used: whichever of `;` and `,` the header
/// line has more of.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.matches(';').count() > header.matches(',').count() { b';' } else { b',' }
}

/// Reads a CSV file's text into a bank. `title` and `article` fill the
/// header, which a spreadsheet does not have.
pub fn import(file: &str, text: &str, title: &str, article: Option<ArticleRef>) -> Imported {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter(text)).flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.trim().to_lowercase()).collect(),
        Err(e) => {
            problems.push(Diagnostic::error(file, format!("cannot read the header row: {e}")));
            return Imported { bank: empty_bank(title, article), problems, skipped };
        }
    };
    let column =
        |name: &str| headers.iter().position(|h| h == name || h.replace(' ', "_") == name.replace(' ', "_"));
    let index: Vec<Option<usize>> = COLUMNS.iter().map(|c| column(c)).collect();
    for required in ["kind", "answer"] {
        if column(required).is_none() {
            problems.push(
                Diagnostic::error(file, format!("the header row has no `{required}` column"))
                    .at(Some(Position { line: 1, col: 1 }))
                    .with_help(format!("the columns are: {}", COLUMNS.join(", "))),
            );
            return Imported { bank: empty_bank(title, article), problems, skipped };
        }
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                problems.push(
                    Diagnostic::error(file, format!("unreadable row: {e}"))
                        .at(Some(Position { line, col: 1 })),
                );
                skipped.push(format!("line {line} (unreadable)"));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |name: &str| -> String {
            let i = COLUMNS.iter().position(|c| *c == name).and_then(|i| index[i]);
            i.and_then(|i| record.get(i)).unwrap_or_default().trim().to_string()
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match row(&cell) {
            Ok(q) => questions.push(q),
            Err(reason) => {
                problems.push(
                    Diagnostic::error(file, format!("row skipped: {reason}"))
                        .at(Some(Position { line, col: 1 })),
                );
                skipped.push(format!("line {line} ({reason})"));
            }
        }
    }
    finish_import(&mut questions, file, &mut problems, article.is_some());
    let mut bank = empty_bank(title, article);
    bank.questions = questions;
    Imported { bank, problems, skipped }
}

fn empty_bank(title: &str, article: Option<ArticleRef>) -> Bank {
    Bank {
        title: title.to_string(),
        description: String::new(),
        language: "en".to_string(),
        article,
        questions: Vec::new(),
    }
}

/// What every import does last: unique ids, and, when the questions are
/// for an article, a flag on each without a source (allowed, but it cannot
/// be checked).
pub fn finish_import(
    questions: &mut [Question],
    file: &str,
    problems: &mut Vec<Diagnostic>,
    has_article: bool,
) {
    dedupe_ids(questions, file, problems);
    for q in questions.iter().filter(|_| has_article) {
        if q.source.is_empty() {
            problems.push(
                Diagnostic::warning(file, "no source: this question cannot be checked against the article")
                    .in_question(&q.id),
            );
        }
    }
}

/// Gives repeated or missing ids a unique slug, with a note.
fn dedupe_ids(questions: &mut [Question], file: &str, problems: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashSet::new();
    for q in questions.iter_mut() {
        if q.id.is_empty() {
            q.id = slugify(q.prompt()).split('-').take(6).collect::<Vec<_>>().join("-");
            if q.id.is_empty() {
                q.id = "question".to_string();
            }
        }
        let base = q.id.clone();
        let mut n = 2;
        while !seen.insert(q.id.clone()) {
            q.id = format!("{base}-{n}");
            n += 1;
        }
        if q.id != base {
            problems.push(Diagnostic::warning(
                file,
                format!("the id `{base}` was already used; this one is `{}`", q.id),
            ));
        }
    }
}

fn number(cell: &str, name: &str) -> Result<f64, String> {
    cell.replace(',', ".")
        .trim()
        .parse::<f64>()
        .map_err(|_| format!("`{name}` must be a number, not \"{cell}\""))
}

fn row(cell: &dyn Fn(&str) -> String) -> Result<Question, String> {
    let kind_text = cell("kind");
    let kind = parse_kind(&kind_text).ok_or_else(|| {
        if kind_text.is_empty() {
            "no kind".to_string()
        } else {
            format!(
                "unknown kind \"{kind_text}\"; use MultipleChoice, WhoSaidIt, TrueFalse, Figure or Estimate"
            )
        }
    })?;
    let difficulty = match cell("difficulty") {
        d if d.is_empty() => Difficulty::Medium,
        d => Difficulty::parse(&d)
            .ok_or_else(|| format!("unknown difficulty \"{d}\"; use easy, medium or hard"))?,
    };
    let choices: Vec<String> =
        (1..=6).map(|i| cell(&format!("choice {i}"))).filter(|c| !c.is_empty()).collect();
    let answer = cell("answer");
    if answer.is_empty() {
        return Err("no answer".to_string());
    }
    let prompt = cell("prompt");
    let time_limit = match cell("time limit") {
        t if t.is_empty() => None,
        t => Some(t.parse::<u32>().map_err(|_| format!("`time limit` must be whole seconds, not \"{t}\""))?),
    };
    let speaker = Some(cell("speaker")).filter(|s| !s.is_empty());
    let kind = match kind {
        "MultipleChoice" => QuestionKind::MultipleChoice { prompt, choices, answer },
        "Figure" => QuestionKind::Figure { prompt, choices, answer },
        "WhoSaidIt" => QuestionKind::WhoSaidIt {
            prompt: Some(prompt).filter(|p| !p.is_empty()),
            quote: cell("quote"),
            choices,
            answer,
        },
        "TrueFalse" => QuestionKind::TrueFalse {
            statement: prompt,
            answer: parse_bool(&answer)
                .ok_or_else(|| format!("a true/false answer must be true or false, not \"{answer}\""))?,
        },
        _ => QuestionKind::Estimate {
            prompt,
            min: number(&cell("min"), "min")?,
            max: number(&cell("max"), "max")?,
            step: number(&cell("step"), "step")?,
            unit: cell("unit"),
            answer: number(&answer, "answer")?,
            tolerance: number(&cell("tolerance"), "tolerance")?,
        },
    };
    let topic = match cell("topic") {
        t if t.is_empty() => "General".to_string(),
        t => t,
    };
    Ok(Question {
        id: cell("id"),
        topic,
        difficulty,
        time_limit,
        explanation: cell("explanation"),
        background: background(cell("background"), cell("cite")),
        // Several sentences go one a line in the cell.
        source: cell("source").lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect(),
        speaker: if kind_is_who_said_it(&kind) { None } else { speaker },
        kind,
        draft: match cell("draft") {
            d if d.is_empty() => false,
            d => parse_bool(&d).ok_or_else(|| format!("`draft` must be true or false, not \"{d}\""))?,
        },
        draft_note: Some(cell("draft note")).filter(|n| !n.is_empty()),
    })
}

/// A background from its two cells; a cite without text is kept too, so
/// nothing typed is lost (`check` then asks for the text).
pub fn background(text: String, cite: String) -> Option<Background> {
    let cite = Some(cite).filter(|c| !c.trim().is_empty());
    (!text.trim().is_empty() || cite.is_some()).then_some(Background { text, cite })
}

fn kind_is_who_said_it(kind: &QuestionKind) -> bool {
    matches!(kind, QuestionKind::WhoSaidIt { .. })
}

/// The bank as CSV with every column, one question a row.
pub fn export(bank: &Bank) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for q in &bank.questions {
        let mut cells: Vec<String> = vec![String::new(); COLUMNS.len()];
        let mut set = |name: &str, value: String| {
            if let Some(i) = COLUMNS.iter().position(|c| *c == name) {
                cells[i] = value;
            }
        };
        set("id", q.id.clone());
        set("kind", q.kind_name().to_string());
        set("topic", q.topic.clone());
        set("difficulty", q.difficulty.name().to_string());
        set("explanation", q.explanation.clone());
        if let Some(background) = &q.background {
            set("background", background.text.clone());
            set("cite", background.cite.clone().unwrap_or_default());
        }
        set("source", q.source.join("\n"));
        if !kind_is_who_said_it(&q.kind) {
            set("speaker", q.speaker.clone().unwrap_or_default());
        }
        set("time limit", q.time_limit.map(|t| t.to_string()).unwrap_or_default());
        if q.draft {
            set("draft", "true".to_string());
        }
        set("draft note", q.draft_note.clone().unwrap_or_default());
        match &q.kind {
            QuestionKind::MultipleChoice { prompt, choices, answer }
            | QuestionKind::Figure { prompt, choices, answer } => {
                set("prompt", prompt.clone());
                for (i, c) in choices.iter().enumerate().take(6) {
                    set(&format!("choice {}", i + 1), c.clone());
                }
                set("answer", answer.clone());
            }
            QuestionKind::WhoSaidIt { prompt, quote, choices, answer } => {
                set("prompt", prompt.clone().unwrap_or_default());
                set("quote", quote.clone());
                for (i, c) in choices.iter().enumerate().take(6) {
                    set(&format!("choice {}", i + 1), c.clone());
                }
                set("answer", answer.clone());
            }
            QuestionKind::TrueFalse { statement, answer } => {
                set("prompt", statement.clone());
                set("answer", answer.to_string());
            }
            QuestionKind::Estimate { prompt, min, max, step, unit, answer, tolerance } => {
                set("prompt", prompt.clone());
                set("min", super::write::number(*min));
                set("max", super::write::number(*max));
                set("step", super::write::number(*step));
                set("unit", unit.clone());
                set("answer", super::write::number(*answer));
                set("tolerance", super::write::number(*tolerance));
            }
        }
        let _ = writer.write_record(&cells);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    fn article() -> Option<ArticleRef> {
        Some(ArticleRef {
            path: "a.txt".into(),
            title: "A".into(),
            title_supplied: false,
            publisher: None,
            date: None,
        })
    }

    #[test]
    fn bank_to_csv_to_bank_keeps_every_question() {
        let bank = builtin::check().bank.unwrap();
        let csv = export(&bank);
        let back = import("b.csv", &csv, &bank.title, bank.article.clone());
        assert!(back.skipped.is_empty(), "{:?}", back.problems);
        assert_eq!(back.bank.questions, bank.questions);
    }

    #[test]
    fn kinds_and_booleans_are_read_loosely() {
        assert_eq!(parse_kind("Multiple choice"), Some("MultipleChoice"));
        assert_eq!(parse_kind("true/false"), Some("TrueFalse"));
        assert_eq!(parse_kind("essay"), None);
        assert_eq!(parse_bool("Yes"), Some(true));
        assert_eq!(parse_bool("FALSE"), Some(false));
    }

    #[test]
    fn bad_rows_are_skipped_with_their_line() {
        let csv = "id,kind,topic,difficulty,prompt,choice 1,choice 2,answer,explanation\n\
                   a,mc,T,easy,Q?,x,y,x,Because.\n\
                   b,essay,T,easy,Q?,,,z,Because.\n\
                   c,mc,T,impossible,Q?,x,y,x,Because.\n";
        let imported = import("q.csv", csv, "T", article());
        assert_eq!(imported.bank.questions.len(), 1);
        assert_eq!(imported.skipped.len(), 2);
        assert!(
            imported.summary().starts_with("imported 1 question, skipped 2: line 3 (unknown kind \"essay\"")
        );
        let lines: Vec<usize> =
            imported.problems.iter().filter(|d| d.is_error()).map(|d| d.position.unwrap().line).collect();
        assert_eq!(lines, [3, 4]);
    }
}

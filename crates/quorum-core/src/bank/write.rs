//! Writing a bank as RON for people: the documented field order, one field
//! a line, long lists one item a line, and the teacher's comments kept in
//! place. Writing what was read gives the same text (for banks this writer
//! wrote); the editor saves an unchanged bank as the bytes it loaded.

use std::fmt::Write as _;

use super::model::{Bank, Question, QuestionKind};
use super::outline::Comments;

/// Lines are kept under this width where a list allows.
const WIDTH: usize = 100;

/// A string as a RON literal: quotes, backslashes and control characters
/// escaped; everything else (ö, ā, curly quotes) kept as written.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as a bank writes it: `64`, `50.7`, `0.1`.
pub fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 { format!("{}", value as i64) } else { format!("{value}") }
}

struct Writer {
    out: String,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn field(&mut self, indent: usize, name: &str, value: &str) {
        self.line(indent, &format!("{name}: {value},"));
    }

    /// A list on one line if it fits, else one item a line.
    fn list(&mut self, indent: usize, name: &str, items: &[String]) {
        let one_line =
            format!("{name}: [{}],", items.iter().map(|i| quoted(i)).collect::<Vec<_>>().join(", "));
        if indent * 4 + one_line.chars().count() <= WIDTH || items.is_empty() {
            self.line(indent, &one_line);
        } else {
            self.line(indent, &format!("{name}: ["));
            for item in items {
                self.line(indent + 1, &format!("{},", quoted(item)));
            }
            self.line(indent, "],");
        }
    }

    fn comments(&mut self, indent: usize, comments: &[String]) {
        for comment in comments {
            for (i, line) in comment.lines().enumerate() {
                // Block comments keep their own inner layout.
                if i == 0 {
                    self.line(indent, line.trim_start());
                } else {
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
        }
    }
}

/// The bank as RON, with `comments` (from `Comments::of`) put back.
pub fn to_ron(bank: &Bank, comments: &Comments) -> String {
    let mut w = Writer { out: String::new() };
    w.comments(0, &comments.header);
    w.line(0, "Bank(");
    w.field(1, "title", &quoted(&bank.title));
    w.field(1, "description", &quoted(&bank.description));
    w.field(1, "language", &quoted(&bank.language));
    if let Some(a) = &bank.article {
        w.line(1, "article: Article(");
        w.field(2, "path", &quoted(&a.path));
        w.field(2, "title", &quoted(&a.title));
        if a.title_supplied {
            w.field(2, "title_supplied", "true");
        }
        w.field(2, "publisher", &a.publisher.as_deref().map_or("None".to_string(), quoted));
        w.field(2, "date", &a.date.as_deref().map_or("None".to_string(), quoted));
        w.line(1, "),");
    }
    w.line(1, "questions: [");
    for q in &bank.questions {
        w.comments(2, comments.for_question(&q.id));
        question(&mut w, q);
    }
    w.comments(2, &comments.trailer);
    w.line(1, "],");
    w.line(0, ")");
    w.out
}

/// One question as `to_ron` writes it, indented for its place in the list.
pub fn question_ron(q: &Question) -> String {
    let mut w = Writer { out: String::new() };
    question(&mut w, q);
    w.out
}

fn question(w: &mut Writer, q: &Question) {
    w.line(2, &format!("{}(", q.kind_name()));
    w.field(3, "id", &quoted(&q.id));
    w.field(3, "topic", &quoted(&q.topic));
    w.field(3, "difficulty", &format!("{:?}", q.difficulty));
    match &q.kind {
        QuestionKind::MultipleChoice { prompt, choices, answer }
        | QuestionKind::Figure { prompt, choices, answer } => {
            w.field(3, "prompt", &quoted(prompt));
            w.list(3, "choices", choices);
            w.field(3, "answer", &quoted(answer));
        }
        QuestionKind::WhoSaidIt { prompt, quote, choices, answer } => {
            if let Some(prompt) = prompt {
                w.field(3, "prompt", &quoted(prompt));
            }
            w.field(3, "quote", &quoted(quote));
            w.list(3, "choices", choices);
            w.field(3, "answer", &quoted(answer));
        }
        QuestionKind::TrueFalse { statement, answer } => {
            w.field(3, "statement", &quoted(statement));
            w.field(3, "answer", if *answer { "true" } else { "false" });
        }
        QuestionKind::Estimate { prompt, min, max, step, unit, answer, tolerance } => {
            w.field(3, "prompt", &quoted(prompt));
            w.field(3, "min", &number(*min));
            w.field(3, "max", &number(*max));
            w.field(3, "step", &number(*step));
            w.field(3, "unit", &quoted(unit));
            w.field(3, "answer", &number(*answer));
            w.field(3, "tolerance", &number(*tolerance));
        }
    }
    w.field(3, "explanation", &quoted(&q.explanation));
    if let Some(background) = &q.background {
        // Outside facts run long: the text and its cite a line each.
        w.line(3, "background: Background(");
        w.field(4, "text", &quoted(&background.text));
        if let Some(cite) = &background.cite {
            w.field(4, "cite", &quoted(cite));
        }
        w.line(3, "),");
    }
    // Sources are long sentences: always one a line.
    if q.source.is_empty() {
        w.field(3, "source", "[]");
    } else {
        w.line(3, "source: [");
        for s in &q.source {
            w.line(4, &format!("{},", quoted(s)));
        }
        w.line(3, "],");
    }
    if !matches!(q.kind, QuestionKind::WhoSaidIt { .. })
        && let Some(speaker) = &q.speaker
    {
        w.field(3, "speaker", &quoted(speaker));
    }
    if let Some(limit) = q.time_limit {
        w.field(3, "time_limit", &limit.to_string());
    }
    if q.draft {
        w.field(3, "draft", "true");
    }
    if let Some(note) = &q.draft_note {
        w.field(3, "draft_note", &quoted(note));
    }
    w.line(2, "),");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{builtin, load};

    #[test]
    fn writing_then_reading_gives_the_same_bank_and_the_same_text() {
        let bank = builtin::check().bank.unwrap();
        let comments = Comments::of(
            builtin::BANK_RON,
            &bank.questions.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(),
        );
        let text = to_ron(&bank, &comments);
        let again = load::parse("w.ron", &text).unwrap();
        assert_eq!(again, bank);
        let ids: Vec<&str> = again.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(to_ron(&again, &Comments::of(&text, &ids)), text, "stable");
        assert!(text.starts_with("// Quorum question bank"), "the header comment is kept");
        assert!(text.contains("// ---- Figures"), "question comments are kept");
        assert!(text.contains("Chlöe"), "non-ASCII is written as is");
    }

    #[test]
    fn strings_escape_what_ron_needs() {
        assert_eq!(quoted("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(number(64.0), "64");
        assert_eq!(number(50.7), "50.7");
        assert_eq!(number(-0.5), "-0.5");
    }
}

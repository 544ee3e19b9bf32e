//! Problems found in a bank, and how they are shown to a teacher: like a
//! compiler, `FILE:LINE:COL: error: message`, then the line with a caret.

use std::fmt::{self, Write as _};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Something the teacher should know that needs no change: a bank
    /// without an article is not checked against a source.
    Note,
    Warning,
    Error,
}

/// A line and column, both counted from 1 (columns in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the teacher named it.
    pub file: String,
    pub position: Option<Position>,
    /// The question the problem is in, if it is in one.
    pub question: Option<String>,
    /// The question's place in the bank and the field at fault, for the
    /// editor to show the problem beside the field.
    pub index: Option<usize>,
    pub field: Option<String>,
    pub message: String,
    /// A suggestion ("did you mean ...") when there is one.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            position: None,
            question: None,
            index: None,
            field: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(file: &str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, message) }
    }

    pub fn note(file: &str, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(file, message) }
    }

    pub fn at(mut self, position: Option<Position>) -> Self {
        self.position = position;
        self
    }

    pub fn in_question(mut self, id: &str) -> Self {
        self.question = Some(id.to_string());
        self
    }

    /// The question (by place) and field the problem concerns.
    pub fn on_field(mut self, index: usize, field: &str) -> Self {
        self.index = Some(index);
        self.field = Some(field.to_string());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Whether this problem keeps a question from being tried in the editor.
    /// An error in what the game needs to ask and judge the question (its
    /// prompt, choices, answer, range) stops a try; an error in where the
    /// question comes from or how it is explained (its sources, explanation,
    /// speaker, id or topic) must still be fixed before play, but the teacher
    /// can try the question meanwhile.
    pub fn stops_a_try(&self) -> bool {
        const WORDING: [&str; 5] = ["source", "explanation", "id", "topic", "speaker"];
        self.is_error() && !self.field.as_deref().is_some_and(|f| WORDING.contains(&f))
    }

    /// The one-line form: `FILE:LINE:COL: error: question `id`: message`.
    pub fn headline(&self) -> String {
        let mut out = self.file.clone();
        if let Some(p) = self.position {
            let _ = write!(out, ":{}:{}", p.line, p.col);
        }
        out.push_str(match self.severity {
            Severity::Error => ": error: ",
            Severity::Warning => ": warning: ",
            Severity::Note => ": note: ",
        });
        if let Some(id) = &self.question {
            let _ = write!(out, "question `{id}`: ");
        }
        out.push_str(&self.message);
        out
    }

    /// The full form: the headline, the offending line of `text` with a
    /// caret under the column, and the help line.
    pub fn render(&self, text: Option<&str>) -> String {
        let mut out = self.headline();
        out.push('\n');
        if let (Some(p), Some(text)) = (self.position, text)
            && let Some(line) = text.lines().nth(p.line.saturating_sub(1))
        {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let line = line.trim_end_matches('\r');
            // Tabs keep their width so the caret lines up.
            let caret_pad: String = line
                .chars()
                .take(p.col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {line}");
            let _ = writeln!(out, "{pad} | {caret_pad}^");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {help}");
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.headline())?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// Counts of errors and warnings (notes are neither).
pub fn tally(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    (count(Severity::Error), count(Severity::Warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_line_and_caret() {
        let text = "Bank(\n    title: 3,\n)";
        let d = Diagnostic::error("b.ron", "Expected string")
            .at(Some(Position { line: 2, col: 12 }))
            .with_help("put the title in double quotes");
        let shown = d.render(Some(text));
        assert_eq!(
            shown,
            "b.ron:2:12: error: Expected string\n  |\n2 |     title: 3,\n  |            ^\n  = help: put the title in double quotes\n"
        );
    }

    #[test]
    fn names_the_question() {
        let d = Diagnostic::warning("b.ron", "too long").in_question("q-1");
        assert_eq!(d.headline(), "b.ron: warning: question `q-1`: too long");
    }

    #[test]
    fn only_errors_in_what_is_asked_stop_a_try() {
        let on = |field: &str| Diagnostic::error("b.ron", "m").on_field(0, field);
        assert!(on("answer").stops_a_try());
        assert!(on("choices").stops_a_try());
        assert!(on("min").stops_a_try());
        assert!(!on("source").stops_a_try());
        assert!(!on("explanation").stops_a_try());
        assert!(!on("speaker").stops_a_try());
        assert!(Diagnostic::error("b.ron", "the whole question").stops_a_try());
        assert!(!Diagnostic::warning("b.ron", "m").on_field(0, "answer").stops_a_try());
    }
}

//! The question bank: its format, loading, validation and provenance against
//! the source article, and export.
//!
//! This module knows nothing of Bevy. The game and the command line both call
//! `check_file`/`check_bytes`, so they never disagree about a bank.

pub mod bound;
pub mod builtin;
pub mod diagnostic;
pub mod draft;
pub mod edit;
pub mod export;
pub mod gift;
pub mod import;
pub mod in_place;
pub mod kahoot;
pub mod library;
pub mod load;
pub mod model;
pub mod outline;
pub mod provenance;
pub mod review;
pub mod share;
pub mod skeleton;
pub mod spreadsheet;
pub mod stats;
pub mod suggest;
pub mod validate;
pub mod wayground;
pub mod write;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Position, Severity};
pub use model::{ArticleRef, Background, Bank, Difficulty, Question, QuestionKind};
pub use provenance::Article;

/// A bank after every check: what was read, and every problem found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The bank's file as the teacher named it.
    pub file: String,
    /// The decoded text, for showing the lines problems are on.
    pub text: String,
    /// `None` when the file could not be read or parsed at all.
    pub bank: Option<Bank>,
    /// The article, when it was found.
    pub article: Option<Article>,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    fn failed(file: &str, diagnostic: Diagnostic) -> Checked {
        Checked {
            file: file.to_string(),
            text: String::new(),
            bank: None,
            article: None,
            diagnostics: vec![diagnostic],
        }
    }

    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    /// Notes need no change: a bank without an article is not checked
    /// against a source.
    pub fn notes(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == Severity::Note).count()
    }

    /// Errors that concern the whole bank rather than one question: the bank
    /// cannot be played at all while there is one.
    pub fn bank_errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error() && d.question.is_none())
    }

    /// The ids of questions with at least one error.
    pub fn failing_ids(&self) -> HashSet<&str> {
        self.diagnostics.iter().filter(|d| d.is_error()).filter_map(|d| d.question.as_deref()).collect()
    }

    /// The bank with only its error-free questions, or `None` when nothing
    /// can be played (no bank, or an error in the bank as a whole).
    pub fn playable(&self) -> Option<Bank> {
        let bank = self.bank.as_ref()?;
        if self.bank_errors().next().is_some() {
            return None;
        }
        let failing = self.failing_ids();
        let mut playable = bank.clone();
        playable.questions.retain(|q| !failing.contains(q.id.as_str()));
        Some(playable)
    }

    /// Every diagnostic, rendered with its line and caret.
    pub fn report(&self) -> String {
        let text = (!self.text.is_empty()).then_some(self.text.as_str());
        self.diagnostics.iter().map(|d| d.render(text)).collect::<Vec<_>>().join("\n")
    }
}

/// Checks a bank's bytes. `read_article` is given the article's `path` as
/// written in the bank and returns its text, or why it could not be read.
pub fn check_bytes(
    file: &str,
    bytes: &[u8],
    read_article: impl FnOnce(&str) -> Result<String, String>,
) -> Checked {
    let text = match load::decode(file, bytes) {
        Ok(text) => text,
        Err(d) => {
            // Keep a readable copy so the report can still show the line.
            let text = String::from_utf8_lossy(bytes).into_owned();
            return Checked { text, ..Checked::failed(file, *d) };
        }
    };
    let bank = match load::parse(file, &text) {
        Ok(bank) => bank,
        Err(d) => return Checked { text, ..Checked::failed(file, *d) },
    };
    let outline = outline::Locator::new(&text);
    let mut diagnostics = validate::validate(&bank, file, &outline);
    let article = match &bank.article {
        // Said once for the bank: each question would only repeat it.
        None => {
            diagnostics.push(
                Diagnostic::note(
                    file,
                    "this bank has no article, so its facts are not checked against a source",
                )
                .at(outline.header_field("title"))
                .with_help("to check every question, add `article: Article(path: \"...\", title: \"...\")`"),
            );
            None
        }
        Some(named) => match read_article(&named.path) {
            Ok(article_text) => {
                let article = Article::new(&article_text);
                diagnostics.extend(provenance::check(&bank, &article, file, &outline));
                Some(article)
            }
            Err(reason) => {
                diagnostics.push(
                    Diagnostic::error(file, format!("cannot read the article \"{}\": {reason}", named.path))
                        .at(outline.header_field("article"))
                        .with_help("the article's `path` is relative to the bank file"),
                );
                None
            }
        },
    };
    diagnostics.sort_by_key(|d| d.position.map(|p| (p.line, p.col)).unwrap_or((usize::MAX, 0)));
    Checked { file: file.to_string(), text, bank: Some(bank), article, diagnostics }
}

/// Where a bank's article lives: its `path` taken relative to the bank file.
pub fn article_path(bank_file: &Path, article: &str) -> PathBuf {
    bank_file.parent().unwrap_or(Path::new("")).join(article)
}

/// Reads a text file as UTF-8 (with or without a byte order mark).
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{} ({})", io_reason(&e), path.display()))?;
    load::decode(&path.display().to_string(), &bytes).map_err(|d| d.message)
}

/// A plain-words reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        _ => e.to_string(),
    }
}

/// Reads and checks a bank file and its article from disk: a `.ron` bank
/// with its article beside it, or a shared `.quorum` package holding both.
pub fn check_file(path: &Path) -> Checked {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => check_file_bytes(path, &bytes),
        Err(e) => Checked::failed(
            &file,
            Diagnostic::error(&file, format!("cannot read the bank: {}", io_reason(&e))),
        ),
    }
}

/// Checks a bank file's bytes, already read from `path`: what the game's
/// loader calls. A package is told by its contents, whatever its name.
pub fn check_file_bytes(path: &Path, bytes: &[u8]) -> Checked {
    let file = path.display().to_string();
    if share::is_package(bytes) || path.extension().is_some_and(|e| e == share::EXTENSION) {
        return share::check_package(&file, bytes);
    }
    check_bytes(&file, bytes, |article| read_text(&article_path(path, article)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Checked {
        check_bytes("t.ron", text.as_bytes(), |_| Ok("Andrew Little said 64 percent of it.".to_string()))
    }

    const GOOD: &str = r#"Bank(
    title: "T",
    article: Article(path: "a.txt", title: "A"),
    questions: [
        Figure(
            id: "fig",
            topic: "Figures",
            difficulty: Easy,
            prompt: "How much?",
            choices: ["64 percent", "46 percent"],
            answer: "64 percent",
            explanation: "The article says sixty-four percent of it, in so many words.",
            source: ["Andrew Little said 64 percent of it."],
        ),
    ],
)"#;

    #[test]
    fn a_good_bank_is_playable() {
        let c = check(GOOD);
        assert_eq!(c.diagnostics, vec![]);
        assert_eq!(c.playable().unwrap().questions.len(), 1);
    }

    #[test]
    fn a_failing_question_is_left_out_of_play() {
        let c = check(&GOOD.replace("answer: \"64 percent\"", "answer: \"46 percent\""));
        assert_eq!(c.errors(), 1);
        assert!(c.diagnostics[0].message.contains("46 does not appear"));
        assert_eq!(c.diagnostics[0].position, Some(Position { line: 11, col: 13 }));
        assert_eq!(c.playable().unwrap().questions.len(), 0);
    }

    #[test]
    fn a_missing_article_is_a_bank_error() {
        let c = check_bytes("t.ron", GOOD.as_bytes(), |_| Err("no such file".into()));
        assert_eq!(c.bank_errors().count(), 1);
        assert!(c.playable().is_none());
    }
}

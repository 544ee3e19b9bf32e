//! `quorum draft`: a first draft of a bank from any news article, offline,
//! by rules over its text (no network, no language model). It proposes
//! "who said it" questions from quotes, figure questions and estimates
//! from figures, and "what is X's role" questions, each tied to the
//! article's own sentences as `source` and marked `draft: true` for a
//! teacher to review.
//!
//! It must never state what the article does not: explanations are drafted
//! from the sentences themselves, wrong choices are checked to be false,
//! and a speaker the text leaves uncertain is drafted with a `draft_note`
//! that `quorum check` shows as a warning, never as a silent guess.
//!
//! For the editor: [`draft_file`] reads an article, writes a new bank file
//! beside the chosen path (atomically, never over an existing file unless
//! asked) and returns what it wrote; [`draft`] does the same in memory.

mod figures;
mod file;
mod people;
mod questions;
mod quotes;
mod roles;
mod sentences;
mod wrong_choices;

pub use file::{Written, bank_path_beside, draft_file, relative_path};

use super::model::{ArticleRef, Bank};
use super::outline::Comments;
use super::{check_bytes, write};

/// The title used when the teacher gives none: the file's name, readable
/// ("nz-cannabis-decriminalisation" -> "NZ cannabis decriminalisation").
pub fn title_from_file_name(stem: &str) -> String {
    const SMALL_WORDS: [&str; 24] = [
        "of", "to", "in", "on", "at", "by", "an", "as", "is", "it", "or", "be", "we", "he", "my", "no", "so",
        "up", "do", "go", "if", "me", "us", "am",
    ];
    let words: Vec<String> = stem
        .split(['-', '_', ' '])
        .filter(|w| !w.is_empty())
        .map(|w| {
            // Two-letter words that are no English word are abbreviations.
            let short = w.chars().count() == 2 && w.chars().all(char::is_alphabetic);
            if short && !SMALL_WORDS.contains(&w.to_lowercase().as_str()) {
                w.to_uppercase()
            } else {
                w.to_string()
            }
        })
        .collect();
    questions::capitalise(&words.join(" "))
}

/// What was found in an article, before any question is drafted.
pub struct Findings<'a> {
    layout: sentences::Layout<'a>,
    people: people::People,
    speech: quotes::Speech,
    figures: Vec<figures::Figure>,
}

/// A quote and who said it, as `read` found them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// The quoted words, spacing collapsed.
    pub text: String,
    /// The speaker's name as first given in full; `None` when the article
    /// does not say.
    pub speaker: Option<String>,
    /// Why the speaker is uncertain, when it is.
    pub doubt: Option<String>,
}

/// Reads an article: its people and roles, its quotes and who said them,
/// and its figures.
pub fn read(text: &str) -> Findings<'_> {
    let layout = sentences::Layout::new(text);
    let mut people = people::People::find(&layout);
    let speech = quotes::attribute(&layout, &mut people);
    let figures = figures::find(&layout);
    Findings { layout, people, speech, figures }
}

impl Findings<'_> {
    pub fn quotes(&self) -> Vec<FoundQuote> {
        self.speech
            .quotes
            .iter()
            .map(|q| FoundQuote {
                text: self
                    .layout
                    .slice(&self.layout.quotations[q.quotation].range)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
                speaker: q.attribution.as_ref().map(|a| questions::speaker_name(&self.people, &a.speaker)),
                doubt: q.attribution.as_ref().and_then(|a| a.doubt.as_ref()).map(|d| d.reason.clone()),
            })
            .collect()
    }

    /// Each figure as the article writes it, without "more than" or
    /// "about": "120,000", "64 percent", "2010 and 2019".
    pub fn figures(&self) -> Vec<String> {
        self.figures.iter().map(|f| f.text(&self.layout).trim().to_string()).collect()
    }

    /// Each person with a role, as `(name, role)`.
    pub fn roles(&self) -> Vec<(String, String)> {
        self.people.persons.iter().filter_map(|p| p.role().map(|r| (p.name.clone(), r.to_string()))).collect()
    }
}

/// A drafted question whose speaker is uncertain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncertain {
    pub id: String,
    pub note: String,
}

/// What a draft holds, for the summary a teacher reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub who_said_it: usize,
    pub roles: usize,
    pub figures: usize,
    pub estimates: usize,
    pub uncertain: Vec<Uncertain>,
    /// What was found but not drafted, and why.
    pub left_out: Vec<String>,
}

impl Summary {
    pub fn total(&self) -> usize {
        self.who_said_it + self.roles + self.figures + self.estimates
    }

    /// The summary as lines for a terminal.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![
            format!("  {:>3} who said it", self.who_said_it),
            format!("  {:>3} roles", self.roles),
            format!("  {:>3} figures", self.figures),
            format!("  {:>3} estimates", self.estimates),
        ];
        if !self.uncertain.is_empty() {
            out.push(format!(
                "  {:>3} of them with an uncertain speaker, to check first",
                self.uncertain.len()
            ));
        }
        if !self.left_out.is_empty() {
            out.push("found but not drafted:".to_string());
            out.extend(self.left_out.iter().map(|l| format!("  {l}")));
        }
        out
    }
}

/// A drafted bank and its summary.
#[derive(Debug, Clone)]
pub struct Drafted {
    pub bank: Bank,
    pub summary: Summary,
}

impl Drafted {
    /// The bank as RON, with a header comment saying what it is.
    pub fn to_ron(&self) -> String {
        let comments = Comments {
            header: vec![
                format!("// {}: a first draft made by `quorum draft` from the article below.", self.bank.title),
                "//".to_string(),
                "// Every question is marked `draft: true`: the game plays drafts only when asked to."
                    .to_string(),
                "// Review each one (in the editor, or by removing its `draft: true` line) before playing it."
                    .to_string(),
                "// Each `source` is the article's own sentence; `quorum check` verifies it.".to_string(),
            ],
            ..Comments::default()
        };
        write::to_ron(&self.bank, &comments)
    }
}

/// Drafts a bank from an article's text. `article_path` is how the bank
/// names its article (relative to the bank file). Every question passes
/// `quorum check` without errors: any that would not is left out, and the
/// summary says so.
pub fn draft(article_text: &str, article_path: &str, title: &str) -> Drafted {
    let findings = read(article_text);
    let (layout, people, speech, all) =
        (&findings.layout, &findings.people, &findings.speech, &findings.figures);
    let mut d = questions::Draft::default();
    questions::who_said_it(layout, people, speech, &mut d);
    roles::questions(layout, people, &mut d);
    questions::figures(layout, people, speech, all, &mut d);
    let mut bank = Bank {
        title: title.to_string(),
        description:
            "A first draft from the article, made by `quorum draft`: review every question before playing it."
                .to_string(),
        language: "en".to_string(),
        article: Some(ArticleRef {
            path: article_path.to_string(),
            title: title.to_string(),
            title_supplied: true,
            publisher: None,
            date: None,
        }),
        questions: d.questions,
    };
    let mut left_out = d.left_out;
    // The safety net: whatever `quorum check` would reject is not drafted.
    let text = write::to_ron(&bank, &Comments::default());
    let checked = check_bytes("draft.ron", text.as_bytes(), |_| Ok(article_text.to_string()));
    let failing = checked.failing_ids();
    if !failing.is_empty() {
        for diagnostic in checked.diagnostics.iter().filter(|d| d.is_error()) {
            if let Some(id) = &diagnostic.question {
                left_out.push(format!("question `{id}`: {}", diagnostic.message));
            }
        }
        bank.questions.retain(|q| !failing.contains(q.id.as_str()));
    }
    let count = |kind: &str| bank.questions.iter().filter(|q| q.kind_name() == kind).count();
    let summary = Summary {
        who_said_it: count("WhoSaidIt"),
        roles: count("MultipleChoice"),
        figures: count("Figure"),
        estimates: count("Estimate"),
        uncertain: bank
            .questions
            .iter()
            .filter_map(|q| q.draft_note.as_ref().map(|n| Uncertain { id: q.id.clone(), note: n.clone() }))
            .collect(),
        left_out,
    };
    Drafted { bank, summary }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    #[test]
    fn the_shipped_article_drafts_a_bank_check_accepts() {
        let drafted = draft(builtin::ARTICLE_TEXT, "article.txt", "Cannabis");
        let text = drafted.to_ron();
        let checked = check_bytes("d.ron", text.as_bytes(), |_| Ok(builtin::ARTICLE_TEXT.to_string()));
        assert_eq!(checked.errors(), 0, "{}", checked.report());
        let bank = checked.bank.expect("parses");
        assert!(bank.questions.iter().all(|q| q.draft && !q.source.is_empty()));
        assert_eq!(drafted.summary.total(), bank.questions.len());
        assert!(drafted.summary.who_said_it >= 8, "{:?}", drafted.summary);
        assert!(drafted.summary.figures >= 7, "{:?}", drafted.summary);
        assert!(drafted.summary.roles >= 2, "{:?}", drafted.summary);
    }

    #[test]
    fn a_title_from_the_file_name() {
        assert_eq!(title_from_file_name("nz-cannabis-decriminalisation"), "NZ cannabis decriminalisation");
        assert_eq!(title_from_file_name("state_of_the_union"), "State of the union");
        assert_eq!(title_from_file_name(""), "");
    }

    #[test]
    fn a_gap_never_leaves_the_answer_showing() {
        let text = "Mayor Jo Hart said 40 people came in the morning and 40 people came at night.";
        let drafted = draft(text, "a.txt", "T");
        assert!(
            drafted.bank.questions.iter().all(|q| q.kind_name() != "Figure"),
            "{:?}",
            drafted.bank.questions
        );
        assert!(
            drafted.summary.left_out.iter().any(|l| l.contains("gives it twice")),
            "{:?}",
            drafted.summary
        );
    }

    #[test]
    fn a_text_with_nothing_to_ask_drafts_nothing_without_panicking() {
        for text in
            ["", "\n\n", "no capitals, no quotes, no numbers", "\"", "\"\"\"", "$", "'11", "1,", "Mr. ."]
        {
            let drafted = draft(text, "a.txt", "T");
            assert!(drafted.bank.questions.is_empty(), "{text:?}");
        }
    }
}

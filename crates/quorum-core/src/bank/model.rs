//! The question bank's types, as a teacher writes them in RON.
//!
//! `Question` is what the rest of the program uses: the fields every question
//! has, plus its `QuestionKind`. On disk each question is one enum variant
//! (`MultipleChoice(...)`, `WhoSaidIt(...)`, ...) that lists all of its fields;
//! `RawQuestion` is that form, and serde converts between the two, so RON and
//! JSON share the same field names in the same (documented) order.

use serde::{Deserialize, Serialize};

/// A whole question bank: a header and its questions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Bank", deny_unknown_fields)]
pub struct Bank {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// The article the facts come from. `None` for a bank from no one
    /// source (a revision quiz, an imported Kahoot quiz): it plays the same,
    /// but nothing in it is checked against a source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleRef>,
    pub questions: Vec<Question>,
}

fn default_language() -> String {
    "en".to_string()
}

impl Bank {
    /// The bank's topics, each once, in alphabetical order: the setup
    /// screens, the editor's filter and the title screen all list these.
    pub fn topics(&self) -> Vec<String> {
        let mut topics: Vec<String> = self.questions.iter().map(|q| q.topic.clone()).collect();
        topics.sort();
        topics.dedup();
        topics
    }
}

/// Where a bank's facts come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Article", deny_unknown_fields)]
pub struct ArticleRef {
    /// The article's text file, relative to the bank file.
    pub path: String,
    pub title: String,
    /// True when the article carries no headline and the bank's author wrote
    /// this title, so the game can say so instead of passing it off as the
    /// publisher's.
    #[serde(default, skip_serializing_if = "is_false")]
    pub title_supplied: bool,
    /// `None` means unknown: the article does not say.
    #[serde(default)]
    pub publisher: Option<String>,
    /// `None` means unknown: the article does not say.
    #[serde(default)]
    pub date: Option<String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }

    /// Parses the lower- or title-case name, as a CSV cell or a flag holds it.
    pub fn parse(text: &str) -> Option<Difficulty> {
        match text.trim().to_ascii_lowercase().as_str() {
            "easy" => Some(Difficulty::Easy),
            "medium" => Some(Difficulty::Medium),
            "hard" => Some(Difficulty::Hard),
            _ => None,
        }
    }
}

/// What a question teaches from outside its article: kept apart from the
/// explanation, which says only what the article says, and shown with where
/// it comes from so a teacher can check it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "Background", deny_unknown_fields)]
pub struct Background {
    pub text: String,
    /// The source: a publication, a law, an official page (title and URL).
    /// Optional in the format so a missing one is a warning, not a parse error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

/// One question, as the game and the validator see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "RawQuestion", into = "RawQuestion")]
pub struct Question {
    /// A stable, unique slug (`lowercase-words-and-digits`).
    pub id: String,
    pub topic: String,
    pub difficulty: Difficulty,
    /// Seconds to answer; `None` uses the round's setting.
    pub time_limit: Option<u32>,
    /// Shown after answering: it teaches, not just restates the answer.
    pub explanation: String,
    /// Facts from outside the article, shown apart from the explanation.
    pub background: Option<Background>,
    /// The article's sentences the question rests on, verbatim.
    pub source: Vec<String>,
    /// Who is quoted, when the question is about a quote. A who-said-it
    /// question's speaker is its answer.
    pub speaker: Option<String>,
    pub kind: QuestionKind,
    /// Proposed by `quorum draft` and not yet reviewed by a teacher: the
    /// game plays it only when asked to.
    pub draft: bool,
    /// What a teacher must check before the draft can be trusted (an
    /// uncertain speaker); `quorum check` warns while it is there.
    pub draft_note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum QuestionKind {
    MultipleChoice {
        prompt: String,
        choices: Vec<String>,
        answer: String,
    },
    WhoSaidIt {
        /// `None` shows the standard "Who said this?".
        prompt: Option<String>,
        quote: String,
        choices: Vec<String>,
        answer: String,
    },
    TrueFalse {
        statement: String,
        answer: bool,
    },
    Figure {
        prompt: String,
        choices: Vec<String>,
        answer: String,
    },
    Estimate {
        prompt: String,
        min: f64,
        max: f64,
        step: f64,
        unit: String,
        answer: f64,
        tolerance: f64,
    },
}

/// The names of the question kinds, as written in a bank.
pub const KIND_NAMES: [&str; 5] = ["MultipleChoice", "WhoSaidIt", "TrueFalse", "Figure", "Estimate"];

pub const WHO_SAID_IT_PROMPT: &str = "Who said this?";
pub const TRUE_LABEL: &str = "True";
pub const FALSE_LABEL: &str = "False";

impl Question {
    /// The kind's name as written in a bank (`MultipleChoice`, ...).
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            QuestionKind::MultipleChoice { .. } => KIND_NAMES[0],
            QuestionKind::WhoSaidIt { .. } => KIND_NAMES[1],
            QuestionKind::TrueFalse { .. } => KIND_NAMES[2],
            QuestionKind::Figure { .. } => KIND_NAMES[3],
            QuestionKind::Estimate { .. } => KIND_NAMES[4],
        }
    }

    /// The line the player reads first.
    pub fn prompt(&self) -> &str {
        match &self.kind {
            QuestionKind::MultipleChoice { prompt, .. }
            | QuestionKind::Figure { prompt, .. }
            | QuestionKind::Estimate { prompt, .. } => prompt,
            QuestionKind::WhoSaidIt { prompt, .. } => prompt.as_deref().unwrap_or(WHO_SAID_IT_PROMPT),
            QuestionKind::TrueFalse { statement, .. } => statement,
        }
    }

    /// The quote of a who-said-it question.
    pub fn quote(&self) -> Option<&str> {
        match &self.kind {
            QuestionKind::WhoSaidIt { quote, .. } => Some(quote),
            _ => None,
        }
    }

    /// The choices a player picks from, in the bank's order. True/false
    /// questions offer "True" and "False"; estimates have none.
    pub fn choices(&self) -> Vec<String> {
        match &self.kind {
            QuestionKind::MultipleChoice { choices, .. }
            | QuestionKind::WhoSaidIt { choices, .. }
            | QuestionKind::Figure { choices, .. } => choices.clone(),
            QuestionKind::TrueFalse { .. } => vec![TRUE_LABEL.to_string(), FALSE_LABEL.to_string()],
            QuestionKind::Estimate { .. } => Vec::new(),
        }
    }

    /// The correct answer as the player would see it.
    pub fn answer_text(&self) -> String {
        match &self.kind {
            QuestionKind::MultipleChoice { answer, .. }
            | QuestionKind::WhoSaidIt { answer, .. }
            | QuestionKind::Figure { answer, .. } => answer.clone(),
            QuestionKind::TrueFalse { answer, .. } => {
                if *answer { TRUE_LABEL } else { FALSE_LABEL }.to_string()
            }
            QuestionKind::Estimate { answer, unit, .. } => format_amount(*answer, unit),
        }
    }

    /// Whether the editor's search finds this question: `search`, ignoring
    /// case and surrounding spaces, in its id, prompt, quote, explanation or
    /// topic. An empty search finds every question.
    pub fn matches(&self, search: &str) -> bool {
        let needle = search.trim().to_lowercase();
        needle.is_empty()
            || [self.id.as_str(), self.prompt(), self.quote().unwrap_or(""), &self.explanation, &self.topic]
                .iter()
                .any(|t| t.to_lowercase().contains(&needle))
    }

    /// Who is quoted: the `speaker` field, or a who-said-it question's answer.
    pub fn speaker(&self) -> Option<&str> {
        match &self.kind {
            QuestionKind::WhoSaidIt { answer, .. } => Some(answer),
            _ => self.speaker.as_deref(),
        }
    }
}

/// Formats a number with its unit the way the game shows it: "64%",
/// "120,000 people".
pub fn format_amount(value: f64, unit: &str) -> String {
    let number = format_number(value);
    match unit.trim() {
        "" => number,
        "%" => format!("{number}%"),
        unit => format!("{number} {unit}"),
    }
}

/// A number with thousands separators and no needless decimals.
pub fn format_number(value: f64) -> String {
    let negative = value < 0.0;
    let abs = value.abs();
    let text = if abs.fract() == 0.0 && abs < 1e15 {
        format!("{}", abs as u64)
    } else {
        format!("{}", (abs * 1000.0).round() / 1000.0)
    };
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (text, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) && int.len() > 4 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&grouped);
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(&frac);
    }
    out
}

/// The on-disk form of a question: one variant per kind, each listing its
/// fields in the documented order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RawQuestion {
    MultipleChoice {
        id: String,
        topic: String,
        difficulty: Difficulty,
        prompt: String,
        choices: Vec<String>,
        answer: String,
        explanation: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        background: Option<Background>,
        #[serde(default)]
        source: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_limit: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        draft: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft_note: Option<String>,
    },
    WhoSaidIt {
        id: String,
        topic: String,
        difficulty: Difficulty,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        prompt: Option<String>,
        quote: String,
        choices: Vec<String>,
        answer: String,
        explanation: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        background: Option<Background>,
        #[serde(default)]
        source: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_limit: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        draft: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft_note: Option<String>,
    },
    TrueFalse {
        id: String,
        topic: String,
        difficulty: Difficulty,
        statement: String,
        answer: bool,
        explanation: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        background: Option<Background>,
        #[serde(default)]
        source: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_limit: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        draft: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft_note: Option<String>,
    },
    Figure {
        id: String,
        topic: String,
        difficulty: Difficulty,
        prompt: String,
        choices: Vec<String>,
        answer: String,
        explanation: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        background: Option<Background>,
        #[serde(default)]
        source: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_limit: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        draft: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft_note: Option<String>,
    },
    Estimate {
        id: String,
        topic: String,
        difficulty: Difficulty,
        prompt: String,
        min: f64,
        max: f64,
        step: f64,
        #[serde(default)]
        unit: String,
        answer: f64,
        tolerance: f64,
        explanation: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        background: Option<Background>,
        #[serde(default)]
        source: Vec<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        time_limit: Option<u32>,
        #[serde(default, skip_serializing_if = "is_false")]
        draft: bool,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft_note: Option<String>,
    },
}

impl From<RawQuestion> for Question {
    fn from(raw: RawQuestion) -> Self {
        match raw {
            RawQuestion::MultipleChoice {
                id,
                topic,
                difficulty,
                prompt,
                choices,
                answer,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            } => Question {
                id,
                topic,
                difficulty,
                time_limit,
                explanation,
                background,
                source,
                speaker,
                kind: QuestionKind::MultipleChoice { prompt, choices, answer },
                draft,
                draft_note,
            },
            RawQuestion::WhoSaidIt {
                id,
                topic,
                difficulty,
                prompt,
                quote,
                choices,
                answer,
                explanation,
                background,
                source,
                time_limit,
                draft,
                draft_note,
            } => Question {
                id,
                topic,
                difficulty,
                time_limit,
                explanation,
                background,
                source,
                speaker: None,
                kind: QuestionKind::WhoSaidIt { prompt, quote, choices, answer },
                draft,
                draft_note,
            },
            RawQuestion::TrueFalse {
                id,
                topic,
                difficulty,
                statement,
                answer,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            } => Question {
                id,
                topic,
                difficulty,
                time_limit,
                explanation,
                background,
                source,
                speaker,
                kind: QuestionKind::TrueFalse { statement, answer },
                draft,
                draft_note,
            },
            RawQuestion::Figure {
                id,
                topic,
                difficulty,
                prompt,
                choices,
                answer,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            } => Question {
                id,
                topic,
                difficulty,
                time_limit,
                explanation,
                background,
                source,
                speaker,
                kind: QuestionKind::Figure { prompt, choices, answer },
                draft,
                draft_note,
            },
            RawQuestion::Estimate {
                id,
                topic,
                difficulty,
                prompt,
                min,
                max,
                step,
                unit,
                answer,
                tolerance,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            } => Question {
                id,
                topic,
                difficulty,
                time_limit,
                explanation,
                background,
                source,
                speaker,
                kind: QuestionKind::Estimate { prompt, min, max, step, unit, answer, tolerance },
                draft,
                draft_note,
            },
        }
    }
}

impl From<Question> for RawQuestion {
    fn from(q: Question) -> Self {
        let Question {
            id,
            topic,
            difficulty,
            time_limit,
            explanation,
            background,
            source,
            speaker,
            kind,
            draft,
            draft_note,
        } = q;
        match kind {
            QuestionKind::MultipleChoice { prompt, choices, answer } => RawQuestion::MultipleChoice {
                id,
                topic,
                difficulty,
                prompt,
                choices,
                answer,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            },
            QuestionKind::WhoSaidIt { prompt, quote, choices, answer } => RawQuestion::WhoSaidIt {
                id,
                topic,
                difficulty,
                prompt,
                quote,
                choices,
                answer,
                explanation,
                background,
                source,
                time_limit,
                draft,
                draft_note,
            },
            QuestionKind::TrueFalse { statement, answer } => RawQuestion::TrueFalse {
                id,
                topic,
                difficulty,
                statement,
                answer,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            },
            QuestionKind::Figure { prompt, choices, answer } => RawQuestion::Figure {
                id,
                topic,
                difficulty,
                prompt,
                choices,
                answer,
                explanation,
                background,
                source,
                speaker,
                time_limit,
                draft,
                draft_note,
            },
            QuestionKind::Estimate { prompt, min, max, step, unit, answer, tolerance } => {
                RawQuestion::Estimate {
                    id,
                    topic,
                    difficulty,
                    prompt,
                    min,
                    max,
                    step,
                    unit,
                    answer,
                    tolerance,
                    explanation,
                    background,
                    source,
                    speaker,
                    time_limit,
                    draft,
                    draft_note,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_looks_in_the_words_a_teacher_remembers() {
        let bank = crate::bank::builtin::check().bank.unwrap();
        let q = bank.questions.iter().find(|q| q.quote().is_some()).unwrap();
        assert!(q.matches(""));
        assert!(q.matches("  "));
        assert!(q.matches(&q.id.to_uppercase()));
        let word = q.quote().unwrap().split_whitespace().nth(2).unwrap();
        assert!(q.matches(&format!(" {} ", word.to_lowercase())));
        assert!(!q.matches("zzzz-not-in-any-question"));
        let topics = bank.topics();
        assert!(topics.windows(2).all(|w| w[0] < w[1]), "sorted, each once: {topics:?}");
        assert!(bank.questions.iter().all(|q| topics.contains(&q.topic)));
    }

    #[test]
    fn numbers_are_grouped_like_the_article() {
        assert_eq!(format_number(120000.0), "120,000");
        assert_eq!(format_number(2019.0), "2019");
        assert_eq!(format_number(50.7), "50.7");
        assert_eq!(format_number(-64.0), "-64");
        assert_eq!(format_amount(64.0, "%"), "64%");
        assert_eq!(format_amount(80.0, "percent"), "80 percent");
    }
}

//! Editing a bank: every change, undo and redo, and saving. The in-game
//! editor is a view over this; nothing here knows about Bevy.
//!
//! Saving writes the file atomically and keeps the previous version as
//! `BANK.ron.bak`. Only what changed is rewritten (`in_place`): an unchanged
//! bank is saved as the exact bytes it was loaded from. A file whose layout
//! cannot be edited that way is written whole, with its comments kept.

use std::path::{Path, PathBuf};

use super::model::{Background, Bank, Difficulty, Question, QuestionKind};
use super::outline::Comments;
use super::{Checked, article_path, check_bytes, in_place, load, read_text, write};

/// How many edits undo reaches back.
pub const UNDO_DEPTH: usize = 200;

/// A text field of a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextField {
    Id,
    Topic,
    /// The prompt, or a true/false question's statement.
    Prompt,
    Quote,
    Explanation,
    Speaker,
    TimeLimit,
    Unit,
    Min,
    Max,
    Step,
    /// An estimate's answer.
    Answer,
    Tolerance,
    Choice(usize),
    /// The background's text: facts from outside the article.
    Background,
    /// Where the background comes from.
    Cite,
}

impl TextField {
    /// The field's name in the bank format (as diagnostics name it).
    pub fn name(self) -> &'static str {
        match self {
            TextField::Id => "id",
            TextField::Topic => "topic",
            TextField::Prompt => "prompt",
            TextField::Quote => "quote",
            TextField::Explanation => "explanation",
            TextField::Speaker => "speaker",
            TextField::TimeLimit => "time_limit",
            TextField::Unit => "unit",
            TextField::Min => "min",
            TextField::Max => "max",
            TextField::Step => "step",
            TextField::Answer => "answer",
            TextField::Tolerance => "tolerance",
            TextField::Choice(_) => "choices",
            TextField::Background => "background",
            TextField::Cite => "cite",
        }
    }
}

/// The current text of a question's field, as the editor shows it.
pub fn field_text(q: &Question, field: TextField) -> String {
    let n = write::number;
    match (field, &q.kind) {
        (TextField::Id, _) => q.id.clone(),
        (TextField::Topic, _) => q.topic.clone(),
        (TextField::Explanation, _) => q.explanation.clone(),
        (TextField::Background, _) => q.background.as_ref().map(|b| b.text.clone()).unwrap_or_default(),
        (TextField::Cite, _) => q.background.as_ref().and_then(|b| b.cite.clone()).unwrap_or_default(),
        (TextField::Speaker, _) => q.speaker.clone().unwrap_or_default(),
        (TextField::TimeLimit, _) => q.time_limit.map(|t| t.to_string()).unwrap_or_default(),
        (TextField::Prompt, QuestionKind::TrueFalse { statement, .. }) => statement.clone(),
        (TextField::Prompt, QuestionKind::WhoSaidIt { prompt, .. }) => prompt.clone().unwrap_or_default(),
        (TextField::Prompt, QuestionKind::MultipleChoice { prompt, .. })
        | (TextField::Prompt, QuestionKind::Figure { prompt, .. })
        | (TextField::Prompt, QuestionKind::Estimate { prompt, .. }) => prompt.clone(),
        (TextField::Quote, QuestionKind::WhoSaidIt { quote, .. }) => quote.clone(),
        (TextField::Choice(i), _) => choices_of(q).and_then(|c| c.get(i).cloned()).unwrap_or_default(),
        (TextField::Unit, QuestionKind::Estimate { unit, .. }) => unit.clone(),
        (TextField::Min, QuestionKind::Estimate { min, .. }) => n(*min),
        (TextField::Max, QuestionKind::Estimate { max, .. }) => n(*max),
        (TextField::Step, QuestionKind::Estimate { step, .. }) => n(*step),
        (TextField::Answer, QuestionKind::Estimate { answer, .. }) => n(*answer),
        (TextField::Tolerance, QuestionKind::Estimate { tolerance, .. }) => n(*tolerance),
        _ => String::new(),
    }
}

/// Sets the background's text or cite; a background left with neither is
/// taken out, so clearing both fields removes it from the file.
fn set_background(q: &mut Question, text: Option<String>, cite: Option<String>) {
    let mut background = q.background.take().unwrap_or(Background { text: String::new(), cite: None });
    if let Some(text) = text {
        background.text = text;
    }
    if let Some(cite) = cite {
        background.cite = Some(cite).filter(|c| !c.trim().is_empty());
    }
    let empty = background.text.trim().is_empty() && background.cite.is_none();
    q.background = (!empty).then_some(background);
}

fn choices_of(q: &Question) -> Option<&Vec<String>> {
    match &q.kind {
        QuestionKind::MultipleChoice { choices, .. }
        | QuestionKind::Figure { choices, .. }
        | QuestionKind::WhoSaidIt { choices, .. } => Some(choices),
        _ => None,
    }
}

fn choices_and_answer(q: &mut Question) -> Option<(&mut Vec<String>, &mut String)> {
    match &mut q.kind {
        QuestionKind::MultipleChoice { choices, answer, .. }
        | QuestionKind::Figure { choices, answer, .. }
        | QuestionKind::WhoSaidIt { choices, answer, .. } => Some((choices, answer)),
        _ => None,
    }
}

/// Why a typed value could not be taken (the field keeps what was typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError(pub String);

#[derive(Debug, Clone, PartialEq)]
struct Snapshot {
    bank: Bank,
    selected: usize,
    origins: Vec<Option<usize>>,
}

/// What saving did, for the teacher.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    pub path: PathBuf,
    /// The previous version, kept beside it.
    pub backup: Option<PathBuf>,
    /// Errors left in the bank: those questions will not be played.
    pub errors: usize,
}

#[derive(Debug, Clone)]
pub struct EditSession {
    pub path: PathBuf,
    pub bank: Bank,
    /// The question being edited.
    pub selected: usize,
    /// The bank and text as last loaded or saved.
    saved_bank: Bank,
    saved_text: String,
    comments: Comments,
    /// For each question, its place in the bank as last saved (`None` for a
    /// new one), so a save rewrites only what changed.
    origins: Vec<Option<usize>>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    /// The field the last edit typed into, so typing a word is one undo step.
    typing_in: Option<(usize, TextField)>,
}

impl EditSession {
    /// Opens a bank file. A file that cannot be read or parsed is an error
    /// with the report, since there is no bank to edit.
    pub fn open(path: &Path) -> Result<EditSession, String> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path)
            .map_err(|e| format!("{file}: cannot read the bank: {}", super::io_reason(&e)))?;
        if super::share::is_package(&bytes) {
            return Err(format!(
                "{file} is a shared bank (.quorum), which opens to play; to edit it, unpack it into a folder first"
            ));
        }
        let text = load::decode(&file, &bytes).map_err(|d| d.render(None))?;
        let bank = load::parse(&file, &text).map_err(|d| d.render(Some(&text)))?;
        Ok(EditSession::from_text(path, bank, text))
    }

    /// A session over a bank already read from `text` at `path`.
    pub fn from_text(path: &Path, bank: Bank, text: String) -> EditSession {
        let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
        let comments = Comments::of(&text, &ids);
        EditSession {
            path: path.to_path_buf(),
            selected: 0,
            origins: (0..bank.questions.len()).map(Some).collect(),
            saved_bank: bank.clone(),
            saved_text: text,
            comments,
            bank,
            undo: Vec::new(),
            redo: Vec::new(),
            typing_in: None,
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.bank != self.saved_bank
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn question(&self) -> Option<&Question> {
        self.bank.questions.get(self.selected)
    }

    fn snapshot(&self) -> Snapshot {
        Snapshot { bank: self.bank.clone(), selected: self.selected, origins: self.origins.clone() }
    }

    /// Records the state before a change, so it can be undone.
    fn remember(&mut self, typing: Option<(usize, TextField)>) {
        // Typing on in the same field extends the last step.
        if typing.is_none() || typing != self.typing_in {
            self.undo.push(self.snapshot());
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
        }
        self.typing_in = typing;
        self.redo.clear();
    }

    /// Ends a run of typing, so the next keystroke starts a new undo step.
    pub fn end_typing(&mut self) {
        self.typing_in = None;
    }

    fn change(&mut self, change: impl FnOnce(&mut Bank, usize) -> usize) {
        self.remember(None);
        self.selected = change(&mut self.bank, self.selected);
    }

    pub fn undo(&mut self) -> bool {
        let Some(before) = self.undo.pop() else { return false };
        self.redo.push(self.snapshot());
        self.bank = before.bank;
        self.origins = before.origins;
        self.selected = before.selected.min(self.bank.questions.len().saturating_sub(1));
        self.typing_in = None;
        true
    }

    pub fn redo(&mut self) -> bool {
        let Some(after) = self.redo.pop() else { return false };
        self.undo.push(self.snapshot());
        self.bank = after.bank;
        self.origins = after.origins;
        self.selected = after.selected.min(self.bank.questions.len().saturating_sub(1));
        self.typing_in = None;
        true
    }

    pub fn select(&mut self, index: usize) {
        if index < self.bank.questions.len() {
            self.selected = index;
            self.typing_in = None;
        }
    }

    /// Sets a text field from what the teacher typed. Numbers that do not
    /// parse are refused with a reason, and the bank keeps its last value.
    pub fn set_text(&mut self, index: usize, field: TextField, value: &str) -> Result<(), FieldError> {
        let Some(q) = self.bank.questions.get(index) else { return Ok(()) };
        if field_text(q, field) == value {
            return Ok(());
        }
        let number = |v: &str| {
            v.trim()
                .replace(',', ".")
                .parse::<f64>()
                .map_err(|_| FieldError(format!("\"{v}\" is not a number")))
        };
        let parsed = match field {
            TextField::Min | TextField::Max | TextField::Step | TextField::Answer | TextField::Tolerance => {
                Some(number(value)?)
            }
            _ => None,
        };
        let limit = match field {
            TextField::TimeLimit if !value.trim().is_empty() => Some(
                value
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| FieldError(format!("\"{value}\" is not a whole number of seconds")))?,
            ),
            _ => None,
        };
        self.remember(Some((index, field)));
        let q = &mut self.bank.questions[index];
        let text = value.to_string();
        match (field, &mut q.kind) {
            (TextField::Id, _) => q.id = text,
            (TextField::Topic, _) => q.topic = text,
            (TextField::Explanation, _) => q.explanation = text,
            (TextField::Background, _) => set_background(q, Some(text), None),
            (TextField::Cite, _) => set_background(q, None, Some(text)),
            (TextField::Speaker, _) => q.speaker = Some(text).filter(|s| !s.trim().is_empty()),
            (TextField::TimeLimit, _) => q.time_limit = limit,
            (TextField::Prompt, QuestionKind::TrueFalse { statement, .. }) => *statement = text,
            (TextField::Prompt, QuestionKind::WhoSaidIt { prompt, .. }) => {
                *prompt = Some(text).filter(|p| !p.trim().is_empty())
            }
            (TextField::Prompt, QuestionKind::MultipleChoice { prompt, .. })
            | (TextField::Prompt, QuestionKind::Figure { prompt, .. })
            | (TextField::Prompt, QuestionKind::Estimate { prompt, .. }) => *prompt = text,
            (TextField::Quote, QuestionKind::WhoSaidIt { quote, .. }) => *quote = text,
            (TextField::Unit, QuestionKind::Estimate { unit, .. }) => *unit = text,
            (TextField::Min, QuestionKind::Estimate { min, .. }) => *min = parsed.unwrap_or(*min),
            (TextField::Max, QuestionKind::Estimate { max, .. }) => *max = parsed.unwrap_or(*max),
            (TextField::Step, QuestionKind::Estimate { step, .. }) => *step = parsed.unwrap_or(*step),
            (TextField::Answer, QuestionKind::Estimate { answer, .. }) => *answer = parsed.unwrap_or(*answer),
            (TextField::Tolerance, QuestionKind::Estimate { tolerance, .. }) => {
                *tolerance = parsed.unwrap_or(*tolerance)
            }
            (TextField::Choice(i), _) => {
                if let Some((choices, answer)) = choices_and_answer(q)
                    && let Some(choice) = choices.get_mut(i)
                {
                    // The answer is a choice's value: it follows its choice.
                    if answer == choice {
                        *answer = text.clone();
                    }
                    *choice = text;
                }
            }
            _ => {}
        }
        Ok(())
    }

    pub fn set_difficulty(&mut self, index: usize, difficulty: Difficulty) {
        if self.bank.questions.get(index).is_some_and(|q| q.difficulty != difficulty) {
            self.change(|b, s| {
                b.questions[index].difficulty = difficulty;
                s
            });
        }
    }

    /// Makes choice `choice` the right answer (or sets a true/false answer).
    pub fn set_correct(&mut self, index: usize, choice: usize) {
        self.change(|b, s| {
            if let Some(q) = b.questions.get_mut(index) {
                if let QuestionKind::TrueFalse { answer, .. } = &mut q.kind {
                    *answer = choice == 0;
                } else if let Some((choices, answer)) = choices_and_answer(q)
                    && let Some(c) = choices.get(choice)
                {
                    *answer = c.clone();
                }
            }
            s
        });
    }

    pub fn add_choice(&mut self, index: usize) {
        self.change(|b, s| {
            if let Some((choices, _)) = b.questions.get_mut(index).and_then(choices_and_answer)
                && choices.len() < super::validate::MAX_CHOICES
            {
                choices.push(format!("Choice {}", choices.len() + 1));
            }
            s
        });
    }

    pub fn remove_choice(&mut self, index: usize, choice: usize) {
        self.change(|b, s| {
            if let Some((choices, answer)) = b.questions.get_mut(index).and_then(choices_and_answer)
                && choice < choices.len()
            {
                let removed = choices.remove(choice);
                if *answer == removed {
                    *answer = choices.first().cloned().unwrap_or_default();
                }
            }
            s
        });
    }

    pub fn move_choice(&mut self, index: usize, choice: usize, delta: isize) {
        self.change(|b, s| {
            if let Some((choices, _)) = b.questions.get_mut(index).and_then(choices_and_answer) {
                let to = choice as isize + delta;
                if choice < choices.len() && to >= 0 && (to as usize) < choices.len() {
                    choices.swap(choice, to as usize);
                }
            }
            s
        });
    }

    /// Marks a drafted question as reviewed by the teacher: it is no longer
    /// a draft, and its note (an uncertain speaker) is cleared. One undo step.
    pub fn mark_reviewed(&mut self, index: usize) {
        if self.bank.questions.get(index).is_some_and(|q| q.draft || q.draft_note.is_some()) {
            self.change(|b, s| {
                b.questions[index].draft = false;
                b.questions[index].draft_note = None;
                s
            });
        }
    }

    /// How many questions are still drafts no one has reviewed.
    pub fn drafts_left(&self) -> usize {
        self.bank.questions.iter().filter(|q| q.draft).count()
    }

    /// Adds an article sentence as a source (once).
    pub fn add_source(&mut self, index: usize, sentence: &str) {
        if self.bank.questions.get(index).is_some_and(|q| !q.source.iter().any(|s| s == sentence)) {
            self.change(|b, s| {
                b.questions[index].source.push(sentence.to_string());
                s
            });
        }
    }

    pub fn remove_source(&mut self, index: usize, n: usize) {
        if self.bank.questions.get(index).is_some_and(|q| n < q.source.len()) {
            self.change(|b, s| {
                b.questions[index].source.remove(n);
                s
            });
        }
    }

    /// An id not yet in the bank, from `base`.
    fn fresh_id(&self, base: &str) -> String {
        let taken = |id: &str| self.bank.questions.iter().any(|q| q.id == id);
        if !taken(base) {
            return base.to_string();
        }
        (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or_default()
    }

    /// Adds a new question of `kind` (a name from `KIND_NAMES`) after the
    /// selected one, and selects it.
    pub fn add_question(&mut self, kind: &str) {
        let topic = self.question().map_or_else(|| "General".to_string(), |q| q.topic.clone());
        let id = self.fresh_id(&format!("new-{}", super::validate::slugify(kind)));
        let choices = || vec!["Right answer".to_string(), "Wrong answer".to_string()];
        let kind = match kind {
            "WhoSaidIt" => QuestionKind::WhoSaidIt {
                prompt: None,
                quote: String::new(),
                choices: vec!["Speaker".to_string(), "Someone else".to_string()],
                answer: "Speaker".to_string(),
            },
            "TrueFalse" => QuestionKind::TrueFalse { statement: String::new(), answer: true },
            "Figure" => QuestionKind::Figure {
                prompt: String::new(),
                choices: vec!["1".into(), "2".into()],
                answer: "1".into(),
            },
            "Estimate" => QuestionKind::Estimate {
                prompt: String::new(),
                min: 0.0,
                max: 100.0,
                step: 1.0,
                unit: String::new(),
                answer: 30.0,
                tolerance: 5.0,
            },
            _ => QuestionKind::MultipleChoice {
                prompt: String::new(),
                choices: choices(),
                answer: "Right answer".to_string(),
            },
        };
        let q = Question {
            id,
            topic,
            difficulty: Difficulty::Medium,
            time_limit: None,
            explanation: String::new(),
            background: None,
            source: Vec::new(),
            speaker: None,
            kind,
            draft: false,
            draft_note: None,
        };
        self.change(|b, s| {
            let at = if b.questions.is_empty() { 0 } else { s + 1 };
            b.questions.insert(at, q);
            at
        });
        self.origins.insert(self.selected, None);
    }

    pub fn duplicate(&mut self, index: usize) {
        let Some(mut q) = self.bank.questions.get(index).cloned() else { return };
        q.id = self.fresh_id(&format!("{}-copy", q.id));
        self.change(|b, _| {
            b.questions.insert(index + 1, q);
            index + 1
        });
        self.origins.insert(index + 1, None);
    }

    pub fn delete(&mut self, index: usize) {
        if index < self.bank.questions.len() {
            self.change(|b, s| {
                b.questions.remove(index);
                s.min(b.questions.len().saturating_sub(1))
            });
            self.origins.remove(index);
        }
    }

    pub fn move_question(&mut self, index: usize, delta: isize) {
        let to = index as isize + delta;
        if index < self.bank.questions.len() && to >= 0 && (to as usize) < self.bank.questions.len() {
            self.change(|b, _| {
                b.questions.swap(index, to as usize);
                to as usize
            });
            self.origins.swap(index, to as usize);
        }
    }

    /// Appends imported questions, renaming ids already in the bank.
    pub fn append(&mut self, questions: Vec<Question>) -> usize {
        let mut taken: std::collections::HashSet<String> =
            self.bank.questions.iter().map(|q| q.id.clone()).collect();
        let questions: Vec<Question> = questions
            .into_iter()
            .map(|mut q| {
                let base = q.id.clone();
                let mut n = 2;
                while !taken.insert(q.id.clone()) {
                    q.id = format!("{base}-{n}");
                    n += 1;
                }
                q
            })
            .collect();
        let n = questions.len();
        self.change(|b, s| {
            b.questions.extend(questions);
            s
        });
        self.origins.resize(self.bank.questions.len(), None);
        n
    }

    /// The text saving would write now: the file as loaded with only what
    /// changed rewritten, or, for a layout that cannot be edited so, the
    /// whole bank with its comments.
    pub fn text(&self) -> String {
        in_place::save_text(&self.saved_text, &self.saved_bank, &self.bank, &self.origins)
            .unwrap_or_else(|| write::to_ron(&self.bank, &self.comments))
    }

    /// Checks the bank as it stands, with the validator and provenance of
    /// `quorum check`, against its article.
    pub fn check(&self) -> Checked {
        let text = self.text();
        let path = self.path.clone();
        check_bytes(&self.path.display().to_string(), text.as_bytes(), |a| read_text(&article_path(&path, a)))
    }

    /// The new file written and synced beside the bank, not yet in place:
    /// `commit` it to save. Dropped instead, the bank file is untouched.
    pub fn prepare_save(&self) -> Result<(crate::atomic_file::Prepared, String), String> {
        let text = self.text();
        let prepared = crate::atomic_file::prepare(&self.path, text.as_bytes())
            .map_err(|e| format!("cannot save {}: {e}", self.path.display()))?;
        Ok((prepared, text))
    }

    /// Saves atomically, keeping the previous file as `BANK.ron.bak`. A bank
    /// with errors is saved too (teachers work in steps); the count says
    /// how many problems are left.
    pub fn save(&mut self) -> Result<Saved, String> {
        let (prepared, text) = self.prepare_save()?;
        let shown = self.path.display().to_string();
        let backup = if self.path.exists() {
            let mut name = self.path.file_name().unwrap_or_default().to_os_string();
            name.push(".bak");
            let backup = self.path.with_file_name(name);
            let old =
                std::fs::read(&self.path).map_err(|e| format!("cannot read {shown} to back it up: {e}"))?;
            crate::atomic_file::write(&backup, &old)
                .map_err(|e| format!("cannot write {}: {e}", backup.display()))?;
            Some(backup)
        } else {
            None
        };
        prepared.commit().map_err(|e| format!("cannot save {shown}: {e}"))?;
        let ids: Vec<&str> = self.bank.questions.iter().map(|q| q.id.as_str()).collect();
        self.comments = Comments::of(&text, &ids);
        self.saved_bank = self.bank.clone();
        self.saved_text = text;
        // Undo and redo now reach back past the file just written: their
        // questions' places are counted in it (a question it no longer has is new).
        let now: std::collections::HashMap<usize, usize> =
            self.origins.iter().enumerate().filter_map(|(k, o)| o.map(|j| (j, k))).collect();
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            for origin in step.origins.iter_mut() {
                *origin = origin.and_then(|j| now.get(&j).copied());
            }
        }
        self.origins = (0..self.bank.questions.len()).map(Some).collect();
        let errors = self.check().errors();
        Ok(Saved { path: self.path.clone(), backup, errors })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;

    fn session() -> (tempfile::TempDir, EditSession) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
        let path = dir.path().join("bank.ron");
        std::fs::write(&path, builtin::BANK_RON.replace(builtin::ARTICLE_PATH, "article.txt")).unwrap();
        let s = EditSession::open(&path).unwrap();
        (dir, s)
    }

    #[test]
    fn saving_an_unchanged_bank_writes_the_same_bytes() {
        let (_dir, mut s) = session();
        let before = std::fs::read(&s.path).unwrap();
        let saved = s.save().unwrap();
        assert_eq!(std::fs::read(&s.path).unwrap(), before);
        assert_eq!(saved.errors, 0);
        assert!(saved.backup.is_some());
    }

    #[test]
    fn typing_is_one_undo_step_per_field() {
        let (_dir, mut s) = session();
        let original = s.bank.clone();
        for text in ["W", "Wh", "Why?"] {
            s.set_text(0, TextField::Topic, text).unwrap();
        }
        s.end_typing();
        s.set_text(0, TextField::Explanation, "New").unwrap();
        assert!(s.undo());
        assert_eq!(s.bank.questions[0].topic, "Why?");
        assert!(s.undo());
        assert_eq!(s.bank, original);
        assert!(!s.is_dirty());
        assert!(s.redo());
        assert_eq!(s.bank.questions[0].topic, "Why?");
    }

    #[test]
    fn undo_reaches_back_more_than_fifty_edits() {
        let (_dir, mut s) = session();
        let original = s.bank.clone();
        for i in 0..60 {
            s.set_difficulty(0, if i % 2 == 0 { Difficulty::Hard } else { Difficulty::Easy });
        }
        for _ in 0..60 {
            assert!(s.undo());
        }
        assert_eq!(s.bank, original);
    }

    #[test]
    fn the_answer_follows_its_choice() {
        let (_dir, mut s) = session();
        let i = s.bank.questions.iter().position(|q| q.id == "who-applies-laws").unwrap();
        s.set_text(i, TextField::Choice(0), "The judges").unwrap();
        assert_eq!(s.bank.questions[i].answer_text(), "The judges");
        s.set_correct(i, 1);
        assert_eq!(s.bank.questions[i].answer_text(), "Ministers");
    }

    #[test]
    fn the_background_and_its_cite_are_edited_and_cleared_together() {
        let (_dir, mut s) = session();
        let i = s.bank.questions.iter().position(|q| q.background.is_none()).unwrap();
        s.set_text(i, TextField::Cite, "Some Act 1975, section 7").unwrap();
        s.end_typing();
        s.set_text(i, TextField::Background, "An outside fact.").unwrap();
        let b = s.bank.questions[i].background.clone().unwrap();
        assert_eq!(
            (b.text.as_str(), b.cite.as_deref()),
            ("An outside fact.", Some("Some Act 1975, section 7"))
        );
        assert_eq!(field_text(&s.bank.questions[i], TextField::Cite), "Some Act 1975, section 7");
        assert_eq!(TextField::Cite.name(), "cite");
        // Emptying both fields takes the background out of the question.
        s.set_text(i, TextField::Background, "").unwrap();
        s.end_typing();
        assert!(s.bank.questions[i].background.is_some(), "the cite is still there");
        s.set_text(i, TextField::Cite, "").unwrap();
        assert_eq!(s.bank.questions[i].background, None);
        let saved = s.save().unwrap();
        let reopened = EditSession::open(&saved.path).unwrap();
        assert_eq!(reopened.bank, s.bank);
    }

    #[test]
    fn reviewing_a_draft_clears_it_in_one_undoable_step() {
        let (_dir, mut s) = session();
        s.bank.questions[1].draft = true;
        s.bank.questions[1].draft_note = Some("uncertain speaker".into());
        s.bank.questions[2].draft = true;
        assert_eq!(s.drafts_left(), 2);
        s.mark_reviewed(1);
        assert!(!s.bank.questions[1].draft);
        assert_eq!(s.bank.questions[1].draft_note, None);
        assert_eq!(s.drafts_left(), 1);
        s.mark_reviewed(0); // not a draft: nothing to undo
        assert!(s.undo());
        assert!(s.bank.questions[1].draft);
        assert_eq!(s.bank.questions[1].draft_note.as_deref(), Some("uncertain speaker"));
        assert!(!s.can_undo());
    }

    #[test]
    fn numbers_that_do_not_parse_are_refused() {
        let (_dir, mut s) = session();
        let i = s.bank.questions.iter().position(|q| q.kind_name() == "Estimate").unwrap();
        assert!(s.set_text(i, TextField::Max, "1O0").is_err());
        assert!(!s.is_dirty());
        s.set_text(i, TextField::Max, "200").unwrap();
        assert_eq!(field_text(&s.bank.questions[i], TextField::Max), "200");
    }

    #[test]
    fn a_changed_bank_keeps_its_comments_and_reads_back_equal() {
        let (_dir, mut s) = session();
        s.add_question("Estimate");
        s.set_text(s.selected, TextField::Prompt, "How many?").unwrap();
        s.delete(3);
        s.move_question(0, 1);
        let saved = s.save().unwrap();
        assert!(saved.errors > 0, "the new question has no explanation yet: saved anyway");
        let text = std::fs::read_to_string(&s.path).unwrap();
        assert!(text.starts_with("// Quorum question bank"));
        let reopened = EditSession::open(&s.path).unwrap();
        assert_eq!(reopened.bank, s.bank);
        assert!(
            std::fs::read_to_string(s.path.with_file_name("bank.ron.bak"))
                .unwrap()
                .contains("who-said-executive-powers")
        );
    }
}

#[cfg(test)]
mod interrupted {
    use super::*;
    use crate::bank::builtin;

    #[test]
    fn a_save_interrupted_before_the_rename_leaves_the_bank_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bank.ron");
        std::fs::write(&path, builtin::BANK_RON).unwrap();
        let mut s = EditSession::open(&path).unwrap();
        s.delete(0);
        let (prepared, _) = s.prepare_save().unwrap();
        drop(prepared); // the program dies here
        assert_eq!(std::fs::read_to_string(&path).unwrap(), builtin::BANK_RON);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary file is left");
        assert!(s.is_dirty(), "the edit is still there to save");
    }
}

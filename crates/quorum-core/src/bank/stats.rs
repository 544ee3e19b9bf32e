//! Counts of a bank's questions by kind, topic and difficulty.

use std::collections::BTreeMap;
use std::fmt;

use super::model::{Bank, Difficulty, KIND_NAMES};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stats {
    pub total: usize,
    pub by_kind: BTreeMap<&'static str, usize>,
    pub by_topic: BTreeMap<String, usize>,
    pub by_difficulty: BTreeMap<Difficulty, usize>,
}

impl Stats {
    pub fn of(bank: &Bank) -> Stats {
        let mut by_kind: BTreeMap<&'static str, usize> = KIND_NAMES.iter().map(|k| (*k, 0)).collect();
        let mut by_topic = BTreeMap::new();
        let mut by_difficulty: BTreeMap<Difficulty, usize> =
            Difficulty::ALL.iter().map(|d| (*d, 0)).collect();
        for q in &bank.questions {
            *by_kind.entry(q.kind_name()).or_default() += 1;
            *by_topic.entry(q.topic.clone()).or_default() += 1;
            *by_difficulty.entry(q.difficulty).or_default() += 1;
        }
        Stats { total: bank.questions.len(), by_kind, by_topic, by_difficulty }
    }
}

impl fmt::Display for Stats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} questions", self.total)?;
        writeln!(f, "\nby kind:")?;
        for (kind, n) in &self.by_kind {
            writeln!(f, "  {kind:<16} {n:>4}")?;
        }
        writeln!(f, "\nby difficulty:")?;
        for (d, n) in &self.by_difficulty {
            writeln!(f, "  {:<16} {n:>4}", d.name())?;
        }
        writeln!(f, "\nby topic:")?;
        for (topic, n) in &self.by_topic {
            writeln!(f, "  {topic:<32} {n:>4}")?;
        }
        Ok(())
    }
}

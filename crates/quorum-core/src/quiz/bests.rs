//! Personal bests: each player's best score on each bank, kept between runs.

use serde::{Deserialize, Serialize};

/// The file's name in the data directory.
pub const FILE: &str = "personal-bests.ron";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalBest {
    pub name: String,
    /// The bank's title.
    pub bank: String,
    pub score: u32,
    pub correct: usize,
    pub asked: usize,
    /// The day it was set, `YYYY-MM-DD`.
    pub date: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PersonalBests {
    pub entries: Vec<PersonalBest>,
}

/// What recording a score did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recorded {
    /// A new best; the previous best, if there was one.
    NewBest { previous: Option<u32> },
    /// Not a best; the best to beat.
    Short { best: u32 },
}

fn same_player(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl PersonalBests {
    pub fn best(&self, name: &str, bank: &str) -> Option<&PersonalBest> {
        self.entries.iter().find(|e| e.bank == bank && same_player(&e.name, name))
    }

    /// Keeps `entry` if it beats the player's best on that bank.
    pub fn record(&mut self, entry: PersonalBest) -> Recorded {
        match self.entries.iter_mut().find(|e| e.bank == entry.bank && same_player(&e.name, &entry.name)) {
            Some(best) if best.score >= entry.score => Recorded::Short { best: best.score },
            Some(best) => {
                let previous = best.score;
                *best = entry;
                Recorded::NewBest { previous: Some(previous) }
            }
            None => {
                self.entries.push(entry);
                Recorded::NewBest { previous: None }
            }
        }
    }

    /// The best scores on a bank, highest first.
    pub fn top(&self, bank: &str, n: usize) -> Vec<&PersonalBest> {
        let mut on_bank: Vec<&PersonalBest> = self.entries.iter().filter(|e| e.bank == bank).collect();
        on_bank.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.date.cmp(&b.date)));
        on_bank.truncate(n);
        on_bank
    }
}

/// What keeping a round's score did: the outcome, and a problem with the
/// save file for the player to see (it never stops the results showing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub recorded: Recorded,
    pub warning: Option<String>,
}

/// Records `entry` in the personal bests kept in `data_dir`: reads the file
/// (a damaged one is set aside, with a warning), records the score, and
/// writes the file back, atomically, when it is a new best.
pub fn keep(data_dir: &std::path::Path, entry: PersonalBest) -> Kept {
    let path = data_dir.join(FILE);
    let loaded = super::save_file::load::<PersonalBests>(&path);
    let mut all = loaded.value;
    let recorded = all.record(entry);
    let mut warning = loaded.warning;
    if matches!(recorded, Recorded::NewBest { .. })
        && let Err(e) = super::save_file::save(&path, &all)
    {
        warning = Some(e);
    }
    Kept { recorded, warning }
}

/// Today's date as `YYYY-MM-DD`, in local time.
pub fn today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str, score: u32) -> PersonalBest {
        PersonalBest {
            name: name.into(),
            bank: "B".into(),
            score,
            correct: 1,
            asked: 2,
            date: "2026-11-26".into(),
        }
    }

    #[test]
    fn only_a_higher_score_replaces_a_best() {
        let mut b = PersonalBests::default();
        assert_eq!(b.record(entry("Aroha", 500)), Recorded::NewBest { previous: None });
        assert_eq!(b.record(entry("aroha ", 400)), Recorded::Short { best: 500 });
        assert_eq!(b.record(entry("Aroha", 900)), Recorded::NewBest { previous: Some(500) });
        b.record(entry("Tama", 700));
        let top: Vec<u32> = b.top("B", 5).iter().map(|e| e.score).collect();
        assert_eq!(top, [900, 700]);
        assert_eq!(b.best("AROHA", "B").unwrap().score, 900);
    }

    #[test]
    fn a_kept_best_is_on_disk_for_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = keep(dir.path(), entry("Aroha", 700));
        assert_eq!(first, Kept { recorded: Recorded::NewBest { previous: None }, warning: None });
        assert_eq!(keep(dir.path(), entry("Aroha", 600)).recorded, Recorded::Short { best: 700 });
        assert_eq!(keep(dir.path(), entry("Aroha", 900)).recorded, Recorded::NewBest { previous: Some(700) });
        let on_disk: PersonalBests = super::super::save_file::load(&dir.path().join(FILE)).value;
        assert_eq!(on_disk.best("Aroha", "B").unwrap().score, 900);
    }

    #[test]
    fn a_damaged_bests_file_is_set_aside_and_the_score_still_kept() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "(entries: [oops").unwrap();
        let kept = keep(dir.path(), entry("Tama", 500));
        assert_eq!(kept.recorded, Recorded::NewBest { previous: None });
        assert!(kept.warning.unwrap().contains("damaged"));
        assert_eq!(keep(dir.path(), entry("Tama", 100)).recorded, Recorded::Short { best: 500 });
    }

    #[test]
    fn an_unwritable_folder_is_a_warning_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("not-a-folder");
        std::fs::write(&blocked, "a file where the folder should be").unwrap();
        let kept = keep(&blocked, entry("Tama", 500));
        assert_eq!(kept.recorded, Recorded::NewBest { previous: None });
        assert!(kept.warning.unwrap().contains("cannot write"));
    }

    #[test]
    fn today_is_a_date() {
        let d = today();
        assert_eq!(d.len(), 10);
        assert_eq!(&d[4..5], "-");
    }
}

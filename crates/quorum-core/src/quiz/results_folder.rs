//! The results folder a teacher can find (`Documents/Quorum/results`): each
//! solo round written there as a CSV file, and each classroom session's
//! file copied there as it grows. The data directory keeps its own copies
//! (`quorum results` reads those); this folder is for opening in a
//! spreadsheet. Files are written whole or not at all.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::round::RoundResults;
use crate::bank::validate::slugify;

/// The folder, inside the documents folder, holding results.
pub const FOLDER: &str = "results";

/// The results folder inside `documents` (see `bank::library::documents_dir`).
pub fn folder(documents: &Path) -> PathBuf {
    documents.join(FOLDER)
}

/// One row of a solo round's file: one per question.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct RoundRow<'a> {
    date: &'a str,
    bank: &'a str,
    player: &'a str,
    question_id: &'a str,
    question: &'a str,
    answer: &'a str,
    correct_answer: &'a str,
    /// `yes` or `no`.
    correct: &'a str,
    /// Empty when the question timed out.
    seconds: String,
    points: u32,
}

/// Writes a solo round's results as `DATE_TIME_BANK_PLAYER.csv` in
/// `folder` (made if needed) and returns its path. Never replaces a file.
pub fn write_round(
    folder: &Path,
    results: &RoundResults,
    bank: &str,
    player: &str,
) -> Result<PathBuf, String> {
    let now = jiff::ZonedDateTime::now();
    let stamp = now.strftime("%Y-%m-%d_%H-%M-%S").to_string();
    let date = now.strftime("%Y-%m-%d %H:%M").to_string();
    let mut writer = csv::Writer::from_writer(Vec::new());
    for item in &results.review {
        let answered = !item.given.is_empty() && item.verdict != super::Verdict::TimedOut;
        let row = RoundRow {
            date: &date,
            bank,
            player,
            question_id: &item.id,
            question: &item.prompt,
            answer: if answered { &item.given } else { "" },
            correct_answer: &item.correct_answer,
            correct: if item.verdict.is_correct() { "yes" } else { "no" },
            seconds: if answered { format!("{:.1}", item.response.as_secs_f64()) } else { String::new() },
            points: item.points,
        };
        writer.serialize(row).map_err(|e| format!("cannot write the results: {e}"))?;
    }
    let bytes = writer.into_inner().map_err(|e| format!("cannot write the results: {e}"))?;
    let base = format!("{stamp}_{}_{}", slugify(bank), slugify(player));
    let mut path = folder.join(format!("{base}.csv"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{base}-{n}.csv"));
        n += 1;
    }
    crate::atomic_file::write(&path, &bytes).map_err(|e| {
        format!("cannot save the results in {}: {}", folder.display(), crate::bank::io_reason(&e))
    })?;
    Ok(path)
}

/// Copies a results file (a classroom session's, as it stands) into
/// `folder` under the same name, replacing the earlier copy of the same
/// file, and returns the copy's path.
pub fn copy_in(file: &Path, folder: &Path) -> Result<PathBuf, String> {
    let bytes = std::fs::read(file)
        .map_err(|e| format!("cannot read {}: {}", file.display(), crate::bank::io_reason(&e)))?;
    let to = folder.join(file.file_name().unwrap_or_default());
    crate::atomic_file::write(&to, &bytes).map_err(|e| {
        format!("cannot save the results in {}: {}", folder.display(), crate::bank::io_reason(&e))
    })?;
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::quiz::{Answer, Phase, QuestionCount, Round, RoundSettings, Verdict, deal};

    /// Three questions: each answered with its first choice where it takes
    /// one, the others left to time out.
    fn played() -> RoundResults {
        let bank = builtin::check().playable().unwrap();
        let settings = RoundSettings { questions: QuestionCount::Some(3), ..RoundSettings::default() };
        let mut round = Round::new(deal(&bank, &settings, 7).unwrap(), settings);
        while round.phase() != Phase::Finished {
            round.answer(Answer::Choice(0));
            while round.phase() == Phase::Asking {
                round.tick(std::time::Duration::from_secs(1));
            }
            round.next();
        }
        round.results()
    }

    #[test]
    fn a_round_is_one_row_per_question_and_never_replaces_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let results = played();
        let folder = dir.path().join("results");
        let first = write_round(&folder, &results, "Cannabis, pardons", "Aroha").unwrap();
        let name = first.file_name().unwrap().to_string_lossy().to_string();
        assert!(name.ends_with("_cannabis-pardons_aroha.csv"), "{name}");
        let mut reader = csv::Reader::from_path(&first).unwrap();
        let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(headers[..3], ["date", "bank", "player"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        for (row, item) in rows.iter().zip(&results.review) {
            assert_eq!((&row[1], &row[2], &row[3]), ("Cannabis, pardons", "Aroha", item.id.as_str()));
            let timed_out = item.verdict == Verdict::TimedOut;
            assert_eq!(row[5].is_empty(), timed_out, "no answer only for a timed-out question");
            assert_eq!(row[8].is_empty(), timed_out, "nor seconds");
            assert_eq!(&row[7], if item.verdict.is_correct() { "yes" } else { "no" });
            assert_eq!(row[9].parse::<u32>().unwrap(), item.points);
        }
        let second = write_round(&folder, &results, "Cannabis, pardons", "Aroha").unwrap();
        assert_ne!(first, second);
        assert!(first.exists());
    }

    #[test]
    fn a_copy_follows_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2026-11-28_09-00-00_bank.csv");
        std::fs::write(&file, "a\n1\n").unwrap();
        let folder = dir.path().join("docs/results");
        let copy = copy_in(&file, &folder).unwrap();
        assert_eq!(copy, folder.join("2026-11-28_09-00-00_bank.csv"));
        std::fs::write(&file, "a\n1\n2\n").unwrap();
        copy_in(&file, &folder).unwrap();
        assert_eq!(std::fs::read_to_string(copy).unwrap(), "a\n1\n2\n");
        assert!(copy_in(&dir.path().join("gone.csv"), &folder).unwrap_err().contains("no such file"));
    }
}

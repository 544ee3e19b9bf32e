//! `quorum results [SESSION]`: the classroom sessions on record (teams on
//! one screen, or students on their own devices), and one session's
//! summary table. Places and ties come from the core's `quiz::places`, as on
//! the podium: no ranking rule is written here.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use quorum_core::quiz::places::{self, Place};
use quorum_core::quiz::save_file;
use quorum_core::quiz::session_log::{self, Participants, Row};

/// Lists every session, or prints one; `Err` is a message for the teacher.
pub fn run(session: Option<&str>) -> Result<String, String> {
    run_in(&save_file::data_dir(), session)
}

fn run_in(dir: &Path, session: Option<&str>) -> Result<String, String> {
    match session {
        None => Ok(list(dir)),
        Some(wanted) => {
            let path = session_log::find(dir, wanted).ok_or_else(|| {
                format!(
                    "no session `{wanted}` in {}; `quorum results` lists them",
                    dir.join(session_log::FOLDER).display()
                )
            })?;
            let file = session_log::read_file(&path)?;
            Ok(summary(&path, file.who, &file.rows))
        }
    }
}

fn list(dir: &Path) -> String {
    let files = session_log::list(dir);
    let folder = dir.join(session_log::FOLDER);
    if files.is_empty() {
        return format!(
            "No classroom sessions yet. Their results files will be kept in {}\n",
            folder.display()
        );
    }
    let mut out = format!("Classroom sessions in {}:\n\n", folder.display());
    let _ = writeln!(out, "{:<21} {:<36} {:>11} {:>9}  result", "session", "bank", "who", "questions");
    for path in files {
        match session_log::read_file(&path) {
            Ok(session_log::SessionFile { who, rows }) if !rows.is_empty() => {
                let totals = session_log::totals(&rows);
                let questions = distinct(&rows, |r| &r.question_id);
                let winner = places::outcome(totals.iter().map(|t| (t.team.as_str(), t.points))).describe();
                let _ = writeln!(
                    out,
                    "{:<21} {:<36} {:>11} {:>9}  {winner}",
                    rows[0].session,
                    clip(&rows[0].bank, 36),
                    who.count(totals.len()),
                    questions
                );
            }
            Ok(_) => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                let _ = writeln!(out, "{name}: no questions were answered");
            }
            Err(e) => {
                let _ = writeln!(out, "{e}");
            }
        }
    }
    out.push_str("\n`quorum results SESSION` prints one session's table.\n");
    out
}

fn distinct<'a>(rows: &'a [Row], key: impl Fn(&'a Row) -> &'a String) -> usize {
    let mut seen: Vec<&String> = rows.iter().map(key).collect();
    seen.sort();
    seen.dedup();
    seen.len()
}

fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(n - 1).collect::<String>())
    }
}

fn summary(path: &Path, who: Participants, rows: &[Row]) -> String {
    let mut out = String::new();
    let Some(first) = rows.first() else {
        return format!("{}: no questions were answered\n", path.display());
    };
    let _ = writeln!(out, "{} · {} · {}", first.bank, first.date, path.display());
    let _ = writeln!(
        out,
        "\n{:<6} {:<28} {:>8} {:>9} {:>9} {:>9}",
        "place",
        match who {
            Participants::Teams => "team",
            Participants::Players => "player",
        },
        "points",
        "correct",
        "accuracy",
        "avg time"
    );
    let totals = session_log::totals(rows);
    for t in &totals {
        let accuracy = if t.asked == 0 { 0.0 } else { 100.0 * t.correct as f64 / t.asked as f64 };
        let average = t.average_seconds.map(|s| format!("{s:.1} s")).unwrap_or_else(|| "—".to_string());
        let _ = writeln!(
            out,
            "{:<6} {:<28} {:>8} {:>9} {:>8.0}% {:>9}",
            Place { rank: t.rank, shared: t.shared }.label(),
            clip(&t.team, 28),
            t.points,
            format!("{}/{}", t.correct, t.asked),
            accuracy,
            average
        );
    }
    let outcome = places::outcome(totals.iter().map(|t| (t.team.as_str(), t.points)));
    let _ = writeln!(out, "\nresult: {}", outcome.describe());
    // Questions, hardest first: the share of teams (or players) that got each right.
    let mut questions: BTreeMap<&str, (usize, usize, &str)> = BTreeMap::new();
    let mut order: Vec<&str> = Vec::new();
    for row in rows.iter().filter(|r| r.answer != "(skipped)") {
        let entry = questions.entry(&row.question_id).or_insert_with(|| {
            order.push(&row.question_id);
            (0, 0, &row.question)
        });
        entry.1 += 1;
        if row.correct == "yes" {
            entry.0 += 1;
        }
    }
    let mut listed: Vec<(&str, f64, &str)> = order
        .iter()
        .map(|id| (*id, questions[id].0 as f64 / questions[id].1 as f64, questions[id].2))
        .collect();
    listed.sort_by(|a, b| a.1.total_cmp(&b.1));
    let _ = writeln!(out, "\nquestions, hardest first:");
    for (_, share, prompt) in listed {
        let _ = writeln!(out, "  {:>4.0}% right  {}", share * 100.0, prompt);
    }
    out
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use quorum_core::bank::builtin;
    use quorum_core::quiz::players::{Seat, Session};
    use quorum_core::quiz::session_log::SessionLog;
    use quorum_core::quiz::{Answer, RoundSettings, deal};

    use super::*;

    /// A session file with each team's points on one question.
    fn session_file(dir: &Path, session: &str, teams: &[(&str, u32)]) {
        let folder = dir.join(session_log::FOLDER);
        std::fs::create_dir_all(&folder).unwrap();
        let mut text =
            "session,date,bank,question_id,question,team,answer,correct,seconds,points\n".to_string();
        for (team, points) in teams {
            let correct = if *points > 0 { "yes" } else { "no" };
            text += &format!(
                "{session},2026-11-26 10:30,Bank,q,Who applies laws?,{team},Judges,{correct},2.0,{points}\n"
            );
        }
        std::fs::write(folder.join(format!("{session}_bank.csv")), text).unwrap();
    }

    #[test]
    fn the_list_says_a_tie_or_that_no_one_scored_never_one_winner() {
        let dir = tempfile::tempdir().unwrap();
        session_file(dir.path(), "2026-11-26_10-00-00", &[("Team 1", 0), ("Team 2", 0)]);
        session_file(dir.path(), "2026-11-26_11-00-00", &[("Kererū", 900), ("Tūī", 900), ("Kōtare", 10)]);
        session_file(dir.path(), "2026-11-26_12-00-00", &[("Kererū", 900), ("Tūī", 1200)]);
        let out = run_in(dir.path(), None).unwrap();
        let line = |session: &str| out.lines().find(|l| l.starts_with(session)).unwrap().to_string();
        assert!(line("2026-11-26_10-00-00").ends_with("  no one scored"), "{out}");
        assert!(line("2026-11-26_11-00-00").ends_with("  a tie: Kererū and Tūī (900 points)"), "{out}");
        assert!(line("2026-11-26_12-00-00").ends_with("  Tūī (1,200 points)"), "{out}");
        assert!(!out.contains("Team 1 (0 points)"), "{out}");
    }

    #[test]
    fn the_table_shows_shared_places() {
        let dir = tempfile::tempdir().unwrap();
        session_file(dir.path(), "2026-11-26_11-00-00", &[("Kererū", 900), ("Tūī", 900), ("Kōtare", 10)]);
        let out = run_in(dir.path(), Some("2026-11-26_11-00-00")).unwrap();
        let place = |team: &str| {
            let row = out.lines().find(|l| l.contains(team)).unwrap();
            row.split_whitespace().next().unwrap().to_string()
        };
        assert_eq!(
            (place("Kererū"), place("Tūī"), place("Kōtare")),
            ("=1st".into(), "=1st".into(), "3rd".into())
        );
        assert!(out.contains("result: a tie: Kererū and Tūī (900 points)"), "{out}");

        session_file(dir.path(), "2026-11-26_10-00-00", &[("Team 1", 0), ("Team 2", 0)]);
        let out = run_in(dir.path(), Some("2026-11-26_10-00-00")).unwrap();
        assert_eq!(out.lines().filter(|l| l.starts_with("=1st")).count(), 2, "{out}");
        assert!(out.contains("result: no one scored"), "{out}");
    }

    #[test]
    fn a_players_session_is_listed_and_shown_with_its_players() {
        let dir = tempfile::tempdir().unwrap();
        let bank = builtin::check().bank.unwrap();
        let mut questions = deal(&bank, &RoundSettings::default(), 2).unwrap();
        questions.retain(|q| !q.choices.is_empty());
        let mut s = Session::new(questions, RoundSettings::default());
        let t0 = Instant::now();
        s.join("Aroha", t0).unwrap();
        s.join("Ben", t0).unwrap();
        s.start(t0);
        let right = s.current().unwrap().correct_choice().unwrap();
        s.answer(Seat(0), 1, Answer::Choice(right), t0 + Duration::from_secs(1)).unwrap();
        s.answer(Seat(1), 1, Answer::Choice((right + 1) % 2), t0 + Duration::from_secs(2)).unwrap();
        let mut log = SessionLog::create_for(dir.path(), &bank.title, Participants::Players).unwrap();
        log.append_players(s.last_result().unwrap(), &s).unwrap();

        let listing = list(dir.path());
        assert!(listing.contains("    2 players         1  Aroha (975 points)"), "{listing}");
        let file = session_log::read_file(&log.path).unwrap();
        let table = summary(&log.path, file.who, &file.rows);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[2].starts_with("place  player "), "{table}");
        assert!(lines[3].starts_with("1st    Aroha ") && lines[3].contains("975       1/1"), "{table}");
        assert!(lines[4].starts_with("2nd    Ben ") && lines[4].contains("0/1"), "{table}");
        assert!(lines[3].ends_with("1.0 s"), "the host's seconds: {table}");
    }
}

//! The teacher's record of a classroom session: a CSV file in the data
//! directory, one row per team (or, when students answer on their own
//! devices, per player) per question, appended and flushed to disk as each
//! question closes, so a crash mid-lesson loses at most the question in
//! play. A team session's file that goes missing or can't be written
//! mid-session is written again whole, from the session, as soon as it can
//! be. Both kinds of session share this one writer and reader.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::classroom::QuestionResult;
use super::players;
use super::round::AnswerRecord;
use super::scoring::Verdict;
use crate::bank::validate::slugify;

/// The folder, inside the data directory, holding session files.
pub const FOLDER: &str = "sessions";

/// Who a session's rows are for: the sixth column's heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participants {
    /// Teams on one screen (buzzers or teacher entry).
    Teams,
    /// Students on their own devices, each under a nickname.
    Players,
}

impl Participants {
    fn heading(self) -> &'static str {
        match self {
            Participants::Teams => "team",
            Participants::Players => "player",
        }
    }

    /// "team" or "player", with an `s` for any number but one.
    pub fn count(self, n: usize) -> String {
        format!("{n} {}{}", self.heading(), if n == 1 { "" } else { "s" })
    }
}

/// One row of a session file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub session: String,
    pub date: String,
    pub bank: String,
    pub question_id: String,
    pub question: String,
    /// The team's name, or the player's nickname (column `player`).
    #[serde(alias = "player")]
    pub team: String,
    /// The answer given, as shown; empty for no answer.
    pub answer: String,
    /// `yes` or `no`.
    pub correct: String,
    /// Seconds the team took; empty when not timed by the team (teacher
    /// entry, no answer, or a skipped question). A player's seconds are
    /// measured by the host, from the question opening to their answer
    /// arriving.
    pub seconds: String,
    pub points: u32,
}

/// A session's results file, brought up to date after each question.
#[derive(Debug)]
pub struct SessionLog {
    pub path: PathBuf,
    pub session: String,
    date: String,
    bank: String,
    who: Participants,
    /// Closed questions whose rows are in the file.
    written: usize,
    /// Whether the last write failed, so the next one writes the file whole.
    failing: bool,
}

/// What bringing a results file up to date did.
#[derive(Debug)]
pub enum Recorded {
    /// Nothing new to write.
    UpToDate,
    /// The new questions' rows were appended.
    Appended,
    /// The file was written again, whole, with every question so far: it had
    /// gone (`vanished`: deleted or moved mid-session), or an earlier write
    /// had failed and this one worked.
    Restored { vanished: bool },
    /// The rows could not be written; they stay in the session and the next
    /// question tries again, writing the file whole. `first` is whether this
    /// is the first failure in a row, so the teacher is told once.
    Failed { error: std::io::Error, first: bool },
}

/// A session file's first line; the sixth column says who the rows are for.
fn header(who: Participants) -> [&'static str; 10] {
    [
        "session",
        "date",
        "bank",
        "question_id",
        "question",
        who.heading(),
        "answer",
        "correct",
        "seconds",
        "points",
    ]
}

impl SessionLog {
    /// Creates `sessions/DATE_TIME_BANK.csv` in `data_dir` with its header,
    /// for a team session.
    pub fn create(data_dir: &Path, bank_title: &str) -> std::io::Result<SessionLog> {
        SessionLog::create_for(data_dir, bank_title, Participants::Teams)
    }

    /// Creates a session file for `who`.
    pub fn create_for(data_dir: &Path, bank_title: &str, who: Participants) -> std::io::Result<SessionLog> {
        let now = jiff::ZonedDateTime::now();
        let session = now.strftime("%Y-%m-%d_%H-%M-%S").to_string();
        let date = now.strftime("%Y-%m-%d %H:%M").to_string();
        let folder = data_dir.join(FOLDER);
        std::fs::create_dir_all(&folder)?;
        let slug = slugify(bank_title);
        let mut path = folder.join(format!("{session}_{slug}.csv"));
        // Two sessions in the same second get distinct files.
        let mut n = 2;
        while path.exists() {
            path = folder.join(format!("{session}_{slug}-{n}.csv"));
            n += 1;
        }
        let mut file = OpenOptions::new().create_new(true).append(true).open(&path)?;
        write_synced(&mut file, &csv_bytes([header(who)])?)?;
        Ok(SessionLog { path, session, date, bank: bank_title.to_string(), who, written: 0, failing: false })
    }

    /// The rows for one closed question.
    pub fn rows(&self, result: &QuestionResult, teams: &[String]) -> Vec<Row> {
        let q = &result.question;
        teams
            .iter()
            .enumerate()
            .map(|(t, team)| {
                let record = result.teams.get(t);
                let answer =
                    record.and_then(|r| r.record.answer).map(|a| q.describe(Some(a))).unwrap_or_default();
                let seconds =
                    record.filter(|r| r.timed).map(|r| format!("{:.1}", r.record.response.as_secs_f64()));
                Row {
                    session: self.session.clone(),
                    date: self.date.clone(),
                    bank: self.bank.clone(),
                    question_id: q.question.id.clone(),
                    question: super::round::review_prompt(q),
                    team: team.clone(),
                    answer: if result.skipped { "(skipped)".to_string() } else { answer },
                    correct: if record.is_some_and(|r| r.record.verdict == Verdict::Correct) {
                        "yes"
                    } else {
                        "no"
                    }
                    .to_string(),
                    seconds: seconds.unwrap_or_default(),
                    points: record.map_or(0, |r| r.record.points.total()),
                }
            })
            .collect()
    }

    /// The rows for one closed question of a players' session: one per
    /// player in the session when it closed.
    pub fn player_rows(&self, result: &players::QuestionResult, session: &players::Session) -> Vec<Row> {
        let q = &result.question;
        result
            .entries
            .iter()
            .map(|entry| {
                let record: Option<&AnswerRecord> = entry.record.as_ref();
                let answer = record.and_then(|r| r.answer);
                Row {
                    session: self.session.clone(),
                    date: self.date.clone(),
                    bank: self.bank.clone(),
                    question_id: q.question.id.clone(),
                    question: super::round::review_prompt(q),
                    team: session.player(entry.seat).map(|p| p.name.clone()).unwrap_or_default(),
                    answer: if result.skipped() {
                        "(skipped)".to_string()
                    } else {
                        answer.map(|a| q.describe(Some(a))).unwrap_or_default()
                    },
                    correct: if record.is_some_and(|r| r.verdict == Verdict::Correct) { "yes" } else { "no" }
                        .to_string(),
                    seconds: record
                        .filter(|r| r.answer.is_some())
                        .map(|r| format!("{:.1}", r.response.as_secs_f64()))
                        .unwrap_or_default(),
                    points: record.map_or(0, |r| r.points.total()),
                }
            })
            .collect()
    }

    /// Appends a players' session's closed question and flushes it to disk.
    pub fn append_players(
        &mut self,
        result: &players::QuestionResult,
        session: &players::Session,
    ) -> std::io::Result<()> {
        let rows = self.player_rows(result, session);
        let bytes = rows_bytes(&rows)?;
        let mut file = OpenOptions::new().append(true).open(&self.path)?;
        write_synced(&mut file, &bytes)
    }

    /// Brings the file up to date with a session's closed questions
    /// (`results` is every one so far, in order): appends the new ones, or,
    /// after a failure or when the file has gone, writes it whole again.
    pub fn record(&mut self, results: &[QuestionResult], teams: &[String]) -> Recorded {
        if self.written >= results.len() && !self.failing {
            return Recorded::UpToDate;
        }
        let outcome = if self.failing {
            self.rewrite(results, teams).map(|()| Recorded::Restored { vanished: false })
        } else {
            match self.append(&results[self.written..], teams) {
                Ok(()) => Ok(Recorded::Appended),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    self.rewrite(results, teams).map(|()| Recorded::Restored { vanished: true })
                }
                Err(e) => Err(e),
            }
        };
        match outcome {
            Ok(recorded) => {
                self.written = results.len();
                self.failing = false;
                recorded
            }
            Err(error) => {
                let first = !self.failing;
                self.failing = true;
                Recorded::Failed { error, first }
            }
        }
    }

    /// Appends closed questions' rows in one write, then syncs. The file is
    /// opened by its path each time: a file deleted or moved mid-session is
    /// then an error (`NotFound`), where an open handle would go on writing
    /// into a file no one can see.
    pub fn append(&mut self, results: &[QuestionResult], teams: &[String]) -> std::io::Result<()> {
        let bytes = self.row_bytes(results, teams)?;
        let mut file = OpenOptions::new().append(true).open(&self.path)?;
        write_synced(&mut file, &bytes)
    }

    /// Writes the whole file again, atomically: the header and the rows of
    /// every closed question in `results`. The session holds every answer,
    /// so nothing is lost once the file can be written again.
    pub fn rewrite(&self, results: &[QuestionResult], teams: &[String]) -> std::io::Result<()> {
        let mut bytes = csv_bytes([header(self.who)])?;
        bytes.extend(self.row_bytes(results, teams)?);
        crate::atomic_file::write(&self.path, &bytes)
    }

    fn row_bytes(&self, results: &[QuestionResult], teams: &[String]) -> std::io::Result<Vec<u8>> {
        let rows: Vec<Row> = results.iter().flat_map(|r| self.rows(r, teams)).collect();
        rows_bytes(&rows)
    }
}

fn rows_bytes(rows: &[Row]) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(std::io::Error::other)?;
    }
    writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

fn csv_bytes<'a>(records: impl IntoIterator<Item = [&'a str; 10]>) -> std::io::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        writer.write_record(record).map_err(std::io::Error::other)?;
    }
    writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

/// One write of whole rows, then a sync: the rows are on disk, or none is.
fn write_synced(file: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes)?;
    file.flush()?;
    file.sync_data()
}

/// A session file as read: who it is for, and its rows.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionFile {
    pub who: Participants,
    pub rows: Vec<Row>,
}

/// Reads a session file's rows. Rows cut off by a crash mid-write are
/// reported, not fatal: everything before them is returned.
pub fn read(path: &Path) -> Result<Vec<Row>, String> {
    read_file(path).map(|f| f.rows)
}

/// Reads a session file, team or players'.
pub fn read_file(path: &Path) -> Result<SessionFile, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = reader.headers().map_err(|e| format!("{}: {e}", path.display()))?;
    let who = if headers.iter().any(|h| h == "player") { Participants::Players } else { Participants::Teams };
    let rows = read_rows(path, &mut reader)?;
    Ok(SessionFile { who, rows })
}

fn read_rows(path: &Path, reader: &mut csv::Reader<File>) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    let mut records = reader.deserialize::<Row>();
    while let Some(row) = records.next() {
        match row {
            Ok(row) => rows.push(row),
            Err(e) => {
                let line = e.position().map_or(rows.len() + 2, |p| p.line() as usize);
                // Only the very last record can be a write a crash cut off;
                // a bad record with more after it is damage.
                return if !rows.is_empty() && records.next().is_none() {
                    Ok(rows)
                } else if rows.is_empty() {
                    Err(format!("{}:{line}: not a Quorum session file ({e})", path.display()))
                } else {
                    Err(format!("{}:{line}: damaged row ({e})", path.display()))
                };
            }
        }
    }
    Ok(rows)
}

/// The session files in a data directory, oldest first.
pub fn list(data_dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(FOLDER)) else { return Vec::new() };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    files
}

/// Finds a session by its id (`2026-11-26_10-30-15`), its file name, or a path.
pub fn find(data_dir: &Path, wanted: &str) -> Option<PathBuf> {
    let as_path = Path::new(wanted);
    if as_path.is_file() {
        return Some(as_path.to_path_buf());
    }
    list(data_dir).into_iter().find(|p| {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        name == wanted || name.starts_with(&format!("{wanted}_"))
    })
}

/// One team's totals, worked out from a file's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamTotals {
    pub team: String,
    pub rank: usize,
    /// Whether another team holds the same rank.
    pub shared: bool,
    pub points: u32,
    pub correct: usize,
    pub asked: usize,
    pub average_seconds: Option<f64>,
}

/// Totals per team from a session's rows, best first, ties sharing a rank.
pub fn totals(rows: &[Row]) -> Vec<TeamTotals> {
    let mut teams: Vec<TeamTotals> = Vec::new();
    let mut seconds: Vec<Vec<f64>> = Vec::new();
    for row in rows {
        let i = match teams.iter().position(|t| t.team == row.team) {
            Some(i) => i,
            None => {
                teams.push(TeamTotals {
                    team: row.team.clone(),
                    rank: 0,
                    shared: false,
                    points: 0,
                    correct: 0,
                    asked: 0,
                    average_seconds: None,
                });
                seconds.push(Vec::new());
                teams.len() - 1
            }
        };
        let t = &mut teams[i];
        t.points += row.points;
        if row.answer != "(skipped)" {
            t.asked += 1;
        }
        if row.correct == "yes" {
            t.correct += 1;
        }
        if let Ok(s) = row.seconds.parse::<f64>() {
            seconds[i].push(s);
        }
    }
    for (t, s) in teams.iter_mut().zip(&seconds) {
        t.average_seconds = (!s.is_empty()).then(|| s.iter().sum::<f64>() / s.len() as f64);
    }
    crate::quiz::places::rank_by_points(
        &mut teams,
        |t| t.points,
        |t, place| (t.rank, t.shared) = (place.rank, place.shared),
    );
    teams
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::builtin;
    use crate::quiz::classroom::{AnsweringStyle, Session};
    use crate::quiz::deck::{RoundSettings, deal};
    use crate::quiz::scoring::Answer;

    fn played_session(teams: &[&str]) -> Session {
        let bank = builtin::check().bank.unwrap();
        let mut questions = deal(&bank, &RoundSettings::default(), 4).unwrap();
        questions.retain(|q| !q.choices.is_empty());
        let names = teams.iter().map(|t| t.to_string()).collect();
        let mut s = Session::new(questions, RoundSettings::default(), AnsweringStyle::Buzzers, names);
        for team in 0..teams.len() {
            let right = s.current().unwrap().correct_choice().unwrap();
            s.buzz(team, Answer::Choice(if team == 0 { right } else { (right + 1) % 2 }));
        }
        s
    }

    #[test]
    fn names_with_commas_quotes_and_macrons_survive_the_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let teams = ["Ngā Toa, \"the brave\"", "Kōwhai; 2", "Plain"];
        let s = played_session(&teams);
        let mut log = SessionLog::create(dir.path(), "Cannabis, pardons and Parliament").unwrap();
        log.append(s.results(), &s.teams).unwrap();
        let rows = read(&log.path).unwrap();
        assert_eq!(rows.len(), 3);
        let names: Vec<&str> = rows.iter().map(|r| r.team.as_str()).collect();
        assert_eq!(names, teams);
        assert_eq!(rows[0].correct, "yes");
        assert_eq!(rows[0].bank, "Cannabis, pardons and Parliament");
        assert_eq!(rows[0].points, s.points(0));
        assert!(
            log.path.file_name().unwrap().to_string_lossy().ends_with("_cannabis-pardons-and-parliament.csv")
        );
    }

    #[test]
    fn a_cut_off_last_row_leaves_the_rest_readable() {
        let dir = tempfile::tempdir().unwrap();
        let s = played_session(&["A", "B"]);
        let mut log = SessionLog::create(dir.path(), "Bank").unwrap();
        log.append(s.results(), &s.teams).unwrap();
        // A crash in the middle of writing the next row.
        let mut file = OpenOptions::new().append(true).open(&log.path).unwrap();
        file.write_all(b"2026-11-26_10-00-00,2026-11-26 10:00,Bank,q,Who").unwrap();
        let rows = read(&log.path).unwrap();
        assert_eq!(rows.len(), 2);
    }

    /// `n` questions played: team A right, team B wrong.
    fn played_questions(n: usize) -> Session {
        let mut s = played_session(&["A", "B"]);
        for _ in 1..n {
            s.next();
            let right = s.current().unwrap().correct_choice().unwrap();
            s.buzz(0, Answer::Choice(right));
            s.buzz(1, Answer::Choice((right + 1) % 2));
        }
        assert_eq!(s.results().len(), n);
        s
    }

    #[test]
    fn a_file_deleted_mid_session_is_written_again_whole() {
        let dir = tempfile::tempdir().unwrap();
        let s = played_questions(3);
        let mut log = SessionLog::create(dir.path(), "Bank").unwrap();
        assert!(matches!(log.record(&s.results()[..1], &s.teams), Recorded::Appended));
        assert!(matches!(log.record(&s.results()[..1], &s.teams), Recorded::UpToDate));
        std::fs::remove_file(&log.path).unwrap();
        // An open handle would write into the deleted file, unseen.
        assert!(matches!(log.record(&s.results()[..2], &s.teams), Recorded::Restored { vanished: true }));
        assert_eq!(read(&log.path).unwrap().len(), 4);
        assert!(matches!(log.record(s.results(), &s.teams), Recorded::Appended));
        let rows = read(&log.path).unwrap();
        let ids: Vec<&str> = rows.iter().map(|r| r.question_id.as_str()).collect();
        let dealt: Vec<&str> = s.results().iter().map(|r| r.question.question.id.as_str()).collect();
        assert_eq!(ids, [dealt[0], dealt[0], dealt[1], dealt[1], dealt[2], dealt[2]]);
    }

    #[test]
    fn a_failing_write_is_reported_once_and_caught_up_when_it_works_again() {
        let dir = tempfile::tempdir().unwrap();
        let s = played_questions(3);
        let mut log = SessionLog::create(dir.path(), "Bank").unwrap();
        assert!(matches!(log.record(&s.results()[..1], &s.teams), Recorded::Appended));
        // Something else takes the file's place: neither append nor rewrite can write.
        std::fs::remove_file(&log.path).unwrap();
        std::fs::create_dir(&log.path).unwrap();
        assert!(matches!(log.record(&s.results()[..2], &s.teams), Recorded::Failed { first: true, .. }));
        assert!(matches!(log.record(&s.results()[..2], &s.teams), Recorded::Failed { first: false, .. }));
        std::fs::remove_dir(&log.path).unwrap();
        assert!(matches!(log.record(s.results(), &s.teams), Recorded::Restored { vanished: false }));
        assert_eq!(read(&log.path).unwrap().len(), 6, "every question so far, none twice");
    }

    #[test]
    fn totals_rank_teams_and_find_finds_by_id() {
        let dir = tempfile::tempdir().unwrap();
        let s = played_session(&["A", "B"]);
        let mut log = SessionLog::create(dir.path(), "Bank").unwrap();
        log.append(s.results(), &s.teams).unwrap();
        let t = totals(&read(&log.path).unwrap());
        assert_eq!(t[0].team, "A");
        assert_eq!(t[0].rank, 1);
        assert_eq!(t[1].correct, 0);
        assert_eq!(find(dir.path(), &log.session), Some(log.path.clone()));
        assert_eq!(list(dir.path()), vec![log.path.clone()]);
        assert_eq!(find(dir.path(), "1999-01-01_00-00-00"), None);
    }

    #[test]
    fn a_players_session_writes_a_row_per_player_with_host_seconds() {
        use crate::quiz::players::{Seat, Session as Players};
        use std::time::{Duration, Instant};
        let dir = tempfile::tempdir().unwrap();
        let bank = builtin::check().bank.unwrap();
        let mut questions = deal(&bank, &RoundSettings::default(), 4).unwrap();
        questions.retain(|q| !q.choices.is_empty());
        let mut s = Players::new(questions, RoundSettings::default());
        let t0 = Instant::now();
        for name in ["Aroha, \"A\"", "Ben", "Late"] {
            s.join(name, t0).unwrap();
        }
        s.start(t0);
        let right = s.current().unwrap().correct_choice().unwrap();
        s.answer(Seat(0), 1, Answer::Choice(right), t0 + Duration::from_millis(2300)).unwrap();
        s.answer(Seat(1), 1, Answer::Choice((right + 1) % 2), t0 + Duration::from_secs(4)).unwrap();
        s.reveal(t0 + Duration::from_secs(5));
        let mut log = SessionLog::create_for(dir.path(), "Bank", Participants::Players).unwrap();
        log.append_players(s.last_result().unwrap(), &s).unwrap();
        s.next(t0 + Duration::from_secs(6));
        s.next(t0 + Duration::from_secs(6));
        s.skip(t0 + Duration::from_secs(7));
        log.append_players(s.last_result().unwrap(), &s).unwrap();

        let file = read_file(&log.path).unwrap();
        assert_eq!(file.who, Participants::Players);
        let header = std::fs::read_to_string(&log.path).unwrap();
        assert!(header.lines().next().unwrap().contains(",player,answer,"), "{header}");
        let rows = file.rows;
        assert_eq!(rows.len(), 6, "three players, two questions");
        assert_eq!(rows[0].team, "Aroha, \"A\"");
        assert_eq!((rows[0].correct.as_str(), rows[0].seconds.as_str()), ("yes", "2.3"));
        assert_eq!(rows[0].points, s.points(Seat(0)));
        assert_eq!((rows[1].correct.as_str(), rows[1].points), ("no", 0));
        assert_eq!((rows[2].answer.as_str(), rows[2].seconds.as_str()), ("", ""), "no answer, no time");
        assert!(rows[3..].iter().all(|r| r.answer == "(skipped)" && r.points == 0));
        let totals = totals(&rows);
        assert_eq!((totals[0].team.as_str(), totals[0].asked, totals[0].correct), ("Aroha, \"A\"", 1, 1));
        // A team session's file reads as teams.
        let mut teams = SessionLog::create(dir.path(), "Bank").unwrap();
        let played = played_session(&["A", "B"]);
        teams.append(std::slice::from_ref(played.last_result().unwrap()), &played.teams).unwrap();
        assert_eq!(read_file(&teams.path).unwrap().who, Participants::Teams);
        assert_eq!(Participants::Players.count(1), "1 player");
        assert_eq!(Participants::Teams.count(3), "3 teams");
    }
}

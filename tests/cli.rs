//! The command line end to end: the real `quorum` binary, its exit codes and
//! what it prints, for a teacher's good and bad input. Every run has its own
//! data folder (`QUORUM_DATA_DIR`), so nothing touches the user's files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quorum_core::bank::{self, builtin, export, gift, model::ArticleRef, spreadsheet};

/// A finished run: its exit code and what it printed.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        let run = Run {
            // A signal (a crash) has no code: never 0, 1 or 2.
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        };
        assert!(!run.stderr.contains("panicked"), "a panic:\n{}", run.stderr);
        run
    }

    fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// Runs `quorum ARGS` in `dir` with its own data folder.
fn quorum_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_quorum"))
        .args(args)
        .current_dir(dir)
        .env("QUORUM_DATA_DIR", dir.join("data"))
        .output()
        .expect("the quorum binary runs");
    Run::from(output)
}

/// A folder with the shipped bank and its article side by side.
fn bank_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let path = dir.path().join("bank.ron");
    std::fs::write(&path, builtin::BANK_RON.replace(builtin::ARTICLE_PATH, "article.txt")).unwrap();
    (dir, path)
}

fn malformed(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/quorum-core/tests/fixtures/malformed")
        .join(name)
        .display()
        .to_string()
}

fn shipped() -> bank::Bank {
    builtin::check().bank.unwrap()
}

#[test]
fn check_passes_a_clean_bank_with_exit_0() {
    let (dir, path) = bank_folder();
    let n = shipped().questions.len();
    for args in [vec!["check"], vec!["check", path.to_str().unwrap()]] {
        let run = quorum_in(dir.path(), &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.all());
        assert!(
            run.stdout.contains(&format!("{n} questions, 0 errors, 0 warnings; {n} playable")),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn check_fails_a_broken_bank_with_exit_1_and_file_line_col() {
    let dir = tempfile::tempdir().unwrap();
    for (fixture, at, message) in [
        ("answer-not-a-choice.ron", "11:13", "the answer \"Judge\" is not one of the choices"),
        ("nul-in-comment.ron", "10:30", "NUL byte"),
        ("missing-comma.ron", "8:29", "expected a comma"),
    ] {
        let file = malformed(fixture);
        let run = quorum_in(dir.path(), &["check", &file]);
        assert_eq!(run.code, 1, "{fixture}: {}", run.all());
        assert!(run.stdout.contains(&format!("{file}:{at}: error: ")), "{fixture}:\n{}", run.stdout);
        assert!(run.stdout.contains(message), "{fixture}:\n{}", run.stdout);
    }
    // One broken bank among good ones still fails the run, and each is named.
    let (good_dir, good) = bank_folder();
    let broken = malformed("duplicate-id.ron");
    let run = quorum_in(good_dir.path(), &["check", good.to_str().unwrap(), &broken]);
    assert_eq!(run.code, 1, "{}", run.all());
    let n = shipped().questions.len();
    assert!(run.stdout.contains(&format!("{}: {n} questions, 0 errors", good.display())), "{}", run.stdout);
    assert!(run.stdout.contains(&format!("{broken}: 2 questions, 1 error")), "{}", run.stdout);
}

#[test]
fn stats_counts_the_questions_by_kind() {
    let (dir, path) = bank_folder();
    let run = quorum_in(dir.path(), &["stats", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    let bank = shipped();
    assert_eq!(run.stdout.lines().next(), Some(bank.title.as_str()));
    assert!(run.stdout.contains(&format!("{} questions", bank.questions.len())), "{}", run.stdout);
    for kind in bank::model::KIND_NAMES {
        let n = bank.questions.iter().filter(|q| q.kind_name() == kind).count();
        let line = run.stdout.lines().find(|l| l.trim_start().starts_with(kind)).unwrap();
        assert_eq!(line.split_whitespace().last(), Some(n.to_string().as_str()), "{line}");
    }
}

#[test]
fn export_writes_json_csv_and_gift_that_read_back() {
    let (dir, path) = bank_folder();
    let bank = shipped();
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    let article = || Some(ArticleRef { path: "article.txt".into(), ..bank.article.clone().unwrap() });

    // JSON to standard output: the same bank.
    let run = quorum_in(dir.path(), &["export", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let back = export::from_json(&run.stdout).unwrap();
    assert_eq!(back.questions, bank.questions);

    // CSV and GIFT to files: every question comes back by the importers.
    for (format, import) in [
        ("csv", spreadsheet::import as fn(&str, &str, &str, Option<ArticleRef>) -> spreadsheet::Imported),
        ("gift", gift::import),
    ] {
        let out = dir.path().join(format!("out.{format}"));
        let run = quorum_in(
            dir.path(),
            &["export", path.to_str().unwrap(), "--format", format, "--out", out.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{format}: {}", run.all());
        let text = std::fs::read_to_string(&out).unwrap();
        let imported = import("out", &text, "T", article());
        let back: Vec<&str> = imported.bank.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(back, ids, "{format}: {}", imported.summary());
    }
}

#[test]
fn new_writes_a_bank_that_checks_and_never_replaces_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let args = ["new", "mine.ron", "--article", "article.txt", "--title", "My bank"];
    let run = quorum_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.all());
    let path = dir.path().join("mine.ron");
    let written = std::fs::read(&path).unwrap();
    let checked = bank::check_file(&path);
    assert_eq!(checked.bank.as_ref().map(|b| b.title.as_str()), Some("My bank"), "{}", checked.report());
    assert!(checked.article.is_some(), "the bank names its article: {}", checked.report());

    // A second `new` on the same file refuses, and the file is untouched.
    let run = quorum_in(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("mine.ron already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), written);

    // An article that is not there.
    let run = quorum_in(dir.path(), &["new", "b.ron", "--article", "nope.txt", "--title", "T"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("cannot read the article nope.txt: no such file"), "{}", run.stderr);
    assert!(!dir.path().join("b.ron").exists());
}

#[test]
fn import_writes_a_checked_bank_and_keeps_the_old_one_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let template = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/templates/questions-template.csv");
    std::fs::copy(&template, dir.path().join("questions.csv")).unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let rows = spreadsheet::import("t", &std::fs::read_to_string(&template).unwrap(), "T", None);
    let n = rows.bank.questions.len();
    assert!(n > 0);

    let args = ["import", "questions.csv", "--out", "bank.ron", "--article", "article.txt"];
    let run = quorum_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains(&format!("imported {n} question")), "{}", run.stdout);
    let checked = bank::check_file(&dir.path().join("bank.ron"));
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert_eq!(checked.playable().unwrap().questions.len(), n);

    // Again: refused without --force; with it, the old bank is kept.
    std::fs::write(dir.path().join("bank.ron"), "my own work").unwrap();
    let run = quorum_in(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(dir.path().join("bank.ron")).unwrap(), "my own work");
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    let run = quorum_in(dir.path(), &forced);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read_to_string(dir.path().join("bank.ron.bak")).unwrap(), "my own work");
}

/// A session file in `data/sessions/` with each team's points on one question.
fn session_file(dir: &Path, session: &str, teams: &[(&str, u32)]) {
    let folder = dir.join("data/sessions");
    std::fs::create_dir_all(&folder).unwrap();
    let mut text = "session,date,bank,question_id,question,team,answer,correct,seconds,points\n".to_string();
    for (team, points) in teams {
        let correct = if *points > 0 { "yes" } else { "no" };
        text += &format!(
            "{session},2026-11-26 10:30,Bank,q,Who applies laws?,{team},Judges,{correct},2.0,{points}\n"
        );
    }
    std::fs::write(folder.join(format!("{session}_bank.csv")), text).unwrap();
}

#[test]
fn results_lists_sessions_and_prints_one_with_shared_places() {
    let dir = tempfile::tempdir().unwrap();
    let run = quorum_in(dir.path(), &["results"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("No classroom sessions yet"), "{}", run.stdout);

    session_file(dir.path(), "2026-11-26_10-00-00", &[("Team 1", 0), ("Team 2", 0)]);
    session_file(dir.path(), "2026-11-26_11-00-00", &[("Kererū", 900), ("Tūī", 900), ("Kōtare", 10)]);
    let run = quorum_in(dir.path(), &["results"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let line = |s: &str| run.stdout.lines().find(|l| l.starts_with(s)).unwrap_or_default().to_string();
    assert!(line("2026-11-26_10-00-00").ends_with("no one scored"), "{}", run.stdout);
    assert!(line("2026-11-26_11-00-00").ends_with("a tie: Kererū and Tūī (900 points)"), "{}", run.stdout);

    let run = quorum_in(dir.path(), &["results", "2026-11-26_11-00-00"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let places: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with("result:") && ["Kererū", "Tūī", "Kōtare"].iter().any(|t| l.contains(t)))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(places, ["=1st", "=1st", "3rd"], "{}", run.stdout);
    assert!(run.stdout.contains("result: a tie: Kererū and Tūī (900 points)"), "{}", run.stdout);

    let run = quorum_in(dir.path(), &["results", "1999-01-01_00-00-00"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("no session `1999-01-01_00-00-00`"), "{}", run.stderr);
}

#[test]
fn a_bad_argument_exits_2_naming_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 9] = [
        (&["--no-such-flag"], "unexpected argument '--no-such-flag'"),
        (&["check", "--no-such-flag"], "unexpected argument '--no-such-flag'"),
        (&["export", "--format", "pdf"], "invalid value 'pdf' for '--format <FORMAT>'"),
        (&["--seconds", "1"], "invalid value '1' for '--seconds <N>': 1 is not in 5..=240"),
        (&["--questions", "ten"], "invalid value 'ten' for '--questions <N>'"),
        (&["--size", "huge"], "write the size as WIDTHxHEIGHT"),
        (&["--frames", "3"], "--screenshot <OUT.png>"),
        (&["frobnicate", "x"], "unrecognized subcommand 'frobnicate'"),
        (&["import", "questions.csv"], "--out <OUT>"),
    ];
    for (args, names) in cases {
        let run = quorum_in(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.all());
        assert!(run.stderr.starts_with("error: "), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(names), "{args:?}: expected {names:?} in {}", run.stderr);
        assert!(run.stderr.contains("--help"), "{args:?}: says where help is: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    // Asking for help is not an error.
    let run = quorum_in(dir.path(), &["--help"]);
    assert_eq!(run.code, 0, "{}", run.all());
    for command in
        ["check", "stats", "export", "import", "new", "share", "draft", "edit", "review", "results"]
    {
        assert!(run.stdout.lines().any(|l| l.trim_start().starts_with(command)), "{command} is listed");
    }
}

#[test]
fn a_missing_file_is_a_clear_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["check", "gone.ron"], "gone.ron: error: cannot read the bank: no such file"),
        (
            &["stats", "gone.ron"],
            "cannot read the bank:\ngone.ron: error: cannot read the bank: no such file",
        ),
        (&["export", "gone.ron", "--format", "csv"], "gone.ron: error: cannot read the bank: no such file"),
        (
            &["import", "gone.csv", "--out", "b.ron"],
            "quorum: gone.csv: error: cannot read the file: no such file",
        ),
        (&["edit", "gone.ron"], "quorum: gone.ron does not exist; make one with `quorum new gone.ron"),
        (&["review", "gone.ron"], "gone.ron: error: cannot read the bank: no such file"),
    ];
    for (args, message) in cases {
        let run = quorum_in(dir.path(), args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.all());
        assert!(run.all().contains(message), "{args:?}: expected {message:?} in:\n{}", run.all());
    }
    assert!(!dir.path().join("b.ron").exists());
}

#[test]
fn export_then_import_gives_back_every_question_in_csv_and_gift() {
    let (dir, path) = bank_folder();
    let bank = shipped();
    for format in ["csv", "gift"] {
        let file = format!("questions.{format}");
        let run =
            quorum_in(dir.path(), &["export", path.to_str().unwrap(), "--format", format, "--out", &file]);
        assert_eq!(run.code, 0, "{format}: {}", run.all());
        let back = format!("back-{format}.ron");
        let run = quorum_in(dir.path(), &["import", &file, "--out", &back, "--article", "article.txt"]);
        assert_eq!(run.code, 0, "{format}: {}", run.all());
        let n = bank.questions.len();
        assert!(run.stdout.contains(&format!("imported {n} question")), "{format}: {}", run.stdout);
        let text = std::fs::read_to_string(dir.path().join(&back)).unwrap();
        let read = bank::load::parse(&back, &text).unwrap();
        assert_eq!(read.questions, bank.questions, "{format}: a field was lost on the way");
        // The bank written checks clean against the article.
        let run = quorum_in(dir.path(), &["check", &back]);
        assert_eq!(run.code, 0, "{format}: {}", run.all());
        assert!(run.stdout.contains(&format!("{n} questions, 0 errors")), "{format}: {}", run.stdout);
    }
}

#[test]
fn review_writes_the_core_sheet_to_a_file_or_standard_output() {
    let (dir, path) = bank_folder();
    let checked = bank::check_file(&path);
    let sheet = bank::review::sheet(
        checked.bank.as_ref().unwrap(),
        checked.article.as_ref(),
        &checked.diagnostics,
        &checked.file,
    );
    let run = quorum_in(dir.path(), &["review", path.to_str().unwrap(), "--out", "sheet.html"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let n = shipped().questions.len();
    assert!(
        run.stdout.contains(&format!("wrote sheet.html: {n} questions to check, 0 error(s)")),
        "{}",
        run.stdout
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("sheet.html")).unwrap(), sheet);
    let run = quorum_in(dir.path(), &["review", path.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.stdout, sheet, "standard output holds the sheet and nothing else");

    // A bank with errors still gets its sheet: those are the ones to look at.
    let broken = malformed("answer-not-a-choice.ron");
    let run = quorum_in(dir.path(), &["review", &broken, "--out", "broken.html"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("1 error(s)"), "{}", run.stdout);
    // One that can't be read at all is a message, and nothing is written.
    let run = quorum_in(dir.path(), &["review", &malformed("missing-comma.ron"), "--out", "none.html"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains("cannot read the bank") && run.stderr.contains("expected a comma"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("none.html").exists());
}

#[test]
fn draft_writes_a_bank_of_drafts_that_loads_and_never_replaces_one_unasked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let args = ["draft", "article.txt", "--out", "drafted.ron", "--title", "Drafted"];
    let run = quorum_in(dir.path(), &args);
    assert_eq!(run.code, 0, "{}", run.all());
    let path = dir.path().join("drafted.ron");
    let checked = bank::check_file(&path);
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    let drafted = checked.bank.as_ref().unwrap();
    assert_eq!(drafted.title, "Drafted");
    assert!(!drafted.questions.is_empty());
    assert!(drafted.questions.iter().all(|q| q.draft), "every drafted question is marked for review");
    let n = drafted.questions.len();
    assert!(run.stdout.contains(&format!("wrote drafted.ron with {n} draft question")), "{}", run.stdout);

    // Again: refused without --force, the teacher's file untouched.
    std::fs::write(&path, "reviewed by hand").unwrap();
    let run = quorum_in(dir.path(), &args);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("drafted.ron already exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "reviewed by hand");
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    let run = quorum_in(dir.path(), &forced);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(std::fs::read_to_string(dir.path().join("drafted.ron.bak")).unwrap(), "reviewed by hand");

    // Articles it can't draft from: a sentence each, nothing written.
    std::fs::write(dir.path().join("empty.txt"), "  \n").unwrap();
    std::fs::write(dir.path().join("latin1.txt"), b"Caf\xe9 society\n").unwrap();
    for (article, message) in [
        ("gone.txt", "cannot read the article gone.txt: no such file"),
        ("empty.txt", "the article empty.txt is empty"),
        ("latin1.txt", "cannot read the article latin1.txt"),
    ] {
        let run = quorum_in(dir.path(), &["draft", article, "--out", "x.ron"]);
        assert_eq!(run.code, 1, "{article}: {}", run.all());
        assert!(run.stderr.contains(message), "{article}: expected {message:?} in {}", run.stderr);
        assert!(!dir.path().join("x.ron").exists());
    }
}

#[test]
fn share_writes_one_file_that_exports_the_same_questions() {
    let (dir, path) = bank_folder();
    let run = quorum_in(dir.path(), &["share", path.to_str().unwrap(), "--out", "bank.quorum"]);
    assert_eq!(run.code, 0, "{}", run.all());
    // Alone in another folder, the shared file is the whole bank.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("bank.quorum"), elsewhere.path().join("bank.quorum")).unwrap();
    let run = quorum_in(elsewhere.path(), &["export", "bank.quorum", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(export::from_json(&run.stdout).unwrap().questions, shipped().questions);
    // A bank whose article is missing can't be shared: said, and no file.
    std::fs::remove_file(dir.path().join("article.txt")).unwrap();
    let run = quorum_in(dir.path(), &["share", path.to_str().unwrap(), "--out", "again.quorum"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("article.txt"), "the message names the article: {}", run.stderr);
    assert!(!dir.path().join("again.quorum").exists());
}

#[test]
fn a_screenshot_not_named_png_is_refused_before_any_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let run = quorum_in(dir.path(), &["--screenshot", "shot.jpg", "--frames", "1"]);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("--screenshot shot.jpg: the screenshot is saved as PNG"), "{}", run.stderr);
    assert!(!dir.path().join("shot.jpg").exists());
}

//! The real `quorum` binary on the files a teacher brings and keeps: it
//! imports a file as the core's `import_file` does (whatever the file's
//! name), shares a bank as one `.quorum` file that `check`, `stats` and
//! `export` open, and makes a bank without an article.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use quorum_core::bank::import::import_file;
use quorum_core::bank::{builtin, load};

fn quorum(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_quorum")).args(args).current_dir(dir).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/quorum-core/tests/fixtures/import").join(name)
}

const KAHOOT_CSV: &str = ",Quiz template,,,,,,\n\
,\"Add questions, at least two answer alternatives, time limit and choose correct answers (at least one).\",,,,,,\n\
,,,,,,,\n\
,Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,Answer 3 - max 75 characters,Answer 4 - max 75 characters,\"Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs\",Correct answer(s) - choose at least one\n\
1,Who applies the laws?,Ministers,Judges,,,20,2\n\
2,Which are branches?,Parliament,The courts,A newspaper,,60,\"1,2\"\n";

#[test]
fn import_writes_what_import_file_reads_whatever_the_files_name() {
    let dir = tempfile::tempdir().unwrap();
    let kahoot = dir.path().join("kahoot.csv");
    std::fs::write(&kahoot, KAHOOT_CSV).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (fixture("tricky.gift"), "moodle.txt"),
        (fixture("tricky.gift"), "moodle.gift"),
        (fixture("newlines-quotes.csv"), "sheet.txt"),
        (fixture("newlines-quotes.csv"), "sheet.csv"),
        (kahoot.clone(), "kahoot.txt"),
    ];
    for (source, name) in cases {
        let input = dir.path().join(name);
        std::fs::copy(&source, &input).unwrap();
        let out = dir.path().join(format!("{name}.ron"));
        let o = quorum(&["import", name, "--out", out.to_str().unwrap()], dir.path());
        assert!(o.status.success(), "{name}: {}{}", stdout(&o), String::from_utf8_lossy(&o.stderr));
        let core = import_file(&input).unwrap();
        let written = load::parse(name, &std::fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(written.questions, core.imported.bank.questions, "{name}: the CLI and the core disagree");
        assert!(stdout(&o).contains(&core.imported.summary()), "{name}: {}", stdout(&o));
        assert!(stdout(&o).contains(core.format.name()), "{}", stdout(&o));
    }
    // A file of no known kind: a message and exit status 1, nothing written.
    std::fs::write(dir.path().join("notes.txt"), "Just notes.\n").unwrap();
    let o = quorum(&["import", "notes.txt", "--out", "notes.ron"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot tell what this file is"));
    assert!(!dir.path().join("notes.ron").exists());
}

#[test]
fn a_shared_bank_is_one_file_that_check_stats_and_export_open() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("articles")).unwrap();
    std::fs::create_dir_all(dir.path().join("banks")).unwrap();
    std::fs::write(dir.path().join("articles/nz-cannabis-decriminalisation.txt"), builtin::ARTICLE_TEXT)
        .unwrap();
    std::fs::write(dir.path().join("banks/cannabis.ron"), builtin::BANK_RON).unwrap();
    let o = quorum(&["share", "banks/cannabis.ron", "--out", "cannabis.quorum"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(stdout(&o).contains("its article nz-cannabis-decriminalisation.txt"), "{}", stdout(&o));
    // Sharing again does not replace it without --force.
    let o = quorum(&["share", "banks/cannabis.ron", "--out", "cannabis.quorum"], dir.path());
    assert_eq!(o.status.code(), Some(1));
    // The colleague has only the one file.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(dir.path().join("cannabis.quorum"), elsewhere.path().join("cannabis.quorum")).unwrap();
    let o = quorum(&["check", "cannabis.quorum"], elsewhere.path());
    assert!(o.status.success(), "{}", stdout(&o));
    let questions = builtin::check().bank.unwrap().questions.len();
    assert!(
        stdout(&o).contains(&format!("{questions} questions, 0 errors, 0 warnings; {questions} playable")),
        "{}",
        stdout(&o)
    );
    let o = quorum(&["stats", "cannabis.quorum"], elsewhere.path());
    assert!(o.status.success());
    assert!(stdout(&o).contains(&format!("{questions} questions")));
    let o = quorum(&["export", "cannabis.quorum", "--format", "json"], elsewhere.path());
    assert!(o.status.success());
    assert!(stdout(&o).contains("\"WhoSaidIt\""));
    // A damaged package: a clear message and status 1.
    std::fs::write(elsewhere.path().join("broken.quorum"), b"PK\x03\x04 half a file").unwrap();
    let o = quorum(&["check", "broken.quorum"], elsewhere.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("this shared bank is damaged"), "{}", stdout(&o));
}

#[test]
fn a_new_bank_without_an_article_checks_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let o = quorum(&["new", "branches.ron", "--title", "Three branches"], dir.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = quorum(&["check", "branches.ron"], dir.path());
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(stdout(&o).contains("note: this bank has no article"), "{}", stdout(&o));
    assert!(stdout(&o).contains("0 errors"), "{}", stdout(&o));
}

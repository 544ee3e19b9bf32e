//! The shipped bank, the corpus of malformed banks, and the JSON round trip.

use std::path::{Path, PathBuf};

use quorum_core::bank::{self, Difficulty, Position, QuestionKind, builtin, export};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

#[test]
fn the_shipped_bank_has_no_errors() {
    let checked = builtin::check();
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert_eq!(checked.warnings(), 0, "{}", checked.report());
    let bank = checked.playable().expect("playable");
    assert!(bank.questions.len() >= 30, "only {} questions", bank.questions.len());
}

#[test]
fn the_shipped_bank_on_disk_is_the_built_in_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(builtin::BANK_PATH);
    let on_disk = bank::check_file(&path);
    assert_eq!(on_disk.errors(), 0, "{}", on_disk.report());
    assert_eq!(on_disk.bank, builtin::check().bank);
}

#[test]
fn the_shipped_bank_mixes_every_kind_and_difficulty() {
    let bank = builtin::check().bank.unwrap();
    let stats = bank::stats::Stats::of(&bank);
    for (kind, n) in &stats.by_kind {
        assert!(*n >= 3, "only {n} {kind} questions");
    }
    for d in Difficulty::ALL {
        assert!(stats.by_difficulty[&d] >= 5, "only {} {} questions", stats.by_difficulty[&d], d.name());
    }
}

#[test]
fn the_shipped_bank_covers_every_figure_in_the_article() {
    let bank = builtin::check().bank.unwrap();
    let asked: Vec<String> = bank
        .questions
        .iter()
        .flat_map(|q| match &q.kind {
            QuestionKind::Figure { answer, .. } => bank::provenance::numbers_in(answer),
            QuestionKind::Estimate { answer, .. } => vec![bank::provenance::canonical_number(*answer)],
            _ => bank::provenance::numbers_in(&format!("{} {}", q.prompt(), q.answer_text())),
        })
        .collect();
    for figure in bank::provenance::numbers_in(builtin::ARTICLE_TEXT) {
        // The article abbreviates 2011 as '11.
        let figure = if figure == "11" { "2011".to_string() } else { figure };
        assert!(asked.contains(&figure), "no question asks about the figure {figure}");
    }
}

#[test]
fn the_shipped_bank_quotes_every_speaker() {
    let bank = builtin::check().bank.unwrap();
    for person in ["Chlöe Swarbrick", "Andrew Little"] {
        let quoted = bank
            .questions
            .iter()
            .filter(|q| matches!(q.kind, QuestionKind::WhoSaidIt { .. }) && q.speaker() == Some(person))
            .count();
        assert!(quoted >= 3, "{person} is the answer to only {quoted} who-said-it questions");
    }
}

/// One line of `expected.txt`: `FILE<TAB>LINE:COL<TAB>text the message contains`.
struct Expectation {
    file: String,
    position: Option<Position>,
    message: String,
}

fn expectations() -> Vec<Expectation> {
    let text = std::fs::read_to_string(fixtures().join("expected.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|line| {
            let mut parts = line.split('\t');
            let file = parts.next().unwrap().to_string();
            let position = parts.next().unwrap();
            let message = parts.next().unwrap_or_else(|| panic!("no message in {line:?}")).to_string();
            let position = (position != "-").then(|| {
                let (l, c) = position.split_once(':').unwrap();
                Position { line: l.parse().unwrap(), col: c.parse().unwrap() }
            });
            Expectation { file, position, message }
        })
        .collect()
}

#[test]
fn every_malformed_bank_reports_its_error_at_its_position() {
    let expected = expectations();
    assert!(expected.len() >= 15);
    let mut listed: Vec<String> = expected.iter().map(|e| e.file.clone()).collect();
    listed.sort();
    listed.dedup();
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk, "every fixture needs an expectation, and every expectation a fixture");

    for e in &expected {
        let checked = bank::check_file(&fixtures().join(&e.file));
        assert!(checked.errors() > 0, "{}: expected an error, got none", e.file);
        let found = checked
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.position == e.position && d.message.contains(&e.message));
        assert!(
            found,
            "{}: expected an error at {:?} containing {:?}, got:\n{}",
            e.file,
            e.position,
            e.message,
            checked.report()
        );
    }
}

#[test]
fn syntax_errors_show_the_line_and_a_caret() {
    let checked = bank::check_file(&fixtures().join("unknown-field.ron"));
    let report = checked.report();
    let mut lines = report.lines();
    let headline = lines.next().unwrap();
    assert!(
        headline.starts_with(&format!("{}:", fixtures().join("unknown-field.ron").display())),
        "{headline}"
    );
    assert!(headline.contains(": error: unknown field `anwser`"), "{headline}");
    assert!(headline.contains("answer"), "the allowed fields are listed: {headline}");
    assert!(report.contains("anwser: \"Judges\""), "{report}");
    assert!(report.contains("^"), "{report}");
}

#[test]
fn json_round_trip_gives_the_same_bank() {
    let bank = builtin::check().bank.unwrap();
    let json = export::to_json(&bank);
    assert!(json.contains("\"WhoSaidIt\""));
    assert!(json.contains("\"explanation\""));
    let back = export::from_json(&json).unwrap();
    assert_eq!(back, bank);
}

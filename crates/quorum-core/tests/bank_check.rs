//! The shipped bank, the corpus of malformed banks, and the JSON round trip.

use std::path::{Path, PathBuf};

use quorum_core::bank::{self, Difficulty, Position, QuestionKind, builtin, export};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/malformed")
}

fn warning_fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warnings")
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

fn expectations_in(folder: &Path) -> Vec<Expectation> {
    let text = std::fs::read_to_string(folder.join("expected.txt")).unwrap();
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

/// The expectations of a fixture folder, checked to name every bank in it.
fn expectations_for_every_fixture(folder: &Path) -> Vec<Expectation> {
    let expected = expectations_in(folder);
    let mut listed: Vec<String> = expected.iter().map(|e| e.file.clone()).collect();
    listed.sort();
    listed.dedup();
    let mut on_disk: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    on_disk.sort();
    assert_eq!(listed, on_disk, "every fixture needs an expectation, and every expectation a fixture");
    expected
}

#[test]
fn every_malformed_bank_reports_its_error_at_its_position() {
    let expected = expectations_for_every_fixture(&fixtures());
    assert!(expected.len() >= 15);

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
fn every_warning_bank_warns_at_its_position_and_still_plays() {
    let expected = expectations_for_every_fixture(&warning_fixtures());
    assert!(expected.len() >= 5);
    for e in &expected {
        let checked = bank::check_file(&warning_fixtures().join(&e.file));
        assert_eq!(
            checked.errors(),
            0,
            "{}: a warning rule must not stop play:\n{}",
            e.file,
            checked.report()
        );
        let found = checked
            .diagnostics
            .iter()
            .any(|d| !d.is_error() && d.position == e.position && d.message.contains(&e.message));
        assert!(
            found,
            "{}: expected a warning at {:?} containing {:?}, got:\n{}",
            e.file,
            e.position,
            e.message,
            checked.report()
        );
        assert_eq!(checked.playable().unwrap().questions.len(), 1);
    }
}

#[test]
fn the_shipped_bank_keeps_outside_facts_out_of_its_explanations() {
    let bank = builtin::check().bank.unwrap();
    for q in &bank.questions {
        assert!(
            !q.explanation.to_lowercase().contains("background:"),
            "{}: the explanation mixes in an outside fact",
            q.id
        );
    }
}

#[test]
fn every_background_in_the_shipped_bank_has_a_cite() {
    let bank = builtin::check().bank.unwrap();
    let backgrounds: Vec<_> =
        bank.questions.iter().filter_map(|q| q.background.as_ref().map(|b| (q, b))).collect();
    assert!(backgrounds.len() >= 10, "only {} questions have background", backgrounds.len());
    for (q, b) in backgrounds {
        assert!(!b.text.trim().is_empty(), "{}: empty background", q.id);
        let cite = b.cite.as_deref().unwrap_or_default().trim();
        assert!(cite.len() > 20, "{}: the background has no cite", q.id);
    }
}

#[test]
fn no_figure_in_the_shipped_bank_offers_a_choice_its_answer_makes_true() {
    let bank = builtin::check().bank.unwrap();
    for q in &bank.questions {
        let QuestionKind::Figure { choices, answer, .. } = &q.kind else { continue };
        let Some(bound) = bank::bound::Bound::parse(answer) else { continue };
        for c in choices.iter().filter(|c| *c != answer) {
            assert!(
                !bank::bound::Bound::parse(c).is_some_and(|other| bound.implies(&other)),
                "{}: {c}",
                q.id
            );
        }
    }
}

#[test]
fn the_shipped_bank_asks_what_the_fact_check_found_uncovered() {
    let bank = builtin::check().bank.unwrap();
    // Each is the right answer of a question, not only words in some source.
    let answered =
        |words: &str| bank.questions.iter().any(|q| q.answer_text().to_lowercase().contains(words));
    assert!(answered("highly specific"), "Swarbrick called the referendum \"highly specific\"");
    assert!(answered("dramatic moves in the united states"), "the call follows US moves");
    let article = bank.article.as_ref().expect("the built-in bank names its article");
    let title = &article.title;
    assert!(article.title_supplied && !title.to_lowercase().contains("renew"), "{title}");
}

#[test]
fn the_example_in_the_format_docs_checks_clean() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/bank-format.md");
    let docs = std::fs::read_to_string(docs).unwrap();
    let example =
        docs.split("```ron\n").nth(1).and_then(|rest| rest.split("```").next()).expect("a ron example");
    let checked = bank::check_bytes("example.ron", example.as_bytes(), |path| {
        assert_eq!(path, builtin::ARTICLE_PATH);
        Ok(builtin::ARTICLE_TEXT.to_string())
    });
    assert_eq!((checked.errors(), checked.warnings()), (0, 0), "{}", checked.report());
    assert!(checked.bank.unwrap().questions.iter().any(|q| q.background.is_some()), "it shows a background");
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

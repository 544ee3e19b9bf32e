//! Importing spreadsheets and Moodle GIFT files, and round trips through
//! every format Quorum writes.

use std::path::{Path, PathBuf};

use quorum_core::bank::model::{ArticleRef, Background, QuestionKind};
use quorum_core::bank::{builtin, export, gift, load, spreadsheet, write};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn article() -> Option<ArticleRef> {
    Some(ArticleRef {
        path: "../../../../../assets/articles/nz-cannabis-decriminalisation.txt".into(),
        title: "Greens call".into(),
        title_supplied: true,
        publisher: None,
        date: None,
    })
}

#[test]
fn tricky_gift_imports_what_quorum_can_play_and_names_the_rest() {
    let text = std::fs::read_to_string(fixture("tricky.gift")).unwrap();
    let imported = gift::import("tricky.gift", &text, "T", article());
    let ids: Vec<&str> = imported.bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "referendum-result",
            "escapes-all-of-them",
            "tf-little",
            "charges-fell-by",
            "teen-use-range",
            "which-party-called-for-decriminalisation"
        ]
    );
    let q = &imported.bank.questions;
    // Categories become topics (their last part).
    assert_eq!(q[0].topic, "The referendum");
    assert_eq!(q[3].topic, "Figures");
    // Right-answer feedback and general feedback make the explanation.
    assert_eq!(
        q[0].explanation,
        "A referendum is decided by a simple majority. Right: 50.7 percent voted against."
    );
    // Escapes are undone.
    match &q[1].kind {
        QuestionKind::MultipleChoice { prompt, choices, answer } => {
            assert_eq!(prompt, "Which of these is written with special characters { } ~ = # ?");
            assert_eq!(choices, &["a ~ b", "c = d # e", "f {g}"]);
            assert_eq!(answer, "c = d # e");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(q[2].kind, QuestionKind::TrueFalse { answer: true, .. }));
    assert_eq!(q[2].explanation, "Yes: he said so in a tweet.");
    match q[3].kind {
        QuestionKind::Estimate { answer, tolerance, min, max, step, .. } => {
            assert_eq!((answer, tolerance), (64.0, 5.0));
            assert!(min < answer && answer < max && ((answer - min) / step).fract() == 0.0);
        }
        ref other => panic!("{other:?}"),
    }
    // A range becomes its midpoint and half-width.
    assert!(matches!(q[4].kind, QuestionKind::Estimate { answer: 80.0, tolerance: 5.0, .. }));
    // HTML is stripped from the question text.
    assert_eq!(q[5].prompt(), "Which party called for decriminalisation?");
    // Four kinds Quorum cannot play are skipped, each named with its line.
    let summary = imported.summary();
    assert!(summary.starts_with("imported 6 questions, skipped 4: "), "{summary}");
    for (line, kind) in [(28, "essay"), (30, "matching"), (35, "missing-word"), (37, "short-answer")] {
        assert!(
            summary.contains(&format!("line {line} (an {kind} question"))
                || summary.contains(&format!("line {line} (a {kind} question")),
            "{summary}"
        );
    }
    // Nothing has a source, so every question is flagged.
    assert_eq!(imported.problems.iter().filter(|d| d.message.starts_with("no source")).count(), 6);
}

#[test]
fn csv_with_semicolons_and_a_bom_imports() {
    let text = std::fs::read_to_string(fixture("semicolons-bom.csv")).unwrap();
    let imported = spreadsheet::import("s.csv", &text, "T", article());
    assert!(imported.skipped.is_empty(), "{:?}", imported.problems);
    assert_eq!(imported.bank.questions.len(), 2);
    assert_eq!(imported.bank.questions[0].id, "who-applies");
    assert_eq!(imported.bank.questions[0].answer_text(), "Judges");
    assert_eq!(imported.bank.questions[0].speaker.as_deref(), Some("Andrew Little"));
    assert!(matches!(imported.bank.questions[1].kind, QuestionKind::TrueFalse { answer: true, .. }));
}

#[test]
fn csv_with_line_breaks_quotes_and_macrons_imports() {
    let text = std::fs::read_to_string(fixture("newlines-quotes.csv")).unwrap();
    let imported = spreadsheet::import("n.csv", &text, "T", article());
    assert_eq!(imported.bank.questions.len(), 2);
    let ardent = &imported.bank.questions[0];
    assert_eq!(ardent.explanation, "She said it after the result:\n\"highly specific\" and narrow.");
    assert_eq!(ardent.source.len(), 2, "a line break in the cell separates sources");
    assert_eq!(ardent.speaker(), Some("Chlöe Swarbrick"));
    assert_eq!(ardent.time_limit, Some(30));
    assert!(imported.bank.questions[1].explanation.contains("te reo Māori"));
    // The third row's answer is not a number: skipped, with its line.
    assert_eq!(imported.skipped, ["line 6 (`answer` must be a number, not \"eighty\")"]);
}

#[test]
fn imported_questions_pass_the_same_checks_as_a_bank() {
    // The CSV fixtures quote the real article: their questions check clean.
    let text = std::fs::read_to_string(fixture("newlines-quotes.csv")).unwrap();
    let imported = spreadsheet::import("n.csv", &text, "T", article());
    let ron = write::to_ron(&imported.bank, &Default::default());
    let path = fixture("imported.ron");
    let checked = quorum_core::bank::check_bytes(&path.display().to_string(), ron.as_bytes(), |a| {
        quorum_core::bank::read_text(&quorum_core::bank::article_path(&path, a))
    });
    assert_eq!(checked.errors(), 0, "{}", checked.report());
}

#[test]
fn round_trips_keep_every_field_each_format_carries() {
    let bank = builtin::check().bank.unwrap();
    assert!(
        bank.questions.iter().filter(|q| q.background.is_some()).count() >= 10,
        "the backgrounds are carried too"
    );
    // Bank -> CSV -> bank: every question field.
    let csv = spreadsheet::export(&bank);
    assert_eq!(
        spreadsheet::import("x.csv", &csv, &bank.title, bank.article.clone()).bank.questions,
        bank.questions
    );
    // Bank -> GIFT -> bank: every question field, through `// quorum` lines.
    let g = gift::export(&bank);
    assert_eq!(gift::import("x.gift", &g, &bank.title, bank.article.clone()).bank.questions, bank.questions);
    // Bank -> RON -> bank: the whole bank.
    let ron = write::to_ron(&bank, &Default::default());
    assert_eq!(load::parse("x.ron", &ron).unwrap(), bank);
}

#[test]
fn a_background_survives_every_format_even_with_line_breaks_and_no_cite() {
    let mut bank = builtin::check().bank.unwrap();
    bank.questions[0].background = Some(Background {
        text: "Two lines:\nthe second, with a backslash \\ and {braces} ~ = # : \"quotes\".".into(),
        cite: None,
    });
    bank.questions[1].background =
        Some(Background { text: String::new(), cite: Some("A cite kept even without text".into()) });
    let csv = spreadsheet::export(&bank);
    assert_eq!(
        spreadsheet::import("x.csv", &csv, &bank.title, bank.article.clone()).bank.questions,
        bank.questions
    );
    let g = gift::export(&bank);
    assert_eq!(gift::import("x.gift", &g, &bank.title, bank.article.clone()).bank.questions, bank.questions);
    let ron = write::to_ron(&bank, &Default::default());
    assert_eq!(load::parse("x.ron", &ron).unwrap(), bank);
    assert_eq!(export::from_json(&export::to_json(&bank)).unwrap(), bank);
}

#[test]
fn a_bank_written_before_background_existed_still_loads() {
    let old = builtin::BANK_RON
        .lines()
        .scan(false, |inside, line| {
            // Drop every `background: Background(...)` block, as an older bank has none.
            let starts = line.trim_start().starts_with("background: Background(");
            let keep = !*inside && !starts;
            *inside = (*inside || starts) && line.trim() != "),";
            Some(keep.then_some(line))
        })
        .flatten()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!old.contains("Background("));
    let bank = load::parse("old.ron", &old).unwrap();
    assert!(bank.questions.iter().all(|q| q.background.is_none()));
    assert_eq!(bank.questions.len(), builtin::check().bank.unwrap().questions.len());
}

#[test]
fn the_spreadsheet_template_imports_every_kind_and_checks_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/templates/questions-template.csv");
    let text = std::fs::read_to_string(path).unwrap();
    let imported = spreadsheet::import("template.csv", &text, "T", article());
    assert!(imported.skipped.is_empty(), "{:?}", imported.problems);
    let mut kinds: Vec<&str> = imported.bank.questions.iter().map(|q| q.kind_name()).collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 5, "one example of each kind");
    assert!(imported.bank.questions.iter().any(|q| q.background.as_ref().is_some_and(|b| b.cite.is_some())));
    let ron = write::to_ron(&imported.bank, &Default::default());
    let checked = quorum_core::bank::check_bytes("template.ron", ron.as_bytes(), |_| {
        Ok(builtin::ARTICLE_TEXT.to_string())
    });
    assert_eq!((checked.errors(), checked.warnings()), (0, 0), "{}", checked.report());
}

/// `import_file` tells a file by what it holds: renamed, it imports the same.
#[test]
fn import_file_gives_the_same_questions_whatever_the_files_name() {
    use quorum_core::bank::import::{Format, import_file};
    let dir = tempfile::tempdir().unwrap();
    for (file, format, names) in [
        ("tricky.gift", Format::Gift, ["q.gift", "q.txt", "q"]),
        ("newlines-quotes.csv", Format::QuorumSheet, ["q.csv", "q.txt", "q"]),
        ("semicolons-bom.csv", Format::QuorumSheet, ["q.csv", "q.txt", "q.dat"]),
    ] {
        let bytes = std::fs::read(fixture(file)).unwrap();
        let mut results = Vec::new();
        for name in names {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let imported = import_file(&path).unwrap();
            assert_eq!(imported.format, format, "{file} named {name}");
            assert!(imported.imported.bank.article.is_none());
            results.push((imported.imported.bank.questions, imported.imported.skipped));
        }
        assert!(!results[0].0.is_empty(), "{file}");
        assert!(results.windows(2).all(|w| w[0] == w[1]), "{file} imports differently under another name");
        // The same questions as the format's own import.
        let text = String::from_utf8(bytes).unwrap();
        let direct = match format {
            Format::Gift => gift::import(file, &text, "T", None),
            _ => spreadsheet::import(file, &text, "T", None),
        };
        assert_eq!(results[0].0, direct.bank.questions);
    }
}

#[test]
fn a_file_of_no_known_format_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "Questions for Friday\nWho applies the laws?\n").unwrap();
    let e = quorum_core::bank::import::import_file(&path).unwrap_err();
    assert!(e.message.contains("cannot tell what this file is"), "{}", e.message);
    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"kind,answer\nmc,Chl\xF6e\n").unwrap();
    let e = quorum_core::bank::import::import_file(&latin1).unwrap_err();
    assert_eq!(e.position.unwrap().line, 2);
    assert!(e.help.unwrap().contains("UTF-8"));
}

#[test]
fn drafts_and_their_notes_survive_every_format() {
    let mut bank = builtin::check().bank.unwrap();
    for (i, q) in bank.questions.iter_mut().enumerate().filter(|(i, _)| i % 3 == 0) {
        q.draft = true;
        if i % 2 == 0 {
            q.draft_note = Some(format!("uncertain speaker: \"She\" could be A or B ({i})"));
        }
    }
    let ron = write::to_ron(&bank, &Default::default());
    assert!(ron.contains("draft: true,") && ron.contains("draft_note: "));
    assert_eq!(load::parse("d.ron", &ron).unwrap().questions, bank.questions, "RON");
    let json = quorum_core::bank::export::to_json(&bank);
    assert_eq!(quorum_core::bank::export::from_json(&json).unwrap().questions, bank.questions, "JSON");
    let csv = spreadsheet::import("d.csv", &spreadsheet::export(&bank), "T", article());
    assert_eq!(csv.bank.questions, bank.questions, "CSV");
    let gift = gift::import("d.gift", &gift::export(&bank), "T", article());
    assert_eq!(gift.bank.questions, bank.questions, "GIFT");
    // A question that is not a draft writes neither field: older readers see no change.
    let plain = builtin::check().bank.unwrap();
    assert!(!write::to_ron(&plain, &Default::default()).contains("draft"));
}

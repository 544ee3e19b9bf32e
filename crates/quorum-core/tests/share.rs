//! Banks without an article, and banks shared as one `.quorum` file: what
//! `check_file` (and so `quorum check` and the game) makes of them.

use std::io::Write;
use std::path::Path;

use quorum_core::bank::{self, Severity, builtin, share};

const NO_ARTICLE: &str = r#"// A revision quiz: from no one article.
Bank(
    title: "Three branches",
    questions: [
        MultipleChoice(
            id: "who-applies",
            topic: "Courts",
            difficulty: Easy,
            prompt: "Who applies the laws Parliament passes?",
            choices: ["Judges", "Ministers"],
            answer: "Judges",
            explanation: "",
        ),
        TrueFalse(
            id: "ministers-interfere",
            topic: "Courts",
            difficulty: Medium,
            statement: "Ministers decide court cases.",
            answer: false,
            explanation: "Judges decide cases; ministers do not interfere in those decisions.",
        ),
    ],
)
"#;

#[test]
fn a_bank_without_an_article_plays_everything_and_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("branches.ron");
    std::fs::write(&path, NO_ARTICLE).unwrap();
    let checked = bank::check_file(&path);
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert_eq!(checked.playable().unwrap().questions.len(), 2, "every question plays");
    let notes: Vec<_> = checked.diagnostics.iter().filter(|d| d.severity == Severity::Note).collect();
    assert_eq!(notes.len(), 1, "{}", checked.report());
    assert!(notes[0].question.is_none(), "said of the bank, not of a question");
    assert!(notes[0].message.contains("not checked against a source"));
    // No question is flagged for lacking a source: the note says it once.
    assert!(!checked.report().contains("no `source`"), "{}", checked.report());
    // Without an article, an empty explanation is a warning, not an error.
    assert_eq!(checked.warnings(), 1, "{}", checked.report());
}

#[test]
fn older_banks_with_an_article_load_unchanged() {
    let checked = builtin::check();
    assert_eq!(checked.errors() + checked.warnings() + checked.notes(), 0, "{}", checked.report());
    assert!(checked.bank.unwrap().article.is_some());
}

#[test]
fn a_bank_without_an_article_shares_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("branches.ron");
    std::fs::write(&path, NO_ARTICLE).unwrap();
    let out = dir.path().join("branches.quorum");
    let shared = share::write_package(&path, &out).unwrap();
    assert_eq!(shared.article_entry, None);
    let checked = bank::check_file(&out);
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert_eq!(checked.text, NO_ARTICLE, "the bank travels byte for byte");
    assert_eq!(checked.notes(), 1);
}

fn package(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_package_without_the_article_its_bank_names_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lost.quorum");
    let bank_text = builtin::BANK_RON.replace(builtin::ARTICLE_PATH, "article.txt");
    std::fs::write(&path, package(&[("bank.ron", &bank_text), ("other.txt", "Something else.")])).unwrap();
    let checked = bank::check_file(&path);
    assert!(checked.playable().is_none(), "a bank whose article is missing cannot be checked, so not played");
    let error = checked.bank_errors().next().unwrap();
    assert!(error.message.contains("cannot read the article \"article.txt\""), "{}", error.message);
    assert!(error.message.contains("does not hold it"), "{}", error.message);
    // The same package with its article plays.
    std::fs::write(&path, package(&[("bank.ron", &bank_text), ("article.txt", builtin::ARTICLE_TEXT)]))
        .unwrap();
    let checked = bank::check_file(&path);
    assert_eq!(checked.errors(), 0, "{}", checked.report());
}

#[test]
fn a_package_with_no_bank_or_two_is_damaged() {
    for entries in [vec![("article.txt", "Text.")], vec![("a.ron", NO_ARTICLE), ("b.ron", NO_ARTICLE)]] {
        let checked = share::check_package("x.quorum", &package(&entries));
        assert!(checked.bank.is_none());
        assert!(checked.report().contains("this shared bank is damaged"), "{}", checked.report());
    }
}

#[test]
fn sharing_a_bank_that_does_not_read_or_whose_article_is_missing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "Bank(title: ").unwrap();
    let out = dir.path().join("out.quorum");
    let e = share::write_package(&broken, &out).unwrap_err();
    assert!(e.contains("cannot be shared yet"), "{e}");
    let orphan = dir.path().join("orphan.ron");
    std::fs::write(&orphan, builtin::BANK_RON).unwrap();
    let e = share::write_package(&orphan, &out).unwrap_err();
    assert!(e.contains("cannot read the article"), "{e}");
    assert!(!out.exists(), "nothing is written when sharing fails");
    assert!(!Path::new(&out).with_extension("quorum.bak").exists());
}

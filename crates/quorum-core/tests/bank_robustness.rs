//! No input panics the loader: arbitrary bytes, mutated and truncated banks,
//! deep nesting, huge files, odd encodings.

use proptest::prelude::*;
use quorum_core::bank::{self, builtin};

const ARTICLE: &str = builtin::ARTICLE_TEXT;

/// Checks bytes as a bank against the shipped article. Must never panic.
fn check(bytes: &[u8]) -> bank::Checked {
    let checked = bank::check_bytes("fuzz.ron", bytes, |_| Ok(ARTICLE.to_string()));
    // Rendering every diagnostic must not panic either.
    let _ = checked.report();
    let _ = checked.playable();
    checked
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Replace { at: usize, byte: u8 },
    Duplicate { at: usize, len: usize },
    Truncate { at: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0usize..20_000;
    prop_oneof![
        (at.clone(), 1usize..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (
            at.clone(),
            prop::sample::select(vec![
                "(",
                ")",
                "[",
                "]",
                "{",
                "}",
                "\"",
                ",",
                ":",
                "//",
                "/*",
                "r#\"",
                "\\",
                "'",
                "None",
                "Some(",
                "-1",
                "1e999",
                "NaN",
                "inf",
                "true",
                "Easy",
                "MultipleChoice(",
                "\u{FEFF}",
                "\r\n",
                "é",
                "\u{0}",
            ])
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text: text.to_string() }),
        (at.clone(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        (at.clone(), 1usize..400).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match m {
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Insert { at, text } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, text.bytes());
        }
        Mutation::Replace { at, byte } => {
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = *byte;
            }
        }
        Mutation::Duplicate { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            let slice: Vec<u8> = bytes[at.min(end)..end].to_vec();
            bytes.splice(end..end, slice);
        }
        Mutation::Truncate { at } => bytes.truncate(at % n),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let checked = check(&bytes);
        prop_assert!(checked.errors() > 0 || checked.bank.is_some());
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(text.as_bytes());
    }

    #[test]
    fn mutated_banks_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = builtin::BANK_RON.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let checked = check(&bytes);
        // Whatever was found is reported with a position inside the file.
        let lines = String::from_utf8_lossy(&bytes).lines().count().max(1);
        for d in &checked.diagnostics {
            if let Some(p) = d.position {
                prop_assert!(p.line >= 1 && p.line <= lines + 1, "line {} of {}", p.line, lines);
                prop_assert!(p.col >= 1);
            }
        }
    }

    #[test]
    fn diagnostics_point_at_the_question_they_name(index in 0usize..40) {
        // Break one question's answer and check the error names that question
        // and points at its answer line.
        let bank = builtin::check().bank.unwrap();
        let q = &bank.questions[index % bank.questions.len()];
        if let Some(choices) = Some(q.choices()).filter(|c| !c.is_empty() && q.kind_name() != "TrueFalse") {
            let answer = format!("answer: {:?}", q.answer_text());
            let text = builtin::BANK_RON;
            let id_at = text.find(&format!("id: \"{}\"", q.id)).unwrap();
            let answer_at = id_at + text[id_at..].find(&answer).unwrap();
            let broken = format!("{}answer: \"Nobody at all\"{}", &text[..answer_at], &text[answer_at + answer.len()..]);
            let checked = check(broken.as_bytes());
            let line = text[..answer_at].matches('\n').count() + 1;
            let d = checked.diagnostics.iter().find(|d| d.message.contains("not one of the choices")).unwrap();
            prop_assert_eq!(d.question.as_deref(), Some(q.id.as_str()));
            prop_assert_eq!(d.position.map(|p| p.line), Some(line));
            prop_assert!(choices.len() >= 2);
        }
    }
}

#[test]
fn every_truncation_of_a_bank_is_an_error_not_a_panic() {
    let text = builtin::BANK_RON.as_bytes();
    // Every cut in the first question, and then every 97th byte.
    let cuts = (0..3000).chain((3000..text.len()).step_by(97));
    for cut in cuts {
        let checked = check(&text[..cut]);
        assert!(checked.errors() > 0, "cut at {cut} parsed");
    }
}

#[test]
fn deeply_nested_brackets_are_an_error() {
    for open in ["[", "(", "{", "Some("] {
        let text = format!("Bank(title: {}", open.repeat(200_000));
        let checked = check(text.as_bytes());
        assert_eq!(checked.errors(), 1, "{}", checked.report());
    }
}

#[test]
fn a_50_megabyte_file_is_handled() {
    // A valid bank whose explanation is 50 MB long: parsed, and warned about.
    let filler = "word ".repeat(10 * 1024 * 1024);
    let text = builtin::BANK_RON.replacen("explanation: \"", &format!("explanation: \"{filler}"), 1);
    assert!(text.len() > 50 * 1024 * 1024);
    let checked = check(text.as_bytes());
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert!(checked.diagnostics.iter().any(|d| d.message.contains("may not fit on screen")));

    // And 50 MB of noise is one error, not a hang or a crash.
    let noise: Vec<u8> =
        (0..50 * 1024 * 1024u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    assert_eq!(check(&noise).errors(), 1);
}

#[test]
fn bom_and_crlf_banks_are_accepted() {
    let crlf = builtin::BANK_RON.replace('\n', "\r\n");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(crlf.as_bytes());
    let checked = check(&bytes);
    assert_eq!(checked.errors(), 0, "{}", checked.report());
    assert_eq!(checked.bank, builtin::check().bank);
}

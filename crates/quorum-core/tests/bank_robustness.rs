//! No input panics the loader (arbitrary bytes, mutated and truncated banks,
//! deep nesting, huge files, odd encodings), and what the game plays from any
//! of them is exactly the questions that pass every check.

use proptest::prelude::*;
use quorum_core::bank::{self, QuestionKind, builtin};
use quorum_core::quiz::{Answer, EstimateScale, QuestionCount, RoundSettings, Verdict, deal};

const ARTICLE: &str = builtin::ARTICLE_TEXT;

/// Checks bytes as a bank against the shipped article. Must never panic.
fn check(bytes: &[u8]) -> bank::Checked {
    let checked = bank::check_bytes("fuzz.ron", bytes, |_| Ok(ARTICLE.to_string()));
    // Rendering every diagnostic must not panic either.
    let _ = checked.report();
    let _ = checked.playable();
    checked
}

/// What the game would play from a checked bank is exactly its questions
/// without errors, and they pass every check again on their own.
fn plays_only_what_passes(checked: &bank::Checked) -> Result<(), TestCaseError> {
    let Some(read) = &checked.bank else {
        prop_assert!(checked.errors() > 0, "no bank and no error");
        prop_assert!(checked.playable().is_none());
        return Ok(());
    };
    let Some(playable) = checked.playable() else {
        prop_assert!(checked.bank_errors().next().is_some(), "unplayable without a bank error");
        return Ok(());
    };
    let failing = checked.failing_ids();
    let kept: Vec<&str> =
        read.questions.iter().map(|q| q.id.as_str()).filter(|id| !failing.contains(id)).collect();
    let played: Vec<&str> = playable.questions.iter().map(|q| q.id.as_str()).collect();
    prop_assert_eq!(played, kept);
    if checked.errors() == 0 {
        prop_assert_eq!(&playable, read);
    }
    if !playable.questions.is_empty() {
        let text = bank::write::to_ron(&playable, &Default::default());
        let again = bank::check_bytes("again.ron", text.as_bytes(), |_| Ok(ARTICLE.to_string()));
        prop_assert_eq!(again.errors(), 0, "what the game plays fails a check:\n{}", again.report());
        prop_assert_eq!(again.bank.as_ref(), Some(&playable));
    }
    Ok(())
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
        plays_only_what_passes(&checked)?;
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
        // Every error is reported with a position inside the file.
        let lines = String::from_utf8_lossy(&bytes).lines().count().max(1);
        for d in &checked.diagnostics {
            let p = d.position;
            prop_assert!(p.is_some() || !d.is_error(), "an error with no position: {}", d.render(None));
            if let Some(p) = p {
                prop_assert!(p.line >= 1 && p.line <= lines + 1, "line {} of {}", p.line, lines);
                prop_assert!(p.col >= 1);
            }
        }
        plays_only_what_passes(&checked)?;
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

/// The 1-based line of the first line at or after byte `from` whose text,
/// trimmed, starts with `field`; and that line's byte range.
fn field_line(text: &str, from: usize, field: &str) -> (usize, std::ops::Range<usize>) {
    let mut at = from - text[..from].rfind('\n').map_or(from, |i| from - i - 1);
    for line in text[at..].split_inclusive('\n') {
        if line.trim_start().starts_with(field) {
            return (text[..at].matches('\n').count() + 1, at..at + line.trim_end_matches('\n').len());
        }
        at += line.len();
    }
    panic!("no `{field}` after byte {from}");
}

/// `text` with the line in `range` replaced by `field` at the same indent.
fn replace_line(text: &str, range: std::ops::Range<usize>, field: &str) -> String {
    let indent: String = text[range.clone()].chars().take_while(|c| *c == ' ').collect();
    format!("{}{indent}{field}{}", &text[..range.start], &text[range.end..])
}

#[test]
fn every_shipped_question_is_read_whole_and_judged_right() {
    let checked = builtin::check();
    let bank = checked.playable().expect("the shipped bank plays");
    let text = builtin::BANK_RON;
    // Loading kept every question the file holds, of every kind.
    for kind in bank::model::KIND_NAMES {
        let written = text.matches(&format!("\n        {kind}(")).count();
        let read = bank.questions.iter().filter(|q| q.kind_name() == kind).count();
        assert_eq!(read, written, "{kind}: {written} in the file, {read} read");
    }
    let article = bank::Article::new(ARTICLE);
    let mut ids = std::collections::HashSet::new();
    for q in &bank.questions {
        assert!(ids.insert(q.id.as_str()), "{}: a second question with this id", q.id);
        assert!(!q.prompt().trim().is_empty() && !q.explanation.trim().is_empty(), "{}", q.id);
        assert!(!q.source.is_empty(), "{}: no source", q.id);
        for s in &q.source {
            assert!(article.contains(s), "{}: {s:?} is not in the article", q.id);
        }
        if let Some(speaker) = q.speaker() {
            assert!(article.names(speaker), "{}: {speaker} is not named in the article", q.id);
        }
        let choices = q.choices();
        match &q.kind {
            QuestionKind::Estimate { min, max, answer, tolerance, .. } => {
                assert!(choices.is_empty(), "{}", q.id);
                let scale = EstimateScale::of(&q.kind).unwrap_or_else(|| panic!("{}: no scale", q.id));
                assert!(min < answer && answer < max && *tolerance > 0.0, "{}", q.id);
                assert_eq!(scale.accept(*answer), Ok(*answer), "{}: the answer is not on a step", q.id);
            }
            _ => {
                assert!((2..=6).contains(&choices.len()), "{}: {} choices", q.id, choices.len());
                let distinct: std::collections::HashSet<&String> = choices.iter().collect();
                assert_eq!(distinct.len(), choices.len(), "{}: a choice is repeated", q.id);
                assert!(choices.iter().all(|c| !c.trim().is_empty()), "{}: an empty choice", q.id);
                let right = choices.iter().filter(|c| **c == q.answer_text()).count();
                assert_eq!(right, 1, "{}: the answer is {right} of the choices", q.id);
            }
        }
    }
    // Dealt, every question is judged right when answered right, and wrong
    // otherwise.
    let all = RoundSettings { questions: QuestionCount::All, ..RoundSettings::default() };
    let round = deal(&bank, &all, 9).unwrap();
    assert_eq!(round.len(), bank.questions.len());
    for d in &round {
        let (right, wrong) = match &d.question.kind {
            QuestionKind::Estimate { answer, max, tolerance, .. } => {
                (Answer::Estimate(*answer), Answer::Estimate((answer + 3.0 * tolerance).min(*max)))
            }
            _ => {
                let i = d.correct_choice().unwrap_or_else(|| panic!("{}: no right choice", d.question.id));
                (Answer::Choice(i), Answer::Choice((i + 1) % d.choices.len()))
            }
        };
        assert_eq!(d.verdict(Some(right)), Verdict::Correct, "{}", d.question.id);
        assert_ne!(d.verdict(Some(wrong)), Verdict::Correct, "{}", d.question.id);
    }
}

#[test]
fn breaking_any_shipped_question_names_it_and_leaves_the_rest_playable() {
    let text = builtin::BANK_RON;
    let bank = builtin::check().bank.unwrap();
    let total = bank.questions.len();
    let mut broken_count = 0;
    for q in &bank.questions {
        let id_at = text.find(&format!("id: \"{}\"", q.id)).unwrap();
        let (explanation_line, explanation) = field_line(text, id_at, "explanation:");
        let (source_line, _) = field_line(text, id_at, "source:");
        // The source's first sentence: on the `source:` line, or the next.
        let sentence = &q.source[0];
        let sentence_at = id_at + text[id_at..].find(&format!("{sentence:?}")).unwrap();
        let mut breaks = vec![
            (
                replace_line(text, explanation, "explanation: \"\","),
                "the explanation is empty",
                vec![explanation_line],
            ),
            (
                format!(
                    "{}\"Parliament was abolished in 1999.\"{}",
                    &text[..sentence_at],
                    &text[sentence_at + format!("{sentence:?}").len()..]
                ),
                "is not in the article",
                vec![source_line, text[..sentence_at].matches('\n').count() + 1],
            ),
        ];
        let (answer_line, answer) = field_line(text, id_at, "answer:");
        match &q.kind {
            QuestionKind::Estimate { max, .. } => breaks.push((
                replace_line(text, answer, &format!("answer: {},", max + 1.0)),
                "must lie strictly between",
                vec![answer_line],
            )),
            QuestionKind::TrueFalse { .. } => {}
            _ => breaks.push((
                replace_line(text, answer, "answer: \"Nobody at all\","),
                "is not one of the choices",
                vec![answer_line],
            )),
        }
        for (broken, message, lines) in breaks {
            let checked = check(broken.as_bytes());
            let found = checked.diagnostics.iter().find(|d| d.is_error() && d.message.contains(message));
            let d = found.unwrap_or_else(|| panic!("{}: no error {message:?}:\n{}", q.id, checked.report()));
            assert_eq!(d.question.as_deref(), Some(q.id.as_str()), "{}", d.render(None));
            let line = d.position.map(|p| p.line).unwrap_or_default();
            assert!(lines.contains(&line), "{}: {message:?} on line {line}, not {lines:?}", q.id);
            assert_eq!(checked.failing_ids(), [q.id.as_str()].into(), "{}", checked.report());
            let playable = checked.playable().expect("the rest of the bank still plays");
            assert_eq!(playable.questions.len(), total - 1);
            assert!(playable.questions.iter().all(|p| p.id != q.id));
            broken_count += 1;
        }
    }
    assert!(broken_count >= 2 * total, "only {broken_count} breakages tried");
}

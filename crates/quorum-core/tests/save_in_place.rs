//! Saving from the editor keeps the teacher's file: on the shipped bank, a
//! change touches only the lines of what changed, and every comment and
//! blank line elsewhere stays byte for byte.

use std::ops::Range;
use std::path::PathBuf;

use quorum_core::bank::edit::{EditSession, TextField};
use quorum_core::bank::{builtin, load};

/// The shipped bank and its article in a folder of their own.
fn shipped() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.txt"), builtin::ARTICLE_TEXT).unwrap();
    let path = dir.path().join("bank.ron");
    let text = builtin::BANK_RON.replace(builtin::ARTICLE_PATH, "article.txt");
    std::fs::write(&path, &text).unwrap();
    (dir, path, text)
}

fn saved(s: &mut EditSession) -> String {
    s.save().unwrap();
    std::fs::read_to_string(&s.path).unwrap()
}

/// The lines (0-based) of the question with `id`: its kind's line to its `),`.
fn question_lines(text: &str, id: &str) -> Range<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.trim() == format!("id: \"{id}\",")).unwrap();
    let start = (0..at)
        .rev()
        .find(|&i| lines[i].trim_end().ends_with('(') && !lines[i].starts_with("         "))
        .unwrap();
    let end = (at..lines.len()).find(|&i| lines[i] == "        ),").unwrap();
    start..end + 1
}

/// `text`'s lines with `cut` removed and `put` inserted before line `at`
/// (of the original), each line ending in a newline.
fn rearranged(text: &str, cut: Range<usize>, at: usize, put: &[&str]) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if i == at {
            out.extend_from_slice(put);
        }
        if !cut.contains(&i) {
            out.push(line);
        }
    }
    if at == lines.len() {
        out.extend_from_slice(put);
    }
    out.iter().map(|l| format!("{l}\n")).collect()
}

/// A line diff: the original's lines that were removed, and the new text's
/// lines that were added (0-based, in order), by longest common subsequence.
fn diff(old: &str, new: &str) -> (Vec<usize>, Vec<usize>) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(j);
            j += 1;
        } else {
            removed.push(i);
            i += 1;
        }
    }
    (removed, added)
}

fn index_of(s: &EditSession, id: &str) -> usize {
    s.bank.questions.iter().position(|q| q.id == id).unwrap()
}

#[test]
fn one_field_changed_rewrites_only_that_line() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    let i = index_of(&s, "who-applies-laws");
    s.set_text(i, TextField::Topic, "Who makes and applies the law").unwrap();
    s.set_text(i, TextField::Prompt, "Parliament passes laws. Who applies them, according to Andrew Little?")
        .unwrap();
    let after = saved(&mut s);
    let (removed, added) = diff(&before, &after);
    let lines = question_lines(&before, "who-applies-laws");
    assert_eq!(removed.len(), 2, "the topic and the prompt: {removed:?}");
    assert!(removed.iter().all(|l| lines.contains(l)), "{removed:?} outside {lines:?}");
    assert_eq!(added, removed, "each changed line is replaced where it was");
    assert!(after.contains("            topic: \"Who makes and applies the law\",\n"));
    // One-line lists stay on one line, and the file reads back as the bank.
    assert!(after.contains("choices: [\"Judges\", \"Ministers\""));
    assert_eq!(load::parse("b.ron", &after).unwrap(), s.bank);
}

#[test]
fn a_changed_list_keeps_its_layout() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    let i = index_of(&s, "who-applies-laws");
    s.set_text(i, TextField::Choice(3), "The Governor-General").unwrap();
    let after = saved(&mut s);
    let (removed, added) = diff(&before, &after);
    assert_eq!(removed.len(), 1);
    assert_eq!(added.len(), 1);
    let new_line = after.lines().nth(added[0]).unwrap();
    assert!(new_line.trim_start().starts_with("choices: [\"Judges\""), "still one line: {new_line}");
    assert!(new_line.contains("\"The Governor-General\"]"), "{new_line}");
    // A source added to a list written one item a line goes on a line of its own.
    let j = index_of(&s, "who-said-misuse-of-drugs-act");
    let sentence = "Parliament passes laws which judges apply.";
    s.add_source(j, sentence);
    let again = saved(&mut s);
    let (removed, added) = diff(&after, &again);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(added.len(), 1);
    assert_eq!(again.lines().nth(added[0]).unwrap(), format!("                \"{sentence}\","));
}

#[test]
fn a_new_question_is_added_in_the_files_style_after_the_selected_one() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    let i = index_of(&s, "who-applies-laws");
    s.select(i);
    s.add_question("MultipleChoice");
    let new = s.selected;
    s.set_text(new, TextField::Prompt, "Who votes on a bill?").unwrap();
    let after = saved(&mut s);
    // The new question's lines follow the selected question's, and nothing else changes.
    let lines = question_lines(&before, "who-applies-laws");
    let added = after.lines().count() - before.lines().count();
    let block: Vec<&str> = after.lines().skip(lines.end).take(added).collect();
    assert_eq!(after, rearranged(&before, 0..0, lines.end, &block));
    assert_eq!(block.first().unwrap(), &"        MultipleChoice(");
    assert_eq!(block.last().unwrap(), &"        ),");
    assert!(block.contains(&"            prompt: \"Who votes on a bill?\","), "{block:#?}");
    assert!(
        block.contains(&"            choices: [\"Right answer\", \"Wrong answer\"],"),
        "one line, as the file writes choices: {block:#?}"
    );
    assert_eq!(load::parse("b.ron", &after).unwrap(), s.bank);
}

#[test]
fn a_deleted_question_takes_its_lines_and_its_own_comment() {
    let (_dir, path, _) = shipped();
    // A comment of the question's own, directly above it.
    let original = std::fs::read_to_string(&path).unwrap().replace(
        "        MultipleChoice(\n            id: \"who-applies-laws\",",
        "        // Little's own words: keep this one.\n        MultipleChoice(\n            id: \"who-applies-laws\",",
    );
    std::fs::write(&path, &original).unwrap();
    let mut s = EditSession::open(&path).unwrap();
    s.delete(index_of(&s, "who-applies-laws"));
    let after = saved(&mut s);
    let lines = question_lines(&original, "who-applies-laws");
    assert_eq!(
        after,
        rearranged(&original, lines.start - 1..lines.end, 0, &[]),
        "its lines and its comment, nothing else"
    );
    assert!(!after.contains("keep this one"));
}

#[test]
fn deleting_a_sections_first_question_keeps_the_heading() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    let first_figure = s.bank.questions.iter().position(|q| q.kind_name() == "Figure").unwrap();
    let id = s.bank.questions[first_figure].id.clone();
    s.delete(first_figure);
    let after = saved(&mut s);
    assert_eq!(after, rearranged(&before, question_lines(&before, &id), 0, &[]));
    assert!(
        after.contains("        // ---- Figures ----"),
        "the heading marks the section, not the question"
    );
}

#[test]
fn a_moved_question_carries_its_lines() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    let i = index_of(&s, "who-applies-laws");
    let next = s.bank.questions[i + 1].id.clone();
    s.move_question(i, 1);
    let after = saved(&mut s);
    let one = question_lines(&before, "who-applies-laws");
    let other = question_lines(&before, &next);
    assert_eq!(one.end, other.start, "neighbours, with nothing between them");
    // The moved question's lines, comments and all, now follow its neighbour's.
    let moved: Vec<&str> = before.lines().skip(one.start).take(one.len()).collect();
    assert_eq!(after, rearranged(&before, one.clone(), other.end, &moved));
    // Moved back, the file is as it was.
    s.move_question(i + 1, -1);
    assert_eq!(saved(&mut s), before);
}

#[test]
fn header_fields_change_alone_and_the_articles_comment_stays() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    s.bank.title = "Pardons, Parliament and cannabis".to_string();
    s.bank.description = "A new description.".to_string();
    if let Some(a) = s.bank.article.as_mut() {
        a.publisher = Some("RNZ".to_string());
    }
    let after = saved(&mut s);
    let (removed, added) = diff(&before, &after);
    assert_eq!(removed.len(), 3, "{removed:?}");
    assert_eq!(added, removed);
    assert!(after.contains("    title: \"Pardons, Parliament and cannabis\",\n"));
    assert!(after.contains("        publisher: \"RNZ\",\n"));
    // The comment inside Article(...) is where the teacher wrote it.
    let article_at = after.find("    article: Article(").unwrap();
    let comment_at = after.find("        // The article carries no headline").unwrap();
    let path_at = after.find("        path: \"article.txt\"").unwrap();
    assert!(article_at < path_at && path_at < comment_at, "the comment did not move above the article");
    let line_of =
        |text: &str| text.lines().position(|l| l.starts_with("        // The article carries no headline"));
    assert_eq!(line_of(&before), line_of(&after));
}

#[test]
fn a_file_that_cannot_be_edited_in_place_is_written_whole_with_its_comments() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bank.ron");
    // Two questions on one line: their lines cannot be told apart.
    let text = "// My quiz, by hand.\nBank(\n    title: \"T\", // the title\n    questions: [\n        // about the first\n        TrueFalse(id: \"a\", topic: \"T\", difficulty: Easy, statement: \"Judges apply laws.\", answer: true, explanation: \"Parliament passes laws which judges apply.\"), TrueFalse(id: \"b\", topic: \"T\", difficulty: Easy, statement: \"Ministers apply laws.\", answer: false, explanation: \"Judges do; ministers do not interfere.\"),\n    ],\n)\n";
    std::fs::write(&path, text).unwrap();
    let mut s = EditSession::open(&path).unwrap();
    s.set_text(1, TextField::Topic, "Courts").unwrap();
    let after = saved(&mut s);
    assert_ne!(after, text);
    assert!(after.contains("// My quiz, by hand."));
    assert!(after.contains("// the title"));
    assert!(after.contains("// about the first"));
    assert_eq!(load::parse("b.ron", &after).unwrap(), s.bank);
}

#[test]
fn an_unchanged_bank_saves_identical_bytes_and_a_changed_one_is_written() {
    let (_dir, path, before) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    assert_eq!(saved(&mut s), before);
    // An edit undone is no change either.
    s.set_difficulty(0, quorum_core::bank::Difficulty::Hard);
    s.undo();
    assert_eq!(saved(&mut s), before);
    s.set_difficulty(0, quorum_core::bank::Difficulty::Hard);
    let after = saved(&mut s);
    assert_ne!(after, before, "saving a change writes it");
    assert_eq!(
        load::parse("b.ron", &after).unwrap().questions[0].difficulty,
        quorum_core::bank::Difficulty::Hard
    );
}

/// Many edits in a row, of every sort, chosen by a fixed pseudo-random
/// sequence: every save reads back as the bank, and an edit is never lost.
#[test]
fn any_run_of_edits_saves_text_that_reads_back_as_the_bank() {
    let (_dir, path, _) = shipped();
    let mut s = EditSession::open(&path).unwrap();
    let mut seed: u64 = 0x5eed;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    for round in 0..200 {
        let n = s.bank.questions.len();
        let i = next(n);
        match next(9) {
            0 => s.delete(i),
            1 => s.move_question(i, if next(2) == 0 { 1 } else { -1 }),
            2 => {
                s.select(i);
                s.add_question(quorum_core::bank::model::KIND_NAMES[next(5)]);
            }
            3 => s.duplicate(i),
            4 => s.set_text(i, TextField::Topic, &format!("Topic {round}")).unwrap(),
            5 => {
                s.set_text(i, TextField::Explanation, &format!("Because {round}, \"quoted\" and ö.")).unwrap()
            }
            6 => s.add_source(i, &format!("Sentence {round}.")),
            7 => {
                s.undo();
            }
            _ => s.set_text(i, TextField::TimeLimit, if next(2) == 0 { "" } else { "30" }).unwrap(),
        }
        let text = s.text();
        assert_eq!(load::parse("b.ron", &text).unwrap(), s.bank, "round {round}");
        // Edited in place every time: the comment inside Article(...) stays put.
        assert!(
            text.contains("        // The article carries no headline"),
            "round {round} rewrote the file"
        );
        if round % 20 == 0 {
            s.save().unwrap();
        }
    }
    // The comments that were not deleted with a question are all still there.
    let saved = saved(&mut s);
    assert!(saved.starts_with("// Quorum question bank"));
    assert!(saved.contains("        // The article carries no headline"));
}

//! How well `quorum draft` reads real articles: for the shipped article and
//! the ones in tests/fixtures/articles, precision and recall for quotes
//! (with the right speaker) and figures, against answers written by hand in
//! each `.expected` file. Prints the figures; fails below 90%, or if any
//! quote is given to the wrong person.
//!
//! Run with `cargo test -p quorum-core --test draft_accuracy -- --nocapture`
//! to see the table.

use std::path::PathBuf;

use quorum_core::bank::{builtin, check_bytes, draft};

#[derive(Debug)]
struct Expected {
    /// First words of a quote, and its speaker (`None`: uncertain, with
    /// these candidates).
    quotes: Vec<(String, Result<String, Vec<String>>)>,
    figures: Vec<String>,
    roles: Vec<(String, String)>,
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

fn expected(name: &str) -> Expected {
    let text = std::fs::read_to_string(fixtures().join(format!("{name}.expected"))).expect("expected file");
    let mut e = Expected { quotes: Vec::new(), figures: Vec::new(), roles: Vec::new() };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (kind, rest) = line.split_once(": ").expect("`kind: ...`");
        match kind {
            "quote" => {
                let (words, who) = rest.split_once(" => ").expect("quote: WORDS => SPEAKER");
                let who = match who.strip_prefix("uncertain: ") {
                    Some(list) => Err(list.split(" | ").map(str::to_string).collect()),
                    None => Ok(who.to_string()),
                };
                e.quotes.push((words.to_string(), who));
            }
            "figure" => e.figures.push(rest.to_string()),
            "role" => {
                let (name, role) = rest.split_once(" => ").expect("role: NAME => ROLE");
                e.roles.push((name.to_string(), role.to_string()));
            }
            other => panic!("unknown line kind {other:?}"),
        }
    }
    e
}

fn normal(text: &str) -> String {
    text.replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201C}', '\u{201D}'], "\"")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

struct Score {
    quote_precision: f64,
    quote_recall: f64,
    figure_precision: f64,
    figure_recall: f64,
    wrong_speaker: Vec<String>,
    missed: Vec<String>,
}

fn score(name: &str, text: &str) -> Score {
    let e = expected(name);
    let findings = draft::read(text);
    let quotes = findings.quotes();
    let mut wrong_speaker = Vec::new();
    let mut missed = Vec::new();

    // A found quote is right when it holds an expected quote's first words
    // and gives it to the expected speaker (or, where the text leaves it
    // open, says the speaker is uncertain).
    let mut right_found = 0;
    for q in &quotes {
        let matching = e.quotes.iter().find(|(words, _)| normal(&q.text).contains(&normal(words)));
        let Some((words, who)) = matching else { continue };
        let ok = match who {
            Ok(speaker) => q.speaker.as_deref() == Some(speaker.as_str()),
            Err(candidates) => {
                q.doubt.is_some() && q.speaker.as_ref().is_some_and(|s| candidates.contains(s))
            }
        };
        if ok {
            right_found += 1;
        } else {
            wrong_speaker.push(format!(
                "\"{words}\": expected {who:?}, drafted {:?} (doubt {:?})",
                q.speaker, q.doubt
            ));
        }
    }
    let mut right_expected = 0;
    for (words, who) in &e.quotes {
        let found = quotes.iter().any(|q| {
            normal(&q.text).contains(&normal(words))
                && match who {
                    Ok(speaker) => q.speaker.as_deref() == Some(speaker.as_str()),
                    Err(_) => q.doubt.is_some(),
                }
        });
        if found {
            right_expected += 1;
        } else {
            missed.push(format!("quote \"{words}\""));
        }
    }

    let found_figures: Vec<String> = findings.figures().iter().map(|f| normal(f)).collect();
    let mut distinct = found_figures.clone();
    distinct.sort();
    distinct.dedup();
    let expected_figures: Vec<String> = e.figures.iter().map(|f| normal(f)).collect();
    let true_figures = distinct.iter().filter(|f| expected_figures.contains(f)).count();
    for f in &expected_figures {
        if !distinct.contains(f) {
            missed.push(format!("figure {f}"));
        }
    }
    for f in distinct.iter().filter(|f| !expected_figures.contains(f)) {
        missed.push(format!("not a figure, but found: {f}"));
    }
    for (person, role) in &e.roles {
        if !findings.roles().iter().any(|(n, r)| n == person && r == role) {
            missed.push(format!("role {person} => {role} (found {:?})", findings.roles()));
        }
    }

    Score {
        quote_precision: ratio(right_found, quotes.len()),
        quote_recall: ratio(right_expected, e.quotes.len()),
        figure_precision: ratio(true_figures, distinct.len()),
        figure_recall: ratio(true_figures, expected_figures.len()),
        wrong_speaker,
        missed,
    }
}

fn article(name: &str) -> String {
    if name == "nz-cannabis-decriminalisation" {
        builtin::ARTICLE_TEXT.to_string()
    } else {
        std::fs::read_to_string(fixtures().join(format!("{name}.txt"))).expect("article")
    }
}

const ARTICLES: [&str; 4] =
    ["nz-cannabis-decriminalisation", "waimata-water-levy", "voting-age-bill", "school-lunch-review"];

#[test]
fn precision_and_recall_on_every_article() {
    println!(
        "\n{:<32} {:>16} {:>13} {:>17} {:>14}",
        "article", "quote precision", "quote recall", "figure precision", "figure recall"
    );
    let mut failures = Vec::new();
    for name in ARTICLES {
        let s = score(name, &article(name));
        println!(
            "{name:<32} {:>15.0}% {:>12.0}% {:>16.0}% {:>13.0}%",
            s.quote_precision * 100.0,
            s.quote_recall * 100.0,
            s.figure_precision * 100.0,
            s.figure_recall * 100.0
        );
        for m in &s.missed {
            println!("    missed: {m}");
        }
        for w in &s.wrong_speaker {
            println!("    WRONG SPEAKER: {w}");
        }
        if !s.wrong_speaker.is_empty() {
            failures.push(format!("{name}: a quote given to the wrong person: {:?}", s.wrong_speaker));
        }
        for (what, value) in [
            ("quote precision", s.quote_precision),
            ("quote recall", s.quote_recall),
            ("figure precision", s.figure_precision),
            ("figure recall", s.figure_recall),
        ] {
            if value < 0.9 {
                failures.push(format!("{name}: {what} {:.0}% is under 90%", value * 100.0));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_shipped_article_gives_every_quote_and_every_figure() {
    let s = score("nz-cannabis-decriminalisation", builtin::ARTICLE_TEXT);
    assert_eq!((s.quote_recall, s.figure_recall), (1.0, 1.0), "{:#?}", s.missed);
}

#[test]
fn every_drafted_bank_passes_check_and_flags_what_is_uncertain() {
    for name in ARTICLES {
        let text = article(name);
        let drafted = draft::draft(&text, "article.txt", name);
        let ron = drafted.to_ron();
        let checked = check_bytes(name, ron.as_bytes(), |_| Ok(text.clone()));
        assert_eq!(checked.errors(), 0, "{name}:\n{}", checked.report());
        let bank = checked.bank.as_ref().expect("parses");
        assert!(bank.questions.iter().all(|q| q.draft), "{name}: every question is a draft");
        // Each uncertain speaker is a warning that names its line.
        for u in &drafted.summary.uncertain {
            let warning = checked
                .diagnostics
                .iter()
                .find(|d| {
                    d.question.as_deref() == Some(u.id.as_str()) && d.message.contains("uncertain speaker")
                })
                .unwrap_or_else(|| panic!("{name}: no warning for {}", u.id));
            assert!(warning.position.is_some_and(|p| p.line > 1), "{warning:?}");
        }
    }
    let voting = draft::draft(&article("voting-age-bill"), "a.txt", "t");
    assert!(
        voting
            .summary
            .uncertain
            .iter()
            .any(|u| u.note.contains("Mia Kerehoma") && u.note.contains("Aria Walsh")),
        "{:?}",
        voting.summary.uncertain
    );
}

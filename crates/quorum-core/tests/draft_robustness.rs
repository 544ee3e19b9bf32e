//! `quorum draft` on any text: it never panics, and whatever it drafts
//! passes `quorum check` without an error.

use proptest::prelude::*;
use quorum_core::bank::{check_bytes, draft};

/// Drafts `text` and checks the result against the same text.
fn draft_and_check(text: &str) {
    let drafted = draft::draft(text, "article.txt", "Fuzz");
    if drafted.bank.questions.is_empty() {
        return; // nothing to ask: `quorum draft` says so and writes no file
    }
    let ron = drafted.to_ron();
    let checked = check_bytes("fuzz.ron", ron.as_bytes(), |_| Ok(text.to_string()));
    assert_eq!(checked.errors(), 0, "{}\n---\n{text}", checked.report());
    assert_eq!(checked.bank.map(|b| b.questions.len()), Some(drafted.summary.total()));
}

/// Pieces of news English, to build texts that reach every rule.
fn piece() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "\"",
        "\u{201C}",
        "\u{201D}",
        "'",
        ", ",
        ". ",
        "\n",
        " - ",
        ": ",
        "; ",
        "? ",
        "! ",
        "said ",
        " said",
        "she ",
        "He ",
        "told ",
        "Mayor ",
        "Grace Tane ",
        "Tane ",
        "Hemi Tane ",
        "the mayor ",
        "Councillor ",
        "Health Minister ",
        "Dr ",
        "Ana Fifita",
        ", principal of X School,",
        "spokesperson ",
        "classmate ",
        "more than ",
        "fewer than ",
        "about ",
        "at least ",
        "between ",
        " and ",
        " to ",
        "from ",
        "since ",
        "120,000",
        "64 percent",
        "50.7%",
        "$4.2 million",
        "$180",
        "2019",
        "2010 and '11",
        "1 in 10",
        "14 March",
        "Year 7",
        "Covid-19",
        "9 to 4",
        "68 votes to 52",
        "That was the message from ",
        "the \"highly specific\" result",
        "We will act",
        "people",
        "0",
        "00",
        "1,",
        ".5",
        "'",
        "\u{2019}",
        "\u{2013}",
        "…",
        "ö",
        "Ā",
        " ",
        "(",
        ")",
        "[",
        "]",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn any_text_drafts_without_panicking(text in "\\PC{0,300}") {
        draft_and_check(&text);
    }

    #[test]
    fn news_like_text_drafts_only_what_check_accepts(pieces in prop::collection::vec(piece(), 0..80)) {
        draft_and_check(&pieces.concat());
    }
}

#[test]
fn a_long_article_of_one_paragraph_and_odd_line_endings() {
    let paragraph = "Mayor Grace Tane said more than 120,000 people came. \"We will act,\" she said. ";
    draft_and_check(&paragraph.repeat(200));
    draft_and_check(&"\"Quote.\"\r\nMayor Jo Tane said 40 people came.\r\n".repeat(50));
    draft_and_check("\u{FEFF}\"A quote with a byte order mark,\" Grace Tane said.");
}

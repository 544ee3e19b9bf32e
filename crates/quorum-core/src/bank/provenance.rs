//! Provenance: every fact a question asserts must be checkable against its
//! article. Sources must occur in the article, figures in their source, and
//! speakers must be named.
//!
//! Comparison ignores differences in whitespace and between straight and
//! curly quotation marks and apostrophes, which editors change on their own.

use std::collections::{HashMap, HashSet};

use super::diagnostic::Diagnostic;
use super::model::{Bank, Question, QuestionKind};
use super::outline::Locator;
use super::suggest::{closest, nearest_passage};

/// A text with an index of where each run of `KEY` bytes starts, so finding
/// a passage costs about the passage's length rather than the text's.
#[derive(Debug, Clone)]
struct Indexed {
    text: String,
    starts: HashMap<[u8; KEY], Vec<u32>>,
}

const KEY: usize = 8;

impl Indexed {
    fn new(text: String) -> Indexed {
        let mut starts: HashMap<[u8; KEY], Vec<u32>> = HashMap::new();
        for (i, window) in text.as_bytes().windows(KEY).enumerate() {
            let key: [u8; KEY] = window.try_into().expect("windows are KEY long");
            starts.entry(key).or_default().push(i as u32);
        }
        Indexed { text, starts }
    }

    /// Byte-wise search is exact for UTF-8: a needle that starts with a
    /// character's first byte can only match on a character boundary.
    fn contains(&self, needle: &str) -> bool {
        let (text, needle) = (self.text.as_bytes(), needle.as_bytes());
        match needle.get(..KEY) {
            None => self.text.contains(std::str::from_utf8(needle).unwrap_or_default()),
            Some(key) => {
                let key: [u8; KEY] = key.try_into().expect("KEY bytes");
                self.starts
                    .get(&key)
                    .is_some_and(|at| at.iter().any(|&i| text[i as usize..].starts_with(needle)))
            }
        }
    }
}

/// An article's text, prepared once for all the checks of a bank.
#[derive(Debug, Clone)]
pub struct Article {
    /// The text exactly as read.
    pub text: String,
    normalized: Indexed,
    lowercase: Indexed,
    /// Sentences and pairs of sentences, for "did you mean".
    passages: Vec<String>,
    /// Each sentence once, in order, without the quotation marks that open
    /// or close a paragraph: what a teacher picks a source from.
    pub sentences: Vec<String>,
    /// Runs of capitalised words, for a mistyped speaker.
    names: Vec<String>,
}

impl Article {
    pub fn new(text: &str) -> Article {
        let normalized = normalize(text);
        let lowercase = normalized.to_lowercase();
        let mut passages = Vec::new();
        let mut all = Vec::new();
        for paragraph in text.lines() {
            let sentences = sentences(&normalize(paragraph));
            for (i, s) in sentences.iter().enumerate() {
                all.push(unquote(s));
                passages.push(unquote(s));
                if let Some(next) = sentences.get(i + 1) {
                    passages.push(unquote(&format!("{s} {next}")));
                }
            }
        }
        let names = capitalised_runs(&normalized);
        Article {
            text: text.to_string(),
            normalized: Indexed::new(normalized),
            lowercase: Indexed::new(lowercase),
            passages,
            sentences: all,
            names,
        }
    }

    /// Whether `passage` occurs in the article, up to whitespace and quote marks.
    pub fn contains(&self, passage: &str) -> bool {
        let needle = normalized(passage);
        !needle.is_empty() && self.normalized.contains(&needle)
    }

    /// The sentence (or two) of the article closest to `passage`.
    pub fn nearest(&self, passage: &str) -> Option<&str> {
        nearest_passage(&normalize(passage), &self.passages)
    }

    /// Whether the article names this person or body (case-insensitive).
    pub fn names(&self, name: &str) -> bool {
        let needle = normalize(name).to_lowercase();
        !needle.is_empty() && self.lowercase.contains(&needle)
    }

    /// A name the article does use that is close to `name`.
    pub fn nearest_name(&self, name: &str) -> Option<&str> {
        closest(name, self.names.iter().map(String::as_str))
    }
}

/// Collapses whitespace and straightens curly quotes and apostrophes.
pub fn normalize(text: &str) -> String {
    normalized(text).into_owned()
}

fn is_curly(c: char) -> bool {
    matches!(
        c,
        '\u{201C}'
            | '\u{201D}'
            | '\u{201E}'
            | '\u{201F}'
            | '\u{2033}'
            | '\u{00AB}'
            | '\u{00BB}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{201A}'
            | '\u{201B}'
            | '\u{2032}'
            | '\u{0060}'
            | '\u{00B4}'
    )
}

/// `normalize`, borrowing when the text is already normal (most sources are).
fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    let mut previous_space = true; // a leading space needs work
    let already = text.chars().all(|c| {
        let ok = !is_curly(c) && (c == ' ' && !previous_space || !c.is_whitespace());
        previous_space = c == ' ';
        ok
    }) && !previous_space;
    if already {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        let c = match c {
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
            c if is_curly(c) => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `normalize`, with where each byte of the result came from in `text`, so
/// a passage found in the normalised text can be marked in the original.
pub struct Mapped {
    pub normalized: String,
    /// For each byte of `normalized`, the byte of `text` it stands for (a
    /// collapsed run of whitespace stands for the character after it).
    origins: Vec<usize>,
    /// Where each character of `text` ends, by its start.
    ends: std::collections::HashMap<usize, usize>,
}

impl Mapped {
    pub fn new(text: &str) -> Mapped {
        let mut normalized = String::with_capacity(text.len());
        let mut origins = Vec::with_capacity(text.len());
        let mut ends = std::collections::HashMap::new();
        let mut space = false;
        for (at, c) in text.char_indices() {
            ends.insert(at, at + c.len_utf8());
            let c = match c {
                '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
                    '"'
                }
                c if is_curly(c) => '\'',
                c if c.is_whitespace() => ' ',
                c => c,
            };
            if c == ' ' {
                space = !normalized.is_empty();
                continue;
            }
            if space {
                normalized.push(' ');
                origins.push(at);
                space = false;
            }
            normalized.push(c);
            origins.extend(std::iter::repeat_n(at, c.len_utf8()));
        }
        Mapped { normalized, origins, ends }
    }

    /// The bytes of the original text where `passage` first occurs, compared
    /// as `Article::contains` compares.
    pub fn find(&self, passage: &str) -> Option<std::ops::Range<usize>> {
        let needle = normalize(passage);
        if needle.is_empty() {
            return None;
        }
        let start = self.normalized.find(&needle)?;
        let last = *self.origins.get(start + needle.len() - 1)?;
        Some(self.origins[start]..self.ends.get(&last).copied().unwrap_or(last + 1))
    }
}

/// A passage without the quotation marks that open or close a paragraph,
/// so a suggestion can be pasted as a source.
fn unquote(passage: &str) -> String {
    passage.trim_matches('"').trim().to_string()
}

/// Splits a paragraph after `.`, `?` or `!` (and any closing quote) followed
/// by a space.
fn sentences(paragraph: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = paragraph.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '?' | '!') {
            while let Some(&q) = chars.peek() {
                if q == '"' || q == '\'' {
                    current.push(q);
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek() == Some(&' ') {
                out.push(current.trim().to_string());
                current.clear();
            }
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// Runs of one to three capitalised words ("Andrew Little", "Police").
fn capitalised_runs(text: &str) -> Vec<String> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | '"' | '-' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for i in 0..words.len() {
        for len in 1..=3 {
            let run = &words[i..(i + len).min(words.len())];
            if run.len() < len || !run.iter().all(|w| capitalised(w)) {
                break;
            }
            let name = run.join(" ");
            if seen.insert(name.clone()) {
                out.push(name);
            }
        }
    }
    out
}

/// The numbers written in a text, in a canonical form: thousands separators
/// dropped and no trailing zeros, so "120,000" and "120000" are the same.
pub fn numbers_in(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        let mut fraction = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits.push(c);
                i += 1;
            } else if c == ','
                && chars.get(i + 1..i + 4).is_some_and(|g| g.iter().all(char::is_ascii_digit))
                && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
            {
                i += 1; // a thousands separator
            } else {
                break;
            }
        }
        if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                fraction.push(chars[i]);
                i += 1;
            }
        }
        out.push(canonical(&digits, &fraction));
    }
    out
}

fn canonical(digits: &str, fraction: &str) -> String {
    let int = digits.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { int.to_string() } else { format!("{int}.{fraction}") }
}

/// The canonical form of a number from a bank (an estimate's answer).
pub fn canonical_number(value: f64) -> String {
    let text = format!("{}", value.abs());
    match text.split_once('.') {
        Some((i, f)) => canonical(i, f),
        None => canonical(&text, ""),
    }
}

/// Checks every question of `bank` against `article`.
pub fn check(bank: &Bank, article: &Article, file: &str, outline: &Locator) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (index, q) in bank.questions.iter().enumerate() {
        check_question(q, article, |field, message: String, help: Option<String>| {
            let d = Diagnostic::error(file, message)
                .in_question(&q.id)
                .on_field(index, field)
                .at(outline.field(index, field));
            out.push(match help {
                Some(h) => d.with_help(h),
                None => d,
            });
        });
    }
    out
}

fn check_question(q: &Question, article: &Article, mut fail: impl FnMut(&str, String, Option<String>)) {
    for (n, passage) in q.source.iter().enumerate() {
        if !article.contains(passage) {
            let which = if q.source.len() > 1 { format!("source {} ", n + 1) } else { "source ".to_string() };
            fail(
                "source",
                format!("{which}is not in the article: \"{}\"", shorten(passage)),
                article.nearest(passage).map(|p| format!("did you mean \"{p}\"?")),
            );
        }
    }
    // Only figures and estimates need the source's numbers.
    let source_numbers = || -> HashSet<String> { q.source.iter().flat_map(|s| numbers_in(s)).collect() };
    match &q.kind {
        QuestionKind::Figure { answer, .. } => {
            let in_source = source_numbers();
            for number in numbers_in(answer) {
                if !q.source.is_empty() && !in_source.contains(&number) {
                    fail(
                        "answer",
                        format!("the answer's figure {number} does not appear in the question's source"),
                        Some("quote the sentence of the article that gives this figure as `source`".into()),
                    );
                }
            }
        }
        QuestionKind::Estimate { answer, .. } => {
            let number = canonical_number(*answer);
            if !q.source.is_empty() && !source_numbers().contains(&number) {
                fail(
                    "answer",
                    format!("the answer {number} does not appear in the question's source"),
                    Some("quote the sentence of the article that gives this figure as `source`".into()),
                );
            }
        }
        QuestionKind::WhoSaidIt { quote, .. } => {
            // A quote may leave words out with "..." between the parts it keeps.
            let missing = quote
                .split(['…'])
                .flat_map(|part| part.split("..."))
                .map(|part| {
                    part.trim_matches(|c: char| {
                        c.is_whitespace() || c == '"' || c == '\u{201C}' || c == '\u{201D}'
                    })
                })
                .find(|part| !part.is_empty() && !article.contains(part));
            if let Some(part) = missing {
                fail(
                    "quote",
                    format!("the quote is not in the article: \"{}\"", shorten(part)),
                    article.nearest(part).map(|p| format!("did you mean \"{p}\"?")),
                );
            }
        }
        _ => {}
    }
    if let Some(speaker) = q.speaker() {
        let field = if matches!(q.kind, QuestionKind::WhoSaidIt { .. }) { "answer" } else { "speaker" };
        if !speaker.trim().is_empty() && !article.names(speaker) {
            fail(
                field,
                format!("the speaker \"{speaker}\" is not named in the article"),
                article.nearest_name(speaker).map(|n| format!("did you mean \"{n}\"?")),
            );
        }
    }
}

fn shorten(text: &str) -> String {
    const MAX: usize = 90;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let cut: String = text.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition, for comparing the fast path against.
    fn normalize_slowly(text: &str) -> String {
        let straight: String = text
            .chars()
            .map(|c| match c {
                '\u{201C}' | '\u{201D}' => '"',
                '\u{2018}' | '\u{2019}' => '\'',
                c => c,
            })
            .collect();
        straight.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    const TEXT: &str = "More than 120,000 New Zealanders had been prosecuted since 1980, she said.\n\
        In a tweet, Health Minister Andrew Little said the \u{201C}government\u{201D} had respected it.\n\
        \"Parliament passes laws which judges apply. Parliament has signalled its expectations.\"";

    #[test]
    fn normalises_quotes_and_whitespace() {
        assert_eq!(normalize("  it\u{2019}s \u{201C}x\u{201D}\n\t y "), "it's \"x\" y");
        assert!(matches!(normalized("plain text, Chlöe's"), std::borrow::Cow::Borrowed(_)));
        for needs_work in ["a  b", " a", "a ", "a\nb", "\u{2018}a\u{2019}", ""] {
            assert_eq!(normalized(needs_work), normalize_slowly(needs_work), "{needs_work:?}");
        }
    }

    #[test]
    fn the_mapped_text_is_the_normalised_text_and_finds_the_original_words() {
        for text in [TEXT, "  a  b\n", "\u{201C}x\u{201D} it\u{2019}s", "", "Chlöe  said \u{2018}hi\u{2019}"]
        {
            assert_eq!(Mapped::new(text).normalized, normalize(text), "{text:?}");
        }
        let m = Mapped::new(TEXT);
        let at = m.find("the \"government\"   had respected").unwrap();
        assert_eq!(&TEXT[at], "the \u{201C}government\u{201D} had respected");
        let m = Mapped::new("one\n  two  three");
        assert_eq!(m.find("two three").map(|r| &"one\n  two  three"[r]), Some("two  three"));
        assert_eq!(m.find("four"), None);
    }

    #[test]
    fn finds_sources_regardless_of_quote_style() {
        let a = Article::new(TEXT);
        assert!(a.contains("the \"government\" had respected it."));
        assert!(a.contains("Parliament passes laws which judges apply."));
        assert!(!a.contains("Parliament passes laws which police apply."));
        assert!(!a.contains("   "));
    }

    #[test]
    fn suggests_the_nearest_sentence() {
        let a = Article::new(TEXT);
        assert_eq!(
            a.nearest("Parliament passes the laws that judges apply."),
            Some("Parliament passes laws which judges apply.")
        );
    }

    #[test]
    fn numbers_ignore_thousands_separators() {
        assert_eq!(numbers_in("More than 120,000 since 1980"), ["120000", "1980"]);
        assert_eq!(numbers_in("50.7 percent, 64%, 2010 and '11."), ["50.7", "64", "2010", "11"]);
        assert_eq!(numbers_in("1,2345 and 3.50"), ["1", "2345", "3.5"]);
        assert_eq!(canonical_number(120000.0), "120000");
        assert_eq!(canonical_number(50.7), "50.7");
    }

    #[test]
    fn names_and_near_names() {
        let a = Article::new(TEXT);
        assert!(a.names("Andrew Little"));
        assert!(a.names("health minister andrew little"));
        assert!(!a.names("Jacinda Ardern"));
        assert_eq!(a.nearest_name("Andrew Litle"), Some("Andrew Little"));
    }
}

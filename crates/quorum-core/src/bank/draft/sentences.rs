//! An article cut into paragraphs, sentences, words and quotations, each
//! with its byte range in the text exactly as given, so every source the
//! draft cites is a slice of the article and provenance holds by
//! construction. It knows nothing of speakers or figures.

use std::ops::Range;

/// Words after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Jr", "Sr", "No", "Gen", "Gov", "Sen", "Rep", "Hon", "Lt", "Col",
    "Capt", "Sgt", "Insp", "Det", "Supt", "Cr", "Rev", "vs", "etc", "approx", "Co", "Ltd", "Inc", "Mt",
];

/// Verbs that attribute speech, as news English uses them.
pub const SPEECH_VERBS: [&str; 48] = [
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "explained",
    "explains",
    "argued",
    "argues",
    "warned",
    "warns",
    "claimed",
    "claims",
    "stated",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "asked",
    "asks",
    "replied",
    "replies",
    "responded",
    "insisted",
    "insists",
    "noted",
    "notes",
    "acknowledged",
    "admitted",
    "agreed",
    "conceded",
    "continued",
    "declared",
    "remarked",
    "suggested",
    "urged",
    "announced",
    "described",
    "describes",
    "recalled",
    "predicted",
    "cautioned",
    "stressed",
    "called",
    "labelled",
    "branded",
    "dubbed",
];

pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERBS.contains(&word)
}

/// A word: letters and digits, with apostrophes and hyphens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub sentence: usize,
    /// Inside a quotation: the quoted person's words, not the reporter's.
    pub in_quote: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub range: Range<usize>,
    pub paragraph: usize,
    /// The sentence's words, as indices into `Layout::words`.
    pub words: Range<usize>,
}

/// Quoted words between quotation marks: `range` is what is inside them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    pub range: Range<usize>,
    pub paragraph: usize,
    /// The paragraph opens with this quotation (a quote paragraph).
    pub opens_paragraph: bool,
    /// Not closed before the paragraph ends: by news convention the quote
    /// runs on into the next paragraph, which opens with a quotation mark.
    pub open_ended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub sentences: Range<usize>,
}

/// The article's text and its parts.
#[derive(Debug, Clone)]
pub struct Layout<'a> {
    pub text: &'a str,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub quotations: Vec<Quotation>,
    pub words: Vec<Word>,
}

fn is_open_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201C}' | '\u{201E}' | '\u{00AB}')
}

fn is_close_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201D}' | '\u{00BB}')
}

fn is_quote_mark(c: char) -> bool {
    is_open_quote(c) || is_close_quote(c)
}

/// Marks that may follow a sentence's final stop: quotes, brackets.
fn is_closer(c: char) -> bool {
    is_close_quote(c) || matches!(c, '\'' | '\u{2019}' | ')' | ']')
}

/// A line ends a paragraph when it ends like a sentence; a line that stops
/// mid-sentence was wrapped by hand and goes on in the next line.
fn ends_paragraph(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_none_or(|c| matches!(c, '.' | '?' | '!' | ':' | '…') || is_closer(c) || is_quote_mark(c))
}

fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

impl<'a> Layout<'a> {
    pub fn new(text: &'a str) -> Layout<'a> {
        let mut layout = Layout {
            text,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
            quotations: Vec::new(),
            words: Vec::new(),
        };
        for range in paragraph_ranges(text) {
            layout.add_paragraph(range);
        }
        layout
    }

    pub fn slice(&self, range: &Range<usize>) -> &'a str {
        &self.text[range.clone()]
    }

    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.words[i].range.clone()]
    }

    pub fn sentence_text(&self, s: usize) -> &'a str {
        &self.text[self.sentences[s].range.clone()]
    }

    /// The text between word `i - 1` and word `i` (or the start of its sentence).
    pub fn gap_before(&self, i: usize) -> &'a str {
        let w = &self.words[i];
        let start = match i.checked_sub(1).map(|p| &self.words[p]) {
            Some(p) if p.sentence == w.sentence => p.range.end,
            _ => self.sentences[w.sentence].range.start,
        };
        &self.text[start.min(w.range.start)..w.range.start]
    }

    /// The text between word `i` and word `i + 1` (or the end of its sentence).
    pub fn gap_after(&self, i: usize) -> &'a str {
        let w = &self.words[i];
        let end = match self.words.get(i + 1) {
            Some(n) if n.sentence == w.sentence => n.range.start,
            _ => self.sentences[w.sentence].range.end,
        };
        &self.text[w.range.end..end.max(w.range.end)]
    }

    /// The quotation this byte is inside, if any.
    pub fn quotation_at(&self, at: usize) -> Option<usize> {
        self.quotations.iter().position(|q| q.range.start <= at && at < q.range.end)
    }

    /// The sentence this byte is in.
    pub fn sentence_at(&self, at: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.range.end <= at);
        (i < self.sentences.len() && self.sentences[i].range.start <= at).then_some(i)
    }

    fn add_paragraph(&mut self, range: Range<usize>) {
        let index = self.paragraphs.len();
        let first_sentence = self.sentences.len();
        self.find_quotations(index, range.clone());
        for sentence in sentence_ranges(self.text, range.clone()) {
            self.add_sentence(index, sentence);
        }
        self.paragraphs.push(Paragraph { range, sentences: first_sentence..self.sentences.len() });
    }

    fn find_quotations(&mut self, paragraph: usize, range: Range<usize>) {
        let text = &self.text[range.clone()];
        let first = text.char_indices().find(|(_, c)| !c.is_whitespace()).map(|(i, _)| i);
        let mut open: Option<(usize, bool)> = None;
        for (i, c) in text.char_indices() {
            let at = range.start + i;
            let after = at + c.len_utf8();
            match open {
                None if is_open_quote(c) => open = Some((after, first == Some(i))),
                Some((start, opens)) if is_close_quote(c) => {
                    self.push_quotation(paragraph, start..at, opens, false);
                    open = None;
                }
                // A second opening curly quote: the first was never closed.
                Some(_) if matches!(c, '\u{201C}') => {
                    open = Some((after, false));
                }
                _ => {}
            }
        }
        if let Some((start, opens)) = open {
            self.push_quotation(paragraph, start..range.end, opens, true);
        }
    }

    fn push_quotation(&mut self, paragraph: usize, range: Range<usize>, opens: bool, open_ended: bool) {
        let range = trimmed(self.text, range);
        if self.text[range.clone()].chars().any(char::is_alphanumeric) {
            self.quotations.push(Quotation { range, paragraph, opens_paragraph: opens, open_ended });
        }
    }

    fn add_sentence(&mut self, paragraph: usize, range: Range<usize>) {
        let index = self.sentences.len();
        let first_word = self.words.len();
        let text = &self.text[range.clone()];
        let mut start: Option<usize> = None;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let joins = matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
                && start.is_some()
                && chars.get(k + 1).is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                self.push_word(index, range.start + s..range.start + i);
            }
        }
        if let Some(s) = start {
            self.push_word(index, range.start + s..range.end);
        }
        self.sentences.push(Sentence { range, paragraph, words: first_word..self.words.len() });
    }

    fn push_word(&mut self, sentence: usize, range: Range<usize>) {
        let at = range.start;
        let in_quote = self.quotations.iter().any(|q| q.range.start <= at && at < q.range.end);
        self.words.push(Word { range, sentence, in_quote });
    }
}

/// Paragraphs: lines, with hand-wrapped lines joined back together.
fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let range = offset..offset + line.len();
        offset += line.len();
        let content = trimmed(text, range);
        if content.is_empty() {
            if let Some(c) = current.take() {
                out.push(c);
            }
            continue;
        }
        let merged = match current.take() {
            Some(c) => c.start..content.end,
            None => content.clone(),
        };
        if ends_paragraph(&text[content]) {
            out.push(merged);
        } else {
            current = Some(merged);
        }
    }
    if let Some(c) = current {
        out.push(c);
    }
    out
}

/// The capital-letter word that starts at `rest`, if any.
fn next_word(rest: &str) -> &str {
    let rest = rest.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')).unwrap_or(rest.len());
    &rest[..end]
}

/// After `"…?"` or `"…!"`, a lower-case start or an attribution (`Tane
/// asked.`) continues the sentence.
fn attribution_follows(rest: &str) -> bool {
    rest.split_whitespace()
        .take(4)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .any(is_speech_verb)
}

/// Sentences: split after `.`, `?` or `!` (and any closing quote or
/// bracket) followed by a space and a capital, digit or opening quote.
fn sentence_ranges(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let body = &text[paragraph.clone()];
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        k += 1;
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        let mut closed_quote = false;
        while k < chars.len() && is_closer(chars[k].1) {
            closed_quote |= is_quote_mark(chars[k].1);
            end = chars[k].0 + chars[k].1.len_utf8();
            k += 1;
        }
        if k >= chars.len() || !chars[k].1.is_whitespace() {
            continue;
        }
        let rest = &body[chars[k].0..];
        let Some(next) = rest.trim_start().chars().next() else { continue };
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || is_open_quote(next)
            || next == '('
            || next == '\'')
        {
            continue;
        }
        if c == '.' {
            let before = &body[start..i];
            let last = before.rsplit(|ch: char| !ch.is_alphanumeric()).next().unwrap_or("");
            let initial = last.chars().count() == 1 && last.chars().all(char::is_uppercase);
            if ABBREVIATIONS.contains(&last) || initial {
                continue;
            }
        }
        if matches!(c, '?' | '!') && closed_quote && attribution_follows(rest) && !next_word(rest).is_empty()
        {
            continue;
        }
        out.push(trimmed(text, paragraph.start + start..paragraph.start + end));
        start = chars[k].0;
    }
    let last = trimmed(text, paragraph.start + start..paragraph.end);
    if !last.is_empty() {
        out.push(last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let l = Layout::new(text);
        l.sentences.iter().map(|s| &text[s.range.clone()]).collect()
    }

    fn quotes(text: &str) -> Vec<(&str, bool, bool)> {
        let l = Layout::new(text);
        l.quotations.iter().map(|q| (&text[q.range.clone()], q.opens_paragraph, q.open_ended)).collect()
    }

    #[test]
    fn sentences_split_at_stops_but_not_at_abbreviations_or_decimals() {
        assert_eq!(
            sentences("Dr. Jones paid $4.2 million. She said no. \"Why?\" she asked."),
            ["Dr. Jones paid $4.2 million.", "She said no.", "\"Why?\" she asked."]
        );
        assert_eq!(sentences("J. K. Smith left. Then"), ["J. K. Smith left.", "Then"]);
    }

    #[test]
    fn an_attribution_after_a_question_mark_stays_in_the_sentence() {
        assert_eq!(
            sentences("\"Why not?\" Hemi Tane asked. Nobody knew."),
            ["\"Why not?\" Hemi Tane asked.", "Nobody knew."]
        );
        assert_eq!(sentences("\"We won!\" The crowd cheered."), ["\"We won!\"", "The crowd cheered."]);
    }

    #[test]
    fn a_quote_paragraph_left_open_runs_on() {
        let text = "\"First part of it.\n\"Second part,\" she said. Then \u{201C}curly\u{201D} too.";
        assert_eq!(
            quotes(text),
            [("First part of it.", true, true), ("Second part,", true, false), ("curly", false, false)]
        );
    }

    #[test]
    fn wrapped_lines_are_one_paragraph() {
        let l = Layout::new("The council met\non Tuesday.\n\nIt voted.\n");
        assert_eq!(l.paragraphs.len(), 2);
        assert_eq!(l.sentence_text(0), "The council met\non Tuesday.");
    }

    #[test]
    fn words_know_whether_they_are_quoted() {
        let text = "\"We can't,\" said O'Brien-Smith.";
        let l = Layout::new(text);
        let words: Vec<(&str, bool)> = (0..l.words.len()).map(|i| (l.word(i), l.words[i].in_quote)).collect();
        assert_eq!(words, [("We", true), ("can't", true), ("said", false), ("O'Brien-Smith", false)]);
        assert_eq!(l.gap_before(2), ",\" ");
    }
}

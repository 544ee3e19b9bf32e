//! `quorum review`: a printable fact-check sheet for a bank, so a teacher or
//! a colleague can vet every question before class.
//!
//! For each question the sheet shows what the player sees, the right answer,
//! the article's words it rests on (marked within their paragraph), the
//! explanation, the background with its citation, the problems `check`
//! found, and a box to tick. The page is one self-contained HTML file: its
//! style is inline, it loads nothing (no scripts, fonts, images or
//! stylesheets), and every text from the bank or the article is escaped.

use std::fmt::Write as _;
use std::ops::Range;

use super::diagnostic::{Diagnostic, Severity};
use super::model::{Bank, Question, QuestionKind, WHO_SAID_IT_PROMPT, format_amount, format_number};
use super::provenance::{Article, Mapped};

/// Text as HTML: the five characters HTML gives a meaning to, escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A citation with its web addresses as links (escaped, `http` and `https`
/// only), so a checker on screen can open the source in one click.
fn cite_html(cite: &str) -> String {
    let mut out = String::new();
    let mut rest = cite;
    while let Some(at) = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min() {
        out.push_str(&escape(&rest[..at]));
        let tail = &rest[at..];
        let end = tail.find(char::is_whitespace).unwrap_or(tail.len());
        // Punctuation after an address belongs to the sentence.
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', ')', ']', '»', '"', '\'']);
        let _ = write!(out, "<a href=\"{}\">{}</a>", escape(url), escape(url));
        rest = &tail[url.len()..];
    }
    out.push_str(&escape(rest));
    out
}

const STYLE: &str = r#"
body { font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff;
  max-width: 52rem; margin: 1.5rem auto; padding: 0 1rem; line-height: 1.4; }
h1 { font-size: 1.5rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin: 0; }
h3 { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: #555; margin: .8rem 0 .2rem; }
header { border-bottom: 2px solid #111; padding-bottom: .6rem; margin-bottom: 1rem; }
.how { background: #f3f3f3; border-left: 4px solid #111; padding: .5rem .8rem; }
.question { border: 1px solid #999; border-radius: 4px; padding: .7rem 1rem; margin: 0 0 1rem;
  break-inside: avoid; page-break-inside: avoid; }
.meta { color: #444; font-size: .85rem; }
.prompt { font-weight: bold; margin: .4rem 0; }
blockquote { margin: .3rem 0 .3rem 1rem; font-style: italic; }
.choices { margin: .2rem 0; padding-left: 1.6rem; }
.answer { font-weight: bold; }
.answer::after { content: "\2714\A0right answer"; font-size: .8rem; margin-left: .6em; }
.paragraph { border-left: 3px solid #bbb; padding-left: .6rem; margin: .3rem 0; }
mark { background: #ffe95c; color: #000; padding: 0 .1em; }
.missing, .problem-error { color: #a00000; }
.problem-warning { color: #7a4b00; }
.background { border: 1px dashed #555; padding: .3rem .6rem; }
.cite { font-size: .85rem; color: #333; }
.text { white-space: pre-wrap; margin: .2rem 0; }
.tick { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.5rem; margin-top: .7rem; font-weight: bold; }
.tick input { width: 1.1rem; height: 1.1rem; margin: 0 .4rem 0 0; }
.by { font-weight: normal; color: #444; margin-left: auto; white-space: nowrap; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; } }
"#;

/// The whole sheet. `article` is `None` when it could not be read: the
/// sources are then listed without their paragraphs. `diagnostics` are what
/// `check` found, shown with their questions.
pub fn sheet(bank: &Bank, article: Option<&Article>, diagnostics: &[Diagnostic], bank_file: &str) -> String {
    let mapped = article.map(|a| Mapped::new(&a.text));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Fact-check: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&bank.language),
        escape(&bank.title)
    );
    header(&mut out, bank, article.is_some(), diagnostics, bank_file);
    for (index, q) in bank.questions.iter().enumerate() {
        let problems: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.index == Some(index)).collect();
        question(&mut out, index, q, article.zip(mapped.as_ref()), &problems);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, bank: &Bank, has_article: bool, diagnostics: &[Diagnostic], bank_file: &str) {
    let with_background = bank.questions.iter().filter(|q| q.background.is_some()).count();
    let _ = writeln!(out, "<header>\n<h1>Fact-check sheet: {}</h1>", escape(&bank.title));
    let _ = writeln!(out, "<p class=\"meta\">Bank: <code>{}</code></p>", escape(bank_file));
    match &bank.article {
        Some(a) => {
            let supplied = if a.title_supplied {
                " (a title the bank's author supplied: the article has no headline)"
            } else {
                ""
            };
            let unknown =
                |v: &Option<String>| v.as_deref().map_or_else(|| "not given in the article".to_string(), escape);
            let _ = writeln!(
                out,
                "<p>Article: <strong>{}</strong>{supplied}. Publisher: {}. Date: {}. File: <code>{}</code>.</p>",
                escape(&a.title),
                unknown(&a.publisher),
                unknown(&a.date),
                escape(&a.path)
            );
        }
        None => out.push_str(
            "<p class=\"missing\">This bank names no article: nothing in it has been checked against a source, \
             so check every answer and explanation against where the facts come from.</p>\n",
        ),
    }
    let n = bank.questions.len();
    let _ = writeln!(
        out,
        "<p>{n} question{}; {with_background} with background from outside the article.</p>",
        if n == 1 { "" } else { "s" }
    );
    out.push_str(
        "<p class=\"how\"><strong>How to use this sheet.</strong> For each question, read the article's words \
         (marked in yellow within their paragraph) and check that the right answer, every wrong choice and the \
         explanation say only what those words say: \"do not\" is not \"cannot\", and \"more than\" is not an \
         exact figure. The background is not from the article: check it against its source. Tick the box when \
         the question holds, and write what is wrong beside it when it does not.</p>\n",
    );
    if !has_article && bank.article.is_some() {
        out.push_str("<p class=\"missing\">The article could not be read, so the sources are shown without their paragraphs.</p>\n");
    }
    for d in diagnostics.iter().filter(|d| d.index.is_none()) {
        problem(out, d);
    }
    out.push_str("</header>\n");
}

fn problem(out: &mut String, d: &Diagnostic) {
    let (class, word) = match d.severity {
        Severity::Error => ("problem-error", "Error"),
        Severity::Warning => ("problem-warning", "Warning"),
        Severity::Note => ("problem-note", "Note"),
    };
    let line = d.position.map(|p| format!(" (line {})", p.line)).unwrap_or_default();
    let help = d.help.as_deref().map(|h| format!(" ({})", escape(h))).unwrap_or_default();
    let _ = writeln!(out, "<p class=\"{class}\">{word}{line}: {}{help}</p>", escape(&d.message));
}

fn question(
    out: &mut String,
    index: usize,
    q: &Question,
    article: Option<(&Article, &Mapped)>,
    problems: &[&Diagnostic],
) {
    let _ = writeln!(out, "<section class=\"question\" id=\"{}\">", escape(&q.id));
    let _ = writeln!(
        out,
        "<h2>{}. <code>{}</code></h2>\n<p class=\"meta\">{} · {} · {}{}</p>",
        index + 1,
        escape(&q.id),
        escape(q.kind_name()),
        escape(&q.topic),
        q.difficulty.name(),
        q.speaker().map(|s| format!(" · speaker: {}", escape(s))).unwrap_or_default()
    );
    asked(out, q);
    if !problems.is_empty() {
        out.push_str("<h3>What check found</h3>\n");
        for d in problems {
            problem(out, d);
        }
    }
    out.push_str("<h3>The article's words</h3>\n");
    sources(out, q, article);
    let _ = writeln!(out, "<h3>Explanation</h3>\n<p class=\"text\">{}</p>", escape(&q.explanation));
    match &q.background {
        Some(b) => {
            let cite = match b.cite.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                Some(c) => format!("Source: {}", cite_html(c)),
                None => "<span class=\"missing\">No source given: this cannot be checked.</span>".to_string(),
            };
            let _ = writeln!(
                out,
                "<h3>Background (not from the article)</h3>\n<div class=\"background\"><p class=\"text\">{}</p><p class=\"cite\">{cite}</p></div>",
                escape(&b.text)
            );
        }
        None => out.push_str(
            "<h3>Background</h3>\n<p class=\"meta\">None: everything here should be in the article.</p>\n",
        ),
    }
    let _ = writeln!(
        out,
        "<label class=\"tick\"><span><input type=\"checkbox\" name=\"checked-{}\">Checked: the answer, the choices, the explanation and the background hold.</span><span class=\"by\">By: ____________</span></label>\n</section>",
        escape(&q.id)
    );
}

/// What the player sees, and the right answer.
fn asked(out: &mut String, q: &Question) {
    let list = |out: &mut String, choices: &[String], answer: &str| {
        out.push_str("<ol class=\"choices\" type=\"A\">\n");
        for c in choices {
            let class = if c == answer { " class=\"answer\"" } else { "" };
            let _ = writeln!(out, "<li{class}>{}</li>", escape(c));
        }
        out.push_str("</ol>\n");
    };
    match &q.kind {
        QuestionKind::MultipleChoice { prompt, choices, answer }
        | QuestionKind::Figure { prompt, choices, answer } => {
            let _ = writeln!(out, "<p class=\"prompt\">{}</p>", escape(prompt));
            list(out, choices, answer);
        }
        QuestionKind::WhoSaidIt { prompt, quote, choices, answer } => {
            let prompt = prompt.as_deref().unwrap_or(WHO_SAID_IT_PROMPT);
            let _ = writeln!(
                out,
                "<p class=\"prompt\">{}</p>\n<blockquote>{}</blockquote>",
                escape(prompt),
                escape(quote)
            );
            list(out, choices, answer);
        }
        QuestionKind::TrueFalse { statement, answer } => {
            let _ = writeln!(out, "<p class=\"prompt\">True or false: {}</p>", escape(statement));
            let answer = if *answer { "True" } else { "False" };
            list(out, &["True".to_string(), "False".to_string()], answer);
        }
        QuestionKind::Estimate { prompt, min, max, step, unit, answer, tolerance } => {
            let _ = writeln!(out, "<p class=\"prompt\">{}</p>", escape(prompt));
            let amount = |v: f64| escape(&format_amount(v, unit));
            let _ = writeln!(
                out,
                "<p><span class=\"answer\">{}</span><br>Full points from {} to {}; part points from {} to {}. The slider runs from {} to {} in steps of {}.</p>",
                amount(*answer),
                amount(answer - tolerance),
                amount(answer + tolerance),
                amount(answer - 2.0 * tolerance),
                amount(answer + 2.0 * tolerance),
                amount(*min),
                amount(*max),
                escape(&format_number(*step))
            );
        }
    }
}

/// Each source within its paragraph, its words marked; sources the article
/// does not contain are named as such.
fn sources(out: &mut String, q: &Question, article: Option<(&Article, &Mapped)>) {
    if q.source.is_empty() {
        out.push_str(
            "<p class=\"missing\">No source: this question cannot be checked against the article.</p>\n",
        );
        return;
    }
    let Some((article, mapped)) = article else {
        for s in &q.source {
            let _ = writeln!(out, "<p class=\"paragraph\">{}</p>", escape(s));
        }
        return;
    };
    let mut marks: Vec<Range<usize>> = Vec::new();
    for s in &q.source {
        match mapped.find(s) {
            Some(range) => marks.push(range),
            None => {
                let _ = writeln!(
                    out,
                    "<p class=\"missing\">Not found in the article: \u{201C}{}\u{201D}</p>",
                    escape(s)
                );
            }
        }
    }
    marks.sort_by_key(|r| r.start);
    let text = &article.text;
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let paragraph = start..start + line.trim_end_matches(['\n', '\r']).len();
        start += line.len();
        let inside: Vec<Range<usize>> = marks
            .iter()
            .filter(|m| m.start < paragraph.end && m.end > paragraph.start)
            .map(|m| m.start.max(paragraph.start)..m.end.min(paragraph.end))
            .collect();
        if inside.is_empty() {
            continue;
        }
        out.push_str("<p class=\"paragraph\">");
        let mut at = paragraph.start;
        for m in merge(inside) {
            out.push_str(&escape(&text[at..m.start]));
            let _ = write!(out, "<mark>{}</mark>", escape(&text[m.clone()]));
            at = m.end;
        }
        out.push_str(&escape(&text[at..paragraph.end]));
        out.push_str("</p>\n");
    }
}

/// Sorted ranges with overlapping ones joined.
fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{builtin, check_bytes};

    const ARTICLE: &str = "The first paragraph.\nSecond \u{201C}quoted\u{201D} words here. And more.\n";

    fn sheet_of(ron: &str) -> String {
        let checked = check_bytes("t.ron", ron.as_bytes(), |_| Ok(ARTICLE.to_string()));
        let bank = checked.bank.as_ref().expect("parses");
        sheet(bank, checked.article.as_ref(), &checked.diagnostics, "t.ron")
    }

    const BANK: &str = r#"Bank(
    title: "A <bank> & co",
    article: Article(path: "a.txt", title: "A"),
    questions: [
        MultipleChoice(
            id: "q",
            topic: "T",
            difficulty: Easy,
            prompt: "Which <b>words</b> are \"quoted\"?",
            choices: ["Quoted words", "Other words"],
            answer: "Quoted words",
            explanation: "The article quotes them; this explanation is long enough to teach.",
            background: Background(text: "Outside <fact>.", cite: "Some Act 1975, https://example.org/act?a=1&b=2."),
            source: ["\"quoted\" words", "Not in the article at all."],
        ),
    ],
)"#;

    #[test]
    fn the_source_is_marked_within_its_paragraph_and_a_missing_one_is_named() {
        let html = sheet_of(BANK);
        assert!(
            html.contains(
                "<p class=\"paragraph\">Second <mark>\u{201C}quoted\u{201D} words</mark> here. And more.</p>"
            ),
            "{html}"
        );
        assert!(!html.contains("The first paragraph"), "only the paragraphs a source is in");
        assert!(html.contains("Not found in the article: \u{201C}Not in the article at all.\u{201D}"));
        assert!(
            html.contains("source 2 is not in the article"),
            "check's problems are shown with the question"
        );
    }

    #[test]
    fn everything_is_escaped_and_the_answer_marked() {
        let html = sheet_of(BANK);
        assert!(html.contains("<title>Fact-check: A &lt;bank&gt; &amp; co</title>"));
        assert!(html.contains("Which &lt;b&gt;words&lt;/b&gt; are &quot;quoted&quot;?"));
        assert!(!html.contains("<b>words"));
        assert!(html.contains("<li class=\"answer\">Quoted words</li>\n<li>Other words</li>"));
        assert!(html.contains("Outside &lt;fact&gt;."));
        assert!(html.contains(
            "Source: Some Act 1975, <a href=\"https://example.org/act?a=1&amp;b=2\">https://example.org/act?a=1&amp;b=2</a>."
        ));
    }

    #[test]
    fn the_shipped_bank_makes_a_self_contained_sheet() {
        let checked = builtin::check();
        let bank = checked.bank.as_ref().unwrap();
        let html = sheet(bank, checked.article.as_ref(), &checked.diagnostics, builtin::BANK_PATH);
        for q in &bank.questions {
            assert!(html.contains(&format!("<code>{}</code>", q.id)), "{}", q.id);
        }
        assert_eq!(html.matches("<section class=\"question\"").count(), bank.questions.len());
        assert_eq!(html.matches("type=\"checkbox\"").count(), bank.questions.len());
        assert!(html.matches("<mark>").count() >= bank.questions.len(), "every question's source is marked");
        assert!(!html.contains("Not found in the article"));
        for outside in ["<script", "<link", " src=", "@import", "url("] {
            assert!(!html.contains(outside), "the sheet loads nothing: found {outside}");
        }
        let backgrounds = bank.questions.iter().filter(|q| q.background.is_some()).count();
        assert_eq!(html.matches("Background (not from the article)").count(), backgrounds);
    }

    #[test]
    fn an_estimate_shows_its_bands() {
        let bank = builtin::check().bank.unwrap();
        let q = bank.questions.iter().find(|q| q.id == "est-used-by-end-of-teens").unwrap();
        let mut out = String::new();
        asked(&mut out, q);
        assert!(out.contains("<span class=\"answer\">80%</span><br>Full points from 75% to 85%; part points from 70% to 90%."), "{out}");
    }
}

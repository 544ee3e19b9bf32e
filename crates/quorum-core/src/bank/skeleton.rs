//! `quorum new`: a commented bank with one example of each kind, built on
//! the teacher's own article, ready to fill in.

use super::bound::{self, Side};
use super::model::{ArticleRef, Background, Bank, Difficulty, Question, QuestionKind, format_number};
use super::outline::Comments;
use super::provenance::{Article, canonical_number, numbers_in};
use super::write;

/// The skeleton's text. With an article (its `path` from the bank, and its
/// text), each example's source is a real sentence of it (so provenance
/// already holds); without one, the examples have no source. The prompts,
/// choices and explanations are for the teacher to write.
pub fn skeleton(title: &str, article: Option<(&str, &str)>) -> String {
    let article_path = article.map(|(path, _)| path);
    let article = article.map(|(_, text)| Article::new(text));
    let sentences: &[String] = article.as_ref().map_or(&[], |a| &a.sentences);
    let pick = |n: usize| sentences.get(n).or(sentences.first()).cloned().into_iter().collect::<Vec<_>>();
    let figure = Figure::find(sentences);
    let speaker = article.as_ref().map_or_else(|| "Replace with the speaker".to_string(), likely_speaker);
    let base = |id: &str, kind: QuestionKind, source: Vec<String>| Question {
        id: id.to_string(),
        topic: "Replace with a topic".to_string(),
        difficulty: Difficulty::Medium,
        time_limit: None,
        explanation: "Replace with an explanation that teaches why the answer is right.".to_string(),
        background: None,
        source,
        speaker: None,
        kind,
        draft: false,
        draft_note: None,
    };
    let mut questions = vec![
        base(
            "example-multiple-choice",
            QuestionKind::MultipleChoice {
                prompt: "Replace with a question about the sentence in `source`.".to_string(),
                choices: vec![
                    "The right answer".to_string(),
                    "A wrong answer".to_string(),
                    "Another wrong answer".to_string(),
                ],
                answer: "The right answer".to_string(),
            },
            pick(0),
        ),
        base(
            "example-who-said-it",
            QuestionKind::WhoSaidIt {
                prompt: None,
                quote: pick(1)
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "Replace with the quoted words.".to_string()),
                choices: vec![speaker.clone(), "Someone else".to_string()],
                answer: speaker,
            },
            pick(1),
        ),
        base(
            "example-true-false",
            QuestionKind::TrueFalse {
                statement: "Replace with a statement the article shows true or false.".to_string(),
                answer: true,
            },
            pick(2),
        ),
        base(
            "example-figure",
            QuestionKind::Figure {
                prompt: "Replace with a question whose answer is the figure in `source`.".to_string(),
                choices: figure.choices(),
                answer: figure.answer.clone(),
            },
            figure.source.clone(),
        ),
        base("example-estimate", figure.estimate(), figure.source.clone()),
    ];
    // One example of background: a fact from outside the article, and where it comes from.
    questions[0].background = Some(Background {
        text: "Replace with a fact from outside the article, or delete `background`.".to_string(),
        cite: Some(
            "Replace with where it comes from: the publication, law or official page, and its address."
                .to_string(),
        ),
    });
    let bank = Bank {
        title: title.to_string(),
        description: "Replace with a sentence about this quiz.".to_string(),
        language: "en".to_string(),
        article: article_path.map(|path| ArticleRef {
            path: path.to_string(),
            title: title.to_string(),
            title_supplied: true,
            publisher: None,
            date: None,
        }),
        questions,
    };
    let mut header = vec![
        format!("// {title}: a Quorum question bank, made by `quorum new`."),
        "//".to_string(),
        "// Replace the examples with your own questions; docs/bank-format.md describes every field."
            .to_string(),
    ];
    if article_path.is_some() {
        header.extend([
            "// Each `source` must be copied word for word from the article. The examples use its"
                .to_string(),
            "// first sentences. Check your work with: quorum check THIS-FILE.ron".to_string(),
            "// If the article has a headline, publisher or date, write them in `article` below and set"
                .to_string(),
            "// `title_supplied: false`; leave `None` where the article does not say.".to_string(),
        ]);
    } else {
        header.extend([
            "// This bank has no article, so nothing in it is checked against a source. To check it,"
                .to_string(),
            "// add `article: Article(path: \"...\", title: \"...\")` and a `source` to each question."
                .to_string(),
            "// Check your work with: quorum check THIS-FILE.ron".to_string(),
        ]);
    }
    let comments = Comments {
        header,
        questions: vec![
            (
                "example-multiple-choice".to_string(),
                vec![
                    "// Multiple choice: 2 to 6 choices; `answer` is one of them, written the same way."
                        .to_string(),
                    "// The explanation says only what the article says; anything from outside it goes in"
                        .to_string(),
                    "// `background`, with a `cite` saying where it comes from.".to_string(),
                ],
            ),
            (
                "example-who-said-it".to_string(),
                vec![
                    "// Who said it: a quote from the article and the people who might have said it."
                        .to_string(),
                    "// The answer is a name from your article that `quorum new` picked: replace it."
                        .to_string(),
                ],
            ),
            (
                "example-true-false".to_string(),
                vec!["// True or false: a statement; `answer` is true or false.".to_string()],
            ),
            (
                "example-figure".to_string(),
                vec![
                    "// Figure: the right number among wrong ones; it must appear in the source.".to_string(),
                ],
            ),
            (
                "example-estimate".to_string(),
                vec![
                    "// Estimate: a slider from min to max; answers within `tolerance` score in full."
                        .to_string(),
                ],
            ),
        ],
        trailer: Vec::new(),
    };
    write::to_ron(&bank, &comments)
}

/// The first number of the article the examples can ask about, or a
/// stand-in when it has none (the examples then have no source).
struct Figure {
    value: f64,
    answer: String,
    /// When the article gives the figure as a bound ("more than").
    side: Option<Side>,
    source: Vec<String>,
}

impl Figure {
    fn find(sentences: &[String]) -> Figure {
        for sentence in sentences {
            for number in numbers_in(sentence) {
                // Only a number that reads back as written can be checked against its source.
                let Ok(value) = number.parse::<f64>() else { continue };
                if value > 0.0 && value < 1e12 && canonical_number(value) == number {
                    let answer = format_number(value);
                    let answer = if numbers_in(&answer) == [number.clone()] { answer } else { number };
                    // "More than 120,000" stays a bound: the example must not make it exact.
                    let side = bound::stated_before(sentence, &answer);
                    let answer = match side {
                        Some((ref opening, _)) => format!("{opening} {answer}"),
                        None => answer,
                    };
                    return Figure {
                        value,
                        answer,
                        side: side.map(|(_, s)| s),
                        source: vec![sentence.clone()],
                    };
                }
            }
        }
        Figure { value: 1.0, answer: "1".to_string(), side: None, source: Vec::new() }
    }

    /// The figure and two others: twice it and half it, never the same. Under
    /// a bound, both lie on the side the bound rules out, so they are wrong.
    fn choices(&self) -> Vec<String> {
        let others = match self.side {
            None => [self.value * 2.0, self.value / 2.0],
            Some(Side::Lower) => [self.value / 2.0, self.value / 10.0],
            Some(Side::Upper) => [self.value * 2.0, self.value * 10.0],
        };
        let mut choices = vec![self.answer.clone()];
        for other in others {
            // Grouped and rounded as the game shows figures, unless rounding makes it the answer.
            let shown = format_number(other);
            let shown = if choices.contains(&shown) { write::number(other) } else { shown };
            choices.push(if self.side.is_some() { format!("About {shown}") } else { shown });
        }
        choices
    }

    /// A slider the figure is reachable on, not in its middle, with a
    /// tolerance of about a tenth of it.
    fn estimate(&self) -> QuestionKind {
        let v = self.value;
        // The largest power of ten no more than a tenth of the figure that steps onto it exactly.
        let mut step = 10f64.powf((v / 10.0).log10().floor());
        while step > 1e-6 && ((v / step) - (v / step).round()).abs() > 1e-6 {
            step /= 10.0;
        }
        let steps = (v / step).round();
        let (min, max) = if steps <= 200.0 {
            (0.0, (steps * 3.0).max(steps + 10.0) * step)
        } else {
            ((steps - 100.0) * step, (steps + 200.0) * step)
        };
        let tolerance = (v / 10.0).max(step).min((max - min) / 5.0);
        let round = |x: f64| (x / step).round() * step;
        QuestionKind::Estimate {
            prompt: "Replace with a question answered by setting a slider.".to_string(),
            min: round(min),
            max: round(max),
            step,
            unit: String::new(),
            answer: v,
            tolerance,
        }
    }
}

/// Words that start sentences rather than names.
const NOT_NAMES: [&str; 24] = [
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "So",
    "If",
    "As",
    "It",
    "We",
    "He",
    "She",
    "They",
    "This",
    "That",
    "Meanwhile",
    "However",
    "Even",
    "There",
    "When",
];

/// A name the article uses, for the who-said-it example's answer (which
/// must be named in the article): the first run of two or three
/// capitalised words, else the first capitalised word.
fn likely_speaker(article: &Article) -> String {
    let words: Vec<&str> = article
        .text
        .split(|c: char| {
            c.is_whitespace()
                || matches!(c, ',' | '.' | '"' | '(' | ')' | ':' | ';' | '!' | '?' | '\u{201C}' | '\u{201D}')
        })
        .filter(|w| !w.is_empty())
        .collect();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&w);
    let runs = (0..words.len()).flat_map(|i| [3, 2].into_iter().map(move |len| (i, len)));
    let named = |name: &str| article.names(name).then(|| name.to_string());
    runs.filter_map(|(i, len)| {
        let run = words.get(i..i + len)?;
        run.iter().all(|w| capitalised(w)).then(|| run.join(" "))
    })
    .find_map(|name| named(&name))
    .or_else(|| words.iter().filter(|w| capitalised(w)).find_map(|w| named(w)))
    .or_else(|| words.first().and_then(|w| named(w)))
    .unwrap_or_else(|| "Replace with the speaker".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Checked, builtin, check_bytes};

    fn check_skeleton(article: &str) -> (String, Checked) {
        let text = skeleton("My quiz", Some(("article.txt", article)));
        let article = article.to_string();
        let checked = check_bytes("new.ron", text.as_bytes(), move |_| Ok(article));
        (text, checked)
    }

    #[test]
    fn the_skeleton_for_the_shipped_article_checks_with_warnings_only() {
        let (text, checked) = check_skeleton(builtin::ARTICLE_TEXT);
        let bank = checked.bank.as_ref().expect("parses");
        assert_eq!(bank.questions.len(), 5);
        assert_eq!(checked.errors(), 0, "{}", checked.report());
        assert!(text.starts_with("// My quiz: a Quorum question bank"));
        assert!(text.contains("background: Background("), "the format's background is shown by example");
        // The who-said-it example's answer is a name the article uses.
        assert_eq!(bank.questions[1].answer_text(), "Green Party");
        // "More than 120,000" stays a bound, and the other choices are ruled out by it.
        assert_eq!(bank.questions[3].choices(), ["More than 120,000", "About 60,000", "About 12,000"]);
    }

    #[test]
    fn the_skeleton_checks_with_warnings_only_for_any_article() {
        for article in [
            "Mayor Aroha Smith said the council would vote on Tuesday.",
            "The council met. Rates rise by 4.5 percent. \"We had no choice,\" said Jo Bloggs.\nA second paragraph.",
            "no capitals, no numbers, nothing else",
            "Costs rose 0 percent, then 0.001 percent, to 1,250,000 dollars in 2024.",
            "Turnout was 82.2 percent.",
            "\"It is done,\" she said. 2019.",
        ] {
            let (_, checked) = check_skeleton(article);
            assert_eq!(checked.errors(), 0, "{article:?}:\n{}", checked.report());
        }
    }

    #[test]
    fn the_estimate_example_reaches_its_answer_off_centre() {
        for value in [1.0, 4.5, 50.7, 82.2, 2019.0, 120_000.0, 0.001] {
            let figure = Figure { value, answer: format_number(value), side: None, source: Vec::new() };
            let QuestionKind::Estimate { min, max, step, answer, tolerance, .. } = figure.estimate() else {
                panic!("an estimate")
            };
            let from_min = (answer - min) / step;
            assert!((from_min - from_min.round()).abs() < 1e-6, "{value}: reachable");
            assert!(
                min < answer && answer < max && (min + max) / 2.0 != answer,
                "{value}: inside, off centre"
            );
            assert!(tolerance > 0.0 && tolerance <= (max - min) / 4.0, "{value}: a fair tolerance");
            assert!((max - min) / step <= 1000.0, "{value}: a slider keys can set");
        }
    }

    #[test]
    fn a_skeleton_without_an_article_checks_without_errors() {
        let text = skeleton("Three branches", None);
        let checked = check_bytes("new.ron", text.as_bytes(), |_| Err("no article is named".into()));
        let bank = checked.bank.as_ref().expect("parses");
        assert_eq!(bank.article, None);
        assert_eq!(bank.questions.len(), 5);
        assert!(bank.questions.iter().all(|q| q.source.is_empty()));
        assert_eq!(checked.errors(), 0, "{}", checked.report());
        assert_eq!(checked.notes(), 1, "one note says nothing is checked against a source");
        assert!(text.contains("This bank has no article"));
    }
}

//! `quorum new`: a commented bank with one example of each kind, built on
//! the teacher's own article, ready to fill in.

use super::model::{ArticleRef, Bank, Difficulty, Question, QuestionKind};
use super::outline::Comments;
use super::provenance::{Article, numbers_in};
use super::write;

/// The skeleton's text. Each example's source is a real sentence of the
/// article (so provenance already holds); the prompts, choices and
/// explanations are for the teacher to write.
pub fn skeleton(title: &str, article_path: &str, article_text: &str) -> String {
    let article = Article::new(article_text);
    let sentences = &article.sentences;
    let pick = |n: usize| sentences.get(n).or(sentences.first()).cloned().into_iter().collect::<Vec<_>>();
    // A figure needs a sentence with a number in it.
    let with_number = sentences.iter().find(|s| !numbers_in(s).is_empty()).cloned();
    let number = with_number.as_deref().and_then(|s| numbers_in(s).into_iter().next());
    let figure = number.clone().unwrap_or_else(|| "1".to_string());
    let value: f64 = figure.parse().unwrap_or(1.0);
    let base = |id: &str, kind: QuestionKind, source: Vec<String>| Question {
        id: id.to_string(),
        topic: "Replace with a topic".to_string(),
        difficulty: Difficulty::Medium,
        time_limit: None,
        explanation: "Replace with an explanation that teaches why the answer is right.".to_string(),
        source,
        speaker: None,
        kind,
        draft: false,
        draft_note: None,
    };
    let questions = vec![
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
                quote: pick(1).first().cloned().unwrap_or_default(),
                choices: vec!["Replace with the speaker".to_string(), "Someone else".to_string()],
                answer: "Replace with the speaker".to_string(),
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
                choices: vec![
                    figure.clone(),
                    write::number(value * 2.0),
                    write::number((value / 2.0).round()),
                ],
                answer: figure.clone(),
            },
            with_number.clone().into_iter().collect(),
        ),
        base(
            "example-estimate",
            QuestionKind::Estimate {
                prompt: "Replace with a question answered by setting a slider.".to_string(),
                min: 0.0,
                max: (value * 3.0).max(10.0).ceil(),
                step: 1f64.max(10f64.powf((value.abs().max(1.0)).log10().floor() - 1.0)),
                unit: String::new(),
                answer: value,
                tolerance: (value.abs() / 10.0).max(1.0).round(),
            },
            with_number.into_iter().collect(),
        ),
    ];
    let bank = Bank {
        title: title.to_string(),
        description: "Replace with a sentence about this quiz.".to_string(),
        language: "en".to_string(),
        article: ArticleRef {
            path: article_path.to_string(),
            title: title.to_string(),
            title_supplied: true,
            publisher: None,
            date: None,
        },
        questions,
    };
    let comments = Comments {
        header: vec![
            format!("// {title}: a Quorum question bank, made by `quorum new`."),
            "//".to_string(),
            "// Replace the examples with your own questions; docs/bank-format.md describes every field."
                .to_string(),
            "// Each `source` must be copied word for word from the article. The examples use its"
                .to_string(),
            "// first sentences. Check your work with: quorum check THIS-FILE.ron".to_string(),
            "// If the article has a headline, publisher or date, write them in `article` below and set"
                .to_string(),
            "// `title_supplied: false`; leave `None` where the article does not say.".to_string(),
        ],
        questions: vec![
            (
                "example-multiple-choice".to_string(),
                vec![
                    "// Multiple choice: 2 to 6 choices; `answer` is one of them, written the same way."
                        .to_string(),
                ],
            ),
            (
                "example-who-said-it".to_string(),
                vec![
                    "// Who said it: a quote from the article and the people who might have said it."
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{builtin, check_bytes};

    #[test]
    fn the_skeleton_parses_and_its_sources_are_in_the_article() {
        let text = skeleton("My quiz", "article.txt", builtin::ARTICLE_TEXT);
        let checked = check_bytes("new.ron", text.as_bytes(), |_| Ok(builtin::ARTICLE_TEXT.to_string()));
        let bank = checked.bank.as_ref().expect("parses");
        assert_eq!(bank.questions.len(), 5);
        // Provenance holds for every source; what is left is the teacher's to write.
        assert!(
            !checked.diagnostics.iter().any(|d| d.message.contains("not in the article")),
            "{}",
            checked.report()
        );
        assert!(text.starts_with("// My quiz: a Quorum question bank"));
    }
}

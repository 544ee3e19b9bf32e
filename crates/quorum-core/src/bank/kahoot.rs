//! Kahoot's quiz spreadsheet, as its template lays it out: a few rows of
//! instructions, then a heading row ("Question - max 120 characters",
//! "Answer 1 - max 75 characters" ... "Answer 4 ...", "Time limit (sec)",
//! "Correct answer(s) - choose at least one"), then one question a row, the
//! right answers given by number ("2", or "1,3" when several are right).
//!
//! Quorum plays one right answer, so a row with several is skipped and
//! named. Only reading: `import` decides when a file is one of these.

use super::import::{
    Row, RowResult, answer_numbers, choice_question, plain_question, stray_cells, time_limit,
};

/// Where a Kahoot sheet keeps each thing, found from its heading row.
#[derive(Debug, Clone)]
pub struct Columns {
    question: usize,
    /// Answer 1, answer 2, ... in order.
    answers: Vec<usize>,
    time: Option<usize>,
    correct: usize,
    headings: Vec<String>,
}

impl Columns {
    /// The columns, when `headings` (compared as `import::heading` gives
    /// them) are Kahoot's.
    pub fn find(headings: &[String]) -> Option<Columns> {
        let position = |test: &dyn Fn(&str) -> bool| headings.iter().position(|h| test(h));
        let question =
            position(&|h| h == "question" || h.starts_with("question -") || h.starts_with("question ("))?;
        let mut numbered: Vec<(usize, usize)> = headings
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let rest = h.strip_prefix("answer")?.trim_start();
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<usize>().ok().map(|n| (n, i))
            })
            .collect();
        numbered.sort();
        let answers: Vec<usize> = numbered.into_iter().map(|(_, i)| i).collect();
        let correct = position(&|h| h.starts_with("correct answer"))?;
        if answers.len() < 2 {
            return None;
        }
        let time = position(&|h| h.starts_with("time limit"));
        Some(Columns { question, answers, time, correct, headings: headings.to_vec() })
    }

    fn known(&self) -> Vec<usize> {
        // Columns left of the question hold the template's row numbers.
        let mut known: Vec<usize> = (0..=self.question).collect();
        known.extend(&self.answers);
        known.extend(self.time);
        known.push(self.correct);
        known
    }
}

/// One row as a question; `None` for a row with nothing in Kahoot's columns
/// (the template numbers rows it leaves empty).
pub fn question(columns: &Columns, row: &Row) -> Option<RowResult> {
    let prompt = row.cell(columns.question);
    let answers: Vec<&str> = columns.answers.iter().map(|&c| row.cell(c)).collect();
    let correct = row.cell(columns.correct);
    if prompt.is_empty() && correct.is_empty() && answers.iter().all(|a| a.is_empty()) {
        return None;
    }
    Some((|| {
        let right = answer_numbers(correct)?;
        let kind = choice_question(prompt, &answers, &right)?;
        let mut left_out = Vec::new();
        let time = columns.time.and_then(|c| time_limit(row.cell(c), &mut left_out));
        left_out.extend(stray_cells(row, &columns.known(), &columns.headings));
        Ok((plain_question(kind, time, ""), left_out))
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::import::heading;

    fn template_headings() -> Vec<String> {
        [
            "",
            "Question - max 120 characters",
            "Answer 1 - max 75 characters",
            "Answer 2 - max 75 characters",
            "Answer 3 - max 75 characters",
            "Answer 4 - max 75 characters",
            "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
            "Correct answer(s) - choose at least one",
        ]
        .iter()
        .map(|h| heading(h))
        .collect()
    }

    fn row(cells: &[&str]) -> Row {
        Row { number: 9, cells: cells.iter().map(|c| c.to_string()).collect() }
    }

    #[test]
    fn the_template_headings_are_found() {
        let c = Columns::find(&template_headings()).unwrap();
        assert_eq!((c.question, c.answers.clone(), c.time, c.correct), (1, vec![2, 3, 4, 5], Some(6), 7));
        assert!(Columns::find(&["question text".to_string(), "option 1".to_string()]).is_none());
    }

    #[test]
    fn a_row_becomes_a_question_and_several_right_answers_are_refused() {
        let c = Columns::find(&template_headings()).unwrap();
        let (q, notes) =
            question(&c, &row(&["1", "Who applies laws?", "Judges", "Ministers", "", "", "20", "1"]))
                .unwrap()
                .unwrap();
        assert_eq!(q.answer_text(), "Judges");
        assert_eq!(q.choices(), ["Judges", "Ministers"]);
        assert_eq!(q.time_limit, Some(20));
        assert!(notes.is_empty());
        let e =
            question(&c, &row(&["", "Which?", "a", "b", "c", "d", "60", "1,2,3,4"])).unwrap().unwrap_err();
        assert!(e.contains("4 right answers"), "{e}");
        assert!(question(&c, &row(&["7", "", "", "", "", "", "", ""])).is_none(), "a numbered empty row");
    }
}

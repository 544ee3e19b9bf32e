//! Wayground's (formerly Quizizz) quiz spreadsheet, as its template lays it
//! out: a heading row ("Question Text", "Question Type", "Option 1" ...
//! "Option 5", "Correct Answer", "Time in seconds", "Image Link", "Answer
//! explanation"), a row of instructions under it, then one question a row.
//!
//! Quorum plays multiple choice (and a checkbox question with one right
//! option). Fill-in-the-blank, open-ended, poll and draw questions, and
//! checkbox questions with several right options, are skipped and named;
//! an image link is left out with a note. Only reading.

use super::import::{
    Row, RowResult, answer_numbers, choice_question, plain_question, stray_cells, time_limit,
};

/// Where a Wayground sheet keeps each thing, found from its heading row.
#[derive(Debug, Clone)]
pub struct Columns {
    question: usize,
    kind: Option<usize>,
    /// Option 1, option 2, ... in order.
    options: Vec<usize>,
    correct: usize,
    time: Option<usize>,
    image: Option<usize>,
    explanation: Option<usize>,
    headings: Vec<String>,
}

impl Columns {
    /// The columns, when `headings` (compared as `import::heading` gives
    /// them) are Wayground's.
    pub fn find(headings: &[String]) -> Option<Columns> {
        let position = |test: &dyn Fn(&str) -> bool| headings.iter().position(|h| test(h));
        let question = position(&|h| h == "question text")?;
        let mut numbered: Vec<(usize, usize)> = headings
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.strip_prefix("option")?.trim().parse::<usize>().ok().map(|n| (n, i)))
            .collect();
        numbered.sort();
        let options: Vec<usize> = numbered.into_iter().map(|(_, i)| i).collect();
        if options.len() < 2 {
            return None;
        }
        Some(Columns {
            question,
            kind: position(&|h| h == "question type"),
            options,
            correct: position(&|h| h == "correct answer")?,
            time: position(&|h| h.starts_with("time in seconds") || h.starts_with("time limit")),
            image: position(&|h| h.starts_with("image link")),
            explanation: position(&|h| h.starts_with("answer explanation") || h == "explanation"),
            headings: headings.to_vec(),
        })
    }

    fn known(&self) -> Vec<usize> {
        let mut known = vec![self.question, self.correct];
        known.extend(&self.options);
        known.extend(self.kind);
        known.extend(self.time);
        known.extend(self.image);
        known.extend(self.explanation);
        known
    }
}

/// The question types Wayground's template names, and whether Quorum plays them.
fn kind_of(cell: &str) -> Result<bool, String> {
    let k: String = cell.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    match k.as_str() {
        "" | "multiplechoice" | "mcq" => Ok(false),
        "checkbox" | "multipleselect" | "multipleanswer" => Ok(true),
        "fillintheblank" | "fillintheblanks" | "fillblank" => {
            Err("a fill-in-the-blank question, which Quorum cannot play".to_string())
        }
        "openended" | "open" => Err("an open-ended question, which Quorum cannot play".to_string()),
        "poll" => Err("a poll, which has no right answer to play".to_string()),
        "draw" => Err("a draw question, which Quorum cannot play".to_string()),
        _ => Err(format!(
            "the question type \"{cell}\" is not one Quorum knows (Multiple Choice, Checkbox, \
             Fill-in-the-Blank, Open-Ended, Poll, Draw)"
        )),
    }
}

/// One row as a question; `None` for the template's row of instructions.
pub fn question(columns: &Columns, row: &Row) -> Option<RowResult> {
    let prompt = row.cell(columns.question);
    // The template explains each column in the row under the headings.
    if prompt.starts_with("Text of the question") {
        return None;
    }
    Some((|| {
        let checkbox = kind_of(columns.kind.map_or("", |c| row.cell(c)))?;
        let options: Vec<&str> = columns.options.iter().map(|&c| row.cell(c)).collect();
        let right = answer_numbers(row.cell(columns.correct))?;
        if checkbox && right.len() > 1 {
            return Err(format!(
                "a checkbox question with {} right options, which Quorum cannot play: it needs exactly one",
                right.len()
            ));
        }
        let kind = choice_question(prompt, &options, &right)?;
        let mut left_out = Vec::new();
        let time = columns.time.and_then(|c| time_limit(row.cell(c), &mut left_out));
        if let Some(image) = columns.image.map(|c| row.cell(c)).filter(|l| !l.is_empty()) {
            left_out.push(format!(
                "the image ({image}) is left out: Quorum shows no pictures, so check that the question reads without it"
            ));
        }
        left_out.extend(stray_cells(row, &columns.known(), &columns.headings));
        let explanation = columns.explanation.map_or("", |c| row.cell(c));
        Ok((plain_question(kind, time, explanation), left_out))
    })())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::import::heading;

    fn template_headings() -> Vec<String> {
        [
            "Question Text",
            "Question Type",
            "Option 1",
            "Option 2",
            "Option 3",
            "Option 4",
            "Option 5",
            "Correct Answer",
            "Time in seconds",
            "Image Link",
            "Answer explanation",
        ]
        .iter()
        .map(|h| heading(h))
        .collect()
    }

    fn row(cells: &[&str]) -> Row {
        Row { number: 3, cells: cells.iter().map(|c| c.to_string()).collect() }
    }

    #[test]
    fn types_quorum_cannot_play_are_named() {
        let c = Columns::find(&template_headings()).unwrap();
        for (kind, says) in [
            ("Poll", "a poll"),
            ("Open-Ended", "open-ended"),
            ("Draw", "draw"),
            ("Fill-in-the-Blank", "fill-in-the-blank"),
        ] {
            let e =
                question(&c, &row(&["Q?", kind, "a", "b", "", "", "", "", "", "", ""])).unwrap().unwrap_err();
            assert!(e.contains(says), "{kind}: {e}");
        }
        let e = question(&c, &row(&["Q?", "Checkbox", "a", "b", "c", "", "", "1,3", "", "", ""]))
            .unwrap()
            .unwrap_err();
        assert!(e.contains("checkbox question with 2 right options"), "{e}");
        let (q, _) =
            question(&c, &row(&["Q?", "Checkbox", "a", "b", "c", "", "", "3", "", "", ""])).unwrap().unwrap();
        assert_eq!(q.answer_text(), "c");
    }

    #[test]
    fn every_column_with_a_place_is_kept() {
        let c = Columns::find(&template_headings()).unwrap();
        let (q, notes) = question(
            &c,
            &row(&[
                "Who applies laws?",
                "Multiple Choice",
                "Ministers",
                "Judges",
                "",
                "",
                "",
                "2",
                "45",
                "https://e.org/a.png",
                "Judges apply them.",
            ]),
        )
        .unwrap()
        .unwrap();
        assert_eq!(q.prompt(), "Who applies laws?");
        assert_eq!(q.choices(), ["Ministers", "Judges"]);
        assert_eq!(q.answer_text(), "Judges");
        assert_eq!(q.time_limit, Some(45));
        assert_eq!(q.explanation, "Judges apply them.");
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("image (https://e.org/a.png) is left out"), "{notes:?}");
        assert!(question(&c, &row(&["Text of the question\n\n(required)", "Question Type"])).is_none());
    }
}

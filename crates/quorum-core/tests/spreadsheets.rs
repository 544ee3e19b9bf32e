//! The spreadsheets teachers already have: Kahoot's and Wayground's
//! (Quizizz's) quiz templates, as .xlsx and saved as .csv, imported through
//! the one `import_file` that the editor and `quorum import` share. The
//! .xlsx files are written here, laid out as the real templates are.

use std::path::{Path, PathBuf};

use quorum_core::bank::QuestionKind;
use quorum_core::bank::import::{Format, import_file};
use rust_xlsxwriter::Workbook;

/// A cell: text, or a number as a spreadsheet stores it.
#[derive(Clone, Copy)]
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
}
use Cell::{Number as N, Text as T};

/// Writes a workbook of sheets, each a name and rows of cells from column A.
fn xlsx(path: &Path, sheets: &[(&str, Vec<Vec<Cell>>)]) {
    let mut workbook = Workbook::new();
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text("") => {}
                    Cell::Text(t) => {
                        sheet.write_string(r as u32, c as u16, *t).unwrap();
                    }
                    Cell::Number(n) => {
                        sheet.write_number(r as u32, c as u16, *n).unwrap();
                    }
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// The same rows as CSV, as a spreadsheet saves them.
fn csv(path: &Path, rows: &[Vec<Cell>]) {
    let mut writer = csv::Writer::from_path(path).unwrap();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for row in rows {
        let mut cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(t) => t.to_string(),
                Cell::Number(n) => format!("{n}"),
            })
            .collect();
        cells.resize(width, String::new());
        writer.write_record(&cells).unwrap();
    }
    writer.flush().unwrap();
}

/// Kahoot's template: instructions in rows 2 to 6, the headings in row 8,
/// questions from row 9, their numbers in column A.
fn kahoot_rows() -> Vec<Vec<Cell<'static>>> {
    let mut rows = vec![
        vec![],
        vec![T(""), T("Quiz template")],
        vec![
            T(""),
            T(
                "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one). Have fun creating your awesome quiz!",
            ),
        ],
        vec![
            T(""),
            T(
                "Remember: questions have a limit of 120 characters and answers can have 75 characters max. Text will turn red in Excel or Google Docs if you exceed this limit. If several answers are correct, separate them with a comma.",
            ),
        ],
        vec![
            T(""),
            T("See an example question below (don't forget to overwrite this with your first question!)"),
        ],
        vec![
            T(""),
            T(
                "And remember,  if you're not using Excel you need to export to .xlsx format before you upload to Kahoot!",
            ),
        ],
        vec![],
        vec![
            T(""),
            T("Question - max 120 characters"),
            T("Answer 1 - max 75 characters"),
            T("Answer 2 - max 75 characters"),
            T("Answer 3 - max 75 characters"),
            T("Answer 4 - max 75 characters"),
            T("Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs"),
            T("Correct answer(s) - choose at least one"),
        ],
    ];
    let questions: Vec<Vec<Cell<'static>>> = vec![
        // Row 9: every column.
        vec![
            N(1.0),
            T("Who applies the laws Parliament passes?"),
            T("Ministers"),
            T("Judges"),
            T("The Police"),
            T("The Greens"),
            N(20.0),
            N(2.0),
        ],
        // Row 10: macrons, ö and an emoji; an empty answer 3; the answer given as text.
        vec![
            N(2.0),
            T("Ko wai i kōrero? 🌿"),
            T("Chlöe Swarbrick"),
            T("Andrew Little"),
            T(""),
            T("Te Pāti Kākāriki"),
            N(30.0),
            T("4"),
        ],
        // Row 11: true or false.
        vec![
            N(3.0),
            T("Parliament passes laws which judges apply."),
            T("True"),
            T("False"),
            T(""),
            T(""),
            N(10.0),
            N(1.0),
        ],
        // Row 12: several right answers, which Quorum cannot play.
        vec![
            N(4.0),
            T("Which are branches of government?"),
            T("Parliament"),
            T("The courts"),
            T("A newspaper"),
            T("The executive"),
            N(60.0),
            T("1,2,4"),
        ],
        // Row 13: a number with nothing else, as the template leaves it.
        vec![N(5.0)],
        // Row 14: no time limit, and a note in a column Kahoot doesn't have.
        vec![
            N(6.0),
            T("How many votes made the referendum's majority?"),
            T("50.7 percent"),
            T("48.4 percent"),
            T(""),
            T(""),
            T(""),
            N(1.0),
            T("ask the class first"),
        ],
        // Row 15: no question text.
        vec![N(7.0), T(""), T("a"), T("b"), T(""), T(""), N(20.0), N(1.0)],
        // Row 16: a right answer that points at an empty cell.
        vec![N(8.0), T("What year?"), T("2019"), T("2020"), T(""), T(""), N(20.0), N(3.0)],
    ];
    rows.extend(questions);
    rows
}

fn check_kahoot(path: &Path, row_word: &str) -> quorum_core::bank::import::FileImport {
    let imported = import_file(path).unwrap();
    assert_eq!(imported.format, Format::Kahoot);
    let bank = &imported.imported.bank;
    assert_eq!(bank.article, None, "a Kahoot quiz has no article");
    let q = &bank.questions;
    assert_eq!(q.len(), 4, "{:#?}", imported.imported.problems);
    assert_eq!(q[0].prompt(), "Who applies the laws Parliament passes?");
    assert_eq!(q[0].choices(), ["Ministers", "Judges", "The Police", "The Greens"]);
    assert_eq!(q[0].answer_text(), "Judges");
    assert_eq!(q[0].time_limit, Some(20));
    assert_eq!(q[0].id, "who-applies-the-laws-parliament-passes");
    assert_eq!(q[1].prompt(), "Ko wai i kōrero? 🌿");
    assert_eq!(q[1].choices(), ["Chlöe Swarbrick", "Andrew Little", "Te Pāti Kākāriki"]);
    assert_eq!(q[1].answer_text(), "Te Pāti Kākāriki");
    assert!(matches!(q[2].kind, QuestionKind::TrueFalse { answer: true, .. }), "{:?}", q[2].kind);
    assert_eq!(q[3].time_limit, None);
    let skipped = &imported.imported.skipped;
    assert_eq!(skipped.len(), 3, "{skipped:?}");
    assert!(skipped[0].contains(&format!("{row_word} 12 (3 right answers (1 and 2 and 4)")), "{skipped:?}");
    assert!(skipped[1].contains(&format!("{row_word} 15 (the question has no text)")), "{skipped:?}");
    assert!(
        skipped[2].contains(&format!("{row_word} 16 (the correct answer is answer 3, which is empty)")),
        "{skipped:?}"
    );
    let notes: Vec<&str> =
        imported.imported.problems.iter().filter(|d| !d.is_error()).map(|d| d.message.as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("14") && n.contains("column I")), "{notes:?}");
    imported
}

#[test]
fn kahoots_spreadsheet_imports_every_column_with_a_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("civics.xlsx");
    xlsx(&path, &[("Sheet1", kahoot_rows())]);
    let imported = check_kahoot(&path, "row");
    assert!(imported.text.is_none());
    assert_eq!(imported.imported.bank.title, "civics");
}

#[test]
fn kahoots_spreadsheet_saved_as_csv_imports_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx_path = dir.path().join("civics.xlsx");
    xlsx(&xlsx_path, &[("Sheet1", kahoot_rows())]);
    let csv_path = dir.path().join("civics.csv");
    csv(&csv_path, &kahoot_rows());
    let from_csv = check_kahoot(&csv_path, "line");
    let from_xlsx = import_file(&xlsx_path).unwrap();
    assert_eq!(from_csv.imported.bank, from_xlsx.imported.bank);
    // Named .txt, it is still told by what it holds.
    let txt = dir.path().join("civics.txt");
    std::fs::copy(&csv_path, &txt).unwrap();
    assert_eq!(import_file(&txt).unwrap().imported.bank.questions, from_csv.imported.bank.questions);
}

#[test]
fn extra_sheets_are_looked_through_and_named_when_left_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("quiz.xlsx");
    xlsx(
        &path,
        &[
            ("How to", vec![vec![T("Fill in the next sheet.")]]),
            ("Sheet1", kahoot_rows()),
            ("Empty", vec![]),
            ("Marks", vec![vec![T("Name"), T("Score")], vec![T("Aroha"), N(7.0)]]),
        ],
    );
    let imported = import_file(&path).unwrap();
    assert_eq!(imported.imported.bank.questions.len(), 4);
    let left_out: Vec<&str> = imported
        .imported
        .problems
        .iter()
        .filter(|d| d.message.contains("has no row of column headings"))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(left_out.len(), 2, "{left_out:?}");
    assert!(left_out[0].contains("\"How to\"") && left_out[1].contains("\"Marks\""));
    assert!(
        imported.imported.skipped[0].starts_with("sheet \"Sheet1\", row 12"),
        "{:?}",
        imported.imported.skipped
    );
}

/// Wayground's template: the headings, a row of instructions, then
/// questions, with two more option columns than the template has.
fn wayground_rows() -> Vec<Vec<Cell<'static>>> {
    vec![
        vec![
            T("Question Text"),
            T("Question Type"),
            T("Option 1"),
            T("Option 2"),
            T("Option 3"),
            T("Option 4"),
            T("Option 5"),
            T("Option 6"),
            T("Option 7"),
            T("Correct Answer"),
            T("Time in seconds"),
            T("Image Link"),
            T("Answer explanation"),
        ],
        vec![
            T("Text of the question\n\n(required)"),
            T("Question Type\n\n(default is Multiple Choice)"),
            T("Text for option 1\n\n(required in all cases except open-ended & draw questions)"),
            T("Text for option 2\n\n(required in all cases except open-ended & draw questions)"),
            T("Text for option 3\n\n(optional)"),
            T("Text for option 4\n\n(optional)"),
            T("Text for option 5\n\n(optional)"),
            T(""),
            T(""),
            T(
                "The correct option choice (between 1-5).\n\nLeave blank for \"Open-Ended\", \"Poll\", \"Draw\" and \"Fill-in-the-Blank\".",
            ),
            T("Time in seconds\n\n(optional, default value is 30 seconds)"),
            T("Link of the image\n\n(optional)"),
            T("Explanation for the answer\n(optional)"),
        ],
        // Row 3: every column, and an image Quorum leaves out.
        vec![
            T("Who applies the laws?"),
            T("Multiple Choice"),
            T("Ministers"),
            T("Judges"),
            T("Police"),
            T(""),
            T(""),
            T(""),
            T(""),
            N(2.0),
            N(45.0),
            T("https://example.org/court.png"),
            T("Parliament passes laws which judges apply."),
        ],
        // Row 4: a checkbox question with one right option plays as multiple choice.
        vec![
            T("Which body has the Māori name Te Whare Pāremata? 🏛"),
            T("Checkbox"),
            T("Parliament"),
            T("The courts"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            T("1"),
            T(""),
            T(""),
            T("Pāremata is Parliament."),
        ],
        // Row 5: a checkbox question with two.
        vec![
            T("Pick both"),
            T("Checkbox"),
            T("a"),
            T("b"),
            T("c"),
            T(""),
            T(""),
            T(""),
            T(""),
            T("1,3"),
            N(30.0),
            T(""),
            T(""),
        ],
        // Rows 6 to 9: kinds Quorum cannot play.
        vec![T("What do you think?"), T("Poll"), T("Yes"), T("No")],
        vec![T("Explain the separation of powers."), T("Open-Ended")],
        vec![T("Parliament ___ laws."), T("Fill-in-the-Blank"), T("passes")],
        vec![T("Draw Parliament."), T("Draw")],
        // Row 10: seven options, more than Quorum shows.
        vec![
            T("Too many"),
            T("Multiple Choice"),
            T("1"),
            T("2"),
            T("3"),
            T("4"),
            T("5"),
            T("6"),
            T("7"),
            N(1.0),
        ],
        // Row 11: no type means multiple choice; True/False options make a true/false question.
        vec![
            T("Ministers interfere in judges' decisions."),
            T(""),
            T("True"),
            T("False"),
            T(""),
            T(""),
            T(""),
            T(""),
            T(""),
            N(2.0),
        ],
    ]
}

#[test]
fn waygrounds_spreadsheet_imports_what_quorum_plays_and_names_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wayground.xlsx");
    xlsx(&path, &[("Create a Quiz", wayground_rows())]);
    let imported = import_file(&path).unwrap();
    assert_eq!(imported.format, Format::Wayground);
    let q = &imported.imported.bank.questions;
    assert_eq!(q.len(), 3, "{:#?}", imported.imported.problems);
    assert_eq!(q[0].answer_text(), "Judges");
    assert_eq!(q[0].time_limit, Some(45));
    assert_eq!(q[0].explanation, "Parliament passes laws which judges apply.");
    assert_eq!(q[1].prompt(), "Which body has the Māori name Te Whare Pāremata? 🏛");
    assert_eq!(q[1].answer_text(), "Parliament");
    assert!(matches!(q[2].kind, QuestionKind::TrueFalse { answer: false, .. }));
    let skipped = imported.imported.skipped.join("\n");
    for (row, says) in [
        (5, "checkbox question with 2 right options"),
        (6, "a poll"),
        (7, "open-ended"),
        (8, "fill-in-the-blank"),
        (9, "draw question"),
        (10, "7 answers; Quorum shows at most 6"),
    ] {
        assert!(skipped.contains(&format!("row {row} (")) && skipped.contains(says), "row {row}: {skipped}");
    }
    let image = imported.imported.problems.iter().find(|d| d.message.contains("image")).unwrap();
    assert_eq!(image.position.unwrap().line, 3);
    assert!(!image.is_error(), "the question still imports");
    // Saved as CSV, the same questions.
    let csv_path = dir.path().join("wayground.csv");
    csv(&csv_path, &wayground_rows());
    let from_csv = import_file(&csv_path).unwrap();
    assert_eq!(from_csv.format, Format::Wayground);
    assert_eq!(from_csv.imported.bank.questions, imported.imported.bank.questions);
}

#[test]
fn a_damaged_or_false_spreadsheet_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.xlsx");
    xlsx(&good, &[("Sheet1", kahoot_rows())]);
    let bytes = std::fs::read(&good).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.xlsx", bytes[..bytes.len() / 2].to_vec()),
        ("garbage.xlsx", (0..4000u32).map(|i| (i * 7919 % 251) as u8).collect()),
        ("text.xlsx", b"Question,Answer 1\nWho?,Me\n".to_vec()),
        ("empty.xlsx", Vec::new()),
        ("zip-of-nothing.xlsx", b"PK\x03\x04\x14\x00\x00\x00".to_vec()),
    ];
    for (name, bytes) in cases {
        let path: PathBuf = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let e = import_file(&path).unwrap_err();
        assert!(e.is_error());
        assert!(e.message.contains("not a spreadsheet Quorum can read"), "{name}: {}", e.message);
        assert!(e.help.as_deref().unwrap_or_default().contains("save it again"), "{name}");
    }
    // A real workbook with no quiz in it says so.
    let other = dir.path().join("marks.xlsx");
    xlsx(&other, &[("Marks", vec![vec![T("Name"), T("Score")]])]);
    let e = import_file(&other).unwrap_err();
    assert!(e.message.contains("no sheet has the columns"), "{}", e.message);
}

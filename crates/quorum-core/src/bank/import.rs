//! One way in for questions written elsewhere. `import_file` reads a file,
//! decides what it is from what it holds (its name only breaks ties), and
//! imports it; the editor and `quorum import` both call it, so they never
//! disagree about a file.
//!
//! It reads Quorum's own spreadsheet columns, Moodle GIFT, Kahoot's quiz
//! spreadsheet and Wayground's (formerly Quizizz), the last two as `.xlsx`
//! or saved as `.csv`. Imported questions have no article: the caller names
//! one if it has one. Nothing here writes a file, and no input panics.

use std::path::Path;

use super::diagnostic::{Diagnostic, Position};
use super::model::{Bank, FALSE_LABEL, Question, QuestionKind, TRUE_LABEL};
use super::spreadsheet::{Imported, finish_import};
use super::{gift, io_reason, kahoot, load, spreadsheet, wayground};

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Quorum's own columns (`kind`, `answer`, ...), as CSV or `.xlsx`.
    QuorumSheet,
    Gift,
    Kahoot,
    Wayground,
}

impl Format {
    /// The format's name as a teacher knows it.
    pub fn name(self) -> &'static str {
        match self {
            Format::QuorumSheet => "a Quorum spreadsheet",
            Format::Gift => "a Moodle GIFT file",
            Format::Kahoot => "a Kahoot quiz spreadsheet",
            Format::Wayground => "a Wayground (Quizizz) spreadsheet",
        }
    }
}

/// An imported file: its format, the questions and every problem met.
#[derive(Debug, Clone)]
pub struct FileImport {
    pub format: Format,
    /// The bank is titled after the file and has no article.
    pub imported: Imported,
    /// The decoded text of a text file, to show the lines problems are on
    /// (`None` for an `.xlsx` file, whose problems name their row).
    pub text: Option<String>,
}

/// Reads and imports a file of questions. `Err` is a file that cannot be
/// read at all, or whose format cannot be told; problems with single rows
/// or questions are in `imported.problems`, and those rows in `skipped`.
pub fn import_file(path: &Path) -> Result<FileImport, Box<Diagnostic>> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Box::new(Diagnostic::error(&file, format!("cannot read the file: {}", io_reason(&e))))
    })?;
    import_bytes(&file, path, &bytes)
}

/// `import_file` on bytes already read; `path` gives the name and title.
pub fn import_bytes(file: &str, path: &Path, bytes: &[u8]) -> Result<FileImport, Box<Diagnostic>> {
    let title = title_for(path);
    let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let is_workbook_name = matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods");
    if is_zip(bytes) || is_ole(bytes) || is_workbook_name {
        return import_workbook(file, bytes, &title);
    }
    let text = load::decode(file, bytes).map_err(|mut d| {
        d.help = Some("save the file as UTF-8 (in Excel: \"CSV UTF-8\"; elsewhere: encoding UTF-8)".into());
        d
    })?;
    let (format, imported) = if extension == "gift" {
        (Format::Gift, gift::import(file, &text, &title, None))
    } else if let Some(table) = csv_table(&text) {
        match table.find_header() {
            Some((Header::Quorum, _)) => {
                (Format::QuorumSheet, spreadsheet::import(file, &text, &title, None))
            }
            Some((Header::Kahoot(columns), at)) => (
                Format::Kahoot,
                rows_to_bank(file, &title, &table, at, &|row| kahoot::question(&columns, row)),
            ),
            Some((Header::Wayground(columns), at)) => (
                Format::Wayground,
                rows_to_bank(file, &title, &table, at, &|row| wayground::question(&columns, row)),
            ),
            None if looks_like_gift(&text) => (Format::Gift, gift::import(file, &text, &title, None)),
            None if extension == "csv" => {
                (Format::QuorumSheet, spreadsheet::import(file, &text, &title, None))
            }
            None => return Err(Box::new(unknown_format(file))),
        }
    } else if looks_like_gift(&text) {
        (Format::Gift, gift::import(file, &text, &title, None))
    } else if extension == "csv" {
        // Its own import says what is wrong with the header.
        (Format::QuorumSheet, spreadsheet::import(file, &text, &title, None))
    } else {
        return Err(Box::new(unknown_format(file)));
    };
    Ok(FileImport { format, imported, text: Some(text) })
}

fn unknown_format(file: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        "cannot tell what this file is: it is not a spreadsheet with Quorum's, Kahoot's or Wayground's \
         columns, nor a Moodle GIFT file",
    )
    .with_help("docs/bank-format.md lists the formats and their columns")
}

/// A bank's title from its file's name: `civics-quiz_2.csv` -> `civics quiz 2`.
pub fn title_for(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().replace(['-', '_'], " ").trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Imported questions".to_string())
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The old binary `.xls` format (an OLE compound file).
fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// GIFT puts each question's answers in braces, with `=`, `~`, `#` or T/F.
fn looks_like_gift(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim();
        !l.starts_with("//") && l.contains('{') && (l.contains('}') || l.ends_with('{'))
    })
}

/// One row of a sheet: its line (CSV) or row number (`.xlsx`), counted
/// from 1, and its cells as text.
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    /// A cell's trimmed text; empty when the row is shorter.
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map_or("", |c| c.trim())
    }

    fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// A sheet's rows, in order.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The sheet's name in a workbook.
    pub sheet: Option<String>,
    pub rows: Vec<Row>,
}

/// Which columns a header row names.
#[derive(Debug, Clone)]
enum Header {
    Quorum,
    Kahoot(kahoot::Columns),
    Wayground(wayground::Columns),
}

/// Headers sit above the questions, after at most this many rows of
/// instructions (Kahoot's template has seven).
const HEADER_SEARCH_ROWS: usize = 30;

impl Table {
    /// The header row: the first that names a format's columns, and its
    /// place in `rows`.
    fn find_header(&self) -> Option<(Header, usize)> {
        self.rows.iter().take(HEADER_SEARCH_ROWS).enumerate().find_map(|(at, row)| {
            let names: Vec<String> = row.cells.iter().map(|c| heading(c)).collect();
            let has = |name: &str| names.iter().any(|n| n == name);
            if has("kind") && has("answer") {
                Some((Header::Quorum, at))
            } else if let Some(columns) = wayground::Columns::find(&names) {
                Some((Header::Wayground(columns), at))
            } else {
                kahoot::Columns::find(&names).map(|columns| (Header::Kahoot(columns), at))
            }
        })
    }
}

/// A heading as compared: lower case, single spaces, no line breaks.
pub fn heading(cell: &str) -> String {
    cell.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The delimiter a spreadsheet used: whichever of `;` and `,` the first
/// lines have more of (Kahoot's first lines are mostly empty cells).
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(HEADER_SEARCH_ROWS).collect();
    if head.matches(';').count() > head.matches(',').count() { b';' } else { b',' }
}

/// The text as CSV rows, or `None` when it does not read as CSV at all.
fn csv_table(text: &str) -> Option<Table> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.ok()?;
        let number = record.position().map_or(0, |p| p.line() as usize);
        rows.push(Row { number, cells: record.iter().map(str::to_string).collect() });
    }
    Some(Table { sheet: None, rows })
}

/// What one row gave: a question, with anything left out of it, or why the
/// whole row was skipped.
pub type RowResult = Result<(Question, Vec<String>), String>;

/// Imports the rows below the header at `header` with `question`, which
/// returns `None` for a row that holds no question (empty, or instructions).
fn rows_to_bank(
    file: &str,
    title: &str,
    table: &Table,
    header: usize,
    question: &dyn Fn(&Row) -> Option<RowResult>,
) -> Imported {
    let mut imported = Imported { bank: empty_bank(title), problems: Vec::new(), skipped: Vec::new() };
    add_rows(file, table, header, question, &mut imported);
    let Imported { bank, problems, .. } = &mut imported;
    finish_import(&mut bank.questions, file, problems, false);
    imported
}

fn add_rows(
    file: &str,
    table: &Table,
    header: usize,
    question: &dyn Fn(&Row) -> Option<RowResult>,
    imported: &mut Imported,
) {
    let what = if table.sheet.is_some() { "row" } else { "line" };
    let place = |n: usize| match &table.sheet {
        Some(sheet) => format!("sheet \"{sheet}\", row {n}"),
        None => format!("{what} {n}"),
    };
    for row in table.rows.iter().skip(header + 1).filter(|r| !r.is_empty()) {
        let at = Some(Position { line: row.number, col: 1 });
        match question(row) {
            None => {}
            Some(Ok((q, left_out))) => {
                for note in left_out {
                    imported
                        .problems
                        .push(Diagnostic::warning(file, format!("{}: {note}", place(row.number))).at(at));
                }
                imported.bank.questions.push(q);
            }
            Some(Err(reason)) => {
                imported.problems.push(Diagnostic::error(file, format!("row skipped: {reason}")).at(at));
                imported.skipped.push(format!("{} ({reason})", place(row.number)));
            }
        }
    }
}

fn empty_bank(title: &str) -> Bank {
    Bank {
        title: title.to_string(),
        description: String::new(),
        language: "en".to_string(),
        article: None,
        questions: Vec::new(),
    }
}

/// Reads a workbook (`.xlsx`, `.xlsm`, `.xls` or `.ods`) and imports every
/// sheet that has a header row Quorum knows.
fn import_workbook(file: &str, bytes: &[u8], title: &str) -> Result<FileImport, Box<Diagnostic>> {
    let not_a_workbook = |reason: String| {
        Box::new(
            Diagnostic::error(file, format!("this is not a spreadsheet Quorum can read ({reason})"))
                .with_help(
                    "open it in Excel, LibreOffice or Google Sheets and save it again as .xlsx or .csv",
                ),
        )
    };
    // calamine is a third-party parser of untrusted files: a panic inside it
    // must still be an error for the teacher, never a crash.
    let tables = std::panic::catch_unwind(|| workbook_tables(bytes))
        .map_err(|_| not_a_workbook("the file is damaged".to_string()))?
        .map_err(not_a_workbook)?;
    let mut format = None;
    let mut imported = Imported { bank: empty_bank(title), problems: Vec::new(), skipped: Vec::new() };
    for table in &tables {
        let sheet = table.sheet.as_deref().unwrap_or_default();
        match table.find_header() {
            Some((Header::Kahoot(columns), at)) => {
                format.get_or_insert(Format::Kahoot);
                add_rows(file, table, at, &|row| kahoot::question(&columns, row), &mut imported);
            }
            Some((Header::Wayground(columns), at)) => {
                format.get_or_insert(Format::Wayground);
                add_rows(file, table, at, &|row| wayground::question(&columns, row), &mut imported);
            }
            Some((Header::Quorum, at)) => {
                format.get_or_insert(Format::QuorumSheet);
                quorum_sheet(file, table, at, &mut imported);
            }
            None if table.rows.iter().all(Row::is_empty) => {}
            None => imported.problems.push(Diagnostic::warning(
                file,
                format!("sheet \"{sheet}\" has no row of column headings Quorum knows; it is left out"),
            )),
        }
    }
    let Some(format) = format else {
        return Err(Box::new(
            Diagnostic::error(
                file,
                "no sheet has the columns of a Kahoot, Wayground (Quizizz) or Quorum spreadsheet",
            )
            .with_help("docs/bank-format.md lists the columns each one needs"),
        ));
    };
    let Imported { bank, problems, .. } = &mut imported;
    finish_import(&mut bank.questions, file, problems, false);
    Ok(FileImport { format, imported, text: None })
}

/// Every sheet of a workbook as rows of text, numbered as the sheet shows them.
fn workbook_tables(bytes: &[u8]) -> Result<Vec<Table>, String> {
    use calamine::Reader;
    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut tables = Vec::new();
    for name in workbook.sheet_names().to_vec() {
        let range = workbook.worksheet_range(&name).map_err(|e| format!("sheet \"{name}\": {e}"))?;
        let (first_row, first_column) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| {
                // Keep columns where the sheet has them: the range starts at its first filled cell.
                let mut row: Vec<String> = vec![String::new(); first_column as usize];
                row.extend(cells.iter().map(cell_text));
                Row { number: first_row as usize + i + 1, cells: row }
            })
            .collect();
        tables.push(Table { sheet: Some(name), rows });
    }
    Ok(tables)
}

/// A cell as the teacher sees it: `60`, not `60.0`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) => super::write::number(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { TRUE_LABEL } else { FALSE_LABEL }.to_string(),
        Data::DateTime(d) => super::write::number(d.as_f64()),
    }
}

/// A sheet in Quorum's own columns: written out as CSV for the CSV import,
/// with its lines put back to the sheet's rows.
fn quorum_sheet(file: &str, table: &Table, header: usize, imported: &mut Imported) {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // The CSV line each sheet row starts on, to name the row in problems.
    let mut rows_by_line: Vec<(usize, usize)> = Vec::new();
    let mut line = 1;
    for row in &table.rows[header..] {
        rows_by_line.push((line, row.number));
        let _ = writer.write_record(&row.cells);
        let _ = writer.flush();
        line = 1 + writer.get_ref().iter().filter(|&&b| b == b'\n').count();
    }
    let text = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
    let row_of = |line: usize| rows_by_line.iter().rev().find(|(l, _)| *l <= line).map_or(line, |(_, r)| *r);
    let sheet = table.sheet.as_deref().unwrap_or_default();
    let part = spreadsheet::import(file, &text, "", None);
    for mut d in part.problems {
        if let Some(p) = d.position.as_mut() {
            p.line = row_of(p.line);
        }
        imported.problems.push(d);
    }
    for skipped in part.skipped {
        // "line 7 (reason)" -> "sheet "Questions", row 9 (reason)"
        let renamed =
            skipped.strip_prefix("line ").and_then(|rest| rest.split_once(' ')).and_then(|(n, reason)| {
                Some(format!("sheet \"{sheet}\", row {} {reason}", row_of(n.parse().ok()?)))
            });
        imported.skipped.push(renamed.unwrap_or(skipped));
    }
    imported.bank.questions.extend(part.bank.questions);
}

/// The right answers' numbers in a cell such as `2`, `1,3` or `1; 3`.
pub fn answer_numbers(cell: &str) -> Result<Vec<usize>, String> {
    let mut numbers = Vec::new();
    for part in cell.split([',', ';', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        // A spreadsheet may store 2 as 2.0.
        let n =
            part.strip_suffix(".0").unwrap_or(part).parse::<usize>().map_err(|_| {
                format!("the correct answer \"{cell}\" is not an answer's number (1, 2, ...)")
            })?;
        if !numbers.contains(&n) {
            numbers.push(n);
        }
    }
    Ok(numbers)
}

/// A multiple-choice question from a question's text, its answer cells in
/// order (empty ones included) and the right answers' numbers: a true/false
/// question when the answers are just True and False.
pub fn choice_question(prompt: &str, answers: &[&str], right: &[usize]) -> Result<QuestionKind, String> {
    if prompt.is_empty() {
        return Err("the question has no text".to_string());
    }
    let filled: Vec<&str> = answers.iter().copied().filter(|a| !a.is_empty()).collect();
    if filled.len() > super::validate::MAX_CHOICES {
        return Err(format!(
            "{} answers; Quorum shows at most {}",
            filled.len(),
            super::validate::MAX_CHOICES
        ));
    }
    let answer = match right {
        [] => return Err("no answer is marked correct".to_string()),
        [n] => match answers.get(n.wrapping_sub(1)) {
            Some(a) if !a.is_empty() => a.to_string(),
            Some(_) => return Err(format!("the correct answer is answer {n}, which is empty")),
            None => {
                return Err(format!(
                    "the correct answer is answer {n}, but there are only {}",
                    answers.len()
                ));
            }
        },
        several => {
            let list: Vec<String> = several.iter().map(|n| n.to_string()).collect();
            return Err(format!(
                "{} right answers ({}), which Quorum cannot play: it needs exactly one",
                several.len(),
                list.join(" and ")
            ));
        }
    };
    let is = |a: &str, word: &str| a.eq_ignore_ascii_case(word);
    if let [a, b] = filled.as_slice()
        && ((is(a, TRUE_LABEL) && is(b, FALSE_LABEL)) || (is(a, FALSE_LABEL) && is(b, TRUE_LABEL)))
    {
        return Ok(QuestionKind::TrueFalse {
            statement: prompt.to_string(),
            answer: is(&answer, TRUE_LABEL),
        });
    }
    Ok(QuestionKind::MultipleChoice {
        prompt: prompt.to_string(),
        choices: filled.iter().map(|a| a.to_string()).collect(),
        answer,
    })
}

/// A time limit cell: seconds, or nothing (the round's setting), with a
/// note when the cell holds something else.
pub fn time_limit(cell: &str, left_out: &mut Vec<String>) -> Option<u32> {
    if cell.is_empty() {
        return None;
    }
    match cell.strip_suffix(".0").unwrap_or(cell).trim().parse::<u32>() {
        Ok(seconds) => Some(seconds),
        Err(_) => {
            left_out.push(format!(
                "the time limit \"{cell}\" is not a number of seconds; the round's setting is used"
            ));
            None
        }
    }
}

/// A question with Quorum's defaults for what other quiz sites don't have.
pub fn plain_question(kind: QuestionKind, time_limit: Option<u32>, explanation: &str) -> Question {
    Question {
        // Made from the prompt when the import finishes.
        id: String::new(),
        topic: "General".to_string(),
        difficulty: super::model::Difficulty::Medium,
        time_limit,
        explanation: explanation.to_string(),
        background: None,
        source: Vec::new(),
        speaker: None,
        kind,
        draft: false,
        draft_note: None,
    }
}

/// A column's letter as a spreadsheet shows it: 0 -> A, 27 -> AB.
pub fn column_letter(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Filled cells in columns the format has no place for, named by heading
/// and letter, as a note for the row.
pub fn stray_cells(row: &Row, known: &[usize], headings: &[String]) -> Option<String> {
    let stray: Vec<String> = (0..row.cells.len())
        .filter(|i| !known.contains(i) && !row.cell(*i).is_empty())
        .map(|i| match headings.get(i).filter(|h| !h.is_empty()) {
            Some(h) => format!("\"{h}\" (column {})", column_letter(i)),
            None => format!("column {}", column_letter(i)),
        })
        .collect();
    (!stray.is_empty()).then(|| format!("left out, having no place in Quorum: {}", stray.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_numbers_read_the_ways_spreadsheets_write_them() {
        assert_eq!(answer_numbers("2"), Ok(vec![2]));
        assert_eq!(answer_numbers("2.0"), Ok(vec![2]));
        assert_eq!(answer_numbers("1,3"), Ok(vec![1, 3]));
        assert_eq!(answer_numbers(" 1 ; 3 ,3"), Ok(vec![1, 3]));
        assert!(answer_numbers("B").is_err());
        assert_eq!(answer_numbers(""), Ok(vec![]));
    }

    #[test]
    fn true_and_false_answers_make_a_true_false_question() {
        let kind = choice_question("Judges apply laws.", &["True", "false", "", ""], &[1]).unwrap();
        assert_eq!(kind, QuestionKind::TrueFalse { statement: "Judges apply laws.".into(), answer: true });
        let kind = choice_question("Q?", &["a", "", "c"], &[3]).unwrap();
        assert_eq!(
            kind,
            QuestionKind::MultipleChoice {
                prompt: "Q?".into(),
                choices: vec!["a".into(), "c".into()],
                answer: "c".into()
            }
        );
        assert!(choice_question("Q?", &["a", "", "c"], &[2]).unwrap_err().contains("empty"));
        assert!(
            choice_question("Q?", &["a", "b"], &[1, 2]).unwrap_err().contains("2 right answers (1 and 2)")
        );
        assert!(choice_question("Q?", &["a", "b"], &[]).unwrap_err().contains("no answer"));
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_do() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(8), "I");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn titles_come_from_the_file_name() {
        assert_eq!(title_for(Path::new("/x/civics-quiz_2.csv")), "civics quiz 2");
    }
}

//! Reading a bank's bytes into a `Bank`: text decoding and RON syntax.
//!
//! Nothing here panics on any input; every failure is a `Diagnostic` with the
//! file, line and column.

use ron::extensions::Extensions;

use super::diagnostic::{Diagnostic, Position};
use super::model::{Bank, KIND_NAMES};
use super::suggest::closest;

/// Turns raw bytes into text: accepts a UTF-8 byte order mark and CRLF line
/// endings, and reports invalid UTF-8, or a NUL byte, at its line and column.
pub fn decode(file: &str, bytes: &[u8]) -> Result<String, Box<Diagnostic>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        // A text editor never writes a NUL: one means a damaged file (a crash
        // mid-save, a disk error), even where RON would skip it in a comment.
        Ok(text) if text.contains('\0') => Err(Box::new(
            Diagnostic::error(file, "this file contains a NUL byte, so it is damaged: it is not plain text")
                .at(Some(position_of(text, text.find('\0').unwrap_or(0))))
                .with_help(
                    "restore the file from a backup (`.bak`), or delete the damaged part in an editor",
                ),
        )),
        Ok(text) => Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text.to_string() }),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(Box::new(
                Diagnostic::error(file, "this file is not UTF-8 text (the byte here is not valid UTF-8)")
                    .at(Some(position_of(valid, valid.len())))
                    .with_help("save the bank as UTF-8 in your editor (\"Save as\", encoding UTF-8)"),
            ))
        }
    }
}

/// The line and column (in characters, from 1) of byte `at` in `text`.
fn position_of(text: &str, at: usize) -> Position {
    let before = &text[..at];
    let line = 1 + before.matches('\n').count();
    let col = 1 + before.rsplit('\n').next().map_or(0, |l| l.chars().count());
    Position { line, col }
}

/// The RON options every bank is read with: `Some(...)` may be left out of
/// optional fields, and nesting is capped so no input can overflow the stack.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME).with_recursion_limit(64)
}

/// Parses decoded text into a bank, or the syntax error as a diagnostic.
pub fn parse(file: &str, text: &str) -> Result<Bank, Box<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(Box::new(
            Diagnostic::error(file, "the file is empty: a bank starts with `Bank(`")
                .at(Some(Position { line: 1, col: 1 }))
                .with_help("see docs/bank-format.md for a complete example"),
        ));
    }
    ron_options().from_str::<Bank>(text).map_err(|e| Box::new(syntax_diagnostic(file, text, &e)))
}

fn syntax_diagnostic(file: &str, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::error::Error as E;
    let mut position = Position { line: e.span.start.line, col: e.span.start.col };
    let mut help = None;
    let message = match &e.code {
        E::NoSuchEnumVariant { expected, found, .. } if *expected == KIND_NAMES => {
            help = closest(found, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"));
            format!("unknown question kind `{found}`; the kinds are {}", expected.join(", "))
        }
        E::NoSuchEnumVariant { expected, found, outer } => {
            help = closest(found, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"));
            let what = outer.as_deref().map(lower_words).unwrap_or_else(|| "value".to_string());
            format!("unknown {what} `{found}`; use one of {}", expected.join(", "))
        }
        E::NoSuchStructField { expected, found, outer } => {
            help = closest(found, expected.iter().copied()).map(|s| format!("did you mean `{s}`?"));
            let inside = outer.as_deref().map(|o| format!(" in {o}")).unwrap_or_default();
            format!("unknown field `{found}`{inside}; the fields allowed are {}", expected.join(", "))
        }
        E::MissingStructField { field, outer } => {
            let inside = outer.as_deref().map(|o| format!(" in {o}")).unwrap_or_default();
            format!("missing field `{field}`{inside}")
        }
        E::DuplicateStructField { field, outer } => {
            let inside = outer.as_deref().map(|o| format!(" in {o}")).unwrap_or_default();
            format!("field `{field}` is written twice{inside}")
        }
        E::Eof => {
            position = Position { line: e.span.end.line, col: e.span.end.col };
            help = Some("a bracket, parenthesis or quote is not closed".to_string());
            "the file ends too early".to_string()
        }
        E::ExpectedString => {
            help = Some("text goes in double quotes: \"like this\"".to_string());
            "expected text in double quotes".to_string()
        }
        E::ExpectedStringEnd => {
            help = Some("a quotation mark inside text must be written \\\" or as a curly quote".to_string());
            "this text is not closed with a double quote".to_string()
        }
        E::ExpectedComma => {
            // ron stops at the next token; the comma belongs after the previous one.
            position = end_of_previous_token(text, position);
            help = Some("separate fields and list items with commas".to_string());
            "expected a comma".to_string()
        }
        E::ExpectedBoolean => "expected `true` or `false`".to_string(),
        E::ExceededRecursionLimit => "brackets are nested too deeply for a question bank".to_string(),
        E::TrailingCharacters => {
            help = Some("everything belongs inside the one `Bank(...)`".to_string());
            "there is text after the end of the bank".to_string()
        }
        other => {
            let text = other.to_string();
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "the bank could not be read".to_string(),
            }
        }
    };
    // ron can report a column one past the end of a line; keep the caret on it.
    if let Some(line) = text.lines().nth(position.line.saturating_sub(1)) {
        position.col = position.col.min(line.chars().count() + 1).max(1);
    }
    let d = Diagnostic::error(file, message).at(Some(position));
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// The position just after the last token before `at`, skipping back over
/// whitespace and `//` comments.
fn end_of_previous_token(text: &str, at: Position) -> Position {
    let lines: Vec<&str> = text.lines().collect();
    let mut line = at.line.min(lines.len());
    let mut upto = at.col.saturating_sub(1);
    while line >= 1 {
        let full = lines[line - 1];
        let code = strip_line_comment(full);
        let head: String = code.chars().take(upto).collect();
        let trimmed = head.trim_end();
        if !trimmed.is_empty() {
            return Position { line, col: trimmed.chars().count() + 1 };
        }
        line -= 1;
        upto = usize::MAX;
    }
    at
}

/// A line without its `//` comment, if the `//` is not inside a string.
fn strip_line_comment(line: &str) -> &str {
    let mut in_string = false;
    let mut escaped = false;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            b'/' if !in_string && bytes.get(i + 1) == Some(&b'/') => return &line[..i],
            _ => {}
        }
    }
    line
}

/// `Difficulty` -> `difficulty`.
fn lower_words(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_accepted() {
        let text = decode("b", b"\xEF\xBB\xBFBank(\r\n)").unwrap();
        assert_eq!(text, "Bank(\n)");
    }

    #[test]
    fn invalid_utf8_is_located() {
        let e = decode("b.ron", b"Bank(\n  title: \"ab\xFF\"").unwrap_err();
        assert_eq!(e.position, Some(Position { line: 2, col: 13 }));
        assert!(e.message.contains("not UTF-8"));
    }

    #[test]
    fn a_nul_byte_is_a_damaged_file_even_inside_a_comment() {
        let e = decode("b.ron", b"Bank(\r\n  // note \0 here\n  title: \"T\",").unwrap_err();
        assert_eq!(e.position, Some(Position { line: 2, col: 11 }));
        assert!(e.message.contains("NUL byte"), "{}", e.message);
        assert!(e.message.contains("damaged"), "{}", e.message);
        // At the very start of the file, too.
        assert_eq!(decode("b.ron", b"\0Bank()").unwrap_err().position, Some(Position { line: 1, col: 1 }));
    }

    #[test]
    fn empty_file_is_an_error_not_a_panic() {
        let e = parse("b.ron", "  \n").unwrap_err();
        assert!(e.message.contains("empty"));
    }

    #[test]
    fn a_missing_comma_is_reported_after_the_previous_value() {
        let text = "Bank(\n    title: \"T\" // the title\n    article: 1)";
        let e = parse("b.ron", text).unwrap_err();
        assert_eq!(e.message, "expected a comma");
        assert_eq!(e.position, Some(Position { line: 2, col: 15 }));
    }

    #[test]
    fn lowers_type_names() {
        assert_eq!(lower_words("Difficulty"), "difficulty");
        assert_eq!(lower_words("QuestionKind"), "question kind");
    }
}

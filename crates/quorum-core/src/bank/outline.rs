//! Where things are in a bank's RON text.
//!
//! serde tells us *what* a bank holds but not *where*, and a teacher needs a
//! line number for every problem. This scanner walks the text once (strings,
//! raw strings and comments understood) and records the position of each
//! question and of each field name, so the validator can point at the exact
//! `answer:` that is wrong. It runs only on text that has already parsed.

use super::diagnostic::Position;

/// The positions of one question's opening and of its fields' names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionSpan {
    pub start: Option<Position>,
    pub fields: Vec<(String, Position)>,
}

/// Positions in a parsed bank: header fields and questions, in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub header: Vec<(String, Position)>,
    pub questions: Vec<QuestionSpan>,
    /// Each question's bytes, from its kind's name to its closing bracket.
    pub question_bytes: Vec<std::ops::Range<usize>>,
    /// Every comment, with the byte it starts at, exactly as written.
    pub comments: Vec<(usize, String)>,
}

impl Outline {
    pub fn header_field(&self, name: &str) -> Option<Position> {
        find(&self.header, name)
    }

    /// The question's opening line.
    pub fn question(&self, index: usize) -> Option<Position> {
        self.questions.get(index).and_then(|q| q.start)
    }

    /// A field of a question, or the question itself when the field is not
    /// written (an omitted optional field).
    pub fn field(&self, index: usize, name: &str) -> Option<Position> {
        let q = self.questions.get(index)?;
        find(&q.fields, name).or(q.start)
    }
}

fn find(fields: &[(String, Position)], name: &str) -> Option<Position> {
    fields.iter().find(|(n, _)| n == name).map(|(_, p)| *p)
}

/// Positions, found only when a problem needs one: a clean bank never pays
/// for the scan.
#[derive(Debug)]
pub struct Locator<'a> {
    text: &'a str,
    outline: std::cell::OnceCell<Outline>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator { text, outline: std::cell::OnceCell::new() }
    }

    fn outline(&self) -> &Outline {
        self.outline.get_or_init(|| outline(self.text))
    }

    pub fn header_field(&self, name: &str) -> Option<Position> {
        self.outline().header_field(name)
    }

    pub fn question(&self, index: usize) -> Option<Position> {
        self.outline().question(index)
    }

    pub fn field(&self, index: usize, name: &str) -> Option<Position> {
        self.outline().field(index, name)
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    i: usize,
    line: usize,
    col: usize,
}

impl Cursor<'_> {
    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.i + ahead).copied()
    }

    fn pos(&self) -> Position {
        Position { line: self.line, col: self.col }
    }

    fn bump(&mut self) {
        if let Some(&b) = self.bytes.get(self.i) {
            if b == b'\n' {
                self.line += 1;
                self.col = 1;
            } else if b & 0xC0 != 0x80 {
                // Count characters, not bytes: skip UTF-8 continuation bytes.
                self.col += 1;
            }
            self.i += 1;
        }
    }

    fn skip_string(&mut self) {
        self.bump(); // opening quote
        while let Some(b) = self.peek(0) {
            self.bump();
            match b {
                b'\\' => self.bump(),
                b'"' => return,
                _ => {}
            }
        }
    }

    /// `r"..."` or `r#"..."#`, with any number of hashes.
    fn skip_raw_string(&mut self) {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek(0) == Some(b'#') {
            hashes += 1;
            self.bump();
        }
        self.bump(); // opening quote
        while let Some(b) = self.peek(0) {
            self.bump();
            if b == b'"' && (0..hashes).all(|k| self.peek(k) == Some(b'#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                return;
            }
        }
    }

    fn skip_char(&mut self) {
        self.bump();
        while let Some(b) = self.peek(0) {
            self.bump();
            match b {
                b'\\' => self.bump(),
                b'\'' => return,
                _ => {}
            }
        }
    }

    fn skip_line_comment(&mut self) {
        while let Some(b) = self.peek(0) {
            if b == b'\n' {
                return;
            }
            self.bump();
        }
    }

    fn skip_block_comment(&mut self) {
        let mut depth = 0usize;
        while self.peek(0).is_some() {
            if self.peek(0) == Some(b'/') && self.peek(1) == Some(b'*') {
                depth += 1;
                self.bump();
                self.bump();
            } else if self.peek(0) == Some(b'*') && self.peek(1) == Some(b'/') {
                depth -= 1;
                self.bump();
                self.bump();
                if depth == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }

    fn is_raw_string_start(&self) -> bool {
        let mut k = 1;
        while self.peek(k) == Some(b'#') {
            k += 1;
        }
        self.peek(k) == Some(b'"')
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Scans a bank's text. Depth 1 is inside `Bank(...)`, depth 2 inside the
/// `questions: [...]` list, depth 3 inside one question.
pub fn outline(text: &str) -> Outline {
    let mut out = Outline::default();
    let mut c = Cursor { bytes: text.as_bytes(), i: 0, line: 1, col: 1 };
    let mut depth = 0usize;
    let mut pending: Option<(String, Position)> = None;
    let mut next_list_is_questions = false;
    let mut questions_depth: Option<usize> = None;

    while let Some(b) = c.peek(0) {
        match b {
            b'/' if c.peek(1) == Some(b'/') => {
                let from = c.i;
                c.skip_line_comment();
                out.comments.push((from, text[from..c.i].trim_end().to_string()));
            }
            b'/' if c.peek(1) == Some(b'*') => {
                let from = c.i;
                c.skip_block_comment();
                out.comments.push((from, text[from..c.i].to_string()));
            }
            b'"' => {
                pending = None;
                c.skip_string();
            }
            b'r' if c.is_raw_string_start() => {
                pending = None;
                c.skip_raw_string();
            }
            b'\'' => {
                pending = None;
                c.skip_char();
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let start = c.pos();
                let from = c.i;
                while c.peek(0).is_some_and(is_ident_byte) {
                    c.bump();
                }
                let name = text[from..c.i].to_string();
                if questions_depth == Some(depth) {
                    // A kind name opens a new question in the list.
                    out.questions.push(QuestionSpan { start: Some(start), fields: Vec::new() });
                    out.question_bytes.push(from..from);
                }
                pending = Some((name, start));
            }
            b':' => {
                if let Some((name, at)) = pending.take() {
                    if depth == 1 {
                        next_list_is_questions = name == "questions";
                        out.header.push((name, at));
                    } else if questions_depth.is_some_and(|q| depth == q + 1)
                        && let Some(q) = out.questions.last_mut()
                    {
                        q.fields.push((name, at));
                    }
                }
                c.bump();
            }
            b'(' | b'[' | b'{' => {
                if b == b'[' && depth == 1 && next_list_is_questions {
                    questions_depth = Some(depth + 1);
                    next_list_is_questions = false;
                } else if questions_depth == Some(depth) && pending.is_none() {
                    // An unnamed `(...)` in the list is still a question.
                    out.questions.push(QuestionSpan { start: Some(c.pos()), fields: Vec::new() });
                    out.question_bytes.push(c.i..c.i);
                }
                pending = None;
                depth += 1;
                c.bump();
            }
            b')' | b']' | b'}' => {
                pending = None;
                if questions_depth == Some(depth) {
                    questions_depth = None;
                }
                if questions_depth.is_some_and(|q| depth == q + 1)
                    && let Some(range) = out.question_bytes.last_mut()
                {
                    range.end = c.i + 1;
                }
                depth = depth.saturating_sub(1);
                c.bump();
            }
            b if b.is_ascii_whitespace() => c.bump(),
            _ => {
                pending = None;
                // Numbers and other tokens: skip the whole run.
                c.bump();
                while c.peek(0).is_some_and(|b| is_ident_byte(b) || b == b'.') {
                    c.bump();
                }
            }
        }
    }
    out
}

/// A field of a struct in a bank's text: its name and where its value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpan {
    pub name: String,
    /// The byte the name starts at.
    pub name_at: usize,
    /// The value's bytes, from its first token to its last (no comma).
    pub value: std::ops::Range<usize>,
    /// The byte just after the comma that ends the field, if it has one.
    pub comma_end: Option<usize>,
}

/// An item of a list whose items are structs (`Kind(...)`), as questions are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemSpan {
    /// The byte the kind's name starts at.
    pub start: usize,
    pub kind: String,
    /// The bytes of the item's `(` and `)`.
    pub open: usize,
    pub close: usize,
    pub fields: Vec<FieldSpan>,
    /// The byte just after the comma that ends the item, if it has one.
    pub comma_end: Option<usize>,
}

impl Cursor<'_> {
    /// Skips whitespace and comments.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(0), self.peek(1)) {
                (Some(b'/'), Some(b'/')) => self.skip_line_comment(),
                (Some(b'/'), Some(b'*')) => self.skip_block_comment(),
                (Some(b), _) if b.is_ascii_whitespace() => self.bump(),
                _ => return,
            }
        }
    }

    fn ident(&mut self, text: &str) -> Option<String> {
        let from = self.i;
        while self.peek(0).is_some_and(is_ident_byte) {
            self.bump();
        }
        (self.i > from && !text.as_bytes()[from].is_ascii_digit()).then(|| text[from..self.i].to_string())
    }

    /// Skips one value, stopping before the `,` or closing bracket that
    /// ends it; returns the byte after its last token. `None` when a second
    /// value follows the first (a missing comma).
    fn skip_value(&mut self) -> Option<usize> {
        let mut depth = 0usize;
        let mut end = None;
        // At depth 0: a whole value has been read, and whether it was a name
        // (which a bracket may follow: `Article(...)`, `Some(...)`).
        let mut complete = false;
        let mut named = false;
        loop {
            self.skip_trivia();
            let b = self.peek(0)?;
            let opens = matches!(b, b'(' | b'[' | b'{');
            if depth == 0 && complete && !(named && opens) && !matches!(b, b',' | b')' | b']' | b'}') {
                return None;
            }
            named = false;
            match b {
                b'"' => self.skip_string(),
                b'r' if self.is_raw_string_start() => self.skip_raw_string(),
                b'\'' => self.skip_char(),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.bump();
                }
                b')' | b']' | b'}' if depth == 0 => return end,
                b')' | b']' | b'}' => {
                    depth -= 1;
                    self.bump();
                }
                b',' if depth == 0 => return end,
                b':' if depth == 0 => return None,
                b',' | b':' => self.bump(),
                _ => {
                    named = b.is_ascii_alphabetic() || b == b'_';
                    self.bump();
                    while self
                        .peek(0)
                        .is_some_and(|b| is_ident_byte(b) || b == b'.' || b == b'-' || b == b'+')
                    {
                        self.bump();
                    }
                }
            }
            complete = depth == 0;
            end = Some(self.i);
        }
    }
}

fn cursor_at(text: &str, at: usize) -> Cursor<'_> {
    // Lines and columns are not needed for byte spans.
    Cursor { bytes: text.as_bytes(), i: at, line: 1, col: 1 }
}

/// The fields of the struct whose `(` is at byte `open`, and the byte of its
/// `)`. `None` when the text there is not a struct of named fields.
pub fn struct_fields(text: &str, open: usize) -> Option<(Vec<FieldSpan>, usize)> {
    if text.as_bytes().get(open) != Some(&b'(') {
        return None;
    }
    let mut c = cursor_at(text, open + 1);
    let mut fields = Vec::new();
    loop {
        c.skip_trivia();
        if c.peek(0)? == b')' {
            return Some((fields, c.i));
        }
        let name_at = c.i;
        let name = c.ident(text)?;
        c.skip_trivia();
        if c.peek(0)? != b':' {
            return None;
        }
        c.bump();
        c.skip_trivia();
        let value_start = c.i;
        let value_end = c.skip_value()?;
        c.skip_trivia();
        let comma_end = if c.peek(0)? == b',' {
            c.bump();
            Some(c.i)
        } else {
            None
        };
        fields.push(FieldSpan { name, name_at, value: value_start..value_end, comma_end });
        if comma_end.is_none() && c.peek(0)? != b')' {
            return None;
        }
    }
}

/// The items of the list whose `[` is at byte `open`, each a `Kind(...)`
/// struct, and the byte of its `]`.
pub fn list_items(text: &str, open: usize) -> Option<(Vec<ItemSpan>, usize)> {
    if text.as_bytes().get(open) != Some(&b'[') {
        return None;
    }
    let mut c = cursor_at(text, open + 1);
    let mut items = Vec::new();
    loop {
        c.skip_trivia();
        if c.peek(0)? == b']' {
            return Some((items, c.i));
        }
        let start = c.i;
        let kind = c.ident(text)?;
        c.skip_trivia();
        let (fields, close) = struct_fields(text, c.i)?;
        let open = c.i;
        c.i = close + 1;
        c.skip_trivia();
        let comma_end = if c.peek(0)? == b',' {
            c.bump();
            Some(c.i)
        } else {
            None
        };
        items.push(ItemSpan { start, kind, open, close, fields, comma_end });
        if comma_end.is_none() && c.peek(0)? != b']' {
            return None;
        }
    }
}

/// The top-level struct of a text (`Bank(...)`): its name, the byte of its
/// `(`, its fields and the byte of its `)`.
pub fn top_struct(text: &str) -> Option<(String, usize, Vec<FieldSpan>, usize)> {
    let mut c = cursor_at(text, 0);
    c.skip_trivia();
    let name = c.ident(text)?;
    c.skip_trivia();
    let open = c.i;
    let (fields, close) = struct_fields(text, open)?;
    Some((name, open, fields, close))
}

#[cfg(test)]
mod span_tests {
    use super::*;

    #[test]
    fn fields_and_items_are_found_with_their_bytes() {
        let text = "// c\nBank(\n  title: \"T, (x)\", // note\n  questions: [\n    A(id: \"a\", n: [1, 2]),\n    B(id: r#\"b\"#)\n  ],\n)";
        let (name, _, fields, close) = top_struct(text).unwrap();
        assert_eq!(name, "Bank");
        assert_eq!(&text[close..], ")");
        assert_eq!(fields.len(), 2);
        assert_eq!(&text[fields[0].value.clone()], "\"T, (x)\"");
        let list = fields[1].value.start;
        let (items, end) = list_items(text, list).unwrap();
        assert_eq!(&text[end..end + 1], "]");
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].kind, "A");
        assert_eq!(&text[items[0].fields[1].value.clone()], "[1, 2]");
        assert!(items[0].comma_end.is_some() && items[1].comma_end.is_none());
        assert_eq!(&text[items[1].fields[0].value.clone()], "r#\"b\"#");
        assert!(struct_fields("(a: 1 b: 2)", 0).is_none(), "a missing comma is not guessed at");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// header comment: questions: [ not( real
Bank(
    title: "A (tricky) \"title\": [x]",
    article: Article(path: "a.txt", title: r#"raw "(" title"#),
    questions: [
        /* a block /* nested */ comment */
        TrueFalse(
            id: "first",
            answer: true,
        ),
        Figure(id: "second", choices: ["1", "2"],
          answer: "1"),
    ],
)
"##;

    #[test]
    fn finds_questions_and_fields() {
        let o = outline(TEXT);
        let names: Vec<&str> = o.header.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["title", "article", "questions"]);
        assert_eq!(o.questions.len(), 2);
        assert_eq!(o.question(0), Some(Position { line: 7, col: 9 }));
        assert_eq!(o.field(0, "answer"), Some(Position { line: 9, col: 13 }));
        assert_eq!(o.field(1, "answer"), Some(Position { line: 12, col: 11 }));
        // An unwritten field falls back to the question's opening.
        assert_eq!(o.field(1, "time_limit"), Some(Position { line: 11, col: 9 }));
    }

    #[test]
    fn columns_count_characters() {
        let o = outline("Bank(\n  title: \"Chlöe\", questions: [X(id: \"a\")])");
        assert_eq!(o.header_field("questions"), Some(Position { line: 2, col: 19 }));
        assert_eq!(o.field(0, "id"), Some(Position { line: 2, col: 33 }));
    }
}

/// A bank's comments, placed so a rewritten bank can keep them: the
/// header's, each question's (by id: those just before it and inside it),
/// and those after the last question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    pub header: Vec<String>,
    pub questions: Vec<(String, Vec<String>)>,
    pub trailer: Vec<String>,
}

impl Comments {
    /// Finds the comments of `text`, whose questions have `ids` in order.
    pub fn of(text: &str, ids: &[&str]) -> Comments {
        let mut o = outline(text);
        let comments = std::mem::take(&mut o.comments);
        let mut out = Comments::default();
        let mut per_question: Vec<Vec<String>> = vec![Vec::new(); o.question_bytes.len()];
        for (at, comment) in comments {
            let owner = o.question_bytes.iter().position(|r| at < r.end);
            match owner {
                Some(0)
                    if o.question_bytes.first().is_some_and(|r| at < r.start)
                        && !between_list_start(text, at, &o) =>
                {
                    out.header.push(comment)
                }
                Some(i) => per_question[i].push(comment),
                None if o.question_bytes.is_empty() => out.header.push(comment),
                None => out.trailer.push(comment),
            }
        }
        out.questions = ids
            .iter()
            .zip(per_question)
            .filter(|(_, c)| !c.is_empty())
            .map(|(id, c)| (id.to_string(), c))
            .collect();
        out
    }

    pub fn for_question(&self, id: &str) -> &[String] {
        self.questions.iter().find(|(q, _)| q == id).map_or(&[], |(_, c)| c.as_slice())
    }
}

/// Whether a comment at `at`, before the first question, sits inside the
/// `questions: [` list (so it belongs to the first question, not the header).
fn between_list_start(text: &str, at: usize, o: &Outline) -> bool {
    let Some(first) = o.question_bytes.first() else { return false };
    let before = &text[..first.start];
    match before.rfind("questions") {
        Some(list) => at > list,
        None => false,
    }
}

#[cfg(test)]
mod comment_tests {
    use super::*;

    #[test]
    fn comments_are_placed_by_question() {
        let text = "// top\nBank(\n  title: \"T\", // inline\n  questions: [\n    // about q1\n    A(id: \"q1\", // inside\n    ),\n    /* about q2 */\n    B(id: \"q2\"),\n    // the end\n  ],\n)\n";
        let c = Comments::of(text, &["q1", "q2"]);
        assert_eq!(c.header, ["// top", "// inline"]);
        assert_eq!(c.for_question("q1"), ["// about q1", "// inside"]);
        assert_eq!(c.for_question("q2"), ["/* about q2 */"]);
        assert_eq!(c.trailer, ["// the end"]);
    }
}

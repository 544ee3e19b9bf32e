//! Saving an edited bank into the teacher's own file, as `cargo add` edits
//! a Cargo.toml: only what changed is rewritten. A changed question has only
//! its changed fields rewritten, in the file's own style (indentation, a
//! list kept on one line where it was on one line); a new question is
//! written in that style; a deleted question takes its own lines and its own
//! comments with it, and a moved one carries them; everything else, comments
//! and blank lines included, stays byte for byte.
//!
//! A question's own comments are the `//` lines directly above it (no blank
//! line between) and those inside it. A heading comment (one with a rule
//! such as `----`) marks a place in the file, not a question, and stays.
//!
//! `save_text` answers `None` when the file's layout is one it cannot take
//! apart safely (two questions on one line, say); the caller then writes the
//! whole bank. It never answers text that does not read back as the bank.

use std::collections::HashMap;
use std::ops::Range;

use super::load;
use super::model::Bank;
use super::outline::{FieldSpan, ItemSpan, list_items, struct_fields, top_struct};
use super::write::{question_ron, to_ron};

/// The text of `text` (which reads as `before`) changed to read as `after`.
/// `origins[k]` is the index in `before.questions` that `after.questions[k]`
/// came from (moved or edited), or `None` for a new question.
pub fn save_text(text: &str, before: &Bank, after: &Bank, origins: &[Option<usize>]) -> Option<String> {
    if origins.len() != after.questions.len() {
        return None;
    }
    let identity = origins.iter().enumerate().all(|(k, o)| *o == Some(k));
    if before == after && identity && before.questions.len() == after.questions.len() {
        return Some(text.to_string());
    }
    let file = File::read(text, before)?;
    let mut edits = Vec::new();
    file.patch_header(before, after, &mut edits)?;
    let body = file.list_body(before, after, origins)?;
    edits.push(Edit { at: file.body.clone(), text: body });
    let new_text = apply(text, edits)?;
    // The safety net: what is written must read back as the edited bank.
    (load::parse("", &new_text).ok()? == *after).then_some(new_text)
}

/// A replacement of some bytes (an insertion when `at` is empty).
#[derive(Debug)]
struct Edit {
    at: Range<usize>,
    text: String,
}

/// Applies edits that do not overlap; insertions at one place keep the
/// order they were made in.
fn apply(text: &str, mut edits: Vec<Edit>) -> Option<String> {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (edits[i].at.start, edits[i].at.end, i));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for i in order {
        let edit = std::mem::take(&mut edits[i].text);
        let range = edits[i].at.clone();
        if range.start < at {
            return None;
        }
        out.push_str(text.get(at..range.start)?);
        out.push_str(&edit);
        at = range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Whether only whitespace comes before `at` on its line.
fn alone_before(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at].trim().is_empty()
}

/// When only spaces and perhaps a `//` comment follow `at` on its line,
/// the byte after that line's newline.
fn rest_of_line(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let newline = rest.find('\n')?;
    let line = rest[..newline].trim_start();
    (line.is_empty() || line.starts_with("//")).then_some(at + newline + 1)
}

fn indent_at(text: &str, at: usize) -> &str {
    &text[line_start(text, at)..at]
}

/// A comment line that marks a section (`// ---- Figures ----`).
fn is_heading(line: &str) -> bool {
    ["----", "====", "****", "####"].iter().any(|rule| line.contains(rule))
}

/// How the file is written: what a new line or list should look like.
#[derive(Debug, Clone)]
struct Style {
    /// One level of indentation.
    unit: String,
    /// Before a question's kind, and before its fields.
    question: String,
    field: String,
    /// What stands between two questions (a blank line, or nothing).
    separator: String,
    /// The longest line a one-line list of each field has in the file; a
    /// field missing here is written one item a line.
    one_line: HashMap<String, usize>,
}

/// Where a question's own bytes are, and the free bytes before them.
#[derive(Debug, Clone)]
struct Place {
    own: Range<usize>,
    gap: Range<usize>,
}

/// A bank's text taken apart: header fields, and each question's place.
struct File<'a> {
    text: &'a str,
    header: Vec<FieldSpan>,
    items: Vec<ItemSpan>,
    places: Vec<Place>,
    /// The list's lines between `questions: [` and `]`.
    body: Range<usize>,
    /// After the last question, before the `]` line.
    trailer: Range<usize>,
    style: Style,
}

impl<'a> File<'a> {
    fn read(text: &'a str, before: &Bank) -> Option<File<'a>> {
        let (_, _, header, _) = top_struct(text)?;
        let list = header.iter().find(|f| f.name == "questions")?;
        let (items, close) = list_items(text, list.value.start)?;
        if items.len() != before.questions.len()
            || items.iter().zip(&before.questions).any(|(i, q)| i.kind != q.kind_name())
        {
            return None;
        }
        let body_start = rest_of_line(text, list.value.start + 1)?;
        if !alone_before(text, close) || line_start(text, close) < body_start {
            return None;
        }
        let body_end = line_start(text, close);
        let mut places = Vec::new();
        let mut previous_end = body_start;
        for item in &items {
            if !alone_before(text, item.start) {
                return None;
            }
            let tail_end = rest_of_line(text, item.comma_end.unwrap_or(item.close + 1))?;
            let mut own_start = line_start(text, item.start);
            // Comment lines directly above belong to the question.
            while own_start > previous_end {
                let above = line_start(text, own_start - 1);
                let line = text[above..own_start].trim();
                if above < previous_end || !line.starts_with("//") || is_heading(line) {
                    break;
                }
                own_start = above;
            }
            places.push(Place { own: own_start..tail_end, gap: previous_end..own_start });
            previous_end = tail_end;
        }
        if previous_end > body_end {
            return None;
        }
        let style = Style::of(text, &header, &items, &places);
        Some(File {
            text,
            header,
            items,
            places,
            body: body_start..body_end,
            trailer: previous_end..body_end,
            style,
        })
    }

    /// Edits for the header fields (title, description, language, article)
    /// that changed.
    fn patch_header(&self, before: &Bank, after: &Bank, edits: &mut Vec<Edit>) -> Option<()> {
        let (old, old_text) = header_fields(before)?;
        let (new, new_text) = header_fields(after)?;
        let article_in_file = self.header.iter().find(|f| f.name == "article");
        let changed = |name: &str| value_of(&old, name) != value_of(&new, name);
        if changed("article")
            && let (Some(file_article), Some(_), Some(_)) = (article_in_file, &before.article, &after.article)
            && let Some(open) = struct_open(self.text, &file_article.value)
        {
            // Field by field inside `Article(...)`, so its comments stay.
            let (fields, _) = struct_fields(self.text, open)?;
            let old_article = article_fields(&old_text, &old)?;
            let new_article = article_fields(&new_text, &new)?;
            patch_fields(self.text, &fields, &old_article, &new_article, 2, &self.style, edits)?;
            let without = |list: &[(String, String)]| -> Vec<(String, String)> {
                list.iter().filter(|(n, _)| n != "article").cloned().collect()
            };
            return patch_fields(
                self.text,
                &self.header,
                &without(&old),
                &without(&new),
                1,
                &self.style,
                edits,
            );
        }
        patch_fields(self.text, &self.header, &old, &new, 1, &self.style, edits)
    }

    /// The new text between `questions: [` and `]`.
    fn list_body(&self, before: &Bank, after: &Bank, origins: &[Option<usize>]) -> Option<String> {
        let n = self.items.len();
        if origins.iter().flatten().any(|&j| j >= n) {
            return None;
        }
        let kept = stay_in_place(origins);
        // For each question of the file, the place in `after` it keeps.
        let mut anchor: Vec<Option<usize>> = vec![None; n];
        for (k, origin) in origins.iter().enumerate() {
            if let Some(j) = origin
                && kept.contains(j)
            {
                anchor[*j] = Some(k);
            }
        }
        let anchored = |k: usize| origins[k].is_some_and(|j| kept.contains(&j));
        let first_anchor = (0..after.questions.len()).find(|&k| anchored(k));
        // Each question not anchored follows the one before it in `after`.
        let followers = |k: usize| (k + 1..after.questions.len()).take_while(move |&f| !anchored(f));
        let own = |k: usize| -> Option<Own> {
            match origins[k] {
                Some(j) => self.own(j, &before.questions[j], &after.questions[k]),
                None => {
                    Some(Own { text: render_question(&after.questions[k], &self.style)?, comma_at: None })
                }
            }
        };

        let mut pieces: Vec<Piece> = Vec::new();
        let mut drop_next_blank = false;
        for (place, anchor) in self.places.iter().zip(&anchor) {
            let gap = &self.text[place.gap.clone()];
            match *anchor {
                Some(k) => {
                    if !(drop_next_blank && gap.trim().is_empty()) {
                        pieces.push(Piece::Free(gap.to_string()));
                    }
                    drop_next_blank = false;
                    if Some(k) == first_anchor {
                        for f in (0..k).filter(|&f| !anchored(f)) {
                            pieces.push(Piece::Own(own(f)?));
                            pieces.push(Piece::Free(self.style.separator.clone()));
                        }
                    }
                    pieces.push(Piece::Own(own(k)?));
                    for f in followers(k) {
                        pieces.push(Piece::Free(self.style.separator.clone()));
                        pieces.push(Piece::Own(own(f)?));
                    }
                }
                // Deleted, or moved to where it now follows another question.
                None if gap.trim().is_empty() && !gap.is_empty() => {}
                None => {
                    pieces.push(Piece::Free(gap.to_string()));
                    drop_next_blank = true;
                }
            }
        }
        if first_anchor.is_none() {
            for (i, k) in (0..after.questions.len()).enumerate() {
                if i > 0 {
                    pieces.push(Piece::Free(self.style.separator.clone()));
                }
                pieces.push(Piece::Own(own(k)?));
            }
        }
        let trailer = &self.text[self.trailer.clone()];
        if !(drop_next_blank && trailer.trim().is_empty()) {
            pieces.push(Piece::Free(trailer.to_string()));
        }
        // Every question but the last needs the comma that separates it.
        let last_own = pieces.iter().rposition(|p| matches!(p, Piece::Own(_)));
        let mut body = String::new();
        for (i, piece) in pieces.into_iter().enumerate() {
            match piece {
                Piece::Free(text) => body.push_str(&text),
                Piece::Own(Own { mut text, comma_at }) => {
                    if let Some(at) = comma_at.filter(|_| Some(i) != last_own) {
                        text.insert(at, ',');
                    }
                    body.push_str(&text);
                }
            }
        }
        Some(body)
    }

    /// Question `j` of the file as `now`: its own bytes, with the fields
    /// that changed rewritten.
    fn own(&self, j: usize, was: &super::model::Question, now: &super::model::Question) -> Option<Own> {
        let place = &self.places[j];
        let item = &self.items[j];
        let mut edits = Vec::new();
        if was != now {
            if was.kind_name() == now.kind_name() {
                let old = question_fields(was)?;
                let new = question_fields(now)?;
                patch_fields(self.text, &item.fields, &old, &new, 3, &self.style, &mut edits)?;
            } else {
                let written = render_question(now, &self.style)?;
                let bare = written.trim_start().trim_end().trim_end_matches(',');
                edits.push(Edit { at: item.start..item.close + 1, text: bare.to_string() });
            }
        }
        let shifted = edits
            .into_iter()
            .map(|e| Edit { at: e.at.start - place.own.start..e.at.end - place.own.start, text: e.text })
            .collect();
        let text = apply(&self.text[place.own.clone()], shifted)?;
        // Where a comma goes if this question stops being the last.
        let comma_at = item.comma_end.is_none().then(|| text.len() - (place.own.end - (item.close + 1)));
        Some(Own { text, comma_at })
    }
}

/// A question's own text, and where a comma would go after its `)`.
struct Own {
    text: String,
    comma_at: Option<usize>,
}

enum Piece {
    /// Blank lines and comments that stay where they are.
    Free(String),
    Own(Own),
}

/// The questions that keep their place: the longest run of `origins` in the
/// file's order. Of two equally long runs, the one keeping later questions
/// wins, so a question moved down past a heading's first question moves
/// itself rather than the heading's question.
fn stay_in_place(origins: &[Option<usize>]) -> Vec<usize> {
    let seq: Vec<usize> = origins.iter().flatten().copied().collect();
    let mut length = vec![1usize; seq.len()];
    let mut previous: Vec<Option<usize>> = vec![None; seq.len()];
    for i in 0..seq.len() {
        for p in 0..i {
            let better = length[p] + 1 > length[i]
                || (length[p] + 1 == length[i] && previous[i].is_some_and(|q| seq[p] > seq[q]));
            if seq[p] < seq[i] && better {
                length[i] = length[p] + 1;
                previous[i] = Some(p);
            }
        }
    }
    let best = (0..seq.len()).max_by_key(|&i| (length[i], seq[i]));
    let mut kept = Vec::new();
    let mut at = best;
    while let Some(i) = at {
        kept.push(seq[i]);
        at = previous[i];
    }
    kept
}

impl Style {
    fn of(text: &str, header: &[FieldSpan], items: &[ItemSpan], places: &[Place]) -> Style {
        let header_indent = header
            .iter()
            .find(|f| alone_before(text, f.name_at))
            .map_or("    ".to_string(), |f| indent_at(text, f.name_at).to_string());
        let written = items.iter().find_map(|item| {
            let first = item.fields.first()?;
            (alone_before(text, item.start) && alone_before(text, first.name_at)).then(|| {
                (indent_at(text, item.start).to_string(), indent_at(text, first.name_at).to_string())
            })
        });
        let (question, field) = written.unwrap_or_else(|| (header_indent.repeat(2), header_indent.repeat(3)));
        let unit = field
            .strip_prefix(question.as_str())
            .filter(|u| !u.is_empty())
            .map_or(header_indent.clone(), str::to_string);
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for place in places.iter().skip(1) {
            let gap = &text[place.gap.clone()];
            if gap.trim().is_empty() {
                *counts.entry(gap).or_default() += 1;
            }
        }
        let separator = counts
            .into_iter()
            .max_by_key(|(gap, n)| (*n, gap.len()))
            .map_or(String::new(), |(g, _)| g.to_string());
        let mut one_line: HashMap<String, usize> = HashMap::new();
        for field in items.iter().flat_map(|i| &i.fields).chain(header) {
            let value = &text[field.value.clone()];
            if value.starts_with('[') && value != "[]" && !value.contains('\n') {
                let start = line_start(text, field.name_at);
                let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                let width = text[start..end].chars().count();
                let longest = one_line.entry(field.name.clone()).or_default();
                *longest = (*longest).max(width);
            }
        }
        Style { unit, question, field, separator, one_line }
    }
}

/// How a list is laid out.
enum Layout {
    OneLine,
    /// One item a line, each after this indentation.
    Lines(String),
    /// As the file writes that field.
    Like,
}

/// A value as `write` renders it, laid out for a field written after
/// `indent`. `level` is the field's depth in `write`'s output (header 1,
/// article 2, question 3), to re-indent a value over several lines.
fn styled(
    value: &str,
    name: &str,
    indent: &str,
    layout: Layout,
    style: &Style,
    level: usize,
) -> Option<String> {
    if value.starts_with('[') {
        let items = string_items(value)?;
        if items.is_empty() {
            return Some("[]".to_string());
        }
        let one_line = format!("[{}]", items.join(", "));
        let layout = match layout {
            Layout::Like => {
                let width = indent.chars().count() + name.len() + 3 + one_line.chars().count();
                match style.one_line.get(name) {
                    Some(&longest) if width <= longest.max(100) => Layout::OneLine,
                    _ => Layout::Lines(format!("{indent}{}", style.unit)),
                }
            }
            other => other,
        };
        return Some(match layout {
            Layout::Lines(item_indent) => {
                let mut out = "[\n".to_string();
                for item in items {
                    out.push_str(&format!("{item_indent}{item},\n"));
                }
                out.push_str(indent);
                out.push(']');
                out
            }
            _ => one_line,
        });
    }
    if !value.contains('\n') {
        return Some(value.to_string());
    }
    // A struct over several lines: `write` indents four spaces a level.
    let mut out = String::new();
    for (i, line) in value.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            let depth = (line.len() - line.trim_start().len()) / 4;
            out.push_str(indent);
            out.push_str(&style.unit.repeat(depth.saturating_sub(level)));
        }
        out.push_str(line.trim_start());
    }
    Some(out)
}

/// The string literals of a list as `write` renders it (lists in a bank
/// hold only text).
fn string_items(value: &str) -> Option<Vec<String>> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    let mut items = Vec::new();
    let mut chars = inner.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                let mut end = None;
                for (i, c) in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => {
                            end = Some(i);
                            break;
                        }
                        _ => {}
                    }
                }
                items.push(inner[start..=end?].to_string());
            }
            ',' => {}
            c if c.is_whitespace() => {}
            _ => return None,
        }
    }
    Some(items)
}

/// The lines of a list value in the file: where its items start.
fn layout_in_file(text: &str, field: &FieldSpan) -> Layout {
    let value = &text[field.value.clone()];
    if !value.contains('\n') {
        return Layout::OneLine;
    }
    let first_item = value.find(|c: char| c != '[' && !c.is_whitespace()).map(|i| field.value.start + i);
    match first_item.filter(|&at| alone_before(text, at)) {
        Some(at) => Layout::Lines(indent_at(text, at).to_string()),
        None => Layout::Lines(format!("{}{}", indent_at(text, field.name_at), "    ")),
    }
}

/// Fields as `write` renders them: each name with its value's text.
type Rendered = Vec<(String, String)>;

fn value_of<'v>(fields: &'v Rendered, name: &str) -> Option<&'v str> {
    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn fields_at(text: &str, open: usize) -> Option<Rendered> {
    let (fields, _) = struct_fields(text, open)?;
    Some(fields.into_iter().map(|f| (f.name, text[f.value].to_string())).collect())
}

fn question_fields(q: &super::model::Question) -> Option<Rendered> {
    let text = question_ron(q);
    fields_at(&text, text.find('(')?)
}

/// The header's fields as `write` renders them (the questions left out),
/// and that text, for the article inside it.
fn header_fields(bank: &Bank) -> Option<(Rendered, String)> {
    let header_only = Bank { questions: Vec::new(), ..bank.clone() };
    let text = to_ron(&header_only, &Default::default());
    let (_, open, _, _) = top_struct(&text)?;
    let fields = fields_at(&text, open)?.into_iter().filter(|(n, _)| n != "questions").collect();
    Some((fields, text))
}

fn article_fields(text: &str, header: &Rendered) -> Option<Rendered> {
    let value = value_of(header, "article")?;
    let at = text.find(value)?;
    fields_at(text, at + value.find('(')?)
}

/// The `(` of a value written as `Name(...)`.
fn struct_open(text: &str, value: &Range<usize>) -> Option<usize> {
    let v = &text[value.clone()];
    let name_len = v.find('(')?;
    v[..name_len].chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then_some(value.start + name_len)
}

/// Edits that turn a struct's fields in the file (rendered as `old`) into
/// `new`: changed values replaced, new fields added after their neighbour,
/// fields gone removed with their lines.
fn patch_fields(
    text: &str,
    in_file: &[FieldSpan],
    old: &Rendered,
    new: &Rendered,
    level: usize,
    style: &Style,
    edits: &mut Vec<Edit>,
) -> Option<()> {
    let mut names: Vec<&str> = new.iter().map(|(n, _)| n.as_str()).collect();
    names.extend(old.iter().map(|(n, _)| n.as_str()).filter(|n| value_of(new, n).is_none()));
    for name in names {
        let (was, now) = (value_of(old, name), value_of(new, name));
        if was == now {
            continue;
        }
        let field = in_file.iter().find(|f| f.name == name);
        match (field, now) {
            (Some(f), Some(value)) => {
                let indent = if alone_before(text, f.name_at) {
                    indent_at(text, f.name_at).to_string()
                } else {
                    style.field.clone()
                };
                let layout = layout_in_file(text, f);
                edits.push(Edit {
                    at: f.value.clone(),
                    text: styled(value, name, &indent, layout, style, level)?,
                });
            }
            (Some(f), None) => edits.push(Edit { at: field_extent(text, f), text: String::new() }),
            (None, Some(value)) => insert_field(text, in_file, new, name, value, level, style, edits)?,
            (None, None) => {}
        }
    }
    Some(())
}

/// A field's bytes with its comma: its whole lines when it has them alone.
fn field_extent(text: &str, f: &FieldSpan) -> Range<usize> {
    let end = f.comma_end.unwrap_or(f.value.end);
    match rest_of_line(text, end) {
        Some(line_end) if alone_before(text, f.name_at) => line_start(text, f.name_at)..line_end,
        _ => {
            let spaces = text[end..].len() - text[end..].trim_start_matches([' ', '\t']).len();
            f.name_at..end + spaces
        }
    }
}

/// Adds a field the file did not write, after the field before it in
/// `write`'s order (or before the first field), on its own line where the
/// fields have theirs.
#[allow(clippy::too_many_arguments)]
fn insert_field(
    text: &str,
    in_file: &[FieldSpan],
    new: &Rendered,
    name: &str,
    value: &str,
    level: usize,
    style: &Style,
    edits: &mut Vec<Edit>,
) -> Option<()> {
    let order: Vec<&str> = new.iter().map(|(n, _)| n.as_str()).collect();
    let at = order.iter().position(|n| *n == name)?;
    let before = order[..at].iter().rev().find_map(|n| in_file.iter().find(|f| f.name == *n));
    match before {
        Some(p) => {
            let end = p.comma_end.unwrap_or(p.value.end);
            if p.comma_end.is_none() {
                edits.push(Edit { at: p.value.end..p.value.end, text: ",".to_string() });
            }
            match rest_of_line(text, end).filter(|_| alone_before(text, p.name_at)) {
                Some(line_end) => {
                    let indent = indent_at(text, p.name_at);
                    let value = styled(value, name, indent, Layout::Like, style, level)?;
                    edits.push(Edit { at: line_end..line_end, text: format!("{indent}{name}: {value},\n") });
                }
                None => {
                    let value = styled(value, name, &style.field, Layout::OneLine, style, level)?;
                    edits.push(Edit { at: end..end, text: format!(" {name}: {value},") });
                }
            }
        }
        None => {
            let first = in_file.first()?;
            if alone_before(text, first.name_at) {
                let indent = indent_at(text, first.name_at);
                let value = styled(value, name, indent, Layout::Like, style, level)?;
                let start = line_start(text, first.name_at);
                edits.push(Edit { at: start..start, text: format!("{indent}{name}: {value},\n") });
            } else {
                let value = styled(value, name, &style.field, Layout::OneLine, style, level)?;
                edits.push(Edit { at: first.name_at..first.name_at, text: format!("{name}: {value}, ") });
            }
        }
    }
    Some(())
}

/// A whole question in the file's style, with its comma and newline.
fn render_question(q: &super::model::Question, style: &Style) -> Option<String> {
    let text = question_ron(q);
    let open = text.find('(')?;
    let kind = text[..open].trim();
    let (fields, _) = struct_fields(&text, open)?;
    let mut out = format!("{}{kind}(\n", style.question);
    for f in fields {
        let value = styled(&text[f.value], &f.name, &style.field, Layout::Like, style, 3)?;
        out.push_str(&format!("{}{}: {value},\n", style.field, f.name));
    }
    out.push_str(&format!("{}),\n", style.question));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_run_in_order_stays_and_later_questions_win_ties() {
        let mut kept = stay_in_place(&[Some(0), Some(2), Some(1), Some(3)]);
        kept.sort();
        assert_eq!(kept, [0, 2, 3], "question 1 moved below 2: 1 is the one that moves");
        let mut kept = stay_in_place(&[Some(0), None, Some(1)]);
        kept.sort();
        assert_eq!(kept, [0, 1]);
        assert!(stay_in_place(&[]).is_empty());
    }

    #[test]
    fn list_items_are_read_from_written_lists() {
        assert_eq!(string_items("[\"a, b\", \"c \\\" d\"]").unwrap(), ["\"a, b\"", "\"c \\\" d\""]);
        assert_eq!(string_items("[\n    \"x\",\n]").unwrap(), ["\"x\""]);
        assert!(string_items("[1, 2]").is_none());
    }
}

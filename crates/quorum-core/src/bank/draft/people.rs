//! The people and bodies an article names, the roles it gives them, and
//! every place it refers to them by name, surname or role ("the mayor").
//!
//! Rules over capitalised words, role nouns and news conventions: no list
//! of real people, no outside knowledge. A name counts as a person's only
//! with evidence in the text (a role, a title, a descriptor such as
//! "classmate", or speech); a surname shared by two people stays ambiguous.

use std::ops::Range;

use super::sentences::{Layout, is_speech_verb};

pub type PersonId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// A role as the article gives it ("Green Party drug reform spokesperson").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    pub text: String,
    pub sentence: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The name as first given in full ("Chlöe Swarbrick").
    pub name: String,
    pub given: String,
    pub surname: String,
    pub roles: Vec<Role>,
    pub gender: Option<Gender>,
    /// The sentence that first names them in full.
    pub introduced: usize,
}

/// Who a mention refers to.
#[derive(Debug, Clone, PartialEq)]
pub enum Referent {
    Person(PersonId),
    /// A surname or role that fits more than one person.
    Ambiguous(Vec<PersonId>),
    /// An organisation or body ("the Electoral Commission").
    Body(String),
}

/// A place where the article refers to someone, outside quotations.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Word indices into the layout.
    pub words: Range<usize>,
    pub sentence: usize,
    pub referent: Referent,
}

#[derive(Debug, Clone, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// Bodies in the order first named, for wrong choices.
    pub bodies: Vec<String>,
    /// In text order.
    pub mentions: Vec<Mention>,
}

/// Nouns naming a job or office: before a name they make a role
/// ("Health Minister Andrew Little"), after "the" a reference ("the mayor").
const ROLE_NOUNS: [&str; 65] = [
    "minister",
    "president",
    "vice-president",
    "mayor",
    "councillor",
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "leader",
    "co-leader",
    "chair",
    "chairwoman",
    "chairman",
    "chairperson",
    "commissioner",
    "judge",
    "senator",
    "governor",
    "premier",
    "secretary",
    "director",
    "manager",
    "principal",
    "lecturer",
    "researcher",
    "economist",
    "scientist",
    "analyst",
    "officer",
    "inspector",
    "detective",
    "sergeant",
    "superintendent",
    "constable",
    "executive",
    "ceo",
    "founder",
    "coordinator",
    "convenor",
    "advocate",
    "campaigner",
    "lawyer",
    "barrister",
    "student",
    "teacher",
    "nurse",
    "doctor",
    "mp",
    "candidate",
    "deputy",
    "treasurer",
    "chancellor",
    "ambassador",
    "editor",
    "organiser",
    "organizer",
    "captain",
    "whip",
    "ombudsman",
    "coroner",
    "auditor-general",
    "attorney-general",
    "solicitor-general",
    "speaker",
    "head",
];

/// Nouns that describe a person without giving them a role: the named
/// person is real, but "What is X's role?" would be a strange question.
const DESCRIPTORS: [(&str, Option<Gender>); 24] = [
    ("classmate", None),
    ("cousin", None),
    ("friend", None),
    ("colleague", None),
    ("partner", None),
    ("neighbour", None),
    ("resident", None),
    ("parent", None),
    ("mother", Some(Gender::Female)),
    ("daughter", Some(Gender::Female)),
    ("wife", Some(Gender::Female)),
    ("sister", Some(Gender::Female)),
    ("grandmother", Some(Gender::Female)),
    ("aunt", Some(Gender::Female)),
    ("niece", Some(Gender::Female)),
    ("father", Some(Gender::Male)),
    ("son", Some(Gender::Male)),
    ("husband", Some(Gender::Male)),
    ("brother", Some(Gender::Male)),
    ("grandfather", Some(Gender::Male)),
    ("uncle", Some(Gender::Male)),
    ("nephew", Some(Gender::Male)),
    ("girlfriend", Some(Gender::Female)),
    ("boyfriend", Some(Gender::Male)),
];

/// Titles before a name: not roles, but evidence of a person.
const HONORIFICS: [(&str, Option<Gender>); 13] = [
    ("mr", Some(Gender::Male)),
    ("sir", Some(Gender::Male)),
    ("mrs", Some(Gender::Female)),
    ("ms", Some(Gender::Female)),
    ("miss", Some(Gender::Female)),
    ("dame", Some(Gender::Female)),
    ("dr", None),
    ("prof", None),
    ("rev", None),
    ("hon", None),
    ("cr", None),
    ("associate", None),
    ("emeritus", None),
];

/// Words in a capitalised run that make it an organisation or a place.
const BODY_WORDS: [&str; 52] = [
    "party",
    "council",
    "commission",
    "ministry",
    "committee",
    "parliament",
    "police",
    "government",
    "court",
    "union",
    "association",
    "board",
    "department",
    "agency",
    "authority",
    "trust",
    "institute",
    "university",
    "school",
    "college",
    "society",
    "federation",
    "bank",
    "act",
    "bill",
    "report",
    "review",
    "inquiry",
    "service",
    "office",
    "company",
    "group",
    "centre",
    "center",
    "club",
    "foundation",
    "network",
    "alliance",
    "coalition",
    "forum",
    "today",
    "news",
    "herald",
    "times",
    "post",
    "radio",
    "tribunal",
    "cabinet",
    "senate",
    "congress",
    "hospital",
    "corporation",
];

/// Capitalised words that are never part of a person's name.
const NOT_NAMES: [&str; 72] = [
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "however",
    "meanwhile",
    "according",
    "after",
    "before",
    "under",
    "over",
    "if",
    "when",
    "while",
    "this",
    "that",
    "these",
    "those",
    "it",
    "he",
    "she",
    "they",
    "we",
    "i",
    "our",
    "their",
    "his",
    "her",
    "its",
    "my",
    "your",
    "you",
    "there",
    "then",
    "so",
    "as",
    "for",
    "from",
    "with",
    "by",
    "to",
    "of",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "new",
    "zealand",
    "zealanders",
    "aotearoa",
    "states",
    "year",
];

/// Political bodies, fit to offer as a wrong "who said it" choice.
const CIVIC_BODY_WORDS: [&str; 14] = [
    "party",
    "council",
    "commission",
    "ministry",
    "committee",
    "police",
    "government",
    "union",
    "association",
    "federation",
    "labour",
    "national",
    "greens",
    "parliament",
];

/// Single words that name a body.
const SINGLE_BODIES: [&str; 8] =
    ["Labour", "Parliament", "Police", "Greens", "Treasury", "Cabinet", "Government", "Congress"];

/// Words that end a role read backwards from a name.
pub const ROLE_STOPS: [&str; 44] = [
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "in",
    "on",
    "at",
    "by",
    "with",
    "from",
    "to",
    "for",
    "of",
    "as",
    "said",
    "says",
    "told",
    "her",
    "his",
    "their",
    "our",
    "its",
    "that",
    "which",
    "who",
    "was",
    "is",
    "were",
    "are",
    "has",
    "had",
    "have",
    "will",
    "would",
    "also",
    "then",
    "when",
    "while",
    "meanwhile",
    "however",
    "including",
    "like",
];

pub fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// "Reihana's" -> "Reihana".
pub fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word)
}

pub fn is_possessive(word: &str) -> bool {
    without_possessive(word).len() != word.len()
}

pub fn is_role_noun(word: &str) -> bool {
    ROLE_NOUNS.contains(&lower(without_possessive(word)).as_str())
}

fn descriptor(word: &str) -> Option<Option<Gender>> {
    let w = lower(word);
    DESCRIPTORS.iter().find(|(d, _)| *d == w).map(|(_, g)| *g)
}

fn honorific(word: &str) -> Option<Option<Gender>> {
    let w = lower(word.trim_end_matches('.'));
    let w = if w == "professor" { "prof".to_string() } else { w };
    HONORIFICS.iter().find(|(h, _)| *h == w).map(|(_, g)| *g)
}

fn is_body_word(word: &str) -> bool {
    BODY_WORDS.contains(&lower(without_possessive(word)).as_str())
}

pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A word that could be part of a person's name: capitalised, not all
/// capitals (US, POTUS), letters only, and not a known non-name.
fn name_shaped(word: &str) -> bool {
    let w = without_possessive(word);
    is_capitalised(w)
        && w.chars().any(char::is_lowercase)
        && w.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-'))
        && !NOT_NAMES.contains(&lower(w).as_str())
        && !is_body_word(w)
        && !is_role_noun(w)
        && honorific(w).is_none()
}

/// A run of capitalised words joined by plain spaces (and "of"/"for"
/// between capitals), outside quotations.
fn runs(layout: &Layout, sentence: usize) -> Vec<Range<usize>> {
    let words = layout.sentences[sentence].words.clone();
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for i in words.clone() {
        let w = layout.word(i);
        let plain_gap = layout.gap_before(i).chars().all(char::is_whitespace) && i > words.start;
        let joins_run = current.is_some() && plain_gap;
        let capital = is_capitalised(w) && !layout.words[i].in_quote;
        let connector = matches!(w, "of" | "for")
            && joins_run
            && words.contains(&(i + 1))
            && is_capitalised(layout.word(i + 1))
            && layout.gap_after(i).chars().all(char::is_whitespace);
        match (&mut current, capital || connector) {
            (Some(run), true) if joins_run => run.end = i + 1,
            (_, true) => {
                if let Some(run) = current.take() {
                    out.push(run);
                }
                current = Some(i..i + 1);
            }
            (_, false) => {
                if let Some(run) = current.take() {
                    out.push(run);
                }
            }
        }
        // A possessive ends its run: "Reihana's group".
        if current.is_some() && is_possessive(w) {
            out.extend(current.take());
        }
    }
    out.extend(current);
    out
}

/// What one capitalised run is.
#[derive(Debug, Clone, PartialEq)]
enum RunKind {
    /// A full name, with the role written in the run and the evidence of a
    /// person found there (a role, a title).
    Name {
        name: Range<usize>,
        role: Option<Range<usize>>,
        evidence: bool,
        gender: Option<Gender>,
    },
    /// One word that could be a surname or given name, possibly qualified
    /// by a role ("Councillor Tane") or a title ("Mr Ellery").
    Single {
        word: usize,
        role_noun: Option<String>,
        gender: Option<Gender>,
    },
    Body(String),
    /// A role with no name after it ("the Health Minister").
    RoleOnly {
        head: String,
    },
    Nothing,
}

fn classify(layout: &Layout, run: Range<usize>) -> RunKind {
    let mut start = run.start;
    while start < run.end && NOT_NAMES.contains(&lower(layout.word(start)).as_str()) {
        start += 1;
    }
    if start >= run.end {
        return RunKind::Nothing;
    }
    let words: Vec<&str> = (start..run.end).map(|i| layout.word(i)).collect();
    if let [one] = words.as_slice()
        && SINGLE_BODIES.contains(&without_possessive(one))
    {
        return RunKind::Body(without_possessive(one).to_string());
    }
    // The name is what follows the last role noun or title (and the role
    // noun's "of X" complement).
    let mut name_from = 0;
    let mut role_end = None;
    let mut gender = None;
    let mut titled = false;
    for (k, w) in words.iter().enumerate() {
        if is_role_noun(w) {
            name_from = k + 1;
            role_end = Some(k + 1);
        } else if let Some(g) = honorific(w) {
            name_from = k + 1;
            gender = gender.or(g);
            titled = true;
        } else if matches!(*w, "of" | "for") && role_end == Some(k) {
            // "Minister of Health Ayesha Verrall": skip the complement.
            name_from = (k + 2).min(words.len());
            role_end = Some(name_from);
        }
    }
    let name = &words[name_from..];
    let has_body_word = words.iter().any(|w| is_body_word(w));
    if name.is_empty() {
        if let Some(end) = role_end
            && !has_body_word
        {
            return RunKind::RoleOnly { head: lower(without_possessive(words[end - 1])) };
        }
        return if has_body_word {
            RunKind::Body(body_name(layout, start..run.end))
        } else {
            RunKind::Nothing
        };
    }
    if name.iter().all(|w| name_shaped(w)) && name.len() <= 3 {
        let name_range = start + name_from..run.end;
        if name.len() == 1 {
            let role_noun = role_end.map(|e| lower(words[e - 1]));
            return RunKind::Single { word: name_range.start, role_noun, gender };
        }
        let role = role_end.filter(|_| name_from > 0).map(|e| start..start + e);
        return RunKind::Name { name: name_range, role, evidence: role_end.is_some() || titled, gender };
    }
    if has_body_word {
        return RunKind::Body(body_name(layout, start..run.end));
    }
    RunKind::Nothing
}

fn body_name(layout: &Layout, run: Range<usize>) -> String {
    let from = layout.words[run.start].range.start;
    let to = layout.words[run.end - 1].range.end;
    without_possessive(&layout.text[from..to]).to_string()
}

/// The role written before a name in lower case ("drug reform
/// spokesperson"), read backwards from word `before` to a stop word or
/// punctuation, or `None` when the word before the name is no role noun.
/// Returns the role's word range and the descriptor's gender, if any.
fn role_before(layout: &Layout, name_start: usize) -> Option<(Option<Range<usize>>, Option<Gender>, bool)> {
    let sentence = layout.words[name_start].sentence;
    let first = layout.sentences[sentence].words.start;
    if name_start == first || !layout.gap_before(name_start).chars().all(char::is_whitespace) {
        return None;
    }
    let head = name_start - 1;
    let head_word = layout.word(head);
    if layout.words[head].in_quote {
        return None;
    }
    if let Some(g) = descriptor(head_word) {
        return Some((None, g, true));
    }
    if !is_role_noun(head_word) || is_possessive(head_word) {
        return None;
    }
    let mut start = head;
    while start > first && head - start < 6 {
        let gap = layout.gap_before(start);
        let plain = gap.chars().all(char::is_whitespace) || gap == "' " || gap == "\u{2019} ";
        let prev = layout.word(start - 1);
        if !plain || ROLE_STOPS.contains(&lower(prev).as_str()) || layout.words[start - 1].in_quote {
            break;
        }
        start -= 1;
    }
    Some((Some(start..head + 1), None, true))
}

/// A role given after a name, between commas: "Ana Fifita, principal of
/// Tokomaru Area School." Possessives ("the mayor's cousin") are not roles.
fn role_after(layout: &Layout, name_end: usize) -> Option<(Option<Range<usize>>, Option<Gender>)> {
    let last = name_end - 1;
    let sentence = layout.words[last].sentence;
    let words = layout.sentences[sentence].words.clone();
    if !layout.gap_after(last).trim_start().starts_with(',') || !words.contains(&name_end) {
        return None;
    }
    let mut start = name_end;
    if matches!(lower(layout.word(start)).as_str(), "the" | "a" | "an") {
        start += 1;
    }
    let mut end = start;
    let mut head: Option<usize> = None;
    while end < words.end && end - start < 8 {
        let w = layout.word(end);
        if layout.words[end].in_quote || matches!(lower(w).as_str(), "who" | "which" | "said" | "told") {
            return None;
        }
        if head.is_none() && !is_possessive(w) && (is_role_noun(w) || descriptor(w).is_some()) {
            head = Some(end);
        }
        let gap = layout.gap_after(end);
        end += 1;
        if gap.contains([',', '.', ';', ':', '(', ')', '"', '\u{201D}']) || end == words.end {
            break;
        }
    }
    let head = head?;
    if let Some(g) = descriptor(layout.word(head)) {
        return Some((None, g));
    }
    // "principal of ..." reads as a role only when it starts the phrase.
    // "principal of ...", "a senior policy analyst at ...": the role noun
    // comes early in a role; later, the phrase is about something else.
    (head < start + 4).then_some((Some(start..end), None))
}

fn words_text(layout: &Layout, range: &Range<usize>) -> String {
    let from = layout.words[range.start].range.start;
    let to = layout.words[range.end - 1].range.end;
    layout.text[from..to].to_string()
}

/// Whether a speech verb stands right before or after these words.
fn beside_speech(layout: &Layout, range: &Range<usize>) -> bool {
    let sentence = layout.words[range.start].sentence;
    let words = &layout.sentences[sentence].words;
    let after = words.contains(&range.end) && is_speech_verb(layout.word(range.end));
    let before = range.start > words.start && is_speech_verb(layout.word(range.start - 1));
    after || before
}

impl People {
    pub fn find(layout: &Layout) -> People {
        let mut people = People::default();
        let mut pending: Vec<(usize, Range<usize>)> = Vec::new();
        let mut singles: Vec<(usize, Range<usize>, usize, Option<String>, Option<Gender>)> = Vec::new();
        let mut surnames_alone: Vec<String> = Vec::new();
        for sentence in 0..layout.sentences.len() {
            for run in runs(layout, sentence) {
                match classify(layout, run.clone()) {
                    RunKind::Name { name, role, evidence, gender } => {
                        // A title is part of the run: "chair Dame Aroha Clarke".
                        let titled_from = (run.start..name.start)
                            .find(|&k| honorific(layout.word(k)).is_some())
                            .unwrap_or(name.start);
                        let before = role_before(layout, titled_from);
                        let after = role_after(layout, name.end);
                        let role =
                            role.or(before.clone().and_then(|b| b.0)).or(after.clone().and_then(|a| a.0));
                        let gender =
                            gender.or(before.as_ref().and_then(|b| b.1)).or(after.as_ref().and_then(|a| a.1));
                        let evidence =
                            evidence || before.is_some() || after.is_some() || beside_speech(layout, &name);
                        let id = people.person_named(layout, &name, sentence, evidence);
                        if let Some(id) = id {
                            let p = &mut people.persons[id];
                            p.gender = p.gender.or(gender);
                            if let Some(role) = role {
                                let text = words_text(layout, &role);
                                if !p.roles.iter().any(|r| r.text.eq_ignore_ascii_case(&text)) {
                                    p.roles.push(Role { text, sentence });
                                }
                            }
                            people.mentions.push(Mention {
                                words: run.start..name.end,
                                sentence,
                                referent: Referent::Person(id),
                            });
                        } else {
                            pending.push((sentence, name));
                        }
                    }
                    RunKind::Single { word, role_noun, gender } => {
                        if beside_speech(layout, &(word..word + 1)) {
                            surnames_alone.push(without_possessive(layout.word(word)).to_string());
                        }
                        singles.push((sentence, run.start..word + 1, word, role_noun, gender));
                    }
                    RunKind::Body(name) => {
                        if !people.bodies.contains(&name) {
                            people.bodies.push(name.clone());
                        }
                        people.mentions.push(Mention {
                            words: run,
                            sentence,
                            referent: Referent::Body(name),
                        });
                    }
                    RunKind::RoleOnly { head } => {
                        if let Some(referent) = people.by_role(&head, sentence) {
                            people.mentions.push(Mention { words: run, sentence, referent });
                        }
                    }
                    RunKind::Nothing => {}
                }
            }
        }
        // A name with no evidence yet is a person if the article later calls
        // them by surname alone beside a verb of speech.
        for (sentence, name) in pending {
            let surname = without_possessive(layout.word(name.end - 1)).to_string();
            if surnames_alone.contains(&surname)
                && let Some(id) = people.person_named(layout, &name, sentence, true)
            {
                people.mentions.push(Mention { words: name, sentence, referent: Referent::Person(id) });
            }
        }
        for (sentence, words, word, role_noun, gender) in singles {
            if let Some(referent) = people.by_single_name(layout.word(word), role_noun.as_deref(), sentence) {
                if let (Referent::Person(id), Some(g)) = (&referent, gender) {
                    people.persons[*id].gender.get_or_insert(g);
                }
                people.mentions.push(Mention { words, sentence, referent });
            }
        }
        people.find_role_references(layout);
        people.mentions.sort_by_key(|m| m.words.start);
        people
    }

    /// The person with this full name, made if new and `evidence` allows.
    fn person_named(
        &mut self,
        layout: &Layout,
        name: &Range<usize>,
        sentence: usize,
        evidence: bool,
    ) -> Option<PersonId> {
        let full = without_possessive(&words_text(layout, name)).to_string();
        if let Some(id) = self.persons.iter().position(|p| p.name == full) {
            return Some(id);
        }
        if !evidence {
            return None;
        }
        let given = layout.word(name.start).to_string();
        let surname = without_possessive(layout.word(name.end - 1)).to_string();
        self.persons.push(Person {
            name: full,
            given,
            surname,
            roles: Vec::new(),
            gender: None,
            introduced: sentence,
        });
        Some(self.persons.len() - 1)
    }

    /// "Tane", "Councillor Tane", "Mr Ellery": by surname (then given
    /// name), narrowed by the role noun when there is one.
    /// Only people already introduced by sentence `sentence` count: a
    /// namesake named later does not make an earlier surname ambiguous.
    fn by_single_name(&self, word: &str, role_noun: Option<&str>, sentence: usize) -> Option<Referent> {
        let word = without_possessive(word);
        let known = |i: &usize| self.persons[*i].introduced <= sentence;
        let mut ids: Vec<PersonId> =
            (0..self.persons.len()).filter(known).filter(|&i| self.persons[i].surname == word).collect();
        if ids.is_empty() {
            ids = (0..self.persons.len()).filter(known).filter(|&i| self.persons[i].given == word).collect();
        }
        if let Some(noun) = role_noun
            && ids.len() > 1
        {
            let with_role: Vec<PersonId> =
                ids.iter().copied().filter(|&i| self.persons[i].has_role_noun(noun)).collect();
            if !with_role.is_empty() {
                ids = with_role;
            }
        }
        match ids.as_slice() {
            [] => None,
            [one] => Some(Referent::Person(*one)),
            _ => Some(Referent::Ambiguous(ids)),
        }
    }

    /// The people introduced by sentence `sentence` whose role has this
    /// noun ("mayor").
    pub fn by_role(&self, noun: &str, sentence: usize) -> Option<Referent> {
        let ids: Vec<PersonId> = (0..self.persons.len())
            .filter(|&i| self.persons[i].introduced <= sentence && self.persons[i].has_role_noun(noun))
            .collect();
        match ids.as_slice() {
            [] => None,
            [one] => Some(Referent::Person(*one)),
            _ => Some(Referent::Ambiguous(ids)),
        }
    }

    /// "the mayor", "the health minister": lower-case references to a
    /// role someone in the article holds. Possessives ("the mayor's
    /// cousin") refer to that person too, but never as a speaker.
    fn find_role_references(&mut self, layout: &Layout) {
        for i in 0..layout.words.len() {
            if layout.words[i].in_quote || lower(layout.word(i)) != "the" {
                continue;
            }
            let sentence = layout.words[i].sentence;
            let words = layout.sentences[sentence].words.clone();
            let mut end = i + 1;
            while end < words.end && end - i <= 3 && !layout.words[end].in_quote {
                let w = layout.word(end);
                if is_capitalised(w) {
                    break;
                }
                end += 1;
                if is_role_noun(w) {
                    if let Some(referent) = self.by_role(&lower(without_possessive(w)), sentence) {
                        self.mentions.push(Mention { words: i..end, sentence, referent });
                    }
                    break;
                }
                if !layout.gap_after(end - 1).chars().all(char::is_whitespace) {
                    break;
                }
            }
        }
    }

    /// Bodies fit to offer as "who said it" choices: parties, councils,
    /// commissions; never a newspaper or radio programme.
    pub fn civic_bodies(&self) -> impl Iterator<Item = &String> {
        self.bodies
            .iter()
            .filter(|b| b.split_whitespace().any(|w| CIVIC_BODY_WORDS.contains(&lower(w).as_str())))
    }

    /// Person mentions in sentence `s`, in order.
    pub fn persons_in(&self, s: usize) -> impl Iterator<Item = (&Mention, PersonId)> {
        self.mentions.iter().filter(move |m| m.sentence == s).filter_map(|m| match m.referent {
            Referent::Person(id) => Some((m, id)),
            _ => None,
        })
    }
}

impl Person {
    pub fn has_role_noun(&self, noun: &str) -> bool {
        self.roles.iter().any(|r| r.text.split_whitespace().any(|w| lower(without_possessive(w)) == noun))
    }

    /// The role to show with the name: the first one the article gives.
    pub fn role(&self) -> Option<&str> {
        self.roles.first().map(|r| r.text.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn people(text: &str) -> (People, Vec<(String, Option<String>)>) {
        let layout = Layout::new(text);
        let p = People::find(&layout);
        let list = p.persons.iter().map(|p| (p.name.clone(), p.role().map(str::to_string))).collect();
        (p, list)
    }

    fn named(list: &[(String, Option<String>)]) -> Vec<(&str, Option<&str>)> {
        list.iter().map(|(n, r)| (n.as_str(), r.as_deref())).collect()
    }

    #[test]
    fn roles_before_a_name_in_capitals_or_not() {
        let (_, list) = people(
            "In a tweet, Health Minister Andrew Little said no. Meanwhile in New Zealand, Green Party drug \
             reform spokesperson Chlöe Swarbrick said yes. US President Joe Biden has pardoned thousands.",
        );
        assert_eq!(
            named(&list),
            [
                ("Andrew Little", Some("Health Minister")),
                ("Chlöe Swarbrick", Some("Green Party drug reform spokesperson")),
                ("Joe Biden", Some("US President")),
            ]
        );
    }

    #[test]
    fn roles_after_a_name_and_possessive_plurals() {
        let (_, list) = people(
            "\"Too much,\" said Ana Fifita, principal of Tokomaru Area School. Residents' association chair \
             Pania Ruru said her members were split.",
        );
        assert_eq!(
            named(&list),
            [
                ("Ana Fifita", Some("principal of Tokomaru Area School")),
                ("Pania Ruru", Some("Residents' association chair")),
            ]
        );
    }

    #[test]
    fn a_capitalised_pair_is_no_person_without_evidence() {
        let (p, list) = people("She told Midday Report the data showed it. Waimata Today reported it.");
        assert!(list.is_empty(), "{list:?}");
        assert!(p.bodies.contains(&"Midday Report".to_string()));
        let (_, list) = people("Aria Walsh arrived. Walsh said it was late.");
        assert_eq!(named(&list), [("Aria Walsh", None)]);
    }

    #[test]
    fn the_same_surname_stays_two_people_and_a_role_tells_them_apart() {
        let (p, list) = people(
            "Mayor Grace Tane spoke. Councillor Hemi Tane, the mayor's cousin, voted against it. Tane said \
             no. Councillor Tane said he would push on. The mayor said she would not.",
        );
        assert_eq!(named(&list), [("Grace Tane", Some("Mayor")), ("Hemi Tane", Some("Councillor"))]);
        let referents: Vec<&Referent> = p.mentions.iter().map(|m| &m.referent).collect();
        assert!(referents.contains(&&Referent::Ambiguous(vec![0, 1])), "bare `Tane` is ambiguous");
        let councillor_tane = p.mentions.iter().filter(|m| m.referent == Referent::Person(1)).count();
        assert_eq!(councillor_tane, 2, "Hemi Tane, then Councillor Tane");
        assert!(p.mentions.iter().filter(|m| m.referent == Referent::Person(0)).count() >= 3, "the mayor");
    }

    #[test]
    fn a_title_sits_between_a_role_and_the_name() {
        let (p, list) = people(
            "Regional council chair Dame Aroha Clarke agreed. Transport researcher Professor Li Wei did not.",
        );
        assert_eq!(
            named(&list),
            [("Aroha Clarke", Some("Regional council chair")), ("Li Wei", Some("Transport researcher"))]
        );
        assert_eq!(p.persons[0].gender, Some(Gender::Female));
    }

    #[test]
    fn descriptors_and_titles_are_evidence_and_may_give_gender() {
        let (p, list) = people(
            "Mia Kerehoma came with her classmate Aria Walsh and her brother Rawiri Kerehoma. Dr Samuel Leota and Ms Jo Brown spoke.",
        );
        assert_eq!(
            named(&list),
            [("Aria Walsh", None), ("Rawiri Kerehoma", None), ("Samuel Leota", None), ("Jo Brown", None)]
        );
        assert_eq!(p.persons[1].gender, Some(Gender::Male));
        assert_eq!(p.persons[3].gender, Some(Gender::Female));
    }
}

//! Who said what: every verb of speech with its speaker ("Little said",
//! "she told Midday Report", "said Ruru"), and every quotation with the
//! person it belongs to, by the conventions of news English:
//! the attribution in the same sentence (before or after the quote), another
//! quote of the same paragraph, a quote paragraph that continues the last
//! speaker, or a speaker named only after the quote ("That was the message
//! from ...").
//!
//! It never guesses silently: when a pronoun or surname fits two people, or
//! a quote can only be given to someone by elimination, the attribution
//! carries a `Doubt` naming the candidates.

use super::people::{Gender, Mention, People, PersonId, ROLE_STOPS, Referent, is_capitalised, lower};
use super::sentences::{Layout, is_speech_verb};

/// Who is speaking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    Person(PersonId),
    Body(String),
}

/// Why an attribution is not certain, and who else it could be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doubt {
    pub candidates: Vec<Speaker>,
    /// What the text says, for the teacher: "\"She\" could be ...".
    pub reason: String,
}

/// How the article ties a quote to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// In the quote's own sentence: `"…," she said.`, `X said: "…"`.
    SameSentence,
    /// Elsewhere in the quote's paragraph.
    SameParagraph,
    /// A quote paragraph carrying on from the last person quoted.
    Continues,
    /// Named only after the quote: "That was the message from X".
    NamedAfter,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub speaker: Speaker,
    pub doubt: Option<Doubt>,
    /// The sentence whose words name the speaker (in full, by surname, or
    /// by a pronoun), cited as a source with the quote.
    pub named_in: usize,
    /// For a pronoun, the sentence that named the person it stands for.
    pub antecedent: Option<usize>,
    /// The pronoun the article used ("she"), when it used one.
    pub pronoun: Option<String>,
    pub how: How,
}

/// A verb of speech and who spoke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechEvent {
    pub sentence: usize,
    /// The verb's word index.
    pub verb: usize,
    pub attribution: Attribution,
}

/// A quotation of someone's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundQuote {
    /// Index into `Layout::quotations`.
    pub quotation: usize,
    /// A few words inside a sentence (`the "highly specific" referendum`),
    /// rather than whole sentences.
    pub fragment: bool,
    /// `None` when nothing in the article says who spoke.
    pub attribution: Option<Attribution>,
}

#[derive(Debug, Clone, Default)]
pub struct Speech {
    pub events: Vec<SpeechEvent>,
    pub quotes: Vec<FoundQuote>,
}

impl Speech {
    /// The speech events of a sentence.
    pub fn events_in(&self, sentence: usize) -> impl Iterator<Item = &SpeechEvent> {
        self.events.iter().filter(move |e| e.sentence == sentence)
    }
}

/// Words that may stand between a subject and its verb of speech.
const BETWEEN_SUBJECT_AND_VERB: [&str; 16] = [
    "also",
    "later",
    "earlier",
    "then",
    "again",
    "previously",
    "further",
    "yesterday",
    "today",
    "has",
    "had",
    "have",
    "would",
    "will",
    "once",
    "recently",
];

/// "That was the message from X": the first words of a sentence that names
/// the speaker of the quote before it.
const NAMED_AFTER_OPENERS: [&str; 6] = ["that", "this", "those", "these", "such", "so"];

fn pronoun_gender(word: &str) -> Option<Gender> {
    match word {
        "she" | "She" => Some(Gender::Female),
        "he" | "He" => Some(Gender::Male),
        _ => None,
    }
}

fn fits(people: &People, id: PersonId, gender: Gender) -> bool {
    people.persons[id].gender.is_none_or(|g| g == gender)
}

fn name_list(people: &People, speakers: &[Speaker]) -> String {
    let names: Vec<String> = speakers
        .iter()
        .map(|s| match s {
            Speaker::Person(id) => people.persons[*id].name.clone(),
            Speaker::Body(b) => b.clone(),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

struct Walk<'a, 'b> {
    layout: &'a Layout<'b>,
    people: &'a mut People,
    speech: Speech,
    /// The last speaker: who, the paragraph, and the sentence naming them.
    last: Option<(Attribution, usize)>,
    /// Speakers the article does not name ("A council spokeswoman").
    unnamed: Vec<String>,
}

/// Finds every speech event and attributes every quotation.
pub fn attribute(layout: &Layout, people: &mut People) -> Speech {
    let mut walk = Walk { layout, people, speech: Speech::default(), last: None, unnamed: Vec::new() };
    for p in 0..layout.paragraphs.len() {
        walk.paragraph(p);
    }
    walk.speech
}

impl Walk<'_, '_> {
    fn mention_ending_at(&self, end: usize) -> Option<&Mention> {
        self.people.mentions.iter().find(|m| m.words.end == end)
    }

    fn mention_starting_at(&self, start: usize) -> Option<&Mention> {
        self.people.mentions.iter().find(|m| m.words.start == start)
    }

    fn paragraph(&mut self, p: usize) {
        let sentences = self.layout.paragraphs[p].sentences.clone();
        for s in sentences {
            self.sentence_events(s, p);
        }
        let quotations: Vec<usize> =
            (0..self.layout.quotations.len()).filter(|&q| self.layout.quotations[q].paragraph == p).collect();
        let mut found: Vec<FoundQuote> = Vec::new();
        // First what the quotes' own sentences say, then what the paragraph
        // and its neighbours say about the rest.
        for &q in &quotations {
            let fragment = self.is_fragment(q);
            let attribution = self.in_own_sentence(q);
            if fragment && attribution.is_none() && self.word_count(q) <= 4 {
                continue; // scare quotes ("so-called"), not speech
            }
            found.push(FoundQuote { quotation: q, fragment, attribution });
        }
        for i in 0..found.len() {
            if found[i].attribution.is_some() {
                continue;
            }
            let q = found[i].quotation;
            let from_neighbour = found[..i]
                .iter()
                .rev()
                .chain(found[i + 1..].iter())
                .find_map(|f| f.attribution.clone().filter(|a| a.how == How::SameSentence));
            found[i].attribution = from_neighbour
                .map(|a| Attribution { how: How::SameParagraph, ..a })
                .or_else(|| self.earlier_in_paragraph(q))
                .or_else(|| self.named_after(q))
                .or_else(|| self.continues(q))
                .or_else(|| self.later_speaker(q));
        }
        // The paragraph's last speaker, quote or verb, is who a following
        // quote paragraph continues.
        let mut latest: Option<(usize, Attribution)> = self.last.clone().map(|(a, _)| (0, a));
        for e in self.speech.events.iter().filter(|e| self.layout.sentences[e.sentence].paragraph == p) {
            latest = Some((self.layout.words[e.verb].range.start, e.attribution.clone()));
        }
        for f in &found {
            if let Some(a) = &f.attribution {
                let at = self.layout.quotations[f.quotation].range.start;
                if latest.as_ref().is_none_or(|(l, _)| at >= *l) {
                    latest = Some((at, a.clone()));
                }
            }
        }
        if let Some((_, a)) = latest {
            let changed = self.last.as_ref().is_none_or(|(l, _)| l.speaker != a.speaker);
            let paragraph = if changed || self.paragraph_has_speech(p, &found) {
                p
            } else {
                self.last.as_ref().map_or(p, |(_, lp)| *lp)
            };
            self.last = Some((a, paragraph));
        }
        self.speech.quotes.extend(found);
    }

    fn paragraph_has_speech(&self, p: usize, found: &[FoundQuote]) -> bool {
        !found.is_empty()
            || self.speech.events.iter().any(|e| self.layout.sentences[e.sentence].paragraph == p)
    }

    fn word_count(&self, q: usize) -> usize {
        self.layout.slice(&self.layout.quotations[q].range).split_whitespace().count()
    }

    /// Words inside a sentence, not introduced by a colon or comma: `the
    /// "highly specific" referendum`, `described it as "a down payment"`.
    fn is_fragment(&self, q: usize) -> bool {
        let quote = &self.layout.quotations[q];
        let Some(s) = self.layout.sentence_at(quote.range.start) else { return false };
        let before = &self.layout.text[self.layout.sentences[s].range.start..quote.range.start];
        let before = before
            .trim_end_matches(|c: char| c.is_whitespace() || !c.is_alphanumeric() && c != ':' && c != ',');
        let words_before = before.split_whitespace().count();
        words_before > 0 && !before.ends_with([':', ','])
    }

    /// Verbs of speech in sentence `s`, with their speakers.
    fn sentence_events(&mut self, s: usize, p: usize) {
        let words = self.layout.sentences[s].words.clone();
        for verb in words.clone() {
            if self.layout.words[verb].in_quote {
                continue;
            }
            let w = self.layout.word(verb);
            let according =
                lower(w) == "according" && words.contains(&(verb + 1)) && self.layout.word(verb + 1) == "to";
            if !is_speech_verb(w) && !according {
                continue;
            }
            let attribution = if according {
                self.mention_starting_at(verb + 2).cloned().and_then(|m| self.attribution_for(&m, s))
            } else {
                self.subject(verb, s)
            };
            if let Some(attribution) = attribution {
                self.learn_gender_after(verb, &attribution);
                self.speech.events.push(SpeechEvent { sentence: s, verb, attribution: attribution.clone() });
                self.last = Some((attribution, p));
            }
        }
    }

    /// The speaker of the verb at `verb`: the words just before it, or just
    /// after it in an inverted attribution (`," said Ruru`).
    fn subject(&mut self, verb: usize, s: usize) -> Option<Attribution> {
        let layout = self.layout;
        let words = layout.sentences[s].words.clone();
        let mut j = verb;
        while j > words.start {
            let prev = layout.word(j - 1);
            let plain = layout.gap_before(j).chars().all(char::is_whitespace);
            let adverb = prev.ends_with("ly") && !is_capitalised(prev) && prev.len() > 4;
            if plain && !layout.words[j - 1].in_quote && (BETWEEN_SUBJECT_AND_VERB.contains(&prev) || adverb)
            {
                j -= 1;
            } else {
                break;
            }
        }
        let plain_before = layout.gap_before(j).chars().all(char::is_whitespace);
        if j > words.start && !layout.words[j - 1].in_quote {
            let prev = layout.word(j - 1);
            if plain_before {
                if let Some(m) = self.mention_ending_at(j).cloned() {
                    return self.attribution_for(&m, s);
                }
                if let Some(gender) = pronoun_gender(prev) {
                    return self.pronoun(gender, j - 1, s);
                }
                if matches!(prev, "and" | "but") {
                    return self.coordinated(verb, s);
                }
                if matches!(
                    lower(prev).as_str(),
                    "was" | "were" | "is" | "are" | "been" | "being" | "it" | "they"
                ) {
                    return None; // "was told", "it said": no named speaker
                }
                if let Some(body) = self.unnamed(j, s) {
                    return Some(Attribution {
                        speaker: Speaker::Body(body),
                        doubt: None,
                        named_in: s,
                        antecedent: None,
                        pronoun: None,
                        how: How::SameSentence,
                    });
                }
            }
            // "Dr Samuel Leota, who led the review, said": the subject is the
            // name before the clause set off by commas.
            if layout.gap_before(j).trim_start().starts_with(',') {
                let subject = self
                    .people
                    .mentions
                    .iter()
                    .rfind(|m| {
                        m.sentence == s
                            && m.words.end < j
                            && j - m.words.end <= 15
                            && layout.gap_after(m.words.end - 1).trim_start().starts_with(',')
                            && !(m.words.end..j).any(|k| layout.words[k].in_quote)
                    })
                    .cloned();
                if let Some(m) = subject {
                    return self.attribution_for(&m, s);
                }
            }
        }
        // Inverted after a quote or a comma: `," said Ana Fifita`.
        let after_quote_or_comma =
            verb == words.start || layout.gap_before(verb).contains([',', '"', '\u{201D}']);
        if after_quote_or_comma && words.contains(&(verb + 1)) {
            if let Some(m) = self.mention_starting_at(verb + 1).cloned() {
                return self.attribution_for(&m, s);
            }
            if let Some(gender) = pronoun_gender(layout.word(verb + 1)) {
                return self.pronoun(gender, verb + 1, s);
            }
        }
        None
    }

    /// A speaker the article does not name: "A council spokeswoman said"
    /// (the words ending at word `end`), and later "the spokeswoman said"
    /// for the same one. Answered as the article words it.
    fn unnamed(&mut self, end: usize, s: usize) -> Option<String> {
        let layout = self.layout;
        let first = layout.sentences[s].words.start;
        let head = end.checked_sub(1).filter(|&h| h >= first && !layout.words[h].in_quote)?;
        if !super::people::is_role_noun(layout.word(head)) {
            return None;
        }
        let mut k = head;
        while k > first && head - k < 4 && layout.gap_before(k).chars().all(char::is_whitespace) {
            k -= 1;
            let w = lower(layout.word(k));
            match w.as_str() {
                "a" | "an" => {
                    let from = layout.words[k].range.start;
                    let words = layout.text[from..layout.words[head].range.end].split_whitespace();
                    let text = super::questions::capitalise(&words.collect::<Vec<_>>().join(" "));
                    self.unnamed.push(text.clone());
                    return Some(text);
                }
                "the" => {
                    let noun = lower(layout.word(head));
                    return self.unnamed.iter().rev().find(|u| lower(u).ends_with(&noun)).cloned();
                }
                _ if is_capitalised(layout.word(k)) || ROLE_STOPS.contains(&w.as_str()) => return None,
                _ => {}
            }
        }
        None
    }

    /// "Marsh said ... and described", "Calder welcomed it but said": the
    /// speaker of the sentence's earlier verb, or its first person.
    fn coordinated(&self, verb: usize, s: usize) -> Option<Attribution> {
        if let Some(e) = self.speech.events.iter().rev().find(|e| e.sentence == s && e.verb < verb) {
            return Some(e.attribution.clone());
        }
        let m = self
            .people
            .mentions
            .iter()
            .find(|m| m.sentence == s && m.words.end <= verb && matches!(m.referent, Referent::Person(_)))?
            .clone();
        self.attribution_for(&m, s)
    }

    fn attribution_for(&self, m: &Mention, s: usize) -> Option<Attribution> {
        let base = |speaker, doubt| Attribution {
            speaker,
            doubt,
            named_in: s,
            antecedent: None,
            pronoun: None,
            how: How::SameSentence,
        };
        match &m.referent {
            Referent::Person(id) => Some(base(Speaker::Person(*id), None)),
            Referent::Body(b) => Some(base(Speaker::Body(b.clone()), None)),
            Referent::Ambiguous(ids) => {
                // The guess is whichever of them the article named last.
                let guess = self
                    .people
                    .mentions
                    .iter()
                    .filter(|o| o.words.start < m.words.start)
                    .filter_map(|o| match o.referent {
                        Referent::Person(id) if ids.contains(&id) => Some(id),
                        _ => None,
                    })
                    .next_back()
                    .unwrap_or(ids[0]);
                let candidates: Vec<Speaker> = ids.iter().map(|&i| Speaker::Person(i)).collect();
                let text = self.layout.text[self.layout.words[m.words.start].range.start
                    ..self.layout.words[m.words.end - 1].range.end]
                    .to_string();
                let reason = format!("\"{text}\" could be {}", name_list(self.people, &candidates));
                Some(base(Speaker::Person(guess), Some(Doubt { candidates, reason })))
            }
        }
    }

    /// "she said": the person a pronoun stands for. The people named in
    /// this sentence and the one before are the first candidates; the last
    /// speaker is always one too. More than one who fits is a doubt.
    fn pronoun(&mut self, gender: Gender, at: usize, s: usize) -> Option<Attribution> {
        let people = &*self.people;
        let mut near: Vec<(PersonId, usize)> = Vec::new();
        let earlier = s.checked_sub(1).into_iter().chain(std::iter::once(s));
        for sentence in earlier {
            for (m, id) in people.persons_in(sentence) {
                if (sentence < s || m.words.end <= at)
                    && fits(people, id, gender)
                    && !near.iter().any(|(n, _)| *n == id)
                {
                    near.push((id, sentence));
                }
            }
        }
        let last = self.last.as_ref().and_then(|(a, _)| match a.speaker {
            Speaker::Person(id) if fits(people, id, gender) => Some((id, a.named_in)),
            _ => None,
        });
        let mut candidates: Vec<(PersonId, usize)> = near.clone();
        if near.is_empty() && last.is_none() {
            // No one fits nearby and the last speaker does not either: the
            // people named in the few sentences before, latest first.
            for sentence in (s.saturating_sub(3)..s).rev() {
                for (m, id) in people.persons_in(sentence) {
                    if fits(people, id, gender) && !candidates.iter().any(|(c, _)| *c == id) {
                        candidates.push((id, m.sentence));
                    }
                }
            }
        } else if near.is_empty() {
            // Anyone named since the last speaker was, who also fits.
            if let Some((id, _)) = last {
                let since = people
                    .mentions
                    .iter()
                    .filter(|m| m.referent == Referent::Person(id) && m.words.end <= at)
                    .map(|m| m.words.end)
                    .next_back()
                    .unwrap_or(0);
                candidates.push(last.expect("checked"));
                for m in people.mentions.iter().filter(|m| m.words.start >= since && m.words.end <= at) {
                    if let Referent::Person(other) = m.referent
                        && fits(people, other, gender)
                        && !candidates.iter().any(|(c, _)| *c == other)
                    {
                        candidates.push((other, m.sentence));
                    }
                }
            }
        } else if let Some(l) = last
            && !candidates.iter().any(|(c, _)| *c == l.0)
            && !(near.len() == 1 && self.opens_sentence(near[0].0, near[0].1))
        {
            // The last speaker is a candidate too, unless the one person named
            // just before is that sentence's subject ("Councillor James
            // O'Sullivan voted against it. He argued...").
            candidates.push(l);
        }
        let (guess, antecedent) = *candidates.first()?;
        let word = self.layout.word(at).to_string();
        let doubt = (candidates.len() > 1).then(|| {
            let list: Vec<Speaker> = candidates.iter().map(|(c, _)| Speaker::Person(*c)).collect();
            Doubt { reason: format!("\"{word}\" could be {}", name_list(people, &list)), candidates: list }
        });
        if doubt.is_none() {
            self.people.persons[guess].gender.get_or_insert(gender);
        }
        let antecedent = self.last_naming(guess, at).or(Some(antecedent)).filter(|&a| a != s);
        Some(Attribution {
            speaker: Speaker::Person(guess),
            doubt,
            named_in: s,
            antecedent,
            pronoun: Some(word),
            how: How::SameSentence,
        })
    }

    /// Whether the person's first mention in sentence `s` is its subject:
    /// nothing before it but a role, or an opening phrase set off by a comma
    /// ("In a tweet, Health Minister Andrew Little said").
    fn opens_sentence(&self, id: PersonId, s: usize) -> bool {
        let layout = self.layout;
        let Some((m, _)) = self.people.persons_in(s).find(|(_, p)| *p == id) else { return false };
        let words = layout.sentences[s].words.clone();
        let clause_start = (words.start..m.words.start)
            .rev()
            .find(|&k| layout.gap_before(k).contains(','))
            .unwrap_or(words.start);
        (clause_start..m.words.start).all(|k| !ROLE_STOPS.contains(&lower(layout.word(k)).as_str()))
    }

    /// The last sentence before word `at` that names this person.
    fn last_naming(&self, id: PersonId, at: usize) -> Option<usize> {
        self.people
            .mentions
            .iter()
            .filter(|m| m.referent == Referent::Person(id) && m.words.end <= at)
            .map(|m| m.sentence)
            .next_back()
    }

    /// "Ruru said her members were split": a possessive pronoun straight
    /// after a certain speaker's verb, before anyone else is named, gives
    /// that speaker's gender.
    fn learn_gender_after(&mut self, verb: usize, a: &Attribution) {
        let (Speaker::Person(id), None) = (&a.speaker, &a.doubt) else { return };
        let s = self.layout.words[verb].sentence;
        let words = self.layout.sentences[s].words.clone();
        for k in verb + 1..words.end.min(verb + 4) {
            if self.people.mentions.iter().any(|m| m.words.start == k) || self.layout.words[k].in_quote {
                return;
            }
            let gender = match self.layout.word(k) {
                "her" => Gender::Female,
                "his" => Gender::Male,
                _ => continue,
            };
            self.people.persons[*id].gender.get_or_insert(gender);
            return;
        }
    }

    /// The attribution given in the quote's own sentence(s): a verb of
    /// speech right after the quote (`," she said`), or before it in the
    /// sentence it starts in (`X said: "…"`, `X said the "…"`).
    fn in_own_sentence(&self, q: usize) -> Option<Attribution> {
        let layout = self.layout;
        let quote = &layout.quotations[q];
        let first = layout.sentence_at(quote.range.start)?;
        let last = layout.sentence_at(quote.range.end.saturating_sub(1)).unwrap_or(first);
        let next_quote_start =
            layout.quotations.get(q + 1).filter(|n| n.paragraph == quote.paragraph).map(|n| n.range.start);
        // After: the first word after the quote is the verb or starts its subject.
        let after =
            layout.sentences[last].words.clone().find(|&k| layout.words[k].range.start >= quote.range.end);
        if let Some(k) = after
            && next_quote_start.is_none_or(|n| layout.words[k].range.start < n)
        {
            let event = self.speech.events.iter().find(|e| {
                e.sentence == layout.words[k].sentence
                    && (e.verb == k
                        || self.mention_starting_at(k).is_some_and(|m| m.words.end == e.verb)
                        || (pronoun_gender(layout.word(k)).is_some() && e.verb == k + 1))
            });
            if let Some(e) = event {
                return Some(e.attribution.clone());
            }
        }
        // Before: the last verb of speech before the quote in its first
        // sentence, with no other quote between them.
        self.speech
            .events
            .iter()
            .rfind(|e| {
                e.sentence == first
                    && layout.words[e.verb].range.end <= quote.range.start
                    && !layout.quotations.iter().any(|o| {
                        o.range.start > layout.words[e.verb].range.end && o.range.start < quote.range.start
                    })
            })
            .map(|e| e.attribution.clone())
    }

    /// A verb of speech earlier in the quote's paragraph.
    fn earlier_in_paragraph(&self, q: usize) -> Option<Attribution> {
        let quote = &self.layout.quotations[q];
        self.speech
            .events
            .iter()
            .rfind(|e| {
                self.layout.sentences[e.sentence].paragraph == quote.paragraph
                    && self.layout.words[e.verb].range.end <= quote.range.start
            })
            .map(|e| Attribution { how: How::SameParagraph, ..e.attribution.clone() })
    }

    /// "That was the message from X": the sentence after the quote names
    /// its speaker.
    fn named_after(&self, q: usize) -> Option<Attribution> {
        let layout = self.layout;
        let quote = &layout.quotations[q];
        let last = layout.sentence_at(quote.range.end.saturating_sub(1))?;
        let next = last + 1;
        let words = layout.sentences.get(next)?.words.clone();
        if words.is_empty() || !NAMED_AFTER_OPENERS.contains(&lower(layout.word(words.start)).as_str()) {
            return None;
        }
        let said = words.clone().take(3).any(|k| layout.word(k) == "said");
        for k in words.clone().take(12) {
            let link = matches!(layout.word(k), "of" | "from" | "by") || (said && layout.word(k) == "said");
            if !link {
                continue;
            }
            // The name may follow a role: "from Youth Voice Aotearoa
            // spokesperson Tama Reihana".
            let m = self
                .people
                .mentions
                .iter()
                .find(|m| m.sentence == next && m.words.start > k && m.words.start <= k + 7)?;
            return self.attribution_for(m, next).map(|a| Attribution { how: How::NamedAfter, ..a });
        }
        None
    }

    /// A quote paragraph with no attribution of its own carries on from the
    /// last person quoted. It is certain when that person spoke in the
    /// paragraph just before, or no one else has been named since.
    fn continues(&self, q: usize) -> Option<Attribution> {
        let quote = &self.layout.quotations[q];
        let (last, paragraph) = self.last.clone()?;
        let mut a = Attribution { how: How::Continues, ..last };
        // Certain when that person spoke in this paragraph or the one before.
        if a.doubt.is_some() || quote.paragraph <= paragraph + 1 {
            return Some(a);
        }
        // Further back, anyone named in between is a candidate too, and
        // even with no one named the gap itself is a doubt.
        let since = self.layout.paragraphs[paragraph].range.end;
        let mut candidates = vec![a.speaker.clone()];
        for m in &self.people.mentions {
            let at = self.layout.words[m.words.start].range.start;
            if let Referent::Person(o) = m.referent
                && at >= since
                && at < quote.range.start
                && !candidates.contains(&Speaker::Person(o))
            {
                candidates.push(Speaker::Person(o));
            }
        }
        let reason = format!(
            "the quote names no one, and the last person quoted before it, {}, was {} paragraphs earlier",
            name_list(self.people, &candidates[..1]),
            quote.paragraph - paragraph
        );
        a.doubt = Some(Doubt { candidates, reason });
        Some(a)
    }

    /// No one has spoken yet: the first speaker after the quote is a guess,
    /// and says so.
    fn later_speaker(&self, q: usize) -> Option<Attribution> {
        let quote = &self.layout.quotations[q];
        let e =
            self.speech.events.iter().find(|e| self.layout.words[e.verb].range.start > quote.range.end)?;
        let mut a = Attribution { how: How::NamedAfter, ..e.attribution.clone() };
        let reason = format!(
            "the quote names no one; {} is the next person the article quotes",
            name_list(self.people, std::slice::from_ref(&a.speaker))
        );
        a.doubt.get_or_insert(Doubt { candidates: vec![a.speaker.clone()], reason });
        Some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each quotation's first words and its speaker's name, "?" marking a doubt.
    fn attributed(text: &str) -> Vec<(String, String)> {
        let layout = Layout::new(text);
        let mut people = People::find(&layout);
        let speech = attribute(&layout, &mut people);
        speech
            .quotes
            .iter()
            .map(|f| {
                let quote: String = layout
                    .slice(&layout.quotations[f.quotation].range)
                    .split_whitespace()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" ");
                let who = match &f.attribution {
                    None => "nobody".to_string(),
                    Some(a) => {
                        let name = match &a.speaker {
                            Speaker::Person(id) => people.persons[*id].name.clone(),
                            Speaker::Body(b) => b.clone(),
                        };
                        if a.doubt.is_some() { format!("{name}?") } else { name }
                    }
                };
                (quote, who)
            })
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
    }

    #[test]
    fn quote_then_said_and_said_then_quote() {
        assert_eq!(
            attributed(
                "\"We will fix the pipes,\" Mayor Grace Tane said. Police Minister Jo Hart said: \"Not yet.\""
            ),
            pairs(&[("We will fix", "Grace Tane"), ("Not yet.", "Jo Hart")])
        );
        assert_eq!(
            attributed("\"It is fair,\" said councillor Ana Fifita. Fifita told reporters: \"We agree.\""),
            pairs(&[("It is fair,", "Ana Fifita"), ("We agree.", "Ana Fifita")])
        );
    }

    #[test]
    fn said_then_the_quote_in_the_next_paragraph_and_continuing_paragraphs() {
        let text = "Health Minister Andrew Little said the government had respected it.\n\
                    \"We have respected the result.\n\
                    \"Parliament passes laws which judges apply.\"\n\
                    However, Green MP Chlöe Swarbrick said the result was narrow.\n\
                    \"It shouldn't be a criminal offence.\"";
        assert_eq!(
            attributed(text),
            pairs(&[
                ("We have respected", "Andrew Little"),
                ("Parliament passes laws", "Andrew Little"),
                ("It shouldn't be", "Chlöe Swarbrick"),
            ])
        );
    }

    #[test]
    fn pronouns_refer_back_to_the_last_person_named() {
        let text = "Mayor Grace Tane said the council had to act. \"Our pipes are old,\" she said.\n\
                    Councillor Hemi Tane voted against it. He told Waimata Today the council had not saved.\n\
                    \"Show them the savings first.\"";
        assert_eq!(
            attributed(text),
            pairs(&[("Our pipes are", "Grace Tane"), ("Show them the", "Hemi Tane")])
        );
    }

    #[test]
    fn a_pronoun_with_two_candidates_is_a_doubt_not_a_guess() {
        let text = "Student Mia Kerehoma came with her classmate Aria Walsh. She said she had followed it.\n\
                    \"I read the whole bill.\"";
        assert_eq!(attributed(text), pairs(&[("I read the", "Mia Kerehoma?")]));
    }

    #[test]
    fn quotes_inside_a_sentence_belong_to_its_speaker_and_scare_quotes_to_no_one() {
        let text = "However, Mayor Jo Hart said the \"highly specific\" result was narrow. The so-called \
                    \"war on drugs\" failed.";
        assert_eq!(attributed(text), pairs(&[("highly specific", "Jo Hart")]));
    }

    #[test]
    fn a_speaker_named_only_after_the_quote() {
        let text = "\"If you are old enough to pay tax, you are old enough to vote.\"\n\
                    That was the message from Youth Voice spokesperson Tama Reihana outside Parliament.";
        assert_eq!(attributed(text), pairs(&[("If you are", "Tama Reihana")]));
    }

    #[test]
    fn a_second_quote_in_a_paragraph_shares_the_first_ones_speaker() {
        let text = "Mayor Jo Hart spoke. \"We asked,\" Councillor Hemi Tane said. \"Show them.\"";
        assert_eq!(attributed(text), pairs(&[("We asked,", "Hemi Tane"), ("Show them.", "Hemi Tane")]));
    }

    #[test]
    fn a_surname_two_people_share_is_a_doubt() {
        let text = "Mayor Grace Tane and Councillor Hemi Tane both spoke. \"No,\" Tane said.";
        assert_eq!(attributed(text), pairs(&[("No,", "Hemi Tane?")]));
    }

    #[test]
    fn a_role_refers_back_to_its_holder() {
        let text = "Mayor Grace Tane and Councillor Hemi Tane both spoke. The mayor said she would ask for help. \
                    \"We will knock on doors,\" the mayor said.";
        assert_eq!(attributed(text), pairs(&[("We will knock", "Grace Tane")]));
    }

    #[test]
    fn a_speaker_the_article_does_not_name_is_answered_as_written() {
        let text = "Councillor Sue Brennan spoke first.\nA council spokeswoman said costs rose.\n\
                    \"We are proud of the building,\" the spokeswoman said.";
        assert_eq!(attributed(text), pairs(&[("We are proud", "A council spokeswoman")]));
    }

    #[test]
    fn a_namesake_introduced_later_does_not_make_a_surname_ambiguous() {
        let text = "Chief executive Tom Brennan spoke. \"We were late,\" Brennan said.\n\
                    Councillor Sue Brennan called it \"unacceptable\".";
        assert_eq!(
            attributed(text),
            pairs(&[("We were late,", "Tom Brennan"), ("unacceptable", "Sue Brennan")])
        );
    }

    #[test]
    fn the_subject_of_the_sentence_before_is_who_he_is() {
        let text = "\"It helps,\" said Deputy Mayor Rebecca Hills.\n\
                    Councillor James Moore voted against it. He argued it was \"a gesture\".";
        assert_eq!(attributed(text), pairs(&[("It helps,", "Rebecca Hills"), ("a gesture", "James Moore")]));
        // The one person named before is no subject: the last speaker may be meant.
        let text = "\"It helps,\" said Deputy Mayor Jo Hills.\nThe data came from Councillor Jo Moore. She said \"it works\".";
        assert_eq!(attributed(text), pairs(&[("It helps,", "Jo Hills"), ("it works", "Jo Moore?")]));
    }

    #[test]
    fn a_quote_paragraph_far_from_its_speaker_is_a_doubt() {
        let text = "Mayor Jo Hart said the plan would work.\nThe council met on Monday.\n\"It will work.\"";
        assert_eq!(attributed(text), pairs(&[("It will work.", "Jo Hart?")]));
    }

    #[test]
    fn a_quote_with_no_speaker_anywhere_is_left_unattributed() {
        assert_eq!(
            attributed("\"Nobody knows who said this at all.\""),
            pairs(&[("Nobody knows who", "nobody")])
        );
    }
}

//! "What is X's role?" questions, from the roles the article gives people
//! ("Health Minister Andrew Little"). The wrong choices are the other roles
//! in the same article, never one that contains the right one or is
//! contained in it ("Minister" is true of a "Health Minister").

use super::people::People;
use super::questions::{Draft, capitalise, nested, role_in_prose, shorten, source_sentence};
use super::sentences::Layout;
use crate::bank::model::{Difficulty, QuestionKind};

fn overlaps(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    a.contains(&b) || b.contains(&a)
}

/// One question per person with a role, when another role exists to offer
/// as a wrong choice.
pub fn questions(layout: &Layout, people: &People, draft: &mut Draft) {
    for person in &people.persons {
        let Some(role) = person.roles.first() else { continue };
        let answer = capitalise(&role.text);
        let mut choices = vec![answer.clone()];
        for other in people.persons.iter().filter(|o| o.name != person.name) {
            for r in &other.roles {
                let wrong = capitalise(&r.text);
                let true_of_them = person.roles.iter().any(|own| overlaps(&own.text, &r.text));
                if !true_of_them
                    && !choices.iter().any(|c| c.eq_ignore_ascii_case(&wrong))
                    && choices.len() < 4
                {
                    choices.push(wrong);
                }
            }
        }
        if choices.len() < 2 {
            draft.left_out.push(format!(
                "the role of {} ({}): the article gives no other role to offer as a wrong choice",
                person.name, role.text
            ));
            continue;
        }
        let sentence = source_sentence(layout, role.sentence);
        let explanation = format!(
            "The article introduces {} as {}: \"{}\"",
            person.name,
            role_in_prose(layout, role),
            nested(&shorten(&sentence, 300))
        );
        draft.push(
            &format!("role-{}", person.name),
            "People",
            Difficulty::Easy,
            QuestionKind::MultipleChoice {
                prompt: format!("What is {}'s role, as the article describes it?", person.name),
                choices,
                answer,
            },
            explanation,
            vec![sentence],
            None,
            None,
        );
    }
}

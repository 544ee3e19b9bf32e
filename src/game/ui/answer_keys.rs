//! Which key chooses which answer: 1–6 (top row or keypad) everywhere, and
//! A–F too where letters are free (solo play). Buzzer teams' rows are in
//! `play/classroom.rs`.

use bevy::prelude::*;

/// The answer (from 0) a digit key chooses: 1–6 on the top row or keypad.
pub fn digit_answer(key: KeyCode) -> Option<usize> {
    const DIGITS: [KeyCode; 6] = [
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
    ];
    const KEYPAD: [KeyCode; 6] = [
        KeyCode::Numpad1,
        KeyCode::Numpad2,
        KeyCode::Numpad3,
        KeyCode::Numpad4,
        KeyCode::Numpad5,
        KeyCode::Numpad6,
    ];
    DIGITS.iter().position(|k| *k == key).or_else(|| KEYPAD.iter().position(|k| *k == key))
}

/// The answer a key chooses in solo play: a digit, or a letter A–F.
pub fn solo_answer(key: KeyCode) -> Option<usize> {
    const LETTERS: [KeyCode; 6] =
        [KeyCode::KeyA, KeyCode::KeyB, KeyCode::KeyC, KeyCode::KeyD, KeyCode::KeyE, KeyCode::KeyF];
    digit_answer(key).or_else(|| LETTERS.iter().position(|k| *k == key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_letters_and_the_keypad_choose_the_same_answers() {
        assert_eq!(digit_answer(KeyCode::Digit1), Some(0));
        assert_eq!(digit_answer(KeyCode::Numpad6), Some(5));
        assert_eq!(digit_answer(KeyCode::KeyA), None, "letters are team keys in the classroom");
        assert_eq!(solo_answer(KeyCode::KeyA), Some(0));
        assert_eq!(solo_answer(KeyCode::KeyF), Some(5));
        assert_eq!(solo_answer(KeyCode::Digit7), None);
        assert_eq!(solo_answer(KeyCode::KeyG), None);
    }
}

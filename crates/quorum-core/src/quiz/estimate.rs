//! What a valid answer to an estimate question is: the one scale that the
//! solo slider, the teacher's typed entry and the students' phones all use.
//!
//! A value is on the scale when it is a finite number between the question's
//! `min` and `max`; it is then snapped to the nearest `step`. Anything else is
//! refused with a reason a player or teacher can act on, never clamped into a
//! different answer than the one they gave.

use std::fmt;

use crate::bank::model::{QuestionKind, format_amount};

/// An estimate question's range and step, and its unit for showing values.
#[derive(Debug, Clone, PartialEq)]
pub struct EstimateScale {
    pub min: f64,
    pub max: f64,
    pub step: f64,
    pub unit: String,
}

/// Why a value is not an answer to an estimate.
#[derive(Debug, Clone, PartialEq)]
pub enum EstimateRefusal {
    /// Nothing was typed.
    Empty,
    /// The text is not a number ("1.2.3", "-", "abc").
    NotANumber(String),
    /// Infinite or not a number at all (`1e999`, NaN).
    NotFinite,
    /// A number outside the question's range.
    OutOfRange { value: f64, scale: EstimateScale },
}

impl fmt::Display for EstimateRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EstimateRefusal::Empty => f.write_str("type a number first"),
            EstimateRefusal::NotANumber(text) => write!(f, "\u{201C}{text}\u{201D} is not a number"),
            EstimateRefusal::NotFinite => f.write_str("that number is too large"),
            EstimateRefusal::OutOfRange { value, scale } => write!(
                f,
                "{} is outside the range: answer between {} and {}",
                crate::bank::model::format_number(*value),
                format_amount(scale.min, &scale.unit),
                format_amount(scale.max, &scale.unit)
            ),
        }
    }
}

impl EstimateScale {
    /// The scale of an estimate question; `None` for the other kinds, and for
    /// an estimate whose range or step could not be answered on.
    pub fn of(kind: &QuestionKind) -> Option<EstimateScale> {
        match kind {
            QuestionKind::Estimate { min, max, step, unit, .. }
                if min.is_finite() && max.is_finite() && step.is_finite() && *step > 0.0 && min < max =>
            {
                Some(EstimateScale { min: *min, max: *max, step: *step, unit: unit.clone() })
            }
            _ => None,
        }
    }

    /// Where a slider starts: the middle of the range, on a step, so the
    /// start gives nothing away.
    pub fn start(&self) -> f64 {
        self.snap(self.min + (self.max - self.min) / 2.0)
    }

    /// The nearest step to `value`, kept within the range. For values a
    /// control produced itself (a slider's position), never for typed ones.
    pub fn snap(&self, value: f64) -> f64 {
        if !value.is_finite() {
            return self.start();
        }
        let steps = ((value - self.min) / self.step).round();
        let snapped = (self.min + steps * self.step).clamp(self.min, self.max);
        // Keep 0.1 × 507 reading as 50.7, not 50.699999999999996.
        (snapped * 1e9).round() / 1e9
    }

    /// `value` moved by `steps` steps (negative moves down), kept in range.
    pub fn nudge(&self, value: f64, steps: f64) -> f64 {
        self.snap(value + steps * self.step)
    }

    /// Where `value` sits on the range, 0 to 1.
    pub fn fraction(&self, value: f64) -> f64 {
        ((value - self.min) / (self.max - self.min)).clamp(0.0, 1.0)
    }

    /// Accepts a value someone gave (a phone's slider or number box, a
    /// teacher's entry): finite and in range, then snapped to a step.
    pub fn accept(&self, value: f64) -> Result<f64, EstimateRefusal> {
        if !value.is_finite() {
            return Err(EstimateRefusal::NotFinite);
        }
        // Half a step of slack, so a value that snaps onto an end is in range.
        let slack = self.step / 2.0;
        if value < self.min - slack || value > self.max + slack {
            return Err(EstimateRefusal::OutOfRange { value, scale: self.clone() });
        }
        Ok(self.snap(value))
    }

    /// Reads a typed number ("64", "50.7", "120,000", "64%", " 80 percent ")
    /// and accepts it. Thousands separators and the question's unit are
    /// allowed; anything else that is not a plain number is refused.
    pub fn parse(&self, text: &str) -> Result<f64, EstimateRefusal> {
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(EstimateRefusal::Empty);
        }
        let unit = self.unit.trim();
        let without_unit = if !unit.is_empty() {
            trimmed.strip_suffix(unit).map(str::trim_end).unwrap_or(trimmed)
        } else {
            trimmed
        };
        let without_unit = without_unit.strip_suffix('%').unwrap_or(without_unit).trim_end();
        let number = parse_number(without_unit).ok_or_else(|| EstimateRefusal::NotANumber(trimmed.into()))?;
        self.accept(number)
    }
}

/// A plain decimal number, optionally negative, with optional thousands
/// commas in its whole part: "-12", "120,000", "50.7". No exponents, no
/// second point, no lone sign.
fn parse_number(text: &str) -> Option<f64> {
    let (negative, digits) = match text.strip_prefix('-').or_else(|| text.strip_prefix('\u{2212}')) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let whole_ok = if whole.contains(',') {
        let groups: Vec<&str> = whole.split(',').collect();
        (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
    } else {
        whole.bytes().all(|b| b.is_ascii_digit())
    };
    let fraction_ok = fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !whole_ok || !fraction_ok || (whole.is_empty() && fraction.is_none()) {
        return None;
    }
    let plain =
        format!("{}{}", whole.replace(',', ""), fraction.map(|f| format!(".{f}")).unwrap_or_default());
    let value: f64 = if plain.starts_with('.') { format!("0{plain}") } else { plain }.parse().ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent() -> EstimateScale {
        EstimateScale { min: 0.0, max: 100.0, step: 1.0, unit: "%".into() }
    }

    fn tenths() -> EstimateScale {
        EstimateScale { min: 30.0, max: 80.0, step: 0.1, unit: "%".into() }
    }

    #[test]
    fn the_start_is_the_middle_on_a_step() {
        assert_eq!(percent().start(), 50.0);
        assert_eq!(
            EstimateScale { min: 0.0, max: 300000.0, step: 5000.0, unit: String::new() }.start(),
            150000.0
        );
        assert_eq!(EstimateScale { min: 0.0, max: 9.0, step: 2.0, unit: String::new() }.start(), 4.0);
    }

    #[test]
    fn snapping_keeps_to_steps_and_the_range() {
        let s = tenths();
        assert_eq!(s.snap(50.66), 50.7);
        assert_eq!(s.snap(1e9), 80.0);
        assert_eq!(s.snap(-5.0), 30.0);
        assert_eq!(s.nudge(50.7, -1000.0), 30.0);
        assert_eq!(s.nudge(50.7, 1.0), 50.8);
        assert_eq!(s.snap(f64::NAN), s.start());
    }

    #[test]
    fn given_values_are_refused_not_clamped() {
        let s = percent();
        assert_eq!(s.accept(64.2), Ok(64.0));
        assert_eq!(s.accept(100.4), Ok(100.0), "half a step over snaps onto the end");
        assert!(matches!(s.accept(101.0), Err(EstimateRefusal::OutOfRange { .. })));
        assert!(matches!(s.accept(-3.0), Err(EstimateRefusal::OutOfRange { .. })));
        assert_eq!(s.accept(f64::INFINITY), Err(EstimateRefusal::NotFinite));
        assert_eq!(s.accept(f64::NAN), Err(EstimateRefusal::NotFinite));
    }

    #[test]
    fn typed_numbers_are_read_like_a_teacher_writes_them() {
        let people = EstimateScale { min: 0.0, max: 300000.0, step: 5000.0, unit: "people".into() };
        assert_eq!(people.parse("120,000"), Ok(120000.0));
        assert_eq!(people.parse(" 120000 people "), Ok(120000.0));
        assert_eq!(people.parse("118000"), Ok(120000.0));
        assert_eq!(percent().parse("64%"), Ok(64.0));
        assert_eq!(tenths().parse("50.7"), Ok(50.7));
        assert_eq!(tenths().parse(".5e1"), Err(EstimateRefusal::NotANumber(".5e1".into())));
    }

    #[test]
    fn malformed_typing_is_refused_with_a_reason() {
        let s = percent();
        for bad in ["1.2.3", "-", "1e999", "abc", "1,2", "12,34", "--5", "5.", "+"] {
            let refusal = s.parse(bad).unwrap_err();
            assert_eq!(refusal, EstimateRefusal::NotANumber(bad.into()), "{bad}");
            assert!(refusal.to_string().contains(bad));
        }
        assert_eq!(s.parse("  "), Err(EstimateRefusal::Empty));
        let far = s.parse("250").unwrap_err();
        assert_eq!(far.to_string(), "250 is outside the range: answer between 0% and 100%");
    }

    #[test]
    fn only_a_usable_estimate_has_a_scale() {
        let kind = |min: f64, max: f64, step: f64| QuestionKind::Estimate {
            prompt: "p".into(),
            min,
            max,
            step,
            unit: String::new(),
            answer: 1.0,
            tolerance: 1.0,
        };
        assert!(EstimateScale::of(&kind(0.0, 10.0, 1.0)).is_some());
        assert!(EstimateScale::of(&kind(0.0, 10.0, 0.0)).is_none());
        assert!(EstimateScale::of(&kind(10.0, 0.0, 1.0)).is_none());
        assert!(EstimateScale::of(&kind(0.0, f64::INFINITY, 1.0)).is_none());
        let tf = QuestionKind::TrueFalse { statement: "s".into(), answer: true };
        assert!(EstimateScale::of(&tf).is_none());
    }
}

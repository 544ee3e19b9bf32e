//! Places in the standings: ranks by points, shared places ("=2nd"), and who
//! won. The leaderboard, the podium, the final table and `quorum results`
//! all rank through here, so they never disagree about a tie.

/// A place in the standings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    /// 1 for first. Equal points share a rank, and the next rank skips
    /// (1, 1, 3).
    pub rank: usize,
    /// Whether someone else holds the same rank.
    pub shared: bool,
}

impl Place {
    /// "1st", "=2nd" (a shared place), "11th", "22nd".
    pub fn label(self) -> String {
        let rank = self.rank;
        let suffix = match (rank % 10, rank % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        format!("{}{rank}{suffix}", if self.shared { "=" } else { "" })
    }
}

/// Sorts best first (a stable sort: equal points keep their order) and
/// gives each its place, equal points sharing one: 1, 1, 3.
pub fn rank_by_points<T>(
    items: &mut [T],
    points: impl Fn(&T) -> u32,
    mut set_place: impl FnMut(&mut T, Place),
) {
    items.sort_by_key(|item| std::cmp::Reverse(points(item)));
    let mut start = 0;
    while start < items.len() {
        let p = points(&items[start]);
        let end = (start..items.len()).find(|&i| points(&items[i]) != p).unwrap_or(items.len());
        let place = Place { rank: start + 1, shared: end - start > 1 };
        for item in &mut items[start..end] {
            set_place(item, place);
        }
        start = end;
    }
}

/// How a finished session came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome<'a> {
    /// Nobody has any points (or there was nobody).
    NoOneScored,
    Winner {
        name: &'a str,
        points: u32,
    },
    /// Two or more share first place.
    Tie {
        names: Vec<&'a str>,
        points: u32,
    },
}

impl Outcome<'_> {
    /// One line: "Aroha (3,200 points)", "a tie: Team 1 and Team 2 (900
    /// points)", "no one scored".
    pub fn describe(&self) -> String {
        match self {
            Outcome::NoOneScored => "no one scored".to_string(),
            Outcome::Winner { name, points } => format!("{name} ({})", points_text(*points)),
            Outcome::Tie { names, points } => match names.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("a tie: {} and {last} ({})", rest.join(", "), points_text(*points))
                }
                _ => format!("a tie ({})", points_text(*points)),
            },
        }
    }
}

fn points_text(points: u32) -> String {
    let unit = if points == 1 { "point" } else { "points" };
    format!("{} {unit}", super::scoring::format_points(points))
}

/// Who came first, by points.
pub fn outcome<'a>(entries: impl IntoIterator<Item = (&'a str, u32)>) -> Outcome<'a> {
    let entries: Vec<(&str, u32)> = entries.into_iter().collect();
    let best = entries.iter().map(|(_, p)| *p).max().unwrap_or(0);
    if best == 0 {
        return Outcome::NoOneScored;
    }
    let names: Vec<&str> = entries.iter().filter(|(_, p)| *p == best).map(|(n, _)| *n).collect();
    match names.as_slice() {
        [name] => Outcome::Winner { name, points: best },
        _ => Outcome::Tie { names, points: best },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_english() {
        let label = |rank, shared| Place { rank, shared }.label();
        assert_eq!(label(1, false), "1st");
        assert_eq!(label(2, true), "=2nd");
        assert_eq!(label(3, false), "3rd");
        assert_eq!(label(4, false), "4th");
        assert_eq!(label(11, false), "11th");
        assert_eq!(label(12, false), "12th");
        assert_eq!(label(22, false), "22nd");
        assert_eq!(label(103, false), "103rd");
    }

    #[test]
    fn equal_points_share_a_place_and_the_next_skips() {
        let mut teams =
            vec![("a", 500, Place::default()), ("b", 900, Place::default()), ("c", 500, Place::default())];
        teams.push(("d", 100, Place::default()));
        rank_by_points(&mut teams, |t| t.1, |t, p| t.2 = p);
        let got: Vec<(&str, usize, bool)> = teams.iter().map(|t| (t.0, t.2.rank, t.2.shared)).collect();
        assert_eq!(got, [("b", 1, false), ("a", 2, true), ("c", 2, true), ("d", 4, false)]);
    }

    #[test]
    fn everyone_on_nothing_shares_first() {
        let mut teams = vec![(0u32, Place::default()); 3];
        rank_by_points(&mut teams, |t| t.0, |t, p| t.1 = p);
        assert!(teams.iter().all(|t| t.1 == Place { rank: 1, shared: true }));
    }

    #[test]
    fn the_outcome_names_a_tie_and_a_scoreless_game() {
        assert_eq!(outcome([("Team 1", 0), ("Team 2", 0)]), Outcome::NoOneScored);
        assert_eq!(outcome(Vec::<(&str, u32)>::new()), Outcome::NoOneScored);
        assert_eq!(outcome([("A", 900), ("B", 1200)]), Outcome::Winner { name: "B", points: 1200 });
        let tie = outcome([("A", 900), ("B", 900), ("C", 10)]);
        assert_eq!(tie, Outcome::Tie { names: vec!["A", "B"], points: 900 });
        assert_eq!(tie.describe(), "a tie: A and B (900 points)");
        assert_eq!(outcome([("X", 5500)]).describe(), "X (5,500 points)");
        assert_eq!(outcome([("A", 1), ("B", 1), ("C", 1)]).describe(), "a tie: A, B and C (1 point)");
    }
}

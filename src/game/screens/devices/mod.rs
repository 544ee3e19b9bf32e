//! Students' devices on the projector, a file per screen: the lobby students
//! join (`lobby.rs`), the question with its "answered" count
//! (`question.rs`), the reveal (`reveal.rs`), the leaderboard
//! (`leaderboard.rs`), the podium (`podium.rs`) and the final table
//! (`results.rs`). Each draws the server's snapshot (`play::devices::Shown`);
//! which one shows is the server's stage, followed in `play/devices.rs`.

mod leaderboard;
mod lobby;
mod podium;
mod question;
mod results;
mod reveal;

use bevy::prelude::*;

pub use leaderboard::{LeaderLine, MoreLine};
pub use lobby::{LobbyAction, NameChip, Picked};
pub use question::AnsweredCount;
pub use results::PlayerRow;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        lobby::plugin,
        question::plugin,
        reveal::plugin,
        leaderboard::plugin,
        podium::plugin,
        results::plugin,
    ));
}

/// "1 player", "24 players".
fn players(n: usize) -> String {
    format!("{n} player{}", if n == 1 { "" } else { "s" })
}

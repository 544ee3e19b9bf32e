//! Quorum: a civics quiz game whose every fact is checked against its source.
//!
//! This crate is the game: `game` is the Bevy layer and `cli` the teacher's
//! command line, both over the engine-free core in `quorum_core` (the bank
//! and the rules of play), which knows nothing of Bevy.

pub mod cli;
pub mod game;

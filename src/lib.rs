//! Quorum: a civics quiz game whose every fact is checked against its source.
//!
//! `bank` and `quiz` are the engine-free core; `game` is the Bevy layer over
//! it; `cli` is the teacher's command line over the same core.

pub mod atomic_file;
pub mod bank;
pub mod cli;
pub mod game;
pub mod quiz;

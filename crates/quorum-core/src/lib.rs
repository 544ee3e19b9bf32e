//! Quorum's engine-free core: the question bank (`bank`) and the rules of
//! play (`quiz`), with files written whole or not at all (`atomic_file`).
//!
//! This crate must never depend on Bevy, directly or through another crate:
//! the compiler keeps the rules of play out of the game layer that way, and
//! `cargo test -p quorum-core` stays quick because no engine is built.

pub mod atomic_file;
pub mod bank;
pub mod quiz;

//! Quorum's classroom server: students answer on their own phones, tablets
//! or Chromebooks, from a page the game serves on the local network. No
//! internet, no account.
//!
//! The game keeps a [`Host`] while a hosted session is open: it sends
//! [`Command`]s in (the teacher's keys) and draws the [`Snapshot`] it reads
//! out. The server runs on its own thread (tokio + axum); it owns sockets,
//! tokens, the PIN, bans and limits. The rules of the round (joining,
//! timing, scoring, places) are the core's `quiz::players`. This crate must
//! not depend on Bevy or winit: the game wakes its window from the
//! `wake` callback.

pub mod address;
mod console;
pub mod host;
pub mod limits;
pub mod nickname;
pub mod protocol;
pub mod qr;
mod room;
pub mod roster;
mod server;

pub use address::{Candidate, join_line, parse_join_line};
pub use console::{ConsoleOptions, Reply, console_line, run_console};
pub use host::{Command, Host, HostConfig, HostError, PlayerLine, Snapshot};
pub use qr::QrMatrix;
pub use quorum_core::quiz::players::{Seat, Stage};
pub use room::close;

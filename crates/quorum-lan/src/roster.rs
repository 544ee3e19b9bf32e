//! Who is who on the network: the token each browser is given when its
//! student joins (kept in the browser, so a refresh puts the student back
//! in the same seat), and the teacher's bans. A ban holds the browser's
//! token and the address it last came from, so a removed student can't
//! come back under another name by clearing the page, until the teacher
//! lets them back. The seats themselves are the session's
//! (`quiz::players`).

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use quorum_core::quiz::players::Seat;
use rand::Rng;

/// Why a browser may not join or come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banned;

#[derive(Debug, Default)]
pub struct Roster {
    seats: HashMap<String, Seat>,
    tokens: HashMap<Seat, String>,
    addresses: HashMap<Seat, IpAddr>,
    banned: HashSet<Seat>,
    /// Addresses banned, and whose ban it was.
    banned_addresses: HashMap<IpAddr, Seat>,
}

/// A new secret: 128 random bits as 32 hex digits.
pub fn new_token() -> String {
    format!("{:032x}", rand::rng().random::<u128>())
}

/// A new game PIN: 6 digits, never starting with 0.
pub fn new_pin() -> String {
    rand::rng().random_range(100_000..1_000_000u32).to_string()
}

impl Roster {
    /// Gives a newly seated player's browser its token.
    pub fn issue(&mut self, seat: Seat, ip: IpAddr) -> String {
        let token = new_token();
        self.seats.insert(token.clone(), seat);
        self.tokens.insert(seat, token.clone());
        self.addresses.insert(seat, ip);
        token
    }

    /// The seat a token belongs to.
    pub fn seat_of(&self, token: &str) -> Option<Seat> {
        self.seats.get(token).copied()
    }

    /// Whether a browser may take a new seat: not if its token is a removed
    /// player's, nor from a removed player's address.
    pub fn may_join(&self, token: Option<&str>, ip: IpAddr) -> Result<(), Banned> {
        let banned_token = token.and_then(|t| self.seat_of(t)).is_some_and(|s| self.banned.contains(&s));
        if banned_token || self.banned_addresses.contains_key(&ip) { Err(Banned) } else { Ok(()) }
    }

    /// Whether the browser holding `token` may come back to its seat from
    /// `ip`. Only its own ban keeps it out: a classmate behind the same
    /// address who was removed does not.
    pub fn may_resume(&mut self, token: &str, ip: IpAddr) -> Option<Result<Seat, Banned>> {
        let seat = self.seat_of(token)?;
        if self.banned.contains(&seat) {
            return Some(Err(Banned));
        }
        self.addresses.insert(seat, ip);
        Some(Ok(seat))
    }

    pub fn is_banned(&self, seat: Seat) -> bool {
        self.banned.contains(&seat)
    }

    /// Bans a removed player's browser and the address it last came from.
    pub fn ban(&mut self, seat: Seat) {
        self.banned.insert(seat);
        if let Some(ip) = self.addresses.get(&seat) {
            self.banned_addresses.insert(*ip, seat);
        }
    }

    /// Lifts a player's ban: their browser and their address are welcome again.
    pub fn let_back(&mut self, seat: Seat) {
        self.banned.remove(&seat);
        self.banned_addresses.retain(|_, s| *s != seat);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn tokens_and_pins_are_fresh_and_well_formed() {
        let a = new_token();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, new_token());
        for _ in 0..200 {
            let pin = new_pin();
            assert_eq!(pin.len(), 6);
            assert!(pin.bytes().all(|b| b.is_ascii_digit()) && !pin.starts_with('0'));
        }
    }

    #[test]
    fn a_token_finds_its_seat_and_nothing_else_does() {
        let mut r = Roster::default();
        let t = r.issue(Seat(3), ip("10.0.0.3"));
        assert_eq!(r.seat_of(&t), Some(Seat(3)));
        assert_eq!(r.seat_of("0123456789abcdef0123456789abcdef"), None);
        assert_eq!(
            r.may_resume(&t, ip("10.0.0.99")),
            Some(Ok(Seat(3))),
            "a new address after a Wi-Fi change"
        );
        assert_eq!(r.may_resume("nope", ip("10.0.0.3")), None);
    }

    #[test]
    fn a_ban_holds_the_token_and_the_address_until_let_back() {
        let mut r = Roster::default();
        let rude = r.issue(Seat(0), ip("10.0.0.5"));
        let classmate = r.issue(Seat(1), ip("10.0.0.5")); // the same address
        r.ban(Seat(0));
        assert!(r.is_banned(Seat(0)));
        assert_eq!(r.may_resume(&rude, ip("10.0.0.5")), Some(Err(Banned)));
        assert_eq!(r.may_join(Some(&rude), ip("10.0.0.77")), Err(Banned), "a new name from another address");
        assert_eq!(r.may_join(None, ip("10.0.0.5")), Err(Banned), "a cleared browser at the same address");
        assert_eq!(r.may_join(None, ip("10.0.0.6")), Ok(()));
        assert_eq!(r.may_resume(&classmate, ip("10.0.0.5")), Some(Ok(Seat(1))), "the classmate plays on");
        r.let_back(Seat(0));
        assert_eq!(r.may_resume(&rude, ip("10.0.0.5")), Some(Ok(Seat(0))));
        assert_eq!(r.may_join(None, ip("10.0.0.5")), Ok(()));
    }
}

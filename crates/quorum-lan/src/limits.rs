//! Limits on what one device can do: how fast a connection may send, and
//! how many wrong PINs an address may try. Time is passed in, so tests
//! control it exactly.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// A token bucket: `burst` messages at once, refilled at `per_second`.
#[derive(Debug, Clone)]
pub struct RateLimit {
    burst: f64,
    per_second: f64,
    tokens: f64,
    last: Instant,
}

impl RateLimit {
    pub fn new(burst: u32, per_second: f64, now: Instant) -> RateLimit {
        RateLimit { burst: f64::from(burst), per_second, tokens: f64::from(burst), last: now }
    }

    /// Whether a message arriving at `now` may be handled.
    pub fn allow(&mut self, now: Instant) -> bool {
        let dt = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = self.last.max(now);
        self.tokens = (self.tokens + dt * self.per_second).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// Wrong PINs an address may try before it has to wait.
pub const FREE_PIN_TRIES: u32 = 5;
/// The first wait; each further wrong PIN doubles it, up to `LONGEST_WAIT`.
pub const FIRST_WAIT: Duration = Duration::from_secs(30);
pub const LONGEST_WAIT: Duration = Duration::from_secs(600);
/// Addresses remembered at most, so a flood of addresses can't fill memory.
const REMEMBERED: usize = 4096;

#[derive(Debug, Clone, Default)]
struct Tries {
    wrong: u32,
    blocked_until: Option<Instant>,
}

/// Slows PIN guessing: after a few wrong PINs from one address, that
/// address waits before it may try again, longer each time.
#[derive(Debug, Clone, Default)]
pub struct PinGuard {
    tries: HashMap<IpAddr, Tries>,
}

impl PinGuard {
    /// `Err(wait)` while `ip` must wait before trying a PIN.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        match self.tries.get(&ip).and_then(|t| t.blocked_until) {
            Some(until) if until > now => Err(until - now),
            _ => Ok(()),
        }
    }

    /// Records a wrong PIN from `ip`.
    pub fn wrong(&mut self, ip: IpAddr, now: Instant) {
        if self.tries.len() >= REMEMBERED && !self.tries.contains_key(&ip) {
            self.tries.retain(|_, t| t.blocked_until.is_some_and(|u| u > now));
        }
        let t = self.tries.entry(ip).or_default();
        t.wrong += 1;
        if t.wrong >= FREE_PIN_TRIES {
            let doublings = (t.wrong - FREE_PIN_TRIES).min(8);
            t.blocked_until = Some(now + (FIRST_WAIT * 2u32.pow(doublings)).min(LONGEST_WAIT));
        }
    }

    /// The right PIN from `ip`: its count starts again.
    pub fn right(&mut self, ip: IpAddr) {
        self.tries.remove(&ip);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_is_allowed_then_the_rate() {
        let t0 = Instant::now();
        let mut limit = RateLimit::new(10, 5.0, t0);
        let allowed = (0..100).filter(|_| limit.allow(t0)).count();
        assert_eq!(allowed, 10, "the burst, then nothing at the same instant");
        // One second later, five more.
        let later = t0 + Duration::from_secs(1);
        assert_eq!((0..100).filter(|_| limit.allow(later)).count(), 5);
        // A long quiet refills only up to the burst.
        let much_later = t0 + Duration::from_secs(3600);
        assert_eq!((0..100).filter(|_| limit.allow(much_later)).count(), 10);
    }

    #[test]
    fn wrong_pins_from_one_address_make_it_wait_longer_each_time() {
        let t0 = Instant::now();
        let ip: IpAddr = "192.168.1.50".parse().unwrap();
        let other: IpAddr = "192.168.1.51".parse().unwrap();
        let mut guard = PinGuard::default();
        for _ in 0..FREE_PIN_TRIES - 1 {
            guard.wrong(ip, t0);
            assert_eq!(guard.check(ip, t0), Ok(()));
        }
        guard.wrong(ip, t0);
        assert_eq!(guard.check(ip, t0), Err(FIRST_WAIT));
        assert_eq!(guard.check(other, t0), Ok(()), "another device is not held up");
        let after = t0 + FIRST_WAIT;
        assert_eq!(guard.check(ip, after), Ok(()));
        guard.wrong(ip, after);
        assert_eq!(guard.check(ip, after), Err(FIRST_WAIT * 2));
        for _ in 0..20 {
            guard.wrong(ip, after);
        }
        assert_eq!(guard.check(ip, after), Err(LONGEST_WAIT));
        guard.right(ip);
        assert_eq!(guard.check(ip, after), Ok(()));
    }

    #[test]
    fn remembered_addresses_are_bounded() {
        let t0 = Instant::now();
        let mut guard = PinGuard::default();
        for i in 0..20_000u32 {
            guard.wrong(IpAddr::from(i.to_be_bytes()), t0);
        }
        assert!(guard.tries.len() <= REMEMBERED + 1, "{}", guard.tries.len());
    }
}

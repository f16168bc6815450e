//! Decimal numbers written with integer arithmetic.
//!
//! Rust's float formatting (`{}` or `{:.2}` on an `f64`) links Grisu, Dragon
//! and their bignum tables into the WebAssembly module: about 8 KiB of every
//! reader's download, for a few CSS lengths, the figures' digits and the
//! heights an embed reports to its page. The library writes its decimals
//! with [`Decimal`] instead, so the module never formats an `f64` itself;
//! `tests/decimal.rs` checks it against the standard formatter.

use std::fmt;

/// 2^53: every integer below it is exact in an `f64`, so a value scaled
/// below it rounds to the digits it has.
const EXACT: f64 = 9_007_199_254_740_992.0;

/// `self.0` rounded to at most `self.1` decimals (nine at most, and no more
/// than the value holds), without trailing zeros: 2.6, 1.998, 8000, -0.25.
/// Halves round away from zero, as a reader rounds; a value that rounds to
/// zero has no sign.
#[derive(Clone, Copy)]
pub struct Decimal(pub f64, pub u32);

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Decimal(v, places) = *self;
        if v.is_nan() {
            return f.write_str("NaN");
        }
        if v.is_infinite() {
            return f.write_str(if v > 0.0 { "inf" } else { "-inf" });
        }
        // As many of the decimals asked for as the scaled value keeps exact
        // (below 2^53): a trillion keeps three, a quadrillion none.
        let mut places = places.min(9);
        let (scale, scaled) = loop {
            let scale = 10u64.pow(places);
            let scaled = (v.abs() * scale as f64).round();
            if scaled < EXACT || places == 0 {
                break (scale, scaled);
            }
            places -= 1;
        };
        if scaled >= EXACT {
            return huge(f, v);
        }
        let n = scaled as u64;
        if v < 0.0 && n != 0 {
            f.write_str("-")?;
        }
        write!(f, "{}", n / scale)?;
        let (mut frac, mut width) = (n % scale, places as usize);
        if frac == 0 {
            return Ok(());
        }
        while frac % 10 == 0 {
            frac /= 10;
            width -= 1;
        }
        write!(f, ".{frac:0width$}")
    }
}

/// A value too large to scale in a `u64`: its first fifteen digits and a
/// power of ten (`15000000000000e7`), which CSS, JavaScript and people read.
fn huge(f: &mut fmt::Formatter<'_>, v: f64) -> fmt::Result {
    let (mut m, mut e) = (v.abs(), 0u32);
    while m >= 1e15 {
        m /= 10.0;
        e += 1;
    }
    if v < 0.0 {
        f.write_str("-")?;
    }
    let m = m.round() as u64;
    if e == 0 {
        write!(f, "{m}")
    } else {
        write!(f, "{m}e{e}")
    }
}

/// [`Decimal`] as a `String`.
pub fn decimals(v: f64, places: u32) -> String {
    Decimal(v, places).to_string()
}

/// `v` kept within `lo..=hi` (`hi` where `lo > hi`), as `f64::clamp` does
/// without its assertion: that assertion's message writes both bounds with
/// the float formatter this module keeps out of the WebAssembly module.
pub fn within(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

//! Decimals written with integer arithmetic (`article_charts::decimal`),
//! against an oracle built from integers and against the standard float
//! formatter that the module must not link.

use article_charts::decimal::decimals;
use proptest::prelude::*;

/// What `decimals` must write for `n / 10^places`, built from the
/// integer alone, so that no float formatter is the oracle.
fn expected(n: i64, places: u32) -> String {
    let scale = 10i64.pow(places);
    let (int, frac) = (n.abs() / scale, n.abs() % scale);
    let sign = if n < 0 { "-" } else { "" };
    if frac == 0 {
        return format!("{sign}{int}");
    }
    let digits = format!("{frac:0width$}", width = places as usize);
    format!("{sign}{int}.{}", digits.trim_end_matches('0'))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Figures as articles print them (a whole number of hundredths,
    /// say) come back with exactly their digits.
    #[test]
    fn a_figure_keeps_its_digits(n in -1_000_000_000_000i64..1_000_000_000_000, places in 0u32..4) {
        let v = n as f64 / 10f64.powi(places as i32);
        prop_assert_eq!(decimals(v, places), expected(n, places));
    }

    /// Anything else rounds as the standard formatter does, away from
    /// exact halves (where ours rounds half away from zero, as a
    /// reader expects, and the standard one to even).
    #[test]
    fn other_values_round_as_the_standard_formatter(v in -1.0e12f64..1.0e12, places in 0u32..4) {
        let at = v.abs() * 10f64.powi(places as i32);
        prop_assume!((at.fract() - 0.5).abs() > 1e-3);
        let standard = format!("{v:.p$}", p = places as usize);
        let standard = if standard.contains('.') {
            standard.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            standard
        };
        let standard = if standard == "-0" { "0".to_owned() } else { standard };
        prop_assert_eq!(decimals(v, places), standard);
    }
}

#[test]
fn halves_round_away_from_zero_and_huge_values_are_written_whole() {
    assert_eq!(decimals(2.5, 0), "3");
    assert_eq!(decimals(-0.125, 2), "-0.13");
    assert_eq!(decimals(-0.001, 2), "0");
    assert_eq!(
        decimals(1e300, 2)
            .parse::<f64>()
            .map(|x| (x / 1e300 - 1.0).abs() < 1e-14),
        Ok(true)
    );
}

#[test]
fn nine_places_at_most_those_the_value_holds_and_a_power_of_ten_past_two_to_the_fifty_three() {
    assert_eq!(decimals(0.1234567891234, 12), "0.123456789");
    assert_eq!(decimals(1.5e20, 0), "150000000000000e6");
    assert_eq!(decimals(1e15, 3), "1000000000000000");
    assert_eq!(decimals(1e12 + 0.125, 3), "1000000000000.125");
    assert_eq!(decimals(1e15 + 0.5, 3), "1000000000000001");
    assert_eq!(decimals(-2.0e16, 1), "-200000000000000e2");
    assert_eq!(decimals(f64::NAN, 2), "NaN");
}

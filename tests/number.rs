//! Numbers as each language writes them, with the qualifier beside the
//! digits and the unit words of the data folder after them, for units of
//! every kind of quantity (these units are test fixtures, not an article's).

use std::borrow::Cow;

use article_charts::data::{Indicator, Period, Qualifier, Quantity, Unit, Worded, Words};
use article_charts::locale::Locale;
use article_charts::number::{axis_label, format_value};

fn words(zh: &'static str, hant: &'static str, en: &'static str) -> Words {
    Words {
        zh: Cow::Borrowed(zh),
        zh_hant: Cow::Borrowed(hant),
        en: Cow::Borrowed(en),
    }
}

/// A unit as a data folder would define it.
fn unit(
    quantity: Quantity,
    zh: &'static str,
    hant: &'static str,
    en: (&'static str, &'static str),
    symbol: Option<&'static str>,
) -> Unit {
    Unit {
        id: Cow::Borrowed("u"),
        quantity,
        word: words(zh, hant, en.0),
        en_plural: Cow::Borrowed(en.1),
        symbol: symbol.map(Cow::Borrowed),
    }
}

fn household() -> Unit {
    unit(
        Quantity::Count,
        "户",
        "戶",
        ("household", "households"),
        None,
    )
}
fn yuan() -> Unit {
    unit(Quantity::Money, "元", "元", ("yuan", "yuan"), Some("¥"))
}
fn seedling() -> Unit {
    unit(Quantity::Count, "株", "株", ("seedling", "seedlings"), None)
}
fn person() -> Unit {
    unit(Quantity::Count, "人", "人", ("person", "people"), None)
}
fn percent() -> Unit {
    unit(Quantity::Percent, "%", "%", ("%", "%"), None)
}
fn edition() -> Unit {
    unit(Quantity::Ordinal, "届", "屆", ("edition", "editions"), None)
}
fn round() -> Unit {
    unit(Quantity::Ordinal, "轮", "輪", ("round", "rounds"), None)
}
fn multiple() -> Unit {
    unit(Quantity::Multiple, "倍", "倍", ("time", "times"), None)
}
fn mu() -> Unit {
    unit(Quantity::Area, "亩", "畝", ("mu", "mu"), None)
}
fn person_time() -> Unit {
    unit(
        Quantity::Count,
        "人次",
        "人次",
        ("person-time", "person-times"),
        None,
    )
}
fn calendar_year() -> Unit {
    unit(Quantity::Year, "年", "年", ("", ""), None)
}

fn figure(
    value: Option<f64>,
    unit: Unit,
    qualifier: Qualifier,
    printed: &'static str,
) -> Indicator {
    let hant = zhconv::zhconv(printed, zhconv::Variant::ZhHant);
    Indicator {
        id: Cow::Borrowed("x"),
        category: 0,
        label: words("标签", "標籤", "Label"),
        value,
        unit,
        qualifier,
        period: Period::Undated,
        wording: Worded::of(printed, &hant),
        printed: Words {
            zh: Cow::Borrowed(printed),
            zh_hant: Cow::Owned(hant),
            en: Cow::Borrowed(printed),
        },
        source: words(printed, printed, printed),
        note: None,
    }
}

fn both(i: &Indicator) -> (String, String) {
    (
        format_value(i, Locale::ZhHans).joined(Locale::ZhHans),
        format_value(i, Locale::En).joined(Locale::En),
    )
}

#[test]
fn qualifiers_stay_with_the_number() {
    let cases = [
        (
            figure(Some(380.0), household(), Qualifier::AtLeast, "380余户"),
            "380余户",
            "380+ households",
        ),
        (
            figure(Some(200.0), household(), Qualifier::Approx, "近200户"),
            "近200户",
            "nearly 200 households",
        ),
        (
            figure(Some(80_000_000.0), yuan(), Qualifier::AtLeast, "8000余万元"),
            "8000余万元",
            "¥80+ million",
        ),
        (
            figure(Some(17_000_000.0), yuan(), Qualifier::AtLeast, "1700余万元"),
            "1700余万元",
            "¥17+ million",
        ),
        (
            figure(Some(260_000_000.0), yuan(), Qualifier::Exact, "2.6亿元"),
            "2.6亿元",
            "¥260 million",
        ),
        (
            figure(Some(800_000.0), yuan(), Qualifier::Exact, "80万元"),
            "80万元",
            "¥800,000",
        ),
        (
            figure(Some(120_000_000.0), seedling(), Qualifier::Exact, "1.2亿株"),
            "1.2亿株",
            "120 million seedlings",
        ),
        (
            figure(Some(8564.0), person(), Qualifier::Exact, "8564名"),
            "8564人",
            "8,564 people",
        ),
        (
            figure(Some(16.8), percent(), Qualifier::Exact, "16.8%"),
            "16.8%",
            "16.8%",
        ),
        (
            figure(Some(1.0), person(), Qualifier::Exact, "1人"),
            "1人",
            "1 person",
        ),
        (
            figure(Some(4.0), edition(), Qualifier::Exact, "第四届"),
            "第四届",
            "4th edition",
        ),
        (
            figure(
                Some(1_998_000.0),
                person_time(),
                Qualifier::Exact,
                "199.8万人次",
            ),
            "199.8万人次",
            "1.998 million person-times",
        ),
        (
            figure(Some(72_000.0), person(), Qualifier::Exact, "7.2万名"),
            "7.2万人",
            "72,000 people",
        ),
        (
            figure(Some(1.0), multiple(), Qualifier::Exact, "1∶1"),
            "1∶1",
            "1:1",
        ),
        (
            figure(Some(1.3), multiple(), Qualifier::Exact, "1.3倍"),
            "1.3倍",
            "1.3 times",
        ),
        (
            figure(Some(2.0), round(), Qualifier::Exact, "第二轮"),
            "第二轮",
            "2nd round",
        ),
    ];
    for (i, zh, en) in cases {
        assert_eq!(both(&i), (zh.to_owned(), en.to_owned()), "{}", i.printed.zh);
    }
}

#[test]
fn a_lost_figure_is_shown_as_printed_never_guessed() {
    let i = figure(None, person_time(), Qualifier::AtLeast, "?00余人次");
    assert_eq!(
        both(&i),
        ("?00余人次".to_owned(), "?00+ person-times".to_owned())
    );
    assert_eq!(
        format_value(&i, Locale::ZhHant).joined(Locale::ZhHant),
        "?00餘人次"
    );
}

#[test]
fn years_and_periods() {
    let mut i = figure(
        Some(2017.0),
        calendar_year(),
        Qualifier::Exact,
        "2017年至2019年",
    );
    i.period = Period::Span(2017, 2019);
    assert_eq!(both(&i), ("2017—2019年".to_owned(), "2017–2019".to_owned()));
    i.period = Period::Undated;
    assert_eq!(both(&i).1, "2017");
}

#[test]
fn traditional_chinese_writes_wan_yi_and_yu_in_its_own_script() {
    let cases = [
        (
            figure(Some(380.0), household(), Qualifier::AtLeast, "380余户"),
            "380餘戶",
        ),
        (
            figure(Some(200.0), household(), Qualifier::Approx, "近200户"),
            "近200戶",
        ),
        (
            figure(Some(80_000_000.0), yuan(), Qualifier::AtLeast, "8000余万元"),
            "8000餘萬元",
        ),
        (
            figure(Some(260_000_000.0), yuan(), Qualifier::Exact, "2.6亿元"),
            "2.6億元",
        ),
        (
            figure(Some(800_000.0), yuan(), Qualifier::Exact, "80万元"),
            "80萬元",
        ),
        (
            figure(Some(120_000_000.0), seedling(), Qualifier::Exact, "1.2亿株"),
            "1.2億株",
        ),
        (
            figure(Some(8564.0), person(), Qualifier::Exact, "8564名"),
            "8564人",
        ),
        (
            figure(Some(4.0), edition(), Qualifier::Exact, "第四届"),
            "第四屆",
        ),
        (figure(Some(60.0), mu(), Qualifier::Exact, "60亩"), "60畝"),
    ];
    for (i, hant) in cases {
        assert_eq!(
            format_value(&i, Locale::ZhHant).joined(Locale::ZhHant),
            hant,
            "{}",
            i.printed.zh
        );
    }
}

fn metre() -> Unit {
    unit(Quantity::Length, "米", "米", ("m", "m"), None)
}
fn item() -> Unit {
    unit(Quantity::Count, "个", "個", ("item", "items"), None)
}
fn year_count() -> Unit {
    unit(Quantity::Duration, "年", "年", ("year", "years"), None)
}
fn rank() -> Unit {
    unit(Quantity::Ordinal, "", "", ("", ""), None)
}

/// The reader sees the article's own qualifier word: 超过 is not rewritten
/// as 余, 多 not as 余, 以上 not as 余, 约 not as 近; in Traditional the
/// word is in its own script; in English it is translated word for word.
#[test]
fn the_article_s_own_qualifier_word_is_shown() {
    let cases = [
        (
            figure(Some(67e9), yuan(), Qualifier::AtLeast, "超过670亿元"),
            "超过670亿元",
            "超過670億元",
            "more than ¥67 billion",
        ),
        (
            figure(Some(4400.0), item(), Qualifier::AtLeast, "4400多个"),
            "4400多个",
            "4400多個",
            "4,400+ items",
        ),
        (
            figure(Some(3000.0), metre(), Qualifier::AtLeast, "3000米以上"),
            "3000米以上",
            "3000米以上",
            "3,000 m or more",
        ),
        (
            figure(Some(1000.0), person(), Qualifier::AtLeast, "逾1000人"),
            "逾1000人",
            "逾1000人",
            "more than 1,000 people",
        ),
        (
            figure(Some(180_000.0), person(), Qualifier::Approx, "约18万人"),
            "约18万人",
            "約18萬人",
            "about 180,000 people",
        ),
        (
            figure(Some(100.0), person(), Qualifier::Approx, "100人左右"),
            "100人左右",
            "100人左右",
            "about 100 people",
        ),
    ];
    for (i, zh, hant, en) in cases {
        assert_eq!(both(&i), (zh.to_owned(), en.to_owned()), "{}", i.printed.zh);
        assert_eq!(
            format_value(&i, Locale::ZhHant).joined(Locale::ZhHant),
            hant,
            "{}",
            i.printed.zh
        );
    }
}

/// An upper bound (以下, 不到, 不足, 不超过) is its own qualifier, shown in
/// the article's word, never as "nearly".
#[test]
fn an_upper_bound_keeps_its_word() {
    let cases = [
        (
            figure(Some(3.0), percent(), Qualifier::AtMost, "不到3%"),
            "不到3%",
            "less than 3%",
        ),
        (
            figure(Some(5.0), percent(), Qualifier::AtMost, "5%以下"),
            "5%以下",
            "under 5%",
        ),
        (
            figure(Some(1e9), yuan(), Qualifier::AtMost, "不超过10亿元"),
            "不超过10亿元",
            "at most ¥1 billion",
        ),
        (
            figure(Some(200.0), household(), Qualifier::AtMost, "不足200户"),
            "不足200户",
            "less than 200 households",
        ),
    ];
    for (i, zh, en) in cases {
        assert_eq!(both(&i), (zh.to_owned(), en.to_owned()), "{}", i.printed.zh);
    }
}

/// A fraction is shown as printed, whether kept as a percent (25) or a
/// share (0.25); a rank without a measure word as the article writes it;
/// 连续 stays with its figure.
#[test]
fn fractions_ranks_and_runs_read_as_printed() {
    let cases = [
        (
            figure(Some(25.0), percent(), Qualifier::Exact, "1/4"),
            "1/4",
            "1/4",
        ),
        (
            figure(Some(25.0), percent(), Qualifier::Exact, "四分之一"),
            "四分之一",
            "1/4",
        ),
        (
            figure(Some(1.0), rank(), Qualifier::Exact, "第一"),
            "第一",
            "No. 1",
        ),
        (
            figure(Some(4.0), year_count(), Qualifier::Exact, "连续四年"),
            "连续4年",
            "4 years in a row",
        ),
        (
            figure(Some(20.0), item(), Qualifier::Exact, "各20个"),
            "20个",
            "20 items",
        ),
    ];
    for (i, zh, en) in cases {
        assert_eq!(both(&i), (zh.to_owned(), en.to_owned()), "{}", i.printed.zh);
    }
}

/// The footnote quotes only the words the chart's figures use: a chart
/// whose only lower bound is 超过 does not say "“余”“多”表示至少".
#[test]
fn the_qualifier_note_quotes_the_words_the_figures_use() {
    use article_charts::number::qualifier_notes;
    let items = [
        figure(Some(67e9), yuan(), Qualifier::AtLeast, "超过670亿元"),
        figure(Some(380.0), household(), Qualifier::AtLeast, "380余户"),
        figure(Some(3.0), percent(), Qualifier::AtMost, "不到3%"),
    ];
    assert_eq!(
        qualifier_notes(&items, Locale::ZhHans),
        ["“超过”“余”表示至少为该数，图中以浅色短条接在末端。"]
    );
    assert_eq!(
        qualifier_notes(&items, Locale::En),
        ["“more than”, “+”: at least the figure; a pale stub runs on past the mark."]
    );
    let only = [figure(
        Some(67e9),
        yuan(),
        Qualifier::AtLeast,
        "超过670亿元",
    )];
    assert_eq!(
        qualifier_notes(&only, Locale::ZhHant),
        ["「超過」表示至少為該數，圖中以淺色短條接在末端。"]
    );
}

/// A value axis of large sums is labelled in 亿 or 万 (billion or million
/// in English), as its figures are; an axis of small values keeps its
/// digits.
#[test]
fn an_axis_of_large_sums_is_labelled_in_their_scale() {
    let cases = [
        (25e9, 50e9, Locale::ZhHans, "250亿"),
        (25e9, 50e9, Locale::ZhHant, "250億"),
        (25e9, 50e9, Locale::En, "25bn"),
        (2.5e5, 5e5, Locale::ZhHans, "25万"),
        (2.5e5, 5e5, Locale::En, "250,000"),
        (2.5e6, 5e6, Locale::En, "2.5m"),
        (0.0, 50e9, Locale::ZhHans, "0"),
        (5000.0, 10000.0, Locale::ZhHans, "5000"),
        (12500.0, 25000.0, Locale::En, "12,500"),
    ];
    for (v, max, locale, want) in cases {
        assert_eq!(
            axis_label(v, max, locale),
            want,
            "{v} of {max} in {locale:?}"
        );
    }
}

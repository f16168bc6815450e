//! The words Chinese writes after a number, and the unit each stands for.
//!
//! These are words of the language, not of one article: measure words
//! (个, 名, 户), units of measure (平方公里, 吨), and the nouns a 个 often
//! counts (村, 企业), so that bars never put villages and firms on one axis.

use dataset::Quantity;

/// A unit the draft declares.
#[derive(Clone, Debug, PartialEq)]
pub struct UnitSpec {
    /// Its id in the folder (lowercase snake_case).
    pub id: String,
    /// Its kind of quantity.
    pub quantity: Quantity,
    /// The word after a number on the page ("" for none).
    pub zh: String,
    /// The English word, where the draft knows it.
    pub en: &'static str,
}

/// A word after a number: what it is, its unit id and English word.
struct Word {
    zh: &'static str,
    id: &'static str,
    quantity: Quantity,
    en: &'static str,
}

const fn w(zh: &'static str, id: &'static str, quantity: Quantity, en: &'static str) -> Word {
    Word {
        zh,
        id,
        quantity,
        en,
    }
}

use Quantity::{Area, Count, Duration, Length, Mass, Money, Multiple, Percent};

/// Units of measure and measure words, longest first where one begins
/// another (平方公里 before 公里, 人次 before 人, 个月 before 个).
const WORDS: &[Word] = &[
    w("平方公里", "km2", Area, "km²"),
    w("平方千米", "km2", Area, "km²"),
    w("平方米", "square_metre", Area, "m²"),
    w("公顷", "hectare", Area, "ha"),
    w("亩", "mu", Area, "mu"),
    w("公里", "km", Length, "km"),
    w("千米", "km", Length, "km"),
    w("米", "metre", Length, "m"),
    w("吨", "tonne", Mass, "tonne"),
    w("公斤", "kg", Mass, "kg"),
    w("千克", "kg", Mass, "kg"),
    w("美元", "us_dollar", Money, "US dollar"),
    // Hong Kong's own sums ("出资逾100亿港元") are never yuan.
    w("港元", "hk_dollar", Money, "HK dollar"),
    w("港币", "hk_dollar", Money, "HK dollar"),
    w("欧元", "euro", Money, "euro"),
    w("日元", "yen", Money, "yen"),
    w("元", "yuan", Money, "yuan"),
    w("个百分点", "percentage_point", Percent, "percentage point"),
    w("人次", "person_time", Count, "person-time"),
    w("名", "person", Count, "person"),
    w("人", "person", Count, "person"),
    w("位", "person", Count, "person"),
    w("户", "household", Count, "household"),
    // "三个多小时", "两个多月": the 多 after the measure word bounds the
    // figure as a 多 after the number does (see `figures`).
    w("个多小时", "hour", Duration, "hour"),
    w("个小时", "hour", Duration, "hour"),
    w("小时", "hour", Duration, "hour"),
    w("个多月", "month", Duration, "month"),
    w("个月", "month", Duration, "month"),
    w("天", "day", Duration, "day"),
    w("场次", "session", Count, "session"),
    // Trains, buses and flights run ("开通专列36车次", "包机8架次"): trips
    // counted, not a train's 车 or the 次 of "times".
    w("车次", "trip", Count, "trip"),
    w("班次", "trip", Count, "trip"),
    w("架次", "trip", Count, "trip"),
    w("批次", "batch", Count, "batch"),
    // 省区市, 省区 and 省市 are units of their own: one unit has one word,
    // so "11个省区市" would otherwise be shown with another figure's 个省市.
    w(
        "省区市",
        "province_region_city",
        Count,
        "provinces, regions and cities",
    ),
    w("省区", "province_region", Count, "provinces and regions"),
    w("省市", "province_city", Count, "provinces and cities"),
    w(
        "个省区市",
        "province_region_city",
        Count,
        "provinces, regions and cities",
    ),
    w("个省区", "province_region", Count, "provinces and regions"),
    w("个省市", "province_city", Count, "provinces and cities"),
    w("个省", "province", Count, "province"),
    w("省", "province", Count, "province"),
    // 市州 and 县区 name two levels together, as 省市 does: "11个市州",
    // "40个县区" would otherwise be 11 cities with a stray 州.
    w("个市州", "city_prefecture", Count, "cities and prefectures"),
    w("市州", "city_prefecture", Count, "cities and prefectures"),
    // "甲、乙、丙3州市": prefectures and cities together, as 市州.
    w("个州市", "prefecture_city", Count, "prefectures and cities"),
    w("州市", "prefecture_city", Count, "prefectures and cities"),
    w("个市", "city", Count, "city"),
    w("市", "city", Count, "city"),
    w("个县区", "county_district", Count, "counties and districts"),
    w("县区", "county_district", Count, "counties and districts"),
    w("个县", "county", Count, "county"),
    w("县", "county", Count, "county"),
    w("个乡镇", "township", Count, "township"),
    w("个镇", "township", Count, "township"),
    w("乡镇", "township", Count, "township"),
    w("个村", "village", Count, "village"),
    w("大类", "category", Count, "category"),
    // "八大领域": fields a sentence lists, counted ("涵盖产业、旅游……等八大
    // 领域"), unlike "五大发展理念", a name.
    w("大领域", "field", Count, "field"),
    w("倍", "multiple", Multiple, "times"),
];

/// Measure words that count things; what they count is read from the noun
/// after them. Each has an id for when the noun is not one of [`NOUNS`].
const MEASURES: &[(&str, &str)] = &[
    ("个", "item"),
    ("家", "organisation"),
    ("所", "institution"),
    ("项", "task"),
    ("座", "structure"),
    ("条", "line"),
    ("处", "site"),
    ("台", "machine"),
    ("盏", "lamp"),
    ("株", "plant"),
    ("套", "set"),
    ("辆", "vehicle"),
    ("间", "room"),
    ("只", "animal"),
    ("头", "head"),
    ("件", "piece"),
    ("篇", "article"),
    ("册", "volume"),
    ("期", "course"),
    ("支", "team"),
    ("张", "sheet"),
    ("场", "event"),
    ("次", "times"),
    ("批", "batch"),
    ("类", "category"),
    ("级", "level"),
    ("种", "kind"),
    ("份", "document"),
    // "150余例先心病手术": cases, of surgery or of illness.
    ("例", "case"),
];

/// Measure words that name the kind of thing they count (head of livestock,
/// plants, lamps, vehicles): what follows them is never counted by another
/// unit, as "800头牦牛的收购协议" counts yaks, not agreements.
const OWN_KIND: [&str; 14] = [
    "头", "只", "株", "盏", "台", "辆", "间", "件", "篇", "册", "张", "套", "种", "类",
];

/// Nouns a measure word often counts, so that like things share a unit.
const NOUNS: &[(&str, &str, &str)] = &[
    ("贫困村", "village", "village"),
    ("村", "village", "village"),
    ("乡镇", "township", "township"),
    ("县", "county", "county"),
    ("项目", "project", "project"),
    ("企业", "enterprise", "enterprise"),
    ("公司", "enterprise", "enterprise"),
    ("合作社", "cooperative", "cooperative"),
    ("学校", "school", "school"),
    ("医院", "hospital", "hospital"),
    ("产业", "industry", "industry"),
    ("协议", "agreement", "agreement"),
    // "28个特色产业园区", "14个扶贫车间": parks and workshops, not industries.
    ("产业园", "park", "park"),
    ("园区", "park", "park"),
    ("车间", "workshop", "workshop"),
    // Places a count names after 个 with words between ("5个援建省市",
    // "4个州及下辖"): a city alone (市) is not listed, since 市场 is a
    // market.
    ("州", "prefecture", "prefecture"),
    ("省市", "province_city", "provinces and cities"),
    ("省区", "province_region", "provinces and regions"),
];

/// The noun right after a number in words with no measure word between,
/// which counts it: "四省市、两企业" counts two enterprises. Only nouns of
/// two or more characters that name what aid counts (a one-character
/// noun after a number in words is a name's part more often than not).
pub fn bare_noun(after: &str) -> Option<(UnitSpec, usize)> {
    const BARE: [&str; 5] = ["企业", "公司", "学校", "医院", "项目"];
    let noun = BARE.iter().find(|n| after.starts_with(**n))?;
    let (_, id, en) = NOUNS.iter().find(|(n, _, _)| n == noun)?;
    Some((
        UnitSpec {
            id: (*id).to_owned(),
            quantity: Count,
            zh: (*noun).to_owned(),
            en,
        },
        noun.len(),
    ))
}

/// Ordinal measure words after 第: 第二轮, 第五批, 第四届.
const ORDINALS: &[(&str, &str)] = &[
    ("轮", "round"),
    ("批", "nth_batch"),
    ("届", "edition"),
    ("期", "phase"),
    ("次", "nth_time"),
    ("名", "rank"),
    ("位", "rank"),
    ("个", "nth"),
];

/// Whether the place word `word`, followed by `rest`, names a level or a
/// domain that qualifies another noun ("县级医院", "村级活动场所",
/// "市属企业", "县域经济") instead of being what is counted.
fn qualifies(word: &str, rest: &str) -> bool {
    (word.ends_with(['县', '市', '省', '村', '镇', '区'])
        && rest.starts_with(['级', '域', '属', '委']))
        // "21.51万人口": 人口 (population) is the noun counted, not the
        // measure word 人 with a stray 口.
        // Nor is 人民 ("第一人民医院" is a hospital's name, not one person).
        || (word == "人" && rest.starts_with(['口', '民']))
}

/// The unit word at the start of `after`, and the unit it names; `None`
/// where no unit word follows. The returned length is in bytes.
pub fn unit_after(after: &str) -> Option<(UnitSpec, usize)> {
    if let Some(word) = WORDS
        .iter()
        .find(|x| after.starts_with(x.zh) && !qualifies(x.zh, &after[x.zh.len()..]))
    {
        return Some((
            UnitSpec {
                id: word.id.to_owned(),
                quantity: word.quantity,
                zh: word.zh.to_owned(),
                en: word.en,
            },
            word.zh.len(),
        ));
    }
    // "结对814对": pairs, where 对 ends the clause. Anywhere else a 对
    // after a number is a preposition or a ratio ("1对1帮扶", "两省对口").
    if let Some(rest) = after.strip_prefix('对') {
        if rest
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric() && !matches!(c, '?' | '？'))
        {
            return Some((
                UnitSpec {
                    id: "pair".to_owned(),
                    quantity: Count,
                    zh: "对".to_owned(),
                    en: "pair",
                },
                '对'.len_utf8(),
            ));
        }
    }
    let (measure, fallback) = MEASURES.iter().find(|(m, _)| after.starts_with(m))?;
    let rest = &after[measure.len()..];
    // The noun the measure word counts: right after it, or after a few
    // characters of description ("个贫困村", "家种植企业", "个改善民生和产业
    // 扶持项目"). The words run to the next punctuation or number. The head
    // of a noun phrase, the noun it counts, is its last noun ("县级医院"
    // counts hospitals), and it ends the phrase: the last noun that ends
    // the words or stands before 和, 与 or 及. A noun followed by other
    // words is a modifier ("产业扶持项目") or is followed by the clause's
    // predicate ("5个乡镇全部完成产业项目建设"): where no noun ends the
    // phrase, the first noun is what is counted.
    let in_phrase = |c: &char| {
        !c.is_ascii_punctuation() && !c.is_ascii_digit() && !"，。、；：！？“”（）".contains(*c)
    };
    let window: String = rest.chars().take_while(in_phrase).take(12).collect();
    // Cut at twelve characters, the window does not end the phrase: a noun
    // there ("家中央单位共采购定点帮扶县") is no head of it.
    let cut_short = rest.chars().take_while(in_phrase).nth(12).is_some();
    let words = window.as_str();
    let nouns: Vec<(usize, usize, &&str, &&str)> = NOUNS
        .iter()
        .filter(|_| !OWN_KIND.contains(measure))
        .flat_map(|(n, id, en)| {
            words
                .match_indices(n)
                .map(move |(at, _)| (at, at + n.len(), id, en))
                .filter(move |&(_, end, _, _)| !qualifies(n, &words[end..]))
        })
        // 家 counts firms and bodies, never places: the 县 of "37家中央单位
        // 共采购定点帮扶县农副产品" is where they bought.
        .filter(|&(_, _, id, _)| {
            !(*measure == "家"
                && [
                    "county",
                    "village",
                    "province",
                    "city",
                    "prefecture",
                    "township",
                ]
                .contains(id))
        })
        .collect();
    let ends_phrase = |end: usize| {
        (window[end..].is_empty() && !cut_short)
            || ["和", "与", "及"]
                .iter()
                .any(|w| window[end..].starts_with(w))
    };
    let noun = nouns
        .iter()
        .filter(|&&(_, end, _, _)| ends_phrase(end))
        .max_by_key(|&&(_, end, _, _)| end)
        .or_else(|| {
            // The first noun, and of two starting there the longer
            // (贫困村, not 村).
            nouns
                .iter()
                .min_by_key(|&&(at, end, _, _)| (at, std::cmp::Reverse(end)))
        })
        .map(|&(_, _, id, en)| (id, en));
    let (id, en) = match noun {
        Some((id, en)) => ((*id).to_owned(), *en),
        None => ((*fallback).to_owned(), ""),
    };
    Some((
        UnitSpec {
            id,
            quantity: Count,
            zh: (*measure).to_owned(),
            en,
        },
        measure.len(),
    ))
}

/// The unit of a count whose noun stands before the number and its
/// measure word ends the clause ("完成帮扶项目320余个", "贫困县18个",
/// "受援县达12个"): the noun that ends `before`, past the verb that
/// joins it to the number. `None` where no known noun ends it.
pub fn noun_before(before: &str) -> Option<(String, &'static str)> {
    let mut words = before.trim_end();
    // The verb or bound between the noun and the number.
    loop {
        let was = words;
        for verb in [
            "达到", "超过", "多达", "总数", "达", "为", "共", "有", "计", "约", "近", "逾", "超",
        ] {
            words = words.strip_suffix(verb).unwrap_or(words);
        }
        // "项目已开工建设224个": what the counted have done, after 已,
        // stands between the noun and the number.
        if let Some(at) = words.rfind('已') {
            if words[at..].chars().count() <= 6 {
                words = &words[..at];
            }
        }
        if words == was {
            break;
        }
    }
    NOUNS
        .iter()
        .filter(|(noun, _, _)| words.ends_with(noun))
        .max_by_key(|(noun, _, _)| noun.len())
        .map(|&(_, id, en)| (id.to_owned(), en))
}

/// Whether `id` is only a measure word's fallback ("item" for 个): the
/// unit of a count whose noun the units do not know.
/// Whether `words` hold a noun a count often counts (项目, 村, 企业…).
pub fn names_a_thing(words: &str) -> bool {
    NOUNS.iter().any(|(noun, _, _)| words.contains(noun))
}

pub fn is_generic(id: &str) -> bool {
    MEASURES.iter().any(|&(_, fallback)| fallback == id)
}

/// The unit of a number in 万 or 亿 written without a measure word
/// ("18万贫困人口"): people where the noun names people, else things.
pub fn noun_unit(after: &str) -> UnitSpec {
    // Up to the noun's end: "220多万建档立卡贫困人口" names its people
    // eight characters on.
    let window: String = after
        .chars()
        .take_while(|&c| crate::clean::is_han(c))
        .take(10)
        .collect();
    let people = [
        "人口",
        "群众",
        "农民",
        "牧民",
        "职工",
        "人",
        "劳动力",
        "百姓",
        "居民",
        "村民",
        "学生",
        "游客",
        "干部",
    ];
    let (id, zh, en) = if people.iter().any(|p| window.contains(p)) {
        ("person", "人", "person")
    } else if window.contains('户') {
        ("household", "户", "household")
    } else {
        ("item", "", "")
    };
    UnitSpec {
        id: id.to_owned(),
        quantity: Count,
        zh: zh.to_owned(),
        en,
    }
}

/// The ordinal unit of "第N" followed by `after`.
pub fn ordinal_after(after: &str) -> (UnitSpec, usize) {
    match ORDINALS.iter().find(|(m, _)| after.starts_with(m)) {
        Some((m, id)) => (
            UnitSpec {
                id: (*id).to_owned(),
                quantity: Quantity::Ordinal,
                zh: (*m).to_owned(),
                en: "",
            },
            m.len(),
        ),
        None => (
            UnitSpec {
                id: "rank".to_owned(),
                quantity: Quantity::Ordinal,
                zh: String::new(),
                en: "",
            },
            0,
        ),
    }
}

/// The unit of calendar years.
pub fn calendar_year() -> UnitSpec {
    UnitSpec {
        id: "calendar_year".into(),
        quantity: Quantity::Year,
        zh: "年".into(),
        en: "",
    }
}

/// The unit of lengths of time in years: 五年, 两年来.
pub fn years() -> UnitSpec {
    UnitSpec {
        id: "years".into(),
        quantity: Duration,
        zh: "年".into(),
        en: "year",
    }
}

/// The unit of percents, and of fractions given as shares.
pub fn percent() -> UnitSpec {
    UnitSpec {
        id: "percent".into(),
        quantity: Percent,
        zh: "%".into(),
        en: "%",
    }
}

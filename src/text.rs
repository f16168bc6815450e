//! Every word the page shows, per locale, and number formatting.
//!
//! Pure functions only: the browser, the native tests and the static images
//! all get the same text. The width of text is *estimated* here (a CJK
//! character is one em, Latin letters and digits a little over half) rather
//! than measured, so that layout and hover geometry are identical in every
//! backend; boxes are made generous enough that real fonts fit.

use danba_dataset::{Chart, Indicator, Meta, Period, Qualifier, Section, Unit};

use crate::data::hant;

/// A language of the page. Adding one means adding a [`Strings`] table and
/// the unit words below; nothing else branches on the language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    /// Simplified Chinese, the default.
    ZhHans,
    /// Traditional Chinese, the script of the source article. Data labels and
    /// notes are converted from Simplified at build time (see `build.rs`).
    ZhHant,
    /// English.
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

    /// Reads a `lang=` value; `None` for anything unsupported.
    pub fn from_tag(tag: &str) -> Option<Self> {
        match tag.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-hans" | "zh-cn" | "zh-sg" => Some(Locale::ZhHans),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" => Some(Locale::ZhHant),
            "en" | "en-us" | "en-gb" => Some(Locale::En),
            _ => None,
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }

    /// The short tag used in URLs.
    pub fn url_tag(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::ZhHans => "简体中文",
            Locale::ZhHant => "繁體中文",
            Locale::En => "English",
        }
    }

    /// Whether this is one of the Chinese scripts, which share punctuation,
    /// spacing and number words.
    pub fn is_chinese(self) -> bool {
        matches!(self, Locale::ZhHans | Locale::ZhHant)
    }

    /// The fixed strings of the page in this locale.
    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::ZhHans => &ZH_HANS,
            Locale::ZhHant => &ZH_HANT,
            Locale::En => &EN,
        }
    }

    /// The font stack for canvas text. Single quotes keep it valid inside an
    /// SVG attribute as well.
    pub fn font_family(self) -> &'static str {
        match self {
            Locale::ZhHans => "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif",
            Locale::ZhHant => "'Noto Sans CJK TC', 'Source Han Sans TC', 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK SC', sans-serif",
            Locale::En => "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans CJK SC', sans-serif",
        }
    }

    /// A label of an indicator in this locale.
    pub fn label(self, i: &Indicator) -> &str {
        match self {
            Locale::ZhHans => &i.label_zh,
            Locale::ZhHant => hant::indicator(&i.id).map_or(&i.label_zh, |h| h.label),
            Locale::En => &i.label_en,
        }
    }

    /// A note of an indicator in this locale.
    pub fn note(self, i: &Indicator) -> Option<&str> {
        match self {
            Locale::ZhHans => i.note_zh.as_deref(),
            Locale::ZhHant => match hant::indicator(&i.id) {
                Some(h) => h.note,
                None => i.note_zh.as_deref(),
            },
            Locale::En => i.note_en.as_deref(),
        }
    }

    /// The title of a chart in this locale.
    pub fn title(self, c: &Chart) -> &str {
        match self {
            Locale::ZhHans => &c.title_zh,
            Locale::ZhHant => hant::chart(&c.id).map_or(&c.title_zh, |h| h.title),
            Locale::En => &c.title_en,
        }
    }

    /// The note of a chart in this locale.
    pub fn chart_note(self, c: &Chart) -> Option<&str> {
        match self {
            Locale::ZhHans => c.note_zh.as_deref(),
            Locale::ZhHant => match hant::chart(&c.id) {
                Some(h) => h.note,
                None => c.note_zh.as_deref(),
            },
            Locale::En => c.note_en.as_deref(),
        }
    }

    /// The citation of the article in this locale.
    pub fn source_line(self, m: &Meta) -> &str {
        match self {
            Locale::ZhHans => &m.source_zh,
            Locale::ZhHant => hant::HANT.meta_source,
            Locale::En => &m.source_en,
        }
    }

    /// The figure as the article prints it, in this locale's script (the
    /// English page shows the Chinese original).
    pub fn printed(self, i: &Indicator) -> &str {
        match self {
            Locale::ZhHant => hant::indicator(&i.id).map_or(&i.printed, |h| h.printed),
            Locale::ZhHans | Locale::En => &i.printed,
        }
    }
}

/// The fixed strings of the page.
#[derive(Debug)]
pub struct Strings {
    /// Headline of the story.
    pub headline: &'static str,
    /// One paragraph under the headline.
    pub dek: &'static str,
    /// Link text of the CSV download.
    pub download_csv: &'static str,
    /// Link text of the JSON download.
    pub download_json: &'static str,
    /// Accessible name of the language switch.
    pub languages: &'static str,
    /// Start of a source line.
    pub source: &'static str,
    /// Label before the article's sentence in a tooltip.
    pub quote: &'static str,
    /// The figure as the article prints it.
    pub as_printed: &'static str,
    /// Footnote for "at least" figures.
    pub at_least_note: &'static str,
    /// Footnote for "nearly" figures.
    pub approx_note: &'static str,
    /// Shown for a figure the source lost.
    pub unknown: &'static str,
    /// Words for "not reported" between two reported years.
    pub not_reported: &'static str,
    /// Section headings and their introductions, in [`Section::ALL`] order.
    pub sections: [(&'static str, &'static str); 6],
    /// Shown when the page cannot draw.
    pub failed: &'static str,
    /// Note under the title of the page about the data.
    pub data_note: &'static str,
    /// "Download" before the download buttons of a chart.
    pub download: &'static str,
    /// Summary of the embed-code disclosure.
    pub embed: &'static str,
    /// Label of the embed code.
    pub embed_help: &'static str,
    /// Label of the script-embed code.
    pub embed_script_help: &'static str,
    /// Link to a chart's self-contained file.
    pub standalone_copy: &'static str,
    /// Link to a chart's own page.
    pub open_chart: &'static str,
    /// The button that shows a chart's data table.
    pub show_data: &'static str,
    /// Column headings of a data table: figure, value, year, source.
    pub table_columns: [&'static str; 4],
    /// How to use a chart with the keyboard, read after its summary.
    pub keys_hint: &'static str,
}

static ZH_HANS: Strings = Strings {
    headline: "成华援丹巴：八年脱贫攻坚的每一个数字",
    dek: "2012年起，成都市成华区对口帮扶甘孜州丹巴县。到2019年，丹巴54个贫困村全部退出、8564名贫困人口脱贫，贫困发生率由16.8%降至0。下面是报道中的每一个数字，悬停、轻触或用键盘即可查看原文出处。",
    download_csv: "下载数据（CSV）",
    download_json: "下载数据（JSON）",
    languages: "语言",
    source: "来源：",
    quote: "原文：",
    as_printed: "原文写作",
    at_least_note: "“余”“多”表示至少为该数。",
    approx_note: "“近”表示接近该数。",
    unknown: "原文缺失",
    not_reported: "未报告",
    sections: [
        ("总览", "丹巴县与八年帮扶的主要成果。"),
        ("党建引领", "街道、学校、医院与丹巴结对，援藏干部走村入户。"),
        ("产业帮扶", "资金投入、中藏药材基地与经营主体培育。"),
        ("民生、教育与医疗", "住房、能源、道路与教育医疗帮扶。"),
        ("巩固成果与表彰", "2020年的巩固计划，以及考核与表彰。"),
        ("时间线", "报道中有明确年份的事件。"),
    ],
    failed: "图表无法显示。",
    data_note: "数据整理自报道原文；“余”“近”等限定词均予保留。",
    download: "下载",
    embed: "嵌入",
    embed_help: "iframe 嵌入（可选的脚本会让高度随图表自动调整）：",
    embed_script_help: "或用脚本直接嵌入文章（不用 iframe）：",
    open_chart: "单独打开此图表",
    standalone_copy: "下载离线单文件（HTML）",
    show_data: "查看数据",
    table_columns: ["项目", "数值", "年份", "原文出处"],
    keys_hint: "按方向键逐项查看，Home、End 键跳至首项、末项，Esc 键关闭提示。",
};

// Written by converting the table above with `zhconv` (a test keeps the two
// in step), except that 余 is written 餘 as Traditional Chinese spells it.
static ZH_HANT: Strings = Strings {
    headline: "成華援丹巴：八年脫貧攻堅的每一個數字",
    dek: "2012年起，成都市成華區對口幫扶甘孜州丹巴縣。到2019年，丹巴54個貧困村全部退出、8564名貧困人口脫貧，貧困發生率由16.8%降至0。下面是報道中的每一個數字，懸停、輕觸或用鍵盤即可查看原文出處。",
    download_csv: "下載數據（CSV）",
    download_json: "下載數據（JSON）",
    languages: "語言",
    source: "來源：",
    quote: "原文：",
    as_printed: "原文寫作",
    at_least_note: "「餘」「多」表示至少為該數。",
    approx_note: "「近」表示接近該數。",
    unknown: "原文缺失",
    not_reported: "未報告",
    sections: [
        ("總覽", "丹巴縣與八年幫扶的主要成果。"),
        ("黨建引領", "街道、學校、醫院與丹巴結對，援藏幹部走村入戶。"),
        ("產業幫扶", "資金投入、中藏藥材基地與經營主體培育。"),
        ("民生、教育與醫療", "住房、能源、道路與教育醫療幫扶。"),
        ("鞏固成果與表彰", "2020年的鞏固計劃，以及考核與表彰。"),
        ("時間線", "報道中有明確年份的事件。"),
    ],
    failed: "圖表無法顯示。",
    data_note: "數據整理自報道原文；「餘」「近」等限定詞均予保留。",
    show_data: "查看數據",
    table_columns: ["項目", "數值", "年份", "原文出處"],
    keys_hint: "按方向鍵逐項查看，Home、End 鍵跳至首項、末項，Esc 鍵關閉提示。",
    download: "下載",
    embed: "嵌入",
    embed_help: "iframe 嵌入（可選的腳本會讓高度隨圖表自動調整）：",
    embed_script_help: "或用腳本直接嵌入文章（不用 iframe）：",
    open_chart: "單獨打開此圖表",
    standalone_copy: "下載離線單文件（HTML）",
};

static EN: Strings = Strings {
    headline: "Chenghua's aid to Danba: every figure of an eight-year push out of poverty",
    dek: "From 2012 Chengdu's Chenghua District was paired with Danba County in Garzê. By 2019 all 54 poor villages of Danba had exited poverty, 8,564 people had been lifted out of it, and poverty incidence had fallen from 16.8% to 0. Below is every figure of the news report; hover, tap or use the keyboard on one to see the sentence it comes from.",
    download_csv: "Download data (CSV)",
    download_json: "Download data (JSON)",
    languages: "Language",
    source: "Source: ",
    quote: "Article: ",
    as_printed: "As printed",
    at_least_note: "“+” means at least (余/多 in the article).",
    approx_note: "“nearly” translates 近 in the article.",
    unknown: "lost in the source",
    not_reported: "not reported",
    sections: [
        ("Overview", "Danba County and the main results of eight years of aid."),
        ("Party-building pairing", "Districts, schools and hospitals paired with Danba; cadres going village to village."),
        ("Industry", "Money, a medicinal-herb base and new businesses."),
        ("Livelihood, education and health", "Housing, energy, roads, schools and hospitals."),
        ("Consolidation and honours", "The 2020 plan, ratings and awards."),
        ("Timeline", "Events the report dates."),
    ],
    failed: "The chart could not be drawn.",
    data_note: "Figures transcribed from the article; qualifiers such as “more than” and “nearly” are kept.",
    download: "Download",
    embed: "Embed",
    embed_help: "Embed as an iframe (the optional script keeps its height fitted to the chart):",
    embed_script_help: "Or mount it straight into the article with a script (no iframe):",
    open_chart: "Open this chart on its own",
    standalone_copy: "Download a self-contained file (HTML)",
    show_data: "Show data",
    table_columns: ["Figure", "Value", "Year", "Source sentence (Chinese)"],
    keys_hint: "Use the arrow keys to go through the figures, Home and End to jump to the first and last, Escape to close the tooltip.",
};

impl Strings {
    /// Heading and introduction of a section.
    pub fn section(&self, s: Section) -> (&'static str, &'static str) {
        let i = Section::ALL.iter().position(|&x| x == s).unwrap_or(0);
        self.sections[i]
    }
}

/// A value split into the parts a chart sets in different sizes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Formatted {
    /// The figure, e.g. "2.6亿", "380余", "近200", "¥260 million", "380+".
    pub number: String,
    /// The unit after it, e.g. "元", "户", "households"; may be empty.
    pub unit: String,
}

impl Formatted {
    /// The whole figure as one string, e.g. "380余户" or "380+ households".
    pub fn joined(&self, locale: Locale) -> String {
        if self.unit.is_empty() {
            self.number.clone()
        } else if locale == Locale::En && self.unit != "%" {
            format!("{} {}", self.number, self.unit)
        } else {
            format!("{}{}", self.number, self.unit)
        }
    }
}

/// Formats an indicator's value with its qualifier and unit.
pub fn format_value(i: &Indicator, locale: Locale) -> Formatted {
    let Some(v) = i.value else {
        // The article's "?00余人次": the digit is lost, and we do not guess it.
        // The printed form is kept as the number, digits lost included.
        // The printed form is in Simplified Chinese; the Traditional page
        // takes its build-time conversion and spells 余 as 餘.
        let unit = zh_unit(i.unit, locale);
        let number = locale.printed(i).trim_end_matches(unit);
        return match locale {
            Locale::ZhHans | Locale::ZhHant => Formatted {
                number: number.replace('余', ChineseWords::of(locale).more),
                unit: unit.to_owned(),
            },
            Locale::En => Formatted {
                number: number.replace('余', "+"),
                unit: en_unit(i.unit, false).to_owned(),
            },
        };
    };
    if i.unit == Unit::CalendarYear {
        // A year is shown as the period the article gives ("2017—2019年").
        let period = format_period(
            if i.period == Period::Undated {
                Period::Year(v as u16)
            } else {
                i.period
            },
            locale,
        );
        return Formatted {
            number: period,
            unit: String::new(),
        };
    }
    match locale {
        Locale::ZhHans | Locale::ZhHant => format_zh(v, i.unit, i.qualifier, locale),
        Locale::En => format_en(v, i.unit, i.qualifier),
    }
}

/// The words Chinese numbers are written with, which differ between the two
/// scripts.
struct ChineseWords {
    /// "More than", after the digits: 余 / 餘.
    more: &'static str,
    /// Ten thousand: 万 / 萬.
    wan: &'static str,
    /// A hundred million: 亿 / 億.
    yi: &'static str,
}

impl ChineseWords {
    fn of(locale: Locale) -> Self {
        match locale {
            Locale::ZhHant => ChineseWords {
                more: "餘",
                wan: "萬",
                yi: "億",
            },
            Locale::ZhHans | Locale::En => ChineseWords {
                more: "余",
                wan: "万",
                yi: "亿",
            },
        }
    }
}

fn format_zh(v: f64, unit: Unit, q: Qualifier, locale: Locale) -> Formatted {
    let words = ChineseWords::of(locale);
    // Chinese writes large amounts in 万 and 亿, and puts 余 before them
    // ("8000余万元"); 近 goes before the number ("近200户").
    let (digits, magnitude) = if unit == Unit::CalendarYear {
        (plain(v), "")
    } else if v >= 1e8 {
        (trim(v / 1e8), words.yi)
    } else if v >= 1e5 && (v % 1e4) == 0.0 {
        (trim(v / 1e4), words.wan)
    } else {
        (trim(v), "")
    };
    let number = match q {
        Qualifier::Exact => format!("{digits}{magnitude}"),
        Qualifier::AtLeast => format!("{digits}{}{magnitude}", words.more),
        Qualifier::Approx => format!("近{digits}{magnitude}"),
    };
    // Ordinals ("第4届", "第2轮") are positions, not amounts.
    let number = if is_ordinal(unit) {
        format!("第{number}")
    } else {
        number
    };
    Formatted {
        number,
        unit: zh_unit(unit, locale).to_owned(),
    }
}

fn format_en(v: f64, unit: Unit, q: Qualifier) -> Formatted {
    let (digits, scale) = if unit == Unit::CalendarYear {
        (plain(v), "")
    } else if v >= 1e9 {
        (trim(v / 1e9), " billion")
    } else if v >= 1e6 {
        (trim(v / 1e6), " million")
    } else {
        (grouped(v), "")
    };
    let plus = if q == Qualifier::AtLeast { "+" } else { "" };
    let near = if q == Qualifier::Approx {
        "nearly "
    } else {
        ""
    };
    let number = match unit {
        Unit::Yuan => format!("{near}¥{digits}{plus}{scale}"),
        u if is_ordinal(u) => format!("{near}{}{plus}", ordinal(v)),
        _ => format!("{near}{digits}{plus}{scale}"),
    };
    let one = v == 1.0 && q == Qualifier::Exact;
    let unit = if unit == Unit::Yuan {
        String::new()
    } else {
        en_unit(unit, one || is_ordinal(unit)).to_owned()
    };
    Formatted { number, unit }
}

/// Whether figures of this unit say which one ("the 4th") rather than how many.
pub fn is_ordinal(unit: Unit) -> bool {
    matches!(unit, Unit::Edition | Unit::Round | Unit::NthBatch)
}

/// The Chinese unit or measure word after a number, in the script of
/// `locale` (Simplified for anything but Traditional Chinese).
pub fn zh_unit(unit: Unit, locale: Locale) -> &'static str {
    // Simplified and Traditional side by side; most are the same character.
    let (hans, hant) = match unit {
        Unit::Percent => ("%", "%"),
        Unit::Yuan => ("元", "元"),
        Unit::Km2 => ("平方公里", "平方公里"),
        Unit::Metre => ("米", "米"),
        Unit::Mu => ("亩", "畝"),
        Unit::Person => ("人", "人"),
        Unit::PersonTime => ("人次", "人次"),
        Unit::Household => ("户", "戶"),
        Unit::School => ("所", "所"),
        Unit::Hospital | Unit::Enterprise => ("家", "家"),
        Unit::Category => ("大类", "大類"),
        Unit::Heater => ("台", "台"),
        Unit::Lamp => ("盏", "盞"),
        Unit::Seedling => ("株", "株"),
        Unit::Meeting => ("场次", "場次"),
        Unit::Batch | Unit::NthBatch => ("批", "批"),
        Unit::Round => ("轮", "輪"),
        Unit::Times => ("次", "次"),
        Unit::Years | Unit::CalendarYear => ("年", "年"),
        Unit::Edition => ("届", "屆"),
        Unit::Level => ("级", "級"),
        Unit::Village
        | Unit::Township
        | Unit::Project
        | Unit::Cooperative
        | Unit::BusinessEntity
        | Unit::Industry
        | Unit::Culvert
        | Unit::Room
        | Unit::Class => ("个", "個"),
    };
    if locale == Locale::ZhHant {
        hant
    } else {
        hans
    }
}

/// The English unit after a number, singular or plural.
pub fn en_unit(unit: Unit, one: bool) -> &'static str {
    let (singular, plural) = match unit {
        Unit::Percent => ("%", "%"),
        Unit::Yuan => ("yuan", "yuan"),
        Unit::Km2 => ("km²", "km²"),
        Unit::Metre => ("m", "m"),
        Unit::Mu => ("mu", "mu"),
        Unit::Person => ("person", "people"),
        Unit::PersonTime => ("person-time", "person-times"),
        Unit::Household => ("household", "households"),
        Unit::Village => ("village", "villages"),
        Unit::Township => ("township", "townships"),
        Unit::School => ("school", "schools"),
        Unit::Hospital => ("hospital", "hospitals"),
        Unit::Project => ("project", "projects"),
        Unit::Category => ("category", "categories"),
        Unit::Enterprise => ("enterprise", "enterprises"),
        Unit::Cooperative => ("cooperative", "cooperatives"),
        Unit::BusinessEntity => ("business", "businesses"),
        Unit::Industry => ("industry", "industries"),
        Unit::Heater => ("heater", "heaters"),
        Unit::Lamp => ("lamp", "lamps"),
        Unit::Culvert => ("culvert", "culverts"),
        Unit::Seedling => ("seedling", "seedlings"),
        Unit::Meeting => ("meeting", "meetings"),
        Unit::Room => ("room", "rooms"),
        Unit::Batch => ("batch", "batches"),
        Unit::Times => ("time", "times"),
        Unit::Years => ("year", "years"),
        Unit::CalendarYear => ("", ""),
        Unit::Edition => ("edition", "editions"),
        Unit::Round => ("round", "rounds"),
        Unit::NthBatch => ("batch", "batches"),
        Unit::Level => ("level", "levels"),
        Unit::Class => ("class", "classes"),
    };
    if one {
        singular
    } else {
        plural
    }
}

/// "2019", "2017–2021" or nothing, as the locale writes a period.
pub fn format_period(p: Period, locale: Locale) -> String {
    match (p, locale) {
        (Period::Undated, _) => String::new(),
        (Period::Year(y), Locale::ZhHans | Locale::ZhHant) => format!("{y}年"),
        (Period::Year(y), Locale::En) => y.to_string(),
        (Period::Span(a, b), Locale::ZhHans | Locale::ZhHant) => format!("{a}—{b}年"),
        (Period::Span(a, b), Locale::En) => format!("{a}–{b}"),
    }
}

/// The footnotes a chart needs for the qualifiers among its figures.
pub fn qualifier_notes<'a>(
    items: impl IntoIterator<Item = &'a Indicator>,
    locale: Locale,
) -> Vec<&'static str> {
    let s = locale.strings();
    let mut at_least = false;
    let mut approx = false;
    for i in items {
        at_least |= i.qualifier == Qualifier::AtLeast;
        approx |= i.qualifier == Qualifier::Approx;
    }
    let mut out = Vec::new();
    if at_least {
        out.push(s.at_least_note);
    }
    if approx {
        out.push(s.approx_note);
    }
    out
}

fn plain(v: f64) -> String {
    format!("{v:.0}")
}

/// Up to two decimals, without trailing zeros: 2.6, 1.2, 8000.
fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_owned()
}

/// Thousands separated by commas, as English writes them: 8,564.
fn grouped(v: f64) -> String {
    let s = trim(v);
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(a, b)| (a, Some(b)));
    let mut out = String::new();
    for (n, ch) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn ordinal(v: f64) -> String {
    let n = v as u64;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Estimated advance width of one character, in em.
fn char_em(c: char) -> f64 {
    match c {
        ' ' => 0.3,
        'i' | 'l' | 'j' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 0.9,
        c if c.is_ascii_uppercase() => 0.68,
        c if c.is_ascii() => 0.58,
        '¥' | '–' | '—' | '²' | '“' | '”' | '‘' | '’' => 0.62,
        // CJK ideographs, kana, full-width punctuation and the rest.
        _ => 1.0,
    }
}

/// Estimated width of `text` set at `size` px.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars().map(char_em).sum::<f64>() * size
}

/// How much wider bold text is estimated than regular.
pub const BOLD_WIDTH: f64 = 1.05;

/// Estimated width of `text` at `size` px, bold or not; bold glyphs run
/// about five per cent wider.
pub fn styled_width(text: &str, size: f64, bold: bool) -> f64 {
    text_width(text, size) * if bold { BOLD_WIDTH } else { 1.0 }
}

/// Whether a line may not start with this character (closing punctuation).
fn no_line_start(c: char) -> bool {
    "，。、；：？！）》」』”’%,.;:?!)".contains(c)
}

/// Breaks `text` into lines no wider than `width` at `size` px. Chinese may
/// break between any two characters except before closing punctuation;
/// other scripts break at spaces, and a word longer than a line is split.
pub fn wrap(text: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_w = 0.0;
    for token in tokens(text) {
        let w = text_width(&token, size);
        let fits = line_w + w <= width;
        let glued = token.chars().next().is_some_and(no_line_start);
        if fits || line.is_empty() || glued {
            line.push_str(&token);
            line_w += w;
            continue;
        }
        lines.push(line.trim_end().to_owned());
        let token = token.trim_start().to_owned();
        line_w = text_width(&token, size);
        line = token;
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_owned());
    }
    // A single word wider than the line is cut so nothing leaves the canvas.
    lines
        .into_iter()
        .flat_map(|l| {
            if text_width(&l, size) > width {
                split_chars(&l, size, width)
            } else {
                vec![l]
            }
        })
        .collect()
}

/// Splits text into break opportunities: each CJK character alone, Latin
/// words with their following space.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii() && c != ' ' {
            word.push(c);
        } else {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            if c == ' ' {
                match out.last_mut() {
                    Some(last) if !last.ends_with(' ') => last.push(' '),
                    _ => {}
                }
            } else {
                out.push(c.to_string());
            }
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

fn split_chars(line: &str, size: f64, width: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in line.chars() {
        if !cur.is_empty() && text_width(&cur, size) + char_em(c) * size > width {
            out.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn figure(
        value: Option<f64>,
        unit: Unit,
        qualifier: Qualifier,
        printed: &'static str,
    ) -> Indicator {
        Indicator {
            id: Cow::Borrowed("x"),
            category: danba_dataset::Category::Outcome,
            label_zh: Cow::Borrowed("标签"),
            label_en: Cow::Borrowed("Label"),
            value,
            unit,
            qualifier,
            period: Period::Undated,
            printed: Cow::Borrowed(printed),
            source: Cow::Borrowed(printed),
            note_zh: None,
            note_en: None,
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
                figure(Some(380.0), Unit::Household, Qualifier::AtLeast, "380余户"),
                "380余户",
                "380+ households",
            ),
            (
                figure(Some(200.0), Unit::Household, Qualifier::Approx, "近200户"),
                "近200户",
                "nearly 200 households",
            ),
            (
                figure(
                    Some(80_000_000.0),
                    Unit::Yuan,
                    Qualifier::AtLeast,
                    "8000余万元",
                ),
                "8000余万元",
                "¥80+ million",
            ),
            (
                figure(
                    Some(17_000_000.0),
                    Unit::Yuan,
                    Qualifier::AtLeast,
                    "1700余万元",
                ),
                "1700余万元",
                "¥17+ million",
            ),
            (
                figure(Some(260_000_000.0), Unit::Yuan, Qualifier::Exact, "2.6亿元"),
                "2.6亿元",
                "¥260 million",
            ),
            (
                figure(Some(800_000.0), Unit::Yuan, Qualifier::Exact, "80万元"),
                "80万元",
                "¥800,000",
            ),
            (
                figure(
                    Some(120_000_000.0),
                    Unit::Seedling,
                    Qualifier::Exact,
                    "1.2亿株",
                ),
                "1.2亿株",
                "120 million seedlings",
            ),
            (
                figure(Some(8564.0), Unit::Person, Qualifier::Exact, "8564名"),
                "8564人",
                "8,564 people",
            ),
            (
                figure(Some(16.8), Unit::Percent, Qualifier::Exact, "16.8%"),
                "16.8%",
                "16.8%",
            ),
            (
                figure(Some(1.0), Unit::Person, Qualifier::Exact, "1人"),
                "1人",
                "1 person",
            ),
            (
                figure(Some(4.0), Unit::Edition, Qualifier::Exact, "第四届"),
                "第4届",
                "4th edition",
            ),
            (
                figure(Some(2.0), Unit::Round, Qualifier::Exact, "第二轮"),
                "第2轮",
                "2nd round",
            ),
        ];
        for (i, zh, en) in cases {
            assert_eq!(both(&i), (zh.to_owned(), en.to_owned()), "{}", i.printed);
        }
    }

    #[test]
    fn a_lost_figure_is_shown_as_printed_never_guessed() {
        let i = figure(None, Unit::PersonTime, Qualifier::AtLeast, "?00余人次");
        assert_eq!(
            both(&i),
            ("?00余人次".to_owned(), "?00+ person-times".to_owned())
        );
    }

    #[test]
    fn years_and_periods() {
        let mut i = figure(
            Some(2017.0),
            Unit::CalendarYear,
            Qualifier::Exact,
            "2017年至2019年",
        );
        i.period = Period::Span(2017, 2019);
        assert_eq!(both(&i), ("2017—2019年".to_owned(), "2017–2019".to_owned()));
        i.period = Period::Undated;
        assert_eq!(both(&i).1, "2017");
    }

    #[test]
    fn wrapping_breaks_chinese_anywhere_but_before_closing_punctuation() {
        let lines = wrap("贫困发生率由百分之十六点八降至零，如期退出。", 10.0, 60.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(text_width(l, 10.0) <= 60.0 + 10.0, "{l}");
            assert!(!l.starts_with('，') && !l.starts_with('。'), "{l}");
        }
        assert_eq!(
            lines.concat(),
            "贫困发生率由百分之十六点八降至零，如期退出。"
        );
    }

    #[test]
    fn wrapping_breaks_english_at_spaces() {
        let lines = wrap("Coordination meetings on activity rooms", 13.0, 120.0);
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| !l.starts_with(' ') && !l.ends_with(' ')));
        assert_eq!(lines.join(" "), "Coordination meetings on activity rooms");
    }

    #[test]
    fn traditional_chinese_writes_wan_yi_and_yu_in_its_own_script() {
        let cases = [
            (
                figure(Some(380.0), Unit::Household, Qualifier::AtLeast, "380余户"),
                "380餘戶",
            ),
            (
                figure(Some(200.0), Unit::Household, Qualifier::Approx, "近200户"),
                "近200戶",
            ),
            (
                figure(
                    Some(80_000_000.0),
                    Unit::Yuan,
                    Qualifier::AtLeast,
                    "8000余万元",
                ),
                "8000餘萬元",
            ),
            (
                figure(Some(260_000_000.0), Unit::Yuan, Qualifier::Exact, "2.6亿元"),
                "2.6億元",
            ),
            (
                figure(Some(800_000.0), Unit::Yuan, Qualifier::Exact, "80万元"),
                "80萬元",
            ),
            (
                figure(
                    Some(120_000_000.0),
                    Unit::Seedling,
                    Qualifier::Exact,
                    "1.2亿株",
                ),
                "1.2億株",
            ),
            (
                figure(Some(8564.0), Unit::Person, Qualifier::Exact, "8564名"),
                "8564人",
            ),
            (
                figure(Some(4.0), Unit::Edition, Qualifier::Exact, "第四届"),
                "第4屆",
            ),
            (
                figure(Some(60.0), Unit::Mu, Qualifier::Exact, "60亩"),
                "60畝",
            ),
            (
                figure(None, Unit::PersonTime, Qualifier::AtLeast, "?00余人次"),
                "?00餘人次",
            ),
        ];
        for (i, hant) in cases {
            assert_eq!(
                format_value(&i, Locale::ZhHant).joined(Locale::ZhHant),
                hant,
                "{}",
                i.printed
            );
        }
    }

    #[test]
    fn traditional_units_are_the_conversion_of_the_simplified_ones() {
        for &unit in Unit::ALL {
            let hans = zh_unit(unit, Locale::ZhHans);
            assert_eq!(
                zh_unit(unit, Locale::ZhHant),
                zhconv::zhconv(hans, zhconv::Variant::ZhHant),
                "{unit:?}"
            );
        }
    }

    #[test]
    fn traditional_page_strings_are_the_conversion_of_the_simplified_ones() {
        // The one deliberate difference: 余 ("more than") is written 餘.
        let convert = |s: &str| zhconv::zhconv(s, zhconv::Variant::ZhHant).replace('余', "餘");
        let (a, b) = (&ZH_HANS, &ZH_HANT);
        let pairs = [
            (a.headline, b.headline),
            (a.dek, b.dek),
            (a.download_csv, b.download_csv),
            (a.download_json, b.download_json),
            (a.languages, b.languages),
            (a.source, b.source),
            (a.quote, b.quote),
            (a.as_printed, b.as_printed),
            (a.at_least_note, b.at_least_note),
            (a.approx_note, b.approx_note),
            (a.unknown, b.unknown),
            (a.not_reported, b.not_reported),
            (a.failed, b.failed),
            (a.data_note, b.data_note),
            (a.show_data, b.show_data),
            (a.keys_hint, b.keys_hint),
        ];
        let sections = a
            .sections
            .iter()
            .zip(&b.sections)
            .flat_map(|(x, y)| [(x.0, y.0), (x.1, y.1)]);
        let columns = a
            .table_columns
            .iter()
            .zip(&b.table_columns)
            .map(|(x, y)| (*x, *y));
        for (hans, hant) in pairs.into_iter().chain(sections).chain(columns) {
            assert_eq!(hant, convert(hans), "{hans}");
        }
    }

    #[test]
    fn every_label_note_and_title_has_its_traditional_form() {
        use crate::data::{hant::HANT, DATASET};
        let back = |s: &str| zhconv::zhconv(s, zhconv::Variant::ZhHans);
        assert_eq!(HANT.indicators.len(), DATASET.indicators.len());
        for (i, h) in DATASET.indicators.iter().zip(HANT.indicators) {
            assert_eq!(h.id, i.id, "the table follows the dataset's order");
            assert_eq!(Locale::ZhHant.label(i), h.label);
            assert_eq!(back(h.label), i.label_zh.as_ref(), "{}", i.id);
            assert_eq!(h.note.is_some(), i.note_zh.is_some(), "{}", i.id);
        }
        assert_eq!(HANT.charts.len(), DATASET.charts.len());
        for (c, h) in DATASET.charts.iter().zip(HANT.charts) {
            assert_eq!(h.id, c.id);
            assert_eq!(Locale::ZhHant.title(c), h.title);
            assert_eq!(back(h.title), c.title_zh.as_ref(), "{}", c.id);
        }
        let area = DATASET
            .indicator("county_area")
            .map(|i| Locale::ZhHant.label(i));
        assert_eq!(area, Some("丹巴縣幅員面積"));
    }

    #[test]
    fn unsupported_languages_are_refused() {
        assert_eq!(Locale::from_tag("zh-Hant"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("zh-TW"), Some(Locale::ZhHant));
        assert_eq!(Locale::from_tag("EN"), Some(Locale::En));
        assert_eq!(Locale::from_tag("zh"), Some(Locale::ZhHans));
        assert_eq!(Locale::from_tag("fr"), None);
        assert_eq!(Locale::from_tag("<script>"), None);
    }
}

//! The languages of the page, and picking a text of the data in one.
//!
//! Adding a language means adding a [`Locale`], its fixed strings in
//! `strings.rs` and its number words in `number.rs`; the data folder gives
//! every text of the article in each language ([`Words`]).

use article_dataset::{Dataset, Words};

/// A language of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Locale {
    /// Simplified Chinese, the default.
    ZhHans,
    /// Traditional Chinese. Texts the data folder gives only in Simplified
    /// Chinese are converted at build time.
    ZhHant,
    /// English.
    En,
}

impl Locale {
    /// Every supported locale, default first.
    pub const ALL: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

    /// The language of a page that asks for none.
    pub const DEFAULT: Locale = Locale::ALL[0];

    /// The Chinese scripts, default first: what a folder written in Chinese
    /// only publishes (Traditional Chinese is converted from Simplified, so
    /// it is always there).
    const CHINESE: [Locale; 2] = [Locale::ZhHans, Locale::ZhHant];

    /// The locales `data` publishes, default first: a page, embed page,
    /// standalone file, static image and oEmbed file each, and an entry in
    /// the language switch, the alternates and the catalogue. A folder
    /// whose `[meta] languages` leaves out English has empty English texts,
    /// so it publishes the Chinese scripts only. Everything that writes or
    /// links a file per language iterates over this, never over
    /// [`Locale::ALL`], so that no page links to a file that is not there.
    pub fn published(data: &Dataset) -> &'static [Locale] {
        if data.meta.has_english() {
            &Locale::ALL
        } else {
            &Locale::CHINESE
        }
    }

    /// This locale if `data` publishes it, the default one otherwise: an
    /// old `lang=en` link or attribute to an article written in Chinese
    /// only gets the Chinese rather than empty texts.
    pub fn within(self, data: &Dataset) -> Locale {
        if Locale::published(data).contains(&self) {
            self
        } else {
            Locale::DEFAULT
        }
    }

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

    /// The font stack for canvas text. Single quotes keep it valid inside an
    /// SVG attribute as well.
    pub fn font_family(self) -> &'static str {
        match self {
            Locale::ZhHans => "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', sans-serif",
            Locale::ZhHant => "'Noto Sans CJK TC', 'Source Han Sans TC', 'PingFang TC', 'Microsoft JhengHei', 'Noto Sans CJK SC', sans-serif",
            Locale::En => "'Noto Sans', 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans CJK SC', sans-serif",
        }
    }

    /// A text of the data in this locale.
    pub fn pick(self, words: &Words) -> &str {
        match self {
            Locale::ZhHans => &words.zh,
            Locale::ZhHant => &words.zh_hant,
            Locale::En => &words.en,
        }
    }

    /// An optional text of the data in this locale.
    pub fn pick_opt(self, words: Option<&Words>) -> Option<&str> {
        words.map(|w| self.pick(w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

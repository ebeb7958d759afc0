//! Text in the two languages the product speaks.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

/// A user-facing language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Picks the language from a browser or `LANG`-style tag (`zh-CN`, `zh_TW.UTF-8`, `en-US`).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// One message in English and Simplified Chinese. Messages without
/// arguments borrow their literals: most fixes and notes allocate nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Text {
    pub en: Cow<'static, str>,
    pub zh: Cow<'static, str>,
}

impl Text {
    pub fn new(en: impl Into<Cow<'static, str>>, zh: impl Into<Cow<'static, str>>) -> Text {
        Text {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// What [`text!`] builds: a literal stays borrowed, anything with
    /// arguments is formatted.
    pub fn from_args(en: fmt::Arguments<'_>, zh: fmt::Arguments<'_>) -> Text {
        let text = |a: fmt::Arguments<'_>| match a.as_str() {
            Some(literal) => Cow::Borrowed(literal),
            None => Cow::Owned(a.to_string()),
        };
        Text {
            en: text(en),
            zh: text(zh),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }
}

/// A [`Text`] from two format strings (`{name}` captures work).
#[macro_export]
macro_rules! text {
    ($en:literal, $zh:literal $(,)?) => {
        $crate::i18n::Text::from_args(format_args!($en), format_args!($zh))
    };
}

//! The one i18n mechanism for pages: every UI string is a field of `Texts`, written once per
//! language on one line (bokmål first, English second), so a missing text fails to compile.
//! The language comes from the `samling_lang` cookie (server) and the page's `<html lang>`
//! (browser), so both sides render the same words.

use leptos::prelude::*;

mod messages;
mod texts;

pub use messages::message;
pub use texts::{Texts, EN, NB};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Nb,
    En,
}

pub const LANG_COOKIE: &str = "samling_lang";

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim() {
            "nb" | "no" | "nn" => Some(Lang::Nb),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Nb => &NB,
            Lang::En => &EN,
        }
    }
}

/// The page language: on the server from the cookie (bokmål by default), in the browser from
/// `<html lang>`, which the server wrote.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get_all(http::header::COOKIE)
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(';'))
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(k, _)| *k == LANG_COOKIE)
                    .and_then(|(_, v)| Lang::parse(v))
            })
            .unwrap_or(Lang::Nb)
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or(Lang::Nb)
    }
}

/// The current page language.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or(Lang::Nb)
}

/// The texts of the current page language.
pub fn use_texts() -> &'static Texts {
    use_context::<Lang>().unwrap_or(Lang::Nb).texts()
}

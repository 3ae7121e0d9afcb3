//! The page language and its words. Words come from the one i18n mechanism, Fluent resources
//! in `locales/` read through `domain::i18n`; `Texts` gives pages typed names for them.
//!
//! Staff pages are in bokmål or English (nynorsk falls back to bokmål message by message).
//! Participants' pages (`/p`, `/me`, `/confirm/…`, `/consent/…`) are in any of the six
//! languages: the one chosen on the page (cookie), else the participant's own (the server
//! puts it on the request), else the browser's `Accept-Language`, else bokmål. The browser
//! reads the language from `<html lang>`, which the server wrote, so both render the same.

use leptos::prelude::*;
use std::sync::OnceLock;

mod texts;

pub use domain::i18n::{arg, args, number};
pub use domain::people::Language;
pub use texts::{Texts, KEYS};

pub const LANG_COOKIE: &str = "samling_lang";

/// The language the server found for a participant's page (their own, from the database);
/// put on the request as an extension before the page renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ParticipantLanguage(pub Language);

/// The words of the pages in `language`, read once.
pub fn texts_for(language: Language) -> &'static Texts {
    static TEXTS: [OnceLock<Texts>; 6] = [const { OnceLock::new() }; 6];
    let i = Language::ALL
        .iter()
        .position(|l| *l == language)
        .unwrap_or(0);
    TEXTS[i].get_or_init(|| Texts::load(language))
}

/// A message with variables or plural forms in the page language.
pub fn format(key: &str, args: &domain::i18n::Args) -> String {
    domain::i18n::format(use_lang(), key, None, args)
}

/// The path and query of a URL, so a redirect can only lead back into this site.
#[cfg(feature = "ssr")]
pub fn local_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map(|(_, rest)| rest).unwrap_or(url);
    match after_scheme.find('/') {
        Some(i) if !after_scheme[i..].starts_with("//") => after_scheme[i..].to_string(),
        _ => "/".to_string(),
    }
}

/// "Tirsdag 2. mars kl. 17:00": a session's day and time in the page language.
pub fn when_text(day: chrono::NaiveDate, time: &str) -> String {
    use chrono::Datelike;
    use domain::message_templates::{date_text, weekday_name};
    let language = use_lang();
    let text = format(
        "session-when",
        &args([
            ("weekday", arg(weekday_name(day.weekday(), language))),
            ("date", arg(date_text(day, language))),
            ("time", arg(time.to_string())),
        ]),
    );
    // Capitalised at the start of a line (nothing changes in scripts without case).
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// Whether a path is one of the participants' (or guardians') pages, which speak all six
/// languages and show no staff menu. `/me/tokens` is a staff page.
pub fn is_participant_path(path: &str) -> bool {
    path == "/p"
        || path.starts_with("/p/")
        || path == "/me"
        || path.starts_with("/confirm/")
        || path.starts_with("/consent/")
}

/// The languages a page at `path` may be shown in.
pub fn page_languages(path: &str) -> &'static [Language] {
    if is_participant_path(path) {
        Language::ALL
    } else {
        &[Language::Nb, Language::En]
    }
}

/// The first of the browser's preferred languages (`Accept-Language`) that `offered` has.
pub fn from_accept_language(header: &str, offered: &[Language]) -> Option<Language> {
    let mut ranked: Vec<(f32, Language)> = header
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim().to_ascii_lowercase();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q=")?.parse::<f32>().ok())
                .unwrap_or(1.0);
            // "no" and "nb-NO" are bokmål; "nn-NO" nynorsk; "ar-SA" Arabic, and so on.
            let primary = tag.split('-').next().unwrap_or_default();
            let language = match primary {
                "no" => Language::Nb,
                other => Language::parse(other)?,
            };
            // Earlier entries win ties, as the header lists them by preference.
            Some((q - i as f32 * 1e-4, language))
        })
        .filter(|(q, l)| *q > 0.0 && offered.contains(l))
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.first().map(|(_, l)| *l)
}

/// The page language: on the server from the request, in the browser from `<html lang>`.
pub fn detect_lang() -> Language {
    #[cfg(feature = "ssr")]
    {
        let Some(parts) = use_context::<http::request::Parts>() else {
            return Language::Nb;
        };
        // A form posted to a server function answers for the page it came from.
        let referer_path = parts
            .headers
            .get(http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .map(local_path);
        let page_path = referer_path
            .as_deref()
            .map(|p| p.split(['?', '#']).next().unwrap_or(p));
        let path = match page_path {
            Some(page) if parts.uri.path().starts_with("/api/") => page,
            _ => parts.uri.path(),
        };
        let offered = page_languages(path);
        let chosen = parts
            .headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .and_then(|(_, v)| Language::parse(v));
        let own = parts.extensions.get::<ParticipantLanguage>().map(|l| l.0);
        let browser = || {
            parts
                .headers
                .get(http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(|h| from_accept_language(h, offered))
        };
        chosen
            .filter(|l| offered.contains(l))
            .or(own.filter(|l| offered.contains(l)))
            // Staff pages stay in bokmål until someone chooses otherwise.
            .or_else(|| is_participant_path(path).then(browser).flatten())
            .unwrap_or(Language::Nb)
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Language::parse(&l))
            .unwrap_or(Language::Nb)
    }
}

/// The current page language.
pub fn use_lang() -> Language {
    use_context::<Language>().unwrap_or(Language::Nb)
}

/// The words of the current page language.
pub fn use_texts() -> &'static Texts {
    texts_for(use_lang())
}

#[cfg(test)]
mod tests;

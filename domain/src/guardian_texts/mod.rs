//! The words for guardians of pupils under 18: the copies they get, the consent request and
//! its page, the consent text itself, and the confirmation after a START reply.
//!
//! Like the participants' texts, these name the course only by `{course}` (its neutral public
//! name) and say nothing sensitive. SMS bodies in bokmål, nynorsk, English and Somali keep to
//! GSM-7 (no «», curly quotes or dashes) and to 2 segments with typical values; Arabic and
//! Turkish ones (UCS-2) to 3 segments, consent link included. Replies are read by keyword in
//! Norwegian, so every language asks for STOPP as written.

use super::message_templates::{leak, shipped_text, TextTable};
use super::messages::MessageKind;
use super::people::Language;
use std::sync::LazyLock;

/// The kinds whose texts go to guardians (and the START confirmation).
const GUARDIAN_KINDS: [MessageKind; 5] = [
    MessageKind::GuardianWelcome,
    MessageKind::GuardianInvitation,
    MessageKind::GuardianReminder,
    MessageKind::ConsentRequest,
    MessageKind::SmsResumed,
];

/// Subject and body Samling ships for a message to a guardian (or the START confirmation),
/// per kind and language; None for kinds that are not guardian texts. The words live in
/// `locales/<lang>/messages.ftl`.
///
/// Besides the participants' variables, guardian texts may use `{guardian_name}` (the
/// guardian's full name); `{first_name}` is the pupil's. Only the consent request carries a
/// `{confirm_link}`. The START confirmation goes to whoever replied, so it names no one.
pub fn guardian_text(
    kind: MessageKind,
    language: Language,
) -> Option<(&'static str, &'static str)> {
    static TEXTS: LazyLock<TextTable> = LazyLock::new(|| {
        let mut texts = TextTable::new();
        for kind in GUARDIAN_KINDS {
            for language in Language::ALL {
                let key = format!("message-{}", kind.code().replace('_', "-"));
                let subject = shipped_text(*language, &key, Some("subject"));
                let body = shipped_text(*language, &key, Some("body"));
                texts.insert((kind, *language), (leak(subject), leak(body)));
            }
        }
        texts
    });
    TEXTS.get(&(kind, language)).copied()
}

/// The consent text (version 1) guardians are shown, per language.
///
/// It names no one and no course, so that the same words are what every guardian agreed to.
pub fn default_consent_text(language: Language) -> &'static str {
    static TEXTS: LazyLock<Vec<(Language, &'static str)>> = LazyLock::new(|| {
        Language::ALL
            .iter()
            .map(|l| (*l, leak(shipped_text(*l, "consent-text", None))))
            .collect()
    });
    TEXTS
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, t)| *t)
        .unwrap_or_default()
}

mod page;
#[cfg(test)]
mod tests;

pub use page::{consent_page_texts, ConsentPageTexts};

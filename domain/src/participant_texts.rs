//! The texts Samling ships for messages to participants and staff, per kind and language,
//! read from `locales/<lang>/messages.ftl` (texts to guardians: `guardian_texts`);
//! `message_templates` renders and checks them.

use super::message_templates::{leak, shipped_text, TextTable};
use super::messages::MessageKind;
use super::people::Language;
use std::sync::LazyLock;

/// Subject and body of each shipped text.
///
/// SMS bodies stay within 2 segments in GSM-7 languages and 3 in UCS-2 ones (Arabic,
/// Turkish) with typical values; a test holds them to it. They avoid characters outside
/// GSM-7 in the Latin-script languages other than Turkish (no «», curly quotes or dashes),
/// because a single one would switch the whole SMS to UCS-2.
/// Replies are read by keyword in Norwegian or English (see `replies`), so the texts in
/// other languages ask for JA / NEI / STOPP as written.
///
/// Staff texts (leader alert, daily digest, invitation, password reset) are written in bokmål,
/// given to nynorsk users too, and in English for everyone else: staff work in Norwegian, and
/// English is the likeliest shared language otherwise.
pub(super) fn default_text(kind: MessageKind, language: Language) -> (&'static str, &'static str) {
    static TEXTS: LazyLock<TextTable> = LazyLock::new(|| {
        let mut texts = TextTable::new();
        for kind in MessageKind::ALL {
            for language in Language::ALL {
                let source = if is_for_staff(*kind) {
                    match language {
                        Language::Nb | Language::Nn => Language::Nb,
                        _ => Language::En,
                    }
                } else {
                    *language
                };
                let key = format!("message-{}", kind.code().replace('_', "-"));
                let subject = shipped_text(source, &key, Some("subject"));
                let body = shipped_text(source, &key, Some("body"));
                texts.insert((*kind, *language), (leak(subject), leak(body)));
            }
        }
        texts
    });
    TEXTS.get(&(kind, language)).copied().unwrap_or(("", ""))
}

fn is_for_staff(kind: MessageKind) -> bool {
    matches!(
        kind,
        MessageKind::LeaderAlert
            | MessageKind::DailyDigest
            | MessageKind::StaffInvitation
            | MessageKind::PasswordReset
    )
}

//! The words of the guardian's consent page (`/consent/{token}`) in each of the six languages.

use crate::message_templates::{leak, shipped_text};
use crate::people::Language;
use std::sync::LazyLock;

/// The words of the guardian's consent page (/consent/{token}), per language.
///
/// `{first_name}` (the pupil's), `{course}`, `{dates}` and `{leader}` are replaced by plain
/// string replacement, and only in the fields whose bokmål words use them.
#[derive(Debug, PartialEq, Eq)]
pub struct ConsentPageTexts {
    pub title: &'static str,
    /// Who, which course and when, and why the guardian is asked.
    pub intro: &'static str,
    pub consent_text_heading: &'static str,
    pub channels_legend: &'static str,
    pub channel_sms: &'static str,
    pub channel_email: &'static str,
    pub your_name: &'static str,
    pub relation: &'static str,
    pub relation_mother: &'static str,
    pub relation_father: &'static str,
    /// A legal guardian (verge).
    pub relation_guardian: &'static str,
    pub relation_other_guardian: &'static str,
    pub give: &'static str,
    pub decline: &'static str,
    pub decline_help: &'static str,
    pub copies_note: &'static str,
    pub withdraw_note: &'static str,
    pub thanks_given: &'static str,
    pub thanks_refused: &'static str,
    /// The link was used already or has expired.
    pub link_used: &'static str,
    pub name_required: &'static str,
    pub channel_required: &'static str,
    /// The pupil turned 18 before the guardian answered.
    pub pupil_under_age_ended: &'static str,
    pub language_label: &'static str,
}

/// The words of the consent page in a language, from `locales/<lang>/guardian.ftl`.
pub fn consent_page_texts(language: Language) -> &'static ConsentPageTexts {
    static PAGES: LazyLock<Vec<(Language, ConsentPageTexts)>> =
        LazyLock::new(|| Language::ALL.iter().map(|l| (*l, load(*l))).collect());
    PAGES
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, p)| p)
        .expect("every language has a page")
}

fn load(language: Language) -> ConsentPageTexts {
    // The page fills in `{first_name}` and the rest by replacement, as message templates do.
    let word = |key: &str| leak(shipped_text(language, &format!("consent-page-{key}"), None));
    ConsentPageTexts {
        title: word("title"),
        intro: word("intro"),
        consent_text_heading: word("consent-text-heading"),
        channels_legend: word("channels-legend"),
        channel_sms: word("channel-sms"),
        channel_email: word("channel-email"),
        your_name: word("your-name"),
        relation: word("relation"),
        relation_mother: word("relation-mother"),
        relation_father: word("relation-father"),
        relation_guardian: word("relation-guardian"),
        relation_other_guardian: word("relation-other-guardian"),
        give: word("give"),
        decline: word("decline"),
        decline_help: word("decline-help"),
        copies_note: word("copies-note"),
        withdraw_note: word("withdraw-note"),
        thanks_given: word("thanks-given"),
        thanks_refused: word("thanks-refused"),
        link_used: word("link-used"),
        name_required: word("name-required"),
        channel_required: word("channel-required"),
        pupil_under_age_ended: word("pupil-under-age-ended"),
        language_label: word("language-label"),
    }
}

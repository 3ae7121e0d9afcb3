//! Checks of the guardian texts: every kind and language, SMS length and alphabet, variables.
use super::*;

/// The kinds this module writes.
const KINDS: [MessageKind; 5] = [
    MessageKind::GuardianWelcome,
    MessageKind::GuardianInvitation,
    MessageKind::GuardianReminder,
    MessageKind::ConsentRequest,
    MessageKind::SmsResumed,
];

/// Whether a text goes as GSM-7 (by the SMS counter the template editor uses).
fn is_gsm7(text: &str) -> bool {
    crate::sms_text::count(text).encoding == crate::sms_text::SmsEncoding::Gsm7
}

/// The names inside `{…}` in a text, in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after.find('}').expect("every { is closed");
        names.push(&after[..close]);
        rest = &after[close + 1..];
    }
    names
}

fn sorted_unique(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names.dedup();
    names
}

/// A text rendered with typical values, the day and date written as in `days_in`.
fn rendered(text: &str, days_in: Language) -> String {
    let (weekday, date) = match days_in {
        Language::Nb => ("tirsdag", "2. mars"),
        Language::Nn => ("tysdag", "2. mars"),
        Language::En => ("Tuesday", "2 March"),
        Language::Ar => ("الثلاثاء", "2 مارس"),
        Language::So => ("Talaado", "2 Maarso"),
        Language::Tr => ("Salı", "2 Mart"),
    };
    text.replace("{guardian_name}", "Faadumo Hassan")
        .replace("{first_name}", "Amina")
        .replace("{course}", "Klart jeg kan")
        .replace("{weekday}", weekday)
        .replace("{date}", date)
        .replace("{time}", "12:00")
        .replace("{place}", "Ungdomshuset, Storgata 1")
        .replace("{leader}", "Kari Nilsen")
        .replace(
            "{confirm_link}",
            "https://samling.example.no/consent/0123456789abcdef0123456789abcdef",
        )
}

fn page_fields(t: &ConsentPageTexts) -> [(&'static str, &'static str); 24] {
    [
        ("title", t.title),
        ("intro", t.intro),
        ("consent_text_heading", t.consent_text_heading),
        ("channels_legend", t.channels_legend),
        ("channel_sms", t.channel_sms),
        ("channel_email", t.channel_email),
        ("your_name", t.your_name),
        ("relation", t.relation),
        ("relation_mother", t.relation_mother),
        ("relation_father", t.relation_father),
        ("relation_guardian", t.relation_guardian),
        ("relation_other_guardian", t.relation_other_guardian),
        ("give", t.give),
        ("decline", t.decline),
        ("decline_help", t.decline_help),
        ("copies_note", t.copies_note),
        ("withdraw_note", t.withdraw_note),
        ("thanks_given", t.thanks_given),
        ("thanks_refused", t.thanks_refused),
        ("link_used", t.link_used),
        ("name_required", t.name_required),
        ("channel_required", t.channel_required),
        ("pupil_under_age_ended", t.pupil_under_age_ended),
        ("language_label", t.language_label),
    ]
}

#[test]
fn every_kind_has_a_text_in_every_language() {
    for kind in KINDS {
        for language in Language::ALL {
            let (subject, body) = guardian_text(kind, *language)
                .unwrap_or_else(|| panic!("{kind:?} {language:?} missing"));
            assert!(!subject.trim().is_empty(), "{kind:?} {language:?} subject");
            assert!(!body.trim().is_empty(), "{kind:?} {language:?} body");
            if *language != Language::Nb {
                let nb = guardian_text(kind, Language::Nb).expect("bokmål");
                assert_ne!(body, nb.1, "{kind:?} {language:?} is not translated");
            }
        }
    }
}

#[test]
fn other_kinds_are_not_guardian_texts() {
    for kind in [MessageKind::SessionReminder, MessageKind::Welcome] {
        assert_eq!(guardian_text(kind, Language::Nb), None, "{kind:?}");
    }
}

#[test]
fn texts_use_known_variables_and_the_same_ones_in_every_language() {
    for kind in KINDS {
        let nb_body = guardian_text(kind, Language::Nb).expect("bokmål").1;
        let expected = sorted_unique(placeholders(nb_body));
        for language in Language::ALL {
            let (subject, body) = guardian_text(kind, *language).expect("present");
            for name in placeholders(subject).into_iter().chain(placeholders(body)) {
                assert!(
                    crate::message_templates::VARIABLES
                        .iter()
                        .any(|v| v.name == name),
                    "{kind:?} {language:?}: {{{name}}}"
                );
            }
            assert_eq!(
                sorted_unique(placeholders(body)),
                expected,
                "{kind:?} {language:?}"
            );
        }
    }
}

#[test]
fn only_the_consent_request_carries_a_link() {
    for kind in KINDS {
        for language in Language::ALL {
            let (subject, body) = guardian_text(kind, *language).expect("present");
            assert!(!subject.contains("{confirm_link}"), "{kind:?} {language:?}");
            assert_eq!(
                body.contains("{confirm_link}"),
                kind == MessageKind::ConsentRequest,
                "{kind:?} {language:?}"
            );
        }
    }
}

#[test]
fn the_start_confirmation_names_no_one() {
    for language in Language::ALL {
        let (subject, body) = guardian_text(MessageKind::SmsResumed, *language).expect("present");
        for text in [subject, body] {
            assert!(!text.contains("{first_name}"), "{language:?}");
            assert!(!text.contains("{guardian_name}"), "{language:?}");
        }
    }
}

#[test]
fn sms_bodies_keep_to_gsm7_outside_arabic_and_turkish() {
    for kind in KINDS {
        for language in [Language::Nb, Language::Nn, Language::En, Language::So] {
            let body = guardian_text(kind, language).expect("present").1;
            assert!(is_gsm7(body), "{kind:?} {language:?}: {body}");
            assert!(is_gsm7(&rendered(body, language)), "{kind:?} {language:?}");
        }
    }
    assert!(is_gsm7("Hei Åse, {æøå} [x] ~ | € ^"));
    assert!(!is_gsm7("«sitat»"));
    assert!(!is_gsm7("a – b"));
    assert!(!is_gsm7("it’s"));
    assert!(!is_gsm7("Salı"));
}

#[test]
fn sms_bodies_stay_short_with_typical_values() {
    for kind in KINDS {
        for language in Language::ALL {
            let body = guardian_text(kind, *language).expect("present").1;
            // The day and date in the language's own words, and as bokmål writes them
            // (as the message templates' own check does).
            for days_in in [*language, Language::Nb] {
                let text = rendered(body, days_in);
                // 2 GSM-7 segments (153 septets each; these texts use no extension
                // characters) or 3 UCS-2 ones (67 code units each).
                let (units, budget) = match language {
                    Language::Ar | Language::Tr => (text.encode_utf16().count(), 3 * 67),
                    _ => (text.chars().count(), 2 * 153),
                };
                assert!(units <= budget, "{kind:?} {language:?}: {units} > {budget}");
            }
        }
    }
}

#[test]
fn sms_replies_are_asked_for_in_norwegian() {
    for kind in KINDS
        .into_iter()
        .filter(|k| *k != MessageKind::ConsentRequest)
    {
        for language in Language::ALL {
            let body = guardian_text(kind, *language).expect("present").1;
            assert!(body.contains("STOPP"), "{kind:?} {language:?}");
        }
    }
}

#[test]
fn texts_say_nothing_sensitive() {
    let words = [
        "nav",
        "rus",
        "fravær",
        "fråvær",
        "frafall",
        "problem",
        "problemer",
        "absence",
        "absent",
        "dropout",
    ];
    let mut texts: Vec<(String, &str)> = Vec::new();
    for language in Language::ALL {
        for kind in KINDS {
            let (subject, body) = guardian_text(kind, *language).expect("present");
            texts.push((format!("{kind:?} {language:?}"), subject));
            texts.push((format!("{kind:?} {language:?}"), body));
        }
        texts.push((
            format!("consent {language:?}"),
            default_consent_text(*language),
        ));
        for (field, text) in page_fields(consent_page_texts(*language)) {
            texts.push((format!("{field} {language:?}"), text));
        }
    }
    for (what, text) in texts {
        let lower = text.to_lowercase();
        for word in lower.split(|c: char| !c.is_alphanumeric()) {
            assert!(!words.contains(&word), "{what}: {word}");
        }
    }
}

#[test]
fn consent_text_is_written_in_every_language_and_names_no_one() {
    for language in Language::ALL {
        let text = default_consent_text(*language);
        assert!(!text.trim().is_empty(), "{language:?}");
        assert!(!text.contains(['{', '}']), "{language:?}");
        assert!(text.contains("18"), "{language:?}");
        if *language != Language::Nb {
            assert_ne!(text, default_consent_text(Language::Nb), "{language:?}");
        }
    }
}

#[test]
fn every_consent_page_text_is_written() {
    for language in Language::ALL {
        for (field, text) in page_fields(consent_page_texts(*language)) {
            assert!(!text.trim().is_empty(), "{field} {language:?}");
        }
    }
}

#[test]
fn consent_page_placeholders_match_bokmal() {
    let allowed = ["first_name", "course", "dates", "leader"];
    let nb = page_fields(consent_page_texts(Language::Nb));
    for language in Language::ALL {
        let fields = page_fields(consent_page_texts(*language));
        for ((field, text), (_, nb_text)) in fields.into_iter().zip(nb) {
            let names = sorted_unique(placeholders(text));
            for name in &names {
                assert!(allowed.contains(name), "{field} {language:?}: {{{name}}}");
            }
            assert_eq!(
                names,
                sorted_unique(placeholders(nb_text)),
                "{field} {language:?}"
            );
        }
    }
    assert_eq!(
        placeholders(consent_page_texts(Language::Nb).intro),
        ["first_name", "course", "dates", "first_name"]
    );
    assert_eq!(
        placeholders(consent_page_texts(Language::Nb).withdraw_note),
        ["leader"]
    );
}

#[test]
fn each_language_has_its_own_page() {
    assert_eq!(
        consent_page_texts(Language::Nb).title,
        "Samtykke til påminnelser"
    );
    for language in Language::ALL.iter().filter(|l| **l != Language::Nb) {
        assert_ne!(
            consent_page_texts(*language).intro,
            consent_page_texts(Language::Nb).intro,
            "{language:?}"
        );
    }
}

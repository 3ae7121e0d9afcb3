//! Checks of the locale files and the lookup: every file parses, fallback per message,
//! plural forms per language, and bidi isolation in Arabic only.

use super::*;
use crate::people::Language;

#[test]
fn every_file_parses_without_duplicates() {
    for (language, files) in SOURCES {
        let mut seen = std::collections::HashSet::new();
        for (name, source) in *files {
            if let Err((_, errors)) = FluentResource::try_new(source.to_string()) {
                panic!("{}/{name}: {errors:?}", language.code());
            }
            for key in keys(*language, name) {
                assert!(seen.insert(key.clone()), "{}: {key} twice", language.code());
            }
        }
    }
}

#[test]
fn a_missing_message_falls_back_to_bokmal() {
    // Nynorsk has no staff page words yet: each one comes in bokmål.
    assert!(!has(Language::Nn, "nav_courses"));
    assert_eq!(
        text(Language::Nn, "nav_courses"),
        text(Language::Nb, "nav_courses")
    );
    // A language that has the message keeps its own.
    assert_eq!(text(Language::En, "nav_courses"), "Courses");
    // A message no language has comes out as its key, never as nothing.
    assert_eq!(text(Language::Ar, "no-such-message"), "no-such-message");
}

#[test]
fn plural_forms_follow_each_language() {
    let count = |language, n| {
        format(
            language,
            "upcoming-count",
            None,
            &args([("count", number(n))]),
        )
    };
    assert_eq!(count(Language::Nb, 1), "Du har én samling igjen.");
    assert_eq!(count(Language::Nb, 3), "Du har 3 samlinger igjen.");
    assert_eq!(count(Language::En, 1), "You have one session left.");
    assert_eq!(count(Language::En, 2), "You have 2 sessions left.");
    // Arabic has six plural forms; each of these numbers picks a different one.
    let arabic: Vec<String> = [0, 1, 2, 3, 11, 100]
        .into_iter()
        .map(|n| count(Language::Ar, n))
        .collect();
    for (i, a) in arabic.iter().enumerate() {
        for b in &arabic[i + 1..] {
            assert_ne!(a, b, "Arabic plural forms must differ");
        }
    }
}

#[test]
fn variables_are_isolated_in_arabic_only() {
    let greeting = |language| {
        format(
            language,
            "hello-name",
            None,
            &args([("name", arg("Amina"))]),
        )
    };
    let arabic = greeting(Language::Ar);
    assert!(arabic.contains("\u{2068}Amina\u{2069}"), "{arabic:?}");
    for language in [Language::Nb, Language::En, Language::So, Language::Tr] {
        let text = greeting(language);
        assert!(
            text.contains("Amina") && !text.contains('\u{2068}'),
            "{text:?}"
        );
    }
}

#[cfg(feature = "texts")]
#[test]
fn dates_are_isolated_inside_arabic_messages() {
    let date = crate::message_templates::date_text(
        chrono::NaiveDate::from_ymd_opt(2027, 3, 2).expect("date"),
        Language::Ar,
    );
    assert!(date.contains("مارس"), "{date}");
    let template = crate::message_templates::default_template(
        crate::messages::MessageKind::SessionReminder,
        Language::Ar,
    );
    assert!(
        template.body.contains("\u{2068}{date}\u{2069}"),
        "{}",
        template.body
    );
    assert!(template.body.contains("\u{2068}{first_name}\u{2069}"));
    // Bokmål texts stay free of the marks (they would make an SMS UCS-2).
    let nb = crate::message_templates::default_template(
        crate::messages::MessageKind::SessionReminder,
        Language::Nb,
    );
    assert!(!nb.body.contains('\u{2068}'));
}

#[test]
fn participant_pages_have_every_message_in_all_six_languages() {
    let nb = keys(Language::Nb, "participant.ftl");
    assert!(!nb.is_empty());
    for language in Language::ALL {
        let mut theirs = keys(*language, "participant.ftl");
        let mut ours = nb.clone();
        theirs.sort();
        ours.sort();
        assert_eq!(theirs, ours, "{}/participant.ftl", language.code());
    }
}

//! Checks of the page words: bokmål and English have every word a page names, and the
//! browser's language list is read as browsers write it.

use super::*;
use domain::i18n::has;

#[test]
fn bokmal_and_english_have_every_word() {
    let mut missing = Vec::new();
    for key in KEYS {
        for language in [Language::Nb, Language::En] {
            if !has(language, key) {
                missing.push(format!("{}: {key}", language.code()));
            }
        }
    }
    assert!(missing.is_empty(), "missing words:\n{}", missing.join("\n"));
}

#[test]
fn every_message_with_variables_the_pages_use_exists() {
    for key in [
        "report-completion",
        "report-window",
        "followup-open-since",
        "followup-closed-on",
        "retention-help",
        "hello-name",
        "upcoming-count",
    ] {
        assert!(has(Language::Nb, key) && has(Language::En, key), "{key}");
    }
}

#[test]
fn a_word_missing_in_nynorsk_comes_in_bokmal() {
    assert_eq!(
        texts_for(Language::Nn).nav_courses,
        texts_for(Language::Nb).nav_courses
    );
    assert_eq!(texts_for(Language::Nn).my_sessions, "Samlingane mine");
}

#[test]
fn plural_forms_pick_the_right_words() {
    let help = |language, months| {
        domain::i18n::format(
            language,
            "retention-help",
            None,
            &args([("months", number(months))]),
        )
    };
    assert!(help(Language::Nb, 1).contains("én måned etter"));
    assert!(help(Language::Nb, 24).contains("24 måneder etter"));
    assert!(help(Language::En, 1).contains("one month after"));
}

#[test]
fn accept_language_picks_the_first_offered() {
    let all = Language::ALL;
    assert_eq!(
        from_accept_language("ar-SA,ar;q=0.9,en;q=0.8", all),
        Some(Language::Ar)
    );
    assert_eq!(
        from_accept_language("de-DE,de;q=0.9,so;q=0.5", all),
        Some(Language::So)
    );
    assert_eq!(
        from_accept_language("nb-NO,no;q=0.9", all),
        Some(Language::Nb)
    );
    assert_eq!(
        from_accept_language("en;q=0.5,tr;q=0.8", all),
        Some(Language::Tr)
    );
    assert_eq!(from_accept_language("de, fr", all), None);
    assert_eq!(
        from_accept_language("ar", &[Language::Nb, Language::En]),
        None
    );
    assert_eq!(from_accept_language("", all), None);
}

#[test]
fn participant_paths_are_told_from_staff_paths() {
    for path in ["/p", "/p/abc", "/me", "/confirm/x", "/consent/y"] {
        assert!(is_participant_path(path), "{path}");
    }
    for path in ["/", "/me/tokens", "/participants", "/courses/1", "/pages"] {
        assert!(!is_participant_path(path), "{path}");
    }
}

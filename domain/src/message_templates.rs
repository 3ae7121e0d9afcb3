//! Message templates: the shipped texts per kind and language, their variables and rendering.
//!
//! A template is plain text with variables written `{name}`; `{{` and `}}` stand for literal
//! braces. The set of variables is closed, so a typo is caught when the text is saved
//! (through [`check`]) rather than when a reminder goes out with "{frist_name}" in it.
//!
//! The shipped texts name the course only by `{course}` (its neutral public name) and never
//! say anything sensitive: a phone screen is read by others too.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use super::i18n;
use super::messages::MessageKind;
use super::people::Language;

/// A variable a template may use, described for the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateVariable {
    pub name: &'static str,
    /// What it stands for, in bokmål.
    pub nb: &'static str,
    /// What it stands for, in English.
    pub en: &'static str,
}

/// Every variable a template may use, in the order the editor lists them.
pub const VARIABLES: &[TemplateVariable] = &[
    TemplateVariable {
        name: "first_name",
        nb: "Deltakerens fornavn",
        en: "The participant's first name",
    },
    TemplateVariable {
        name: "course",
        nb: "Kursets nøytrale navn (det som brukes i meldinger)",
        en: "The course's neutral public name (the one used in messages)",
    },
    TemplateVariable {
        name: "date",
        nb: "Datoen for samlingen, for eksempel «2. mars»",
        en: "The date of the session, for example \"2 March\"",
    },
    TemplateVariable {
        name: "weekday",
        nb: "Ukedagen for samlingen, for eksempel «tirsdag»",
        en: "The weekday of the session, for example \"Tuesday\"",
    },
    TemplateVariable {
        name: "time",
        nb: "Klokkeslettet samlingen starter, for eksempel «12:00»",
        en: "The time the session starts, for example \"12:00\"",
    },
    TemplateVariable {
        name: "place",
        nb: "Hvor samlingen er",
        en: "Where the session is",
    },
    TemplateVariable {
        name: "leader",
        nb: "Kurslederens navn",
        en: "The course leader's name",
    },
    TemplateVariable {
        name: "confirm_link",
        nb: "Lenken i meldingen: svar på invitasjonen, egen side, eller samtykkesiden for foresatte",
        en: "The message's link: answering the invitation, their own page, or the guardian's consent page",
    },
    TemplateVariable {
        name: "guardian_name",
        nb: "Foresattes navn (i meldinger til foresatte)",
        en: "The guardian's name (in messages to guardians)",
    },
];

/// The values a template is rendered with, already formatted for the recipient's language
/// (see [`weekday_name`] and [`date_text`]).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TemplateVars {
    pub first_name: String,
    pub course: String,
    pub date: String,
    pub weekday: String,
    pub time: String,
    pub place: String,
    pub leader: String,
    pub confirm_link: String,
    pub guardian_name: String,
}

impl TemplateVars {
    /// The value of a variable by its template name.
    fn value(&self, name: &str) -> Option<&str> {
        let value = match name {
            "first_name" => &self.first_name,
            "course" => &self.course,
            "date" => &self.date,
            "weekday" => &self.weekday,
            "time" => &self.time,
            "place" => &self.place,
            "leader" => &self.leader,
            "confirm_link" => &self.confirm_link,
            "guardian_name" => &self.guardian_name,
            _ => return None,
        };
        Some(value)
    }
}

/// Why a template cannot be used (and therefore cannot be saved).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemplateError {
    UnknownVariable(String),
    Unclosed,
    Empty,
}

impl From<TemplateError> for crate::problem::Problem {
    fn from(e: TemplateError) -> Self {
        use crate::problem::Code;
        match e {
            TemplateError::UnknownVariable(name) => Code::UnknownVariable
                .with("name", name)
                .with("names", variable_names()),
            TemplateError::Unclosed => Code::BraceNotClosed.into(),
            TemplateError::Empty => Code::TextEmpty.into(),
        }
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        crate::problem::Problem::from(self.clone()).fmt(f)
    }
}

impl std::error::Error for TemplateError {}

fn variable_names() -> String {
    VARIABLES
        .iter()
        .map(|v| v.name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A stretch of a parsed template.
enum Piece<'a> {
    Text(&'a str),
    Variable(&'static str),
}

/// Splits a template into text and variables, refusing anything that would not render.
fn parse(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    if template.trim().is_empty() {
        return Err(TemplateError::Empty);
    }
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        if at > 0 {
            pieces.push(Piece::Text(&rest[..at]));
        }
        let brace = &rest[at..at + 1];
        let after = &rest[at + 1..];
        if after.starts_with(brace) {
            // "{{" or "}}": one literal brace.
            pieces.push(Piece::Text(brace));
            rest = &after[1..];
        } else if brace == "}" {
            // A lone "}" cannot be mistaken for a variable, so it is kept as written.
            pieces.push(Piece::Text(brace));
            rest = after;
        } else {
            // A variable runs to the next "}". Meeting another "{" or a line break first
            // means the author forgot to close it; reporting that beats naming a garbled
            // "variable" that spans half the text.
            let end = match after.find(['}', '{', '\n']) {
                Some(end) if after[end..].starts_with('}') => end,
                _ => return Err(TemplateError::Unclosed),
            };
            let name = after[..end].trim();
            let variable = VARIABLES
                .iter()
                .find(|v| v.name == name)
                .ok_or_else(|| TemplateError::UnknownVariable(name.to_string()))?;
            pieces.push(Piece::Variable(variable.name));
            rest = &after[end + 1..];
        }
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    Ok(pieces)
}

/// Whether a template would render; the editor refuses to save one that would not.
pub fn check(template: &str) -> Result<(), TemplateError> {
    parse(template).map(|_| ())
}

/// Fills in the variables.
pub fn render(template: &str, vars: &TemplateVars) -> Result<String, TemplateError> {
    let pieces = parse(template)?;
    let mut out = String::with_capacity(template.len() + 64);
    for piece in pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            Piece::Variable(name) => out.push_str(vars.value(name).unwrap_or_default()),
        }
    }
    Ok(out)
}

/// A message text: the subject is used for e-mail, the body for both SMS and e-mail.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub subject: String,
    pub body: String,
}

/// The text Samling ships for a kind of message in a language.
///
/// Participant texts exist in every language. Staff texts (leader alert, daily digest) are
/// written in bokmål, given to nynorsk users too, and in English for everyone else: staff
/// work in Norwegian, and English is the likeliest shared language otherwise.
pub fn default_template(kind: MessageKind, language: Language) -> Template {
    let (subject, body) = super::participant_texts::default_text(kind, language);
    Template {
        subject: subject.to_string(),
        body: body.to_string(),
    }
}

/// The weekday's name as it is written inside a sentence in `language`.
pub fn weekday_name(weekday: Weekday, language: Language) -> String {
    let day = i64::from(weekday.number_from_monday());
    i18n::format(
        language,
        "weekday-name",
        None,
        &i18n::args([("day", i18n::number(day))]),
    )
}

/// Day and month as written in `language` ("2. mars", "2 March", "2 Mart"), without the
/// year: messages are about the coming weeks.
pub fn date_text(date: NaiveDate, language: Language) -> String {
    let (day, month) = (i64::from(date.day()), i64::from(date.month()));
    let text = i18n::format(
        language,
        "date-day-month",
        None,
        &i18n::args([("day", i18n::number(day)), ("month", i18n::number(month))]),
    );
    // A date is isolated as a whole where a sentence uses it; marks around the day inside it
    // would only lengthen an SMS.
    text.replace(['\u{2068}', '\u{2069}'], "")
}

/// Shipped texts are read once per process and live as long as it does.
pub(crate) fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// Shipped subject and body per kind and language, read once from the locale files.
pub(crate) type TextTable =
    std::collections::HashMap<(MessageKind, Language), (&'static str, &'static str)>;

/// A text Samling ships (from the locale files) in template syntax: each Fluent variable
/// comes out as `{name}`, to be filled in by [`render`] like a text staff wrote themselves.
/// In Arabic, Fluent wraps each in FSI…PDI, so the names, dates and links put there later
/// keep their own direction inside the right-to-left sentence.
pub fn shipped_text(language: Language, key: &str, attribute: Option<&str>) -> String {
    let mut args = i18n::Args::new();
    for name in VARIABLES.iter().map(|v| v.name).chain(["dates"]) {
        args.set(name, format!("{{{name}}}"));
    }
    i18n::format(language, key, attribute, &args)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sms_text::{count, SmsEncoding};

    fn full_vars() -> TemplateVars {
        TemplateVars {
            first_name: "Amina".into(),
            course: "Klart jeg kan".into(),
            date: "2. mars".into(),
            weekday: "tirsdag".into(),
            time: "12:00".into(),
            place: "Ungdomshuset, Storgata 1".into(),
            leader: "Kari".into(),
            confirm_link: "https://samling.example.no/m/01234567890".into(),
            guardian_name: "Fatima Hassan".into(),
        }
    }

    #[test]
    fn sample_link_is_forty_characters() {
        assert_eq!(full_vars().confirm_link.chars().count(), 40);
    }

    #[test]
    fn every_default_template_checks() {
        for kind in MessageKind::ALL {
            for language in Language::ALL {
                let t = default_template(*kind, *language);
                assert_eq!(check(&t.subject), Ok(()), "{kind:?} {language:?} subject");
                assert_eq!(check(&t.body), Ok(()), "{kind:?} {language:?} body");
            }
        }
    }

    #[test]
    fn rendering_replaces_every_variable() {
        let template = VARIABLES
            .iter()
            .map(|v| format!("{{{}}}", v.name))
            .collect::<Vec<_>>()
            .join("|");
        let rendered = render(&template, &full_vars()).expect("renders");
        assert_eq!(
            rendered,
            "Amina|Klart jeg kan|2. mars|tirsdag|12:00|Ungdomshuset, Storgata 1|Kari|\
             https://samling.example.no/m/01234567890|Fatima Hassan"
        );
        assert!(!rendered.contains('{'));
    }

    #[test]
    fn rendered_defaults_leave_no_braces() {
        let vars = full_vars();
        for kind in MessageKind::ALL {
            for language in Language::ALL {
                let t = default_template(*kind, *language);
                for text in [&t.subject, &t.body] {
                    let out = render(text, &vars).expect("renders");
                    assert!(!out.contains(['{', '}']), "{kind:?} {language:?}: {out}");
                }
            }
        }
    }

    #[test]
    fn unknown_variable_is_refused_by_name() {
        let err = render("Hei {frist_name}!", &full_vars()).unwrap_err();
        assert_eq!(err, TemplateError::UnknownVariable("frist_name".into()));
        let message = err.to_string();
        assert!(message.starts_with("unknown variable {frist_name}; use one of first_name, course"));
        assert!(message.ends_with("confirm_link, guardian_name"));
        assert_eq!(
            check("{}"),
            Err(TemplateError::UnknownVariable(String::new()))
        );
    }

    #[test]
    fn whitespace_inside_braces_is_tolerated() {
        assert_eq!(
            render("Hei { first_name }!", &full_vars()),
            Ok("Hei Amina!".to_string())
        );
    }

    #[test]
    fn doubled_braces_are_literal() {
        assert_eq!(
            render("{{first_name}} er {first_name}", &full_vars()),
            Ok("{first_name} er Amina".to_string())
        );
        assert_eq!(render("a }} b", &full_vars()), Ok("a } b".to_string()));
        // A lone closing brace cannot start a variable and is kept.
        assert_eq!(render(":-}", &full_vars()), Ok(":-}".to_string()));
    }

    #[test]
    fn unclosed_and_empty_are_refused() {
        assert_eq!(check("Hei {first_name"), Err(TemplateError::Unclosed));
        assert_eq!(check("Hei {"), Err(TemplateError::Unclosed));
        assert_eq!(
            check("Hei {first_name {course}"),
            Err(TemplateError::Unclosed)
        );
        assert_eq!(check("Hei {first_name\n}"), Err(TemplateError::Unclosed));
        assert_eq!(check(""), Err(TemplateError::Empty));
        assert_eq!(check("  \n "), Err(TemplateError::Empty));
        assert_eq!(TemplateError::Unclosed.to_string(), "a \"{\" is not closed");
        assert_eq!(TemplateError::Empty.to_string(), "the text is empty");
    }

    #[test]
    fn empty_values_render_as_nothing() {
        assert_eq!(
            render("Hei {first_name}!", &TemplateVars::default()),
            Ok("Hei !".to_string())
        );
    }

    #[test]
    fn staff_texts_fall_back_to_bokmal_or_english() {
        for kind in [
            MessageKind::LeaderAlert,
            MessageKind::DailyDigest,
            MessageKind::StaffInvitation,
            MessageKind::PasswordReset,
        ] {
            let nb = default_template(kind, Language::Nb);
            let en = default_template(kind, Language::En);
            assert_ne!(nb, en);
            assert_eq!(default_template(kind, Language::Nn), nb);
            for language in [Language::Ar, Language::So, Language::Tr] {
                assert_eq!(
                    default_template(kind, language),
                    en,
                    "{kind:?} {language:?}"
                );
            }
        }
        assert_eq!(
            default_template(MessageKind::LeaderAlert, Language::Nb).subject,
            "Samling: fravær to ganger på rad"
        );
    }

    #[test]
    fn participant_texts_exist_in_every_language() {
        for kind in MessageKind::ALL.iter().filter(|k| !k.to_staff()) {
            let nb = default_template(*kind, Language::Nb);
            for language in Language::ALL.iter().filter(|l| **l != Language::Nb) {
                let t = default_template(*kind, *language);
                assert_ne!(t.body, nb.body, "{kind:?} {language:?} is not translated");
            }
        }
    }

    #[test]
    fn participant_sms_fit_their_segment_budget() {
        let tuesday = NaiveDate::from_ymd_opt(2027, 3, 2).expect("valid date");
        for kind in MessageKind::ALL.iter().filter(|k| !k.to_staff()) {
            for language in Language::ALL {
                // Both the Norwegian sample values and the language's own day and date.
                let norwegian = full_vars();
                let own = TemplateVars {
                    weekday: weekday_name(tuesday.weekday(), *language),
                    date: date_text(tuesday, *language),
                    ..full_vars()
                };
                for vars in [norwegian, own] {
                    let body = default_template(*kind, *language).body;
                    let sms = count(&render(&body, &vars).expect("renders"));
                    let (expected, budget) = match language {
                        Language::Ar | Language::Tr => (SmsEncoding::Ucs2, 3),
                        _ => (SmsEncoding::Gsm7, 2),
                    };
                    assert_eq!(sms.encoding, expected, "{kind:?} {language:?}");
                    assert!(
                        sms.segments <= budget,
                        "{kind:?} {language:?}: {} segments ({} units)",
                        sms.segments,
                        sms.units
                    );
                }
            }
        }
    }

    #[test]
    fn participant_texts_say_nothing_sensitive() {
        let words = ["nav", "rus", "fravær", "fråvær", "absence", "absent"];
        for kind in MessageKind::ALL.iter().filter(|k| !k.to_staff()) {
            for language in Language::ALL {
                let t = default_template(*kind, *language);
                let text = format!("{} {}", t.subject, t.body).to_lowercase();
                for word in text.split(|c: char| !c.is_alphanumeric()) {
                    assert!(!words.contains(&word), "{kind:?} {language:?}: {word}");
                }
            }
        }
    }

    #[test]
    fn weekday_names() {
        assert_eq!(weekday_name(Weekday::Tue, Language::Nb), "tirsdag");
        assert_eq!(weekday_name(Weekday::Tue, Language::Nn), "tysdag");
        assert_eq!(weekday_name(Weekday::Sat, Language::Nn), "laurdag");
        assert_eq!(weekday_name(Weekday::Tue, Language::En), "Tuesday");
        assert_eq!(weekday_name(Weekday::Tue, Language::Ar), "الثلاثاء");
        assert_eq!(weekday_name(Weekday::Tue, Language::So), "Talaado");
        assert_eq!(weekday_name(Weekday::Tue, Language::Tr), "Salı");
        assert_eq!(weekday_name(Weekday::Sun, Language::Tr), "Pazar");
    }

    #[test]
    fn date_texts() {
        let date = NaiveDate::from_ymd_opt(2027, 3, 2).expect("valid date");
        assert_eq!(date_text(date, Language::Nb), "2. mars");
        assert_eq!(date_text(date, Language::Nn), "2. mars");
        assert_eq!(date_text(date, Language::En), "2 March");
        assert_eq!(date_text(date, Language::Ar), "2 مارس");
        assert_eq!(date_text(date, Language::So), "2 Maarso");
        assert_eq!(date_text(date, Language::Tr), "2 Mart");
        let date = NaiveDate::from_ymd_opt(2027, 12, 31).expect("valid date");
        assert_eq!(date_text(date, Language::Nb), "31. desember");
        assert_eq!(date_text(date, Language::Tr), "31 Aralık");
    }

    #[test]
    fn variables_are_described_for_the_editor() {
        let names: Vec<_> = VARIABLES.iter().map(|v| v.name).collect();
        assert_eq!(
            names,
            [
                "first_name",
                "course",
                "date",
                "weekday",
                "time",
                "place",
                "leader",
                "confirm_link",
                "guardian_name"
            ]
        );
        for v in VARIABLES {
            assert!(!v.nb.is_empty() && !v.en.is_empty());
            assert!(TemplateVars::default().value(v.name).is_some());
        }
    }
}

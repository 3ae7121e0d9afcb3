//! Bokmål for the validation messages the server writes in English (the API's language): the
//! English sentence is the key, as in gettext; a test finds every message in the code.

use super::Language as Lang;

/// Bokmål for the validation messages the server writes in English. As in gettext, the
/// English sentence is the key; a test checks that every message in the code has an entry.
const MESSAGES_NB: &[(&str, &str)] = &[
    ("give the guardian's name", "skriv foresattes navn"),
    (
        "give the guardian's relation to the pupil",
        "skriv foresattes relasjon til eleven",
    ),
    ("at most 120 characters", "høyst 120 tegn"),
    ("at most 200 characters", "høyst 200 tegn"),
    ("use paper, in_person or phone", "velg papir, møte eller telefon"),
    (
        "a digital consent comes from the guardian through the link; use paper, in_person or phone",
        "et digitalt samtykke kommer fra foresatte gjennom lenken; velg papir, møte eller telefon",
    ),
    ("use given or refused", "velg gitt eller nei"),
    (
        "choose at least one channel: sms or email",
        "velg minst én kanal: SMS eller e-post",
    ),
    (
        "the participant is 18 or over and decides alone; no consent is needed",
        "deltakeren er 18 år eller eldre og bestemmer selv; samtykke trengs ikke",
    ),
    ("the consent is already withdrawn", "samtykket er allerede trukket tilbake"),
    (
        "a refusal cannot be withdrawn; record a consent instead",
        "et nei kan ikke trekkes tilbake; registrer et samtykke i stedet",
    ),
    (
        "the guardian has no mobile number (that takes SMS) or e-mail address to send the request to",
        "foresatte har ikke mobilnummer (som tar imot SMS) eller e-post å sende forespørselen til",
    ),
    (
        "enrol the pupil in a course first: the guardian is told which course",
        "meld eleven på et kurs først: foresatte får vite hvilket kurs",
    ),
    (
        "the guardian was asked less than an hour ago; wait before asking again",
        "foresatte ble spurt for under en time siden; vent litt før du spør igjen",
    ),
    (
        "say why SMS is turned back on (for example: asked for it by phone)",
        "skriv hvorfor SMS slås på igjen (for eksempel: ba om det på telefon)",
    ),
    ("SMS is not turned off", "SMS er ikke slått av"),
    (
        "the pupil is under 18 and their guardian has not consented to this channel",
        "eleven er under 18 år, og foresatte har ikke samtykket til denne kanalen",
    ),
    ("use participant or guardian", "velg deltaker eller foresatt"),
    (
        "a consent cannot be given in the future",
        "et samtykke kan ikke være gitt fram i tid",
    ),
    (
        "more than a year ago: ask the guardian again",
        "mer enn et år siden: spør foresatte på nytt",
    ),
    (
        "choose mother, father, guardian or other_guardian",
        "velg mor, far, verge eller annen foresatt",
    ),
    (
        "only the consent in force can be withdrawn",
        "bare samtykket som gjelder, kan trekkes tilbake",
    ),
    ("the text in bokmål is required", "teksten på bokmål må fylles ut"),
    ("use nb, nn, en, ar, so or tr", "velg nb, nn, en, ar, so eller tr"),
    ("write your full name", "skriv det fulle navnet ditt"),
    (
        "the pupil is 18 or over and decides alone",
        "eleven er 18 år eller eldre og bestemmer selv",
    ),
    (
        "use one of nb, nn, en, ar, so, tr, or leave it empty",
        "velg en av nb, nn, en, ar, so, tr, eller la feltet stå tomt",
    ),
    (
        "write where the group meets (the reminders say it)",
        "skriv hvor gruppa møtes (påminnelsene sier det)",
    ),
    (
        "a reminder goes by sms or email",
        "en påminnelse går på sms eller e-post",
    ),
    (
        "a reminder goes between 1 minute and 14 days before the session",
        "en påminnelse går mellom 1 minutt og 14 dager før samlingen",
    ),
    (
        "the least lead time is between 0 and 24 hours",
        "minste tid før samlingen er mellom 0 og 24 timer",
    ),
    (
        "the same reminder is listed twice",
        "den samme påminnelsen står to ganger",
    ),
    (
        "at most 6 reminders per session",
        "høyst 6 påminnelser per samling",
    ),
    (
        "hours before: write a whole number of hours",
        "timer før: skriv et helt antall timer",
    ),
    (
        "write your mobile number or e-mail address",
        "skriv mobilnummeret eller e-postadressen din",
    ),
    (
        "the participant is not enrolled in a course",
        "deltakeren er ikke påmeldt noe kurs",
    ),
    (
        "three links were sent in the last hour; wait a little before sending another",
        "tre lenker er sendt den siste timen; vent litt før du sender en ny",
    ),
    (
        "the participant has neither a mobile number nor an e-mail address",
        "deltakeren har verken mobilnummer eller e-postadresse",
    ),
    (
        "a Norwegian mobile number has 8 digits and starts with 4 or 9",
        "et norsk mobilnummer har 8 sifre og begynner på 4 eller 9",
    ),
    (
        "a mobile number is needed to send SMS",
        "mobilnummer trengs for å sende SMS",
    ),
    (
        "a participant under 18 needs a guardian",
        "deltakere under 18 må ha en foresatt",
    ),
    (
        "a priority category is 1, 2, 3 or 4",
        "prioritetskategorien er 1, 2, 3 eller 4",
    ),
    (
        "a school counsellor belongs to a school",
        "en rådgiver hører til en skole",
    ),
    ("a whole number", "et helt tall"),
    (
        "an e-mail address is needed to send e-mail",
        "e-postadresse trengs for å sende e-post",
    ),
    ("between 0 and 24", "mellom 0 og 24"),
    ("between 1 and 104", "mellom 1 og 104"),
    ("between 1 and 24", "mellom 1 og 24"),
    ("between 1 and 500", "mellom 1 og 500"),
    ("between 1 and 7", "mellom 1 og 7"),
    ("choose a programme", "velg et program"),
    ("choose at least one weekday", "velg minst én ukedag"),
    ("choose leaders from the list", "velg kursledere fra listen"),
    ("give the course a title", "gi kurset en tittel"),
    ("give the first name", "skriv fornavnet"),
    (
        "give the guardian's mobile number or e-mail",
        "skriv foresattes mobilnummer eller e-post",
    ),
    ("give the last name", "skriv etternavnet"),
    ("give the programme a name", "gi programmet et navn"),
    ("give the school's name", "skriv navnet på skolen"),
    ("give the user's name", "skriv brukerens navn"),
    (
        "no open day found within three years of the start date",
        "fant ingen ledig dag innen tre år fra startdatoen",
    ),
    ("no staff user with this id", "ingen ansatt med denne id-en"),
    ("no such programme", "programmet finnes ikke"),
    ("not a phone number", "ikke et telefonnummer"),
    ("not a plausible birth date", "ikke en mulig fødselsdato"),
    ("not a valid mobile number", "ikke et gyldig mobilnummer"),
    ("not an e-mail address", "ikke en e-postadresse"),
    (
        "the course needs at least one session",
        "kurset trenger minst én samling",
    ),
    (
        "the end must be after the start",
        "slutten må være etter starten",
    ),
    (
        "the end time must be after the start time",
        "sluttiden må være etter starttiden",
    ),
    (
        "the programme has no sessions",
        "programmet har ingen samlinger",
    ),
    (
        "use RFC 3339, e.g. 2027-03-30T12:00:00+02:00",
        "bruk RFC 3339, f.eks. 2027-03-30T12:00:00+02:00",
    ),
    (
        "use \"scheduled\" or \"cancelled\"",
        "bruk «scheduled» eller «cancelled»",
    ),
    ("use \"weeks\" or \"months\"", "bruk «weeks» eller «months»"),
    ("use at least 10 characters", "bruk minst 10 tegn"),
    (
        "each group is a pair or a trio",
        "hver gruppe er et par eller en trio",
    ),
    ("the text is empty", "teksten er tom"),
    (
        "the session has already begun",
        "samlingen har allerede begynt",
    ),
    ("unknown message kind", "ukjent meldingstype"),
    (
        "choose a participant to preview for",
        "velg en deltaker å forhåndsvise for",
    ),
    (
        "the participant is not enrolled in a course",
        "deltakeren er ikke påmeldt noe kurs",
    ),
    (
        "use nb, nn, en, ar, so or tr",
        "bruk nb, nn, en, ar, so eller tr",
    ),
    ("a \"{\" is not closed", "en «{» er ikke lukket"),
    (
        "use present, absent, excused or late",
        "bruk present, absent, excused eller late",
    ),
    (
        "use planned, sending, sent, delivered, failed, skipped, cancelled or uncertain",
        "bruk planned, sending, sent, delivered, failed, skipped, cancelled eller uncertain",
    ),
    (
        "keep the note under 500 characters",
        "notatet må være under 500 tegn",
    ),
    (
        "not enrolled in this session's course",
        "er ikke påmeldt kurset denne samlingen hører til",
    ),
    (
        "use one of nb, nn, en, ar, so, tr",
        "bruk nb, nn, en, ar, so eller tr",
    ),
    ("use sms, email or both", "bruk sms, email eller both"),
    (
        "use the form HH:MM, e.g. 12:30",
        "skriv TT:MM, f.eks. 12:30",
    ),
    ("use the form YYYY-MM-DD", "skriv ÅÅÅÅ-MM-DD"),
    (
        "use the form YYYY-MM-DD, e.g. 2027-01-12",
        "skriv ÅÅÅÅ-MM-DD, f.eks. 2027-01-12",
    ),
    ("write something", "skriv noe"),
    (
        "keep an entry under 10,000 characters",
        "hold innlegget under 10 000 tegn",
    ),
    (
        "staff write in a logbook only with the participant's permission",
        "ansatte skriver i loggboka bare med deltakerens tillatelse",
    ),
    (
        "not a session of the participant's courses",
        "ikke en samling i deltakerens kurs",
    ),
    (
        "use open, in_progress, done or dropped",
        "bruk open, in_progress, done eller dropped",
    ),
    ("give the goal a title", "gi målet en tittel"),
    ("describe the measure", "beskriv tiltaket"),
    ("write what was done", "skriv hva som ble gjort"),
    (
        "the participant is not marked absent there",
        "deltakeren er ikke registrert borte der",
    ),
    ("give the person's name", "skriv personens navn"),
    (
        "use admin, leader or counsellor",
        "velg administrator, kursleder eller rådgiver",
    ),
    ("there is no such school", "skolen finnes ikke"),
    ("the school is no longer active", "skolen er ikke lenger aktiv"),
    (
        "a user with this e-mail address exists",
        "det finnes alt en bruker med denne e-postadressen",
    ),
    (
        "this is the last active admin; make someone else an admin first",
        "dette er den siste aktive administratoren; gjør noen andre til administrator først",
    ),
    (
        "the account is disabled; enable it first",
        "kontoen er deaktivert; aktiver den først",
    ),
    (
        "the person has chosen a password already; they can ask for a reset link on the sign-in page",
        "personen har alt valgt passord; de kan be om en lenke for nytt passord på innloggingssiden",
    ),
    (
        "the link has been used or has expired; ask for a new one",
        "lenken er brukt eller utløpt; be om en ny",
    ),
    ("write your e-mail address", "skriv e-postadressen din"),
    (
        "the capacity is at least 1 (or empty for no limit)",
        "kapasiteten er minst 1 (eller tom for ingen grense)",
    ),
    (
        "the course has sessions to come; close it after the last one",
        "kurset har samlinger igjen; avslutt det etter den siste",
    ),
    (
        "the course has enrolments; close it when it is over instead",
        "kurset har påmeldinger; avslutt det heller når det er over",
    ),
    ("give the course a public name", "gi kurset et offentlig navn"),
    ("a course has at least one leader", "et kurs har minst én kursleder"),
    (
        "the school is not in the list; an admin adds it under Schools",
        "skolen er ikke i listen; en administrator legger den til under Skoler",
    ),
    ("the two passwords differ", "de to passordene er ulike"),
    (
        "use user, school, closed_period, course, programme, reminder_rule, template or calendar_feed",
        "bruk user, school, closed_period, course, programme, reminder_rule, template eller calendar_feed",
    ),
];

/// Messages with a value in them: English prefix → bokmål prefix.
const PREFIXES_NB: &[(&str, &str)] = &[
    ("unknown weekday ", "ukjent ukedag "),
    ("unknown variable ", "ukjent variabel "),
    ("unknown time zone ", "ukjent tidssone "),
    ("no user ", "ingen bruker med id "),
    (
        "the capacity cannot be lower than the number enrolled: ",
        "kapasiteten kan ikke være lavere enn antallet påmeldte: ",
    ),
    (
        "not enrolled in the course: participant ",
        "ikke påmeldt kurset: deltaker ",
    ),
    ("in two groups: participant ", "i to grupper: deltaker "),
    (
        "a counsellor cannot lead a course: user ",
        "en rådgiver kan ikke lede kurs: bruker ",
    ),
];

/// A validation message in the page language (English is the key and the fallback).
pub fn message(lang: Lang, english: &str) -> String {
    if lang == Lang::En {
        return english.to_string();
    }
    if let Some((_, nb)) = MESSAGES_NB.iter().find(|(en, _)| *en == english) {
        return nb.to_string();
    }
    PREFIXES_NB
        .iter()
        .find_map(|(en, nb)| english.strip_prefix(en).map(|rest| format!("{nb}{rest}")))
        .unwrap_or_else(|| english.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every literal message given to `AppError::invalid` or a domain error has a bokmål entry.
    #[test]
    fn every_validation_message_has_bokmal() {
        let mut missing = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("i18n/messages.rs")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for english in literal_messages(&text) {
                        if message(Lang::Nb, &english) == english {
                            missing.push(format!("{}: {english}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no bokmål for:\n{}", missing.join("\n"));
    }

    /// String literals that follow `AppError::invalid(<field>,` or `#[error(`.
    fn literal_messages(text: &str) -> Vec<String> {
        let mut found = Vec::new();
        for marker in ["AppError::invalid(", "#[error("] {
            for (i, _) in text.match_indices(marker) {
                let rest = &text[i + marker.len()..];
                let rest = if marker.starts_with("AppError") {
                    match rest.split_once(',') {
                        Some((_, after)) => after.trim_start(),
                        None => continue,
                    }
                } else {
                    rest
                };
                if let Some(body) = rest.strip_prefix('"') {
                    let mut literal = String::new();
                    let mut chars = body.chars();
                    while let Some(c) = chars.next() {
                        match c {
                            '\\' => literal.push(chars.next().unwrap_or('\\')),
                            '"' => break,
                            c => literal.push(c),
                        }
                    }
                    if !literal.contains('{') {
                        found.push(literal);
                    }
                }
            }
        }
        found
    }

    #[test]
    fn messages_with_values_keep_the_value() {
        assert_eq!(
            message(Lang::Nb, "unknown weekday \"funday\""),
            "ukjent ukedag \"funday\""
        );
        assert_eq!(
            message(Lang::En, "give the last name"),
            "give the last name"
        );
        assert_eq!(message(Lang::Nb, "give the last name"), "skriv etternavnet");
    }
}

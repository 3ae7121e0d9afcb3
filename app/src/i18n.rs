//! The one i18n mechanism for pages: every UI string is a field of `Texts`, written once per
//! language on one line (bokmål first, English second), so a missing text fails to compile.
//! The language comes from the `samling_lang` cookie (server) and the page's `<html lang>`
//! (browser), so both sides render the same words.

use leptos::prelude::*;

macro_rules! texts {
    ($($key:ident: $nb:literal, $en:literal;)+) => {
        pub struct Texts { $(pub $key: &'static str,)+ }
        pub static NB: Texts = Texts { $($key: $nb,)+ };
        pub static EN: Texts = Texts { $($key: $en,)+ };
    };
}

texts! {
    app_name: "Samling", "Samling";
    skip_to_content: "Hopp til innholdet", "Skip to content";
    nav_home: "Oversikt", "Overview";
    nav_programmes: "Program", "Programmes";
    nav_courses: "Kurs", "Courses";
    nav_participants: "Deltakere", "Participants";
    sign_in: "Logg inn", "Sign in";
    sign_out: "Logg ut", "Sign out";
    signed_in_as: "Innlogget som", "Signed in as";
    email: "E-post", "E-mail";
    password: "Passord", "Password";
    login_title: "Logg inn i Samling", "Sign in to Samling";
    login_failed: "Feil e-post eller passord.", "Wrong e-mail or password.";
    locked_out: "For mange mislykkede forsøk. Vent noen minutter og prøv igjen.", "Too many failed attempts. Wait a few minutes and try again.";
    need_login: "Du må logge inn for å se denne siden.", "You need to sign in to see this page.";
    forbidden: "Du har ikke tilgang til dette.", "You do not have access to this.";
    not_found: "Fant ikke det du lette etter.", "Not found.";
    internal_error: "Noe gikk galt hos oss. Prøv igjen.", "Something went wrong on our side. Try again.";
    conflict: "Dette finnes allerede eller kan ikke endres nå.", "This already exists or cannot be changed now.";
    invalid_field: "Sjekk feltet", "Check the field";
    loading: "Laster …", "Loading …";
    save: "Lagre", "Save";
    saved: "Lagret.", "Saved.";
    cancel: "Avlys", "Cancel";
    restore: "Gjenopprett", "Restore";
    create: "Opprett", "Create";
    search: "Søk", "Search";
    language: "Språk", "Language";
    welcome: "Velkommen", "Welcome";
    home_intro: "Her er kursene dine. Velg et kurs for å se timeplanen og deltakerne.", "These are your courses. Choose one to see its schedule and participants.";
    programmes_title: "Program", "Programmes";
    programme_new: "Nytt program", "New programme";
    programme_name: "Navn", "Name";
    description: "Beskrivelse", "Description";
    sessions_per_week: "Samlinger per uke", "Sessions per week";
    weeks: "Antall uker", "Number of weeks";
    weekdays: "Ukedager", "Weekdays";
    start_time: "Starttid", "Start time";
    end_time: "Sluttid", "End time";
    follow_up: "Oppfølging", "Follow-up";
    follow_up_first_after: "Første oppfølgingssamling etter siste samling (0 = ingen)", "First follow-up after the last session (0 = none)";
    follow_up_more: "Antall flere oppfølgingssamlinger", "Number of further follow-ups";
    follow_up_every: "Deretter hver", "Then every";
    unit_weeks: "uker", "weeks";
    unit_months: "måneder", "months";
    session_plan: "Samlingsplan", "Session plan";
    session_plan_help: "Én rad per samling, i rekkefølge. Tomme rader blir ikke lagret.", "One row per session, in order. Empty rows are not saved.";
    session_title: "Tittel", "Title";
    theme: "Tema", "Theme";
    method: "Metodeinnhold", "Method content";
    reflection_task: "Refleksjonsoppgave", "Reflection task";
    sessions_count: "samlinger", "sessions";
    only_admin_edits: "Bare koordinatorer kan endre program.", "Only coordinators can change programmes.";
    courses_title: "Kurs", "Courses";
    course_new: "Nytt kurs", "New course";
    programme: "Program", "Programme";
    course_title: "Kurstittel", "Course title";
    public_name: "Offentlig navn (brukes i SMS og e-post)", "Public name (used in SMS and e-mail)";
    public_name_short: "Offentlig navn", "Public name";
    edit_programme: "Endre programmet", "Edit the programme";
    location: "Sted", "Location";
    capacity: "Antall plasser", "Places";
    start_date: "Startdato", "Start date";
    time_zone: "Tidssone", "Time zone";
    closed_dates: "Stengte dager (skoleferie), én dato per linje: ÅÅÅÅ-MM-DD", "Closed days (school holidays), one date per line: YYYY-MM-DD";
    preview: "Forhåndsvis timeplan", "Preview schedule";
    preview_title: "Forhåndsvisning", "Preview";
    skipped_days: "Hoppet over", "Skipped";
    closed_day: "stengt", "closed";
    save_course: "Lagre kurset", "Save the course";
    schedule: "Timeplan", "Schedule";
    number_short: "Nr.", "No.";
    date: "Dato", "Date";
    time: "Tid", "Time";
    status: "Status", "Status";
    kind_regular: "Samling", "Session";
    kind_follow_up: "Oppfølging", "Follow-up";
    status_scheduled: "Planlagt", "Scheduled";
    status_cancelled: "Avlyst", "Cancelled";
    move_button: "Flytt", "Move";
    move_session: "Flytt samlingen", "Move the session";
    add_session: "Legg til samling", "Add a session";
    is_follow_up: "Oppfølgingssamling", "Follow-up session";
    leaders: "Kursledere", "Leaders";
    places_taken: "plasser tatt", "places taken";
    on_waitlist: "på venteliste", "on the waitlist";
    participants_title: "Deltakere", "Participants";
    participant_new: "Ny deltaker", "New participant";
    edit_participant: "Endre opplysningene", "Edit the details";
    search_placeholder: "Navn, telefon eller e-post", "Name, phone or e-mail";
    no_results: "Ingen treff.", "No matches.";
    first_name: "Fornavn", "First name";
    last_name: "Etternavn", "Last name";
    birth_date: "Fødselsdato", "Birth date";
    phone: "Mobilnummer", "Mobile number";
    phone_help: "Norske nummer kan skrives uten +47.", "Norwegian numbers may be typed without +47.";
    preferred_language: "Foretrukket språk", "Preferred language";
    preferred_channel: "Foretrukket kanal", "Preferred channel";
    channel_sms: "SMS", "SMS";
    channel_email: "E-post", "E-mail";
    channel_both: "Begge", "Both";
    school: "Skole", "School";
    referral_source: "Henvist fra", "Referred by";
    primary_contact: "Primærkontakt", "Primary contact";
    none: "Ingen", "None";
    category: "Prioritetskategori", "Priority category";
    category_help: "1: gode forutsetninger og motivasjon · 2: gode forutsetninger, ikke motivasjon ennå · 3: begrensede forutsetninger, men vilje · 4: store begrensninger", "1: good prerequisites and motivation · 2: good prerequisites, no motivation yet · 3: limited prerequisites, but will · 4: large limitations";
    guardian: "Foresatt (for deltakere under 18)", "Guardian (for participants under 18)";
    guardian_name: "Foresattes navn", "Guardian's name";
    guardian_phone: "Foresattes mobil", "Guardian's mobile";
    guardian_email: "Foresattes e-post", "Guardian's e-mail";
    enrolments: "Påmeldinger", "Enrolments";
    enrol: "Meld på", "Enrol";
    enrol_in_course: "Meld på kurs", "Enrol in a course";
    enrol_participant: "Meld på en deltaker", "Enrol a participant";
    choose: "Velg …", "Choose …";
    withdraw: "Meld av", "Withdraw";
    withdraw_reason: "Grunn", "Reason";
    enrolment_enrolled: "Påmeldt", "Enrolled";
    enrolment_waitlisted: "Venteliste", "Waitlisted";
    enrolment_withdrawn: "Meldt av", "Withdrawn";
    waitlist_position: "plass", "place";
    course: "Kurs", "Course";
    no_courses: "Ingen kurs ennå.", "No courses yet.";
    no_enrolments: "Ingen påmeldte ennå.", "Nobody enrolled yet.";
    minor: "under 18", "under 18";
    contact: "Kontakt", "Contact";
    details: "Opplysninger", "Details";
}

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

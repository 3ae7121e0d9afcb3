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
    follow_up_first_unit: "Enhet for første oppfølgingssamling", "Unit for the first follow-up";
    follow_up_every_unit: "Enhet for hvor ofte", "Unit for how often";
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
    category_reason: "Grunn (når kategorien settes eller endres)", "Reason (when the category is set or changed)";
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
    roll_call: "Oppmøte", "Roll call";
    present: "Til stede", "Present";
    absent: "Borte", "Absent";
    excused: "Gyldig fravær", "Excused";
    late: "For sent", "Late";
    not_marked: "Ikke registrert", "Not marked";
    marked_count: "registrert", "marked";
    mark_rest_present: "Resten er til stede", "Mark the rest present";
    note: "Notat", "Note";
    logbook: "Loggbok", "Logbook";
    write_in_logbook: "Skriv i loggboka", "Write in the logbook";
    logbook_text: "Tekst", "Text";
    with_permission: "Deltakeren har gitt tillatelse til at jeg skriver dette", "The participant has given permission for me to write this";
    earlier_versions: "tidligere versjoner", "earlier versions";
    action_plan: "Handlingsplan", "Action plan";
    add_goal: "Legg til mål", "Add a goal";
    goal: "Mål", "Goal";
    measure: "Tiltak", "Measure";
    measure_text: "Hva skal gjøres?", "What is to be done?";
    due_date: "Frist", "Due date";
    responsible: "Ansvarlig", "Responsible";
    goal_open: "Åpen", "Open";
    goal_in_progress: "Pågår", "In progress";
    goal_done: "Fullført", "Done";
    goal_dropped: "Droppet", "Dropped";
    category_history: "Prioritetskategori – historikk", "Priority category – history";
    access_log: "Tilgangslogg", "Access log";
    follow_up_title: "Til oppfølging", "To follow up";
    nothing_to_follow_up: "Ingen fravær å følge opp.", "No absences to follow up.";
    two_in_a_row: "To fravær på rad", "Two absences in a row";
    record_follow_up: "Registrer oppfølging", "Record follow-up";
    what_was_done: "Hva ble gjort?", "What was done?";
    attendance_overview: "Oppmøteoversikt", "Attendance overview";
    grid_legend: "✓ til stede · S for sent · G gyldig fravær · F fravær · % oppmøte", "✓ present · S late · G excused · F absent · % attendance";
    back_to_course: "Tilbake til kurset", "Back to the course";
    buddy: "Makker", "Buddy";
    buddy_pairs: "Makkerpar", "Buddy pairs";
    make_pairs: "Lag nye makkerpar", "Make new pairs";
    needs_new_buddy: "trenger ny makker", "needs a new buddy";
    unpaired: "Uten makker", "Without a buddy";
    no_pairs: "Ingen makkerpar ennå.", "No buddy pairs yet.";
    adjust_pairs: "Endre makkerpar for hånd", "Adjust the pairs by hand";
    adjust_how: "Hva skal skje?", "What should happen?";
    adjust_swap: "bytter plass med", "swaps places with";
    adjust_join: "blir makker med", "becomes the buddy of";
    participant: "Deltaker", "Participant";
    nav_messages: "Meldinger", "Messages";
    messages_title: "Meldinger", "Messages";
    messages_intro: "Alle påminnelser, invitasjoner og andre meldinger: planlagt, sendt, levert, feilet, hoppet over (med grunn), avlyst og usikre.", "Every reminder, invitation and other message: planned, sent, delivered, failed, skipped (with the reason), cancelled and uncertain.";
    no_messages: "Ingen meldinger.", "No messages.";
    all_states: "Alle", "All";
    show: "Vis", "Show";
    state_label: "Status", "State";
    state_planned: "Planlagt", "Planned";
    state_sending: "Sendes", "Sending";
    state_sent: "Sendt", "Sent";
    state_delivered: "Levert", "Delivered";
    state_failed: "Feilet", "Failed";
    state_skipped: "Hoppet over", "Skipped";
    state_cancelled: "Avlyst", "Cancelled";
    state_uncertain: "Usikker", "Uncertain";
    kind_session_reminder: "Påminnelse", "Reminder";
    kind_follow_up_invitation: "Invitasjon til oppfølging", "Follow-up invitation";
    kind_absence_follow_up: "Etter fravær", "After an absence";
    kind_leader_alert: "Varsel til leder", "Alert to leader";
    kind_welcome: "Velkommen", "Welcome";
    kind_session_changed: "Ny tid for samling", "Session moved";
    kind_session_cancelled: "Samling avlyst", "Session cancelled";
    kind_magic_link: "Innloggingslenke", "Sign-in link";
    kind_daily_digest: "Dagsoversikt", "Daily digest";
    due_at: "Tidspunkt", "Due";
    attempts: "Forsøk", "Attempts";
    message_text: "Tekst", "Text";
    to_check: "Meldinger som må sjekkes", "Messages to check";
    nothing_to_check: "Ingen feilede eller usikre meldinger.", "No failed or uncertain messages.";
    inbox_title: "Svar fra deltakere", "Replies from participants";
    inbox_empty: "Ingen nye svar.", "No new replies.";
    mark_read: "Merk som lest", "Mark as read";
    intent_yes: "Kommer", "Coming";
    intent_no: "Kommer ikke (gyldig fravær satt)", "Not coming (excused)";
    intent_stop: "Vil ikke ha SMS", "No more SMS";
    intent_other: "Melding", "Message";
    unknown_sender: "Ukjent nummer", "Unknown number";
    nav_templates: "Meldingsmaler", "Message templates";
    templates_title: "Meldingsmaler", "Message templates";
    template_kind: "Melding", "Message";
    template_subject: "Emne (e-post)", "Subject (e-mail)";
    template_variables: "Felter du kan bruke:", "Fields you can use:";
    template_edited: "Denne teksten er endret her (ikke standardteksten).", "This text was edited here (not the default).";
    template_default: "Dette er standardteksten.", "This is the default text.";
    template_length: "Lengde på malen", "Length of the template";
    template_reset: "Tilbake til standardteksten", "Back to the default text";
    template_saved: "Lagret – slik blir teksten", "Saved – this is how it reads";
    preview_for: "Forhåndsvis for", "Preview for";
    preview_text: "Forhåndsvis", "Preview";
    sms_parts: "SMS-deler", "SMS parts";
    characters: "Tegn", "Characters";
    invite_question: "Kommer du?", "Are you coming?";
    invite_yes: "Ja, jeg kommer", "Yes, I am coming";
    invite_no: "Nei, jeg kan ikke", "No, I cannot come";
    invite_said_yes: "Takk! Vi gleder oss til å se deg.", "Thank you! We look forward to seeing you.";
    invite_said_no: "Takk for at du sa fra. Du kan ombestemme deg her.", "Thank you for letting us know. You can change your mind here.";
    invite_past: "Denne samlingen har allerede begynt.", "This session has already begun.";
    logbook_empty: "Ingen innlegg ennå.", "No entries yet.";
    change_entry: "Endre", "Change";
    earlier_text_kept: "Den tidligere teksten blir tatt vare på.", "The earlier text is kept.";
    logbook_session: "Hører til samling (valgfritt)", "Belongs to session (optional)";
    logbook_no_session: "Ingen bestemt samling", "No particular session";
    participant_sign_in: "Logg inn som deltaker", "Sign in as a participant";
    participant_sign_in_help: "Skriv mobilnummeret eller e-postadressen din, så sender vi deg en lenke til siden din.", "Type your mobile number or e-mail address and we will send you a link to your page.";
    phone_or_email: "Mobilnummer eller e-post", "Mobile number or e-mail";
    send_me_a_link: "Send meg en lenke", "Send me a link";
    link_on_its_way: "Hvis vi kjenner deg, får du en lenke om litt. Den virker i 72 timer.", "If we know you, a link is on its way. It works for 72 hours.";
    hello: "Hei", "Hi";
    open_my_page: "Åpne siden min", "Open my page";
    link_used_or_expired: "Lenken er brukt eller utløpt. Be om en ny.", "The link has been used or has expired. Ask for a new one.";
    participant_signed_out: "Du er ikke logget inn.", "You are not signed in.";
    my_sessions: "Mine samlinger", "My sessions";
    no_upcoming_sessions: "Ingen flere samlinger.", "No more sessions.";
    send_sign_in_link: "Send innloggingslenke", "Send sign-in link";
    own_page: "Deltakerens egen side", "The participant's own page";
    reminders: "Påminnelser", "Reminders";
    rules_from_course: "Egne påminnelser for dette kurset:", "This course's own reminders:";
    rules_from_programme: "Som programmet:", "As the programme:";
    rules_of_programme: "Programmets påminnelser (gjelder kursene som ikke har egne):", "The programme's reminders (for courses without their own):";
    rules_default: "Standard (ingen egne regler):", "The defaults (no rules of its own):";
    change_reminders: "Endre påminnelsene", "Change the reminders";
    channel: "Kanal", "Channel";
    hours_before: "timer før", "hours before";
    minutes_before: "minutter før", "minutes before";
    hours_before_label: "Timer før samlingen", "Hours before the session";
    rules_save_own: "Lagrer du, får dette sine egne påminnelser.", "Saving gives this its own reminders.";
    rules_clear_hint: "Tøm alle radene og lagre for å gå tilbake til det som gjaldt før.", "Clear every row and save to go back to what applied before.";
    own_page_help: "Deltakeren ser timeplanen sin og skriver i loggboka si gjennom en lenke på SMS eller e-post, uten passord.", "The participant sees their schedule and writes in their logbook through a link by text or e-mail, without a password.";
    link_sent_by_sms: "Lenken sendes på SMS nå.", "The link is on its way by text.";
    link_sent_by_email: "Lenken sendes på e-post nå.", "The link is on its way by e-mail.";
    consent_title: "Samtykke fra foresatte", "Guardian's consent";
    consent_not_needed: "Ikke nødvendig (18 år eller eldre)", "Not needed (18 or over)";
    consent_missing: "Mangler samtykke", "No consent";
    consent_requested: "Forespurt", "Requested";
    consent_given: "Samtykke gitt", "Consent given";
    consent_refused: "Nei til samtykke", "Consent refused";
    consent_withdrawn: "Trukket tilbake", "Withdrawn";
    consent_asked_on: "Foresatte ble spurt", "The guardian was asked on";
    consent_ask_guardian: "Be foresatte om samtykke", "Ask the guardian";
    consent_no_guardian_contact: "Foresatte har verken mobilnummer eller e-post. Legg det inn under «Endre opplysninger».", "The guardian has neither a mobile number nor an e-mail address. Add one under \"Change details\".";
    consent_record: "Registrer samtykke (papir, møte eller telefon)", "Record a consent (paper, in person or phone)";
    consent_given_by: "Foresattes navn", "Guardian's name";
    consent_relation: "Relasjon til deltakeren", "Relation to the participant";
    relation_mother: "Mor", "Mother";
    relation_father: "Far", "Father";
    relation_guardian: "Verge", "Legal guardian";
    relation_other_guardian: "Annen foresatt", "Other guardian";
    consent_method: "Hvordan", "How";
    consent_method_paper: "På papir", "On paper";
    consent_method_in_person: "I møte", "In person";
    consent_method_phone: "På telefon", "By phone";
    consent_method_digital: "Digitalt (lenke)", "Digitally (link)";
    consent_channels: "Samtykket gjelder", "The consent covers";
    consent_decision: "Svar", "Answer";
    consent_given_on: "Dato (om det ble gitt før i dag)", "Date (if it was given before today)";
    consent_text_version: "Samtykketekst versjon", "Consent text version";
    consent_no_records: "Ingen samtykker er registrert.", "No consents are recorded.";
    consent_superseded: "(erstattet av et nyere)", "(replaced by a newer one)";
    consent_text_shown: "Teksten som ble vist", "The text shown";
    consent_withdraw: "Trekk tilbake", "Withdraw";
    recorded_by: "registrert av", "recorded by";
    participant_sms_stopped: "Deltakeren har svart STOPP og får ikke SMS.", "The participant replied STOP and gets no texts.";
    guardian_sms_stopped: "Foresatte har svart STOPP og får ikke kopier på SMS.", "The guardian replied STOP and gets no copies by text.";
    resume_sms_reason: "Hvorfor slås SMS på igjen?", "Why is SMS turned back on?";
    resume_sms: "Slå på SMS igjen", "Turn SMS back on";
    guardian_language: "Foresattes språk", "Guardian's language";
    same_as_participant: "Samme som deltakeren", "Same as the participant";
    guardian_reminders: "Foresatte får kopi av påminnelsene også (ikke bare velkomst og invitasjoner)", "Guardians get copies of the reminders too (not only the welcome and invitations)";
    consent_text_title: "Samtykketekst for foresatte", "Consent text for guardians";
    consent_text_help: "Teksten foresatte ser før de gir samtykke. Lagring gir en ny versjon; samtykker beholder versjonen de ble gitt under. Tomme språk bruker bokmål.", "The text guardians see before they consent. Saving makes a new version; consents keep the version they were given under. Empty languages use bokmål.";
    consent_column: "Samtykke", "Consent";
}

/// Bokmål for the validation messages the server writes in English. As in gettext, the
/// English sentence is the key; a test checks that every message in the code has an entry.
const MESSAGES_NB: &[(&str, &str)] = &[
    ("give the guardian's name", "skriv foresattes navn"),
    (
        "give the guardian's relation to the pupil",
        "skriv foresattes relasjon til eleven",
    ),
    ("at most 120 characters", "høyst 120 tegn"),
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
];

/// Messages with a value in them: English prefix → bokmål prefix.
const PREFIXES_NB: &[(&str, &str)] = &[
    ("unknown weekday ", "ukjent ukedag "),
    ("unknown variable ", "ukjent variabel "),
    ("unknown time zone ", "ukjent tidssone "),
    ("no user ", "ingen bruker med id "),
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
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs")
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

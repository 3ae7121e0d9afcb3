# The participants' own pages (/p, /p/{token}, /me, /confirm/{token}) and the words staff
# pages share with them. Every language has every message here (a test checks it).

app_name = Samling
skip_to_content = Hopp til innholdet
language = Språk
buddy = Makker
change_entry = Endre
earlier_text_kept = Den tidligere teksten blir tatt vare på.
earlier_versions = tidligere versjoner
invite_no = Nei, jeg kan ikke
invite_past = Denne samlingen har allerede begynt.
invite_question = Kommer du?
invite_said_no = Takk for at du sa fra. Du kan ombestemme deg her.
invite_said_yes = Takk! Vi gleder oss til å se deg.
invite_yes = Ja, jeg kommer
kind_regular = Samling
link_on_its_way = Hvis vi kjenner deg, får du en lenke om litt. Den virker i 72 timer.
link_used_or_expired = Lenken er brukt eller utløpt. Be om en ny.
loading = Laster …
logbook = Loggbok
logbook_empty = Ingen innlegg ennå.
logbook_no_session = Ingen bestemt samling
logbook_session = Hører til samling (valgfritt)
logbook_text = Tekst
my_sessions = Mine samlinger
no_upcoming_sessions = Ingen flere samlinger.
open_my_page = Åpne siden min
participant_sign_in = Logg inn som deltaker
participant_sign_in_help = Skriv mobilnummeret eller e-postadressen din, så sender vi deg en lenke til siden din.
participant_signed_out = Du er ikke logget inn.
phone_or_email = Mobilnummer eller e-post
reflection_task = Refleksjonsoppgave
save = Lagre
saved = Lagret.
send_me_a_link = Send meg en lenke
sign_out = Logg ut
status_cancelled = Avlyst
write_in_logbook = Skriv i loggboka
not_found = Fant ikke det du lette etter.
internal_error = Noe gikk galt hos oss. Prøv igjen.
invalid_field = Sjekk feltet
forbidden = Du har ikke tilgang til dette.
need_login = Du må logge inn for å se denne siden.
conflict = Dette finnes allerede eller kan ikke endres nå.
rsvp_coming = Jeg kommer
rsvp_cannot = Jeg kan ikke
rsvp_reason = Hvorfor kan du ikke? (valgfritt)
rsvp_said_yes = Du har sagt at du kommer.
rsvp_said_no = Du har sagt at du ikke kan komme.
hello-name = Hei { $name }!
upcoming-count = { $count ->
        [one] Du har én samling igjen.
       *[other] Du har { $count } samlinger igjen.
    }
# A session's day and time, e.g. "tirsdag 2. mars kl. 17:00".
session-when = { $weekday } { $date } kl. { $time }
# Calendar feeds: the participant's own calendar link on /me.
calendar_title = Kalender
calendar_help_participant = Legg samlingene dine inn i kalenderen på telefonen. Kalenderen oppdaterer seg selv når en samling flyttes eller avlyses. Lenken viser bare kursnavn, tid og sted.
calendar_copy_now = Kopier adressen nå – den vises bare denne ene gangen.
calendar_address = Kalenderadresse
calendar_add = Legg til i kalenderen
calendar_download = Last ned (.ics)
calendar_made = Kalenderlenke laget
calendar_make = Lag kalenderlenke
calendar_make_new = Lag ny kalenderlenke (den gamle slutter å virke)
calendar_stop = Slå av kalenderlenken

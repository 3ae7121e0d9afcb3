# The participants' own pages (/p, /p/{token}, /me, /confirm/{token}) and the words staff
# pages share with them. Every language has every message here (a test checks it).

app_name = Samling
skip_to_content = Hopp til innhaldet
language = Språk
buddy = Makker
change_entry = Endre
earlier_text_kept = Den tidlegare teksten blir teken vare på.
earlier_versions = tidlegare versjonar
invite_no = Nei, eg kan ikkje
invite_past = Denne samlinga har alt byrja.
invite_question = Kjem du?
invite_said_no = Takk for at du sa frå. Du kan ombestemme deg her.
invite_said_yes = Takk! Vi gler oss til å sjå deg.
invite_yes = Ja, eg kjem
kind_regular = Samling
link_on_its_way = Viss vi kjenner deg, får du ei lenkje om litt. Ho verkar i 72 timar.
link_used_or_expired = Lenkja er brukt eller har gått ut. Be om ei ny.
loading = Lastar …
logbook = Loggbok
logbook_empty = Ingen innlegg enno.
logbook_no_session = Inga bestemt samling
logbook_session = Høyrer til samling (valfritt)
logbook_text = Tekst
my_sessions = Samlingane mine
no_upcoming_sessions = Ingen fleire samlingar.
open_my_page = Opne sida mi
participant_sign_in = Logg inn som deltakar
participant_sign_in_help = Skriv mobilnummeret eller e-postadressa di, så sender vi deg ei lenkje til sida di.
participant_signed_out = Du er ikkje logga inn.
phone_or_email = Mobilnummer eller e-post
reflection_task = Refleksjonsoppgåve
save = Lagre
saved = Lagra.
send_me_a_link = Send meg ei lenkje
sign_out = Logg ut
status_cancelled = Avlyst
write_in_logbook = Skriv i loggboka
not_found = Fann ikkje det du leita etter.
internal_error = Noko gjekk gale hos oss. Prøv igjen.
invalid_field = Sjekk feltet
forbidden = Du har ikkje tilgang til dette.
need_login = Du må logge inn for å sjå denne sida.
conflict = Dette finst alt eller kan ikkje endrast no.
rsvp_coming = Eg kjem
rsvp_cannot = Eg kan ikkje
rsvp_reason = Kvifor kan du ikkje? (valfritt)
rsvp_said_yes = Du har sagt at du kjem.
rsvp_said_no = Du har sagt at du ikkje kan kome.
hello-name = Hei { $name }!
upcoming-count = { $count ->
        [one] Du har éi samling att.
       *[other] Du har { $count } samlingar att.
    }
# A session's day and time, e.g. "tirsdag 2. mars kl. 17:00".
session-when = { $weekday } { $date } kl. { $time }
# Calendar feeds: the participant's own calendar link on /me.
calendar_title = Kalender
calendar_help_participant = Legg samlingane dine inn i kalenderen på telefonen. Kalenderen oppdaterer seg sjølv når ei samling blir flytta eller avlyst. Lenkja viser berre kursnamn, tid og stad.
calendar_copy_now = Kopier adressa no – ho blir berre vist denne eine gongen.
calendar_address = Kalenderadresse
calendar_add = Legg til i kalenderen
calendar_download = Last ned (.ics)
calendar_made = Kalenderlenkje laga
calendar_make = Lag kalenderlenkje
calendar_make_new = Lag ny kalenderlenkje (den gamle sluttar å verke)
calendar_stop = Slå av kalenderlenkja

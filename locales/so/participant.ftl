# The participants' own pages (/p, /p/{token}, /me, /confirm/{token}) and the words staff
# pages share with them. Every language has every message here (a test checks it).

app_name = Samling
skip_to_content = U gudub nuxurka
language = Luqadda
buddy = Saaxiibkaaga koorsada
change_entry = Beddel
earlier_text_kept = Qoraalkii hore waa la kaydinayaa.
earlier_versions = qoraalladii hore
invite_no = Maya, ma iman karo
invite_past = Kulankan wuu bilaabmay.
invite_question = Ma imanaysaa?
invite_said_no = Mahadsanid inaad noo sheegtay. Halkan waad ka beddeli kartaa.
invite_said_yes = Mahadsanid! Waan ku sugaynaa.
invite_yes = Haa, waan imanayaa
kind_regular = Kulan
link_on_its_way = Haddii aan ku naqaanno, link ayaa dhowaan kuu imanaya. Wuxuu shaqaynayaa 72 saacadood.
link_used_or_expired = Link-ga waa la isticmaalay ama waqtigiisii wuu dhacay. Codso mid cusub.
loading = Waa la soo rarayaa …
logbook = Buugga xusuus-qorka
logbook_empty = Weli wax qoraal ah ma jiraan.
logbook_no_session = Kulan gaar ah maaha
logbook_session = Kulanka uu khuseeyo (ikhtiyaari)
logbook_text = Qoraal
my_sessions = Kulammadayda
no_upcoming_sessions = Kulammo kale ma jiraan.
open_my_page = Fur boggayga
participant_sign_in = Gal adiga oo ka qayb-gale ah
participant_sign_in_help = Qor lambarka taleefankaaga ama iimaylkaaga, waxaanu kuu soo diraynaa link boggaaga.
participant_signed_out = Ma aadan gelin.
phone_or_email = Lambarka taleefanka ama iimaylka
reflection_task = Hawl ka fikir
save = Kaydi
saved = Waa la kaydiyay.
send_me_a_link = Ii soo dir link
sign_out = Ka bax
status_cancelled = Waa la joojiyay
write_in_logbook = Ku qor buugga xusuus-qorka
not_found = Lama helin waxaad raadinaysay.
internal_error = Khalad ayaa dhinaceenna ka dhacay. Isku day mar kale.
invalid_field = Hubi goobta
forbidden = Uma haysatid ogolaansho tan.
need_login = Waa inaad gashaa si aad boggan u aragto.
conflict = Tani horey ayay u jirtay ama hadda lama beddeli karo.
rsvp_coming = Waan imanayaa
rsvp_cannot = Ma iman karo
rsvp_reason = Maxaad u iman kari weyday? (ikhtiyaari)
rsvp_said_yes = Waxaad sheegtay inaad imanayso.
rsvp_said_no = Waxaad sheegtay inaadan iman karin.
hello-name = Salaan { $name }!
upcoming-count = { $count ->
        [one] Waxaa kuu hadhay hal kulan.
       *[other] Waxaa kuu hadhay { $count } kulan.
    }
# A session's day and time, e.g. "tirsdag 2. mars kl. 17:00".
session-when = { $weekday } { $date } saacadda { $time }
# Calendar feeds: the participant's own calendar link on /me.
calendar_title = Kalandarka
calendar_help_participant = Ku dar kulammadaada kalandarka taleefankaaga. Kalandarku wuu is cusboonaysiiyaa marka kulan la beddelo ama la joojiyo. Link-gu wuxuu muujinayaa oo keliya magaca koorsada, waqtiga iyo goobta.
calendar_copy_now = Hadda koobi ka qaad cinwaanka – hal mar oo keliya ayaa la muujinayaa.
calendar_address = Cinwaanka kalandarka
calendar_add = Ku dar kalandarka
calendar_download = Soo dejiso (.ics)
calendar_made = Link-ga kalandarka waa la sameeyay
calendar_make = Samee link kalandar
calendar_make_new = Samee link cusub (kii hore wuu joogsanayaa)
calendar_stop = Dami link-ga kalandarka

# The participants' own pages (/p, /p/{token}, /me, /confirm/{token}) and the words staff
# pages share with them. Every language has every message here (a test checks it).

app_name = Samling
skip_to_content = Skip to content
language = Language
buddy = Buddy
change_entry = Change
earlier_text_kept = The earlier text is kept.
earlier_versions = earlier versions
invite_no = No, I cannot come
invite_past = This session has already begun.
invite_question = Are you coming?
invite_said_no = Thank you for letting us know. You can change your mind here.
invite_said_yes = Thank you! We look forward to seeing you.
invite_yes = Yes, I am coming
kind_regular = Session
link_on_its_way = If we know you, a link is on its way. It works for 72 hours.
link_used_or_expired = The link has been used or has expired. Ask for a new one.
loading = Loading …
logbook = Logbook
logbook_empty = No entries yet.
logbook_no_session = No particular session
logbook_session = Belongs to session (optional)
logbook_text = Text
my_sessions = My sessions
no_upcoming_sessions = No more sessions.
open_my_page = Open my page
participant_sign_in = Sign in as a participant
participant_sign_in_help = Type your mobile number or e-mail address and we will send you a link to your page.
participant_signed_out = You are not signed in.
phone_or_email = Mobile number or e-mail
reflection_task = Reflection task
save = Save
saved = Saved.
send_me_a_link = Send me a link
sign_out = Sign out
status_cancelled = Cancelled
write_in_logbook = Write in the logbook
not_found = Not found.
internal_error = Something went wrong on our side. Try again.
invalid_field = Check the field
forbidden = You do not have access to this.
need_login = You need to sign in to see this page.
conflict = This already exists or cannot be changed now.
rsvp_coming = I'm coming
rsvp_cannot = I can't
rsvp_reason = Why not? (optional)
rsvp_said_yes = You said you are coming.
rsvp_said_no = You said you can't come.
hello-name = Hi { $name }!
upcoming-count = { $count ->
        [one] You have one session left.
       *[other] You have { $count } sessions left.
    }
# A session's day and time, e.g. "tirsdag 2. mars kl. 17:00".
session-when = { $weekday } { $date } at { $time }
# Calendar feeds: the participant's own calendar link on /me.
calendar_title = Calendar
calendar_help_participant = Put your sessions into the calendar on your phone. It updates itself when a session is moved or cancelled. The link shows only the course name, time and place.
calendar_copy_now = Copy the address now – it is shown only this once.
calendar_address = Calendar address
calendar_add = Add to calendar
calendar_download = Download (.ics)
calendar_made = Calendar link made
calendar_make = Make a calendar link
calendar_make_new = Make a new calendar link (the old one stops working)
calendar_stop = Turn off the calendar link

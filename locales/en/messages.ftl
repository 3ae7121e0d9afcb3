# Texts Samling sends by SMS and e-mail, per kind of message (`message-<kind>`, with a
# .subject for e-mail and a .body for both), the consent text, and the names of weekdays and
# months inside a sentence. Variables are those of the template editor. SMS bodies keep to
# GSM-7 in Latin-script languages other than Turkish (no «», curly quotes or dashes) and to
# 2 segments there, 3 in Arabic and Turkish, with typical values: tests hold them to it.

message-session-reminder =
    .subject = Reminder: { $course } on { $weekday } { $date } at { $time }
    .body = Hi { $first_name }! Reminder: { $course } on { $weekday } { $date } at { $time }, { $place }. We look forward to seeing you! Reply YES if you are coming, or NO if you can't.

message-follow-up-invitation =
    .subject = We meet again in { $course } on { $weekday } { $date }
    .body = Hi { $first_name }! Long time no see! We meet again in { $course } on { $weekday } { $date } at { $time }, { $place }. We hope you can join us! Let us know if you are coming: { $confirm_link } (or reply YES/NO)

message-absence-follow-up =
    .subject = We missed you in { $course }
    .body = Hi { $first_name }! We missed you at the session in { $course }. Hope all is well with you! We look forward to seeing you next time. Just send us a message if you have any questions.

message-leader-alert =
    .subject = Samling: absent twice in a row
    .body = { $first_name } has missed two sessions in a row in { $course }. Record what has been done in Samling.

message-welcome =
    .subject = Welcome to { $course }!
    .body = Hi { $first_name }, and welcome to { $course }! The first session is on { $weekday } { $date } at { $time }, { $place }. We look forward to getting to know you! Reply STOP if you don't want texts from us.

message-magic-link =
    .subject = Your page in { $course }
    .body = Hi { $first_name }! Here is the link to your page in { $course }, with your schedule and logbook: { $confirm_link } Please don't share the link with anyone.

message-daily-digest =
    .subject = Samling: tomorrow's sessions
    .body = { $course }

message-session-changed =
    .subject = New time: { $course } on { $weekday } { $date } at { $time }
    .body = Hi { $first_name }! { $course } has a new time: { $weekday } { $date } at { $time }, { $place }. Reply YES if you are coming, or NO if you can't.

message-session-cancelled =
    .subject = Cancelled: { $course } on { $weekday } { $date }
    .body = Hi { $first_name }! The { $course } session on { $weekday } { $date } at { $time } is cancelled. See you next time!

message-guardian-welcome =
    .subject = { $first_name } is signed up for { $course }
    .body = Hi { $guardian_name }! { $first_name } is signed up for { $course }. The first session is on { $weekday } { $date } at { $time }, { $place }. { $first_name } gets a reminder before each session, and you get a copy of the welcome and of the invitations to follow-up sessions. Reply STOPP if you don't want the copies.

message-guardian-invitation =
    .subject = { $first_name } is invited to a follow-up session
    .body = Hi { $guardian_name }! { $first_name } is invited to a follow-up session of { $course } on { $weekday } { $date } at { $time }, { $place }. We look forward to seeing { $first_name } again! This is a copy for you as a guardian. Reply STOPP if you don't want copies.

message-guardian-reminder =
    .subject = Reminder: { $first_name } has a session on { $weekday } { $date }
    .body = Hi { $guardian_name }! { $first_name } has a { $course } session on { $weekday } { $date } at { $time }, { $place }. Reply STOPP if you don't want copies.

message-consent-request =
    .subject = Consent to reminders for { $first_name }
    .body = Hi { $guardian_name }! We'd like to send { $first_name } reminders about { $course } by text or e-mail, and ask for your consent. Answer yes or no at this link: { $confirm_link } The link is personal and valid for 14 days. From the school and the course leaders

message-sms-resumed =
    .subject = Texts about { $course } again
    .body = Thank you! You will get texts from us about { $course } again. Reply STOPP if you want to stop.

message-staff-invitation =
    .subject = Welcome to Samling – choose your password
    .body =
        Hello { $first_name }!

        You have been given an account in Samling. Choose your own password here (the link works for 7 days, once):
        { $confirm_link }

message-password-reset =
    .subject = New password in Samling
    .body =
        Hello { $first_name }!

        Someone asked to set a new password for your Samling account. Choose a new password here (the link works for 2 hours, once):
        { $confirm_link }

        If it was not you, ignore this e-mail; your password is unchanged.

consent-text = By giving consent, you allow the course leaders to send your child reminders before each session, invitations to follow-up sessions and a short note after a session your child missed. The messages are sent by text message, e-mail or both, as you choose. They never contain anything sensitive, only the course's neutral name, the time and the place. You will get a copy of the welcome message and of the invitations to follow-up sessions. You can withdraw your consent at any time, and the messages will then stop. From the age of 18, the participant decides alone. The municipality handles the information in line with data protection rules.

weekday-name = { $day ->
        [1] Monday
        [2] Tuesday
        [3] Wednesday
        [4] Thursday
        [5] Friday
        [6] Saturday
       *[7] Sunday
    }

# Day and month inside a sentence, without the year.
date-day-month = { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    }

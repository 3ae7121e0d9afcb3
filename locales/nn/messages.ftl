# Texts Samling sends by SMS and e-mail, per kind of message (`message-<kind>`, with a
# .subject for e-mail and a .body for both), the consent text, and the names of weekdays and
# months inside a sentence. Variables are those of the template editor. SMS bodies keep to
# GSM-7 in Latin-script languages other than Turkish (no «», curly quotes or dashes) and to
# 2 segments there, 3 in Arabic and Turkish, with typical values: tests hold them to it.

message-session-reminder =
    .subject = Påminning: { $course } { $weekday } { $date } kl. { $time }
    .body = Hei { $first_name }! Påminning: { $course } { $weekday } { $date } kl. { $time }, { $place }. Vi gler oss til å sjå deg! Svar JA om du kjem, eller NEI om du ikkje kan.

message-follow-up-invitation =
    .subject = Vi møtest igjen i { $course } { $weekday } { $date }
    .body = Hei { $first_name }! Lenge sidan sist! Vi møtest igjen i { $course } { $weekday } { $date } kl. { $time }, { $place }. Vi håpar du blir med! Sei frå om du kjem: { $confirm_link } (eller svar JA/NEI)

message-absence-follow-up =
    .subject = Vi sakna deg i { $course }
    .body = Hei { $first_name }! Vi sakna deg på samlinga i { $course }. Håpar alt står bra til med deg! Vi gler oss til å sjå deg neste gong. Berre send ei melding om du lurer på noko.

message-welcome =
    .subject = Velkomen til { $course }!
    .body = Hei { $first_name }, og velkomen til { $course }! Første samling er { $weekday } { $date } kl. { $time }, { $place }. Vi gler oss til å bli kjende med deg! Svar STOPP om du ikkje vil ha SMS frå oss.

message-magic-link =
    .subject = Sida di i { $course }
    .body = Hei { $first_name }! Her er lenkja til sida di i { $course }, med timeplan og loggbok: { $confirm_link } Ikkje del lenkja med andre.

message-session-changed =
    .subject = Ny tid: { $course } { $weekday } { $date } kl. { $time }
    .body = Hei { $first_name }! { $course } har fått ny tid: { $weekday } { $date } kl. { $time }, { $place }. Svar JA om du kjem, eller NEI om du ikkje kan.

message-session-cancelled =
    .subject = Avlyst: { $course } { $weekday } { $date }
    .body = Hei { $first_name }! Samlinga i { $course } { $weekday } { $date } kl. { $time } er avlyst. Vi sjåast neste gong!

message-guardian-welcome =
    .subject = { $first_name } er meldt på { $course }
    .body = Hei { $guardian_name }! { $first_name } er meldt på { $course }. Første samling er { $weekday } { $date } kl. { $time }, { $place }. { $first_name } får ei påminning før kvar samling, og du får ein kopi av velkomsten og invitasjonane til oppfølgingssamlingar. Svar STOPP om du ikkje vil ha kopiane.

message-guardian-invitation =
    .subject = { $first_name } er invitert til ei oppfølgingssamling
    .body = Hei { $guardian_name }! { $first_name } er invitert til ei oppfølgingssamling i { $course } { $weekday } { $date } kl. { $time }, { $place }. Vi gler oss til å sjå { $first_name } igjen! Dette er ein kopi til deg som føresett. Svar STOPP om du ikkje vil ha kopiar.

message-guardian-reminder =
    .subject = Påminning: { $first_name } har samling { $weekday } { $date }
    .body = Hei { $guardian_name }! { $first_name } har samling i { $course } { $weekday } { $date } kl. { $time }, { $place }. Svar STOPP om du ikkje vil ha kopiar.

message-consent-request =
    .subject = Samtykke til påminningar til { $first_name }
    .body = Hei { $guardian_name }! Vi vil gjerne sende { $first_name } påminningar om { $course } på SMS eller e-post, og ber om samtykket ditt. Svar ja eller nei på denne lenkja: { $confirm_link } Lenkja er personleg og gjeld i 14 dagar. Helsing skulen og kursleiarane

message-sms-resumed =
    .subject = SMS om { $course } igjen
    .body = Takk! Du får SMS frå oss om { $course } igjen. Svar STOPP om du vil slutte.

consent-text = Når du gir samtykke, kan kursleiarane sende barnet ditt påminningar før kvar samling, invitasjonar til oppfølgingssamlingar og ei kort helsing etter ei samling barnet ikkje kom på. Meldingane blir sende på SMS, e-post eller begge delar, slik du vel. Dei inneheld aldri sensitive opplysningar, berre det nøytrale namnet på kurset, tid og stad. Du får sjølv ein kopi av velkomstmeldinga og invitasjonane til oppfølgingssamlingar. Du kan når som helst trekkje samtykket tilbake, og då stoppar meldingane. Frå fylte 18 år bestemmer deltakaren sjølv. Kommunen behandlar opplysningane etter personvernreglane.

weekday-name = { $day ->
        [1] måndag
        [2] tysdag
        [3] onsdag
        [4] torsdag
        [5] fredag
        [6] laurdag
       *[7] søndag
    }

# Day and month inside a sentence, without the year.
date-day-month = { $day }. { $month ->
        [1] januar
        [2] februar
        [3] mars
        [4] april
        [5] mai
        [6] juni
        [7] juli
        [8] august
        [9] september
        [10] oktober
        [11] november
       *[12] desember
    }

# Texts Samling sends by SMS and e-mail, per kind of message (`message-<kind>`, with a
# .subject for e-mail and a .body for both), the consent text, and the names of weekdays and
# months inside a sentence. Variables are those of the template editor. SMS bodies keep to
# GSM-7 in Latin-script languages other than Turkish (no «», curly quotes or dashes) and to
# 2 segments there, 3 in Arabic and Turkish, with typical values: tests hold them to it.

message-session-reminder =
    .subject = Påminnelse: { $course } { $weekday } { $date } kl. { $time }
    .body = Hei { $first_name }! Påminnelse: { $course } { $weekday } { $date } kl. { $time }, { $place }. Vi gleder oss til å se deg! Svar JA hvis du kommer, eller NEI hvis du ikke kan.

message-follow-up-invitation =
    .subject = Vi møtes igjen i { $course } { $weekday } { $date }
    .body = Hei { $first_name }! Lenge siden sist! Vi møtes igjen i { $course } { $weekday } { $date } kl. { $time }, { $place }. Vi håper du blir med! Si fra om du kommer: { $confirm_link } (eller svar JA/NEI)

message-absence-follow-up =
    .subject = Vi savnet deg i { $course }
    .body = Hei { $first_name }! Vi savnet deg på samlingen i { $course }. Håper alt er bra med deg! Vi gleder oss til å se deg neste gang. Bare send en melding hvis du lurer på noe.

message-leader-alert =
    .subject = Samling: fravær to ganger på rad
    .body = { $first_name } har vært borte to samlinger på rad i { $course }. Registrer hva som er gjort i Samling.

message-welcome =
    .subject = Velkommen til { $course }!
    .body = Hei { $first_name }, og velkommen til { $course }! Første samling er { $weekday } { $date } kl. { $time }, { $place }. Vi gleder oss til å bli kjent med deg! Svar STOPP hvis du ikke vil ha SMS fra oss.

message-magic-link =
    .subject = Din side i { $course }
    .body = Hei { $first_name }! Her er lenken til din side i { $course }, med timeplan og loggbok: { $confirm_link } Ikke del lenken med andre.

message-daily-digest =
    .subject = Samling: morgendagens samlinger
    .body = { $course }

message-session-changed =
    .subject = Ny tid: { $course } { $weekday } { $date } kl. { $time }
    .body = Hei { $first_name }! { $course } har fått ny tid: { $weekday } { $date } kl. { $time }, { $place }. Svar JA hvis du kommer, eller NEI hvis du ikke kan.

message-session-cancelled =
    .subject = Avlyst: { $course } { $weekday } { $date }
    .body = Hei { $first_name }! Samlingen i { $course } { $weekday } { $date } kl. { $time } er avlyst. Vi sees neste gang!

message-guardian-welcome =
    .subject = { $first_name } er meldt på { $course }
    .body = Hei { $guardian_name }! { $first_name } er meldt på { $course }. Første samling er { $weekday } { $date } kl. { $time }, { $place }. { $first_name } får en påminnelse før hver samling, og du får en kopi av velkomsten og invitasjonene til oppfølgingssamlinger. Svar STOPP hvis du ikke vil ha kopiene.

message-guardian-invitation =
    .subject = { $first_name } er invitert til en oppfølgingssamling
    .body = Hei { $guardian_name }! { $first_name } er invitert til en oppfølgingssamling i { $course } { $weekday } { $date } kl. { $time }, { $place }. Vi gleder oss til å se { $first_name } igjen! Dette er en kopi til deg som foresatt. Svar STOPP hvis du ikke vil ha kopier.

message-guardian-reminder =
    .subject = Påminnelse: { $first_name } har samling { $weekday } { $date }
    .body = Hei { $guardian_name }! { $first_name } har samling i { $course } { $weekday } { $date } kl. { $time }, { $place }. Svar STOPP hvis du ikke vil ha kopier.

message-consent-request =
    .subject = Samtykke til påminnelser til { $first_name }
    .body = Hei { $guardian_name }! Vi vil gjerne sende { $first_name } påminnelser om { $course } på SMS eller e-post, og ber om ditt samtykke. Svar ja eller nei på denne lenken: { $confirm_link } Lenken er personlig og gjelder i 14 dager. Hilsen skolen og kurslederne

message-sms-resumed =
    .subject = SMS om { $course } igjen
    .body = Takk! Du får SMS fra oss om { $course } igjen. Svar STOPP hvis du vil slutte.

message-staff-invitation =
    .subject = Velkommen til Samling – velg passord
    .body =
        Hei { $first_name }!

        Du har fått en konto i Samling. Velg ditt eget passord her (lenken virker i 7 dager og kan brukes én gang):
        { $confirm_link }

message-password-reset =
    .subject = Nytt passord i Samling
    .body =
        Hei { $first_name }!

        Noen ba om å sette nytt passord for kontoen din i Samling. Velg nytt passord her (lenken virker i 2 timer og kan brukes én gang):
        { $confirm_link }

        Har du ikke bedt om dette, kan du se bort fra e-posten; passordet ditt er uendret.

consent-text = Når du gir samtykke, kan kurslederne sende barnet ditt påminnelser før hver samling, invitasjoner til oppfølgingssamlinger og en kort hilsen etter en samling barnet ikke kom på. Meldingene sendes på SMS, e-post eller begge deler, slik du velger. De inneholder aldri sensitive opplysninger, bare kursets nøytrale navn, tid og sted. Du får selv en kopi av velkomstmeldingen og invitasjonene til oppfølgingssamlinger. Du kan når som helst trekke samtykket tilbake, og da stopper meldingene. Fra fylte 18 år bestemmer deltakeren selv. Kommunen behandler opplysningene etter personvernreglene.

weekday-name = { $day ->
        [1] mandag
        [2] tirsdag
        [3] onsdag
        [4] torsdag
        [5] fredag
        [6] lørdag
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

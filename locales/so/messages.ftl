# Texts Samling sends by SMS and e-mail, per kind of message (`message-<kind>`, with a
# .subject for e-mail and a .body for both), the consent text, and the names of weekdays and
# months inside a sentence. Variables are those of the template editor. SMS bodies keep to
# GSM-7 in Latin-script languages other than Turkish (no «», curly quotes or dashes) and to
# 2 segments there, 3 in Arabic and Turkish, with typical values: tests hold them to it.

message-session-reminder =
    .subject = Xusuusin: { $course } { $weekday } { $date } saacadda { $time }
    .body = Salaan { $first_name }! Xusuusin: { $course } maalinta { $weekday } { $date } saacadda { $time }, { $place }. Waan ku sugaynaa! Ku jawaab JA haddii aad imanayso, ama NEI haddii aadan iman karin.

message-follow-up-invitation =
    .subject = Mar kale ayaan isugu imanaynaa { $course }
    .body = Salaan { $first_name }! Mar kale ayaan isugu imanaynaa { $course } maalinta { $weekday } { $date } saacadda { $time }, { $place }. Waxaan rajaynaynaa inaad nala joogto! Noo sheeg haddii aad imanayso: { $confirm_link }

message-absence-follow-up =
    .subject = Waan ku xiisnay { $course }
    .body = Salaan { $first_name }! Waan ku xiisnay kulankii { $course }. Waxaan rajaynaynaa inaad fiican tahay! Waxaan sugaynaa inaan ku aragno marka xigta. Noo soo dir fariin haddii aad su'aal qabto.

message-welcome =
    .subject = Ku soo dhawoow { $course }!
    .body = Salaan { $first_name }, kuna soo dhawoow { $course }! Kulanka koowaad waa { $weekday } { $date } saacadda { $time }, { $place }. Waan ku faraxsanahay inaan ku barano! Ku jawaab STOPP haddii aadan rabin fariimo SMS ah.

message-magic-link =
    .subject = Boggaaga ee { $course }
    .body = Salaan { $first_name }! Waa kan linkiga boggaaga ee { $course }, oo ay ku jiraan jadwalkaaga iyo buug-qoraalkaaga: { $confirm_link } Linkiga ha la wadaagin qof kale.

message-session-changed =
    .subject = Waqti cusub: { $course } { $weekday } { $date } saacadda { $time }
    .body = Salaan { $first_name }! { $course } waqti cusub ayuu leeyahay: maalinta { $weekday } { $date } saacadda { $time }, { $place }. Ku jawaab JA haddii aad imanayso, ama NEI haddii aadan iman karin.

message-session-cancelled =
    .subject = Waa la joojiyay: { $course } { $weekday } { $date }
    .body = Salaan { $first_name }! Kulanka { $course } ee maalinta { $weekday } { $date } saacadda { $time } waa la joojiyay. Mar kale ayaan kula kulmi doonaa!

message-guardian-welcome =
    .subject = { $first_name } waxaa lagu diiwaangeliyey { $course }
    .body = Salaan { $guardian_name }! { $first_name } waxaa lagu diiwaangeliyey { $course }. Kulanka 1aad waa { $weekday } { $date } saacadda { $time }, { $place }. { $first_name } waxaa loo dirayaa xusuusin kulan kasta ka hor. Adiga waxaad helaysaa nuqul soo dhaweynta iyo martiqaadyada. Haddii aadan rabin nuqullo, ku jawaab STOPP.

message-guardian-invitation =
    .subject = { $first_name } waxaa loo casuumay kulan dabagal ah
    .body = Salaan { $guardian_name }! { $first_name } waxaa loo casuumay kulanka dabagalka ee { $course } maalinta { $weekday } { $date } saacadda { $time }, { $place }. Waxaan jeclaan lahayn inaan mar kale aragno { $first_name }! Tani waa nuqul loo diray waalidka. Ku jawaab STOPP haddii aadan rabin nuqullo.

message-guardian-reminder =
    .subject = Xusuusin: kulanka { $first_name } { $weekday } { $date }
    .body = Salaan { $guardian_name }! Kulanka { $course } ee { $first_name } waa maalinta { $weekday } { $date } saacadda { $time }, { $place }. Ku jawaab STOPP haddii aadan rabin nuqullo.

message-consent-request =
    .subject = Oggolaansho xusuusinta { $first_name }
    .body = Salaan { $guardian_name }! Ma oggoshahay inaan { $first_name } u dirno xusuusinta { $course } SMS ama iimayl ahaan? Ku jawaab haa ama maya linkigan: { $confirm_link } Linkigu waa kuu gaar, 14 maalmood ayuu shaqaynayaa. Dugsiga iyo hoggaamiyeyaasha koorsada

message-sms-resumed =
    .subject = SMS ku saabsan { $course } mar kale
    .body = Mahadsanid! Mar kale ayaad naga heli doontaa SMS ku saabsan { $course }. Ku jawaab STOPP haddii aad rabto inaad joojiso.

consent-text = Markaad oggolaato, hoggaamiyeyaasha koorsada waxay ilmahaaga u diri karaan xusuusin kulan kasta ka hor, martiqaadyo kulamada dabagalka, iyo fariin gaaban haddii uu kulan seego. Fariimaha waxaa lagu diraa SMS, iimayl ama labadaba, sida aad doorato. Fariimaha marnaba kuma jiraan wax xasaasi ah, waxaa ku jira oo keliya magaca dhexdhexaadka ah ee koorsada, waqtiga iyo goobta. Adiguna waxaad heli doontaa nuqul fariinta soo dhaweynta iyo martiqaadyada kulamada dabagalka. Waxaad ka noqon kartaa oggolaanshahaaga wakhti kasta, markaas fariimuhu way joogsanayaan. Laga bilaabo da'da 18 sano, ka qaybgaluhu isaga ayaa go'aanka leh. Dowladda hoose waxay xogta u maamushaa si waafaqsan xeerarka ilaalinta xogta shakhsiga ah.

weekday-name = { $day ->
        [1] Isniin
        [2] Talaado
        [3] Arbaco
        [4] Khamiis
        [5] Jimco
        [6] Sabti
       *[7] Axad
    }

# Day and month inside a sentence, without the year.
date-day-month = { $day } { $month ->
        [1] Janaayo
        [2] Febraayo
        [3] Maarso
        [4] Abriil
        [5] Maajo
        [6] Juun
        [7] Luuliyo
        [8] Ogost
        [9] Sebtembar
        [10] Oktoobar
        [11] Nofembar
       *[12] Desembar
    }

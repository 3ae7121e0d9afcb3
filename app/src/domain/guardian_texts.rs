//! The words for guardians of pupils under 18: the copies they get, the consent request and
//! its page, the consent text itself, and the confirmation after a START reply.
//!
//! Like the participants' texts, these name the course only by `{course}` (its neutral public
//! name) and say nothing sensitive. SMS bodies in bokmål, nynorsk, English and Somali keep to
//! GSM-7 (no «», curly quotes or dashes) and to 2 segments with typical values; Arabic and
//! Turkish ones (UCS-2) to 3 segments, consent link included. Replies are read by keyword in
//! Norwegian, so every language asks for STOPP as written.

use super::messages::MessageKind;
use super::people::Language;

/// Subject and body Samling ships for a message to a guardian (or the START confirmation),
/// per kind and language; None for kinds that are not guardian texts.
///
/// Besides the participants' variables, guardian texts may use `{guardian_name}` (the
/// guardian's full name); `{first_name}` is the pupil's. Only the consent request carries a
/// `{confirm_link}`. The START confirmation goes to whoever replied, so it names no one.
pub fn guardian_text(
    kind: MessageKind,
    language: Language,
) -> Option<(&'static str, &'static str)> {
    use Language::*;
    let text = match kind {
        // A copy to the guardian when their child is enrolled.
        MessageKind::GuardianWelcome => match language {
            Nb => (
                "{first_name} er meldt på {course}",
                "Hei {guardian_name}! {first_name} er meldt på {course}. Første samling er \
                 {weekday} {date} kl. {time}, {place}. {first_name} får en påminnelse før hver \
                 samling, og du får en kopi av velkomsten og invitasjonene til \
                 oppfølgingssamlinger. Svar STOPP hvis du ikke vil ha kopiene.",
            ),
            Nn => (
                "{first_name} er meldt på {course}",
                "Hei {guardian_name}! {first_name} er meldt på {course}. Første samling er \
                 {weekday} {date} kl. {time}, {place}. {first_name} får ei påminning før kvar \
                 samling, og du får ein kopi av velkomsten og invitasjonane til \
                 oppfølgingssamlingar. Svar STOPP om du ikkje vil ha kopiane.",
            ),
            En => (
                "{first_name} is signed up for {course}",
                "Hi {guardian_name}! {first_name} is signed up for {course}. The first session \
                 is on {weekday} {date} at {time}, {place}. {first_name} gets a reminder before \
                 each session, and you get a copy of the welcome and of the invitations to \
                 follow-up sessions. Reply STOPP if you don't want the copies.",
            ),
            Ar => (
                "تم تسجيل {first_name} في {course}",
                "مرحباً {guardian_name}! تم تسجيل {first_name} في {course}. أول لقاء {weekday} \
                 {date} الساعة {time}، {place}. سنذكّر {first_name} قبل كل لقاء، ولك نسخة من \
                 الترحيب والدعوات. لإيقافها أرسل STOPP.",
            ),
            So => (
                "{first_name} waxaa lagu diiwaangeliyey {course}",
                "Salaan {guardian_name}! {first_name} waxaa lagu diiwaangeliyey {course}. \
                 Kulanka 1aad waa {weekday} {date} saacadda {time}, {place}. {first_name} waxaa \
                 loo dirayaa xusuusin kulan kasta ka hor. Adiga waxaad helaysaa nuqul soo \
                 dhaweynta iyo martiqaadyada. Haddii aadan rabin nuqullo, ku jawaab STOPP.",
            ),
            Tr => (
                "{first_name}, {course} grubuna kaydedildi",
                "Merhaba {guardian_name}! {first_name}, {course} grubunda: ilk gün {date} \
                 {weekday} {time}, {place}. Her buluşma öncesi hatırlatma alır; davet kopyaları \
                 size gelir. İstemezseniz STOPP yazın.",
            ),
        },

        // A copy of the invitation to a follow-up session some weeks after the course.
        MessageKind::GuardianInvitation => match language {
            Nb => (
                "{first_name} er invitert til en oppfølgingssamling",
                "Hei {guardian_name}! {first_name} er invitert til en oppfølgingssamling i \
                 {course} {weekday} {date} kl. {time}, {place}. Vi gleder oss til å se \
                 {first_name} igjen! Dette er en kopi til deg som foresatt. Svar STOPP hvis du \
                 ikke vil ha kopier.",
            ),
            Nn => (
                "{first_name} er invitert til ei oppfølgingssamling",
                "Hei {guardian_name}! {first_name} er invitert til ei oppfølgingssamling i \
                 {course} {weekday} {date} kl. {time}, {place}. Vi gler oss til å sjå \
                 {first_name} igjen! Dette er ein kopi til deg som føresett. Svar STOPP om du \
                 ikkje vil ha kopiar.",
            ),
            En => (
                "{first_name} is invited to a follow-up session",
                "Hi {guardian_name}! {first_name} is invited to a follow-up session of {course} \
                 on {weekday} {date} at {time}, {place}. We look forward to seeing {first_name} \
                 again! This is a copy for you as a guardian. Reply STOPP if you don't want \
                 copies.",
            ),
            Ar => (
                "دعوة {first_name} إلى لقاء متابعة",
                "مرحباً {guardian_name}! ندعو {first_name} إلى لقاء متابعة في {course} يوم \
                 {weekday} {date} الساعة {time}، {place}. يسعدنا اللقاء من جديد! هذه نسخة لك، \
                 ولإيقاف النسخ أرسل STOPP.",
            ),
            So => (
                "{first_name} waxaa loo casuumay kulan dabagal ah",
                "Salaan {guardian_name}! {first_name} waxaa loo casuumay kulanka dabagalka ee \
                 {course} maalinta {weekday} {date} saacadda {time}, {place}. Waxaan \
                 jeclaan lahayn inaan mar kale aragno {first_name}! Tani waa nuqul loo diray waalidka. \
                 Ku jawaab STOPP haddii aadan rabin nuqullo.",
            ),
            Tr => (
                "{first_name} takip buluşmasına davetli",
                "Merhaba {guardian_name}! {first_name}, {course} takip buluşmasına davetli: \
                 {date} {weekday} saat {time}, {place}. Tekrar görüşmek dileğiyle! Kopya \
                 istemezseniz STOPP yazın.",
            ),
        },

        // A copy of a reminder before a session: short.
        MessageKind::GuardianReminder => match language {
            Nb => (
                "Påminnelse: {first_name} har samling {weekday} {date}",
                "Hei {guardian_name}! {first_name} har samling i {course} {weekday} {date} kl. \
                 {time}, {place}. Svar STOPP hvis du ikke vil ha kopier.",
            ),
            Nn => (
                "Påminning: {first_name} har samling {weekday} {date}",
                "Hei {guardian_name}! {first_name} har samling i {course} {weekday} {date} kl. \
                 {time}, {place}. Svar STOPP om du ikkje vil ha kopiar.",
            ),
            En => (
                "Reminder: {first_name} has a session on {weekday} {date}",
                "Hi {guardian_name}! {first_name} has a {course} session on {weekday} {date} at \
                 {time}, {place}. Reply STOPP if you don't want copies.",
            ),
            Ar => (
                "تذكير: لدى {first_name} لقاء يوم {weekday} {date}",
                "مرحباً {guardian_name}! لدى {first_name} لقاء في {course} يوم {weekday} {date} \
                 الساعة {time}، {place}. أرسل STOPP لإيقاف النسخ.",
            ),
            So => (
                "Xusuusin: kulanka {first_name} {weekday} {date}",
                "Salaan {guardian_name}! Kulanka {course} ee {first_name} waa maalinta {weekday} \
                 {date} saacadda {time}, {place}. Ku jawaab STOPP haddii aadan rabin nuqullo.",
            ),
            Tr => (
                "Hatırlatma: {course} buluşması {date} {weekday}",
                "Merhaba {guardian_name}! {first_name} için {course} buluşması {date} {weekday} \
                 saat {time}, {place}. Kopya istemezseniz STOPP yazın.",
            ),
        },

        // Asks the guardian of a pupil under 18 whether the pupil may get texts at all.
        MessageKind::ConsentRequest => match language {
            Nb => (
                "Samtykke til påminnelser til {first_name}",
                "Hei {guardian_name}! Vi vil gjerne sende {first_name} påminnelser om {course} \
                 på SMS eller e-post, og ber om ditt samtykke. Svar ja eller nei på denne \
                 lenken: {confirm_link} Lenken er personlig og gjelder i 14 dager. Hilsen skolen \
                 og kurslederne",
            ),
            Nn => (
                "Samtykke til påminningar til {first_name}",
                "Hei {guardian_name}! Vi vil gjerne sende {first_name} påminningar om {course} \
                 på SMS eller e-post, og ber om samtykket ditt. Svar ja eller nei på denne \
                 lenkja: {confirm_link} Lenkja er personleg og gjeld i 14 dagar. Helsing skulen \
                 og kursleiarane",
            ),
            En => (
                "Consent to reminders for {first_name}",
                "Hi {guardian_name}! We'd like to send {first_name} reminders about {course} by \
                 text or e-mail, and ask for your consent. Answer yes or no at this link: \
                 {confirm_link} The link is personal and valid for 14 days. From the school and \
                 the course leaders",
            ),
            Ar => (
                "الموافقة على تذكيرات {first_name}",
                "مرحباً {guardian_name}! هل توافق على أن ترسل المدرسة تذكيرات {course} إلى \
                 {first_name} بالرسائل أو البريد؟ رابطك الشخصي (صالح 14 يوماً): {confirm_link}",
            ),
            So => (
                "Oggolaansho xusuusinta {first_name}",
                "Salaan {guardian_name}! Ma oggoshahay inaan {first_name} u dirno xusuusinta \
                 {course} SMS ama iimayl ahaan? Ku jawaab haa ama maya linkigan: {confirm_link} \
                 Linkigu waa kuu gaar, 14 maalmood ayuu shaqaynayaa. Dugsiga iyo \
                 hoggaamiyeyaasha koorsada",
            ),
            Tr => (
                "{first_name} için hatırlatma onayı",
                "Merhaba {guardian_name}! {first_name} için {course} hatırlatmalarına \
                 (SMS/e-posta) onay verir misiniz? Kişisel bağlantı (14 gün): {confirm_link} \
                 Okul",
            ),
        },

        // After a START reply: texts go out again. Whoever replied gets it, so no names.
        MessageKind::SmsResumed => match language {
            Nb => (
                "SMS om {course} igjen",
                "Takk! Du får SMS fra oss om {course} igjen. Svar STOPP hvis du vil slutte.",
            ),
            Nn => (
                "SMS om {course} igjen",
                "Takk! Du får SMS frå oss om {course} igjen. Svar STOPP om du vil slutte.",
            ),
            En => (
                "Texts about {course} again",
                "Thank you! You will get texts from us about {course} again. Reply STOPP if you \
                 want to stop.",
            ),
            Ar => (
                "رسائل {course} من جديد",
                "شكراً! ستصلك رسائلنا عن {course} من جديد. أرسل STOPP إذا أردت التوقف.",
            ),
            So => (
                "SMS ku saabsan {course} mar kale",
                "Mahadsanid! Mar kale ayaad naga heli doontaa SMS ku saabsan {course}. Ku jawaab \
                 STOPP haddii aad rabto inaad joojiso.",
            ),
            Tr => (
                "{course} SMS'leri yeniden",
                "Teşekkürler! {course} ile ilgili SMS'lerimizi yeniden alacaksınız. Durdurmak \
                 için STOPP yazın.",
            ),
        },

        _ => return None,
    };
    Some(text)
}

/// The consent text (version 1) guardians are shown, per language.
///
/// It names no one and no course, so that the same words are what every guardian agreed to.
pub fn default_consent_text(language: Language) -> &'static str {
    match language {
        Language::Nb => {
            "Når du gir samtykke, kan kurslederne sende barnet ditt påminnelser før hver \
             samling, invitasjoner til oppfølgingssamlinger og en kort hilsen etter en samling \
             barnet ikke kom på. Meldingene sendes på SMS, e-post eller begge deler, slik du \
             velger. De inneholder aldri sensitive opplysninger, bare kursets nøytrale navn, tid \
             og sted. Du får selv en kopi av velkomstmeldingen og invitasjonene til \
             oppfølgingssamlinger. Du kan når som helst trekke samtykket tilbake, og da stopper \
             meldingene. Fra fylte 18 år bestemmer deltakeren selv. Kommunen behandler \
             opplysningene etter personvernreglene."
        }
        Language::Nn => {
            "Når du gir samtykke, kan kursleiarane sende barnet ditt påminningar før kvar \
             samling, invitasjonar til oppfølgingssamlingar og ei kort helsing etter ei samling \
             barnet ikkje kom på. Meldingane blir sende på SMS, e-post eller begge delar, slik \
             du vel. Dei inneheld aldri sensitive opplysningar, berre det nøytrale namnet på \
             kurset, tid og stad. Du får sjølv ein kopi av velkomstmeldinga og invitasjonane \
             til oppfølgingssamlingar. Du kan når som helst trekkje samtykket tilbake, og då \
             stoppar meldingane. Frå fylte 18 år bestemmer deltakaren sjølv. Kommunen \
             behandlar opplysningane etter personvernreglane."
        }
        Language::En => {
            "By giving consent, you allow the course leaders to send your child reminders \
             before each session, invitations to follow-up sessions and a short note after a \
             session your child missed. The messages are sent by text message, e-mail or both, \
             as you choose. They never contain anything sensitive, only the course's neutral \
             name, the time and the place. You will get a copy of the welcome message and of \
             the invitations to follow-up sessions. You can withdraw your consent at any time, \
             and the messages will then stop. From the age of 18, the participant decides \
             alone. The municipality handles the information in line with data protection \
             rules."
        }
        Language::Ar => {
            "بموافقتك، يمكن لمسؤولي الدورة أن يرسلوا إلى ابنك أو ابنتك تذكيراً قبل كل لقاء، \
             ودعوات إلى لقاءات المتابعة، ورسالة قصيرة بعد لقاء لم يحضره. تُرسل الرسائل عبر \
             الرسائل النصية (SMS) أو البريد الإلكتروني أو كليهما، حسب اختيارك. لا تحتوي \
             الرسائل أبداً على أي معلومات حساسة، بل فقط الاسم المحايد للدورة والوقت والمكان. \
             ستصلك نسخة من رسالة الترحيب ومن الدعوات إلى لقاءات المتابعة. يمكنك سحب موافقتك \
             في أي وقت، وعندها تتوقف الرسائل. ابتداءً من سن 18 عاماً يقرر المشارك بنفسه. \
             تعالج البلدية البيانات وفقاً لقواعد حماية البيانات الشخصية."
        }
        Language::So => {
            "Markaad oggolaato, hoggaamiyeyaasha koorsada waxay ilmahaaga u diri karaan \
             xusuusin kulan kasta ka hor, martiqaadyo kulamada dabagalka, iyo fariin gaaban \
             haddii uu kulan seego. Fariimaha waxaa lagu diraa SMS, iimayl ama labadaba, sida \
             aad doorato. Fariimaha marnaba kuma jiraan wax xasaasi ah, waxaa ku jira oo keliya \
             magaca dhexdhexaadka ah ee koorsada, waqtiga iyo goobta. Adiguna waxaad heli \
             doontaa nuqul fariinta soo dhaweynta iyo martiqaadyada kulamada dabagalka. Waxaad \
             ka noqon kartaa oggolaanshahaaga wakhti kasta, markaas fariimuhu way joogsanayaan. \
             Laga bilaabo da'da 18 sano, ka qaybgaluhu isaga ayaa go'aanka leh. Dowladda hoose \
             waxay xogta u maamushaa si waafaqsan xeerarka ilaalinta xogta shakhsiga ah."
        }
        Language::Tr => {
            "Onay verdiğinizde kurs sorumluları çocuğunuza her buluşmadan önce hatırlatma, \
             takip buluşmalarına davet ve katılamadığı bir buluşmadan sonra kısa bir mesaj \
             gönderebilir. Mesajlar seçiminize göre SMS, e-posta ya da her ikisiyle gönderilir. \
             Mesajlarda hiçbir zaman hassas bilgi yer almaz; yalnızca kursun tarafsız adı, saati \
             ve yeri yazılır. Hoş geldin mesajının ve takip buluşması davetlerinin bir kopyası \
             size de gönderilir. Onayınızı istediğiniz zaman geri çekebilirsiniz; o zaman \
             mesajlar durur. Katılımcı 18 yaşından itibaren kendisi karar verir. Belediye, \
             bilgileri kişisel verilerin korunması kurallarına uygun olarak işler."
        }
    }
}

/// The words of the guardian's consent page (/consent/{token}), per language.
///
/// `{first_name}` (the pupil's), `{course}`, `{dates}` and `{leader}` are replaced by plain
/// string replacement, and only in the fields whose bokmål words use them.
#[derive(Debug, PartialEq, Eq)]
pub struct ConsentPageTexts {
    pub title: &'static str,
    /// Who, which course and when, and why the guardian is asked.
    pub intro: &'static str,
    pub consent_text_heading: &'static str,
    pub channels_legend: &'static str,
    pub channel_sms: &'static str,
    pub channel_email: &'static str,
    pub your_name: &'static str,
    pub relation: &'static str,
    pub relation_mother: &'static str,
    pub relation_father: &'static str,
    /// A legal guardian (verge).
    pub relation_guardian: &'static str,
    pub relation_other_guardian: &'static str,
    pub give: &'static str,
    pub decline: &'static str,
    pub decline_help: &'static str,
    pub copies_note: &'static str,
    pub withdraw_note: &'static str,
    pub thanks_given: &'static str,
    pub thanks_refused: &'static str,
    /// The link was used already or has expired.
    pub link_used: &'static str,
    pub name_required: &'static str,
    pub channel_required: &'static str,
    /// The pupil turned 18 before the guardian answered.
    pub pupil_under_age_ended: &'static str,
    pub language_label: &'static str,
}

/// The words of the consent page in a language.
pub fn consent_page_texts(language: Language) -> &'static ConsentPageTexts {
    match language {
        Language::Nb => &PAGE_NB,
        Language::Nn => &PAGE_NN,
        Language::En => &PAGE_EN,
        Language::Ar => &PAGE_AR,
        Language::So => &PAGE_SO,
        Language::Tr => &PAGE_TR,
    }
}

static PAGE_NB: ConsentPageTexts = ConsentPageTexts {
    title: "Samtykke til påminnelser",
    intro: "{first_name} er meldt på {course} ({dates}). Vi sender påminnelser før hver \
            samling på SMS eller e-post. Fordi {first_name} er under 18 år, spør vi deg som \
            foresatt om samtykke.",
    consent_text_heading: "Samtykketeksten",
    channels_legend: "Hva sier du ja til?",
    channel_sms: "SMS til {first_name}",
    channel_email: "E-post til {first_name}",
    your_name: "Ditt fulle navn",
    relation: "Din relasjon til {first_name}",
    relation_mother: "Mor",
    relation_father: "Far",
    relation_guardian: "Verge",
    relation_other_guardian: "Annen foresatt",
    give: "Jeg gir samtykke",
    decline: "Jeg gir ikke samtykke",
    decline_help: "Da sender vi ingen meldinger til {first_name}. {first_name} kan fortsatt \
                   være med på kurset.",
    copies_note: "Som foresatt får du en kopi av velkomstmeldingen og invitasjonene til \
                  oppfølgingssamlinger.",
    withdraw_note: "Du kan trekke samtykket tilbake når som helst ved å kontakte kursleder \
                    {leader} eller skolen.",
    thanks_given: "Takk! Samtykket er registrert.",
    thanks_refused: "Takk for svaret. Vi sender ingen meldinger til {first_name}.",
    link_used: "Denne lenken er brukt eller har gått ut. Ta kontakt med skolen hvis du vil \
                endre svaret.",
    name_required: "Skriv det fulle navnet ditt.",
    channel_required: "Velg minst én kanal, eller trykk «Jeg gir ikke samtykke».",
    pupil_under_age_ended: "{first_name} har fylt 18 år og bestemmer selv. Du trenger ikke å \
                            gjøre noe.",
    language_label: "Språk",
};

static PAGE_NN: ConsentPageTexts = ConsentPageTexts {
    title: "Samtykke til påminningar",
    intro: "{first_name} er meldt på {course} ({dates}). Vi sender påminningar før kvar \
            samling på SMS eller e-post. Fordi {first_name} er under 18 år, spør vi deg som \
            føresett om samtykke.",
    consent_text_heading: "Samtykketeksten",
    channels_legend: "Kva seier du ja til?",
    channel_sms: "SMS til {first_name}",
    channel_email: "E-post til {first_name}",
    your_name: "Det fulle namnet ditt",
    relation: "Relasjonen din til {first_name}",
    relation_mother: "Mor",
    relation_father: "Far",
    relation_guardian: "Verje",
    relation_other_guardian: "Annan føresett",
    give: "Eg gir samtykke",
    decline: "Eg gir ikkje samtykke",
    decline_help: "Då sender vi ingen meldingar til {first_name}. {first_name} kan framleis \
                   vere med på kurset.",
    copies_note: "Som føresett får du ein kopi av velkomstmeldinga og invitasjonane til \
                  oppfølgingssamlingar.",
    withdraw_note: "Du kan trekkje samtykket tilbake når som helst ved å kontakte kursleiar \
                    {leader} eller skulen.",
    thanks_given: "Takk! Samtykket er registrert.",
    thanks_refused: "Takk for svaret. Vi sender ingen meldingar til {first_name}.",
    link_used: "Denne lenkja er brukt eller har gått ut. Ta kontakt med skulen om du vil endre \
                svaret.",
    name_required: "Skriv det fulle namnet ditt.",
    channel_required: "Vel minst éin kanal, eller trykk «Eg gir ikkje samtykke».",
    pupil_under_age_ended: "{first_name} har fylt 18 år og bestemmer sjølv. Du treng ikkje \
                            gjere noko.",
    language_label: "Språk",
};

static PAGE_EN: ConsentPageTexts = ConsentPageTexts {
    title: "Consent to reminders",
    intro: "{first_name} is signed up for {course} ({dates}). We send reminders before each \
            session by text message or e-mail. Because {first_name} is under 18, we ask you as \
            a parent or guardian for consent.",
    consent_text_heading: "The consent text",
    channels_legend: "What are you saying yes to?",
    channel_sms: "Text messages (SMS) to {first_name}",
    channel_email: "E-mails to {first_name}",
    your_name: "Your full name",
    relation: "Your relationship to {first_name}",
    relation_mother: "Mother",
    relation_father: "Father",
    relation_guardian: "Legal guardian",
    relation_other_guardian: "Other guardian",
    give: "I give consent",
    decline: "I do not give consent",
    decline_help: "Then we will not send any messages to {first_name}. {first_name} can still \
                   take part in the course.",
    copies_note: "As a parent or guardian, you get a copy of the welcome message and of the \
                  invitations to follow-up sessions.",
    withdraw_note: "You can withdraw your consent at any time by contacting the course leader, \
                    {leader}, or the school.",
    thanks_given: "Thank you! Your consent has been recorded.",
    thanks_refused: "Thank you for your answer. We will not send any messages to {first_name}.",
    link_used: "This link has already been used or has expired. Please contact the school if \
                you want to change your answer.",
    name_required: "Please write your full name.",
    channel_required: "Choose at least one channel, or press “I do not give consent”.",
    pupil_under_age_ended: "{first_name} has turned 18 and decides for themselves. You do not \
                            need to do anything.",
    language_label: "Language",
};

static PAGE_AR: ConsentPageTexts = ConsentPageTexts {
    title: "الموافقة على التذكيرات",
    intro: "تم تسجيل {first_name} في {course} ({dates}). نرسل تذكيراً قبل كل لقاء عبر الرسائل \
            النصية (SMS) أو البريد الإلكتروني. ولأن عمر {first_name} أقل من 18 عاماً، نطلب \
            موافقتك بصفتك وليّ الأمر.",
    consent_text_heading: "نص الموافقة",
    channels_legend: "على ماذا توافق؟",
    channel_sms: "رسائل نصية (SMS) إلى {first_name}",
    channel_email: "بريد إلكتروني إلى {first_name}",
    your_name: "اسمك الكامل",
    relation: "صفتك بالنسبة إلى {first_name}",
    relation_mother: "الأم",
    relation_father: "الأب",
    relation_guardian: "الوصي القانوني",
    relation_other_guardian: "وليّ أمر آخر",
    give: "أوافق",
    decline: "لا أوافق",
    decline_help: "في هذه الحالة لن نرسل أي رسائل إلى {first_name}. ويظل بإمكان {first_name} \
                   المشاركة في الدورة.",
    copies_note: "بصفتك وليّ الأمر، ستصلك نسخة من رسالة الترحيب ومن الدعوات إلى لقاءات \
                  المتابعة.",
    withdraw_note: "يمكنك سحب موافقتك في أي وقت بالتواصل مع مسؤول الدورة {leader} أو مع \
                    المدرسة.",
    thanks_given: "شكراً! تم تسجيل موافقتك.",
    thanks_refused: "شكراً على ردك. لن نرسل أي رسائل إلى {first_name}.",
    link_used: "هذا الرابط استُخدم من قبل أو انتهت صلاحيته. تواصل مع المدرسة إذا أردت تغيير \
                ردك.",
    name_required: "اكتب اسمك الكامل.",
    channel_required: "اختر وسيلة واحدة على الأقل، أو اضغط «لا أوافق».",
    pupil_under_age_ended: "أصبح عمر {first_name} 18 عاماً، والقرار الآن يعود إلى \
                            {first_name}. لا يلزمك فعل أي شيء.",
    language_label: "اللغة",
};

static PAGE_SO: ConsentPageTexts = ConsentPageTexts {
    title: "Oggolaanshaha xusuusinta",
    intro: "{first_name} waxaa lagu diiwaangeliyey {course} ({dates}). Kulan kasta ka hor \
            waxaan dirnaa xusuusin SMS ama iimayl ah. Maadaama {first_name} ka yar yahay 18 \
            sano, waxaan adiga oo waalid ah kaa codsanaynaa oggolaansho.",
    consent_text_heading: "Qoraalka oggolaanshaha",
    channels_legend: "Maxaad u oggolaanaysaa?",
    channel_sms: "SMS loo diro {first_name}",
    channel_email: "Iimayl loo diro {first_name}",
    your_name: "Magacaaga oo buuxa",
    relation: "Xiriirka aad la leedahay {first_name}",
    relation_mother: "Hooyo",
    relation_father: "Aabbe",
    relation_guardian: "Mas'uul sharci ah",
    relation_other_guardian: "Waalid kale",
    give: "Waan oggolahay",
    decline: "Ma oggoli",
    decline_help: "Markaas wax fariimo ah uma dirno {first_name}. {first_name} weli waa lagu \
                   soo dhaweynayaa koorsada.",
    copies_note: "Adiga oo waalid ah, waxaad heli doontaa nuqul fariinta soo dhaweynta iyo \
                  martiqaadyada kulamada dabagalka.",
    withdraw_note: "Waxaad ka noqon kartaa oggolaanshaha wakhti kasta adiga oo la xiriiraya \
                    hoggaamiyaha koorsada {leader} ama dugsiga.",
    thanks_given: "Mahadsanid! Oggolaanshaha waa la diiwaangeliyey.",
    thanks_refused: "Mahadsanid jawaabtaada. Wax fariimo ah uma diri doonno {first_name}.",
    link_used: "Linkigan waa la isticmaalay ama waqtigiisii wuu dhammaaday. La xiriir dugsiga \
                haddii aad rabto inaad beddesho jawaabtaada.",
    name_required: "Qor magacaaga oo buuxa.",
    channel_required: "Dooro ugu yaraan hal hab, ama riix “Ma oggoli”.",
    pupil_under_age_ended: "{first_name} hadda waa 18 jir, go'aankuna waa u gaar. Waxba uma \
                            baahnid inaad samayso.",
    language_label: "Luqadda",
};

static PAGE_TR: ConsentPageTexts = ConsentPageTexts {
    title: "Hatırlatmalar için onay",
    intro: "{first_name}, {course} grubuna kaydedildi ({dates}). Her buluşmadan önce SMS veya \
            e-postayla hatırlatma gönderiyoruz. {first_name} 18 yaşından küçük olduğu için \
            veli olarak sizden onay istiyoruz.",
    consent_text_heading: "Onay metni",
    channels_legend: "Neye onay veriyorsunuz?",
    channel_sms: "{first_name} için SMS",
    channel_email: "{first_name} için e-posta",
    your_name: "Adınız ve soyadınız",
    relation: "{first_name} ile yakınlığınız",
    relation_mother: "Anne",
    relation_father: "Baba",
    relation_guardian: "Yasal vasi",
    relation_other_guardian: "Diğer veli",
    give: "Onay veriyorum",
    decline: "Onay vermiyorum",
    decline_help: "O zaman {first_name} bizden hiç mesaj almaz. {first_name} yine de kursa \
                   katılabilir.",
    copies_note: "Veli olarak hoş geldin mesajının ve takip buluşması davetlerinin bir \
                  kopyasını siz de alırsınız.",
    withdraw_note: "Onayınızı istediğiniz zaman kurs sorumlusu {leader} ile ya da okulla \
                    iletişime geçerek geri çekebilirsiniz.",
    thanks_given: "Teşekkürler! Onayınız kaydedildi.",
    thanks_refused: "Yanıtınız için teşekkürler. {first_name} bizden mesaj almayacak.",
    link_used: "Bu bağlantı kullanılmış ya da süresi dolmuş. Yanıtınızı değiştirmek \
                isterseniz okulla iletişime geçin.",
    name_required: "Adınızı ve soyadınızı yazın.",
    channel_required: "En az bir kanal seçin ya da “Onay vermiyorum” düğmesine basın.",
    pupil_under_age_ended: "{first_name} 18 yaşını doldurdu ve artık kendisi karar veriyor. \
                            Sizin bir şey yapmanıza gerek yok.",
    language_label: "Dil",
};

#[cfg(test)]
mod tests {
    use super::*;

    /// The kinds this module writes.
    const KINDS: [MessageKind; 5] = [
        MessageKind::GuardianWelcome,
        MessageKind::GuardianInvitation,
        MessageKind::GuardianReminder,
        MessageKind::ConsentRequest,
        MessageKind::SmsResumed,
    ];

    /// Whether a text goes as GSM-7 (by the SMS counter the template editor uses).
    fn is_gsm7(text: &str) -> bool {
        crate::domain::sms_text::count(text).encoding == crate::domain::sms_text::SmsEncoding::Gsm7
    }

    /// The names inside `{…}` in a text, in order.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut names = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let close = after.find('}').expect("every { is closed");
            names.push(&after[..close]);
            rest = &after[close + 1..];
        }
        names
    }

    fn sorted_unique(mut names: Vec<&str>) -> Vec<&str> {
        names.sort_unstable();
        names.dedup();
        names
    }

    /// A text rendered with typical values, the day and date written as in `days_in`.
    fn rendered(text: &str, days_in: Language) -> String {
        let (weekday, date) = match days_in {
            Language::Nb => ("tirsdag", "2. mars"),
            Language::Nn => ("tysdag", "2. mars"),
            Language::En => ("Tuesday", "2 March"),
            Language::Ar => ("الثلاثاء", "2 مارس"),
            Language::So => ("Talaado", "2 Maarso"),
            Language::Tr => ("Salı", "2 Mart"),
        };
        text.replace("{guardian_name}", "Faadumo Hassan")
            .replace("{first_name}", "Amina")
            .replace("{course}", "Klart jeg kan")
            .replace("{weekday}", weekday)
            .replace("{date}", date)
            .replace("{time}", "12:00")
            .replace("{place}", "Ungdomshuset, Storgata 1")
            .replace("{leader}", "Kari Nilsen")
            .replace(
                "{confirm_link}",
                "https://samling.example.no/consent/0123456789abcdef0123456789abcdef",
            )
    }

    fn page_fields(t: &ConsentPageTexts) -> [(&'static str, &'static str); 24] {
        [
            ("title", t.title),
            ("intro", t.intro),
            ("consent_text_heading", t.consent_text_heading),
            ("channels_legend", t.channels_legend),
            ("channel_sms", t.channel_sms),
            ("channel_email", t.channel_email),
            ("your_name", t.your_name),
            ("relation", t.relation),
            ("relation_mother", t.relation_mother),
            ("relation_father", t.relation_father),
            ("relation_guardian", t.relation_guardian),
            ("relation_other_guardian", t.relation_other_guardian),
            ("give", t.give),
            ("decline", t.decline),
            ("decline_help", t.decline_help),
            ("copies_note", t.copies_note),
            ("withdraw_note", t.withdraw_note),
            ("thanks_given", t.thanks_given),
            ("thanks_refused", t.thanks_refused),
            ("link_used", t.link_used),
            ("name_required", t.name_required),
            ("channel_required", t.channel_required),
            ("pupil_under_age_ended", t.pupil_under_age_ended),
            ("language_label", t.language_label),
        ]
    }

    #[test]
    fn every_kind_has_a_text_in_every_language() {
        for kind in KINDS {
            for language in Language::ALL {
                let (subject, body) = guardian_text(kind, *language)
                    .unwrap_or_else(|| panic!("{kind:?} {language:?} missing"));
                assert!(!subject.trim().is_empty(), "{kind:?} {language:?} subject");
                assert!(!body.trim().is_empty(), "{kind:?} {language:?} body");
                if *language != Language::Nb {
                    let nb = guardian_text(kind, Language::Nb).expect("bokmål");
                    assert_ne!(body, nb.1, "{kind:?} {language:?} is not translated");
                }
            }
        }
    }

    #[test]
    fn other_kinds_are_not_guardian_texts() {
        for kind in [MessageKind::SessionReminder, MessageKind::Welcome] {
            assert_eq!(guardian_text(kind, Language::Nb), None, "{kind:?}");
        }
    }

    #[test]
    fn texts_use_known_variables_and_the_same_ones_in_every_language() {
        for kind in KINDS {
            let nb_body = guardian_text(kind, Language::Nb).expect("bokmål").1;
            let expected = sorted_unique(placeholders(nb_body));
            for language in Language::ALL {
                let (subject, body) = guardian_text(kind, *language).expect("present");
                for name in placeholders(subject).into_iter().chain(placeholders(body)) {
                    assert!(
                        crate::domain::message_templates::VARIABLES
                            .iter()
                            .any(|v| v.name == name),
                        "{kind:?} {language:?}: {{{name}}}"
                    );
                }
                assert_eq!(
                    sorted_unique(placeholders(body)),
                    expected,
                    "{kind:?} {language:?}"
                );
            }
        }
    }

    #[test]
    fn only_the_consent_request_carries_a_link() {
        for kind in KINDS {
            for language in Language::ALL {
                let (subject, body) = guardian_text(kind, *language).expect("present");
                assert!(!subject.contains("{confirm_link}"), "{kind:?} {language:?}");
                assert_eq!(
                    body.contains("{confirm_link}"),
                    kind == MessageKind::ConsentRequest,
                    "{kind:?} {language:?}"
                );
            }
        }
    }

    #[test]
    fn the_start_confirmation_names_no_one() {
        for language in Language::ALL {
            let (subject, body) =
                guardian_text(MessageKind::SmsResumed, *language).expect("present");
            for text in [subject, body] {
                assert!(!text.contains("{first_name}"), "{language:?}");
                assert!(!text.contains("{guardian_name}"), "{language:?}");
            }
        }
    }

    #[test]
    fn sms_bodies_keep_to_gsm7_outside_arabic_and_turkish() {
        for kind in KINDS {
            for language in [Language::Nb, Language::Nn, Language::En, Language::So] {
                let body = guardian_text(kind, language).expect("present").1;
                assert!(is_gsm7(body), "{kind:?} {language:?}: {body}");
                assert!(is_gsm7(&rendered(body, language)), "{kind:?} {language:?}");
            }
        }
        assert!(is_gsm7("Hei Åse, {æøå} [x] ~ | € ^"));
        assert!(!is_gsm7("«sitat»"));
        assert!(!is_gsm7("a – b"));
        assert!(!is_gsm7("it’s"));
        assert!(!is_gsm7("Salı"));
    }

    #[test]
    fn sms_bodies_stay_short_with_typical_values() {
        for kind in KINDS {
            for language in Language::ALL {
                let body = guardian_text(kind, *language).expect("present").1;
                // The day and date in the language's own words, and as bokmål writes them
                // (as the message templates' own check does).
                for days_in in [*language, Language::Nb] {
                    let text = rendered(body, days_in);
                    // 2 GSM-7 segments (153 septets each; these texts use no extension
                    // characters) or 3 UCS-2 ones (67 code units each).
                    let (units, budget) = match language {
                        Language::Ar | Language::Tr => (text.encode_utf16().count(), 3 * 67),
                        _ => (text.chars().count(), 2 * 153),
                    };
                    assert!(units <= budget, "{kind:?} {language:?}: {units} > {budget}");
                }
            }
        }
    }

    #[test]
    fn sms_replies_are_asked_for_in_norwegian() {
        for kind in KINDS
            .into_iter()
            .filter(|k| *k != MessageKind::ConsentRequest)
        {
            for language in Language::ALL {
                let body = guardian_text(kind, *language).expect("present").1;
                assert!(body.contains("STOPP"), "{kind:?} {language:?}");
            }
        }
    }

    #[test]
    fn texts_say_nothing_sensitive() {
        let words = [
            "nav",
            "rus",
            "fravær",
            "fråvær",
            "frafall",
            "problem",
            "problemer",
            "absence",
            "absent",
            "dropout",
        ];
        let mut texts: Vec<(String, &str)> = Vec::new();
        for language in Language::ALL {
            for kind in KINDS {
                let (subject, body) = guardian_text(kind, *language).expect("present");
                texts.push((format!("{kind:?} {language:?}"), subject));
                texts.push((format!("{kind:?} {language:?}"), body));
            }
            texts.push((
                format!("consent {language:?}"),
                default_consent_text(*language),
            ));
            for (field, text) in page_fields(consent_page_texts(*language)) {
                texts.push((format!("{field} {language:?}"), text));
            }
        }
        for (what, text) in texts {
            let lower = text.to_lowercase();
            for word in lower.split(|c: char| !c.is_alphanumeric()) {
                assert!(!words.contains(&word), "{what}: {word}");
            }
        }
    }

    #[test]
    fn consent_text_is_written_in_every_language_and_names_no_one() {
        for language in Language::ALL {
            let text = default_consent_text(*language);
            assert!(!text.trim().is_empty(), "{language:?}");
            assert!(!text.contains(['{', '}']), "{language:?}");
            assert!(text.contains("18"), "{language:?}");
            if *language != Language::Nb {
                assert_ne!(text, default_consent_text(Language::Nb), "{language:?}");
            }
        }
    }

    #[test]
    fn every_consent_page_text_is_written() {
        for language in Language::ALL {
            for (field, text) in page_fields(consent_page_texts(*language)) {
                assert!(!text.trim().is_empty(), "{field} {language:?}");
            }
        }
    }

    #[test]
    fn consent_page_placeholders_match_bokmal() {
        let allowed = ["first_name", "course", "dates", "leader"];
        let nb = page_fields(consent_page_texts(Language::Nb));
        for language in Language::ALL {
            let fields = page_fields(consent_page_texts(*language));
            for ((field, text), (_, nb_text)) in fields.into_iter().zip(nb) {
                let names = sorted_unique(placeholders(text));
                for name in &names {
                    assert!(allowed.contains(name), "{field} {language:?}: {{{name}}}");
                }
                assert_eq!(
                    names,
                    sorted_unique(placeholders(nb_text)),
                    "{field} {language:?}"
                );
            }
        }
        assert_eq!(
            placeholders(PAGE_NB.intro),
            ["first_name", "course", "dates", "first_name"]
        );
        assert_eq!(placeholders(PAGE_NB.withdraw_note), ["leader"]);
    }

    #[test]
    fn each_language_has_its_own_page() {
        assert_eq!(
            consent_page_texts(Language::Nb).title,
            "Samtykke til påminnelser"
        );
        for language in Language::ALL.iter().filter(|l| **l != Language::Nb) {
            assert_ne!(
                consent_page_texts(*language).intro,
                PAGE_NB.intro,
                "{language:?}"
            );
        }
    }
}

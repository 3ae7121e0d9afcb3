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

mod page;
#[cfg(test)]
mod tests;

pub use page::{consent_page_texts, ConsentPageTexts};

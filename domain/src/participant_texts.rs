//! The texts Samling ships for messages to participants and staff, per kind and language
//! (texts to guardians are in `guardian_texts`); `message_templates` renders and checks them.

use super::messages::MessageKind;
use super::people::Language;

/// Subject and body of each shipped text.
///
/// SMS bodies stay within 2 segments in GSM-7 languages and 3 in UCS-2 ones (Arabic,
/// Turkish) with typical values; a test holds them to it. They avoid characters outside
/// GSM-7 in the Latin-script languages other than Turkish (no «», curly quotes or dashes),
/// because a single one would switch the whole SMS to UCS-2.
/// Replies are read by keyword in Norwegian or English (see `replies`), so the texts in
/// other languages ask for JA / NEI / STOPP as written.
pub(super) fn default_text(kind: MessageKind, language: Language) -> (&'static str, &'static str) {
    use Language::*;
    use MessageKind::*;
    match (kind, language) {
        // Reminder before a session.
        (SessionReminder, Nb) => (
            "Påminnelse: {course} {weekday} {date} kl. {time}",
            "Hei {first_name}! Påminnelse: {course} {weekday} {date} kl. {time}, {place}. \
             Vi gleder oss til å se deg! Svar JA hvis du kommer, eller NEI hvis du ikke kan.",
        ),
        (SessionReminder, Nn) => (
            "Påminning: {course} {weekday} {date} kl. {time}",
            "Hei {first_name}! Påminning: {course} {weekday} {date} kl. {time}, {place}. \
             Vi gler oss til å sjå deg! Svar JA om du kjem, eller NEI om du ikkje kan.",
        ),
        (SessionReminder, En) => (
            "Reminder: {course} on {weekday} {date} at {time}",
            "Hi {first_name}! Reminder: {course} on {weekday} {date} at {time}, {place}. \
             We look forward to seeing you! Reply YES if you are coming, or NO if you can't.",
        ),
        (SessionReminder, Ar) => (
            "تذكير: {course} يوم {weekday} {date} الساعة {time}",
            "مرحباً {first_name}! تذكير: {course} يوم {weekday} {date} الساعة {time}، {place}. \
             نتطلع لرؤيتك! أرسل JA إذا كنت ستحضر، أو NEI إذا لم تستطع الحضور.",
        ),
        (SessionReminder, So) => (
            "Xusuusin: {course} {weekday} {date} saacadda {time}",
            "Salaan {first_name}! Xusuusin: {course} maalinta {weekday} {date} saacadda {time}, \
             {place}. Waan ku sugaynaa! Ku jawaab JA haddii aad imanayso, ama NEI haddii \
             aadan iman karin.",
        ),
        (SessionReminder, Tr) => (
            "Hatırlatma: {course} {date} {weekday} saat {time}",
            "Merhaba {first_name}! Hatırlatma: {course} {date} {weekday} saat {time}, {place}. \
             Seni görmek için sabırsızlanıyoruz! Geliyorsan JA, gelemiyorsan NEI yaz.",
        ),

        // Invitation to a follow-up session some weeks after the course.
        (FollowUpInvitation, Nb) => (
            "Vi møtes igjen i {course} {weekday} {date}",
            "Hei {first_name}! Lenge siden sist! Vi møtes igjen i {course} {weekday} {date} \
             kl. {time}, {place}. Vi håper du blir med! Si fra om du kommer: {confirm_link} \
             (eller svar JA/NEI)",
        ),
        (FollowUpInvitation, Nn) => (
            "Vi møtest igjen i {course} {weekday} {date}",
            "Hei {first_name}! Lenge sidan sist! Vi møtest igjen i {course} {weekday} {date} \
             kl. {time}, {place}. Vi håpar du blir med! Sei frå om du kjem: {confirm_link} \
             (eller svar JA/NEI)",
        ),
        (FollowUpInvitation, En) => (
            "We meet again in {course} on {weekday} {date}",
            "Hi {first_name}! Long time no see! We meet again in {course} on {weekday} {date} \
             at {time}, {place}. We hope you can join us! Let us know if you are coming: \
             {confirm_link} (or reply YES/NO)",
        ),
        (FollowUpInvitation, Ar) => (
            "نلتقي من جديد في {course} يوم {weekday} {date}",
            "مرحباً {first_name}! نلتقي من جديد في {course} يوم {weekday} {date} الساعة {time}، \
             {place}. نتمنى أن تكون معنا! أخبرنا إن كنت ستحضر: {confirm_link}",
        ),
        (FollowUpInvitation, So) => (
            "Mar kale ayaan isugu imanaynaa {course}",
            "Salaan {first_name}! Mar kale ayaan isugu imanaynaa {course} maalinta {weekday} \
             {date} saacadda {time}, {place}. Waxaan rajaynaynaa inaad nala joogto! Noo sheeg \
             haddii aad imanayso: {confirm_link}",
        ),
        (FollowUpInvitation, Tr) => (
            "{course} tekrar buluşuyor: {date} {weekday}",
            "Merhaba {first_name}! {course} tekrar buluşuyor: {date} {weekday} saat {time}, \
             {place}. Seni görmek isteriz! Gelecek misin? Buradan bildir: {confirm_link}",
        ),

        // After a missed session: warm, no blame, nothing that names why anyone is here.
        // It says "the session" rather than "today", since quiet hours may hold it overnight.
        (AbsenceFollowUp, Nb) => (
            "Vi savnet deg i {course}",
            "Hei {first_name}! Vi savnet deg på samlingen i {course}. Håper alt er bra med \
             deg! Vi gleder oss til å se deg neste gang. Bare send en melding hvis du lurer \
             på noe.",
        ),
        (AbsenceFollowUp, Nn) => (
            "Vi sakna deg i {course}",
            "Hei {first_name}! Vi sakna deg på samlinga i {course}. Håpar alt står bra til \
             med deg! Vi gler oss til å sjå deg neste gong. Berre send ei melding om du lurer \
             på noko.",
        ),
        (AbsenceFollowUp, En) => (
            "We missed you in {course}",
            "Hi {first_name}! We missed you at the session in {course}. Hope all is well with \
             you! We look forward to seeing you next time. Just send us a message if you have \
             any questions.",
        ),
        (AbsenceFollowUp, Ar) => (
            "افتقدناك في {course}",
            "مرحباً {first_name}! افتقدناك في لقاء {course}. نتمنى أن تكون بخير! نتطلع \
             لرؤيتك في المرة القادمة. راسلنا إن كان لديك أي سؤال.",
        ),
        (AbsenceFollowUp, So) => (
            "Waan ku xiisnay {course}",
            "Salaan {first_name}! Waan ku xiisnay kulankii {course}. Waxaan rajaynaynaa inaad \
             fiican tahay! Waxaan sugaynaa inaan ku aragno marka xigta. Noo soo dir fariin \
             haddii aad su'aal qabto.",
        ),
        (AbsenceFollowUp, Tr) => (
            "{course} buluşmasında seni özledik",
            "Merhaba {first_name}! {course} buluşmasında seni özledik. Umarız iyisindir! Bir \
             dahaki sefere görüşmek üzere. Merak ettiğin bir şey olursa bize yazabilirsin.",
        ),

        // On enrolment.
        (Welcome, Nb) => (
            "Velkommen til {course}!",
            "Hei {first_name}, og velkommen til {course}! Første samling er {weekday} {date} \
             kl. {time}, {place}. Vi gleder oss til å bli kjent med deg! Svar STOPP hvis du \
             ikke vil ha SMS fra oss.",
        ),
        (Welcome, Nn) => (
            "Velkomen til {course}!",
            "Hei {first_name}, og velkomen til {course}! Første samling er {weekday} {date} \
             kl. {time}, {place}. Vi gler oss til å bli kjende med deg! Svar STOPP om du \
             ikkje vil ha SMS frå oss.",
        ),
        (Welcome, En) => (
            "Welcome to {course}!",
            "Hi {first_name}, and welcome to {course}! The first session is on {weekday} \
             {date} at {time}, {place}. We look forward to getting to know you! Reply STOP if \
             you don't want texts from us.",
        ),
        (Welcome, Ar) => (
            "أهلاً بك في {course}!",
            "مرحباً {first_name}، أهلاً بك في {course}! اللقاء الأول يوم {weekday} {date} \
             الساعة {time}، {place}. يسعدنا أن نتعرف عليك! أرسل STOPP إذا كنت لا تريد رسائل \
             منا.",
        ),
        (Welcome, So) => (
            "Ku soo dhawoow {course}!",
            "Salaan {first_name}, kuna soo dhawoow {course}! Kulanka koowaad waa {weekday} \
             {date} saacadda {time}, {place}. Waan ku faraxsanahay inaan ku barano! Ku jawaab \
             STOPP haddii aadan rabin fariimo SMS ah.",
        ),
        (Welcome, Tr) => (
            "{course} grubuna hoş geldin!",
            "Merhaba {first_name}, {course} grubuna hoş geldin! İlk buluşma {date} {weekday} \
             saat {time}, {place}. Seni tanımak için sabırsızlanıyoruz! SMS almak \
             istemiyorsan STOPP yaz.",
        ),

        // A sign-in link to the participant's own page. The link opens their page without a
        // password, hence the line about not passing it on.
        (MagicLink, Nb) => (
            "Din side i {course}",
            "Hei {first_name}! Her er lenken til din side i {course}, med timeplan og \
             loggbok: {confirm_link} Ikke del lenken med andre.",
        ),
        (MagicLink, Nn) => (
            "Sida di i {course}",
            "Hei {first_name}! Her er lenkja til sida di i {course}, med timeplan og loggbok: \
             {confirm_link} Ikkje del lenkja med andre.",
        ),
        (MagicLink, En) => (
            "Your page in {course}",
            "Hi {first_name}! Here is the link to your page in {course}, with your schedule \
             and logbook: {confirm_link} Please don't share the link with anyone.",
        ),
        (MagicLink, Ar) => (
            "صفحتك في {course}",
            "مرحباً {first_name}! هذا رابط صفحتك في {course}، وفيها جدولك ودفتر يومياتك: \
             {confirm_link} لا تشارك الرابط مع أحد.",
        ),
        (MagicLink, So) => (
            "Boggaaga ee {course}",
            "Salaan {first_name}! Waa kan linkiga boggaaga ee {course}, oo ay ku jiraan \
             jadwalkaaga iyo buug-qoraalkaaga: {confirm_link} Linkiga ha la wadaagin qof kale.",
        ),
        (MagicLink, Tr) => (
            "{course} sayfan",
            "Merhaba {first_name}! {course} programın ve günlüğün için bağlantın: \
             {confirm_link} Bu bağlantıyı kimseyle paylaşma.",
        ),

        // A session moved after a reminder went out: the new time, plainly.
        (SessionChanged, Nb) => (
            "Ny tid: {course} {weekday} {date} kl. {time}",
            "Hei {first_name}! {course} har fått ny tid: {weekday} {date} kl. {time}, {place}. \
             Svar JA hvis du kommer, eller NEI hvis du ikke kan.",
        ),
        (SessionChanged, Nn) => (
            "Ny tid: {course} {weekday} {date} kl. {time}",
            "Hei {first_name}! {course} har fått ny tid: {weekday} {date} kl. {time}, {place}. \
             Svar JA om du kjem, eller NEI om du ikkje kan.",
        ),
        (SessionChanged, En) => (
            "New time: {course} on {weekday} {date} at {time}",
            "Hi {first_name}! {course} has a new time: {weekday} {date} at {time}, {place}. \
             Reply YES if you are coming, or NO if you can't.",
        ),
        (SessionChanged, Ar) => (
            "موعد جديد: {course} يوم {weekday} {date} الساعة {time}",
            "مرحباً {first_name}! تغيّر موعد {course}: يوم {weekday} {date} الساعة {time}، \
             {place}. أرسل JA إذا كنت ستحضر، أو NEI إذا لم تستطع الحضور.",
        ),
        (SessionChanged, So) => (
            "Waqti cusub: {course} {weekday} {date} saacadda {time}",
            "Salaan {first_name}! {course} waqti cusub ayuu leeyahay: maalinta {weekday} \
             {date} saacadda {time}, {place}. Ku jawaab JA haddii aad imanayso, ama NEI \
             haddii aadan iman karin.",
        ),
        (SessionChanged, Tr) => (
            "Yeni saat: {course} {date} {weekday} saat {time}",
            "Merhaba {first_name}! {course} için yeni zaman: {date} {weekday} saat {time}, \
             {place}. Geliyorsan JA, gelemiyorsan NEI yaz.",
        ),

        // A session cancelled after a reminder went out: so that nobody comes in vain.
        (SessionCancelled, Nb) => (
            "Avlyst: {course} {weekday} {date}",
            "Hei {first_name}! Samlingen i {course} {weekday} {date} kl. {time} er avlyst. \
             Vi sees neste gang!",
        ),
        (SessionCancelled, Nn) => (
            "Avlyst: {course} {weekday} {date}",
            "Hei {first_name}! Samlinga i {course} {weekday} {date} kl. {time} er avlyst. \
             Vi sjåast neste gong!",
        ),
        (SessionCancelled, En) => (
            "Cancelled: {course} on {weekday} {date}",
            "Hi {first_name}! The {course} session on {weekday} {date} at {time} is \
             cancelled. See you next time!",
        ),
        (SessionCancelled, Ar) => (
            "إلغاء: {course} يوم {weekday} {date}",
            "مرحباً {first_name}! تم إلغاء لقاء {course} يوم {weekday} {date} الساعة {time}. \
             نراك في المرة القادمة!",
        ),
        (SessionCancelled, So) => (
            "Waa la joojiyay: {course} {weekday} {date}",
            "Salaan {first_name}! Kulanka {course} ee maalinta {weekday} {date} saacadda \
             {time} waa la joojiyay. Mar kale ayaan kula kulmi doonaa!",
        ),
        (SessionCancelled, Tr) => (
            "İptal: {course} {date} {weekday}",
            "Merhaba {first_name}! {course} buluşması {date} {weekday} saat {time} iptal \
             edildi. Bir dahaki sefere görüşürüz!",
        ),

        // Staff texts; the server builds the substance of their bodies.
        (LeaderAlert, Nb | Nn) => (
            "Samling: fravær to ganger på rad",
            "{first_name} har vært borte to samlinger på rad i {course}. Registrer hva som er \
             gjort i Samling.",
        ),
        (LeaderAlert, En | Ar | So | Tr) => (
            "Samling: absent twice in a row",
            "{first_name} has missed two sessions in a row in {course}. Record what has been \
             done in Samling.",
        ),
        (DailyDigest, Nb | Nn) => ("Samling: morgendagens samlinger", "{course}"),
        (DailyDigest, En | Ar | So | Tr) => ("Samling: tomorrow's sessions", "{course}"),
        // {first_name} is the staff member's name, {confirm_link} their single-use link.
        (StaffInvitation, Nb | Nn) => (
            "Velkommen til Samling – velg passord",
            "Hei {first_name}!\n\nDu har fått en konto i Samling. Velg ditt eget passord her \
             (lenken virker i 7 dager og kan brukes én gang):\n{confirm_link}\n",
        ),
        (StaffInvitation, En | Ar | So | Tr) => (
            "Welcome to Samling – choose your password",
            "Hello {first_name}!\n\nYou have been given an account in Samling. Choose your own \
             password here (the link works for 7 days, once):\n{confirm_link}\n",
        ),
        (PasswordReset, Nb | Nn) => (
            "Nytt passord i Samling",
            "Hei {first_name}!\n\nNoen ba om å sette nytt passord for kontoen din i Samling. \
             Velg nytt passord her (lenken virker i 2 timer og kan brukes én gang):\n\
             {confirm_link}\n\nHar du ikke bedt om dette, kan du se bort fra e-posten; \
             passordet ditt er uendret.\n",
        ),
        (PasswordReset, En | Ar | So | Tr) => (
            "New password in Samling",
            "Hello {first_name}!\n\nSomeone asked to set a new password for your Samling \
             account. Choose a new password here (the link works for 2 hours, once):\n\
             {confirm_link}\n\nIf it was not you, ignore this e-mail; your password is \
             unchanged.\n",
        ),

        // Texts to guardians, and the answer to START, live in a file of their own.
        (
            kind @ (GuardianWelcome | GuardianInvitation | GuardianReminder | ConsentRequest
            | SmsResumed),
            language,
        ) => super::guardian_texts::guardian_text(kind, language).unwrap_or(("", "")),
    }
}

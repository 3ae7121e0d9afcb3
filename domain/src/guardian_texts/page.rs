//! The words of the guardian's consent page (`/consent/{token}`) in each of the six languages.

use crate::people::Language;

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

# Texts Samling sends by SMS and e-mail, per kind of message (`message-<kind>`, with a
# .subject for e-mail and a .body for both), the consent text, and the names of weekdays and
# months inside a sentence. Variables are those of the template editor. SMS bodies keep to
# GSM-7 in Latin-script languages other than Turkish (no «», curly quotes or dashes) and to
# 2 segments there, 3 in Arabic and Turkish, with typical values: tests hold them to it.

message-session-reminder =
    .subject = تذكير: { $course } يوم { $weekday } { $date } الساعة { $time }
    .body = مرحباً { $first_name }! تذكير: { $course } يوم { $weekday } { $date } الساعة { $time }، { $place }. نتطلع لرؤيتك! أرسل JA إذا كنت ستحضر، أو NEI إذا لم تستطع الحضور.

message-follow-up-invitation =
    .subject = نلتقي من جديد في { $course } يوم { $weekday } { $date }
    .body = مرحباً { $first_name }! نلتقي من جديد في { $course } يوم { $weekday } { $date } الساعة { $time }، { $place }. نتمنى حضورك! أخبرنا إن كنت ستحضر: { $confirm_link }

message-absence-follow-up =
    .subject = افتقدناك في { $course }
    .body = مرحباً { $first_name }! افتقدناك في لقاء { $course }. نتمنى أن تكون بخير! نتطلع لرؤيتك في المرة القادمة. راسلنا إن كان لديك أي سؤال.

message-welcome =
    .subject = أهلاً بك في { $course }!
    .body = مرحباً { $first_name }، أهلاً بك في { $course }! اللقاء الأول يوم { $weekday } { $date } الساعة { $time }، { $place }. يسعدنا أن نتعرف عليك! أرسل STOPP إذا كنت لا تريد رسائل منا.

message-magic-link =
    .subject = صفحتك في { $course }
    .body = مرحباً { $first_name }! هذا رابط صفحتك في { $course }، وفيها جدولك ودفتر يومياتك: { $confirm_link } لا تشارك الرابط مع أحد.

message-session-changed =
    .subject = موعد جديد: { $course } يوم { $weekday } { $date } الساعة { $time }
    .body = مرحباً { $first_name }! تغيّر موعد { $course }: يوم { $weekday } { $date } الساعة { $time }، { $place }. أرسل JA إذا كنت ستحضر، أو NEI إذا لم تستطع الحضور.

message-session-cancelled =
    .subject = إلغاء: { $course } يوم { $weekday } { $date }
    .body = مرحباً { $first_name }! تم إلغاء لقاء { $course } يوم { $weekday } { $date } الساعة { $time }. نراك في المرة القادمة!

message-guardian-welcome =
    .subject = تم تسجيل { $first_name } في { $course }
    .body = أهلاً { $guardian_name }! سُجّل { $first_name } في { $course }. أول لقاء { $weekday } { $date } الساعة { $time }، { $place }. سنذكّره قبل كل لقاء، ولك نسخة من الترحيب والدعوات. للإيقاف أرسل STOPP.

message-guardian-invitation =
    .subject = دعوة { $first_name } إلى لقاء متابعة
    .body = مرحباً { $guardian_name }! ندعو { $first_name } إلى لقاء متابعة في { $course } يوم { $weekday } { $date } الساعة { $time }، { $place }. يسعدنا اللقاء مجدداً! هذه نسخة لك، ولإيقاف النسخ أرسل STOPP.

message-guardian-reminder =
    .subject = تذكير: لدى { $first_name } لقاء يوم { $weekday } { $date }
    .body = مرحباً { $guardian_name }! لدى { $first_name } لقاء في { $course } يوم { $weekday } { $date } الساعة { $time }، { $place }. أرسل STOPP لإيقاف النسخ.

message-consent-request =
    .subject = الموافقة على تذكيرات { $first_name }
    .body = مرحباً { $guardian_name }! هل توافق أن ترسل المدرسة تذكيرات { $course } إلى { $first_name } بالرسائل أو البريد؟ رابطك (صالح 14 يوماً): { $confirm_link }

message-sms-resumed =
    .subject = رسائل { $course } من جديد
    .body = شكراً! ستصلك رسائلنا عن { $course } من جديد. أرسل STOPP إذا أردت التوقف.

consent-text = بموافقتك، يمكن لمسؤولي الدورة أن يرسلوا إلى ابنك أو ابنتك تذكيراً قبل كل لقاء، ودعوات إلى لقاءات المتابعة، ورسالة قصيرة بعد لقاء لم يحضره. تُرسل الرسائل عبر الرسائل النصية (SMS) أو البريد الإلكتروني أو كليهما، حسب اختيارك. لا تحتوي الرسائل أبداً على أي معلومات حساسة، بل فقط الاسم المحايد للدورة والوقت والمكان. ستصلك نسخة من رسالة الترحيب ومن الدعوات إلى لقاءات المتابعة. يمكنك سحب موافقتك في أي وقت، وعندها تتوقف الرسائل. ابتداءً من سن 18 عاماً يقرر المشارك بنفسه. تعالج البلدية البيانات وفقاً لقواعد حماية البيانات الشخصية.

weekday-name = { $day ->
        [1] الاثنين
        [2] الثلاثاء
        [3] الأربعاء
        [4] الخميس
        [5] الجمعة
        [6] السبت
       *[7] الأحد
    }

# Day and month inside a sentence, without the year.
date-day-month = { $day } { $month ->
        [1] يناير
        [2] فبراير
        [3] مارس
        [4] أبريل
        [5] مايو
        [6] يونيو
        [7] يوليو
        [8] أغسطس
        [9] سبتمبر
        [10] أكتوبر
        [11] نوفمبر
       *[12] ديسمبر
    }

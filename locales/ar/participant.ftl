# The participants' own pages (/p, /p/{token}, /me, /confirm/{token}) and the words staff
# pages share with them. Every language has every message here (a test checks it).

app_name = Samling
skip_to_content = انتقل إلى المحتوى
language = اللغة
buddy = رفيقك في الدورة
change_entry = تعديل
earlier_text_kept = سيُحفظ النص السابق.
earlier_versions = النسخ السابقة
invite_no = لا، لا أستطيع الحضور
invite_past = بدأ هذا اللقاء بالفعل.
invite_question = هل ستحضر؟
invite_said_no = شكراً لإخبارنا. يمكنك تغيير رأيك هنا.
invite_said_yes = شكراً! نتطلع لرؤيتك.
invite_yes = نعم، سأحضر
kind_regular = لقاء
link_on_its_way = إذا كنا نعرفك، فسيصلك رابط بعد قليل. يعمل الرابط لمدة 72 ساعة.
link_used_or_expired = الرابط مُستخدم أو انتهت صلاحيته. اطلب رابطاً جديداً.
loading = جارٍ التحميل …
logbook = دفتر اليوميات
logbook_empty = لا توجد كتابات بعد.
logbook_no_session = ليس لقاءً محدداً
logbook_session = يخص لقاءً (اختياري)
logbook_text = النص
my_sessions = لقاءاتي
no_upcoming_sessions = لا توجد لقاءات أخرى.
open_my_page = افتح صفحتي
participant_sign_in = تسجيل الدخول كمشارك
participant_sign_in_help = اكتب رقم هاتفك المحمول أو بريدك الإلكتروني، وسنرسل لك رابطاً إلى صفحتك.
participant_signed_out = لم تسجّل الدخول.
phone_or_email = رقم الهاتف المحمول أو البريد الإلكتروني
reflection_task = مهمة للتفكير
save = حفظ
saved = تم الحفظ.
send_me_a_link = أرسل لي رابطاً
sign_out = تسجيل الخروج
status_cancelled = أُلغي
write_in_logbook = اكتب في دفتر اليوميات
not_found = لم نجد ما تبحث عنه.
internal_error = حدث خطأ من جهتنا. حاول مرة أخرى.
invalid_field = تحقّق من الحقل
forbidden = ليس لديك صلاحية للوصول إلى هذا.
need_login = يجب أن تسجّل الدخول لرؤية هذه الصفحة.
conflict = هذا موجود بالفعل أو لا يمكن تغييره الآن.
rsvp_coming = سأحضر
rsvp_cannot = لا أستطيع
rsvp_reason = لماذا لا تستطيع؟ (اختياري)
rsvp_said_yes = قلتَ إنك ستحضر.
rsvp_said_no = قلتَ إنك لا تستطيع الحضور.
hello-name = مرحباً { $name }!
upcoming-count = { $count ->
        [zero] لم يبقَ لك أي لقاء.
        [one] بقي لك لقاء واحد.
        [two] بقي لك لقاءان.
        [few] بقيت لك { $count } لقاءات.
        [many] بقي لك { $count } لقاءً.
       *[other] بقي لك { $count } لقاء.
    }
# A session's day and time, e.g. "tirsdag 2. mars kl. 17:00".
session-when = { $weekday } { $date } الساعة { $time }
# Calendar feeds: the participant's own calendar link on /me.
calendar_title = التقويم
calendar_help_participant = أضف لقاءاتك إلى التقويم في هاتفك. يتحدّث التقويم تلقائياً عند نقل لقاء أو إلغائه. لا يُظهر الرابط إلا اسم الدورة والوقت والمكان.
calendar_copy_now = انسخ العنوان الآن، فلن يظهر إلا هذه المرة.
calendar_address = عنوان التقويم
calendar_add = أضف إلى التقويم
calendar_download = تنزيل (.ics)
calendar_made = أُنشئ رابط التقويم
calendar_make = أنشئ رابط تقويم
calendar_make_new = أنشئ رابطاً جديداً (سيتوقف الرابط القديم)
calendar_stop = أوقف رابط التقويم

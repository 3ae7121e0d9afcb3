# Problems participants can meet on their own pages; the rest fall back to bokmål.

problem-at_most_characters = { $max } حرفاً على الأكثر
problem-write_something = اكتب شيئاً
problem-entry_too_long = اجعل النص أقل من 10000 حرف
problem-not_participant_session = ليس لقاءً من دوراتك
problem-participant_not_enrolled = أنت غير مسجل في أي دورة
problem-session_begun = لقد بدأ اللقاء بالفعل
problem-contact_missing = اكتب رقم هاتفك المحمول أو بريدك الإلكتروني
problem-links_sent_recently = أُرسلت ثلاثة روابط في الساعة الأخيرة؛ انتظر قليلاً قبل طلب رابط جديد
problem-no_contact_details = ليس لدينا رقم هاتف محمول ولا بريد إلكتروني لك
problem-channel_not_consented = عمرك أقل من 18 عاماً ولم يوافق وليّ أمرك على هذه القناة
problem-full_name_missing = اكتب اسمك الكامل
problem-decision_choice = اختر نعم أو لا
problem-choose_channel = اختر قناة واحدة على الأقل: رسالة نصية أو بريد إلكتروني
problem-relation_choice = اختر الأم أو الأب أو الوصي أو وليّ أمر آخر
problem-pupil_is_adult = التلميذ عمره 18 عاماً أو أكثر ويقرر بنفسه

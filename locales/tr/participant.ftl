# The participants' own pages (/p, /p/{token}, /me, /confirm/{token}) and the words staff
# pages share with them. Every language has every message here (a test checks it).

app_name = Samling
skip_to_content = İçeriğe geç
language = Dil
buddy = Kurs arkadaşın
change_entry = Değiştir
earlier_text_kept = Önceki metin saklanır.
earlier_versions = önceki sürümler
invite_no = Hayır, gelemiyorum
invite_past = Bu buluşma zaten başladı.
invite_question = Geliyor musun?
invite_said_no = Haber verdiğin için teşekkürler. Fikrini burada değiştirebilirsin.
invite_said_yes = Teşekkürler! Seni görmek için sabırsızlanıyoruz.
invite_yes = Evet, geliyorum
kind_regular = Buluşma
link_on_its_way = Seni tanıyorsak birazdan bir bağlantı gelecek. Bağlantı 72 saat geçerli.
link_used_or_expired = Bağlantı kullanılmış ya da süresi dolmuş. Yenisini iste.
loading = Yükleniyor …
logbook = Günlük
logbook_empty = Henüz yazı yok.
logbook_no_session = Belirli bir buluşma değil
logbook_session = Ait olduğu buluşma (isteğe bağlı)
logbook_text = Metin
my_sessions = Buluşmalarım
no_upcoming_sessions = Başka buluşma yok.
open_my_page = Sayfamı aç
participant_sign_in = Katılımcı olarak giriş yap
participant_sign_in_help = Cep telefonu numaranı ya da e-posta adresini yaz, sayfana bir bağlantı gönderelim.
participant_signed_out = Giriş yapmadın.
phone_or_email = Cep telefonu ya da e-posta
reflection_task = Düşünme görevi
save = Kaydet
saved = Kaydedildi.
send_me_a_link = Bana bağlantı gönder
sign_out = Çıkış yap
status_cancelled = İptal edildi
write_in_logbook = Günlüğe yaz
not_found = Aradığın bulunamadı.
internal_error = Bizim tarafımızda bir sorun oldu. Tekrar dene.
invalid_field = Alanı kontrol et
forbidden = Buna erişim iznin yok.
need_login = Bu sayfayı görmek için giriş yapmalısın.
conflict = Bu zaten var ya da şu anda değiştirilemez.
rsvp_coming = Geliyorum
rsvp_cannot = Gelemiyorum
rsvp_reason = Neden gelemiyorsun? (isteğe bağlı)
rsvp_said_yes = Geleceğini söyledin.
rsvp_said_no = Gelemeyeceğini söyledin.
hello-name = Merhaba { $name }!
upcoming-count = { $count ->
        [one] Bir buluşman kaldı.
       *[other] { $count } buluşman kaldı.
    }
# A session's day and time, e.g. "tirsdag 2. mars kl. 17:00".
session-when = { $date } { $weekday } saat { $time }
# Calendar feeds: the participant's own calendar link on /me.
calendar_title = Takvim
calendar_help_participant = Buluşmalarını telefonundaki takvime ekle. Bir buluşma taşındığında ya da iptal edildiğinde takvim kendini günceller. Bağlantı yalnızca kurs adını, saati ve yeri gösterir.
calendar_copy_now = Adresi şimdi kopyala – yalnızca bu kez gösterilir.
calendar_address = Takvim adresi
calendar_add = Takvime ekle
calendar_download = İndir (.ics)
calendar_made = Takvim bağlantısı oluşturuldu
calendar_make = Takvim bağlantısı oluştur
calendar_make_new = Yeni takvim bağlantısı oluştur (eskisi çalışmaz olur)
calendar_stop = Takvim bağlantısını kapat

# Texts Samling sends by SMS and e-mail, per kind of message (`message-<kind>`, with a
# .subject for e-mail and a .body for both), the consent text, and the names of weekdays and
# months inside a sentence. Variables are those of the template editor. SMS bodies keep to
# GSM-7 in Latin-script languages other than Turkish (no «», curly quotes or dashes) and to
# 2 segments there, 3 in Arabic and Turkish, with typical values: tests hold them to it.

message-session-reminder =
    .subject = Hatırlatma: { $course } { $date } { $weekday } saat { $time }
    .body = Merhaba { $first_name }! Hatırlatma: { $course } { $date } { $weekday } saat { $time }, { $place }. Seni görmek için sabırsızlanıyoruz! Geliyorsan JA, gelemiyorsan NEI yaz.

message-follow-up-invitation =
    .subject = { $course } tekrar buluşuyor: { $date } { $weekday }
    .body = Merhaba { $first_name }! { $course } tekrar buluşuyor: { $date } { $weekday } saat { $time }, { $place }. Seni görmek isteriz! Gelecek misin? Buradan bildir: { $confirm_link }

message-absence-follow-up =
    .subject = { $course } buluşmasında seni özledik
    .body = Merhaba { $first_name }! { $course } buluşmasında seni özledik. Umarız iyisindir! Bir dahaki sefere görüşmek üzere. Merak ettiğin bir şey olursa bize yazabilirsin.

message-welcome =
    .subject = { $course } grubuna hoş geldin!
    .body = Merhaba { $first_name }, { $course } grubuna hoş geldin! İlk buluşma { $date } { $weekday } saat { $time }, { $place }. Seni tanımak için sabırsızlanıyoruz! SMS almak istemiyorsan STOPP yaz.

message-magic-link =
    .subject = { $course } sayfan
    .body = Merhaba { $first_name }! { $course } programın ve günlüğün için bağlantın: { $confirm_link } Bu bağlantıyı kimseyle paylaşma.

message-session-changed =
    .subject = Yeni saat: { $course } { $date } { $weekday } saat { $time }
    .body = Merhaba { $first_name }! { $course } için yeni zaman: { $date } { $weekday } saat { $time }, { $place }. Geliyorsan JA, gelemiyorsan NEI yaz.

message-session-cancelled =
    .subject = İptal: { $course } { $date } { $weekday }
    .body = Merhaba { $first_name }! { $course } buluşması { $date } { $weekday } saat { $time } iptal edildi. Bir dahaki sefere görüşürüz!

message-guardian-welcome =
    .subject = { $first_name }, { $course } grubuna kaydedildi
    .body = Merhaba { $guardian_name }! { $first_name }, { $course } grubunda: ilk gün { $date } { $weekday } { $time }, { $place }. Her buluşma öncesi hatırlatma alır; davet kopyaları size gelir. İstemezseniz STOPP yazın.

message-guardian-invitation =
    .subject = { $first_name } takip buluşmasına davetli
    .body = Merhaba { $guardian_name }! { $first_name }, { $course } takip buluşmasına davetli: { $date } { $weekday } saat { $time }, { $place }. Tekrar görüşmek dileğiyle! Kopya istemezseniz STOPP yazın.

message-guardian-reminder =
    .subject = Hatırlatma: { $course } buluşması { $date } { $weekday }
    .body = Merhaba { $guardian_name }! { $first_name } için { $course } buluşması { $date } { $weekday } saat { $time }, { $place }. Kopya istemezseniz STOPP yazın.

message-consent-request =
    .subject = { $first_name } için hatırlatma onayı
    .body = Merhaba { $guardian_name }! { $first_name } için { $course } hatırlatmalarına (SMS/e-posta) onay verir misiniz? Kişisel bağlantı (14 gün): { $confirm_link } Okul

message-sms-resumed =
    .subject = { $course } SMS'leri yeniden
    .body = Teşekkürler! { $course } ile ilgili SMS'lerimizi yeniden alacaksınız. Durdurmak için STOPP yazın.

consent-text = Onay verdiğinizde kurs sorumluları çocuğunuza her buluşmadan önce hatırlatma, takip buluşmalarına davet ve katılamadığı bir buluşmadan sonra kısa bir mesaj gönderebilir. Mesajlar seçiminize göre SMS, e-posta ya da her ikisiyle gönderilir. Mesajlarda hiçbir zaman hassas bilgi yer almaz; yalnızca kursun tarafsız adı, saati ve yeri yazılır. Hoş geldin mesajının ve takip buluşması davetlerinin bir kopyası size de gönderilir. Onayınızı istediğiniz zaman geri çekebilirsiniz; o zaman mesajlar durur. Katılımcı 18 yaşından itibaren kendisi karar verir. Belediye, bilgileri kişisel verilerin korunması kurallarına uygun olarak işler.

weekday-name = { $day ->
        [1] Pazartesi
        [2] Salı
        [3] Çarşamba
        [4] Perşembe
        [5] Cuma
        [6] Cumartesi
       *[7] Pazar
    }

# Day and month inside a sentence, without the year.
date-day-month = { $day } { $month ->
        [1] Ocak
        [2] Şubat
        [3] Mart
        [4] Nisan
        [5] Mayıs
        [6] Haziran
        [7] Temmuz
        [8] Ağustos
        [9] Eylül
        [10] Ekim
        [11] Kasım
       *[12] Aralık
    }

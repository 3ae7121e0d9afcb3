# Problems participants can meet on their own pages; the rest fall back to bokmål.

problem-at_most_characters = en fazla { $max } karakter
problem-write_something = bir şey yazın
problem-entry_too_long = yazıyı 10.000 karakterin altında tutun
problem-not_participant_session = kurslarınızdan birinin oturumu değil
problem-participant_not_enrolled = hiçbir kursa kayıtlı değilsiniz
problem-session_begun = oturum zaten başladı
problem-contact_missing = cep telefonu numaranızı veya e-posta adresinizi yazın
problem-links_sent_recently = son bir saatte üç bağlantı gönderildi; yenisini istemeden önce biraz bekleyin
problem-no_contact_details = sizin için cep telefonu numarası veya e-posta adresi yok
problem-channel_not_consented = 18 yaşından küçüksünüz ve veliniz bu kanala onay vermedi
problem-full_name_missing = adınızı ve soyadınızı yazın
problem-decision_choice = evet veya hayır seçin
problem-choose_channel = en az bir kanal seçin: SMS veya e-posta
problem-relation_choice = anne, baba, vasi veya diğer veli seçin
problem-pupil_is_adult = öğrenci 18 yaşında veya daha büyük ve kendisi karar verir

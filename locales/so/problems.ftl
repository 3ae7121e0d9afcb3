# Problems participants can meet on their own pages; the rest fall back to bokmål.

problem-at_most_characters = ugu badnaan { $max } xaraf
problem-write_something = wax qor
problem-entry_too_long = qoraalka ha ka yaraado 10,000 xaraf
problem-not_participant_session = ma aha kulan ka mid ah koorsooyinkaaga
problem-participant_not_enrolled = kuma diiwaan gashanid koorso
problem-session_begun = kulanku wuu bilaabmay
problem-contact_missing = qor lambarkaaga taleefanka ama cinwaankaaga iimaylka
problem-links_sent_recently = saddex xiriiriye ayaa la diray saacaddii u dambaysay; wax yar sug ka hor intaadan mid kale codsan
problem-no_contact_details = ma hayno lambar taleefan ama iimayl adiga kuu ah
problem-channel_not_consented = waxaad ka yar tahay 18 sano, waalidkaagana ma oggolaan habkan
problem-full_name_missing = qor magacaaga oo buuxa
problem-decision_choice = dooro haa ama maya
problem-choose_channel = dooro ugu yaraan hal hab: SMS ama iimayl
problem-relation_choice = dooro hooyo, aabbe, mas'uul ama waalid kale
problem-pupil_is_adult = ardaygu waa 18 jir ama ka weyn wuuna go'aansadaa naftiisa

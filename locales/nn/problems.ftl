# Problem deltakarar kan møte på sine eigne sider; resten fell tilbake på bokmål.

problem-at_most_characters = høgst { $max } teikn
problem-write_something = skriv noko
problem-entry_too_long = hald innlegget under 10 000 teikn
problem-not_participant_session = ikkje ei samling i kursa dine
problem-participant_not_enrolled = du er ikkje påmeld noko kurs
problem-session_begun = samlinga har alt byrja
problem-contact_missing = skriv mobilnummeret eller e-postadressa di
problem-links_sent_recently = tre lenkjer er sende den siste timen; vent litt før du ber om ei ny
problem-no_contact_details = vi har verken mobilnummer eller e-postadresse til deg
problem-channel_not_consented = du er under 18 år, og føresette har ikkje samtykt til denne kanalen
problem-full_name_missing = skriv fullt namn
problem-decision_choice = vel ja eller nei
problem-choose_channel = vel minst éin kanal: SMS eller e-post
problem-relation_choice = vel mor, far, verje eller anna føresett
problem-pupil_is_adult = eleven er 18 år eller eldre og bestemmer sjølv

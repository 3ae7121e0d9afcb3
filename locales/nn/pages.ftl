# Nynorsk for the staff pages is welcome: every message missing here falls back to bokmål.

# Staff pages are in bokmål and English; a message missing here falls back to bokmål.

//! What an inbound SMS reply means: yes, no, stop, or something for a person to read.
//!
//! The rules are deliberately conservative. A "no" pre-marks an excused absence and tells
//! the leader; a "stop" silences every SMS to a young person, reminders included. Either,
//! triggered by accident, does real harm, while a reply that lands in the leader's inbox
//! costs a minute of someone's time. So only short, unambiguous replies are read by the
//! machine, and everything uncertain (questions, mixed signals, "yes, but …") is `Other`
//! and goes to a person.

use serde::{Deserialize, Serialize};

/// What a reply asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyIntent {
    /// Confirms attending.
    Yes,
    /// Cannot come: pre-marks an excused absence and tells the leader.
    No,
    /// Opts out of SMS.
    Stop,
    /// Opts back in to SMS after a stop.
    Start,
    /// Anything else: shown to the leader.
    Other,
}

/// Words that, as the first word of a reply, confirm.
const YES_WORDS: &[&str] = &["ja", "jaa", "jepp", "yes", "ok", "okay", "okei"];

/// Words that turn a leading "yes" into a condition or a doubt ("ja, men …", "ok, kanskje",
/// "ja, ikke i dag"): the leader should read those rather than see a bare confirmation.
const HEDGE_WORDS: &[&str] = &[
    "men", "but", "kanskje", "maybe", "usikker", "unsure", "ikke", "ikkje", "not",
];

/// Words after "kan ikke" that make it mean the opposite of not coming.
const EAGER_AFTER_CANNOT: &[&str] = &["vente", "venta", "vent"];

/// Reads an inbound SMS. Case, surrounding whitespace, punctuation and emoji do not matter.
pub fn classify(text: &str) -> ReplyIntent {
    // A question wants an answer from a person, whatever words it contains
    // ("stopp?", "hvorfor kan ikke jeg komme?"). Arabic has its own question mark.
    if text.contains(['?', '؟']) {
        return ReplyIntent::Other;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return ReplyIntent::Other;
    }
    if asks_to_stop(&words) {
        return ReplyIntent::Stop;
    }
    if matches!(words.as_slice(), ["start"] | ["start", "sms"] | ["starte"]) {
        return ReplyIntent::Start;
    }
    match (leads_with_yes(&words), declines(&words)) {
        (true, false) if !hedged(&words) => ReplyIntent::Yes,
        (false, true) => ReplyIntent::No,
        // Both ("ja, jeg kan ikke"), a hedged yes, or neither: a person decides.
        _ => ReplyIntent::Other,
    }
}

/// Opting out only when that is the whole reply. "Kan du stoppe bussen" or "stopp, jeg
/// mente torsdag" must not cut a young person off from their reminders.
fn asks_to_stop(words: &[&str]) -> bool {
    matches!(words, ["stopp"] | ["stop"] | ["stopp", "sms"])
}

/// A yes word first ("ja, jeg kommer"); a yes word later ("jeg vet ikke, ja") is too vague.
fn leads_with_yes(words: &[&str]) -> bool {
    words.first().is_some_and(|w| YES_WORDS.contains(w))
}

/// Something after the first word that makes a leading yes conditional or doubtful.
fn hedged(words: &[&str]) -> bool {
    words.iter().skip(1).any(|w| HEDGE_WORDS.contains(w))
}

/// "nei" first, "no" on its own, or the phrase "kan ikke" / "kan ikkje" anywhere.
fn declines(words: &[&str]) -> bool {
    let leading_no = match words {
        // "nei da" is reassurance ("no worries"), like "neida" written as one word
        // (which never matches, since only whole words count).
        ["nei", "da", ..] => false,
        ["nei", ..] => true,
        // English "no" only alone or with a polite tail: in nynorsk "no" means "now"
        // ("no kjem eg"), and "no problem" means yes.
        ["no"] | ["no", "thanks"] | ["no", "thank", "you"] | ["no", "sorry"] => true,
        _ => false,
    };
    leading_no || says_cannot(words)
}

/// "kan ikke" (bokmål) or "kan ikkje" (nynorsk) as consecutive words, except the eager
/// "kan ikke vente" (can't wait).
fn says_cannot(words: &[&str]) -> bool {
    words.windows(2).enumerate().any(|(i, pair)| {
        matches!(pair, ["kan", "ikke"] | ["kan", "ikkje"])
            && !words
                .get(i + 2)
                .is_some_and(|next| EAGER_AFTER_CANNOT.contains(next))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ReplyIntent::*;

    fn check_all(cases: &[&str], expected: ReplyIntent) {
        for case in cases {
            assert_eq!(classify(case), expected, "{case:?}");
        }
    }

    #[test]
    fn yes_replies() {
        check_all(
            &[
                "JA",
                "ja",
                "Ja!",
                " ja. ",
                "yes",
                "YES!!",
                "jepp",
                "Jepp 👍",
                "ok",
                "OK.",
                "Okay",
                "Ja, jeg kommer",
                "ja takk",
                "Yes, see you there",
            ],
            Yes,
        );
    }

    #[test]
    fn no_replies() {
        check_all(
            &[
                "NEI",
                "nei",
                "Nei!",
                "nei takk",
                "Nei, jeg er syk",
                "no",
                "No.",
                "no thanks",
                "kan ikke",
                "Kan ikke i dag",
                "kan ikkje",
                "Eg kan ikkje kome",
                "Jeg kan ikke komme i morgen",
                "Sorry, kan ikke 😕",
            ],
            No,
        );
    }

    #[test]
    fn stop_replies() {
        check_all(
            &[
                "STOPP",
                "stopp",
                "STOP",
                "stop",
                "stopp.",
                "Stopp!",
                " STOPP SMS ",
            ],
            Stop,
        );
    }

    #[test]
    fn start_replies() {
        check_all(
            &["START", "start", " Start! ", "start sms"],
            ReplyIntent::Start,
        );
        check_all(
            &["start?", "når starter kurset", "start neste uke"],
            ReplyIntent::Other,
        );
    }

    #[test]
    fn stop_inside_a_sentence_is_not_an_opt_out() {
        check_all(
            &[
                "kan du stoppe bussen",
                "stopp, jeg mente torsdag",
                "Bussen stopper ikke der",
                "please stop by later",
                "Stopp?",
            ],
            Other,
        );
    }

    #[test]
    fn no_must_be_a_whole_word() {
        // "neida" / "nei da" reassure; they do not decline.
        check_all(&["neida", "Neida, kommer!", "nei da", "neitakk"], Other);
        // Words that merely start with a yes or no word.
        check_all(&["nok", "jammen", "jasså", "none", "okeiii"], Other);
    }

    #[test]
    fn nynorsk_and_english_no_are_not_confused() {
        // Nynorsk "no" means "now".
        assert_eq!(classify("No kjem eg"), Other);
        assert_eq!(classify("no problem"), Other);
        assert_eq!(classify("No!"), No);
    }

    #[test]
    fn hedged_or_mixed_replies_go_to_a_person() {
        // Decided: "jada" is not a yes word, and the hedge makes it uncertain anyway.
        check_all(
            &[
                "jada men kanskje ikke",
                "Ja, men kanskje ikke",
                "ja men jeg blir litt sen",
                "ok, ikke i dag",
                "Ja, jeg kan ikke",
                "maybe",
            ],
            Other,
        );
    }

    #[test]
    fn eager_cannot_wait_is_not_a_no() {
        check_all(&["Gleder meg, kan ikke vente!", "kan ikkje venta"], Other);
    }

    #[test]
    fn questions_and_everything_else_go_to_a_person() {
        check_all(
            &[
                "",
                "   ",
                "👍",
                "!!!",
                "Hvor er det?",
                "Hvorfor kan ikke jeg komme?",
                "Jeg kommer litt senere",
                "نعم؟",
                "Hei, hvem er dette",
            ],
            Other,
        );
    }
}

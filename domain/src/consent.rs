//! Guardians' consent for pupils under 18: the words of a consent record, the age rule (a
//! pupil is a minor until their 18th birthday begins in the course's time zone), and where a
//! participant's consent stands, worked out from their latest record and any open request.

use serde::{Deserialize, Serialize};

code_enum!(
    /// How a consent was given.
    ConsentMethod { Paper => "paper", InPerson => "in_person", Phone => "phone", Digital => "digital" }
);
code_enum!(
    /// What the guardian answered.
    ConsentDecision { Given => "given", Refused => "refused" }
);
code_enum!(
    /// Where a participant's consent stands. `refused` is a guardian's "no" (through the link
    /// or recorded by staff); nothing goes to the pupil then, as with `missing`.
    ConsentStatus {
        NotNeeded => "not_needed",
        Missing => "missing",
        Requested => "requested",
        Given => "given",
        Refused => "refused",
        Withdrawn => "withdrawn",
    }
);

/// The channels a consent covers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ConsentChannels {
    pub sms: bool,
    pub email: bool,
}

impl ConsentChannels {
    pub const NONE: ConsentChannels = ConsentChannels {
        sms: false,
        email: false,
    };

    /// Channel codes as the API lists them (`["sms", "email"]`).
    pub fn codes(self) -> Vec<String> {
        let mut out = Vec::new();
        if self.sms {
            out.push("sms".to_string());
        }
        if self.email {
            out.push("email".to_string());
        }
        out
    }

    /// From a list of codes; unknown codes are an error naming them.
    pub fn from_codes<S: AsRef<str>>(codes: &[S]) -> Result<Self, String> {
        let mut out = ConsentChannels::NONE;
        for c in codes {
            match c.as_ref().trim() {
                "sms" => out.sms = true,
                "email" => out.email = true,
                "" => {}
                other => return Err(other.to_string()),
            }
        }
        Ok(out)
    }

    pub fn is_empty(self) -> bool {
        !self.sms && !self.email
    }
}

/// The relations a guardian can have to the pupil, as the forms offer them.
pub const RELATIONS: [&str; 4] = ["mother", "father", "guardian", "other_guardian"];

/// The latest consent record of a participant, as far as the status needs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LatestConsent {
    pub decision: ConsentDecision,
    pub channels: ConsentChannels,
    pub withdrawn: bool,
    /// When it was given (or refused), as an ordering key against requests.
    pub at: chrono::DateTime<chrono::Utc>,
}

/// Where a participant's consent stands, and the channels messages to them may use.
///
/// `minor` is whether they are under 18 now. A request newer than the latest record that is
/// still open (not answered, not expired) shows as `requested`; the channels stay those of
/// the record in force meanwhile (a withdrawal or refusal leaves none).
pub fn consent_status(
    minor: bool,
    latest: Option<LatestConsent>,
    open_request_at: Option<chrono::DateTime<chrono::Utc>>,
) -> (ConsentStatus, ConsentChannels) {
    if !minor {
        return (ConsentStatus::NotNeeded, ConsentChannels::NONE);
    }
    let in_force = latest
        .filter(|l| l.decision == ConsentDecision::Given && !l.withdrawn)
        .map_or(ConsentChannels::NONE, |l| l.channels);
    let asked_since = match (open_request_at, latest) {
        (Some(asked), Some(l)) => asked > l.at,
        (Some(_), None) => true,
        (None, _) => false,
    };
    let status = match latest {
        _ if asked_since => ConsentStatus::Requested,
        None => ConsentStatus::Missing,
        Some(l) if l.withdrawn => ConsentStatus::Withdrawn,
        Some(l) if l.decision == ConsentDecision::Refused => ConsentStatus::Refused,
        Some(_) => ConsentStatus::Given,
    };
    (status, in_force)
}

#[cfg(feature = "tz")]
mod age {
    use super::super::schedule::local_instant;
    use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
    use chrono_tz::Tz;

    /// The day someone born on `birth` turns 18: the same date 18 years on, or 1 March for a
    /// 29 February birthday in a year without one (as `people::age_on` counts).
    pub fn eighteenth_birthday(birth: NaiveDate) -> NaiveDate {
        let year = birth.year() + 18;
        NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
            .expect("1 March exists in every year")
    }

    /// The instant a pupil is no longer a minor: midnight starting their 18th birthday in the
    /// course's time zone (the first minute that exists that day, should midnight not).
    pub fn adult_from(birth: NaiveDate, tz: Tz) -> DateTime<Utc> {
        local_instant(tz, eighteenth_birthday(birth), NaiveTime::MIN)
    }

    /// Under 18 at `at` in `tz`. Without a birth date nobody is taken for a minor: the form
    /// asks for one, and a guardian is required when it shows a minor.
    pub fn is_minor_at(birth: Option<NaiveDate>, at: DateTime<Utc>, tz: Tz) -> bool {
        birth.is_some_and(|b| at < adult_from(b, tz))
    }
}

#[cfg(feature = "tz")]
pub use age::{adult_from, eighteenth_birthday, is_minor_at};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn given(sms: bool, email: bool, when: &str) -> LatestConsent {
        LatestConsent {
            decision: ConsentDecision::Given,
            channels: ConsentChannels { sms, email },
            withdrawn: false,
            at: at(when),
        }
    }

    #[test]
    fn adults_need_no_consent() {
        assert_eq!(
            consent_status(false, None, None),
            (ConsentStatus::NotNeeded, ConsentChannels::NONE)
        );
        // A record from before they turned 18 no longer matters.
        let old = given(true, false, "2026-01-01T10:00:00Z");
        assert_eq!(
            consent_status(false, Some(old), None).0,
            ConsentStatus::NotNeeded
        );
    }

    #[test]
    fn status_follows_the_latest_record_and_open_requests() {
        assert_eq!(consent_status(true, None, None).0, ConsentStatus::Missing);
        let asked = at("2026-12-01T10:00:00Z");
        assert_eq!(
            consent_status(true, None, Some(asked)),
            (ConsentStatus::Requested, ConsentChannels::NONE)
        );
        let yes = given(true, true, "2026-12-02T10:00:00Z");
        assert_eq!(
            consent_status(true, Some(yes), Some(asked)),
            (
                ConsentStatus::Given,
                ConsentChannels {
                    sms: true,
                    email: true
                }
            )
        );
        let withdrawn = LatestConsent {
            withdrawn: true,
            ..yes
        };
        assert_eq!(
            consent_status(true, Some(withdrawn), None),
            (ConsentStatus::Withdrawn, ConsentChannels::NONE)
        );
        // Asking again after a withdrawal shows as requested, with nothing in force meanwhile.
        assert_eq!(
            consent_status(true, Some(withdrawn), Some(at("2026-12-03T10:00:00Z"))),
            (ConsentStatus::Requested, ConsentChannels::NONE)
        );
        let refused = LatestConsent {
            decision: ConsentDecision::Refused,
            channels: ConsentChannels::NONE,
            ..yes
        };
        assert_eq!(
            consent_status(true, Some(refused), None),
            (ConsentStatus::Refused, ConsentChannels::NONE)
        );
        // A given consent stays in force while the guardian is asked again (e.g. for e-mail).
        assert_eq!(
            consent_status(
                true,
                Some(given(true, false, "2026-12-02T10:00:00Z")),
                Some(at("2026-12-04T10:00:00Z"))
            ),
            (
                ConsentStatus::Requested,
                ConsentChannels {
                    sms: true,
                    email: false
                }
            )
        );
    }

    #[test]
    fn channel_codes_round_trip_and_unknown_ones_are_named() {
        let both = ConsentChannels::from_codes(&["sms", "email"]).unwrap();
        assert_eq!(both.codes(), vec!["sms", "email"]);
        assert_eq!(
            ConsentChannels::from_codes(&["fax"]),
            Err("fax".to_string())
        );
        assert!(ConsentChannels::from_codes::<&str>(&[]).unwrap().is_empty());
    }

    #[cfg(feature = "tz")]
    mod age_rule {
        use super::super::*;
        use chrono::{NaiveDate, TimeZone, Utc};
        use chrono_tz::Europe::Oslo;

        fn d(y: i32, m: u32, day: u32) -> NaiveDate {
            NaiveDate::from_ymd_opt(y, m, day).unwrap()
        }

        #[test]
        fn a_pupil_turns_18_at_local_midnight_of_the_birthday() {
            let birth = d(2009, 6, 15);
            // Oslo is UTC+2 in June: the birthday begins 22:00 UTC the evening before.
            assert_eq!(
                adult_from(birth, Oslo),
                Utc.with_ymd_and_hms(2027, 6, 14, 22, 0, 0).unwrap()
            );
            let before = Utc.with_ymd_and_hms(2027, 6, 14, 21, 59, 59).unwrap();
            let after = Utc.with_ymd_and_hms(2027, 6, 14, 22, 0, 0).unwrap();
            assert!(is_minor_at(Some(birth), before, Oslo));
            assert!(!is_minor_at(Some(birth), after, Oslo));
            // In UTC it is still the 14th then, but the course's zone decides.
            assert!(is_minor_at(Some(birth), after, chrono_tz::UTC));
        }

        #[test]
        fn winter_birthdays_and_the_dst_change_days() {
            // UTC+1 in winter.
            assert_eq!(
                adult_from(d(2009, 1, 10), Oslo),
                Utc.with_ymd_and_hms(2027, 1, 9, 23, 0, 0).unwrap()
            );
            // 28 March 2027 (clocks go forward at 02:00) and 31 October 2027 (back at 03:00):
            // midnight exists on both and is an hour apart from the day before's offset.
            assert_eq!(
                adult_from(d(2009, 3, 28), Oslo),
                Utc.with_ymd_and_hms(2027, 3, 27, 23, 0, 0).unwrap()
            );
            assert_eq!(
                adult_from(d(2009, 10, 31), Oslo),
                Utc.with_ymd_and_hms(2027, 10, 30, 22, 0, 0).unwrap()
            );
        }

        #[test]
        fn leap_day_birthdays_turn_18_on_the_first_of_march() {
            assert_eq!(eighteenth_birthday(d(2008, 2, 29)), d(2026, 3, 1));
            assert_eq!(eighteenth_birthday(d(2012, 2, 29)), d(2030, 3, 1));
            assert_eq!(eighteenth_birthday(d(2010, 2, 28)), d(2028, 2, 28));
            // Agrees with the age rule the forms use.
            let b = d(2008, 2, 29);
            assert!(crate::people::is_minor(b, d(2026, 2, 28)));
            assert!(!crate::people::is_minor(b, d(2026, 3, 1)));
        }

        #[test]
        fn no_birth_date_is_no_minor() {
            assert!(!is_minor_at(None, Utc::now(), Oslo));
        }
    }
}

// Records shared by the store, the pages and the API.

/// One consent record, as staff and the API see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRecord {
    pub id: i64,
    pub participant_id: i64,
    /// `given` or `refused`.
    pub decision: String,
    /// The guardian's name.
    pub given_by: String,
    pub relation: String,
    /// `paper`, `in_person`, `phone` or `digital`.
    pub method: String,
    pub given_at: String,
    pub text_version: Option<i64>,
    /// The exact consent text shown.
    pub text: String,
    pub language: String,
    /// `sms`, `email`.
    pub channels: Vec<String>,
    pub recorded_by: Option<i64>,
    pub recorded_by_name: Option<String>,
    pub recorded_at: String,
    pub withdrawn_at: Option<String>,
    pub withdrawn_by_name: Option<String>,
    pub withdraw_reason: Option<String>,
    /// A later record replaced it (the latest record is the one in force).
    pub superseded: bool,
}

/// A consent recorded by staff (from a paper form, in person, by phone).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ConsentInput {
    pub given_by: String,
    pub relation: String,
    pub method: String,
    #[serde(default)]
    pub channels: Vec<String>,
    /// `given` (the default) or `refused`.
    #[serde(default)]
    pub decision: Option<String>,
    /// The day the guardian gave it (YYYY-MM-DD), when that was before today: a signed paper
    /// brought in later. Today when left out.
    #[serde(default)]
    pub given_on: Option<String>,
}

/// An open or past request to the guardian.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentRequestInfo {
    pub id: i64,
    pub requested_at: String,
    pub expires_at: String,
    pub answered_at: Option<String>,
    /// The channels the link went by (`sms`, `email`).
    pub channels: Vec<String>,
}

/// Everything the participant's page shows about consent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentOverview {
    pub participant_id: i64,
    pub first_name: String,
    /// See `crate::consent::ConsentStatus`.
    pub status: String,
    pub channels: Vec<String>,
    pub records: Vec<ConsentRecord>,
    pub latest_request: Option<ConsentRequestInfo>,
    pub guardian_name: Option<String>,
    pub guardian_reachable: bool,
    pub sms_opted_out: bool,
    pub guardian_sms_opted_out: bool,
    pub text_version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardianView {
    pub language: String,
    pub pupil_first_name: String,
    pub course: String,
    pub dates: String,
    pub leader: String,
    pub consent_text: String,
    pub text_version: i64,
    /// Not used, not answered, not expired.
    pub usable: bool,
    /// The pupil is still under 18 (else the guardian need not answer).
    pub still_minor: bool,
    pub guardian_name: String,
}

/// The guardian's answer as the form posts it (checkboxes send "on" or nothing).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ConsentAnswer {
    /// `given` or `refused`.
    pub decision: String,
    pub given_by: String,
    #[serde(default)]
    pub relation: String,
    #[serde(default)]
    pub sms: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// The version of the consent text the page showed.
    #[serde(default)]
    pub text_version: Option<i64>,
    /// The language the page showed it in (the guardian may switch on the page).
    #[serde(default)]
    pub language: Option<String>,
}

//! Mobile numbers: parsed at the boundary and stored as E.164. Norwegian numbers may be typed
//! without +47; a Norwegian number must be a mobile one by libphonenumber's metadata for
//! Norway (which the `phonenumber` crate carries), because the number exists to receive texts.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneError {
    Invalid,
    NotNorwegianMobile,
}

impl From<PhoneError> for crate::problem::Problem {
    fn from(e: PhoneError) -> Self {
        use crate::problem::Code;
        match e {
            PhoneError::Invalid => Code::NotPhoneNumber,
            PhoneError::NotNorwegianMobile => Code::NotNorwegianMobile,
        }
        .into()
    }
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::problem::Problem::from(self.clone()).fmt(f)
    }
}

impl std::error::Error for PhoneError {}

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '.' | '(' | ')' | '\u{a0}'))
            .collect();
        let cleaned = match cleaned.strip_prefix("00") {
            Some(rest) => format!("+{rest}"),
            None => cleaned,
        };
        if cleaned.is_empty()
            || !cleaned
                .trim_start_matches('+')
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            return Err(PhoneError::Invalid);
        }
        // Eight digits with no prefix are a Norwegian number as written at home. Left to
        // itself, the parser would read a leading "47" (the 47x mobile ranges) as the country
        // code and refuse the rest.
        let international = if !cleaned.starts_with('+') && cleaned.len() == 8 {
            format!("+47{cleaned}")
        } else {
            cleaned
        };
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::NO), &international)
            .map_err(|_| PhoneError::Invalid)?;
        let e164 = parsed.format().mode(phonenumber::Mode::E164).to_string();
        if parsed.code().value() == 47 {
            let mobile =
                parsed.number_type(&phonenumber::metadata::DATABASE) == phonenumber::Type::Mobile;
            return if mobile {
                Ok(Self(e164))
            } else {
                Err(PhoneError::NotNorwegianMobile)
            };
        }
        if !phonenumber::is_valid(&parsed) {
            return Err(PhoneError::Invalid);
        }
        Ok(Self(e164))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_numbers_without_country_code_become_e164() {
        assert_eq!(
            PhoneNumber::parse("912 34 567").unwrap().as_str(),
            "+4791234567"
        );
        assert_eq!(
            PhoneNumber::parse("41234567").unwrap().as_str(),
            "+4741234567"
        );
        assert_eq!(
            PhoneNumber::parse("+47 912 34 567").unwrap().as_str(),
            "+4791234567"
        );
        assert_eq!(
            PhoneNumber::parse("0047 91234567").unwrap().as_str(),
            "+4791234567"
        );
        assert_eq!(
            PhoneNumber::parse("(+47) 912-34-567").unwrap().as_str(),
            "+4791234567"
        );
    }

    #[test]
    fn norwegian_landlines_and_short_numbers_are_refused() {
        assert_eq!(
            PhoneNumber::parse("22 33 44 55"),
            Err(PhoneError::NotNorwegianMobile)
        );
        assert_eq!(
            PhoneNumber::parse("+47 5512 3456"),
            Err(PhoneError::NotNorwegianMobile)
        );
        assert!(PhoneNumber::parse("9123456").is_err());
        assert!(PhoneNumber::parse("912345678").is_err());
    }

    /// Every 8-digit number in every three-digit range, typed as people do (national, with
    /// +47, with 0047, spaced), is accepted exactly when libphonenumber's metadata for Norway
    /// says it is a mobile number, and is stored as +47 and the eight digits.
    #[test]
    fn every_allocated_mobile_range_is_accepted_by_libphonenumber_metadata() {
        let norway = phonenumber::metadata::DATABASE
            .by_id("NO")
            .expect("metadata for Norway");
        let mobile = norway.descriptors().mobile().expect("a mobile descriptor");
        let mut accepted_ranges = 0;
        for prefix in 100..1000 {
            for rest in ["00000", "12345", "99999"] {
                let national = format!("{prefix}{rest}");
                let expected = mobile.is_match(&national);
                let spaced = format!("{} {} {}", &national[..3], &national[3..5], &national[5..]);
                for typed in [
                    national.clone(),
                    format!("+47{national}"),
                    format!("0047 {national}"),
                    spaced,
                ] {
                    let got = PhoneNumber::parse(&typed);
                    assert_eq!(got.is_ok(), expected, "{typed}: {got:?}");
                    if let Ok(n) = got {
                        assert_eq!(n.as_str(), format!("+47{national}"));
                    }
                }
            }
            if mobile.is_match(&format!("{prefix}12345")) {
                accepted_ranges += 1;
            }
        }
        // 400–499 and 900–999: the test cannot pass by refusing everything.
        assert_eq!(accepted_ranges, 200);
    }

    #[test]
    fn numbers_in_the_47x_ranges_are_not_taken_for_a_country_code() {
        for typed in ["474 12 345", "47412345", "47 41 23 45", "479 99 999"] {
            let digits: String = typed.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(
                PhoneNumber::parse(typed).unwrap().as_str(),
                format!("+47{digits}")
            );
        }
    }

    #[test]
    fn foreign_numbers_are_kept_when_valid() {
        assert_eq!(
            PhoneNumber::parse("+46 70 123 45 67").unwrap().as_str(),
            "+46701234567"
        );
        assert_eq!(
            PhoneNumber::parse("+44 7911 123456").unwrap().as_str(),
            "+447911123456"
        );
        assert!(PhoneNumber::parse("+46 1").is_err());
    }

    #[test]
    fn garbage_is_refused() {
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::Invalid));
        assert_eq!(PhoneNumber::parse("ring meg"), Err(PhoneError::Invalid));
        assert_eq!(PhoneNumber::parse("91234567x"), Err(PhoneError::Invalid));
    }
}

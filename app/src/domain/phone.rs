//! Mobile numbers: parsed at the boundary and stored as E.164. Norwegian numbers may be typed
//! without +47; a Norwegian number must be a mobile one (8 digits starting with 4 or 9),
//! because the number exists to receive text messages.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhoneNumber(String);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("not a phone number")]
    Invalid,
    #[error("a Norwegian mobile number has 8 digits and starts with 4 or 9")]
    NotNorwegianMobile,
}

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
        let parsed = phonenumber::parse(Some(phonenumber::country::Id::NO), &cleaned)
            .map_err(|_| PhoneError::Invalid)?;
        let e164 = parsed.format().mode(phonenumber::Mode::E164).to_string();
        if let Some(national) = e164.strip_prefix("+47") {
            let mobile = national.len() == 8 && matches!(national.as_bytes()[0], b'4' | b'9');
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

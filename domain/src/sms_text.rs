//! SMS encoding and segment counting: GSM-7 (with its extension table) or UCS-2.
//!
//! The template editor shows this so that whoever writes a text sees what it costs: one
//! stray character outside GSM-7 (a curly quote, a Turkish ş, an emoji) switches the whole
//! message to UCS-2 and more than halves the room per segment.

use serde::{Deserialize, Serialize};

/// How an SMS is encoded on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmsEncoding {
    /// The GSM 03.38 default alphabet, 7 bits a character.
    Gsm7,
    /// UTF-16, 16 bits a code unit; used as soon as one character is outside GSM-7.
    Ucs2,
}

impl SmsEncoding {
    /// The name people know the encoding by, as shown in the editor.
    pub fn code(self) -> &'static str {
        match self {
            SmsEncoding::Gsm7 => "GSM-7",
            SmsEncoding::Ucs2 => "UCS-2",
        }
    }

    /// Units that fit when the whole text goes in a single SMS.
    fn single_limit(self) -> usize {
        match self {
            SmsEncoding::Gsm7 => 160,
            SmsEncoding::Ucs2 => 70,
        }
    }

    /// Units per segment once the text is split: each part carries a header
    /// (the concatenation information) that takes the difference.
    fn concatenated_limit(self) -> usize {
        match self {
            SmsEncoding::Gsm7 => 153,
            SmsEncoding::Ucs2 => 67,
        }
    }
}

/// What a text costs as SMS.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SmsCount {
    pub encoding: SmsEncoding,
    /// Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    pub units: usize,
    /// How many SMS the text is sent as (and billed as); 0 for an empty text.
    pub segments: usize,
    /// The room per segment that applies: the single-SMS limit while the text fits in one,
    /// the smaller concatenated limit once it does not.
    pub per_segment: usize,
}

/// Counts encoding, units and segments of `text` as a phone network would send it.
pub fn count(text: &str) -> SmsCount {
    // One character outside GSM-7 is enough to send the whole text as UCS-2.
    let septets: Option<Vec<usize>> = text.chars().map(gsm7_septets).collect();
    match septets {
        Some(widths) => split(SmsEncoding::Gsm7, widths.into_iter()),
        None => split(SmsEncoding::Ucs2, text.chars().map(char::len_utf16)),
    }
}

/// Lays the characters (given by their widths in units) out into segments.
///
/// A character is never split across two segments: an extension character (escape + code)
/// and an emoji (a surrogate pair) travel whole, so when one does not fit in what is left of
/// a segment it starts the next one. That is why this packs character by character instead
/// of dividing the total by the per-segment limit, which would undercount at the boundaries.
fn split(encoding: SmsEncoding, widths: impl Iterator<Item = usize> + Clone) -> SmsCount {
    let units: usize = widths.clone().sum();
    let single = encoding.single_limit();
    if units == 0 {
        return SmsCount {
            encoding,
            units,
            segments: 0,
            per_segment: single,
        };
    }
    if units <= single {
        return SmsCount {
            encoding,
            units,
            segments: 1,
            per_segment: single,
        };
    }
    let per_segment = encoding.concatenated_limit();
    let mut segments = 1;
    let mut used = 0;
    for width in widths {
        if used + width > per_segment {
            segments += 1;
            used = 0;
        }
        used += width;
    }
    SmsCount {
        encoding,
        units,
        segments,
        per_segment,
    }
}

/// The GSM 03.38 basic character set, 16 codes a line (0x00–0x7F). The escape code at 0x1B
/// is left out: it is not a character of text but the door to the extension table.
const GSM7_BASIC: &str = concat!(
    "@£$¥èéùìòÇ\nØø\rÅå",
    "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ",
    " !\"#¤%&'()*+,-./",
    "0123456789:;<=>?",
    "¡ABCDEFGHIJKLMNO",
    "PQRSTUVWXYZÄÖÑÜ§",
    "¿abcdefghijklmno",
    "pqrstuvwxyzäöñüà",
);

/// The GSM 03.38 extension table: each is sent as escape + code.
const GSM7_EXTENSION: &str = "\u{000C}^{}\\[~]|€";

/// Septets a character takes in GSM-7: 1 in the basic set, 2 in the extension table,
/// `None` when GSM-7 cannot carry it at all.
fn gsm7_septets(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENSION.contains(c) {
        Some(2)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeat(s: &str, n: usize) -> String {
        s.repeat(n)
    }

    #[test]
    fn empty_text_is_no_sms() {
        let c = count("");
        assert_eq!(c.encoding, SmsEncoding::Gsm7);
        assert_eq!(c.units, 0);
        assert_eq!(c.segments, 0);
    }

    #[test]
    fn plain_ascii_fills_one_sms_then_splits() {
        let c = count(&repeat("a", 160));
        assert_eq!(
            (c.encoding, c.units, c.segments, c.per_segment),
            (SmsEncoding::Gsm7, 160, 1, 160)
        );
        let c = count(&repeat("a", 161));
        assert_eq!((c.units, c.segments, c.per_segment), (161, 2, 153));
    }

    #[test]
    fn gsm7_concatenated_boundaries() {
        assert_eq!(count(&repeat("a", 153 * 2)).segments, 2);
        assert_eq!(count(&repeat("a", 153 * 2 + 1)).segments, 3);
        assert_eq!(count(&repeat("a", 153 * 3)).segments, 3);
    }

    #[test]
    fn norwegian_letters_are_gsm7() {
        let c = count("Hei Åse! Vi gleder oss til å se deg på Ørsta. Blåbær, ÆØÅ æøå.");
        assert_eq!(c.encoding, SmsEncoding::Gsm7);
        assert_eq!(
            c.units,
            "Hei Åse! Vi gleder oss til å se deg på Ørsta. Blåbær, ÆØÅ æøå."
                .chars()
                .count()
        );
        assert_eq!(c.segments, 1);
    }

    #[test]
    fn extension_characters_count_two() {
        for text in ["{", "}", "[", "]", "~", "\\", "|", "^", "€", "\u{000C}"] {
            let c = count(text);
            assert_eq!(c.encoding, SmsEncoding::Gsm7, "{text:?}");
            assert_eq!(c.units, 2, "{text:?}");
        }
        assert_eq!(count("Pris: 50 €").units, 11);
        // 159 + 2 no longer fits one SMS.
        assert_eq!(count(&format!("{}€", repeat("a", 159))).segments, 2);
    }

    #[test]
    fn extension_character_is_not_split_across_segments() {
        // 306 septets would be exactly two segments, but the € cannot start at the last
        // septet of the first segment, so it moves over and the text needs three.
        let text = format!("{}€{}", repeat("a", 152), repeat("a", 152));
        let c = count(&text);
        assert_eq!(c.units, 306);
        assert_eq!(c.segments, 3);
    }

    #[test]
    fn arabic_is_ucs2_with_its_limits() {
        let c = count("مرحبا");
        assert_eq!(
            (c.encoding, c.units, c.segments, c.per_segment),
            (SmsEncoding::Ucs2, 5, 1, 70)
        );
        assert_eq!(count(&repeat("م", 70)).segments, 1);
        let c = count(&repeat("م", 71));
        assert_eq!((c.segments, c.per_segment), (2, 67));
        assert_eq!(count(&repeat("م", 67 * 2)).segments, 2);
        assert_eq!(count(&repeat("م", 67 * 2 + 1)).segments, 3);
    }

    #[test]
    fn turkish_letters_outside_gsm7_switch_to_ucs2() {
        assert_eq!(count("Görüşürüz").encoding, SmsEncoding::Ucs2);
        assert_eq!(count("ığ").encoding, SmsEncoding::Ucs2);
        // ö and ü alone are in the basic set; lowercase ç is not (only Ç is).
        assert_eq!(count("Göz üstü").encoding, SmsEncoding::Gsm7);
        assert_eq!(count("ç").encoding, SmsEncoding::Ucs2);
    }

    #[test]
    fn emoji_counts_two_units() {
        let c = count("😀");
        assert_eq!((c.encoding, c.units, c.segments), (SmsEncoding::Ucs2, 2, 1));
        // One emoji makes a Norwegian text UCS-2 too.
        let c = count("Hei! 👍");
        assert_eq!((c.encoding, c.units), (SmsEncoding::Ucs2, 7));
        // 66 units then a surrogate pair: the pair moves to the second segment.
        let c = count(&format!("{}😀{}", repeat("a", 66), repeat("a", 66)));
        assert_eq!(c.units, 134);
        assert_eq!(c.segments, 3);
    }

    #[test]
    fn tables_have_the_standard_sizes() {
        // 128 codes less the escape; 9 extension characters plus form feed.
        assert_eq!(GSM7_BASIC.chars().count(), 127);
        assert_eq!(GSM7_EXTENSION.chars().count(), 10);
    }

    #[test]
    fn encoding_codes() {
        assert_eq!(SmsEncoding::Gsm7.code(), "GSM-7");
        assert_eq!(SmsEncoding::Ucs2.code(), "UCS-2");
    }
}

//! The words of the reminder engine: what kind of message, by which channel, in which state.

use serde::{Deserialize, Serialize};

code_enum! {
    /// Why a message is sent. Texts exist per kind and language.
    MessageKind {
        SessionReminder => "session_reminder",
        FollowUpInvitation => "follow_up_invitation",
        AbsenceFollowUp => "absence_follow_up",
        LeaderAlert => "leader_alert",
        Welcome => "welcome",
        MagicLink => "magic_link",
        DailyDigest => "daily_digest",
        SessionChanged => "session_changed",
        SessionCancelled => "session_cancelled",
        GuardianWelcome => "guardian_welcome",
        GuardianInvitation => "guardian_invitation",
        GuardianReminder => "guardian_reminder",
        ConsentRequest => "consent_request",
        SmsResumed => "sms_resumed",
        StaffInvitation => "staff_invitation",
        PasswordReset => "password_reset",
    }
}

code_enum! {
    Channel { Sms => "sms", Email => "email" }
}

code_enum! {
    /// A message's life: planned → sending → sent → delivered, or failed / skipped /
    /// cancelled; `uncertain` when the process stopped while sending it (never resent blindly).
    MessageState {
        Planned => "planned",
        Sending => "sending",
        Sent => "sent",
        Delivered => "delivered",
        Failed => "failed",
        Skipped => "skipped",
        Cancelled => "cancelled",
        Uncertain => "uncertain",
    }
}

impl MessageKind {
    /// Messages to staff rather than to participants.
    pub fn to_staff(self) -> bool {
        matches!(
            self,
            MessageKind::LeaderAlert
                | MessageKind::DailyDigest
                | MessageKind::StaffInvitation
                | MessageKind::PasswordReset
        )
    }
}

impl MessageKind {
    /// Messages to a pupil's guardian (copies, and the consent request): they go to the
    /// guardian's number or address, in the guardian's language.
    pub fn to_guardian(self) -> bool {
        matches!(
            self,
            MessageKind::GuardianWelcome
                | MessageKind::GuardianInvitation
                | MessageKind::GuardianReminder
                | MessageKind::ConsentRequest
        )
    }

    /// The guardian's copy of a participant's message, if the kind has one.
    pub fn guardian_copy(self) -> Option<MessageKind> {
        match self {
            MessageKind::Welcome => Some(MessageKind::GuardianWelcome),
            MessageKind::FollowUpInvitation => Some(MessageKind::GuardianInvitation),
            MessageKind::SessionReminder => Some(MessageKind::GuardianReminder),
            _ => None,
        }
    }

    /// Sent on request and written when queued or sent, never planned: planning leaves them
    /// alone (it would otherwise cancel them as named by no rule).
    pub fn on_request(self) -> bool {
        matches!(
            self,
            MessageKind::MagicLink
                | MessageKind::ConsentRequest
                | MessageKind::SmsResumed
                | MessageKind::StaffInvitation
                | MessageKind::PasswordReset
        )
    }
}

impl MessageState {
    /// States a message can still leave on its own (planning may change or cancel it).
    pub fn is_pending(self) -> bool {
        matches!(self, MessageState::Planned)
    }

    /// States someone should look at.
    pub fn needs_attention(self) -> bool {
        matches!(self, MessageState::Failed | MessageState::Uncertain)
    }
}

impl MessageKind {
    /// Sent because someone asked for it just now (a sign-in link): quiet hours do not hold
    /// it back, since the person is waiting for it.
    pub fn answers_a_request(self) -> bool {
        matches!(
            self,
            MessageKind::MagicLink
                | MessageKind::SmsResumed
                | MessageKind::StaffInvitation
                | MessageKind::PasswordReset
        )
    }
}

/// A message text as it is kept in the message ledger: the token of a sign-in link (a key to
/// the participant's page), of a consent link (a key to the guardian's answer) or of a staff
/// invitation or reset link (a key to an account) is replaced by "…", so staff reading the
/// ledger see "/p/…", "/consent/…" and "/set-password/…".
pub fn redact_sign_in_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let found = ["/p/", "/consent/", "/set-password/"]
            .iter()
            .filter_map(|m| rest.find(m).map(|i| (i, m.len())))
            .min();
        let Some((i, len)) = found else { break };
        out.push_str(&rest[..i + len]);
        let after = &rest[i + len..];
        let token_len = after
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(after.len());
        if token_len > 0 {
            out.push('…');
        }
        rest = &after[token_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_tokens_are_hidden_and_the_rest_is_kept() {
        assert_eq!(
            redact_sign_in_links("Hei Sara! https://samling.no/p/0a1b2c3d4e5f Ikke del lenken."),
            "Hei Sara! https://samling.no/p/… Ikke del lenken."
        );
        assert_eq!(
            redact_sign_in_links("to lenker: /p/abc og /p/def"),
            "to lenker: /p/… og /p/…"
        );
        assert_eq!(redact_sign_in_links("ingen lenke her"), "ingen lenke her");
        assert_eq!(redact_sign_in_links("slutt /p/"), "slutt /p/");
        assert_eq!(
            redact_sign_in_links("Svar her: https://samling.no/consent/9f8e7d6c5b4a (14 dager)"),
            "Svar her: https://samling.no/consent/… (14 dager)"
        );
        assert_eq!(
            redact_sign_in_links("Velg passord:\nhttps://samling.no/set-password/5e6f7a8b9c\n"),
            "Velg passord:\nhttps://samling.no/set-password/…\n"
        );
    }

    #[test]
    fn only_sign_in_links_skip_quiet_hours() {
        assert!(MessageKind::MagicLink.answers_a_request());
        assert!(!MessageKind::SessionReminder.answers_a_request());
        assert!(!MessageKind::FollowUpInvitation.answers_a_request());
    }
}

// Records shared by the store, the pages and the API.

/// One message in the ledger, whatever its state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct LedgerEntry {
    pub id: i64,
    pub kind: String,
    pub channel: String,
    pub state: String,
    pub reason: Option<String>,
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub user_id: Option<i64>,
    pub course_id: Option<i64>,
    pub session_id: Option<i64>,
    pub rule_key: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub due_at: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub sent_at: Option<String>,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub delivered_at: Option<String>,
    pub recipient: Option<String>,
    pub subject: Option<String>,
    pub body: Option<String>,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub provider: Option<String>,
    pub provider_id: Option<String>,
}

/// Filters for the ledger; all optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LedgerFilter {
    pub participant_id: Option<i64>,
    pub course_id: Option<i64>,
    pub state: Option<String>,
}

/// A reply from a participant that someone should read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "sql", derive(sqlx::FromRow))]
pub struct InboxItem {
    pub id: i64,
    pub participant_id: Option<i64>,
    pub participant_name: Option<String>,
    pub from_number: String,
    pub body: String,
    /// yes, no, stop or other.
    pub intent: String,
    #[cfg_attr(feature = "sql", sqlx(try_from = "crate::sql_text::InstantText"))]
    pub received_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateEditor {
    pub kind: String,
    pub language: String,
    pub subject: String,
    pub body: String,
    /// An edited text is in use (not the shipped default).
    pub edited: bool,
    /// Participants to preview for: (id, name).
    pub participants: Vec<(i64, String)>,
}
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplatePreview {
    pub subject: String,
    pub body: String,
    pub encoding: String,
    pub segments: usize,
    pub units: usize,
    pub saved: bool,
}

/// One rule as pages and the API show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleView {
    pub channel: String,
    pub offset_minutes: i64,
    pub min_lead_minutes: i64,
}
/// The rules in force for a programme or course.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RulesInForce {
    pub scope: RuleScope,
    /// "course", "programme" or "default": whose rules these are.
    pub source: String,
    pub rules: Vec<RuleView>,
    /// Whether the caller may change them.
    pub can_edit: bool,
}
/// Which rules: a programme's or a course's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RuleScope {
    Programme(i64),
    Course(i64),
}

impl RuleScope {
    /// ("programme" | "course", id), as forms and server-function arguments carry it.
    pub fn parts(self) -> (&'static str, i64) {
        match self {
            RuleScope::Programme(id) => ("programme", id),
            RuleScope::Course(id) => ("course", id),
        }
    }

    pub fn from_parts(kind: &str, id: i64) -> Self {
        if kind == "programme" {
            RuleScope::Programme(id)
        } else {
            RuleScope::Course(id)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub course: String,
    pub when: String,
    /// The local day and time ("17:00"), for the page to write in its language.
    pub day: chrono::NaiveDate,
    pub time: String,
    pub place: String,
    /// "yes", "no" or none yet.
    pub answer: Option<String>,
    /// The session has begun: too late to answer.
    pub past: bool,
}

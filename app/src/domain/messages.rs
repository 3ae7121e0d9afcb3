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
        matches!(self, MessageKind::LeaderAlert | MessageKind::DailyDigest)
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

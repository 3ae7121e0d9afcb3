//! Why a request was refused, as a code and its values: the words live in the Fluent files
//! (`locales/<lang>/problems.ftl`, message `problem-<code>`), so a page shows them in its own
//! language and the API gives the code beside the English sentence.

use crate::i18n;
use crate::people::Language;
use serde::{Deserialize, Serialize};
use std::fmt;

code_enum! {
    /// Every reason a field or a request can be refused. The code is stable (API clients may
    /// match on it); the words are in `problems.ftl`, and a test makes sure bokmål and English
    /// have each one.
    Code {
        Between => "between",
        AtMostCharacters => "at_most_characters",
        WholeNumber => "whole_number",
        DateForm => "date_form",
        DateFormExample => "date_form_example",
        DateAsIso => "date_as_iso",
        MonthForm => "month_form",
        TimeForm => "time_form",
        InstantForm => "instant_form",
        UseOneOf => "use_one_of",
        Unreadable => "unreadable",
        NotEmail => "not_email",
        NotMobile => "not_mobile",
        NotPhoneNumber => "not_phone_number",
        NotNorwegianMobile => "not_norwegian_mobile",
        LanguageChoice => "language_choice",
        LanguageChoiceOrEmpty => "language_choice_or_empty",
        UnknownTimeZone => "unknown_time_zone",
        UnknownWeekday => "unknown_weekday",
        NoUser => "no_user",
        NoStaffUser => "no_staff_user",
        NoSuchSchool => "no_such_school",
        SchoolInactive => "school_inactive",
        SchoolNotListed => "school_not_listed",
        NoSuchProgramme => "no_such_programme",
        CursorUnknown => "cursor_unknown",
        LimitRange => "limit_range",
        UserNameMissing => "user_name_missing",
        PersonNameMissing => "person_name_missing",
        SchoolNameMissing => "school_name_missing",
        CounsellorNeedsSchool => "counsellor_needs_school",
        PasswordTooShort => "password_too_short",
        PasswordsDiffer => "passwords_differ",
        EmailMissing => "email_missing",
        EmailTaken => "email_taken",
        RoleChoice => "role_choice",
        AccountDisabledEnableFirst => "account_disabled_enable_first",
        PasswordChosenAlready => "password_chosen_already",
        LastAdmin => "last_admin",
        SchoolNameRequired => "school_name_required",
        SchoolKindChoice => "school_kind_choice",
        SchoolNameTaken => "school_name_taken",
        PeriodNameMissing => "period_name_missing",
        LastDayBeforeFirst => "last_day_before_first",
        PeriodTooLong => "period_too_long",
        ProgrammeNameMissing => "programme_name_missing",
        ProgrammeNameTaken => "programme_name_taken",
        WeeksOrMonths => "weeks_or_months",
        EndTimeBeforeStart => "end_time_before_start",
        CourseTitleMissing => "course_title_missing",
        PublicNameMissing => "public_name_missing",
        LocationMissing => "location_missing",
        ProgrammeHasNoSessions => "programme_has_no_sessions",
        ChooseProgramme => "choose_programme",
        ChooseLeadersFromList => "choose_leaders_from_list",
        CourseNeedsLeader => "course_needs_leader",
        CounsellorCannotLead => "counsellor_cannot_lead",
        CapacityAtLeastOne => "capacity_at_least_one",
        CapacityBelowEnrolled => "capacity_below_enrolled",
        CourseHasSessionsToCome => "course_has_sessions_to_come",
        CourseHasEnrolments => "course_has_enrolments",
        ChooseWeekday => "choose_weekday",
        NeedsOneSession => "needs_one_session",
        NoOpenDay => "no_open_day",
        EndBeforeStart => "end_before_start",
        EndTooLate => "end_too_late",
        SessionStatusChoice => "session_status_choice",
        AlreadyEnrolled => "already_enrolled",
        FirstNameMissing => "first_name_missing",
        LastNameMissing => "last_name_missing",
        BirthDateImplausible => "birth_date_implausible",
        ChannelChoice => "channel_choice",
        MobileNeededForSms => "mobile_needed_for_sms",
        EmailNeededForEmail => "email_needed_for_email",
        CategoryChoice => "category_choice",
        MinorNeedsGuardian => "minor_needs_guardian",
        GuardianContactMissing => "guardian_contact_missing",
        AttendanceChoice => "attendance_choice",
        NotEnrolledInSessionCourse => "not_enrolled_in_session_course",
        NoteTooLong => "note_too_long",
        WriteSomething => "write_something",
        EntryTooLong => "entry_too_long",
        StaffNeedPermission => "staff_need_permission",
        NotParticipantSession => "not_participant_session",
        WriteWhatWasDone => "write_what_was_done",
        NotMarkedAbsent => "not_marked_absent",
        GoalTitleMissing => "goal_title_missing",
        DescribeMeasure => "describe_measure",
        PlanStateChoice => "plan_state_choice",
        GroupSize => "group_size",
        NotEnrolledParticipant => "not_enrolled_participant",
        InTwoGroups => "in_two_groups",
        TooFewForPairs => "too_few_for_pairs",
        DateInFuture => "date_in_future",
        DateBefore2000 => "date_before2000",
        OutcomeChoice => "outcome_choice",
        ContactChannelChoice => "contact_channel_choice",
        FollowUpClosed => "follow_up_closed",
        FollowUpNotClosed => "follow_up_not_closed",
        CloseAfterReopened => "close_after_reopened",
        MessageStateChoice => "message_state_choice",
        UnknownMessageKind => "unknown_message_kind",
        TemplateLanguageChoice => "template_language_choice",
        ChooseParticipantToPreview => "choose_participant_to_preview",
        ParticipantNotEnrolled => "participant_not_enrolled",
        ReminderChannel => "reminder_channel",
        ReminderLead => "reminder_lead",
        LeastLeadRange => "least_lead_range",
        ReminderTwice => "reminder_twice",
        TooManyReminders => "too_many_reminders",
        HoursBeforeWhole => "hours_before_whole",
        UnknownVariable => "unknown_variable",
        BraceNotClosed => "brace_not_closed",
        TextEmpty => "text_empty",
        SessionBegun => "session_begun",
        ContactMissing => "contact_missing",
        LinksSentRecently => "links_sent_recently",
        NoContactDetails => "no_contact_details",
        ChannelNotConsented => "channel_not_consented",
        GuardianNameMissing => "guardian_name_missing",
        GuardianRelationMissing => "guardian_relation_missing",
        FullNameMissing => "full_name_missing",
        ConsentMethodChoice => "consent_method_choice",
        DigitalConsentByLink => "digital_consent_by_link",
        DecisionChoice => "decision_choice",
        ChooseChannel => "choose_channel",
        UnknownChannel => "unknown_channel",
        RelationChoice => "relation_choice",
        PupilIsAdult => "pupil_is_adult",
        AdultNeedsNoConsent => "adult_needs_no_consent",
        ConsentInFuture => "consent_in_future",
        ConsentTooOld => "consent_too_old",
        ConsentWithdrawn => "consent_withdrawn",
        OnlyConsentInForce => "only_consent_in_force",
        RefusalNotWithdrawable => "refusal_not_withdrawable",
        SmsBackOnReason => "sms_back_on_reason",
        SmsNotOff => "sms_not_off",
        GuardianUnreachable => "guardian_unreachable",
        EnrolPupilFirst => "enrol_pupil_first",
        GuardianAskedRecently => "guardian_asked_recently",
        BokmalTextRequired => "bokmal_text_required",
        ConsentWhoChoice => "consent_who_choice",
        KeepAfterToday => "keep_after_today",
        KeepAtMostFiveYears => "keep_at_most_five_years",
        ConfirmErasure => "confirm_erasure",
        ReportTooLong => "report_too_long",
        LastMonthBeforeFirst => "last_month_before_first",
        ReportEndsThisMonth => "report_ends_this_month",
        ReportFrom2000 => "report_from2000",
        SharingOnlyTables => "sharing_only_tables",
        AuditEntityChoice => "audit_entity_choice",
        CopyDirection => "copy_direction",
        CopyTargetNotEmpty => "copy_target_not_empty",
        CopySourceOldSchema => "copy_source_old_schema",
        BackupExists => "backup_exists",
        BackupFolder => "backup_folder",
        PostgresBackup => "postgres_backup",
        ErasureReasonMissing => "erasure_reason_missing",
        KeepReasonMissing => "keep_reason_missing",
    }
}

/// The problems participants and guardians can meet on their own pages: these have words in
/// all six languages, not only bokmål and English.
pub const PARTICIPANT_FACING: &[Code] = &[
    Code::AtMostCharacters,
    Code::WriteSomething,
    Code::EntryTooLong,
    Code::NotParticipantSession,
    Code::ParticipantNotEnrolled,
    Code::SessionBegun,
    Code::ContactMissing,
    Code::LinksSentRecently,
    Code::NoContactDetails,
    Code::ChannelNotConsented,
    Code::FullNameMissing,
    Code::DecisionChoice,
    Code::ChooseChannel,
    Code::RelationChoice,
    Code::PupilIsAdult,
];

/// A problem code with the values its words name (a limit, an id, a name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: Code,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<(String, String)>,
}

impl Code {
    /// The problem with one value its words name: `Code::NoUser.with("id", 7)`.
    pub fn with(self, name: &str, value: impl ToString) -> Problem {
        Problem::from(self).with(name, value)
    }

    /// The Fluent message that holds this problem's words.
    pub fn message_id(self) -> String {
        format!("problem-{}", self.code())
    }
}

impl Problem {
    /// Adds a value the words name.
    pub fn with(mut self, name: &str, value: impl ToString) -> Problem {
        self.values.push((name.to_string(), value.to_string()));
        self
    }

    /// "between {min} and {max}".
    pub fn between(min: i64, max: i64) -> Problem {
        Code::Between.with("min", min).with("max", max)
    }

    /// "at most {max} characters".
    pub fn at_most_characters(max: usize) -> Problem {
        Code::AtMostCharacters.with("max", max)
    }

    /// The words in `language` (bokmål where that language lacks them).
    pub fn text(&self, language: Language) -> String {
        let mut args = i18n::Args::new();
        for (name, value) in &self.values {
            args.set(name.as_str(), value.as_str());
        }
        i18n::format(language, &self.code.message_id(), None, &args)
    }
}

impl From<Code> for Problem {
    fn from(code: Code) -> Self {
        Problem {
            code,
            values: Vec::new(),
        }
    }
}

/// English: the API's `message` and the operator's log.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Language::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page in bokmål or English never shows a bare code: each has words in both.
    #[test]
    fn every_problem_has_bokmal_and_english() {
        let missing: Vec<String> = Code::ALL
            .iter()
            .flat_map(|code| {
                [Language::Nb, Language::En]
                    .into_iter()
                    .filter(|l| !i18n::has(*l, &code.message_id()))
                    .map(move |l| format!("{} in {}", code.code(), l.code()))
            })
            .collect();
        assert!(missing.is_empty(), "no words for: {missing:?}");
    }

    /// Participants read their problems in their own language, not in bokmål.
    #[test]
    fn participants_problems_are_in_all_six_languages() {
        let missing: Vec<String> = PARTICIPANT_FACING
            .iter()
            .flat_map(|code| {
                Language::ALL
                    .iter()
                    .filter(|l| !i18n::has(**l, &code.message_id()))
                    .map(move |l| format!("{} in {}", code.code(), l.code()))
            })
            .collect();
        assert!(missing.is_empty(), "no words for: {missing:?}");
    }

    /// No message in problems.ftl is left without a code (a renamed code leaves words behind).
    #[test]
    fn every_message_has_a_code() {
        for language in Language::ALL {
            for key in i18n::keys(*language, "problems.ftl") {
                let code = key.strip_prefix("problem-").unwrap_or(&key);
                assert!(Code::parse(code).is_some(), "{key} in {}", language.code());
            }
        }
    }

    #[test]
    fn values_fill_the_words_in_each_language() {
        let problem = Problem::at_most_characters(200);
        assert_eq!(problem.to_string(), "at most 200 characters");
        assert_eq!(problem.text(Language::Nb), "høyst 200 tegn");
        assert_eq!(problem.text(Language::Tr), "en fazla 200 karakter");
        // Arabic isolates the number, as every variable in right-to-left text.
        assert_eq!(
            problem.text(Language::Ar),
            "\u{2068}200\u{2069} حرفاً على الأكثر"
        );
        let weekday = Code::UnknownWeekday.with("weekday", "funday");
        assert_eq!(weekday.to_string(), "unknown weekday \"funday\"");
        assert_eq!(weekday.text(Language::Nb), "ukjent ukedag «funday»");
        // Nynorsk has only participants' problems; the rest fall back to bokmål.
        assert_eq!(
            Problem::from(Code::LastAdmin).text(Language::Nn),
            Problem::from(Code::LastAdmin).text(Language::Nb)
        );
    }

    #[test]
    fn braces_in_words_are_literal() {
        let problem = Code::UnknownVariable
            .with("name", "frist_name")
            .with("names", "first_name, course");
        assert_eq!(
            problem.to_string(),
            "unknown variable {frist_name}; use one of first_name, course"
        );
        assert_eq!(
            Problem::from(Code::BraceNotClosed).to_string(),
            "a \"{\" is not closed"
        );
    }

    #[test]
    fn the_code_travels_as_snake_case() {
        let json = serde_json::to_value(Code::NoUser.with("id", 7)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "no_user", "values": [["id", "7"]]})
        );
        let back: Problem = serde_json::from_value(json).unwrap();
        assert_eq!(back.to_string(), "no user 7");
    }
}

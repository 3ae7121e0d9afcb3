//! Every word of the pages as a field, so that a page names the words it uses (`t.save`) and
//! a misspelt name fails to compile. The words themselves are Fluent messages of the same
//! name in `locales/<lang>/pages.ftl` and `participant.ftl`; a test checks that bokmål and
//! English have every one. Messages with variables or plural forms are read with
//! `i18n::format` instead (their names have hyphens).

use domain::i18n;
use domain::people::Language;

macro_rules! texts {
    ($($key:ident),+ $(,)?) => {
        /// The words of the pages in one language.
        pub struct Texts { $(pub $key: &'static str,)+ }

        /// The name of every field, which is also its message's name.
        pub const KEYS: &[&str] = &[$(stringify!($key)),+];

        impl Texts {
            /// Reads every word once; they live as long as the process (or page) does.
            pub(super) fn load(language: Language) -> Texts {
                Texts { $($key: Box::leak(i18n::text(language, stringify!($key)).into_boxed_str()),)+ }
            }
        }
    };
}

texts! {
    rollcall_said_coming, rollcall_said_cannot,
    calendar_title, calendar_help_participant, calendar_help_participant_staff,
    calendar_help_course, calendar_help_leader, calendar_my_sessions, calendar_copy_now,
    calendar_address, calendar_add, calendar_download, calendar_made, calendar_by, calendar_make,
    calendar_make_new, calendar_stop, calendar_none, calendar_revoke,
    nav_home, nav_programmes, nav_courses, nav_participants, sign_in, signed_in_as, email, password,
    login_title, login_failed, account_disabled, locked_out, cancel, restore, create, search,
    welcome, home_intro, programmes_title, programme_new, programme_name, description,
    sessions_per_week, weeks, weekdays, start_time, end_time, follow_up, follow_up_first_after,
    follow_up_more, follow_up_every, follow_up_first_unit, follow_up_every_unit, unit_weeks,
    unit_months, session_plan, session_plan_help, session_title, theme, method, sessions_count,
    only_admin_edits, courses_title, course_new, programme, course_title, public_name,
    public_name_short, edit_programme, location, capacity, start_date, time_zone, closed_dates,
    preview, preview_title, skipped_days, closed_day, save_course, schedule, number_short, date,
    time, status, kind_follow_up, status_scheduled, move_button, move_session, add_session,
    is_follow_up, leaders, places_taken, on_waitlist, participants_title, participant_new,
    edit_participant, search_placeholder, no_results, first_name, last_name, birth_date, phone,
    phone_help, preferred_language, preferred_channel, channel_sms, channel_email, channel_both,
    school, referral_source, primary_contact, none, category, category_reason, category_help,
    guardian, guardian_name, guardian_phone, guardian_email, enrolments, enrol, enrol_in_course,
    enrol_participant, choose, withdraw, withdraw_reason, enrolment_enrolled, enrolment_waitlisted,
    enrolment_withdrawn, waitlist_position, course, no_courses, no_enrolments, minor, contact,
    details, roll_call, present, absent, excused, late, not_marked, marked_count, mark_rest_present,
    note, with_permission, action_plan, add_goal, goal, measure, measure_text, due_date,
    responsible, goal_open, goal_in_progress, goal_done, goal_dropped, category_history, access_log,
    follow_up_title, nothing_to_follow_up, two_in_a_row, record_follow_up, what_was_done,
    attendance_overview, grid_legend, back_to_course, buddy_pairs, make_pairs, needs_new_buddy,
    unpaired, no_pairs, adjust_pairs, adjust_how, adjust_swap, adjust_join, participant,
    nav_messages, messages_title, messages_intro, no_messages, all_states, show, state_label,
    state_planned, state_sending, state_sent, state_delivered, state_failed, state_skipped,
    state_cancelled, state_uncertain, kind_session_reminder, kind_follow_up_invitation,
    kind_absence_follow_up, kind_leader_alert, kind_welcome, kind_session_changed,
    kind_session_cancelled, kind_magic_link, kind_daily_digest, kind_guardian_welcome,
    kind_guardian_invitation, kind_guardian_reminder, kind_consent_request, kind_sms_resumed,
    kind_staff_invitation, kind_password_reset, due_at, attempts, message_text, to_check,
    nothing_to_check, inbox_title, inbox_empty, mark_read, intent_yes, intent_no, intent_stop,
    intent_other, unknown_sender, nav_templates, templates_title, template_kind, template_subject,
    template_variables, template_edited, template_default, template_length, template_reset,
    template_saved, preview_for, preview_text, sms_parts, characters, hello, send_sign_in_link,
    own_page, reminders, rules_from_course, rules_from_programme, rules_of_programme, rules_default,
    change_reminders, channel, hours_before, minutes_before, hours_before_label, rules_save_own,
    rules_clear_hint, own_page_help, link_sent_by_sms, link_sent_by_email, consent_title,
    consent_not_needed, consent_missing, consent_requested, consent_given, consent_refused,
    consent_withdrawn, consent_asked_on, consent_ask_guardian, consent_no_guardian_contact,
    consent_record, consent_given_by, consent_relation, relation_mother, relation_father,
    relation_guardian, relation_other_guardian, consent_method, consent_method_paper,
    consent_method_in_person, consent_method_phone, consent_method_digital, consent_channels,
    consent_decision, consent_given_on, consent_text_version, consent_no_records,
    consent_superseded, consent_text_shown, consent_withdraw, recorded_by, participant_sms_stopped,
    guardian_sms_stopped, resume_sms_reason, resume_sms, guardian_language, same_as_participant,
    guardian_reminders, consent_text_title, consent_text_help, consent_column, closed_periods_title,
    closed_periods_help, closed_periods_none, closed_periods_link, closed_period_new,
    closed_period_name, first_day, last_day, all_schools, remove, nav_admin, staff_title,
    staff_help, staff_invite, staff_invite_send, staff_invited, full_name, role, role_admin,
    role_leader, role_counsellor, school_for_counsellor, no_school, account_active, account_invited,
    account_disabled_label, account_disable, account_enable, account_reinvite, account_history,
    set_password_title, set_password_hello, set_password_help, new_password, repeat_password,
    set_password_save, link_gone, password_saved, forgot_password, forgot_title, forgot_help,
    forgot_send, forgot_sent, tokens_title, tokens_help, tokens_none, token_unnamed, token_created,
    token_last_used, token_never_used, token_revoked, token_revoke, audit_title, audit_help,
    audit_none, audit_before, audit_after, audit_changed, audit_create, audit_update, audit_delete,
    audit_older, schools_title, schools_help, school_kind, school_lower_secondary,
    school_upper_secondary, school_other, school_retired, school_retire, school_restore, school_new,
    course_change, capacity_change_help, course_note, course_close, course_delete, course_closed,
    courses_closed_link, courses_active_link, course_school, course_school_none, course_school_help,
    nav_reports, reports_title, reports_help, report_from, report_to, report_all, report_show,
    report_download_csv, report_download_xlsx, report_for_sharing, report_month, report_new,
    report_in_follow_up, report_sessions_held, report_attendance, report_listed_two,
    report_unreachable, report_accumulated, report_outcomes_month, report_chart_month,
    report_chart_accumulated, report_moved_on, report_course_title, report_course_link,
    report_participants, report_without_outcome, report_attended, report_yes, report_no,
    report_summary, report_sessions, report_no_months, months_short, report_table_month,
    report_table_accumulated, report_downloads, report_school, report_completion_help,
    completion_percent, report_programme, report_course, decimal_sign, report_other_outcomes,
    outcome_work, outcome_education, outcome_work_training, outcome_course, outcome_benefits,
    outcome_moved, outcome_other, outcome_unknown, outcomes_title, outcome_status, outcome_date,
    outcome_note, outcome_add, outcome_history, outcome_none, outcome_previous, followup_close,
    followup_close_help, followup_reopen, contact_title, contact_channel, contact_reached,
    contact_not_reached, contact_add, contact_none, channel_phone, channel_letter, channel_visit,
    channel_other, privacy_title, privacy_export, privacy_export_help, erase_title, erase_help,
    erase_reason, erase_confirm, erase_button, erased_done, retention_title, retention_none,
    retention_last, retention_erase_on, retention_keep_until, retention_reason, retention_extend,
    app_name, skip_to_content, language, buddy, change_entry, earlier_text_kept, earlier_versions,
    invite_no, invite_past, invite_question, invite_said_no, invite_said_yes, invite_yes,
    kind_regular, link_on_its_way, link_used_or_expired, loading, logbook, logbook_empty,
    logbook_no_session, logbook_session, logbook_text, my_sessions, no_upcoming_sessions,
    open_my_page, participant_sign_in, participant_sign_in_help, participant_signed_out,
    phone_or_email, reflection_task, save, saved, send_me_a_link, sign_out, status_cancelled,
    write_in_logbook, not_found, internal_error, invalid_field, forbidden, need_login, conflict,
    rsvp_coming, rsvp_cannot, rsvp_reason, rsvp_said_yes, rsvp_said_no,
}
impl Texts {
    /// An outcome status in words.
    pub fn outcome(&self, status: domain::outcomes::OutcomeStatus) -> &'static str {
        use domain::outcomes::OutcomeStatus::*;
        match status {
            Work => self.outcome_work,
            Education => self.outcome_education,
            WorkTraining => self.outcome_work_training,
            Course => self.outcome_course,
            Benefits => self.outcome_benefits,
            Moved => self.outcome_moved,
            Other => self.outcome_other,
            Unknown => self.outcome_unknown,
        }
    }

    /// A contact channel in words.
    pub fn channel(&self, channel: domain::outcomes::ContactChannel) -> &'static str {
        use domain::outcomes::ContactChannel::*;
        match channel {
            Phone => self.channel_phone,
            Sms => self.channel_sms,
            Email => self.channel_email,
            Letter => self.channel_letter,
            Visit => self.channel_visit,
            Other => self.channel_other,
        }
    }
}

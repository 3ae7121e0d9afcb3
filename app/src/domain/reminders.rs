//! Reminder planning: which messages a course needs, when, as a pure function of its sessions, enrolments, rules and now.

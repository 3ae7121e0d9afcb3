//! Sending e-mail: lettre over SMTP, or the log.

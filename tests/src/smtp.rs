//! A real SMTP server for tests: Debian's python3-aiosmtpd, writing each message to a Maildir.

//! Sending SMS through one provider behind the `SmsProvider` trait, and reading its webhooks.

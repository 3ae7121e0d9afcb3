//! `Debug` for the configuration without its secrets: SMS credentials, the webhook secret, and
//! the password in the database and SMTP URLs are replaced by "…", so that a configuration
//! printed while debugging or in a panic never leaks them.

use super::{Config, SmsConfig};
use std::fmt;

/// The URL with the password of its user part replaced (`scheme://user:…@host/…`).
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:…@{host}{path}")
        }
        None => url.to_string(),
    }
}

impl fmt::Debug for SmsConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmsConfig::Log => f.write_str("Log"),
            SmsConfig::Twilio {
                account_sid,
                from,
                base_url,
                ..
            } => f
                .debug_struct("Twilio")
                .field("account_sid", account_sid)
                .field("from", from)
                .field("base_url", base_url)
                .finish_non_exhaustive(),
            SmsConfig::LinkMobility {
                username,
                platform_id,
                from,
                base_url,
                ..
            } => f
                .debug_struct("LinkMobility")
                .field("username", username)
                .field("platform_id", platform_id)
                .field("from", from)
                .field("base_url", base_url)
                .finish_non_exhaustive(),
            SmsConfig::Sveve {
                user,
                from,
                base_url,
                ..
            } => f
                .debug_struct("Sveve")
                .field("user", user)
                .field("from", from)
                .field("base_url", base_url)
                .finish_non_exhaustive(),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &without_password(&self.database_url))
            .field("addr", &self.addr)
            .field("public_url", &self.public_url)
            .field("sms", &self.sms)
            .field("webhook_secret", &self.webhook_secret.as_ref().map(|_| "…"))
            .field("smtp_url", &without_password(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("quiet_hours", &self.quiet_hours)
            .field("time_zone", &self.time_zone)
            .field("site_root", &self.site_root)
            .field("backup", &self.backup)
            .field("retention_months", &self.retention_months)
            .field("client_ip_header", &self.client_ip_header)
            .field("operations", &self.operations)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::super::Config;
    use std::collections::BTreeMap;

    #[test]
    fn no_secret_shows_in_the_debug_output() {
        let secrets = [
            "twilio-auth-token-secret",
            "webhookSecret0123456789",
            "smtp-password-secret",
            "db-password-secret",
        ];
        let map: BTreeMap<String, String> = [
            ("sms_provider", "twilio"),
            ("twilio_account_sid", "AC123"),
            ("twilio_auth_token", secrets[0]),
            ("twilio_from", "+4790000000"),
            ("webhook_secret", secrets[1]),
            (
                "smtp_url",
                "smtps://mailer:smtp-password-secret@smtp.example.no",
            ),
            (
                "database_url",
                "postgres://samling:db-password-secret@db.example.no:5432/samling",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let shown = format!("{:?}", Config::from_map(&map).unwrap());
        for secret in secrets {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("postgres://samling:…@db.example.no:5432/samling"));
        assert!(shown.contains("smtps://mailer:…@smtp.example.no"));
        assert!(
            shown.contains("AC123"),
            "the non-secret settings still show"
        );
    }
}

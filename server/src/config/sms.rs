//! The SMS provider's settings: which provider, its credentials and base URL.

use super::{err, ConfigError, SmsConfig};

pub(super) fn sms_config(get: &dyn Fn(&str) -> Option<String>) -> Result<SmsConfig, ConfigError> {
    let need = |k: &str| {
        get(k).ok_or_else(|| {
            err(
                &format!("SAMLING_{}", k.to_uppercase()),
                "is required for the chosen SMS provider (SAMLING_SMS_PROVIDER)",
            )
        })
    };
    let base = |k: &str, default: &str| -> Result<String, ConfigError> {
        let url = get(k).unwrap_or_else(|| default.to_string());
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(err(
                &format!("SAMLING_{}", k.to_uppercase()),
                "must start with http:// or https://",
            ));
        }
        Ok(url.trim_end_matches('/').to_string())
    };
    let from = || get("sms_from").unwrap_or_else(|| "Samling".into());
    Ok(
        match get("sms_provider").unwrap_or_else(|| "log".into()).as_str() {
            "log" => SmsConfig::Log,
            "twilio" => SmsConfig::Twilio {
                account_sid: need("twilio_account_sid")?,
                auth_token: need("twilio_auth_token")?,
                from: need("twilio_from")?,
                base_url: base("twilio_base_url", "https://api.twilio.com")?,
            },
            "linkmobility" => SmsConfig::LinkMobility {
                username: need("linkmobility_username")?,
                password: need("linkmobility_password")?,
                platform_id: need("linkmobility_platform_id")?,
                platform_partner_id: need("linkmobility_platform_partner_id")?,
                delivery_report_gate: get("linkmobility_gate_id")
                    .map(|g| g.trim().to_string())
                    .filter(|g| !g.is_empty()),
                from: from(),
                base_url: base("linkmobility_base_url", "https://wsx.sp247.net")?,
            },
            "sveve" => SmsConfig::Sveve {
                user: need("sveve_user")?,
                password: need("sveve_password")?,
                from: from(),
                base_url: base("sveve_base_url", "https://sveve.no")?,
            },
            _ => {
                return Err(err(
                    "SAMLING_SMS_PROVIDER",
                    "use log, twilio, linkmobility or sveve",
                ))
            }
        },
    )
}

//! The `log` SMS provider, the embedded default: it writes a line per text to the log instead of
//! sending anything, so that a fresh install and the demo never text a real phone.

use super::{masked, OutgoingSms, SendError, SmsProvider};
use futures_util::future::BoxFuture;

pub struct LogProvider;

impl SmsProvider for LogProvider {
    fn name(&self) -> &'static str {
        "log"
    }

    fn send<'a>(&'a self, sms: &'a OutgoingSms) -> BoxFuture<'a, Result<String, SendError>> {
        Box::pin(async move {
            // Only the number's last digits and the length at info level: logs travel further
            // than the database. The text itself only when someone asks for debug output.
            tracing::info!(
                to = %masked(&sms.to),
                chars = sms.body.chars().count(),
                reference = %sms.reference,
                "SMS written to the log instead of sent (SAMLING_SMS_PROVIDER=log)"
            );
            tracing::debug!(reference = %sms.reference, body = %sms.body, "SMS text");
            Ok(format!("log-{}", sms.reference))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn answers_with_an_id_from_the_reference() {
        let sms = OutgoingSms {
            to: "+4791234567".into(),
            body: "Hei!".into(),
            reference: "42".into(),
        };
        assert_eq!(LogProvider.send(&sms).await, Ok("log-42".to_string()));
        assert_eq!(LogProvider.name(), "log");
    }
}

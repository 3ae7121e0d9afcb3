//! Sending e-mail: lettre over SMTP, or the log.
//!
//! `SAMLING_SMTP_URL=log` (the default) writes a line per mail instead of sending it. Otherwise
//! the URL goes to lettre: `smtp://host:port` is plain SMTP (fine for a relay on 127.0.0.1),
//! `smtps://user:pass@host` is TLS from the first byte (port 465), and
//! `smtp://user:pass@host?tls=required` is STARTTLS (port 587). Each mail is multipart/alternative
//! with a plain-text and an HTML part.

use crate::config::Config;
use crate::sms::SendError;
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use rand::Rng;
use std::time::Duration;

/// How long one SMTP conversation (connect, greet, send) may take.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(20);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutgoingMail {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The HTML part; when empty, one is made from `text` with [`html_from_text`].
    pub html: String,
}

pub struct Mailer {
    from: Mailbox,
    transport: Transport,
}

enum Transport {
    Log,
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

impl Mailer {
    /// The mailer the configuration asks for, or why it cannot be made (a bad URL or sender),
    /// naming the configuration key.
    pub fn from_config(config: &Config) -> Result<Mailer, String> {
        Self::build(&config.smtp_url, &config.mail_from, SMTP_TIMEOUT)
    }

    /// Like [`Mailer::from_config`] with another timeout (tests use a short one).
    pub fn from_config_with_timeout(config: &Config, timeout: Duration) -> Result<Mailer, String> {
        Self::build(&config.smtp_url, &config.mail_from, timeout)
    }

    fn build(smtp_url: &str, mail_from: &str, timeout: Duration) -> Result<Mailer, String> {
        let from: Mailbox = mail_from.parse().map_err(|e| {
            format!("SAMLING_MAIL_FROM: \"{mail_from}\" is not an address like Samling <samling@example.org> ({e})")
        })?;
        if smtp_url == "log" {
            return Ok(Mailer {
                from,
                transport: Transport::Log,
            });
        }
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(smtp_url)
            .map_err(|e| format!("SAMLING_SMTP_URL: {e}"))?
            .timeout(Some(timeout))
            .build();
        if smtp_url.starts_with("smtp://") && !smtp_url.contains("tls=") && !is_local(smtp_url) {
            // Allowed (some relays sit on a private network), but passwords and mails cross the
            // network in clear.
            tracing::warn!("SAMLING_SMTP_URL is plain smtp:// to another host; consider smtps:// or ?tls=required");
        }
        Ok(Mailer {
            from,
            transport: Transport::Smtp(transport),
        })
    }

    /// True when mails only go to the log.
    pub fn is_log(&self) -> bool {
        matches!(self.transport, Transport::Log)
    }

    /// Sends one mail and returns its Message-ID. SMTP 4xx answers and network trouble are
    /// transient, 5xx answers (no such mailbox, refused) and unusable addresses permanent.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<String, SendError> {
        let to: Mailbox = mail.to.trim().parse().map_err(|e| {
            SendError::Permanent(format!("e-mail address \"{}\" is not valid: {e}", mail.to))
        })?;
        let message_id = self.new_message_id();
        let transport = match &self.transport {
            Transport::Smtp(transport) => transport,
            Transport::Log => {
                // The domain and the length only: enough to follow what happens, and no personal data.
                tracing::info!(
                    to_domain = %to.email.domain(),
                    subject_chars = mail.subject.chars().count(),
                    message_id = %message_id,
                    "e-mail written to the log instead of sent (SAMLING_SMTP_URL=log)"
                );
                tracing::debug!(message_id = %message_id, subject = %mail.subject, text = %mail.text, "e-mail content");
                return Ok(message_id);
            }
        };
        let html = if mail.html.trim().is_empty() {
            html_from_text(&mail.text)
        } else {
            mail.html.clone()
        };
        let message = Message::builder()
            .from(self.from.clone())
            .to(to.clone())
            .subject(mail.subject.clone())
            .message_id(Some(message_id.clone()))
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(mail.text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(html),
                    ),
            )
            .map_err(|e| SendError::Permanent(format!("the mail cannot be built: {e}")))?;
        match transport.send(message).await {
            Ok(_) => {
                tracing::debug!(to_domain = %to.email.domain(), message_id = %message_id, "e-mail sent");
                Ok(message_id)
            }
            Err(e) => Err(classify(&e)),
        }
    }

    /// `<random.time@sender-domain>`: unique, and the domain is ours so that it is not taken
    /// for someone else's message.
    fn new_message_id(&self) -> String {
        let random: u128 = rand::thread_rng().gen();
        let millis = chrono::Utc::now().timestamp_millis();
        format!("<{random:032x}.{millis}@{}>", self.from.email.domain())
    }
}

fn is_local(url: &str) -> bool {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let host_part = rest.rsplit_once('@').map(|(_, h)| h).unwrap_or(rest);
    ["127.", "localhost", "[::1]"]
        .iter()
        .any(|p| host_part.starts_with(p))
}

fn classify(e: &lettre::transport::smtp::Error) -> SendError {
    let text = error_chain(e);
    if e.is_permanent() {
        SendError::Permanent(format!("SMTP server refused the mail: {text}"))
    } else if e.is_transient() {
        SendError::Transient(format!("SMTP server deferred the mail: {text}"))
    } else if e.is_timeout() {
        // The server may have taken the mail before the clock ran out.
        SendError::Uncertain(format!("SMTP timed out: {text}"))
    } else {
        // Connection, TLS and protocol trouble: nothing the mail itself can fix, so try later.
        SendError::Transient(format!("SMTP failed: {text}"))
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.contains(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

/// The HTML part for a plain text: HTML-escaped, blank lines start a new paragraph, single
/// line breaks become `<br>`, and bare `http://` / `https://` URLs become links.
pub fn html_from_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut paragraphs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|lines| {
            let inner: Vec<String> = lines.iter().map(|l| linkify(l.trim_end())).collect();
            format!("<p>{}</p>", inner.join("<br>\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes one line and turns the URLs in it into links.
fn linkify(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = find_url_start(rest) {
        let (before, from_url) = rest.split_at(start);
        out.push_str(&escape(before));
        let len = url_len(from_url);
        let url = &from_url[..len];
        let url = escape(url);
        out.push_str(&format!("<a href=\"{url}\">{url}</a>"));
        rest = &from_url[len..];
    }
    out.push_str(&escape(rest));
    out
}

/// Where the next `http://` or `https://` starts that is not glued to a word before it.
fn find_url_start(s: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find("http") {
        let at = from + found;
        let tail = &lower[at..];
        let scheme = if tail.starts_with("https://") {
            8
        } else if tail.starts_with("http://") {
            7
        } else {
            0
        };
        let glued = s[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric());
        // Something must follow the scheme for it to be a link.
        let has_host = tail[scheme.min(tail.len())..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace());
        if scheme > 0 && !glued && has_host {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// How much of `s` (which starts with a URL) is the URL: up to white space or a character that
/// cannot be in one, without the sentence punctuation after it and without a closing bracket
/// that has no opening one inside the URL ("(see https://x.no/a)").
fn url_len(s: &str) -> usize {
    let mut end = s
        .char_indices()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\'' | '`'))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    loop {
        let url = &s[..end];
        let Some(last) = url.chars().next_back() else {
            break;
        };
        let unbalanced_close = (last == ')' && url.matches('(').count() < url.matches(')').count())
            || (last == ']' && url.matches('[').count() < url.matches(']').count());
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?') || unbalanced_close {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    end
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_line_breaks() {
        assert_eq!(
            html_from_text("Hei Ola,\nvelkommen!\n\n\nHilsen\nKari"),
            "<p>Hei Ola,<br>\nvelkommen!</p>\n<p>Hilsen<br>\nKari</p>"
        );
        assert_eq!(html_from_text("a\r\n\r\nb"), "<p>a</p>\n<p>b</p>");
        assert_eq!(html_from_text(""), "");
        assert_eq!(html_from_text("\n  \n"), "");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            html_from_text("<script>alert('x')</script> & \"q\""),
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>"
        );
    }

    #[test]
    fn urls_become_links() {
        assert_eq!(
            html_from_text("Se https://samling.no/k/1?a=1&b=2."),
            "<p>Se <a href=\"https://samling.no/k/1?a=1&amp;b=2\">https://samling.no/k/1?a=1&amp;b=2</a>.</p>"
        );
        assert_eq!(
            html_from_text("(lenke: http://x.no/a_(b))"),
            "<p>(lenke: <a href=\"http://x.no/a_(b)\">http://x.no/a_(b)</a>)</p>"
        );
        assert_eq!(
            html_from_text("HTTPS://X.NO, og http://y.no"),
            "<p><a href=\"HTTPS://X.NO\">HTTPS://X.NO</a>, og <a href=\"http://y.no\">http://y.no</a></p>"
        );
        // A URL cannot break out of the attribute.
        assert_eq!(
            html_from_text("https://x.no/\"onmouseover=alert(1)"),
            "<p><a href=\"https://x.no/\">https://x.no/</a>&quot;onmouseover=alert(1)</p>"
        );
        // Not links: no host, glued to a word, another scheme.
        assert_eq!(html_from_text("http:// alene"), "<p>http:// alene</p>");
        assert_eq!(html_from_text("xhttps://x.no"), "<p>xhttps://x.no</p>");
        assert_eq!(
            html_from_text("javascript:alert(1)"),
            "<p>javascript:alert(1)</p>"
        );
    }

    #[test]
    fn bad_configuration_names_its_key() {
        let e = Mailer::build("log", "no address here", SMTP_TIMEOUT)
            .err()
            .unwrap();
        assert!(e.starts_with("SAMLING_MAIL_FROM"), "{e}");
        let e = Mailer::build("smtp://", "a@b.no", SMTP_TIMEOUT)
            .err()
            .unwrap();
        assert!(e.starts_with("SAMLING_SMTP_URL"), "{e}");
        assert!(
            Mailer::build("log", "Samling <samling@localhost>", SMTP_TIMEOUT)
                .unwrap()
                .is_log()
        );
        assert!(
            !Mailer::build("smtp://127.0.0.1:2525", "a@b.no", SMTP_TIMEOUT)
                .unwrap()
                .is_log()
        );
    }

    #[tokio::test]
    async fn log_transport_and_bad_recipients() {
        let mailer = Mailer::build("log", "Samling <samling@kommune.no>", SMTP_TIMEOUT).unwrap();
        let mut mail = OutgoingMail {
            to: "ola@example.no".into(),
            subject: "Velkommen".into(),
            text: "Hei".into(),
            html: String::new(),
        };
        let id = mailer.send(&mail).await.unwrap();
        assert!(id.starts_with('<') && id.ends_with("@kommune.no>"), "{id}");
        assert_ne!(id, mailer.send(&mail).await.unwrap());
        mail.to = "not an address".into();
        assert!(!mailer.send(&mail).await.unwrap_err().is_transient());
    }

    #[tokio::test]
    async fn unreachable_server_is_transient() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mailer = Mailer::build(
            &format!("smtp://127.0.0.1:{port}"),
            "a@b.no",
            Duration::from_secs(2),
        )
        .unwrap();
        let e = mailer
            .send(&OutgoingMail {
                to: "ola@example.no".into(),
                subject: "s".into(),
                text: "t".into(),
                html: "<p>t</p>".into(),
            })
            .await
            .unwrap_err();
        assert!(e.is_transient(), "{e}");
    }
}

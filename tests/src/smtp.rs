//! A real SMTP server for tests: Debian's python3-aiosmtpd, writing each message to a Maildir.
//!
//! `SmtpServer::start()` runs `python3 -m aiosmtpd -n -l 127.0.0.1:<port> -c
//! aiosmtpd.handlers.Mailbox <dir>` on a free port and waits until it accepts connections;
//! dropping it stops the server and removes the directory. Point Samling at it with
//! `smtp_url = server.url()`.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// One message as the server stored it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReceivedMail {
    /// The `To` header (addresses as written, comma-separated when several).
    pub to: String,
    pub from: String,
    pub subject: String,
    /// The text/plain part, decoded ("" when there is none).
    pub text: String,
    /// The text/html part, decoded ("" when there is none).
    pub html: String,
    pub message_id: String,
    /// The envelope recipients (`RCPT TO`), as the server recorded them.
    pub envelope_to: Vec<String>,
}

pub struct SmtpServer {
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl SmtpServer {
    /// Starts a server on a free port of 127.0.0.1 with an empty Maildir.
    pub async fn start() -> SmtpServer {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "samling-smtp-{}-{n}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        ));
        std::fs::create_dir_all(&dir).expect("a directory for the Maildir");
        let python = crate::python_with("aiosmtpd");
        // The free port is found by binding and letting go, so another process can take it in
        // between: then the server exits at once, and we try again on another port.
        let mut last_error = String::new();
        for _ in 0..5 {
            let port = free_port();
            let log = dir.join("server.log");
            let log_file = std::fs::File::create(&log).expect("a log file for aiosmtpd");
            let mut child = Command::new(&python)
                .args(["-m", "aiosmtpd", "-n", "-l"])
                .arg(format!("127.0.0.1:{port}"))
                .args(["-c", "aiosmtpd.handlers.Mailbox"])
                .arg(dir.join("Maildir"))
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::from(log_file))
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {python} -m aiosmtpd: {e}"));
            match wait_until_listening(&mut child, port).await {
                Ok(()) => {
                    return SmtpServer { port, dir, child };
                }
                Err(e) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    last_error = format!(
                        "{e}; its output: {}",
                        std::fs::read_to_string(&log).unwrap_or_default()
                    );
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        panic!("aiosmtpd did not start (is python3-aiosmtpd installed?): {last_error}");
    }

    /// The URL for `SAMLING_SMTP_URL`: plain SMTP on 127.0.0.1.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub async fn messages(&self) -> Vec<ReceivedMail> {
        let maildir = self.dir.join("Maildir");
        tokio::task::spawn_blocking(move || read_maildir(&maildir))
            .await
            .expect("reading the Maildir")
    }

    /// Waits until at least `n` messages are there or the timeout passes, and returns them all.
    pub async fn wait_for(&self, n: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let messages = self.messages().await;
            if messages.len() >= n || tokio::time::Instant::now() >= deadline {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Debian's package installs aiosmtpd for the system Python, which a pyenv or venv `python3`
/// earlier on PATH does not see; so the system one first.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

async fn wait_until_listening(child: &mut Child, port: u16) -> Result<(), String> {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(15);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("aiosmtpd exited with {status}"));
        }
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Ok(());
        }
        if tokio::time::Instant::now() >= deadline {
            return Err(format!(
                "aiosmtpd did not listen on port {port} within 15 s"
            ));
        }
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

/// The messages in `new/` and `cur/`, by delivery order (Maildir names start with the time).
fn read_maildir(maildir: &Path) -> Vec<ReceivedMail> {
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for sub in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(maildir.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let modified = entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(std::time::UNIX_EPOCH);
            files.push((modified, entry.path()));
        }
    }
    files.sort();
    files
        .iter()
        .filter_map(|(_, path)| std::fs::read(path).ok())
        .map(|raw| parse_message(&raw))
        .collect()
}

/// Reads one stored message: headers decoded (RFC 2047), parts decoded (quoted-printable,
/// base64, charset), walking nested multiparts for the first text/plain and text/html.
pub fn parse_message(raw: &[u8]) -> ReceivedMail {
    use mailparse::MailHeaderMap;
    let Ok(mail) = mailparse::parse_mail(raw) else {
        return ReceivedMail {
            to: String::new(),
            from: String::new(),
            subject: String::new(),
            text: String::from_utf8_lossy(raw).into_owned(),
            html: String::new(),
            message_id: String::new(),
            envelope_to: Vec::new(),
        };
    };
    let header = |name: &str| mail.headers.get_first_value(name).unwrap_or_default();
    let mut text = None;
    let mut html = None;
    collect_parts(&mail, &mut text, &mut html);
    ReceivedMail {
        to: header("To"),
        from: header("From"),
        subject: header("Subject"),
        text: text.unwrap_or_default(),
        html: html.unwrap_or_default(),
        message_id: header("Message-ID"),
        // aiosmtpd's Mailbox handler records the envelope in X-RcptTo.
        envelope_to: header("X-RcptTo")
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
    }
}

fn collect_parts(
    part: &mailparse::ParsedMail<'_>,
    text: &mut Option<String>,
    html: &mut Option<String>,
) {
    if part.subparts.is_empty() {
        let slot = match part.ctype.mimetype.as_str() {
            "text/plain" => text,
            "text/html" => html,
            _ => return,
        };
        if slot.is_none() {
            *slot = part.get_body().ok();
        }
    } else {
        for sub in &part.subparts {
            collect_parts(sub, text, html);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_multipart_message() {
        let raw = b"From: Samling <samling@kommune.no>\r\n\
To: ola@example.no\r\n\
Subject: =?utf-8?q?P=C3=A5minnelse?=\r\n\
Message-ID: <abc@kommune.no>\r\n\
X-RcptTo: ola@example.no\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/alternative; boundary=\"b1\"\r\n\
\r\n\
--b1\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
\r\n\
Hei p=C3=A5 deg\r\n\
--b1\r\n\
Content-Type: text/html; charset=utf-8\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
PHA+SGVpPC9wPg==\r\n\
--b1--\r\n";
        let mail = parse_message(raw);
        assert_eq!(mail.subject, "Påminnelse");
        assert_eq!(mail.to, "ola@example.no");
        assert_eq!(mail.text.trim(), "Hei på deg");
        assert_eq!(mail.html, "<p>Hei</p>");
        assert_eq!(mail.message_id, "<abc@kommune.no>");
        assert_eq!(mail.envelope_to, vec!["ola@example.no".to_string()]);
    }
}

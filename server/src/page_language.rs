//! Puts the language of the person a participant's or guardian's page is for on the request
//! (`app::i18n::ParticipantLanguage`), so the page renders in it unless they chose another.

use app::auth::participant_session::PARTICIPANT_COOKIE;
use app::i18n::{is_participant_path, ParticipantLanguage};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use store::page_language::{of_page, PageKey};

pub async fn own_language(
    State(db): State<store::Db>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_string();
    if request.method() == http::Method::GET && is_participant_path(&path) {
        let cookie = app::auth::session::cookie(request.headers(), PARTICIPANT_COOKIE);
        let key = match path.split('/').collect::<Vec<_>>().as_slice() {
            ["", "me"] => cookie.as_deref().map(PageKey::Session),
            ["", "p", token] => Some(PageKey::SignInLink(token)),
            ["", "confirm", token] => Some(PageKey::Invitation(token)),
            ["", "consent", token] => Some(PageKey::ConsentRequest(token)),
            _ => None,
        };
        if let Some(key) = key {
            // A database hiccup costs only the language: the page still comes, in the
            // browser's language or bokmål.
            match of_page(&db, key, chrono::Utc::now()).await {
                Ok(Some(language)) => {
                    request
                        .extensions_mut()
                        .insert(ParticipantLanguage(language));
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(error = %e, "could not read the page owner's language"),
            }
        }
    }
    next.run(request).await
}

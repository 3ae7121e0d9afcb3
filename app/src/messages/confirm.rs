//! The page behind the link in an invitation (`/confirm/{token}`): the participant says
//! whether they are coming, without signing in. The token is the only key, so the page shows
//! nothing but the course's public name, the time and the place.

use crate::app::loaded;
use crate::error::AppError;
use crate::i18n::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub course: String,
    pub when: String,
    pub place: String,
    /// "yes", "no" or none yet.
    pub answer: Option<String>,
    /// The session has begun: too late to answer.
    pub past: bool,
}

#[cfg(feature = "ssr")]
mod server {
    use super::Invitation;
    use crate::db::Db;
    use crate::error::{AppError, AppResult};
    use chrono::{DateTime, Utc};

    #[derive(sqlx::FromRow)]
    struct Row {
        session_id: i64,
        participant_id: i64,
        public_name: String,
        starts_at: DateTime<Utc>,
        place: String,
        time_zone: String,
        answer: Option<String>,
    }

    async fn find(db: &Db, token: &str) -> AppResult<Row> {
        sqlx::query_as(
            "SELECT l.session_id, l.participant_id, c.public_name, s.starts_at,
                    COALESCE(NULLIF(s.location, ''), c.location) AS place, c.time_zone,
                    (SELECT k.answer FROM session_confirmations k
                     WHERE k.session_id = l.session_id AND k.participant_id = l.participant_id) AS answer
             FROM confirm_links l JOIN sessions s ON s.id = l.session_id JOIN courses c ON c.id = s.course_id
             WHERE l.token = ? AND s.status = 'scheduled'",
        )
        .bind(token)
        .fetch_optional(db)
        .await?
        .ok_or_else(|| AppError::not_found("invitation"))
    }

    pub async fn invitation(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Invitation> {
        let r = find(db, token).await?;
        Ok(Invitation {
            course: r.public_name,
            when: domain::schedule::local_date_time(r.starts_at, &r.time_zone),
            place: r.place,
            answer: r.answer,
            past: r.starts_at <= now,
        })
    }

    pub async fn answer(db: &Db, token: &str, coming: bool, now: DateTime<Utc>) -> AppResult<()> {
        let r = find(db, token).await?;
        if r.starts_at <= now {
            return Err(AppError::Conflict("the session has already begun".into()));
        }
        sqlx::query(
            "INSERT INTO session_confirmations (session_id, participant_id, answer, via, at) VALUES (?, ?, ?, 'link', ?)
             ON CONFLICT(session_id, participant_id) DO UPDATE SET answer = excluded.answer, via = 'link', at = excluded.at",
        )
        .bind(r.session_id)
        .bind(r.participant_id)
        .bind(if coming { "yes" } else { "no" })
        .bind(now)
        .execute(db)
        .await?;
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub use server::answer as answer_by_link;

#[server(endpoint = "confirm/get")]
pub async fn get_invitation(token: String) -> Result<Invitation, AppError> {
    server::invitation(&crate::db::db()?, &token, crate::db::now()).await
}

#[server(endpoint = "confirm/answer")]
pub async fn answer_invitation(token: String, answer: String) -> Result<(), AppError> {
    let result = server::answer(&crate::db::db()?, &token, answer == "yes", crate::db::now()).await;
    crate::forms::plain_form(result)
}

#[component]
pub fn ConfirmPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let answer = ServerAction::<AnswerInvitation>::new();
    let data = Resource::new(
        move || (token(), answer.version().get()),
        |(token, _)| get_invitation(token),
    );
    view! {
        <crate::forms::PlainFormError/>
        {loaded(data, move |i| {
            let state = match (i.answer.as_deref(), i.past) {
                (_, true) => t.invite_past,
                (Some("yes"), _) => t.invite_said_yes,
                (Some("no"), _) => t.invite_said_no,
                _ => t.invite_question,
            };
            view! {
                <h1>{i.course.clone()}</h1>
                <p class="facts-line"><strong>{i.when.clone()}</strong> " · " {i.place.clone()}</p>
                <p id="invite-state" aria-live="polite">{state}</p>
                {(!i.past).then(|| view! {
                    <div class="row big-choices">
                        <ActionForm action=answer>
                            <input type="hidden" name="token" value=token()/>
                            <input type="hidden" name="answer" value="yes"/>
                            <button type="submit" class="primary big">{t.invite_yes}</button>
                        </ActionForm>
                        <ActionForm action=answer>
                            <input type="hidden" name="token" value=token()/>
                            <input type="hidden" name="answer" value="no"/>
                            <button type="submit" class="big">{t.invite_no}</button>
                        </ActionForm>
                    </div>
                })}
            }.into_any()
        })}
    }
}

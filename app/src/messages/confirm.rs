//! The page behind the link in an invitation (`/confirm/{token}`): the participant says
//! whether they are coming, without signing in. The token is the only key, so the page shows
//! nothing but the course's public name, the time and the place.

use crate::components::loaded;
use crate::error::AppError;
use crate::i18n::use_texts;
pub use domain::messages::Invitation;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[cfg(feature = "ssr")]
pub use store::messages::confirm::answer as answer_by_link;

#[server(endpoint = "confirm/get")]
pub async fn get_invitation(token: String) -> Result<Invitation, AppError> {
    store::messages::confirm::invitation(&crate::db::db()?, &token, crate::db::now())
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "confirm/answer")]
pub async fn answer_invitation(token: String, answer: String) -> Result<(), AppError> {
    let result = store::messages::confirm::answer(
        &crate::db::db()?,
        &token,
        answer == "yes",
        crate::db::now(),
    )
    .await
    .map_err(AppError::from);
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
                <h1><bdi>{i.course.clone()}</bdi></h1>
                <p class="facts-line"><strong>{crate::i18n::when_text(i.day, &i.time)}</strong></p>
                <p class="facts-line"><bdi>{i.place.clone()}</bdi></p>
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

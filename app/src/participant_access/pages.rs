//! The participant's pages: asking for a sign-in link (`/p`), using it (`/p/{token}`), their
//! own page (`/me`); and the staff button that sends a participant their link.

use super::MyPage;
use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
use crate::logbook::pages::{EditLogbookEntry, LogbookSection, WriteLogbookEntry};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// A participant asks for a link with their mobile number or e-mail address.
#[server(endpoint = "p/request")]
pub async fn request_sign_in_link(contact: String) -> Result<(), AppError> {
    let result = async {
        store::participant_access::request_link(&crate::db::db()?, &contact, crate::db::now())
            .await?;
        if crate::forms::is_plain_form() {
            leptos_axum::redirect("/p?sent=1");
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// The first name behind a link, so the page can greet them before they sign in.
#[server(endpoint = "p/owner")]
pub async fn sign_in_link_owner(token: String) -> Result<String, AppError> {
    store::participant_access::link_owner(&crate::db::db()?, &token, crate::db::now())
        .await
        .map_err(AppError::from)
}

/// Uses the link: sets the participant's session cookie and goes to their page.
#[server(endpoint = "p/sign_in")]
pub async fn use_sign_in_link(token: String) -> Result<(), AppError> {
    let result = async {
        let secret =
            store::participant_access::redeem_link(&crate::db::db()?, &token, crate::db::now())
                .await?;
        let settings = expect_context::<crate::db::ServerSettings>();
        let cookie = http::HeaderValue::from_str(&crate::auth::participant_session::set_cookie(
            &secret,
            settings.secure_cookies,
        ))
        .map_err(|_| AppError::Internal)?;
        expect_context::<leptos_axum::ResponseOptions>()
            .append_header(http::header::SET_COOKIE, cookie);
        if crate::forms::is_plain_form() {
            leptos_axum::redirect("/me");
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "p/sign_out")]
pub async fn participant_sign_out() -> Result<(), AppError> {
    use crate::auth::participant_session::{clear_cookie, PARTICIPANT_COOKIE};
    use store::participant_access::end_session;
    let parts = expect_context::<http::request::Parts>();
    if let Some(secret) = crate::auth::session::cookie(&parts.headers, PARTICIPANT_COOKIE) {
        end_session(&crate::db::db()?, &secret).await?;
    }
    if let Ok(v) = http::HeaderValue::from_str(&clear_cookie()) {
        expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect("/p");
    Ok(())
}

/// The signed-in participant's page; none when no participant is signed in.
#[server(endpoint = "p/me")]
pub async fn own_page() -> Result<Option<MyPage>, AppError> {
    let me = match crate::auth::participant_session::current_participant().await {
        Ok(me) => me,
        Err(AppError::Unauthenticated) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(
        store::participant_access::my_page(&crate::db::db()?, me, crate::db::now()).await?,
    ))
}

/// The signed-in participant answers for one of their coming sessions: the same as replying
/// JA / NEI by text (a "can't" leaves an excused mark, with the reason, on the roll call).
#[server(endpoint = "p/answer")]
pub async fn answer_for_session(
    session_id: i64,
    answer: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let result = async {
        let me = crate::auth::participant_session::current_participant().await?;
        store::messages::answers::answer_from_own_page(
            &crate::db::db()?,
            me,
            session_id,
            answer == "yes",
            &reason,
            crate::db::now(),
        )
        .await?;
        if crate::forms::is_plain_form() {
            leptos_axum::redirect(&format!("/me#session-{session_id}"));
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// Staff send the participant a sign-in link (by text, or e-mail when that is all they have).
#[server(endpoint = "p/send_link")]
pub async fn send_sign_in_link(participant_id: i64) -> Result<String, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let db = crate::db::db()?;
        // Only someone who may see the participant can send them a link.
        store::scope::visible_participant(&db, &staff, participant_id).await?;
        let channel = store::participant_access::queue_link(
            &db,
            participant_id,
            store::participant_access::RequestedBy::Staff,
            crate::db::now(),
        )
        .await?;
        Ok(channel.code().to_string())
    }
    .await;
    crate::forms::plain_form(result)
}

/// `/p`: sign in as a participant by asking for a link.
#[component]
pub fn RequestLinkPage() -> impl IntoView {
    let t = use_texts();
    let request = ServerAction::<RequestSignInLink>::new();
    let sent_query = leptos_router::hooks::use_query_map();
    let sent = move || {
        matches!(request.value().get(), Some(Ok(())))
            || sent_query.with(|q| q.get("sent").is_some())
    };
    view! {
        <section class="card narrow">
            <h1>{t.participant_sign_in}</h1>
            <p>{t.participant_sign_in_help}</p>
            <PlainFormError/>
            <ActionForm action=request attr:class="stack">
                <label for="contact">{t.phone_or_email}</label>
                <input id="contact" name="contact" autocomplete="tel" required/>
                <button type="submit" class="primary">{t.send_me_a_link}</button>
            </ActionForm>
            {move || match request.value().get() {
                Some(Err(e)) => view! { <crate::components::ErrorMessage error=e/> }.into_any(),
                _ => ().into_any(),
            }}
            <p role="status" aria-live="polite">
                {move || sent().then_some(t.link_on_its_way)}
            </p>
        </section>
    }
}

/// `/p/{token}`: the link from the text. Opening it signs no one in (phones and chat apps
/// fetch links to preview them); the button does.
#[component]
pub fn UseLinkPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let sign_in = ServerAction::<UseSignInLink>::new();
    let owner = Resource::new(token, sign_in_link_owner);
    Effect::new(move |_| {
        if let Some(Ok(())) = sign_in.value().get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().set_href("/me");
            }
        }
    });
    view! {
        <section class="card narrow">
            <PlainFormError/>
            <Transition fallback=move || view! { <p>{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match owner.await {
                        Ok(first_name) => view! {
                            <h1>{crate::i18n::format("hello-name", &crate::i18n::args([("name", crate::i18n::arg(first_name))]))}</h1>
                            <ActionForm action=sign_in attr:class="stack">
                                <input type="hidden" name="token" value=token()/>
                                <button type="submit" class="primary big">{t.open_my_page}</button>
                            </ActionForm>
                            <ActionOutcome value=sign_in.value()/>
                        }.into_any(),
                        Err(_) => view! {
                            <h1>{t.participant_sign_in}</h1>
                            <p class="error" role="alert">{t.link_used_or_expired}</p>
                            <a href="/p" class="button">{t.send_me_a_link}</a>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// `/me`: the participant's schedule, buddy and logbook.
#[component]
pub fn MyPageView() -> impl IntoView {
    let t = use_texts();
    let write = ServerAction::<WriteLogbookEntry>::new();
    let edit = ServerAction::<EditLogbookEntry>::new();
    let answer = ServerAction::<AnswerForSession>::new();
    let data = Resource::new(
        move || {
            (
                write.version().get(),
                edit.version().get(),
                answer.version().get(),
            )
        },
        |_| own_page(),
    );
    let sign_out = <ParticipantSignOut as leptos::server_fn::ServerFn>::url();
    view! {
        {loaded(data, move |page| {
            let Some(page) = page else {
                return view! {
                    <p class="error" role="alert">{t.participant_signed_out}</p>
                    <a href="/p" class="button">{t.participant_sign_in}</a>
                }.into_any();
            };
            let upcoming: Vec<_> = page.sessions.iter().filter(|s| !s.past).cloned().collect();
            let coming = upcoming.iter().filter(|s| !s.cancelled).count();
            let hello = crate::i18n::format("hello-name", &crate::i18n::args([("name", crate::i18n::arg(page.first_name.clone()))]));
            view! {
                <h1>{hello}</h1>
                {(!page.buddies.is_empty()).then(|| view! {
                    <p class="facts-line">{t.buddy} ": " <bdi>{page.buddies.join(", ")}</bdi></p>
                })}
                <h2>{t.my_sessions}</h2>
                {if upcoming.is_empty() {
                    view! { <p class="muted">{t.no_upcoming_sessions}</p> }.into_any()
                } else {
                    view! { <p>{crate::i18n::format("upcoming-count", &crate::i18n::args([("count", crate::i18n::number(coming as i64))]))}</p> }.into_any()
                }}
                <ul class="sessions my-sessions">
                    {upcoming.into_iter().map(|s| view! { <UpcomingSession session=s answer/> }).collect_view()}
                </ul>
                <LogbookSection participant_id=None entries=page.logbook sessions=page.sessions write edit/>
                <form method="post" action=sign_out class="inline">
                    <button type="submit" class="link">{t.sign_out}</button>
                </form>
            }.into_any()
        })}
        <crate::calendar::OwnCalendarSection/>
    }
}

/// One coming session on the participant's page, with "I'm coming" / "I can't" (and a box
/// for why). Plain forms: they work without any script.
#[component]
fn UpcomingSession(
    session: domain::my_page::EnrolledSession,
    answer: ServerAction<AnswerForSession>,
) -> impl IntoView {
    let t = use_texts();
    let s = session;
    let when = crate::i18n::when_text(s.day, &s.time);
    let reason_id = format!("reason-{}", s.id);
    let said = match s.answer.as_deref() {
        Some("yes") => Some(t.rsvp_said_yes),
        Some("no") => Some(t.rsvp_said_no),
        _ => None,
    };
    view! {
        <li id=format!("session-{}", s.id) class=if s.cancelled { "session cancelled" } else { "session" }>
            <strong>{when}</strong>
            // Names and titles are isolated: a Norwegian title keeps its "?" at its end even
            // inside an Arabic page.
            <span class="session-course"><bdi>{s.course.clone()}</bdi></span>
            <span class="session-place"><bdi>{s.place.clone()}</bdi></span>
            <span class="session-title">{format!("{} {} · ", t.kind_regular, s.number)}<bdi>{s.title.clone()}</bdi></span>
            {s.cancelled.then(|| view! { <span class="badge">{t.status_cancelled}</span> })}
            {(!s.cancelled).then(|| view! {
                {said.map(|said| view! { <p class="ok" role="status">{said}</p> })}
                <div class="rsvp">
                    <ActionForm action=answer attr:class="inline">
                        <input type="hidden" name="session_id" value=s.id/>
                        <input type="hidden" name="answer" value="yes"/>
                        <button type="submit" class="primary">{t.rsvp_coming}</button>
                    </ActionForm>
                    <ActionForm action=answer attr:class="stack">
                        <input type="hidden" name="session_id" value=s.id/>
                        <input type="hidden" name="answer" value="no"/>
                        <label for=reason_id.clone()>{t.rsvp_reason}</label>
                        <input id=reason_id name="reason" maxlength="200" autocomplete="off"/>
                        <button type="submit">{t.rsvp_cannot}</button>
                    </ActionForm>
                </div>
            })}
        </li>
    }
}

/// The button on a participant's page (staff) that sends them their sign-in link.
#[component]
pub fn SendSignInLink(participant_id: i64) -> impl IntoView {
    let t = use_texts();
    let send = ServerAction::<SendSignInLink>::new();
    view! {
        <ActionForm action=send attr:class="inline">
            <input type="hidden" name="participant_id" value=participant_id/>
            <button type="submit">{t.send_sign_in_link}</button>
        </ActionForm>
        {move || match send.value().get() {
            Some(Ok(channel)) => view! {
                <p class="ok" role="status">
                    {if channel == "email" { t.link_sent_by_email } else { t.link_sent_by_sms }}
                </p>
            }.into_any(),
            Some(Err(e)) => view! { <crate::components::ErrorMessage error=e/> }.into_any(),
            None => ().into_any(),
        }}
    }
}

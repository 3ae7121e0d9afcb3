//! Calendar links on the pages: a participant makes their own on `/me`, a course's managers on
//! the course page, a staff member their "my sessions" link on `/me/tokens`, and staff see and
//! revoke a participant's link on the participant's page. The feeds themselves are served by
//! the server at `/calendar/{token}.ics`.
//!
//! A link is shown once, right after it is made: only its hash is kept, so it cannot be shown
//! again, and a new one is made instead. The hydrated page shows it from the action's answer.
//! A plain form post (before the wasm loads) is answered with a redirect back to the page with
//! `?calendar={token}`, and the page shows it only if that token opens a working feed of the
//! viewer's own. That puts the address in the browser's history; it goes into a calendar app
//! anyway, the server logs route templates and not paths, and `Referrer-Policy: same-origin`
//! keeps it from other sites.

use crate::components::ActionOutcome;
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
use domain::calendar::CalendarFeed;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The query parameter a plain form's redirect carries a new link's token in.
const NEW_LINK: &str = "calendar";

/// A calendar section's data: the working feeds and, right after one was made, its address.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FeedSection {
    pub feeds: Vec<CalendarFeed>,
    pub new_url: Option<String>,
    /// Whether the viewer may make a new link here.
    pub can_make: bool,
}

#[cfg(feature = "ssr")]
fn feed_url(token: &str) -> String {
    let base = expect_context::<crate::db::ServerSettings>().public_url;
    format!("{}/calendar/{token}.ics", base.trim_end_matches('/'))
}

/// The `webcal://` form of a feed's address, which phones open in their calendar app.
fn webcal(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    format!("webcal://{rest}")
}

/// The address of a feed just made, if the token opens a working feed of this owner.
#[cfg(feature = "ssr")]
async fn shown_once(
    db: &crate::db::Db,
    token: Option<String>,
    owner: domain::calendar::FeedOwner,
) -> Result<Option<String>, AppError> {
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    let opens = store::calendar_feeds::owner_of(db, &token).await?;
    Ok((opens == Some(owner)).then(|| feed_url(&token)))
}

/// The signed-in participant's calendar section; none when no participant is signed in.
#[server(endpoint = "calendar/own")]
pub async fn own_calendar(new_token: Option<String>) -> Result<Option<FeedSection>, AppError> {
    let me = match crate::auth::participant_session::current_participant().await {
        Ok(me) => me,
        Err(AppError::Unauthenticated) => return Ok(None),
        Err(e) => return Err(e),
    };
    let db = crate::db::db()?;
    let feeds = store::calendar_feeds::own_participant_feed(&db, me).await?;
    let owner = domain::calendar::FeedOwner::Participant(me);
    Ok(Some(FeedSection {
        feeds: feeds.into_iter().collect(),
        new_url: shown_once(&db, new_token, owner).await?,
        can_make: true,
    }))
}

/// A participant makes their calendar link (a new one stops the one before).
#[server(endpoint = "calendar/own/make")]
pub async fn make_own_calendar() -> Result<String, AppError> {
    let result = async {
        let me = crate::auth::participant_session::current_participant().await?;
        let db = crate::db::db()?;
        let token =
            store::calendar_feeds::create_own_participant(&db, me, crate::db::now()).await?;
        if crate::forms::is_plain_form() {
            leptos_axum::redirect(&format!("/me?{NEW_LINK}={token}"));
        }
        Ok(feed_url(&token))
    }
    .await;
    crate::forms::plain_form(result)
}

/// A participant turns their calendar link off.
#[server(endpoint = "calendar/own/stop")]
pub async fn stop_own_calendar() -> Result<(), AppError> {
    let result = async {
        let me = crate::auth::participant_session::current_participant().await?;
        store::calendar_feeds::revoke_own_participant(&crate::db::db()?, me, crate::db::now())
            .await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// Whose feeds a staff section shows: `course` (id: the course), `leader` (the viewer's own;
/// id unused) or `participant` (id: the participant).
#[cfg(feature = "ssr")]
fn owner_of(
    actor: &store::Actor,
    kind: &str,
    id: i64,
) -> Result<domain::calendar::FeedOwner, AppError> {
    use domain::calendar::{FeedKind, FeedOwner};
    match FeedKind::parse(kind) {
        Some(FeedKind::Course) => Ok(FeedOwner::Course(id)),
        Some(FeedKind::Leader) => Ok(FeedOwner::Leader(actor.id)),
        Some(FeedKind::Participant) => Ok(FeedOwner::Participant(id)),
        None => Err(AppError::NotFound("calendar feed".into())),
    }
}

/// A staff calendar section; none when the viewer may not manage these feeds (a counsellor on
/// a course page, say), so the section is simply left out.
#[server(endpoint = "calendar/staff")]
pub async fn staff_calendar(
    kind: String,
    id: i64,
    new_token: Option<String>,
) -> Result<Option<FeedSection>, AppError> {
    let actor = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let owner = owner_of(&actor, &kind, id)?;
    let feeds = match store::calendar_feeds::list(&db, &actor, owner).await {
        Ok(feeds) => feeds,
        Err(store::StoreError::Forbidden) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(Some(FeedSection {
        feeds,
        new_url: shown_once(&db, new_token, owner).await?,
        can_make: !matches!(owner, domain::calendar::FeedOwner::Participant(_)),
    }))
}

/// Staff make a course's calendar link or their own "my sessions" link.
#[server(endpoint = "calendar/staff/make")]
pub async fn make_staff_calendar(kind: String, id: i64) -> Result<String, AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        let owner = owner_of(&actor, &kind, id)?;
        let token = store::calendar_feeds::create_by_staff(
            &crate::db::db()?,
            &actor,
            owner,
            crate::db::now(),
        )
        .await?;
        if crate::forms::is_plain_form() {
            let page = match owner {
                domain::calendar::FeedOwner::Course(id) => format!("/courses/{id}"),
                _ => "/me/tokens".to_string(),
            };
            leptos_axum::redirect(&format!("{page}?{NEW_LINK}={token}"));
        }
        Ok(feed_url(&token))
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "calendar/staff/revoke")]
pub async fn revoke_calendar(id: i64) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        store::calendar_feeds::revoke(&crate::db::db()?, &actor, id, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// "12.01.2027" in UTC, enough to tell links apart.
fn made_on(feed: &CalendarFeed) -> String {
    feed.created_at.format("%d.%m.%Y").to_string()
}

/// A link just made: its address to copy, to open in the calendar app, or to download.
#[component]
fn NewLink(url: String) -> impl IntoView {
    let t = use_texts();
    let subscribe = webcal(&url);
    view! {
        <div class="card" role="status">
            <p><strong>{t.calendar_copy_now}</strong></p>
            <label for="calendar-url">{t.calendar_address}</label>
            <input id="calendar-url" readonly value=url.clone()/>
            <p class="links">
                <a href=subscribe class="button primary">{t.calendar_add}</a>
                " · "
                <a href=url>{t.calendar_download}</a>
            </p>
        </div>
    }
}

/// The new link from the action's answer (hydrated) or from the redirect (plain form).
fn new_link_view(
    made: Option<Result<String, AppError>>,
    section: &FeedSection,
) -> Option<impl IntoView> {
    let url = match made {
        Some(Ok(url)) => Some(url),
        _ => section.new_url.clone(),
    };
    url.map(|url| view! { <NewLink url/> })
}

fn new_token_param() -> impl Fn() -> Option<String> + Copy + Send + Sync + 'static {
    let query = leptos_router::hooks::use_query_map();
    move || query.with(|q| q.get(NEW_LINK))
}

/// `/me`: the participant's calendar link. Outside the page's loaded view, so its resource is
/// the same on the server and in the browser.
#[component]
pub fn OwnCalendarSection() -> impl IntoView {
    let t = use_texts();
    let make = ServerAction::<MakeOwnCalendar>::new();
    let stop = ServerAction::<StopOwnCalendar>::new();
    let new_token = new_token_param();
    let data = Resource::new(
        move || (make.version().get(), stop.version().get(), new_token()),
        |(_, _, token)| own_calendar(token),
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Some(section)) = data.await else { return ().into_any() };
                let made = make.value().get();
                let current = section.feeds.first().map(made_on);
                let has_one = current.is_some();
                view! {
                    <section class="card" aria-labelledby="calendar-h">
                        <h2 id="calendar-h">{t.calendar_title}</h2>
                        <p class="muted">{t.calendar_help_participant}</p>
                        <PlainFormError/>
                        {new_link_view(made, &section)}
                        {current.map(|on| view! { <p>{format!("{} {on}", t.calendar_made)}</p> })}
                        <ActionForm action=make attr:class="inline">
                            <button type="submit" class="primary">
                                {if has_one { t.calendar_make_new } else { t.calendar_make }}
                            </button>
                        </ActionForm>
                        {has_one.then(|| view! {
                            <ActionForm action=stop attr:class="inline">
                                <button type="submit">{t.calendar_stop}</button>
                            </ActionForm>
                        })}
                        <ActionOutcome value=stop.value()/>
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}

/// A staff calendar section: a course's links (`kind` "course"), the viewer's own "my
/// sessions" links ("leader") or a participant's link ("participant", revoke only).
#[component]
pub fn StaffCalendarSection(kind: &'static str, id: i64) -> impl IntoView {
    let t = use_texts();
    let make = ServerAction::<MakeStaffCalendar>::new();
    let revoke = ServerAction::<RevokeCalendar>::new();
    let new_token = new_token_param();
    let data = Resource::new(
        move || (make.version().get(), revoke.version().get(), new_token()),
        move |(_, _, token)| staff_calendar(kind.to_string(), id, token),
    );
    let (title, help) = match kind {
        "leader" => (t.calendar_my_sessions, t.calendar_help_leader),
        "participant" => (t.calendar_title, t.calendar_help_participant_staff),
        _ => (t.calendar_title, t.calendar_help_course),
    };
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let Ok(Some(section)) = data.await else { return ().into_any() };
                let made = make.value().get();
                view! {
                    <section class="card" aria-labelledby=format!("calendar-{kind}-h")>
                        <h2 id=format!("calendar-{kind}-h")>{title}</h2>
                        <p class="muted">{help}</p>
                        {new_link_view(made, &section)}
                        {section.feeds.is_empty().then(|| view! { <p>{t.calendar_none}</p> })}
                        <ul class="cards">
                            {section.feeds.clone().into_iter().map(|f| {
                                let by = f.created_by_name.clone()
                                    .map(|n| format!(" {} {n}", t.calendar_by)).unwrap_or_default();
                                let aria = format!("{} (#{})", t.calendar_revoke, f.id);
                                view! {
                                    <li class="card row">
                                        <span>{format!("#{} · {} {}{by}", f.id, t.calendar_made, made_on(&f))}</span>
                                        <ActionForm action=revoke>
                                            <input type="hidden" name="id" value=f.id/>
                                            <button type="submit" aria-label=aria>{t.calendar_revoke}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {section.can_make.then(|| view! {
                            <ActionForm action=make attr:class="inline">
                                <input type="hidden" name="kind" value=kind/>
                                <input type="hidden" name="id" value=id/>
                                <button type="submit">{t.calendar_make}</button>
                            </ActionForm>
                        })}
                        <ActionOutcome value=revoke.value()/>
                    </section>
                }.into_any()
            })}
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::webcal;

    #[test]
    fn the_webcal_address_keeps_host_and_path() {
        assert_eq!(
            webcal("https://samling.kommune.no/calendar/abc.ics"),
            "webcal://samling.kommune.no/calendar/abc.ics"
        );
        assert_eq!(
            webcal("http://127.0.0.1:3000/calendar/abc.ics"),
            "webcal://127.0.0.1:3000/calendar/abc.ics"
        );
    }
}

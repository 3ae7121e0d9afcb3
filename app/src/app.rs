//! The HTML shell, the router with every page, the navigation bar and the small components
//! pages share (error messages, status badges).

use crate::auth::pages::{LoginPage, SignOutForm};
use crate::auth::Staff;
use crate::courses::pages::{CoursePage, CoursesPage, NewCoursePage};
use crate::error::AppError;
use crate::i18n::{detect_lang, use_lang, use_texts, Lang, Texts};
use crate::participants::pages::{NewParticipantPage, ParticipantPage, ParticipantsPage};
use crate::programmes::pages::{ProgrammePage, ProgrammesPage};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

/// Server-side settings the pages' server functions need.
#[derive(Clone, Debug)]
pub struct ServerSettings {
    pub secure_cookies: bool,
    /// Where users reach Samling (links in messages and previews).
    pub public_url: String,
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = detect_lang();
    provide_context(lang);
    let t = lang.texts();
    let me = Resource::new(|| (), |_| whoami());
    provide_context(me);
    view! {
        <Stylesheet id="samling" href="/pkg/samling.css"/>
        <Title text=t.app_name/>
        <Router>
            <a class="skip" href="#main">{t.skip_to_content}</a>
            <Nav/>
            <main id="main">
                // In-order streaming: every page arrives complete as plain HTML, so it reads and
                // its forms work before (or without) the wasm.
                <Routes fallback=|| view! { <p class="error">{use_texts().not_found}</p> }>
                    <Route path=path!("/") view=crate::courses::pages::HomePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/programmes") view=ProgrammesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/programmes/:id") view=ProgrammePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses") view=CoursesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/new") view=NewCoursePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/:id") view=CoursePage ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/:id/attendance") view=crate::attendance::pages::AttendanceGridPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/sessions/:id") view=crate::attendance::pages::RollCallPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/participants") view=ParticipantsPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/messages") view=crate::messages::pages::MessagesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/confirm/:token") view=crate::messages::confirm::ConfirmPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/consent/:token") view=crate::consent::guardian_page::GuardianConsentPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/messages/templates") view=crate::messages::templates::TemplatesPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/messages/consent-text") view=crate::consent::text_page::ConsentTextPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/participants/new") view=NewParticipantPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/participants/:id") view=ParticipantPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/p") view=crate::participant_access::pages::RequestLinkPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/p/:token") view=crate::participant_access::pages::UseLinkPage ssr=SsrMode::InOrder/>
                    <Route path=path!("/me") view=crate::participant_access::pages::MyPageView ssr=SsrMode::InOrder/>
                </Routes>
            </main>
            <LanguageSwitch/>
        </Router>
    }
}

/// The signed-in staff user, if any, for the navigation bar and role-dependent controls.
pub type MeResource = Resource<Result<Option<Staff>, AppError>>;

#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<Staff>, AppError> {
    match crate::auth::session::current_staff().await {
        Ok(actor) => Ok(Some(actor.staff)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Shows its children only to a signed-in staff user for whom `allow` holds. Reads the shared
/// `whoami` resource inside a Transition, so server and browser render the same.
#[component]
pub fn ForStaff(allow: fn(&Staff) -> bool, children: ChildrenFn) -> impl IntoView {
    let me = expect_context::<MeResource>();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(staff)) if allow(&staff) => children.with_value(|c| c()).into_any(),
                    _ => ().into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn Nav() -> impl IntoView {
    let t = use_texts();
    let me = expect_context::<MeResource>();
    // Pages for participants (sign-in link, own page, confirm link) show no staff menu.
    let location = leptos_router::hooks::use_location();
    let for_staff = move || {
        let path = location.pathname.get();
        !(path == "/p"
            || path.starts_with("/p/")
            || path == "/me"
            || path.starts_with("/confirm/")
            || path.starts_with("/consent/"))
    };
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">{t.app_name}</A>
            <Show when=for_staff>
            <nav aria-label="Hovedmeny">
                <A href="/courses">{t.nav_courses}</A>
                <A href="/participants">{t.nav_participants}</A>
                <A href="/programmes">{t.nav_programmes}</A>
                <A href="/messages">{t.nav_messages}</A>
            </nav>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(staff)) => view! {
                            <div class="me">
                                <span class="who" title=t.signed_in_as>{staff.name.clone()}</span>
                                <SignOutForm/>
                            </div>
                        }.into_any(),
                        _ => view! { <A href="/login" attr:class="button">{t.sign_in}</A> }.into_any(),
                    }
                })}
            </Transition>
            </Show>
        </header>
    }
}

#[server(endpoint = "set_language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    let lang = Lang::parse(&lang).unwrap_or(Lang::Nb);
    let response = expect_context::<leptos_axum::ResponseOptions>();
    let cookie = format!(
        "{}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        crate::i18n::LANG_COOKIE,
        lang.code()
    );
    if let Ok(value) = http::HeaderValue::from_str(&cookie) {
        response.append_header(http::header::SET_COOKIE, value);
    }
    // A full reload re-renders every text in the new language.
    let back = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::REFERER)
                .and_then(|v| v.to_str().ok())
                .map(local_path)
        })
        .unwrap_or_else(|| "/".into());
    leptos_axum::redirect(&back);
    Ok(())
}

/// The path and query of a URL, so a redirect can only lead back into this site.
#[cfg(feature = "ssr")]
fn local_path(url: &str) -> String {
    let after_scheme = url.split_once("://").map(|(_, rest)| rest).unwrap_or(url);
    match after_scheme.find('/') {
        Some(i) if !after_scheme[i..].starts_with("//") => after_scheme[i..].to_string(),
        _ => "/".to_string(),
    }
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    // A plain form (no ActionForm): the page must reload to change every text.
    let action = <SetLanguage as ServerFn>::url();
    view! {
        <footer class="footer">
            <form method="post" action=action class="inline">
                <label for="lang">{t.language}</label>
                <select id="lang" name="lang">
                    <option value="nb" selected=matches!(detect_lang(), Lang::Nb)>"Norsk bokmål"</option>
                    <option value="en" selected=matches!(detect_lang(), Lang::En)>"English"</option>
                </select>
                <button type="submit">"OK"</button>
            </form>
        </footer>
    }
}

/// A user-facing sentence for an error, in the page language.
pub fn error_text(lang: Lang, e: &AppError) -> String {
    let t = lang.texts();
    match e {
        AppError::Unauthenticated => t.need_login.into(),
        AppError::Forbidden => t.forbidden.into(),
        AppError::WrongLogin => t.login_failed.into(),
        AppError::LockedOut => t.locked_out.into(),
        AppError::NotFound(_) => t.not_found.into(),
        AppError::Conflict(m) => format!("{} ({})", t.conflict, crate::i18n::message(lang, m)),
        AppError::BadRequest(m) => m.clone(),
        AppError::Invalid { field, message } => format!(
            "{} «{}»: {}",
            t.invalid_field,
            field_label(t, field),
            crate::i18n::message(lang, message)
        ),
        AppError::Internal => t.internal_error.into(),
    }
}

/// The visible label of a form field, for error messages.
pub fn field_label(t: &Texts, field: &str) -> &'static str {
    match field {
        "name" => t.programme_name,
        "title" => t.course_title,
        "public_name" => t.public_name,
        "weekdays" => t.weekdays,
        "start_time" => t.start_time,
        "end_time" => t.end_time,
        "start_date" => t.start_date,
        "closed_dates" => t.closed_dates,
        "capacity" => t.capacity,
        "time_zone" => t.time_zone,
        "programme_id" => t.programme,
        "first_name" => t.first_name,
        "last_name" => t.last_name,
        "birth_date" => t.birth_date,
        "phone" => t.phone,
        "email" => t.email,
        "category" => t.category,
        "guardian_name" => t.guardian_name,
        "guardian_phone" => t.guardian_phone,
        "guardian_email" => t.guardian_email,
        "sessions_per_week" => t.sessions_per_week,
        "weeks" => t.weeks,
        "date" => t.date,
        "location" => t.location,
        "contact" => t.phone_or_email,
        "text" => t.logbook_text,
        "session_id" => t.logbook_session,
        _ => t.details,
    }
}

/// A resource's value inside a Transition: a loading line first, the error message on
/// failure, otherwise what `render` makes of the value.
pub fn loaded<T, F>(resource: Resource<Result<T, AppError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    F: Fn(T) -> AnyView + Clone + Send + Sync + 'static,
{
    let t = use_texts();
    view! {
        <Transition fallback=move || view! { <p>{t.loading}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value),
                        Err(e) => view! { <ErrorMessage error=e/> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// Shows an error; a missing login gets a link to the login page.
#[component]
pub fn ErrorMessage(error: AppError) -> impl IntoView {
    let t = use_texts();
    let login = matches!(error, AppError::Unauthenticated);
    view! {
        <p class="error" role="alert">
            {error_text(use_lang(), &error)}
            {login.then(|| view! { " " <a href="/login">{t.sign_in}</a> })}
        </p>
    }
}

/// Shows the outcome of a submitted form: an error, or a short confirmation.
#[component]
pub fn ActionOutcome<T: Clone + Send + Sync + 'static>(
    #[prop(into)] value: Signal<Option<Result<T, AppError>>>,
) -> impl IntoView {
    let t = use_texts();
    move || match value.get() {
        Some(Err(e)) => view! { <ErrorMessage error=e/> }.into_any(),
        Some(Ok(_)) => view! { <p class="ok" role="status">{t.saved}</p> }.into_any(),
        None => ().into_any(),
    }
}

pub fn weekday_label(lang_nb: bool, code: &str) -> &'static str {
    let nb = ["man", "tir", "ons", "tor", "fre", "lør", "søn"];
    let en = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|c| *c == code)
        .unwrap_or(0);
    if lang_nb {
        nb[i]
    } else {
        en[i]
    }
}

/// Norwegian-style date "12.01.2027" from "2027-01-12".
pub fn display_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_input_reads_in_the_page_language() {
        let e = AppError::invalid("phone", "not a valid mobile number");
        assert_eq!(
            error_text(Lang::Nb, &e),
            "Sjekk feltet «Mobilnummer»: ikke et gyldig mobilnummer"
        );
        assert_eq!(
            error_text(Lang::En, &e),
            "Check the field «Mobile number»: not a valid mobile number"
        );
    }
}

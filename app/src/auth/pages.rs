//! The login page and the sign-out button, with their server functions.

use crate::components::ErrorMessage;
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
use domain::people::Staff;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// Signs in; sets the HttpOnly session cookie and sends the browser on to `next`.
#[server(endpoint = "login")]
pub async fn login(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::session::session_set_cookie;
    use store::auth::{check_login, start_session};
    let result = async {
        let db = crate::db::db()?;
        let now = crate::db::now();
        let client = crate::auth::session::client_address();
        let staff = check_login(&db, &email, &password, &client, now).await?;
        let secret = start_session(&db, staff.id, now).await?;
        let settings = expect_context::<crate::db::ServerSettings>();
        let response = expect_context::<leptos_axum::ResponseOptions>();
        let cookie =
            http::HeaderValue::from_str(&session_set_cookie(&secret, settings.secure_cookies))
                .map_err(|_| AppError::Internal)?;
        response.append_header(http::header::SET_COOKIE, cookie);
        // Only local paths, so a crafted link cannot send someone to another site.
        let target = next
            .filter(|n| n.starts_with('/') && !n.starts_with("//"))
            .unwrap_or_else(|| "/".into());
        // The hydrated page reloads itself (see LoginPage); a plain form gets a redirect.
        if crate::forms::is_plain_form() {
            leptos_axum::redirect(&target);
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::auth::session::{session_clear_cookie, session_cookie};
    use store::auth::end_session;
    let parts = expect_context::<http::request::Parts>();
    if let Some(secret) = session_cookie(&parts.headers) {
        end_session(&crate::db::db()?, &secret).await?;
    }
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(v) = http::HeaderValue::from_str(&session_clear_cookie()) {
        response.append_header(http::header::SET_COOKIE, v);
    }
    leptos_axum::redirect("/login");
    Ok(())
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_texts();
    let login = ServerAction::<Login>::new();
    let next = move || {
        use_query_map()
            .with(|q| q.get("next"))
            .unwrap_or_else(|| "/".into())
    };
    // After a successful sign-in in the browser, load the target page afresh so every part of
    // the page (the menu too) sees the new session.
    Effect::new(move |_| {
        if let Some(Ok(())) = login.value().get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().set_href(&next());
            }
        }
    });
    let value = login.value();
    view! {
        <section class="card narrow">
            <h1>{t.login_title}</h1>
            <PlainFormError/>
            {move || use_query_map().with(|q| q.get("password_set").is_some()).then(|| view! {
                <p class="ok" role="status">{t.password_saved}</p>
            })}
            <ActionForm action=login attr:class="stack">
                <input type="hidden" name="next" value=next/>
                <label for="email">{t.email}</label>
                <input id="email" name="email" type="email" autocomplete="username" required/>
                <label for="password">{t.password}</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required/>
                <button type="submit" class="primary">{t.sign_in}</button>
            </ActionForm>
            <p><a href="/forgot-password">{t.forgot_password}</a></p>
            {move || match value.get() {
                Some(Err(e)) => view! { <ErrorMessage error=e/> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
pub fn SignOutForm() -> impl IntoView {
    let t = use_texts();
    // A plain form: signing out reloads the page whether or not the wasm has loaded.
    let action = <Logout as ServerFn>::url();
    view! {
        <form method="post" action=action class="inline">
            <button type="submit" class="link">{t.sign_out}</button>
        </form>
    }
}

/// The signed-in staff user, if any (the navigation bar and `ForStaff` read it).
#[server(endpoint = "whoami")]
pub async fn whoami() -> Result<Option<Staff>, AppError> {
    match crate::auth::session::current_staff().await {
        Ok(actor) => Ok(Some(actor.staff)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

//! Choosing a password through a single-use link (`/set-password/:token`, from an invitation
//! or a reset e-mail) and asking for a reset link (`/forgot-password`), whose answer is the
//! same whether or not the address has an account.

use crate::components::ErrorMessage;
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
#[cfg(feature = "ssr")]
use domain::problem::Code;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The name of the person a usable link belongs to; `None` when it is used or expired.
#[server(endpoint = "password/link")]
pub async fn staff_link_owner(token: String) -> Result<Option<String>, AppError> {
    match store::staff::links::link_owner(&crate::db::db()?, &token, crate::db::now()).await {
        Ok((name, _)) => Ok(Some(name)),
        Err(store::StoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Sets the password and sends the person to the sign-in page.
#[server(endpoint = "password/set")]
pub async fn set_password(token: String, password: String, repeat: String) -> Result<(), AppError> {
    let result = async {
        if password != repeat {
            return Err(AppError::invalid("repeat", Code::PasswordsDiffer));
        }
        store::staff::links::set_password(&crate::db::db()?, &token, &password, crate::db::now())
            .await?;
        if crate::forms::is_plain_form() {
            leptos_axum::redirect("/login?password_set=1");
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// Queues a reset link if the address has an active account; answers the same either way.
#[server(endpoint = "password/forgot")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    let result = async {
        store::staff::links::request_reset(&crate::db::db()?, &email, crate::db::now()).await?;
        if crate::forms::is_plain_form() {
            leptos_axum::redirect("/forgot-password?sent=1");
        }
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn SetPasswordPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let owner = Resource::new(token, staff_link_owner);
    let action = ServerAction::<SetPassword>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            #[cfg(feature = "hydrate")]
            {
                let _ = window().location().set_href("/login?password_set=1");
            }
        }
    });
    view! {
        <section class="card narrow">
            <h1>{t.set_password_title}</h1>
            <PlainFormError/>
            {crate::components::loaded(owner, move |name| match name {
                None => view! {
                    <p class="error" role="alert">{t.link_gone}</p>
                    <p><a href="/forgot-password">{t.forgot_password}</a></p>
                }.into_any(),
                Some(name) => view! {
                    <p>{format!("{} {name}!", t.set_password_hello)}</p>
                    <p class="muted">{t.set_password_help}</p>
                    <ActionForm action=action attr:class="stack">
                        <input type="hidden" name="token" value=token/>
                        <label for="new-password">{t.new_password}</label>
                        <input id="new-password" name="password" type="password" minlength="10"
                            autocomplete="new-password" required/>
                        <label for="repeat-password">{t.repeat_password}</label>
                        <input id="repeat-password" name="repeat" type="password" minlength="10"
                            autocomplete="new-password" required/>
                        <button type="submit" class="primary">{t.set_password_save}</button>
                    </ActionForm>
                }.into_any(),
            })}
            {move || match action.value().get() {
                Some(Err(e)) => view! { <ErrorMessage error=e/> }.into_any(),
                _ => ().into_any(),
            }}
        </section>
    }
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let t = use_texts();
    let action = ServerAction::<ForgotPassword>::new();
    let sent_before = move || use_query_map().with(|q| q.get("sent").is_some());
    let sent = move || sent_before() || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="card narrow">
            <h1>{t.forgot_title}</h1>
            <PlainFormError/>
            <Show when=sent fallback=move || view! {
                <p class="muted">{t.forgot_help}</p>
                <ActionForm action=action attr:class="stack">
                    <label for="forgot-email">{t.email}</label>
                    <input id="forgot-email" name="email" type="email" autocomplete="username" required/>
                    <button type="submit" class="primary">{t.forgot_send}</button>
                </ActionForm>
            }>
                <p class="ok" role="status">{t.forgot_sent}</p>
            </Show>
            {move || match action.value().get() {
                Some(Err(e)) => view! { <ErrorMessage error=e/> }.into_any(),
                _ => ().into_any(),
            }}
            <p><a href="/login">{t.sign_in}</a></p>
        </section>
    }
}

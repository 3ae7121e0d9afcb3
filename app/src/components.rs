//! What every page shares: the signed-in staff user (and showing things only to some), error
//! sentences and messages, a resource while it loads, the outcome of a form, weekday and
//! date labels.

use crate::error::AppError;
use crate::i18n::{use_lang, use_texts, Language, Texts};
use domain::people::Staff;
use leptos::prelude::*;

/// The signed-in staff user, if any, for the navigation bar and role-dependent controls.
pub type MeResource = Resource<Result<Option<Staff>, AppError>>;

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

/// A user-facing sentence for an error, in the page language.
pub fn error_text(lang: Language, e: &AppError) -> String {
    let t = crate::i18n::texts_for(lang);
    match e {
        AppError::Unauthenticated => t.need_login.into(),
        AppError::Forbidden => t.forbidden.into(),
        AppError::WrongLogin => t.login_failed.into(),
        AppError::LockedOut => t.locked_out.into(),
        AppError::AccountDisabled => t.account_disabled.into(),
        AppError::NotFound(_) => t.not_found.into(),
        AppError::Conflict(problem) => format!("{} ({})", t.conflict, problem.text(lang)),
        AppError::BadRequest(m) => m.clone(),
        AppError::Invalid { field, problem } => format!(
            "{} «{}»: {}",
            t.invalid_field,
            field_label(t, field),
            problem.text(lang)
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
    use domain::problem::Code;

    #[test]
    fn invalid_input_reads_in_the_page_language() {
        let e = AppError::invalid("phone", Code::NotMobile);
        assert_eq!(
            error_text(Language::Nb, &e),
            "Sjekk feltet «Mobilnummer»: ikke et gyldig mobilnummer"
        );
        assert_eq!(
            error_text(Language::En, &e),
            "Check the field «Mobile number»: not a valid mobile number"
        );
    }
}

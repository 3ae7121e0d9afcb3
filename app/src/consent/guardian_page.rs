//! The guardian's consent page (`/consent/{token}`): the consent text, the pupil's first name,
//! the course's public name and dates, and a plain form to give consent for chosen channels or
//! decline. It is in the guardian's language (else the pupil's, else bokmål), right to left in
//! Arabic, and looking at it uses nothing: only the answer uses the link (link previews).

use crate::error::AppError;
use domain::guardian_texts::{consent_page_texts, ConsentPageTexts};
use domain::people::Language;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

pub use domain::consent::{ConsentAnswer, GuardianView};

#[server(endpoint = "consent/view")]
pub async fn guardian_consent_view(token: String) -> Result<GuardianView, AppError> {
    // The page's language: chosen on the page, else the guardian's own (see `i18n`).
    let shown_in = crate::i18n::detect_lang();
    store::consent::guardian::view(&crate::db::db()?, &token, Some(shown_in), crate::db::now())
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "consent/answer")]
pub async fn answer_guardian_consent(
    token: String,
    answer: ConsentAnswer,
) -> Result<String, AppError> {
    let result =
        store::consent::guardian::answer(&crate::db::db()?, &token, answer, crate::db::now())
            .await
            .map_err(AppError::from);
    // A plain form comes back to the page, which says what happened in the guardian's
    // language (the error's code, not the staff pages' sentence).
    if crate::forms::is_plain_form() {
        match &result {
            Ok(done) => leptos_axum::redirect(&format!("/consent/{token}?answered={done}")),
            Err(e) => leptos_axum::redirect(&format!("/consent/{token}?error={}", error_code(e))),
        }
    }
    result
}

/// Which of the page's own sentences explains an error.
fn error_code(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { field, .. } if field == "channels" => "channels",
        AppError::Invalid { .. } => "name",
        AppError::Conflict(_) => "adult",
        _ => "used",
    }
}

/// Fills in the page's placeholders.
fn fill(text: &str, v: &GuardianView) -> String {
    text.replace("{first_name}", &v.pupil_first_name)
        .replace("{course}", &v.course)
        .replace("{dates}", &v.dates)
        .replace("{leader}", &v.leader)
}

#[component]
pub fn GuardianConsentPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let answer = ServerAction::<AnswerGuardianConsent>::new();
    let data = Resource::new(token, guardian_consent_view);
    let answered = move || {
        answer
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| query.with(|q| q.get("answered")))
    };
    let error = move || {
        answer
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| error_code(&e).to_string())
            .or_else(|| query.with(|q| q.get("error")))
    };
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => {
                        // Without a readable link we do not know the language: bokmål.
                        let t = consent_page_texts(Language::Nb);
                        view! { <section class="card narrow"><h1>{t.title}</h1><p>{t.link_used}</p></section> }.into_any()
                    }
                    Ok(v) => {
                        let language = Language::parse(&v.language).unwrap_or(Language::Nb);
                        let t: &'static ConsentPageTexts = consent_page_texts(language);
                        let dir = if language == Language::Ar { "rtl" } else { "ltr" };
                        let v = StoredValue::new(v);
                        let f = move |text: &str| v.with_value(|v| fill(text, v));
                        view! {
                            <section class="card narrow consent-page" lang=language.code() dir=dir>
                                <h1>{t.title}</h1>
                                {move || match answered().as_deref() {
                                    Some("given") => view! { <p class="notice" role="status">{t.thanks_given}</p> <p>{f(t.withdraw_note)}</p> }.into_any(),
                                    Some(_) => view! { <p class="notice" role="status">{f(t.thanks_refused)}</p> }.into_any(),
                                    None if !v.with_value(|v| v.still_minor) => view! { <p>{f(t.pupil_under_age_ended)}</p> }.into_any(),
                                    None if !v.with_value(|v| v.usable) => view! { <p>{t.link_used}</p> }.into_any(),
                                    None => view! {
                                        <p>{f(t.intro)}</p>
                                        <h2>{t.consent_text_heading}</h2>
                                        <blockquote class="consent-text">{v.with_value(|v| v.consent_text.clone())}</blockquote>
                                        <p>{t.copies_note}</p>
                                        {move || error().map(|code| {
                                            let text = match code.as_str() {
                                                "channels" => t.channel_required.to_string(),
                                                "name" => t.name_required.to_string(),
                                                "adult" => f(t.pupil_under_age_ended),
                                                _ => t.link_used.to_string(),
                                            };
                                            view! { <p class="error" role="alert">{text}</p> }
                                        })}
                                        <ActionForm action=answer attr:class="stack">
                                            <input type="hidden" name="token" value=token()/>
                                            <input type="hidden" name="answer[text_version]" value=v.with_value(|v| v.text_version)/>
                                            <input type="hidden" name="answer[language]" value=language.code()/>
                                            <fieldset>
                                                <legend>{t.channels_legend}</legend>
                                                <label class="check"><input type="checkbox" name="answer[sms]" value="on"/>" "<bdi>{f(t.channel_sms)}</bdi></label>
                                                <label class="check"><input type="checkbox" name="answer[email]" value="on"/>" "<bdi>{f(t.channel_email)}</bdi></label>
                                            </fieldset>
                                            <label for="g-name">{t.your_name}</label>
                                            <input id="g-name" name="answer[given_by]" autocomplete="name" required
                                                value=v.with_value(|v| v.guardian_name.clone())/>
                                            <label for="g-relation">{f(t.relation)}</label>
                                            <select id="g-relation" name="answer[relation]">
                                                <option value="mother">{t.relation_mother}</option>
                                                <option value="father">{t.relation_father}</option>
                                                <option value="guardian">{t.relation_guardian}</option>
                                                <option value="other_guardian">{t.relation_other_guardian}</option>
                                            </select>
                                            <div class="row big-choices">
                                                <button type="submit" class="primary big" name="answer[decision]" value="given">{t.give}</button>
                                                <button type="submit" class="big" name="answer[decision]" value="refused">{t.decline}</button>
                                            </div>
                                            <p class="hint">{f(t.decline_help)}</p>
                                        </ActionForm>
                                    }.into_any(),
                                }}
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

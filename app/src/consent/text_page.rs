//! The coordinator's editor for the consent text guardians are shown (`/messages/consent-text`):
//! one text per language; saving makes a new version, and every consent keeps the version (and
//! the exact words) it was given under.

use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::i18n::use_texts;
use domain::people::Language;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The current version and its text per language (empty where bokmål stands in).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentTexts {
    pub version: i64,
    pub texts: Vec<(String, String)>,
}

#[server(endpoint = "consent/texts")]
pub async fn load_consent_texts() -> Result<ConsentTexts, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    if !staff.is_admin() {
        return Err(AppError::Forbidden);
    }
    let (version, texts) = store::consent::current_texts(&crate::db::db()?).await?;
    Ok(ConsentTexts { version, texts })
}

/// One text per language, as the form posts them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentTextForm {
    pub nb: String,
    pub nn: String,
    pub en: String,
    pub ar: String,
    pub so: String,
    pub tr: String,
}

#[server(endpoint = "consent/save_texts")]
pub async fn save_consent_texts(texts: ConsentTextForm) -> Result<i64, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let pairs = [
            ("nb", texts.nb),
            ("nn", texts.nn),
            ("en", texts.en),
            ("ar", texts.ar),
            ("so", texts.so),
            ("tr", texts.tr),
        ]
        .into_iter()
        .map(|(l, t)| (l.to_string(), t))
        .collect::<Vec<_>>();
        store::consent::save_text(&crate::db::db()?, &staff, &pairs, crate::db::now())
            .await
            .map_err(AppError::from)
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn ConsentTextPage() -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveConsentTexts>::new();
    let data = Resource::new(move || save.version().get(), |_| load_consent_texts());
    view! {
        <h1>{t.consent_text_title}</h1>
        <p class="muted">{t.consent_text_help}</p>
        <crate::forms::PlainFormError/>
        {loaded(data, move |c| view! {
            <p><strong>{t.consent_text_version} " " {c.version}</strong></p>
            <ActionForm action=save attr:class="card stack">
                {c.texts.into_iter().map(|(code, body)| {
                    let language = Language::parse(&code).unwrap_or(Language::Nb);
                    let id = format!("ct-{code}");
                    let dir = if language == Language::Ar { "rtl" } else { "ltr" };
                    view! {
                        <label for=id.clone()>{language.native_name()}</label>
                        <textarea id=id name=format!("texts[{code}]") rows="7" lang=code.clone() dir=dir
                            required=language == Language::Nb>{body}</textarea>
                    }
                }).collect_view()}
                <button type="submit" class="primary">{t.save}</button>
            </ActionForm>
            <ActionOutcome value=save.value()/>
        }.into_any())}
    }
}

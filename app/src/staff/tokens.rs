//! `/me/tokens`: a staff member's own API tokens — label, when made and last used, revoked or
//! not — and revoking one, which stops it at once.

use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
use domain::staff_accounts::ApiToken;
use leptos::prelude::*;

#[server(endpoint = "tokens/mine")]
pub async fn my_tokens() -> Result<Vec<ApiToken>, AppError> {
    let actor = crate::auth::session::current_staff().await?;
    Ok(store::staff::tokens::list_own(&crate::db::db()?, &actor).await?)
}

#[server(endpoint = "tokens/revoke")]
pub async fn revoke_token(id: i64) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        store::staff::tokens::revoke(&crate::db::db()?, &actor, id, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// "2027-01-12 14:03" in UTC, short enough for a phone.
fn when(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

#[component]
pub fn MyTokensPage() -> impl IntoView {
    let t = use_texts();
    let revoke = ServerAction::<RevokeToken>::new();
    let data = Resource::new(move || revoke.version().get(), |_| my_tokens());
    view! {
        <h1>{t.tokens_title}</h1>
        <p class="muted">{t.tokens_help}</p>
        <PlainFormError/>
        {loaded(data, move |tokens| {
            if tokens.is_empty() {
                return view! { <p>{t.tokens_none}</p> }.into_any();
            }
            view! {
                <ul class="cards">
                    {tokens.into_iter().map(|k| {
                        let label = if k.label.is_empty() { t.token_unnamed.to_string() } else { k.label.clone() };
                        let used = k.last_used_at.map(|u| format!("{} {}", t.token_last_used, when(u)))
                            .unwrap_or_else(|| t.token_never_used.to_string());
                        let aria = format!("{} {label} (#{})", t.token_revoke, k.id);
                        view! {
                            <li class="card row">
                                <div>
                                    <strong>{format!("#{} {label}", k.id)}</strong>
                                    <div class="muted">{format!("{} {} · {used}", t.token_created, when(k.created_at))}</div>
                                    {k.revoked_at.map(|r| view! { <div>{format!("{} {}", t.token_revoked, when(r))}</div> })}
                                </div>
                                {k.revoked_at.is_none().then(|| view! {
                                    <ActionForm action=revoke>
                                        <input type="hidden" name="id" value=k.id/>
                                        <button type="submit" aria-label=aria>{t.token_revoke}</button>
                                    </ActionForm>
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        })}
        <ActionOutcome value=revoke.value()/>
        <crate::calendar::StaffCalendarSection kind="leader" id=0/>
    }
}

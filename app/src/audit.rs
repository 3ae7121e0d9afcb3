//! `/audit` (admins): every administrative change, newest first — who, when, what, and the
//! values that changed, before and after. `?entity=user&entity_id=4` narrows it to one record;
//! "older changes" pages back.

use crate::components::loaded;
use crate::error::AppError;
use crate::i18n::use_texts;
use domain::audit::{changed_fields, AuditEntry};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Entries per page.
const PAGE: i64 = 50;

#[server(endpoint = "audit/list")]
pub async fn audit_entries(
    entity: Option<String>,
    entity_id: Option<String>,
    before_id: Option<i64>,
) -> Result<Vec<AuditEntry>, AppError> {
    let actor = crate::auth::session::current_staff().await?;
    let filter = store::audit::AuditFilter {
        entity: entity.filter(|e| !e.is_empty()),
        entity_id: entity_id.filter(|e| !e.is_empty()),
        before_id,
    };
    let page = store::paging::PageQuery::first(PAGE);
    Ok(store::audit::list(&crate::db::db()?, &actor, filter, &page)
        .await?
        .items)
}

/// A value as one short line.
fn short(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => "–".into(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let filter = move || {
        query.with(|q| {
            (
                q.get("entity"),
                q.get("entity_id"),
                q.get("before_id").and_then(|v| v.parse::<i64>().ok()),
            )
        })
    };
    let data = Resource::new(filter, |(entity, entity_id, before_id)| {
        audit_entries(entity, entity_id, before_id)
    });
    view! {
        <h1>{t.audit_title}</h1>
        <p class="muted">{t.audit_help}</p>
        {loaded(data, move |entries| {
            if entries.is_empty() {
                return view! { <p>{t.audit_none}</p> }.into_any();
            }
            let older = (entries.len() as i64 == PAGE).then(|| {
                let (entity, entity_id, _) = filter();
                let last = entries.last().map(|e| e.id).unwrap_or(0);
                let mut href = format!("/audit?before_id={last}");
                if let Some(e) = entity { href.push_str(&format!("&entity={e}")); }
                if let Some(e) = entity_id { href.push_str(&format!("&entity_id={e}")); }
                view! { <p><a href=href>{t.audit_older}</a></p> }
            });
            view! {
                <ul class="cards">
                    {entries.into_iter().map(|e| {
                        let action = match e.action.as_str() {
                            "create" => t.audit_create,
                            "delete" => t.audit_delete,
                            _ => t.audit_update,
                        };
                        let fields = changed_fields(e.before.as_ref(), e.after.as_ref());
                        view! {
                            <li class="card">
                                <div>
                                    <strong>{format!("{} #{}", e.entity, e.entity_id)}</strong>
                                    {format!(" {action} · {} · {}", e.actor_name, e.at.format("%Y-%m-%d %H:%M"))}
                                </div>
                                <table class="audit">
                                    <thead><tr>
                                        <th scope="col">{t.audit_changed}</th>
                                        <th scope="col">{t.audit_before}</th>
                                        <th scope="col">{t.audit_after}</th>
                                    </tr></thead>
                                    <tbody>
                                        {fields.into_iter().map(|f| {
                                            let before = short(e.before.as_ref().and_then(|b| b.get(&f)));
                                            let after = short(e.after.as_ref().and_then(|a| a.get(&f)));
                                            view! { <tr><th scope="row">{f}</th><td>{before}</td><td>{after}</td></tr> }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                {older}
            }.into_any()
        })}
    }
}

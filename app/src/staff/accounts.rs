//! The admins' pages for staff accounts: `/staff` lists everyone and invites a new person,
//! `/staff/:id` changes name, e-mail, role and school, disables or enables the account and
//! sends a fresh invitation.

use super::role_label;
use crate::components::{loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::use_texts;
use domain::people::Role;
#[cfg(feature = "ssr")]
use domain::problem::Code;
use domain::schools::School;
use domain::staff_accounts::StaffAccount;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

/// The accounts, and the schools a counsellor can be given.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub accounts: Vec<StaffAccount>,
    pub schools: Vec<School>,
}

/// A form's school choice: "" means none.
#[cfg(feature = "ssr")]
fn school_choice(school_id: Option<String>) -> Result<Option<i64>, AppError> {
    match school_id.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(id) => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::invalid("school_id", Code::NoSuchSchool)),
    }
}

#[server(endpoint = "staff/overview")]
pub async fn load_staff_overview() -> Result<StaffOverview, AppError> {
    let actor = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    Ok(StaffOverview {
        accounts: store::staff::list(&db, &actor).await?,
        schools: store::schools::list(&db).await?,
    })
}

#[server(endpoint = "staff/invite")]
pub async fn invite_staff(
    name: String,
    email: String,
    role: String,
    school_id: Option<String>,
) -> Result<i64, AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        let input = domain::staff_accounts::StaffInput {
            name,
            email,
            role,
            school_id: school_choice(school_id)?,
        };
        let account =
            store::staff::invite(&crate::db::db()?, &actor, input, crate::db::now()).await?;
        Ok(account.id)
    }
    .await;
    crate::forms::plain_form(result)
}

/// One account, with the schools to choose from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffAccountView {
    pub account: StaffAccount,
    pub schools: Vec<School>,
}

#[server(endpoint = "staff/account")]
pub async fn load_staff_account(id: i64) -> Result<StaffAccountView, AppError> {
    let actor = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    Ok(StaffAccountView {
        account: store::staff::get(&db, &actor, id).await?,
        schools: store::schools::list(&db).await?,
    })
}

#[server(endpoint = "staff/update")]
pub async fn update_staff(
    id: i64,
    name: String,
    email: String,
    role: String,
    school_id: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        let patch = domain::staff_accounts::StaffPatch {
            name: Some(name),
            email: Some(email),
            role: Some(role),
            school_id: Some(school_choice(school_id)?),
            active: None,
        };
        store::staff::update(&crate::db::db()?, &actor, id, patch, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "staff/set_active")]
pub async fn set_staff_active(id: i64, active: bool) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        let patch = domain::staff_accounts::StaffPatch {
            active: Some(active),
            ..Default::default()
        };
        store::staff::update(&crate::db::db()?, &actor, id, patch, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "staff/reinvite")]
pub async fn reinvite_staff(id: i64) -> Result<(), AppError> {
    let result = async {
        let actor = crate::auth::session::current_staff().await?;
        store::staff::reinvite(&crate::db::db()?, &actor, id, crate::db::now()).await?;
        Ok(())
    }
    .await;
    crate::forms::plain_form(result)
}

/// The account's state in words.
fn state_label(t: &crate::i18n::Texts, a: &StaffAccount) -> &'static str {
    match (a.active, a.invited) {
        (false, _) => t.account_disabled_label,
        (true, true) => t.account_invited,
        (true, false) => t.account_active,
    }
}

/// The role and school fields, shared by the invitation and the change form.
#[component]
fn RoleAndSchool(
    prefix: &'static str,
    role: Option<Role>,
    school_id: Option<i64>,
    schools: Vec<School>,
) -> impl IntoView {
    let t = use_texts();
    let role_id = format!("{prefix}-role");
    let school_field = format!("{prefix}-school");
    view! {
        <label for=role_id.clone()>{t.role}</label>
        <select id=role_id name="role">
            {Role::ALL.iter().map(|r| view! {
                <option value=r.code() selected=role == Some(*r)>{role_label(t, *r)}</option>
            }).collect_view()}
        </select>
        <label for=school_field.clone()>{t.school_for_counsellor}</label>
        <select id=school_field name="school_id">
            <option value="" selected=school_id.is_none()>{t.no_school}</option>
            // Active schools, and the account's own even when it was retired since.
            {schools.into_iter().filter(|s| s.active || Some(s.id) == school_id).map(|s| view! {
                <option value=s.id selected=Some(s.id) == school_id>{s.name}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
pub fn StaffPage() -> impl IntoView {
    let t = use_texts();
    let invite = ServerAction::<InviteStaff>::new();
    let data = Resource::new(move || invite.version().get(), |_| load_staff_overview());
    view! {
        <h1>{t.staff_title}</h1>
        <p class="muted">{t.staff_help}</p>
        <p class="row">
            <a href="/schools">{t.schools_title}</a>
            <a href="/closed-periods">{t.closed_periods_link}</a>
            <a href="/audit">{t.audit_title}</a>
            <a href="/retention">{t.retention_title}</a>
        </p>
        <PlainFormError/>
        {loaded(data, move |o| view! {
            <ul class="cards">
                {o.accounts.iter().map(|a| view! {
                    <li class="card">
                        <a href=format!("/staff/{}", a.id)><strong>{a.name.clone()}</strong></a>
                        <div class="muted">{a.email.clone()}</div>
                        <div>
                            {role_label(t, a.role)}
                            {a.school_name.clone().map(|s| format!(" · {s}"))}
                            " · " {state_label(t, a)}
                        </div>
                    </li>
                }).collect_view()}
            </ul>
            <h2>{t.staff_invite}</h2>
            <ActionForm action=invite attr:class="card stack">
                <label for="invite-name">{t.full_name}</label>
                <input id="invite-name" name="name" required autocomplete="off"/>
                <label for="invite-email">{t.email}</label>
                <input id="invite-email" name="email" type="email" required autocomplete="off"/>
                <RoleAndSchool prefix="invite" role=Some(Role::Leader) school_id=None schools=o.schools.clone()/>
                <button type="submit" class="primary">{t.staff_invite_send}</button>
            </ActionForm>
        }.into_any())}
        {move || match invite.value().get() {
            Some(Ok(_)) => view! { <p class="ok" role="status">{t.staff_invited}</p> }.into_any(),
            Some(Err(e)) => view! { <crate::components::ErrorMessage error=e/> }.into_any(),
            None => ().into_any(),
        }}
    }
}

#[component]
pub fn StaffMemberPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let update = ServerAction::<UpdateStaff>::new();
    let set_active = ServerAction::<SetStaffActive>::new();
    let reinvite = ServerAction::<ReinviteStaff>::new();
    let data = Resource::new(
        move || (id(), update.version().get(), set_active.version().get()),
        |(id, _, _)| load_staff_account(id),
    );
    view! {
        <p><a href="/staff">{t.staff_title}</a></p>
        <PlainFormError/>
        {loaded(data, move |v| {
            let a = v.account.clone();
            view! {
                <h1>{a.name.clone()}</h1>
                <p>{state_label(t, &a)}</p>
                <ActionForm action=update attr:class="card stack">
                    <input type="hidden" name="id" value=a.id/>
                    <label for="edit-name">{t.full_name}</label>
                    <input id="edit-name" name="name" required value=a.name.clone()/>
                    <label for="edit-email">{t.email}</label>
                    <input id="edit-email" name="email" type="email" required value=a.email.clone()/>
                    <RoleAndSchool prefix="edit" role=Some(a.role) school_id=a.school_id schools=v.schools.clone()/>
                    <button type="submit" class="primary">{t.save}</button>
                </ActionForm>
                <div class="row">
                    <ActionForm action=set_active>
                        <input type="hidden" name="id" value=a.id/>
                        <input type="hidden" name="active" value=(!a.active).to_string()/>
                        <button type="submit">
                            {if a.active { t.account_disable } else { t.account_enable }}
                        </button>
                    </ActionForm>
                    {(a.active && a.invited).then(|| view! {
                        <ActionForm action=reinvite>
                            <input type="hidden" name="id" value=a.id/>
                            <button type="submit">{t.account_reinvite}</button>
                        </ActionForm>
                    })}
                </div>
                <p><a href=format!("/audit?entity=user&entity_id={}", a.id)>{t.account_history}</a></p>
            }.into_any()
        })}
        <ActionOutcome value=update.value()/>
        <ActionOutcome value=set_active.value()/>
        <ActionOutcome value=reinvite.value()/>
    }
}

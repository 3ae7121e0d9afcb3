//! Participant pages: search, registration, one participant with their enrolments; and the
//! enrolment table and forms the course page shares.

use super::{Enrolment, Participant, ParticipantInput};
use crate::auth::Staff;
use crate::components::{display_date, loaded, ActionOutcome};
use crate::error::AppError;
use crate::forms::PlainFormError;
use crate::i18n::{use_texts, Texts};
use domain::courses::Course;
use domain::people::Language;
use leptos::prelude::*;
use leptos_router::components::{Form, A};
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

#[server(endpoint = "participants/search")]
pub async fn search_participants(q: String) -> Result<Vec<Participant>, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let first = store::paging::PageQuery::first(200);
    store::participants::search_participants(
        &crate::db::db()?,
        &staff,
        &q,
        &first,
        "search results",
    )
    .await
    .map(|page| page.items)
    .map_err(AppError::from)
}

/// Registers a participant (no `id`; the browser then opens their page) or saves changes.
#[server(endpoint = "participants/save")]
pub async fn save_participant(id: Option<i64>, input: ParticipantInput) -> Result<i64, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let db = crate::db::db()?;
        let now = crate::db::now();
        match id {
            Some(id) => store::participants::update_participant(&db, &staff, id, input, now)
                .await
                .map_err(AppError::from)
                .map(|p| p.id),
            None => {
                let p = store::participants::create_participant(&db, &staff, input, now).await?;
                leptos_axum::redirect(&format!("/participants/{}", p.id));
                Ok(p.id)
            }
        }
    }
    .await;
    crate::forms::plain_form(result)
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ParticipantPageData {
    pub participant: Participant,
    pub enrolments: Vec<Enrolment>,
    /// Courses the user may enrol this participant into.
    pub courses: Vec<Course>,
    /// The current buddy in each course the participant is enrolled in: (course, buddy).
    pub buddies: Vec<(String, String)>,
}

#[server(endpoint = "participants/page")]
pub async fn participant_page(id: i64) -> Result<ParticipantPageData, AppError> {
    let staff = crate::auth::session::current_staff().await?;
    let db = crate::db::db()?;
    let participant = store::participants::get_participant(&db, &staff, id).await?;
    let enrolments = store::participants::enrolment::enrolments_of(&db, &staff, id).await?;
    let taken: Vec<i64> = enrolments
        .iter()
        .filter(|e| e.status != "withdrawn")
        .map(|e| e.course_id)
        .collect();
    let courses = store::courses::list_courses(&db, &staff, false)
        .await?
        .into_iter()
        .filter(|c| !taken.contains(&c.id))
        .collect();
    let mut buddies = Vec::new();
    for e in enrolments.iter().filter(|e| e.status == "enrolled") {
        let buddy = store::pairs::buddies_of(&db, &staff, e.course_id, id).await;
        if let Some(buddy) = buddy.ok().flatten() {
            buddies.push((e.course_title.clone(), buddy));
        }
    }
    Ok(ParticipantPageData {
        buddies,
        participant,
        enrolments,
        courses,
    })
}

/// Staff users who can be a primary contact, for the registration form.
#[server(endpoint = "participants/contacts")]
pub async fn list_contacts() -> Result<Vec<Staff>, AppError> {
    crate::auth::session::current_staff().await?;
    store::auth::list_staff(&crate::db::db()?)
        .await
        .map_err(AppError::from)
}

#[server(endpoint = "enrolments/enrol")]
pub async fn enrol(course_id: i64, participant_id: i64) -> Result<String, AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        let e = store::participants::enrolment::enrol(
            &crate::db::db()?,
            &staff,
            course_id,
            participant_id,
            crate::db::now(),
        )
        .await?;
        Ok(e.status)
    }
    .await;
    crate::forms::plain_form(result)
}

#[server(endpoint = "enrolments/withdraw")]
pub async fn withdraw(
    course_id: i64,
    participant_id: i64,
    reason: Option<String>,
) -> Result<(), AppError> {
    let result = async {
        let staff = crate::auth::session::current_staff().await?;
        store::participants::enrolment::withdraw(
            &crate::db::db()?,
            &staff,
            course_id,
            participant_id,
            reason,
            crate::db::now(),
        )
        .await
        .map_err(AppError::from)
        .map(|_| ())
    }
    .await;
    crate::forms::plain_form(result)
}

#[component]
pub fn ParticipantsPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let q = move || query.with(|m| m.get("q").unwrap_or_default());
    let results = Resource::new(q, search_participants);
    view! {
        <div class="heading-row">
            <h1>{t.participants_title}</h1>
            <A href="/participants/new" attr:class="button primary">{t.participant_new}</A>
        </div>
        {move || query.with(|m| m.get("erased").is_some()).then(|| view! {
            <p class="ok" role="status">{t.erased_done}</p>
        })}
        <Form method="GET" action="/participants" attr:class="search" attr:role="search">
            <label for="q" class="visually-hidden">{t.search}</label>
            <input id="q" name="q" type="search" placeholder=t.search_placeholder value=q/>
            <button type="submit">{t.search}</button>
        </Form>
        {loaded(results, move |list| match list {
            list if list.is_empty() => view! { <p class="muted">{t.no_results}</p> }.into_any(),
            list => view! {
                <ul class="people">
                    {list.into_iter().map(|p| view! {
                        <li>
                            <A href=format!("/participants/{}", p.id)>{p.first_name.clone()} " " {p.last_name.clone()}</A>
                            <span class="muted">{joined(&[p.phone.as_deref(), p.school.as_deref()])}</span>
                            // A pupil's consent at a glance (counsellors follow up on the list).
                            {(!p.consent_status.is_empty() && p.consent_status != "not_needed").then(|| view! {
                                <span class=format!("badge consent-{}", p.consent_status)>
                                    {crate::consent::pages::status_label(t, &p.consent_status)}
                                </span>
                            })}
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        })}
    }
}

#[component]
pub fn NewParticipantPage() -> impl IntoView {
    let t = use_texts();
    let save = ServerAction::<SaveParticipant>::new();
    let contacts = Resource::new(|| (), |_| list_contacts());
    let schools = Resource::new(|| (), |_| crate::schools::list_schools());
    view! {
        <h1>{t.participant_new}</h1>
        <PlainFormError/>
        <ParticipantForm participant=None action=save contacts schools/>
    }
}

/// The registration form, empty for a new participant or filled in to change one. The
/// staff list comes from the page: a resource created inside a view that waits for another
/// resource is not created in the same order on the server and in the browser, which breaks
/// hydration now and then.
#[component]
fn ParticipantForm(
    participant: Option<Participant>,
    action: ServerAction<SaveParticipant>,
    contacts: Resource<Result<Vec<Staff>, AppError>>,
    schools: Resource<Result<Vec<domain::schools::School>, AppError>>,
) -> impl IntoView {
    let t = use_texts();
    let id = participant.as_ref().map(|p| p.id);
    let p = participant.unwrap_or_else(|| Participant {
        id: 0,
        first_name: String::new(),
        last_name: String::new(),
        birth_date: None,
        phone: None,
        email: None,
        language: "nb".into(),
        preferred_channel: "sms".into(),
        school_id: None,
        school: None,
        referral_source: String::new(),
        primary_contact_id: None,
        primary_contact_name: None,
        category: None,
        guardian_name: None,
        guardian_phone: None,
        guardian_email: None,
        guardian_language: None,
        sms_opted_out: false,
        guardian_sms_opted_out: false,
        consent_status: String::new(),
        consent_channels: Vec::new(),
    });
    let contact = p.primary_contact_id;
    let school = p.school_id;
    let category = p.category;
    let channel = p.preferred_channel.clone();
    view! {
        <ActionForm action=action attr:class="card stack">
            {id.map(|id| view! { <input type="hidden" name="id" value=id/> })}
            <div class="row">
                <div>
                    <label for="pf-first">{t.first_name}</label>
                    <input id="pf-first" name="input[first_name]" required autocomplete="off" value=p.first_name.clone()/>
                </div>
                <div>
                    <label for="pf-last">{t.last_name}</label>
                    <input id="pf-last" name="input[last_name]" required autocomplete="off" value=p.last_name.clone()/>
                </div>
            </div>
            <label for="pf-birth">{t.birth_date}</label>
            <input id="pf-birth" name="input[birth_date]" type="date" value=p.birth_date.clone()/>
            <label for="pf-phone">{t.phone}</label>
            <input id="pf-phone" name="input[phone]" type="tel" inputmode="tel" aria-describedby="pf-phone-help" value=p.phone.clone()/>
            <small id="pf-phone-help" class="muted">{t.phone_help}</small>
            <label for="pf-email">{t.email}</label>
            <input id="pf-email" name="input[email]" type="email" value=p.email.clone()/>
            <div class="row">
                <div>
                    <label for="pf-lang">{t.preferred_language}</label>
                    <select id="pf-lang" name="input[language]">
                        {Language::ALL.iter().map(|l| view! {
                            <option value=l.code() selected=p.language == l.code()>{l.native_name()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div>
                    <label for="pf-channel">{t.preferred_channel}</label>
                    <select id="pf-channel" name="input[preferred_channel]">
                        {[("sms", t.channel_sms), ("email", t.channel_email), ("both", t.channel_both)].into_iter().map(|(code, label)| view! {
                            <option value=code selected=channel == code>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <label for="pf-school">{t.school}</label>
            <select id="pf-school" name="input[school_id]">
                <option value="">{t.none}</option>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        // Active schools, and the participant's own even when it was retired since.
                        schools.await.unwrap_or_default().into_iter()
                            .filter(|s| s.active || Some(s.id) == school)
                            .map(|s| view! { <option value=s.id selected=school == Some(s.id)>{s.name}</option> }).collect_view()
                    })}
                </Transition>
            </select>
            <label for="pf-ref">{t.referral_source}</label>
            <input id="pf-ref" name="input[referral_source]" list="referral-sources" value=p.referral_source.clone()/>
            <datalist id="referral-sources">
                <option value="selv"/><option value="barnevern"/><option value="foreldre"/><option value="OT"/>
                <option value="NAV"/><option value="skole"/><option value="rusteam"/>
            </datalist>
            <label for="pf-contact">{t.primary_contact}</label>
            <select id="pf-contact" name="input[primary_contact_id]">
                <option value="">{t.none}</option>
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        contacts.await.unwrap_or_default().into_iter().filter(|s| !s.is_counsellor())
                            .map(|s| view! { <option value=s.id selected=contact == Some(s.id)>{s.name}</option> }).collect_view()
                    })}
                </Transition>
            </select>
            <label for="pf-cat">{t.category}</label>
            <select id="pf-cat" name="input[category]" aria-describedby="pf-cat-help">
                <option value="">{t.none}</option>
                {(1..=4).map(|c| view! { <option value=c selected=category == Some(c)>{c}</option> }).collect_view()}
            </select>
            <small id="pf-cat-help" class="muted">{t.category_help}</small>
            <label for="pf-cat-reason">{t.category_reason}</label>
            <input id="pf-cat-reason" name="input[category_reason]"/>
            <fieldset>
                <legend>{t.guardian}</legend>
                <label for="pf-gname">{t.guardian_name}</label>
                <input id="pf-gname" name="input[guardian_name]" value=p.guardian_name.clone()/>
                <label for="pf-gphone">{t.guardian_phone}</label>
                <input id="pf-gphone" name="input[guardian_phone]" type="tel" value=p.guardian_phone.clone()/>
                <label for="pf-gemail">{t.guardian_email}</label>
                <input id="pf-gemail" name="input[guardian_email]" type="email" value=p.guardian_email.clone()/>
                <label for="pf-glang">{t.guardian_language}</label>
                <select id="pf-glang" name="input[guardian_language]">
                    <option value="">{t.same_as_participant}</option>
                    {Language::ALL.iter().map(|l| view! {
                        <option value=l.code() selected=p.guardian_language.as_deref() == Some(l.code())>{l.native_name()}</option>
                    }).collect_view()}
                </select>
            </fieldset>
            <button type="submit" class="primary">{if id.is_some() { t.save } else { t.create }}</button>
        </ActionForm>
        <ActionOutcome value=action.value()/>
    }
}

#[component]
pub fn ParticipantPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok()).unwrap_or(0));
    let enrol_action = ServerAction::<Enrol>::new();
    let withdraw_action = ServerAction::<Withdraw>::new();
    let save = ServerAction::<SaveParticipant>::new();
    let contacts = Resource::new(|| (), |_| list_contacts());
    let schools = Resource::new(|| (), |_| crate::schools::list_schools());
    let data = Resource::new(
        move || {
            (
                id(),
                enrol_action.version().get(),
                withdraw_action.version().get(),
                save.version().get(),
            )
        },
        |(id, ..)| participant_page(id),
    );
    view! {
        <PlainFormError/>
        <ActionOutcome value=enrol_action.value()/>
        <ActionOutcome value=withdraw_action.value()/>
        {loaded(data, move |d| {
            let p = d.participant.clone();
            view! {
                <h1>{p.first_name.clone()} " " {p.last_name.clone()}</h1>
                <ParticipantFacts p=p.clone()/>
                {(!d.buddies.is_empty()).then(|| view! {
                    <p class="buddies">
                        <strong>{t.buddy} ": "</strong>
                        {d.buddies.iter().map(|(course, buddy)| format!("{buddy} ({course})")).collect::<Vec<_>>().join(", ")}
                    </p>
                })}
                <details class="card">
                    <summary>{t.edit_participant}</summary>
                    <ParticipantForm participant=Some(p.clone()) action=save contacts schools/>
                </details>
                <p><A href=format!("/messages?participant_id={}", p.id)>{t.nav_messages}</A></p>
                <h2>{t.enrolments}</h2>
                <EnrolmentTable enrolments=d.enrolments.clone() can_withdraw=true withdraw_action show_course=true/>
                {(!d.courses.is_empty()).then(|| view! {
                    <ActionForm action=enrol_action attr:class="card row">
                        <input type="hidden" name="participant_id" value=p.id/>
                        <label for="enrol-course">{t.enrol_in_course}</label>
                        <select id="enrol-course" name="course_id" required>
                            {d.courses.iter().map(|c| view! { <option value=c.id>{c.title.clone()}</option> }).collect_view()}
                        </select>
                        <button type="submit" class="primary">{t.enrol}</button>
                    </ActionForm>
                })}
                        }.into_any()
                    })}
        // Created here, not inside the loaded view above, so that its resource is the same
        // one on the server and in the browser (a nested one would be fetched again, logging
        // a second read of the record).
        <crate::consent::pages::ConsentSection participant_id=id()/>
        <crate::outcomes::OutcomeSection participant_id=id()/>
        <crate::privacy::PrivacySection participant_id=id()/>
        <crate::participants::work::ParticipantWorkSections participant_id=id()/>
        <h2>{t.own_page}</h2>
        <p class="muted">{t.own_page_help}</p>
        <crate::participant_access::pages::SendSignInLink participant_id=id()/>
        <crate::calendar::StaffCalendarSection kind="participant" id=id()/>
    }
}

#[component]
fn ParticipantFacts(p: Participant) -> impl IntoView {
    let t = use_texts();
    let lang = Language::parse(&p.language)
        .map(|l| l.native_name())
        .unwrap_or("");
    let channel = match p.preferred_channel.as_str() {
        "email" => t.channel_email,
        "both" => t.channel_both,
        _ => t.channel_sms,
    };
    let opt = |v: Option<String>| v.unwrap_or_else(|| "–".into());
    view! {
        <dl class="facts">
            <dt>{t.birth_date}</dt><dd>{opt(p.birth_date.as_deref().map(display_date))}</dd>
            <dt>{t.phone}</dt><dd>{opt(p.phone.clone())}</dd>
            <dt>{t.email}</dt><dd>{opt(p.email.clone())}</dd>
            <dt>{t.preferred_language}</dt><dd>{lang}</dd>
            <dt>{t.preferred_channel}</dt><dd>{channel}</dd>
            <dt>{t.school}</dt><dd>{opt(p.school.clone())}</dd>
            <dt>{t.referral_source}</dt><dd>{p.referral_source.clone()}</dd>
            <dt>{t.primary_contact}</dt><dd>{opt(p.primary_contact_name.clone())}</dd>
            <dt>{t.category}</dt><dd>{opt(p.category.map(|c| c.to_string()))}</dd>
            {p.guardian_name.clone().map(|g| view! {
                <dt>{t.guardian_name}</dt>
                <dd>{joined(&[Some(g.as_str()), p.guardian_phone.as_deref(), p.guardian_email.as_deref()])}</dd>
            })}
        </dl>
    }
}

/// The given parts joined by spaces, as one text: an empty text node rendered on the server
/// does not exist in the browser's DOM and would break hydration.
fn joined(parts: &[Option<&str>]) -> String {
    let text = parts
        .iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        "–".into()
    } else {
        text
    }
}

fn status_text(t: &Texts, e: &Enrolment) -> String {
    match e.status.as_str() {
        "enrolled" => t.enrolment_enrolled.to_string(),
        "waitlisted" => format!(
            "{} ({}. {})",
            t.enrolment_waitlisted,
            e.waitlist_position.unwrap_or(0),
            t.waitlist_position
        ),
        _ => format!(
            "{}{}",
            t.enrolment_withdrawn,
            e.withdraw_reason
                .as_ref()
                .map(|r| format!(": {r}"))
                .unwrap_or_default()
        ),
    }
}

#[component]
pub fn EnrolmentTable(
    enrolments: Vec<Enrolment>,
    can_withdraw: bool,
    withdraw_action: ServerAction<Withdraw>,
    show_course: bool,
) -> impl IntoView {
    let t = use_texts();
    if enrolments.is_empty() {
        return view! { <p class="muted">{t.no_enrolments}</p> }.into_any();
    }
    view! {
        <ul class="people enrolments">
            {enrolments.into_iter().map(|e| {
                let status = status_text(t, &e);
                let active = e.status != "withdrawn";
                let (href, label) = if show_course {
                    (format!("/courses/{}", e.course_id), e.course_title.clone())
                } else {
                    (format!("/participants/{}", e.participant_id), format!("{} {}", e.first_name, e.last_name))
                };
                view! {
                    <li class=format!("enrolment {}", e.status)>
                        <A href=href>{label}</A>
                        <span class="badge">{status}</span>
                        {(can_withdraw && active).then(|| view! {
                            <details>
                                <summary>{t.withdraw}</summary>
                                <ActionForm action=withdraw_action attr:class="row">
                                    <input type="hidden" name="course_id" value=e.course_id/>
                                    <input type="hidden" name="participant_id" value=e.participant_id/>
                                    <label>{t.withdraw_reason}<input name="reason"/></label>
                                    <button type="submit">{t.withdraw}</button>
                                </ActionForm>
                            </details>
                        })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
pub fn EnrolForm(
    course_id: i64,
    candidates: Vec<Participant>,
    action: ServerAction<Enrol>,
) -> impl IntoView {
    let t = use_texts();
    view! {
        <ActionForm action=action attr:class="card row">
            <input type="hidden" name="course_id" value=course_id/>
            <label for="enrol-participant">{t.enrol_participant}</label>
            <select id="enrol-participant" name="participant_id" required>
                <option value="">{t.choose}</option>
                {candidates.into_iter().map(|p| view! {
                    <option value=p.id>{p.last_name} ", " {p.first_name}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="primary">{t.enrol}</button>
        </ActionForm>
    }
}

//! The HTML shell, the router with every page, and the navigation bar with the language
//! switch. Nothing imports this module but the server: pages share `components`.

use crate::auth::pages::whoami;
use crate::auth::pages::{LoginPage, SignOutForm};
use crate::components::MeResource;
use crate::courses::pages::{CoursePage, CoursesPage, NewCoursePage};
use crate::error::AppError;
use crate::i18n::{detect_lang, use_texts};
use crate::participants::pages::{NewParticipantPage, ParticipantPage, ParticipantsPage};
use crate::programmes::pages::{ProgrammePage, ProgrammesPage};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, Lazy, LazyRoute, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::csp::set_page_policy();
    let lang = detect_lang();
    // Participants' pages are complete as plain HTML and their forms post without a script:
    // they load no wasm at all, so a first visit on prepaid data stays small.
    #[cfg(feature = "ssr")]
    let plain = use_context::<http::request::Parts>()
        .is_some_and(|parts| crate::i18n::is_participant_path(parts.uri.path()));
    #[cfg(not(feature = "ssr"))]
    let plain = false;
    view! {
        <!DOCTYPE html>
        <html lang=lang.code() dir=if lang.is_right_to_left() { "rtl" } else { "ltr" }>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <link rel="stylesheet" id="samling" href=stylesheet_href(&options)/>
                <AutoReload options=options.clone()/>
                {(!plain).then(|| view! { <HydrationScripts options/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The stylesheet's address: its content-hashed name from the site build's `hash.txt` (so
/// browsers may keep it for a year), or the plain name in a build without one.
fn stylesheet_href(options: &LeptosOptions) -> String {
    #[cfg(feature = "ssr")]
    {
        static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        HREF.get_or_init(|| {
            let hashes = std::path::Path::new(&*options.site_root).join("hash.txt");
            std::fs::read_to_string(hashes)
                .ok()
                .and_then(|text| {
                    text.lines()
                        .find_map(|l| l.strip_prefix("css:").map(|h| h.trim().to_string()))
                })
                .map_or_else(
                    || "/pkg/samling.css".to_string(),
                    |hash| format!("/pkg/samling.{hash}.css"),
                )
        })
        .clone()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = options;
        "/pkg/samling.css".to_string()
    }
}

/// The pages' code is split off the staff bundle in a few groups (Leptos lazy routes; the site
/// build splits the wasm at each group's lazy function, see xtask/src/split.rs): the browser
/// loads a group's code when it first shows one of its pages. Groups rather than one split
/// per page: wasm-split puts code shared by several splits into chunks of its own, and with
/// a split per page a page needed up to 330 files; grouped, far fewer.
macro_rules! lazy_page_groups {
    ($($group:ident / $preload:ident { $($route:ident => $page:path,)* })*) => {$(
        /// Shows one page of the group (by its route's name): the split point. `#[lazy]` also
        /// makes `$preload`, which loads the group's code.
        #[leptos::lazy]
        fn $group(route: &'static str) -> AnyView {
            match route {
                $(stringify!($route) => $page().into_any(),)*
                _ => ().into_any(),
            }
        }

        $(
            struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    Self
                }

                async fn view(_this: Self) -> AnyView {
                    $group(stringify!($route)).await
                }

                // The router awaits this before it hydrates or shows the page: the group's
                // code must be there by then (`#[lazy]` makes the preload function only in
                // the browser build).
                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    )*};
}

lazy_page_groups! {
    sign_in_pages / __preload_sign_in_pages {
        LoginPageRoute => LoginPage,
        ForgotPasswordPageRoute => crate::staff::password::ForgotPasswordPage,
        SetPasswordPageRoute => crate::staff::password::SetPasswordPage,
    }
    overview_pages / __preload_overview_pages {
        HomePageRoute => crate::courses::pages::HomePage,
        CoursesPageRoute => CoursesPage,
    }
    course_pages / __preload_course_pages {
        NewCoursePageRoute => NewCoursePage,
        CoursePageRoute => CoursePage,
        ClosedPeriodsPageRoute => crate::closed_periods::ClosedPeriodsPage,
        AttendanceGridPageRoute => crate::attendance::pages::AttendanceGridPage,
        RollCallPageRoute => crate::attendance::pages::RollCallPage,
    }
    report_pages / __preload_report_pages {
        CourseReportPageRoute => crate::reports::course_page::CourseReportPage,
        ReportsPageRoute => crate::reports::monthly_page::ReportsPage,
    }
    participant_pages / __preload_participant_pages {
        ParticipantsPageRoute => ParticipantsPage,
        NewParticipantPageRoute => NewParticipantPage,
        ParticipantPageRoute => ParticipantPage,
    }
    programme_pages / __preload_programme_pages {
        ProgrammesPageRoute => ProgrammesPage,
        ProgrammePageRoute => ProgrammePage,
    }
    message_pages / __preload_message_pages {
        MessagesPageRoute => crate::messages::pages::MessagesPage,
        TemplatesPageRoute => crate::messages::templates::TemplatesPage,
        ConsentTextPageRoute => crate::consent::text_page::ConsentTextPage,
    }
    admin_pages / __preload_admin_pages {
        StaffPageRoute => crate::staff::accounts::StaffPage,
        StaffMemberPageRoute => crate::staff::accounts::StaffMemberPage,
        MyTokensPageRoute => crate::staff::tokens::MyTokensPage,
        SchoolsPageRoute => crate::schools::SchoolsPage,
        AuditPageRoute => crate::audit::AuditPage,
        RetentionPageRoute => crate::privacy::RetentionPage,
    }
    participants_own_pages / __preload_participants_own_pages {
        ConfirmPageRoute => crate::messages::confirm::ConfirmPage,
        GuardianConsentPageRoute => crate::consent::guardian_page::GuardianConsentPage,
        RequestLinkPageRoute => crate::participant_access::pages::RequestLinkPage,
        UseLinkPageRoute => crate::participant_access::pages::UseLinkPage,
        MyPageViewRoute => crate::participant_access::pages::MyPageView,
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let lang = detect_lang();
    provide_context(lang);
    let t = crate::i18n::texts_for(lang);
    let me = Resource::new(|| (), |_| whoami());
    provide_context(me);
    view! {
        <Title text=t.app_name/>
        <Router>
            <a class="skip" href="#main">{t.skip_to_content}</a>
            <Nav/>
            <main id="main">
                // In-order streaming: every page arrives complete as plain HTML, so it reads and
                // its forms work before (or without) the wasm.
                <Routes fallback=|| view! { <p class="error">{use_texts().not_found}</p> }>
                    <Route path=path!("/") view={Lazy::<HomePageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/login") view={Lazy::<LoginPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/forgot-password") view={Lazy::<ForgotPasswordPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/set-password/:token") view={Lazy::<SetPasswordPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/staff") view={Lazy::<StaffPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/staff/:id") view={Lazy::<StaffMemberPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/me/tokens") view={Lazy::<MyTokensPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/schools") view={Lazy::<SchoolsPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/audit") view={Lazy::<AuditPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/retention") view={Lazy::<RetentionPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/programmes") view={Lazy::<ProgrammesPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/programmes/:id") view={Lazy::<ProgrammePageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses") view={Lazy::<CoursesPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/new") view={Lazy::<NewCoursePageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/closed-periods") view={Lazy::<ClosedPeriodsPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/:id") view={Lazy::<CoursePageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/:id/report") view={Lazy::<CourseReportPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/reports") view={Lazy::<ReportsPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/courses/:id/attendance") view={Lazy::<AttendanceGridPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/sessions/:id") view={Lazy::<RollCallPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/participants") view={Lazy::<ParticipantsPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/messages") view={Lazy::<MessagesPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/confirm/:token") view={Lazy::<ConfirmPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/consent/:token") view={Lazy::<GuardianConsentPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/messages/templates") view={Lazy::<TemplatesPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/messages/consent-text") view={Lazy::<ConsentTextPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/participants/new") view={Lazy::<NewParticipantPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/participants/:id") view={Lazy::<ParticipantPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/p") view={Lazy::<RequestLinkPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/p/:token") view={Lazy::<UseLinkPageRoute>::new()} ssr=SsrMode::InOrder/>
                    <Route path=path!("/me") view={Lazy::<MyPageViewRoute>::new()} ssr=SsrMode::InOrder/>
                </Routes>
            </main>
            <LanguageSwitch/>
        </Router>
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
        !(crate::i18n::is_participant_path(&path) || path.starts_with("/set-password/"))
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
                <A href="/reports">{t.nav_reports}</A>
            </nav>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match me.await {
                        Ok(Some(staff)) => view! {
                            <div class="me">
                                {staff.is_admin().then(|| view! { <A href="/staff">{t.nav_admin}</A> })}
                                <A href="/me/tokens" attr:class="who" attr:title=t.tokens_title>{staff.name.clone()}</A>
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
    let lang = crate::i18n::Language::parse(&lang).unwrap_or(crate::i18n::Language::Nb);
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
                .map(crate::i18n::local_path)
        })
        .unwrap_or_else(|| "/".into());
    leptos_axum::redirect(&back);
    Ok(())
}

#[component]
fn LanguageSwitch() -> impl IntoView {
    let t = use_texts();
    // A plain form (no ActionForm): the page must reload to change every text.
    let action = <SetLanguage as ServerFn>::url();
    let current = detect_lang();
    let location = leptos_router::hooks::use_location();
    let offered = crate::i18n::page_languages(&location.pathname.get_untracked());
    view! {
        <footer class="footer">
            <form method="post" action=action class="inline">
                <label for="lang">{t.language}</label>
                <select id="lang" name="lang">
                    {offered.iter().map(|l| view! {
                        <option value=l.code() lang=l.code() selected=*l == current>{l.native_name()}</option>
                    }).collect_view()}
                </select>
                <button type="submit">"OK"</button>
            </form>
        </footer>
    }
}

//! Refusals by problem code: the API names the field, the problem's code and its English
//! words; a page says the same problem in the page's language, looked up by the code.

use domain::problem::Code;
use samling_tests::{staff_session, TestApp};
use serde_json::{json, Value};

#[tokio::test]
async fn the_api_names_the_problem_by_code_with_english_words() {
    let app = TestApp::spawn().await;
    let (status, answer) = app
        .post(
            &app.admin,
            "/api/v1/closed-periods",
            json!({"name": " ", "first_day": "2027-02-22", "last_day": "2027-02-26"}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["code"], "invalid");
    assert_eq!(answer["error"]["field"], "name");
    assert_eq!(answer["error"]["problem"], "period_name_missing");
    assert_eq!(
        answer["error"]["message"],
        "name: give the period a name (e.g. Vinterferie)"
    );

    // Words with a value in them: the longest a period may be.
    let (status, answer) = app
        .post(
            &app.admin,
            "/api/v1/closed-periods",
            json!({"name": "Skoleåret", "first_day": "2027-08-16", "last_day": "2028-06-20"}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["problem"], "period_too_long");
    assert_eq!(
        answer["error"]["message"],
        "last_day: a period covers at most 92 days"
    );

    // A field of the wrong type is refused as unreadable, naming the field.
    let (status, answer) = app
        .post(
            &app.admin,
            "/api/v1/closed-periods",
            json!({"name": "Vinterferie", "first_day": 7, "last_day": "2027-02-26"}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert_eq!(answer["error"]["field"], "first_day");
    assert_eq!(answer["error"]["problem"], "unreadable");
}

#[tokio::test]
async fn the_openapi_document_lists_every_problem_code() {
    let app = TestApp::spawn().await;
    let doc: Value = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let listed: Vec<&str> = doc["components"]["responses"]["Error"]["content"]["application/json"]
        ["schema"]["properties"]["error"]["properties"]["problem"]["enum"]
        .as_array()
        .expect("the problem codes are listed")
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let codes: Vec<&str> = Code::ALL.iter().map(|c| c.code()).collect();
    assert_eq!(listed, codes);
}

/// A plain form post (before the wasm loads) that is refused comes back to the page with the
/// problem in the page's language: bokmål by default, English when chosen.
#[tokio::test]
async fn a_refused_form_says_the_problem_in_the_page_language() {
    let app = TestApp::spawn().await;
    let session = staff_session(&app.client, &app.url(""), "admin@test.no").await;
    for (language, words) in [
        ("nb", "gi skolen et navn"),
        ("en", "give the school a name"),
    ] {
        let cookie = format!("{session}; samling_lang={language}");
        let form = [("name", " "), ("kind", "other")];
        let page = refused_form_page(&app, "/api/schools/add", "/schools", &cookie, &form).await;
        assert!(page.contains(words), "{language}: {words} not on the page");
    }
}

/// Participants meet their problems in their own language: the sign-in form on `/p`, sent
/// empty from the page in Arabic, comes back with the problem in Arabic.
#[tokio::test]
async fn a_participant_reads_the_problem_in_their_language() {
    let app = TestApp::spawn().await;
    for (language, words) in [
        ("ar", "اكتب رقم هاتفك المحمول أو بريدك الإلكتروني"),
        (
            "tr",
            "cep telefonu numaranızı veya e-posta adresinizi yazın",
        ),
        ("nb", "skriv mobilnummeret eller e-postadressen din"),
    ] {
        let cookie = format!("samling_lang={language}");
        let form = [("contact", " ")];
        let page = refused_form_page(&app, "/api/p/request", "/p", &cookie, &form).await;
        assert!(page.contains(words), "{language}: {words} not on the page");
    }
}

/// Posts a plain HTML form (as before the wasm loads) from `page` that the server refuses,
/// and returns the page it sends the browser back to, where the problem is said.
async fn refused_form_page(
    app: &TestApp,
    endpoint: &str,
    page: &str,
    cookie: &str,
    form: &[(&str, &str)],
) -> String {
    let refused = app
        .client
        .post(app.url(endpoint))
        .header("accept", "text/html")
        .header("referer", app.url(page))
        .header("cookie", cookie)
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 302, "{endpoint} from {page}");
    let back = refused.headers()["location"].to_str().unwrap().to_string();
    assert!(back.contains("form_error="), "{back}");
    let path = back.strip_prefix(&app.url("")).unwrap_or(&back);
    app.page(path, Some(cookie)).await
}

//! The send calls of the three providers as the gateway answers them: Twilio (form, Basic
//! auth), LINK Mobility (JSON, Basic auth) and Sveve (form or query).

use super::*;

// ---- Twilio ----

fn twilio_error(status: StatusCode, code: u32, message: &str) -> Response {
    (
        status,
        Json(json!({
            "code": code,
            "message": message,
            "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
            "status": status.as_u16(),
        })),
    )
        .into_response()
}

pub(super) async fn twilio_send(
    State(shared): State<Arc<Shared>>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let authorised = basic_auth(&headers)
        .is_some_and(|(user, pass)| user == TWILIO_ACCOUNT_SID && pass == TWILIO_AUTH_TOKEN);
    if !authorised || sid != TWILIO_ACCOUNT_SID {
        return twilio_error(StatusCode::UNAUTHORIZED, 20003, "Authenticate");
    }
    let Some(to) = nonempty(&form, "To") else {
        return twilio_error(
            StatusCode::BAD_REQUEST,
            21604,
            "A 'To' phone number is required.",
        );
    };
    let Some(from) = nonempty(&form, "From").or_else(|| nonempty(&form, "MessagingServiceSid"))
    else {
        return twilio_error(
            StatusCode::BAD_REQUEST,
            21603,
            "A 'From' phone number is required.",
        );
    };
    let Some(body) = nonempty(&form, "Body") else {
        return twilio_error(StatusCode::BAD_REQUEST, 21602, "Message body is required.");
    };
    if let Some(answer) = misbehave(&shared, to, || {
        twilio_error(
            StatusCode::BAD_REQUEST,
            21211,
            &format!("The 'To' number {to} is not a valid phone number."),
        )
    })
    .await
    {
        return answer;
    }
    let id = format!("SM{:032x}", shared.new_id());
    let sms = ReceivedSms {
        provider: "twilio".into(),
        to: samling::sms::normalize_msisdn(to),
        raw_to: to.to_string(),
        body: body.to_string(),
        from: from.to_string(),
        id: id.clone(),
        reference: None,
        status_callback: nonempty(&form, "StatusCallback").map(str::to_string),
    };
    let answer = json!({
        "sid": id,
        "account_sid": TWILIO_ACCOUNT_SID,
        "to": to,
        "from": from,
        "body": body,
        "status": "queued",
        "num_segments": "1",
        "num_media": "0",
        "direction": "outbound-api",
        "api_version": "2010-04-01",
        "date_created": chrono::Utc::now().to_rfc2822(),
        "error_code": null,
        "error_message": null,
        "price": null,
        "uri": format!("/2010-04-01/Accounts/{TWILIO_ACCOUNT_SID}/Messages/{id}.json"),
    });
    accept(&shared, sms);
    (StatusCode::CREATED, Json(answer)).into_response()
}

// ---- LINK Mobility ----

fn link_error(status: StatusCode, code: u32, description: &str) -> Response {
    (
        status,
        Json(json!({"resultCode": code, "description": description})),
    )
        .into_response()
}

pub(super) async fn link_send(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let authorised = basic_auth(&headers)
        .is_some_and(|(user, pass)| user == LINK_USERNAME && pass == LINK_PASSWORD);
    if !authorised {
        return link_error(StatusCode::UNAUTHORIZED, 401, "Unauthorized");
    }
    let Ok(request) = serde_json::from_slice::<Value>(&body) else {
        return link_error(StatusCode::BAD_REQUEST, 1100, "Malformed JSON");
    };
    let text = |key: &str| {
        request[key]
            .as_str()
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    let (Some(source), Some(destination), Some(user_data)) =
        (text("source"), text("destination"), text("userData"))
    else {
        return link_error(
            StatusCode::BAD_REQUEST,
            1101,
            "source, destination and userData are required",
        );
    };
    if text("platformId").as_deref() != Some(LINK_PLATFORM_ID)
        || text("platformPartnerId").as_deref() != Some(LINK_PLATFORM_PARTNER_ID)
    {
        return link_error(
            StatusCode::FORBIDDEN,
            1103,
            "Unknown platformId or platformPartnerId",
        );
    }
    if let Some(answer) = misbehave(&shared, &destination, || {
        link_error(StatusCode::BAD_REQUEST, 1102, "Invalid destination")
    })
    .await
    {
        return answer;
    }
    let id = format!("lm{:014x}", shared.new_id());
    accept(
        &shared,
        ReceivedSms {
            provider: "linkmobility".into(),
            to: samling::sms::normalize_msisdn(&destination),
            raw_to: destination,
            body: user_data,
            from: source,
            id: id.clone(),
            reference: text("refId"),
            status_callback: None,
        },
    );
    Json(json!({"messageId": id, "resultCode": 1005, "description": "Queued"})).into_response()
}

// ---- Sveve ----

fn sveve_answer(response: Value) -> Response {
    Json(json!({ "response": response })).into_response()
}

pub(super) async fn sveve_post(
    State(shared): State<Arc<Shared>>,
    Form(params): Form<HashMap<String, String>>,
) -> Response {
    sveve_send(shared, params).await
}

pub(super) async fn sveve_get(
    State(shared): State<Arc<Shared>>,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    sveve_send(shared, params).await
}

async fn sveve_send(shared: Arc<Shared>, params: HashMap<String, String>) -> Response {
    if nonempty(&params, "user") != Some(SVEVE_USER)
        || nonempty(&params, "passwd") != Some(SVEVE_PASSWORD)
    {
        return sveve_answer(json!({"fatalError": "Feil brukernavn/passord"}));
    }
    let (Some(to), Some(msg)) = (nonempty(&params, "to"), nonempty(&params, "msg")) else {
        return sveve_answer(json!({"fatalError": "Mottaker (to) og melding (msg) må fylles ut"}));
    };
    if let Some(answer) = misbehave(&shared, to, || {
        sveve_answer(json!({
            "msgOkCount": 0,
            "stdSMSCount": 0,
            "errors": [{"number": to, "message": "Ugyldig mobilnummer"}],
        }))
    })
    .await
    {
        return answer;
    }
    let id = shared.new_id() + 40_000_000;
    accept(
        &shared,
        ReceivedSms {
            provider: "sveve".into(),
            to: samling::sms::normalize_msisdn(to),
            raw_to: to.to_string(),
            body: msg.to_string(),
            from: nonempty(&params, "from").unwrap_or("27333").to_string(),
            id: id.to_string(),
            reference: nonempty(&params, "ref").map(str::to_string),
            status_callback: None,
        },
    );
    sveve_answer(json!({"msgOkCount": 1, "stdSMSCount": 1, "ids": [id]}))
}

//! Released migrations never change: each file's SHA-256 is pinned here. A migration edited
//! after release breaks every database that already ran it (sqlx refuses a changed checksum
//! at start-up), so the change must be a new migration. A new migration is added to the list
//! when it is released.

use sha2::{Digest, Sha256};
use std::path::Path;

/// (file under migrations/, SHA-256 of its bytes)
const RELEASED: &[(&str, &str)] = &[
    (
        "sqlite/20261124000000_foundation.sql",
        "f587a3437be5c319513da00ed85f5cc43814a194da1ca4807fa2227d9a84b3d3",
    ),
    (
        "sqlite/20261124120000_course_work.sql",
        "312394bd368c0a106786aef04570815e19d85da6527368d12c8def157380fdb2",
    ),
    (
        "sqlite/20261124130000_buddy_pairs.sql",
        "6ad58a1a5130c90af32995b9fb50f5197a4c2fa40af8469359dbafdfe305a314",
    ),
    (
        "sqlite/20261124140000_logbook_goals.sql",
        "585c6f43c0350e58c671b783b53de19b93ae65dd1932c36ee853e15084772797",
    ),
    (
        "sqlite/20261124150000_absence_followups.sql",
        "3594a725ae74658c91f475192d827721bf46b6de2dc317c66abdf2484bc8585b",
    ),
    (
        "sqlite/20261124160000_reminders.sql",
        "ba30340f1966d672aaef1f9b333a272799464cd98627e1329a65582aaeb1ba76",
    ),
    (
        "sqlite/20261125090000_participant_access.sql",
        "237e34f8ff2a034cf331e6a08d9c0699c42761da54a175f103c758bc151426c2",
    ),
    (
        "sqlite/20261125100000_alert_messages.sql",
        "4c71a4609d8aed5b5031bab090e1238adaaaaf56173c8202424e5822e8a2e31a",
    ),
    (
        "sqlite/20261126090000_outbox_rebuilt.sql",
        "18503e7c32baed291ea8253c5b7e1769e92492821b4d1de2a76a254a7599949b",
    ),
    (
        "sqlite/20261205090000_guardian_consent.sql",
        "c3d922e98a2706fe68e4969b3044f55b707f049f8a5e241dba94c74cbc5c1cde",
    ),
    (
        "sqlite/20261206090000_worker_claims.sql",
        "f52039adac35cd7dfc0aa26d32c9b175891d50b60971c75eff8df194900a57a2",
    ),
    (
        "sqlite/20261208090000_closed_periods.sql",
        "ad4f9e523bc14442e79bd0ecf8eca96b2110e2b7783d05ab17f6c78119d0c549",
    ),
    (
        "sqlite/20261208100000_school_kinds.sql",
        "db91ae9c6154e9f0716525b7311ae65c1cb409886dfa7304ea2bb366ff2874ed",
    ),
    (
        "sqlite/20261209090000_staff_accounts.sql",
        "6c2074f156b67084d0254f6e4feaf0c515fca02a4e9fc4f0dbc4280e2158b9c5",
    ),
    (
        "sqlite/20261209100000_course_changes.sql",
        "0dc651610e95f666d40dacb18c78d1698f846ecea23ce52b6f090f0c3e46b9f7",
    ),
    (
        "sqlite/20261209110000_course_school.sql",
        "d2012d06ffba74794e113987b32156c64b8c043fe51cba9713ceda0dd19193bb",
    ),
    (
        "sqlite/20261210090000_outcomes.sql",
        "701dea9723206362b0af9cdebc6bb2714a4da924ca8e7d9920c341d64f680166",
    ),
    (
        "sqlite/20261211090000_privacy.sql",
        "16778d80413e0f4803eb93f5d0eb09c8e8f063424ec7aec8ad22eb8b66914786",
    ),
    (
        "sqlite/20261212090000_login_failures.sql",
        "434cb11a903fe212869c38b42d9d89905878af9e93628ec34beba7a5800c2ae6",
    ),
    (
        "sqlite/20261213090000_access_log_views.sql",
        "8339f0c60f301b8d71e8041c39e644e066b0329262b0ae894e7843062748dbc5",
    ),
    (
        "sqlite/20261214100000_page_answers.sql",
        "45263e01f07bcd1901dd1bae523ccddfd1827bbb68f81e54773290365f36a9db",
    ),
    (
        "sqlite/20261214110000_calendar_feeds.sql",
        "6887f77e2f302fd543c92544b49d0a4a312b7907ca775eb938ed06e19804cdd4",
    ),
    (
        "postgres/20261206000000_schema.sql",
        "b940764209e384cf2433727b4aeddcea5f380dafc8d27e2de9c1d269c5732d1a",
    ),
    (
        "postgres/20261207090000_outbox_cheaper_inserts.sql",
        "f17d0fe44287d47351dab34c3d213432e837b248bc05a95bb2b8f9cb25f30dab",
    ),
    (
        "postgres/20261208090000_closed_periods.sql",
        "d1337accf080a6adc8fce57b506cd4432c435edb622a57563d7c0bea25fb76c7",
    ),
    (
        "postgres/20261208100000_school_kinds.sql",
        "ef1a3214ffdb1bc8ad1eae52922358d1805c1bbe12d0b5f3780cf28cf48f5e3b",
    ),
    (
        "postgres/20261209090000_staff_accounts.sql",
        "83acf8cf329f66f6bebc7fdcd40d06b227cabad877f3c5ff9248a41db9ce99d6",
    ),
    (
        "postgres/20261209100000_course_changes.sql",
        "7e7be6e9e82885d87fde660103ccd8b213f61de062ed4e9515f5575cce7e7496",
    ),
    (
        "postgres/20261209110000_course_school.sql",
        "d00b63624281e054a7843ce7ab953d82d247b47b72776cbf60aa08ae0430e7f3",
    ),
    (
        "postgres/20261210090000_outcomes.sql",
        "b2e4240f63c4b441dbd607bdadcd41bab444e7f62a8fdabd2be537075b9acc2a",
    ),
    (
        "postgres/20261211090000_privacy.sql",
        "6d498ba5d1a6a0e967c387ce818210b068cf218432145518baf137a0589c780c",
    ),
    (
        "postgres/20261212090000_login_failures.sql",
        "e83c1deedbb322671afd2cee0a70185c56fc31050213ebad182c46815f5dde1b",
    ),
    (
        "postgres/20261213090000_access_log_views.sql",
        "0673fd8cdaa0f0595f2e605169e3a45ed6dbcfcf64c866d65d154250a72ab966",
    ),
    (
        "postgres/20261214100000_page_answers.sql",
        "13d19eb0f640497b63091776fe1233a841812e267b36e1e932afe79f4e06c91a",
    ),
    (
        "postgres/20261214110000_calendar_feeds.sql",
        "63625a2a7ea2d756abc5916e3b9b667ebad8dabe389f63ae30a1131f091bfddf",
    ),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn released_migrations_are_unchanged_and_every_migration_is_pinned() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    for (file, pinned) in RELEASED {
        let bytes = std::fs::read(root.join(file))
            .unwrap_or_else(|e| panic!("{file}: {e} (a released migration was removed)"));
        assert_eq!(
            &hex(&Sha256::digest(&bytes)),
            pinned,
            "{file} changed after release: put the change in a new migration instead"
        );
    }
    for engine in ["sqlite", "postgres"] {
        for entry in std::fs::read_dir(root.join(engine)).unwrap() {
            let name = format!("{engine}/{}", entry.unwrap().file_name().to_string_lossy());
            assert!(
                RELEASED.iter().any(|(file, _)| *file == name),
                "{name} is not pinned: add it with its SHA-256 (sha256sum migrations/{name}) to RELEASED"
            );
        }
    }
}

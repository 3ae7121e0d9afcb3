//! The one i18n mechanism: Project Fluent resources, one folder per language under `locales/`,
//! looked up message by message with a fallback to bokmål when a language lacks one.
//!
//! Fluent (the `fluent-bundle` crate, Mozilla's reference implementation) was chosen over a
//! Leptos-only library because the same words serve pages (app), texts (domain, worker) and
//! e-mail: one mechanism for all of them. It brings CLDR plural rules per language, variables,
//! and bidi isolation of every variable for right-to-left languages.
//!
//! Files per language: `pages.ftl` (staff pages: bokmål and English, nynorsk welcome),
//! `participant.ftl` (participants' own pages), `guardian.ftl` (the guardian's consent page),
//! `messages.ftl` (SMS and e-mail texts, weekday and date names) and `problems.ftl` (why a
//! request was refused, by problem code: see `problem`). The browser build carries the page
//! and problem words of the staff languages; the rest needs feature `texts` (participants'
//! pages are plain HTML).

use crate::people::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Cow;
use std::sync::LazyLock;

pub use fluent_bundle::FluentArgs as Args;

/// One language's resource files as compiled in: (file name, Fluent source). The browser
/// build (staff pages) carries the page words of the languages staff pages are in; words only
/// participants' pages, guardians and messages use are compiled into the server alone.
macro_rules! resources {
    // `$participant`: when participants' words are compiled in (always for staff languages).
    ($lang:literal, $participant:meta) => {
        &[
            (
                "pages.ftl",
                include_str!(concat!("../../locales/", $lang, "/pages.ftl")),
            ),
            #[cfg($participant)]
            (
                "participant.ftl",
                include_str!(concat!("../../locales/", $lang, "/participant.ftl")),
            ),
            #[cfg($participant)]
            (
                "problems.ftl",
                include_str!(concat!("../../locales/", $lang, "/problems.ftl")),
            ),
            #[cfg(feature = "texts")]
            (
                "guardian.ftl",
                include_str!(concat!("../../locales/", $lang, "/guardian.ftl")),
            ),
            #[cfg(feature = "texts")]
            (
                "messages.ftl",
                include_str!(concat!("../../locales/", $lang, "/messages.ftl")),
            ),
        ]
    };
}

/// Every language's resources, in `Language::ALL` order.
pub const SOURCES: &[(Language, &[(&str, &str)])] = &[
    (Language::Nb, resources!("nb", all())),
    (Language::Nn, resources!("nn", all())),
    (Language::En, resources!("en", all())),
    (Language::Ar, resources!("ar", feature = "texts")),
    (Language::So, resources!("so", feature = "texts")),
    (Language::Tr, resources!("tr", feature = "texts")),
];

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, parsed on first use.
static BUNDLES: LazyLock<Vec<(Language, Bundle)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(language, files)| {
            let id = language
                .code()
                .parse()
                .expect("language codes are BCP 47 tags");
            let mut bundle = Bundle::new_concurrent(vec![id]);
            // Fluent wraps every variable in FSI…PDI so a Latin name or a number reads
            // correctly inside right-to-left text. In left-to-right languages the marks would
            // only cost: one would switch a whole SMS from GSM-7 to UCS-2.
            bundle.set_use_isolating(language.is_right_to_left());
            for (_, source) in *files {
                // A file that fails to parse keeps the messages that did parse; a test
                // (`every_file_parses`) keeps broken files from being released.
                let resource = FluentResource::try_new(source.to_string())
                    .unwrap_or_else(|(partial, _)| partial);
                // Duplicates are refused by a test too; at run time the first one wins.
                let _ = bundle.add_resource(resource);
            }
            (*language, bundle)
        })
        .collect()
});

fn bundle(language: Language) -> &'static Bundle {
    BUNDLES
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, b)| b)
        .expect("every language has a bundle")
}

/// The languages to try for a message: the language itself, then bokmål.
pub fn fallback_chain(language: Language) -> &'static [Language] {
    match language {
        Language::Nb => &[Language::Nb],
        Language::Nn => &[Language::Nn, Language::Nb],
        Language::En => &[Language::En, Language::Nb],
        Language::Ar => &[Language::Ar, Language::Nb],
        Language::So => &[Language::So, Language::Nb],
        Language::Tr => &[Language::Tr, Language::Nb],
    }
}

/// A message (or one of its attributes) in `language`, or in the first language of the
/// fallback chain that has it. The key itself when no language has it: a test makes sure
/// every key the code asks for exists in bokmål, so users never see one.
pub fn format(language: Language, key: &str, attribute: Option<&str>, args: &Args) -> String {
    for language in fallback_chain(language) {
        let bundle = bundle(*language);
        let Some(message) = bundle.get_message(key) else {
            continue;
        };
        let pattern = match attribute {
            Some(name) => message.get_attribute(name).map(|a| a.value()),
            None => message.value(),
        };
        if let Some(pattern) = pattern {
            let mut errors = Vec::new();
            // A missing variable renders as `{$name}`; tests render every message with its
            // variables, so that is a slip in a test, not something users meet.
            return bundle
                .format_pattern(pattern, Some(args), &mut errors)
                .into_owned();
        }
    }
    key.to_string()
}

/// A message without variables.
pub fn text(language: Language, key: &str) -> String {
    format(language, key, None, &Args::new())
}

/// Arguments from name–value pairs: `args([("count", 3.into())])`.
pub fn args<'a, const N: usize>(pairs: [(&'a str, FluentValue<'a>); N]) -> Args<'a> {
    let mut args = FluentArgs::with_capacity(N);
    for (name, value) in pairs {
        args.set(name, value);
    }
    args
}

/// A string argument.
pub fn arg<'a>(value: impl Into<Cow<'a, str>>) -> FluentValue<'a> {
    FluentValue::String(value.into())
}

/// A number argument: plural forms select on it.
pub fn number<'a>(value: i64) -> FluentValue<'a> {
    FluentValue::from(value)
}

/// Whether `language` itself (not its fallback) has the message: for tests and tooling.
pub fn has(language: Language, key: &str) -> bool {
    bundle(language).has_message(key)
}

/// Every message id in one resource file of `language`, in file order: for tests and tooling.
pub fn keys(language: Language, file: &str) -> Vec<String> {
    use fluent_bundle::FluentResource;
    use fluent_syntax::ast::Entry;
    SOURCES
        .iter()
        .filter(|(l, _)| *l == language)
        .flat_map(|(_, files)| files.iter())
        .filter(|(name, _)| *name == file)
        .flat_map(|(_, source)| {
            let resource =
                FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
            resource
                .entries()
                .filter_map(|entry| match entry {
                    Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests;

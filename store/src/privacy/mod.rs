//! Data protection in the product: a participant's data exported (a request for access),
//! erased (on request or by retention) and the retention schedule itself.

pub mod erasure;
pub mod export;
pub mod retention;

use crate::error::{StoreError, StoreResult};
use domain::problem::{Code, Problem};

/// The reason an admin gives for an erasure or an extension: required, at most 500 characters.
fn reason(text: &str, missing: Code) -> StoreResult<&str> {
    let text = text.trim();
    if text.is_empty() {
        return Err(StoreError::invalid("reason", missing));
    }
    if text.chars().count() > 500 {
        return Err(StoreError::invalid(
            "reason",
            Problem::at_most_characters(500),
        ));
    }
    Ok(text)
}

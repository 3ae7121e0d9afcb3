//! Keyset paging for the lists that grow without bound (the message ledger, participant search,
//! the access and audit logs): a page is at most `limit` rows after the row a cursor names.
//!
//! A cursor is the list's name and the last row's sort key, as JSON, in base64url: opaque to
//! clients, but carrying the key itself (not only the row's id), so that a row moved or
//! removed between two pages neither repeats rows nor loses the place. Each list reads
//! `limit + 1` rows to know whether another page follows.

use crate::error::{StoreError, StoreResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use domain::problem::Code;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Rows per page when the client names no limit.
pub const DEFAULT_LIMIT: i64 = 100;
/// The most rows one page may hold.
pub const MAX_LIMIT: i64 = 500;

/// Which page to read, as the client asked for it. Both are kept as text so that a limit that
/// is not a number is refused as invalid (naming the field), like any other bad value.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    pub limit: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
}

/// One page of a list, and the cursor of the next when there are more rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

impl PageQuery {
    /// The first `limit` rows: what the pages show without paging on.
    pub fn first(limit: i64) -> PageQuery {
        PageQuery {
            limit: Some(limit.to_string()),
            cursor: None,
        }
    }

    /// The page size asked for: 1 to [`MAX_LIMIT`], [`DEFAULT_LIMIT`] when not given.
    pub fn size(&self) -> StoreResult<i64> {
        let Some(limit) = self.limit.as_deref() else {
            return Ok(DEFAULT_LIMIT);
        };
        match limit.trim().parse::<i64>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(StoreError::invalid(
                "limit",
                Code::LimitRange.with("max", MAX_LIMIT),
            )),
        }
    }

    /// The sort key of the row the page starts after; `None` for the first page. A cursor
    /// another list gave, or one that was changed, is refused.
    pub fn after<K: DeserializeOwned>(&self, list: &str) -> StoreResult<Option<K>> {
        let Some(cursor) = self.cursor.as_deref() else {
            return Ok(None);
        };
        let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| bad_cursor())?;
        let (name, key): (String, K) = serde_json::from_slice(&bytes).map_err(|_| bad_cursor())?;
        if name != list {
            return Err(bad_cursor());
        }
        Ok(Some(key))
    }
}

/// The refusal of a cursor the list did not give (also for a key a list cannot read back).
pub fn bad_cursor() -> StoreError {
    StoreError::invalid("cursor", Code::CursorUnknown)
}

/// Cuts the rows read (at most `size + 1`) to one page; when there were more, the next
/// cursor names the last row kept.
pub fn page<T, K: Serialize>(
    rows: Vec<T>,
    size: i64,
    list: &str,
    key: impl Fn(&T) -> K,
) -> StoreResult<Page<T>> {
    let (items, more) = cut(rows, size);
    let next = match items.last() {
        Some(last) if more => Some(cursor(list, &key(last))?),
        _ => None,
    };
    Ok(Page { items, next })
}

/// The rows of one page, and whether more follow (the rows read were `size + 1`), for a list
/// that looks the last row's key up itself before naming it with [`cursor`].
pub fn cut<T>(mut rows: Vec<T>, size: i64) -> (Vec<T>, bool) {
    let size = usize::try_from(size).unwrap_or(0);
    let more = rows.len() > size;
    rows.truncate(size);
    (rows, more)
}

/// The cursor naming a row of `list` by its sort key.
pub fn cursor<K: Serialize>(list: &str, key: &K) -> StoreResult<String> {
    let json = serde_json::to_vec(&(list, key))
        .map_err(|e| StoreError::internal(format!("a cursor for {list}: {e}")))?;
    Ok(URL_SAFE_NO_PAD.encode(json))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asked(limit: Option<&str>, cursor: Option<String>) -> PageQuery {
        PageQuery {
            limit: limit.map(str::to_string),
            cursor,
        }
    }

    #[test]
    fn the_limit_is_a_whole_number_within_bounds() {
        assert_eq!(asked(None, None).size().unwrap(), DEFAULT_LIMIT);
        assert_eq!(asked(Some("1"), None).size().unwrap(), 1);
        assert_eq!(asked(Some("500"), None).size().unwrap(), 500);
        for bad in ["0", "-3", "501", "ten", "", "1.5"] {
            match asked(Some(bad), None).size() {
                Err(StoreError::Invalid { field, .. }) => assert_eq!(field, "limit", "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_page_names_its_last_row_and_the_cursor_reads_back() {
        let rows: Vec<(String, i64)> = (0..4).map(|i| (format!("k{i}"), i)).collect();
        let cut = page(rows.clone(), 3, "ledger", |r| r.clone()).unwrap();
        assert_eq!(cut.items, rows[..3]);
        let next = cut.next.expect("a next page");
        let key: Option<(String, i64)> = asked(None, Some(next.clone())).after("ledger").unwrap();
        assert_eq!(key, Some(("k2".to_string(), 2)));
        assert!(next
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        // The last page says there is no next one, also when it is exactly full.
        assert_eq!(
            page(rows.clone(), 4, "ledger", |r| r.clone()).unwrap().next,
            None
        );
    }

    #[test]
    fn a_cursor_of_another_list_or_a_made_up_one_is_refused() {
        let other = page(vec![1_i64, 2], 1, "audit", |r| *r).unwrap().next;
        for cursor in [other, Some("not base64!".into()), Some("e30".into())] {
            match asked(None, cursor).after::<(String, i64)>("ledger") {
                Err(StoreError::Invalid { field, .. }) => assert_eq!(field, "cursor"),
                other => panic!("{other:?}"),
            }
        }
    }
}

//! Data protection in the product: a participant's data exported (a request for access),
//! erased (on request or by retention) and the retention schedule itself.

pub mod erasure;
pub mod export;
pub mod retention;

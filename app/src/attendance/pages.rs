//! Pages (todo).

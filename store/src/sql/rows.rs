//! Many rows for one `INSERT`, bound as each engine takes them best.

use super::value::{Array, Value};
use super::Engine;

/// The rows of a multi-row `INSERT`, as each engine takes them best. SQLite gets a `VALUES`
/// list of anonymous `?`s (it looks a numbered parameter's name up by walking the list of
/// all of them, which makes binding thousands of `$N` quadratic); PostgreSQL gets one array
/// per column, unnested, so that a statement has as many parameters as columns whatever
/// the number of rows (parsing and binding 7,000 parameters cost it more than the insert).
/// The rows are the statement's only parameters.
pub struct Rows<'q> {
    engine: Engine,
    columns: usize,
    values: Vec<Value<'q>>,
}

impl<'q> Rows<'q> {
    pub fn new(engine: Engine, columns: usize) -> Self {
        Rows {
            engine,
            columns,
            values: Vec::new(),
        }
    }

    /// Adds a row: exactly `columns` values, each column's of one type.
    pub fn push<const N: usize>(&mut self, row: [Value<'q>; N]) {
        assert_eq!(N, self.columns, "a row has one value per column");
        self.values.extend(row);
    }

    pub fn len(&self) -> usize {
        self.values.len() / self.columns
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// What follows the column list: `VALUES (?, …), …` or `SELECT * FROM unnest($1::…, …)`.
    pub fn source(&self) -> String {
        match self.engine {
            Engine::Sqlite => {
                let row = format!("({})", vec!["?"; self.columns].join(", "));
                format!("VALUES {}", vec![row; self.len()].join(", "))
            }
            Engine::Postgres => {
                let arrays: Vec<String> = self.values[..self.columns]
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let (_, name) = Array::like(v).unwrap_or((Array::Int(Vec::new()), ""));
                        format!("${}::{name}", i + 1)
                    })
                    .collect();
                format!("SELECT * FROM unnest({})", arrays.join(", "))
            }
        }
    }

    /// The arguments in the order `source` names them.
    pub(super) fn into_values(self) -> Result<Vec<Value<'q>>, sqlx::Error> {
        if self.engine == Engine::Sqlite || self.values.is_empty() {
            return Ok(self.values);
        }
        let mut columns: Vec<Array> = Vec::with_capacity(self.columns);
        for v in &self.values[..self.columns] {
            let (array, _) = Array::like(v)
                .ok_or_else(|| sqlx::Error::Encode("an array inside a row".into()))?;
            columns.push(array);
        }
        for (i, value) in self.values.into_iter().enumerate() {
            if !columns[i % self.columns].push(value) {
                return Err(sqlx::Error::Encode(
                    format!("column {} holds values of two types", i % self.columns).into(),
                ));
            }
        }
        Ok(columns.into_iter().map(Value::Array).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::Bind;

    fn two_rows(engine: Engine) -> Rows<'static> {
        let mut rows = Rows::new(engine, 3);
        rows.push(["a".value(), 1_i64.value(), None::<String>.value()]);
        rows.push(["b".value(), 2_i64.value(), Some("x".to_string()).value()]);
        rows
    }

    #[test]
    fn sqlite_gets_a_values_list_row_by_row() {
        let rows = two_rows(Engine::Sqlite);
        assert_eq!(rows.source(), "VALUES (?, ?, ?), (?, ?, ?)");
        let values = rows.into_values().unwrap();
        assert_eq!(values.len(), 6);
        assert!(matches!(&values[3], Value::Text(Some(t)) if t == "b"));
    }

    #[test]
    fn postgres_gets_one_typed_array_per_column() {
        let rows = two_rows(Engine::Postgres);
        assert_eq!(
            rows.source(),
            "SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])"
        );
        let values = rows.into_values().unwrap();
        assert_eq!(values.len(), 3);
        assert!(matches!(&values[1], Value::Array(Array::Int(v)) if v == &[Some(1), Some(2)]));
        assert!(
            matches!(&values[2], Value::Array(Array::Text(v)) if v == &[None, Some("x".to_string())])
        );
    }

    #[test]
    fn a_column_of_two_types_is_refused() {
        let mut rows = Rows::new(Engine::Postgres, 1);
        rows.push([1_i64.value()]);
        rows.push(["one".value()]);
        assert!(rows.into_values().is_err());
    }
}

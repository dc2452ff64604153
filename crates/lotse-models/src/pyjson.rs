//! JSON written byte for byte the way Python's `json.dump` writes it.
//!
//! The reference converter is a Python script; writing the same bytes makes the produced
//! files' sha256 equal to the reference's, which is the strongest check there is. Python
//! differs from `serde_json` in three places: the separators without indent are `", "` and
//! `": "`, floats use `repr` (exponent outside 1e-4..1e16, always a `.0`), and with
//! `indent=2` the layout equals `serde_json`'s pretty printer.

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Serialises like `json.dump(value, f, ensure_ascii=False)` (`indent = None`) or
/// `json.dump(value, f, indent=2)` (`indent = Some(2)`; the same for ASCII-only content).
pub fn to_vec<T: Serialize + ?Sized>(
    value: &T,
    indent: Option<usize>,
) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        PyFormatter {
            indent,
            level: 0,
            has_value: false,
        },
    );
    value.serialize(&mut ser)?;
    Ok(out)
}

/// A JSON tree whose objects keep their insertion order (like a Python dict).
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    pub fn str(s: &str) -> Json {
        Json::Str(s.to_owned())
    }
}

/// An object from `(key, value)` pairs, in this order.
pub fn obj<const N: usize>(entries: [(&str, Json); N]) -> Json {
    Json::Obj(
        entries
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect(),
    )
}

impl Serialize for Json {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeSeq};
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Int(i) => s.serialize_i64(*i),
            Json::Float(f) => s.serialize_f64(*f),
            Json::Str(v) => s.serialize_str(v),
            Json::Arr(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Obj(entries) => {
                let mut map = s.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Python's `float.__repr__`: shortest round-trip digits, fixed notation for
/// 1e-4 <= |x| < 1e16, otherwise `d.ddde±XX`.
pub fn py_float_repr(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "Infinity" } else { "-Infinity" }.into();
    }
    if v == 0.0 {
        return if v.is_sign_negative() { "-0.0" } else { "0.0" }.into();
    }
    // `{:e}` gives the shortest round-trip digits, but breaks a tie between two equally
    // close candidates upwards (-8.1537628173828125 -> ...813), where Python picks the
    // even digit (...812). Exact formatting to the same number of digits rounds half to
    // even, like Python; it is used whenever it still round-trips.
    let shortest = format!("{v:e}");
    let digits = shortest
        .split('e')
        .next()
        .unwrap_or("")
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let exact = format!("{:.*e}", digits.saturating_sub(1), v);
    let sci = if exact.parse::<f64>().ok() == Some(v) {
        exact
    } else {
        shortest
    };
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let mut digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let sign = if negative { "-" } else { "" };
    if (-4..16).contains(&exp) {
        if exp < 0 {
            let zeros = "0".repeat((-exp - 1) as usize);
            format!("{sign}0.{zeros}{digits}")
        } else {
            let point = exp as usize + 1;
            if digits.len() > point {
                format!("{sign}{}.{}", &digits[..point], &digits[point..])
            } else {
                format!("{sign}{digits}{}.0", "0".repeat(point - digits.len()))
            }
        }
    } else {
        let (first, rest) = digits.split_at(1);
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}{frac}e{esign}{:02}", exp.abs())
    }
}

struct PyFormatter {
    indent: Option<usize>,
    level: usize,
    has_value: bool,
}

impl PyFormatter {
    fn newline_indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        if let Some(n) = self.indent {
            w.write_all(b"\n")?;
            for _ in 0..self.level * n {
                w.write_all(b" ")?;
            }
        }
        Ok(())
    }
    fn separator<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        match (first, self.indent) {
            (true, None) => Ok(()),
            (false, None) => w.write_all(b", "),
            (true, Some(_)) => self.newline_indent(w),
            (false, Some(_)) => {
                w.write_all(b",")?;
                self.newline_indent(w)
            }
        }
    }
    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.newline_indent(w)?;
        }
        w.write_all(bracket)
    }
}

impl Formatter for PyFormatter {
    fn write_f32<W: ?Sized + Write>(&mut self, w: &mut W, value: f32) -> io::Result<()> {
        w.write_all(py_float_repr(f64::from(value)).as_bytes())
    }
    fn write_f64<W: ?Sized + Write>(&mut self, w: &mut W, value: f64) -> io::Result<()> {
        w.write_all(py_float_repr(value).as_bytes())
    }
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.separator(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.separator(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::excessive_precision)] // the literals are the exact values under test
    fn floats_like_python_repr() {
        // expected strings are what CPython 3.11 prints for repr(x)
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (-20.3647518157959, "-20.3647518157959"),
            // ties between two shortest candidates go to the even digit, as in CPython
            (-8.1537628173828125, "-8.153762817382812"),
            (
                f64::from(-8.153_762_817_382_812_5_f32),
                "-8.153762817382812",
            ),
            (1.0000000000000002, "1.0000000000000002"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (100.0, "100.0"),
            (-0.00046539306640625, "-0.00046539306640625"),
            (0.0016584396362304688, "0.0016584396362304688"),
            (f64::from(1e-12f32), "9.999999960041972e-13"),
            (1e-5, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (123456789012345.0, "123456789012345.0"),
            (0.1, "0.1"),
            (-1.5e-7, "-1.5e-07"),
            (2.5e100, "2.5e+100"),
        ];
        for (v, want) in cases {
            assert_eq!(py_float_repr(v), want, "{v}");
        }
    }

    #[test]
    fn compact_and_indented_layouts() {
        let v = serde_json::json!({"a": [1, 2.0, {"b": null}], "c": [], "d": {}, "e": "ä\"\n"});
        assert_eq!(
            String::from_utf8(to_vec(&v, None).unwrap()).unwrap(),
            r#"{"a": [1, 2.0, {"b": null}], "c": [], "d": {}, "e": "ä\"\n"}"#
        );
        assert_eq!(
            String::from_utf8(to_vec(&v, Some(2)).unwrap()).unwrap(),
            "{\n  \"a\": [\n    1,\n    2.0,\n    {\n      \"b\": null\n    }\n  ],\n  \"c\": [],\n  \"d\": {},\n  \"e\": \"ä\\\"\\n\"\n}"
        );
    }
}

//! Where a plugin's results go: records, metadata and log lines, passed
//! straight to the host's callbacks.

use crate::abi::{gleaner_field, gleaner_host, gleaner_record, gleaner_str, gleaner_value};
use crate::abi::{GLEANER_OK, GLEANER_TYPE_BOOL, GLEANER_TYPE_FLOAT, GLEANER_TYPE_INT, GLEANER_TYPE_NULL, GLEANER_TYPE_STRING};

/// A field value of a record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text.
    Str(&'a str),
    /// An integer.
    Int(i64),
    /// A finite float.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// JSON null.
    Null,
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Str(s)
    }
}
impl<'a> From<&'a String> for Value<'a> {
    fn from(s: &'a String) -> Self {
        Value::Str(s)
    }
}
impl<'a> From<Option<&'a str>> for Value<'a> {
    fn from(s: Option<&'a str>) -> Self {
        s.map_or(Value::Null, Value::Str)
    }
}
impl From<i64> for Value<'_> {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}
impl From<usize> for Value<'_> {
    fn from(v: usize) -> Self {
        Value::Int(v as i64)
    }
}
impl From<f64> for Value<'_> {
    fn from(v: f64) -> Self {
        Value::Float(v)
    }
}
impl From<bool> for Value<'_> {
    fn from(v: bool) -> Self {
        Value::Bool(v)
    }
}

impl Value<'_> {
    fn to_raw(self) -> gleaner_value {
        let mut raw = gleaner_value { type_: GLEANER_TYPE_NULL, reserved: 0, str: gleaner_str::EMPTY, int_value: 0, float_value: 0.0 };
        match self {
            Value::Str(s) => {
                raw.type_ = GLEANER_TYPE_STRING;
                raw.str = gleaner_str::from_str(s);
            }
            Value::Int(v) => {
                raw.type_ = GLEANER_TYPE_INT;
                raw.int_value = v;
            }
            Value::Float(v) => {
                raw.type_ = GLEANER_TYPE_FLOAT;
                raw.float_value = v;
            }
            Value::Bool(v) => {
                raw.type_ = GLEANER_TYPE_BOOL;
                raw.int_value = v as i64;
            }
            Value::Null => {}
        }
        raw
    }
}

/// The results of one document: records, metadata and log lines go
/// straight to the host, which copies them.
pub struct Output<'a> {
    host: &'a gleaner_host,
    doc: usize,
    fields: &'a mut Vec<gleaner_field>,
    stopped: bool,
}

impl<'a> Output<'a> {
    pub(crate) fn new(host: &'a gleaner_host, doc: usize, fields: &'a mut Vec<gleaner_field>) -> Output<'a> {
        Output { host, doc, fields, stopped: false }
    }

    /// Emits a record over the byte span `start..end` of the text. Returns
    /// `false` once the host accepts no more records for this document
    /// (the plugin may then stop early); later calls are ignored.
    pub fn emit(&mut self, start: usize, end: usize, kind: &str, fields: &[(&str, Value<'_>)]) -> bool {
        if self.stopped {
            return false;
        }
        let Some(emit) = self.host.emit else { return false };
        self.fields.clear();
        self.fields.extend(fields.iter().map(|(k, v)| gleaner_field { key: gleaner_str::from_str(k), value: v.to_raw() }));
        let record = gleaner_record {
            start,
            end,
            kind: gleaner_str::from_str(kind),
            fields: self.fields.as_ptr(),
            n_fields: self.fields.len(),
        };
        // SAFETY: the host's callbacks are valid for the process() call
        // this Output lives in; every pointer lives until the call returns.
        let status = unsafe { emit(self.host.ctx, self.doc, &record) };
        self.stopped = status != GLEANER_OK;
        !self.stopped
    }

    /// Whether the host has said it accepts no more records for this document.
    pub fn stopped(&self) -> bool {
        self.stopped
    }

    /// Sets a metadata pair that later plugins see on this document (the
    /// keys `date` and `url` fill the document's fields when empty).
    pub fn set_meta(&mut self, key: &str, value: &str) {
        if let Some(set_meta) = self.host.set_meta {
            // SAFETY: as in `emit`.
            unsafe { set_meta(self.host.ctx, self.doc, gleaner_str::from_str(key), gleaner_str::from_str(value)) };
        }
    }

    /// Logs a warning through the host (for conditions that are not errors
    /// of this document).
    pub fn warn(&self, message: &str) {
        if let Some(log) = self.host.log {
            // SAFETY: as in `emit`.
            unsafe { log(self.host.ctx, crate::abi::GLEANER_LOG_WARN, gleaner_str::from_str(message)) };
        }
    }

    pub(crate) fn host(&self) -> &gleaner_host {
        self.host
    }

    pub(crate) fn doc(&self) -> usize {
        self.doc
    }
}

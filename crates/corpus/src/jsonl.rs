//! The JSON Lines reader: one JSON object per line.
//!
//! Lines are read with a length limit (twice `max_doc_bytes` plus 1 MiB:
//! JSON escaping such as `\u00e9` can double a text), so one huge line
//! cannot eat memory: past the limit the rest of the line is skipped
//! without being stored and the line becomes an [`Entry::Bad`]. Each line
//! is parsed by serde_json straight into the document's fields (keys and
//! unescaped strings are borrowed from the line; the text is copied once).

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::compress::Stream;
use crate::lines::{read_line_limited, LineRead};
use crate::text::{decode_utf8_borrowed, replace_nul};
use crate::{human_bytes, too_big_message, Entry, ReaderOptions, SourceDoc};

/// The largest line buffer kept from one line to the next.
const KEPT_LINE_CAPACITY: usize = 4 << 20;

/// The key naming a record's content type, when present.
const CONTENT_TYPE_FIELD: &str = "content_type";

/// Reads the entries of one JSON Lines stream.
pub(crate) struct JsonlReader {
    stream: Stream,
    /// The input's name as shown in `source` ("news.jsonl.zst").
    name: String,
    options: Arc<ReaderOptions>,
    line_number: u64,
    line: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    pub(crate) fn new(stream: Stream, name: String, options: Arc<ReaderOptions>) -> Self {
        JsonlReader {
            stream,
            name,
            options,
            line_number: 0,
            line: Vec::new(),
            done: false,
        }
    }

    fn line_limit(&self) -> usize {
        self.options
            .max_doc_bytes
            .saturating_mul(2)
            .saturating_add(1 << 20)
    }

    fn parse_line(&self, line: &[u8]) -> Entry {
        let source = format!("{}:{}", self.name, self.line_number);
        let bad = |id: Option<String>, message: String| Entry::Bad {
            id: id.unwrap_or_else(|| source.clone()),
            source: source.clone(),
            message,
        };
        let mut warnings = Vec::new();
        let line = match decode_utf8_borrowed(line, self.options.strict_utf8, &mut warnings) {
            Ok(line) => line,
            Err(message) => return bad(None, message),
        };
        let line = line.strip_prefix('\u{FEFF}').unwrap_or(&line);
        let mut deserializer = serde_json::Deserializer::from_str(line);
        let record = match (RecordSeed {
            options: &self.options,
        })
        .deserialize(&mut deserializer)
        .and_then(|record| deserializer.end().map(|()| record))
        {
            Ok(record) => record,
            Err(err) => return bad(None, format!("invalid JSON: {}", json_error_message(&err))),
        };
        if let Some(problem) = record.problem {
            return bad(record.id, problem);
        }
        let (text, default_type) = match (record.text, record.html) {
            (Some(text), _) => (text, "text/plain"),
            (None, Some(html)) => (html, "text/html"),
            (None, None) => {
                let fields = &self.options;
                return bad(
                    record.id,
                    format!(
                        "no string field `{}` or `{}` holding the document's text",
                        fields.text_field, fields.html_field
                    ),
                );
            }
        };
        if text.len() > self.options.max_doc_bytes {
            return bad(
                record.id,
                too_big_message(text.len() as u64, self.options.max_doc_bytes),
            );
        }
        let text = replace_nul(text.into_owned(), &mut warnings);
        Entry::Doc(SourceDoc {
            id: record.id.unwrap_or_else(|| source.clone()),
            source,
            text,
            content_type: record
                .content_type
                .unwrap_or_else(|| default_type.to_owned()),
            date: record.date,
            url: record.url,
            meta: record.meta,
            warnings,
        })
    }
}

impl Iterator for JsonlReader {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        while !self.done {
            let limit = self.line_limit();
            let mut line = std::mem::take(&mut self.line);
            line.clear();
            let read = read_line_limited(&mut self.stream.reader, &mut line, limit);
            let entry = match read {
                Ok(LineRead::End) => {
                    self.done = true;
                    None
                }
                Ok(LineRead::Line) => {
                    self.line_number += 1;
                    let trimmed = line.strip_suffix(b"\r").unwrap_or(&line);
                    if trimmed.iter().all(u8::is_ascii_whitespace) {
                        None
                    } else {
                        Some(self.parse_line(trimmed))
                    }
                }
                Ok(LineRead::TooLong(length)) => {
                    self.line_number += 1;
                    let source = format!("{}:{}", self.name, self.line_number);
                    Some(Entry::Bad {
                        id: source.clone(),
                        source,
                        message: format!(
                            "line is {}, over the {} limit for a JSON line (twice --max-doc-bytes plus 1 MiB); skipped",
                            human_bytes(length),
                            human_bytes(limit as u64)
                        ),
                    })
                }
                Err(err) => {
                    self.done = true;
                    let after = match self.line_number {
                        0 => "at the start".to_owned(),
                        n => format!("after line {n}"),
                    };
                    Some(Entry::Error {
                        source: self.name.clone(),
                        message: format!("{} {after}", self.stream.describe_error(&err)),
                    })
                }
            };
            // Keep the buffer for the next line, unless a huge line grew it.
            if line.capacity() <= KEPT_LINE_CAPACITY {
                self.line = line;
            }
            if entry.is_some() {
                return entry;
            }
        }
        None
    }
}

/// serde_json's message without its " at line 1 column N" suffix, with
/// the column kept: "expected `,` or `}` at column 40".
fn json_error_message(err: &serde_json::Error) -> String {
    let full = err.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => &full[..at],
        None => &full,
    };
    if err.column() > 0 {
        format!("{message} at column {}", err.column())
    } else {
        message.to_owned()
    }
}

/// The fields of one JSON line that make a document.
struct Record<'a> {
    id: Option<String>,
    text: Option<Cow<'a, str>>,
    html: Option<Cow<'a, str>>,
    date: Option<String>,
    url: Option<String>,
    content_type: Option<String>,
    meta: Vec<(String, String)>,
    /// What makes the line unusable although it is valid JSON.
    problem: Option<String>,
}

/// Deserializes a [`Record`] with the configured field names.
struct RecordSeed<'o> {
    options: &'o ReaderOptions,
}

impl<'de> DeserializeSeed<'de> for RecordSeed<'_> {
    type Value = Record<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Record<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RecordSeed<'_> {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record<'de>, A::Error> {
        let o = self.options;
        let mut record = Record {
            id: None,
            text: None,
            html: None,
            date: None,
            url: None,
            content_type: None,
            meta: Vec::new(),
            problem: None,
        };
        while let Some(Text(key)) = map.next_key::<Text<'de>>()? {
            let value: Value<'de> = map.next_value()?;
            let key: &str = &key;
            if key == o.text_field {
                record.text = value.into_text(key, &mut record.problem);
            } else if key == o.html_field {
                record.html = value.into_text(key, &mut record.problem);
            } else if key == o.id_field {
                record.id = value.into_scalar().filter(|id| !id.trim().is_empty());
            } else if key == o.date_field {
                record.date = value.into_scalar();
            } else if key == o.url_field {
                record.url = value.into_scalar();
            } else if key == CONTENT_TYPE_FIELD {
                record.content_type = value.into_scalar();
            } else if let Some(value) = value.into_scalar() {
                record.meta.push((key.to_owned(), value));
            }
        }
        Ok(record)
    }
}

/// A string that borrows from the line when it has no escapes.
struct Text<'a>(Cow<'a, str>);

impl<'de> de::Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// A JSON value as far as a document needs it: strings and other scalars
/// are kept, arrays and objects are skipped.
enum Value<'a> {
    String(Cow<'a, str>),
    /// A number or boolean, as written.
    Scalar(String),
    Null,
    Compound,
}

impl<'a> Value<'a> {
    /// The value of a text field: a string, or absent when null; anything
    /// else is a `problem`.
    fn into_text(self, key: &str, problem: &mut Option<String>) -> Option<Cow<'a, str>> {
        match self {
            Value::String(text) => Some(text),
            Value::Null => None,
            Value::Scalar(_) | Value::Compound => {
                *problem = Some(format!("field `{key}` is not a string"));
                None
            }
        }
    }

    /// The value of an id, date, url or metadata field, as text.
    fn into_scalar(self) -> Option<String> {
        match self {
            Value::String(text) => Some(text.into_owned()),
            Value::Scalar(text) => Some(text),
            Value::Null | Value::Compound => None,
        }
    }
}

impl<'de> de::Deserialize<'de> for Value<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> Visitor<'de> for ValueVisitor {
            type Value = Value<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Value<'de>, E> {
                Ok(Value::String(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Value<'de>, E> {
                Ok(Value::String(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Value<'de>, E> {
                Ok(Value::String(Cow::Owned(v)))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Value<'de>, E> {
                Ok(Value::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Value<'de>, E> {
                Ok(Value::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Value<'de>, E> {
                Ok(Value::Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Value<'de>, E> {
                Ok(Value::Scalar(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_none<E>(self) -> Result<Value<'de>, E> {
                Ok(Value::Null)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Value::Compound)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Value::Compound)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

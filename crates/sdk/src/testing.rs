//! Run a plugin in unit tests, through the same C ABI the host uses but
//! without loading a shared library.
//!
//! ```ignore
//! let records = gleaner_sdk::testing::extract::<MyPlugin>(&[("lang", "en")], &Doc::text("..."))?;
//! ```

use std::ffi::c_void;

use crate::abi::*;
use crate::{Config, Extractor, Plugin, Transform};

/// A test document (owned).
#[derive(Clone, Debug, Default)]
pub struct Doc {
    /// Id.
    pub id: String,
    /// Text.
    pub text: String,
    /// Content type.
    pub content_type: String,
    /// Publication date (ISO 8601) or empty.
    pub date: String,
    /// URL or empty.
    pub url: String,
    /// Other metadata.
    pub meta: Vec<(String, String)>,
}

impl Doc {
    /// A plain-text document.
    pub fn text(text: &str) -> Doc {
        Doc { id: "test".into(), text: text.into(), content_type: "text/plain".into(), ..Doc::default() }
    }
    /// An HTML document.
    pub fn html(html: &str) -> Doc {
        Doc { content_type: "text/html".into(), ..Doc::text(html) }
    }
    /// The same document with a publication date.
    pub fn with_date(mut self, date: &str) -> Doc {
        self.date = date.into();
        self
    }
    /// The same document with one more metadata pair.
    pub fn with_meta(mut self, key: &str, value: &str) -> Doc {
        self.meta.push((key.into(), value.into()));
        self
    }
}

/// An owned field value.
#[derive(Clone, Debug, PartialEq)]
pub enum OwnedValue {
    /// Text.
    Str(String),
    /// Integer.
    Int(i64),
    /// Float.
    Float(f64),
    /// Boolean.
    Bool(bool),
    /// Null.
    Null,
}

/// A record as the plugin emitted it.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Byte offset of the span's start.
    pub start: usize,
    /// Byte offset of the span's end (exclusive).
    pub end: usize,
    /// Kind.
    pub kind: String,
    /// Fields, in emitted order.
    pub fields: Vec<(String, OwnedValue)>,
}

impl Record {
    /// The value of field `key`.
    pub fn get(&self, key: &str) -> Option<&OwnedValue> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// The value of text field `key`.
    pub fn str(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(OwnedValue::Str(s)) => Some(s),
            _ => None,
        }
    }
    /// The span's text.
    pub fn span<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

#[derive(Default)]
struct Collected {
    records: Vec<Record>,
    text: Option<String>,
    errors: Vec<String>,
}

fn owned(s: &gleaner_str) -> String {
    // SAFETY: the plugin passes views valid for the callback.
    String::from_utf8_lossy(unsafe { s.as_bytes() }).into_owned()
}

unsafe extern "C" fn emit(ctx: *mut c_void, _doc: usize, record: *const gleaner_record) -> i32 {
    let collected = &mut *(ctx as *mut Collected);
    let r = &*record;
    let fields = if r.n_fields == 0 { &[][..] } else { std::slice::from_raw_parts(r.fields, r.n_fields) };
    let fields = fields
        .iter()
        .map(|f| {
            let v = &f.value;
            let value = match v.type_ {
                GLEANER_TYPE_STRING => OwnedValue::Str(owned(&v.str)),
                GLEANER_TYPE_INT => OwnedValue::Int(v.int_value),
                GLEANER_TYPE_FLOAT => OwnedValue::Float(v.float_value),
                GLEANER_TYPE_BOOL => OwnedValue::Bool(v.int_value != 0),
                _ => OwnedValue::Null,
            };
            (owned(&f.key), value)
        })
        .collect();
    collected.records.push(Record { start: r.start, end: r.end, kind: owned(&r.kind), fields });
    GLEANER_OK
}

unsafe extern "C" fn replace_text(ctx: *mut c_void, _doc: usize, text: gleaner_str) -> i32 {
    (*(ctx as *mut Collected)).text = Some(owned(&text));
    GLEANER_OK
}

unsafe extern "C" fn set_meta(_ctx: *mut c_void, _doc: usize, _key: gleaner_str, _value: gleaner_str) -> i32 {
    GLEANER_OK
}

unsafe extern "C" fn doc_error(ctx: *mut c_void, _doc: usize, message: gleaner_str) {
    (*(ctx as *mut Collected)).errors.push(owned(&message));
}

unsafe extern "C" fn create_error(ctx: *mut c_void, message: gleaner_str) {
    *(ctx as *mut String) = owned(&message);
}

fn run(descriptor: &gleaner_plugin_descriptor, settings: &[SettingPair], doc: &Doc) -> Result<Collected, String> {
    let pairs: Vec<gleaner_kv> = settings
        .iter()
        .map(|(k, v)| gleaner_kv { key: gleaner_str::from_str(k), value: gleaner_str::from_str(v) })
        .collect();
    let mut create_message = String::new();
    let args = gleaner_create_args {
        struct_size: std::mem::size_of::<gleaner_create_args>() as u32,
        host_abi_minor: GLEANER_ABI_MINOR as u32,
        settings: pairs.as_ptr(),
        n_settings: pairs.len(),
        ctx: &mut create_message as *mut String as *mut c_void,
        error: Some(create_error),
    };
    let mut instance = std::ptr::null_mut();
    // SAFETY: the descriptor comes from the SDK; every pointer lives across the calls.
    unsafe {
        if (descriptor.create.unwrap())(&args, &mut instance) != GLEANER_OK {
            return Err(format!("create failed: {create_message}"));
        }
        let meta: Vec<gleaner_kv> = doc
            .meta
            .iter()
            .map(|(k, v)| gleaner_kv { key: gleaner_str::from_str(k), value: gleaner_str::from_str(v) })
            .collect();
        let raw = gleaner_document {
            struct_size: std::mem::size_of::<gleaner_document>() as u32,
            reserved: 0,
            id: gleaner_str::from_str(&doc.id),
            text: gleaner_str::from_str(&doc.text),
            content_type: gleaner_str::from_str(&doc.content_type),
            date: gleaner_str::from_str(&doc.date),
            url: gleaner_str::from_str(&doc.url),
            meta: meta.as_ptr(),
            n_meta: meta.len(),
        };
        let mut collected = Collected::default();
        let host = gleaner_host {
            struct_size: std::mem::size_of::<gleaner_host>() as u32,
            reserved: 0,
            ctx: &mut collected as *mut Collected as *mut c_void,
            emit: Some(emit),
            replace_text: Some(replace_text),
            set_meta: Some(set_meta),
            error: Some(doc_error),
            log: None,
        };
        let status = (descriptor.process.unwrap())(instance, &raw, 1, &host);
        (descriptor.destroy.unwrap())(instance);
        if status != GLEANER_OK {
            return Err("process failed for the whole batch".into());
        }
        if !collected.errors.is_empty() {
            return Err(collected.errors.join("; "));
        }
        Ok(collected)
    }
}

type SettingPair = (String, String);

fn settings_of<T: Plugin>(pairs: &[(&str, &str)]) -> Vec<SettingPair> {
    Config::with_defaults(T::SETTINGS, pairs).iter().map(|(k, v)| (k.to_owned(), v.to_owned())).collect()
}

/// Runs extractor `T` (with its defaults overridden by `settings`) on one
/// document. `Err` carries the errors the plugin reported.
pub fn extract<T: Extractor>(settings: &[(&str, &str)], doc: &Doc) -> Result<Vec<Record>, String> {
    let descriptor = crate::export::extractor_descriptor::<T>();
    run(&descriptor, &settings_of::<T>(settings), doc).map(|c| c.records)
}

/// Runs transform `T` on one document: the text it outputs (the input's
/// text if it kept it) and the records it emitted.
pub fn transform<T: Transform>(settings: &[(&str, &str)], doc: &Doc) -> Result<(String, Vec<Record>), String> {
    let descriptor = crate::export::transform_descriptor::<T>();
    run(&descriptor, &settings_of::<T>(settings), doc).map(|c| (c.text.unwrap_or_else(|| doc.text.clone()), c.records))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Error, Output};

    struct Panicker;
    impl Plugin for Panicker {
        const ID: &'static str = "panicker";
        const VERSION: &'static str = "0";
        const DESCRIPTION: &'static str = "panics on 'boom'";
        fn new(_: &Config) -> Result<Self, Error> {
            Ok(Panicker)
        }
    }
    impl Extractor for Panicker {
        fn extract(&mut self, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
            assert!(!doc.text().contains("boom"), "found boom");
            out.emit(0, 1, "ok", &[]);
            Ok(())
        }
    }

    #[test]
    fn a_panic_becomes_an_error_with_its_location_and_the_plugin_goes_on() {
        let error = extract::<Panicker>(&[], &Doc::text("boom")).unwrap_err();
        assert!(error.starts_with("plugin panicked at "), "{error}");
        assert!(error.contains("testing.rs:") && error.ends_with("found boom"), "{error}");
        assert_eq!(extract::<Panicker>(&[], &Doc::text("calm")).unwrap().len(), 1);
    }
}

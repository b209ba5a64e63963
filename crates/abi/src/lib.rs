//! The gleaner plugin ABI, version 1: a `#[repr(C)]` mirror of
//! `include/gleaner_plugin.h`.
//!
//! The header is the contract; this crate only restates it in Rust, with
//! compile-time layout checks that fail the build if the two drift apart.
//! [`SettingType`] is the one safe type here: the setting type codes, shared
//! by the host (which checks values) and the SDK (which declares settings).
//! Read the header for the ownership, lifetime and thread-safety rules of
//! every field. Plugin authors writing Rust use `gleaner-sdk`, which wraps
//! these types in a safe API; the host uses them to call plugins.

#![allow(non_camel_case_types)]

use std::ffi::{c_char, c_void};
use std::mem::{offset_of, size_of};

/// `"GLNR"` read as a little-endian `u32`.
pub const GLEANER_ABI_MAGIC: u32 = 0x524E_4C47;
/// The ABI major version this crate speaks. Plugins of another major are refused.
pub const GLEANER_ABI_MAJOR: u16 = 1;
/// The ABI minor version this crate speaks.
pub const GLEANER_ABI_MINOR: u16 = 0;
/// The one symbol a plugin exports (NUL-terminated for `dlsym`).
pub const GLEANER_PLUGIN_ENTRY_SYMBOL: &[u8] = b"gleaner_plugin_entry_v1\0";

/// Plugin kind: emits records over the text.
pub const GLEANER_KIND_EXTRACTOR: u32 = 1;
/// Plugin kind: rewrites the text; runs before every extractor.
pub const GLEANER_KIND_TRANSFORM: u32 = 2;

/// One instance may be called from several threads at once.
pub const GLEANER_FLAG_THREAD_SAFE: u64 = 1 << 0;

/// Value type: `gleaner_value.str`.
pub const GLEANER_TYPE_STRING: u32 = 1;
/// Value type: `gleaner_value.int_value`.
pub const GLEANER_TYPE_INT: u32 = 2;
/// Value type: `gleaner_value.float_value` (finite).
pub const GLEANER_TYPE_FLOAT: u32 = 3;
/// Value type: `gleaner_value.int_value`, 0 or 1.
pub const GLEANER_TYPE_BOOL: u32 = 4;
/// Value type: JSON null, no payload.
pub const GLEANER_TYPE_NULL: u32 = 5;

/// Success.
pub const GLEANER_OK: i32 = 0;
/// A host callback accepts no more output for this document.
pub const GLEANER_STOP: i32 = 1;
/// A plugin function failed as a whole.
pub const GLEANER_ERROR: i32 = -1;

/// Log level: error.
pub const GLEANER_LOG_ERROR: u32 = 1;
/// Log level: warning.
pub const GLEANER_LOG_WARN: u32 = 2;
/// Log level: information.
pub const GLEANER_LOG_INFO: u32 = 3;
/// Log level: debug.
pub const GLEANER_LOG_DEBUG: u32 = 4;

/// A borrowed UTF-8 string: pointer + length in bytes, not NUL-terminated.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_str {
    pub ptr: *const c_char,
    pub len: usize,
}

impl gleaner_str {
    /// The empty string.
    pub const EMPTY: gleaner_str = gleaner_str { ptr: std::ptr::null(), len: 0 };

    /// A view of `s`, valid as long as `s` is.
    pub const fn from_str(s: &str) -> gleaner_str {
        gleaner_str { ptr: s.as_ptr() as *const c_char, len: s.len() }
    }

    /// The viewed bytes.
    ///
    /// # Safety
    /// `ptr` must point to `len` readable bytes (or `len` must be 0) for `'a`.
    pub unsafe fn as_bytes<'a>(&self) -> &'a [u8] {
        if self.len == 0 || self.ptr.is_null() {
            &[]
        } else {
            std::slice::from_raw_parts(self.ptr as *const u8, self.len)
        }
    }
}

/// A key/value pair of strings.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_kv {
    pub key: gleaner_str,
    pub value: gleaner_str,
}

/// A typed value; `type_` says which member is meaningful.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_value {
    pub type_: u32,
    pub reserved: u32,
    pub str: gleaner_str,
    pub int_value: i64,
    pub float_value: f64,
}

/// One named field of a record.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_field {
    pub key: gleaner_str,
    pub value: gleaner_value,
}

/// One record: a byte span of the text, a kind, and fields.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_record {
    pub start: usize,
    pub end: usize,
    pub kind: gleaner_str,
    pub fields: *const gleaner_field,
    pub n_fields: usize,
}

/// One input document, borrowed from the host for the duration of a call.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_document {
    pub struct_size: u32,
    pub reserved: u32,
    pub id: gleaner_str,
    pub text: gleaner_str,
    pub content_type: gleaner_str,
    pub date: gleaner_str,
    pub url: gleaner_str,
    pub meta: *const gleaner_kv,
    pub n_meta: usize,
}

/// Emit one record for document `doc` of the batch.
pub type gleaner_emit_fn =
    unsafe extern "C" fn(ctx: *mut c_void, doc: usize, record: *const gleaner_record) -> i32;
/// Replace document `doc`'s text (transforms only).
pub type gleaner_replace_text_fn =
    unsafe extern "C" fn(ctx: *mut c_void, doc: usize, text: gleaner_str) -> i32;
/// Set a metadata pair on document `doc`.
pub type gleaner_set_meta_fn =
    unsafe extern "C" fn(ctx: *mut c_void, doc: usize, key: gleaner_str, value: gleaner_str) -> i32;
/// Report an error on document `doc`.
pub type gleaner_doc_error_fn = unsafe extern "C" fn(ctx: *mut c_void, doc: usize, message: gleaner_str);
/// Log a message at a `GLEANER_LOG_*` level.
pub type gleaner_log_fn = unsafe extern "C" fn(ctx: *mut c_void, level: u32, message: gleaner_str);
/// Report why `create` failed.
pub type gleaner_create_error_fn = unsafe extern "C" fn(ctx: *mut c_void, message: gleaner_str);

/// The callbacks the host provides to `process`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct gleaner_host {
    pub struct_size: u32,
    pub reserved: u32,
    pub ctx: *mut c_void,
    pub emit: Option<gleaner_emit_fn>,
    pub replace_text: Option<gleaner_replace_text_fn>,
    pub set_meta: Option<gleaner_set_meta_fn>,
    pub error: Option<gleaner_doc_error_fn>,
    pub log: Option<gleaner_log_fn>,
}

/// A setting a plugin declares (static data).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct gleaner_setting_spec {
    pub name: gleaner_str,
    pub type_: u32,
    pub reserved: u32,
    pub default_value: gleaner_str,
    pub description: gleaner_str,
}

/// Arguments of `create`, borrowed for the call.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct gleaner_create_args {
    pub struct_size: u32,
    pub host_abi_minor: u32,
    pub settings: *const gleaner_kv,
    pub n_settings: usize,
    pub ctx: *mut c_void,
    pub error: Option<gleaner_create_error_fn>,
}

/// Create an instance.
pub type gleaner_create_fn =
    unsafe extern "C" fn(args: *const gleaner_create_args, instance: *mut *mut c_void) -> i32;
/// Destroy an instance.
pub type gleaner_destroy_fn = unsafe extern "C" fn(instance: *mut c_void);
/// Process a batch of documents.
pub type gleaner_process_fn = unsafe extern "C" fn(
    instance: *mut c_void,
    docs: *const gleaner_document,
    n_docs: usize,
    host: *const gleaner_host,
) -> i32;

/// The plugin's self-description (static data).
#[repr(C)]
#[derive(Clone, Copy)]
pub struct gleaner_plugin_descriptor {
    pub magic: u32,
    pub abi_major: u16,
    pub abi_minor: u16,
    pub struct_size: u32,
    pub kind: u32,
    pub flags: u64,
    pub id: gleaner_str,
    pub version: gleaner_str,
    pub description: gleaner_str,
    pub settings: *const gleaner_setting_spec,
    pub n_settings: usize,
    pub create: Option<gleaner_create_fn>,
    pub destroy: Option<gleaner_destroy_fn>,
    pub process: Option<gleaner_process_fn>,
}

// Static descriptors hold raw pointers to static data only.
unsafe impl Sync for gleaner_plugin_descriptor {}
unsafe impl Sync for gleaner_setting_spec {}

/// The entry point every plugin exports as `gleaner_plugin_entry_v1`.
pub type gleaner_plugin_entry_fn = unsafe extern "C" fn() -> *const gleaner_plugin_descriptor;

/// Size of the v1.0 descriptor: the smallest `struct_size` the host accepts.
pub const DESCRIPTOR_V1_0_SIZE: usize = 112;

// Layout checks: the same numbers as the header's _Static_asserts (LP64).
#[cfg(target_pointer_width = "64")]
const _: () = {
    assert!(size_of::<gleaner_str>() == 16);
    assert!(size_of::<gleaner_kv>() == 32);
    assert!(size_of::<gleaner_value>() == 40);
    assert!(offset_of!(gleaner_value, int_value) == 24);
    assert!(size_of::<gleaner_field>() == 56);
    assert!(size_of::<gleaner_record>() == 48);
    assert!(offset_of!(gleaner_record, fields) == 32);
    assert!(size_of::<gleaner_document>() == 104);
    assert!(offset_of!(gleaner_document, meta) == 88);
    assert!(size_of::<gleaner_host>() == 56);
    assert!(offset_of!(gleaner_host, log) == 48);
    assert!(size_of::<gleaner_setting_spec>() == 56);
    assert!(size_of::<gleaner_create_args>() == 40);
    assert!(size_of::<gleaner_plugin_descriptor>() == DESCRIPTOR_V1_0_SIZE);
    assert!(offset_of!(gleaner_plugin_descriptor, id) == 24);
    assert!(offset_of!(gleaner_plugin_descriptor, create) == 88);
    assert!(offset_of!(gleaner_plugin_descriptor, process) == 104);
    assert!(size_of::<Option<gleaner_process_fn>>() == 8);
};

/// The type of a setting's value: the safe form of a `GLEANER_TYPE_*`
/// code in `gleaner_setting_spec.type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SettingType {
    /// Any UTF-8 text.
    String,
    /// A 64-bit signed integer.
    Int,
    /// A finite floating-point number.
    Float,
    /// `true` or `false`.
    Bool,
}

impl SettingType {
    /// The `GLEANER_TYPE_*` code.
    pub const fn code(self) -> u32 {
        match self {
            SettingType::String => GLEANER_TYPE_STRING,
            SettingType::Int => GLEANER_TYPE_INT,
            SettingType::Float => GLEANER_TYPE_FLOAT,
            SettingType::Bool => GLEANER_TYPE_BOOL,
        }
    }

    /// The type of a `GLEANER_TYPE_*` code; `None` for a code that is not a setting type.
    pub fn from_code(code: u32) -> Option<SettingType> {
        match code {
            GLEANER_TYPE_STRING => Some(SettingType::String),
            GLEANER_TYPE_INT => Some(SettingType::Int),
            GLEANER_TYPE_FLOAT => Some(SettingType::Float),
            GLEANER_TYPE_BOOL => Some(SettingType::Bool),
            _ => None,
        }
    }

    /// Checks that `text` is a value of this type; on failure says what was expected.
    pub fn check(self, text: &str) -> Result<(), String> {
        let (ok, expected) = match self {
            SettingType::String => (true, "text"),
            SettingType::Int => (text.trim().parse::<i64>().is_ok(), "an integer"),
            SettingType::Float => (text.trim().parse::<f64>().is_ok_and(f64::is_finite), "a finite number"),
            SettingType::Bool => (matches!(text.trim(), "true" | "false"), "true or false"),
        };
        if ok {
            Ok(())
        } else {
            Err(format!("expected {expected}, got '{text}'"))
        }
    }
}

impl std::fmt::Display for SettingType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SettingType::String => "string",
            SettingType::Int => "int",
            SettingType::Float => "float",
            SettingType::Bool => "bool",
        })
    }
}

/// The header's text, for tools that write it out (e.g. `gleaner new-plugin --lang c`).
pub const HEADER: &str = include_str!("../include/gleaner_plugin.h");

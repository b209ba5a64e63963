//! The C-ABI side of a Rust plugin: descriptors and `extern "C"` wrappers
//! that convert every call and catch every panic. Used by [`export_plugin!`].

use std::ffi::c_void;

use crate::abi::*;
use crate::panic::guarded;
use crate::{Config, Document, Error, Extractor, Output, Plugin, Transform};

/// Exports a type as a gleaner plugin: `export_plugin!(extractor MyType);`
/// or `export_plugin!(transform MyType);`. Defines the one entry symbol,
/// `gleaner_plugin_entry_v1`; call it once per shared library.
#[macro_export]
macro_rules! export_plugin {
    (extractor $ty:ty) => {
        $crate::export_plugin!(@entry $crate::__private::extractor_descriptor::<$ty>());
    };
    (transform $ty:ty) => {
        $crate::export_plugin!(@entry $crate::__private::transform_descriptor::<$ty>());
    };
    (@entry $descriptor:expr) => {
        /// The plugin's entry point (gleaner plugin ABI v1).
        #[no_mangle]
        pub extern "C" fn gleaner_plugin_entry_v1() -> *const $crate::abi::gleaner_plugin_descriptor {
            static DESCRIPTOR: $crate::abi::gleaner_plugin_descriptor = $descriptor;
            &DESCRIPTOR
        }
    };
}

const fn descriptor<T: Plugin>(kind: u32, process: gleaner_process_fn) -> gleaner_plugin_descriptor {
    gleaner_plugin_descriptor {
        magic: GLEANER_ABI_MAGIC,
        abi_major: GLEANER_ABI_MAJOR,
        abi_minor: GLEANER_ABI_MINOR,
        struct_size: std::mem::size_of::<gleaner_plugin_descriptor>() as u32,
        kind,
        flags: 0,
        id: gleaner_str::from_str(T::ID),
        version: gleaner_str::from_str(T::VERSION),
        description: gleaner_str::from_str(T::DESCRIPTION),
        settings: T::SETTINGS.as_ptr() as *const gleaner_setting_spec,
        n_settings: T::SETTINGS.len(),
        create: Some(create::<T>),
        destroy: Some(destroy::<T>),
        process: Some(process),
    }
}

/// The descriptor of an extractor type.
pub const fn extractor_descriptor<T: Extractor>() -> gleaner_plugin_descriptor {
    descriptor::<T>(GLEANER_KIND_EXTRACTOR, process::<T, ExtractorCall>)
}

/// The descriptor of a transform type.
pub const fn transform_descriptor<T: Transform>() -> gleaner_plugin_descriptor {
    descriptor::<T>(GLEANER_KIND_TRANSFORM, process::<T, TransformCall>)
}

unsafe extern "C" fn create<T: Plugin>(args: *const gleaner_create_args, instance: *mut *mut c_void) -> i32 {
    if args.is_null() || instance.is_null() {
        return GLEANER_ERROR;
    }
    let args = &*args;
    let built = guarded(|| {
        let config = Config::from_raw(args.settings, args.n_settings);
        T::new(&config)
    });
    let message = match built {
        Ok(Ok(plugin)) => {
            *instance = Box::into_raw(Box::new(plugin)) as *mut c_void;
            return GLEANER_OK;
        }
        Ok(Err(e)) => e.to_string(),
        Err(panic) => panic,
    };
    if let Some(error) = args.error {
        error(args.ctx, gleaner_str::from_str(&message));
    }
    GLEANER_ERROR
}

unsafe extern "C" fn destroy<T: Plugin>(instance: *mut c_void) {
    if !instance.is_null() {
        // A panic in Drop must not unwind into the host.
        let _ = guarded(|| drop(Box::from_raw(instance as *mut T)));
    }
}

/// How one document goes through a plugin of a given kind.
trait Call<T> {
    fn call(plugin: &mut T, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error>;
}

struct ExtractorCall;
impl<T: Extractor> Call<T> for ExtractorCall {
    fn call(plugin: &mut T, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        plugin.extract(doc, out)
    }
}

struct TransformCall;
impl<T: Transform> Call<T> for TransformCall {
    fn call(plugin: &mut T, doc: &Document<'_>, out: &mut Output<'_>) -> Result<(), Error> {
        if let Some(text) = plugin.transform(doc, out)? {
            let host = out.host();
            if let Some(replace) = host.replace_text {
                // SAFETY: valid during the process() call.
                unsafe { replace(host.ctx, out.doc(), gleaner_str::from_str(&text)) };
            }
        }
        Ok(())
    }
}

unsafe extern "C" fn process<T: Plugin, C: Call<T>>(
    instance: *mut c_void,
    docs: *const gleaner_document,
    n_docs: usize,
    host: *const gleaner_host,
) -> i32 {
    if instance.is_null() || host.is_null() || (docs.is_null() && n_docs > 0) {
        return GLEANER_ERROR;
    }
    let plugin = &mut *(instance as *mut T);
    let host = &*host;
    let docs = if n_docs == 0 { &[][..] } else { std::slice::from_raw_parts(docs, n_docs) };
    let mut fields = Vec::new();
    for (index, raw) in docs.iter().enumerate() {
        let doc = Document::from_raw(raw);
        let outcome = guarded(|| {
            let mut out = Output::new(host, index, &mut fields);
            C::call(plugin, &doc, &mut out)
        });
        let message = match outcome {
            Ok(Ok(())) => continue,
            Ok(Err(e)) => e.to_string(),
            Err(panic) => panic,
        };
        if let Some(error) = host.error {
            error(host.ctx, index, gleaner_str::from_str(&message));
        }
    }
    GLEANER_OK
}

//! Plugin instances: `create()` with the resolved settings, `destroy()` on drop.

use std::ffi::c_void;
use std::sync::Arc;

use gleaner_abi::*;

use crate::loader::Plugin;
use crate::settings::ResolvedSettings;

/// One instance of a plugin, made by its `create()`.
pub(crate) struct Instance {
    plugin: Arc<Plugin>,
    handle: *mut c_void,
}

// An instance is only ever called by one thread at a time, unless its
// plugin declares GLEANER_FLAG_THREAD_SAFE (then it may be shared).
unsafe impl Send for Instance {}
unsafe impl Sync for Instance {}

/// Receives the message of a failing `create()`.
unsafe extern "C" fn create_error(ctx: *mut c_void, message: gleaner_str) {
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: ctx is the &mut String passed in `Instance::create`.
        let slot = &mut *(ctx as *mut String);
        *slot = String::from_utf8_lossy(message.as_bytes()).into_owned();
    }));
}

impl Instance {
    /// Creates an instance with every declared setting (defaults filled in).
    pub(crate) fn create(plugin: &Arc<Plugin>, settings: &ResolvedSettings) -> Result<Instance, String> {
        let pairs: Vec<gleaner_kv> = settings
            .iter()
            .map(|(k, v)| gleaner_kv { key: gleaner_str::from_str(k), value: gleaner_str::from_str(v) })
            .collect();
        let mut message = String::new();
        let args = gleaner_create_args {
            struct_size: std::mem::size_of::<gleaner_create_args>() as u32,
            host_abi_minor: GLEANER_ABI_MINOR as u32,
            settings: pairs.as_ptr(),
            n_settings: pairs.len(),
            ctx: &mut message as *mut String as *mut c_void,
            error: Some(create_error),
        };
        let mut handle: *mut c_void = std::ptr::null_mut();
        let create = plugin.descriptor().create.ok_or("no create() function")?;
        // SAFETY: the loader checked create() exists; args outlive the call.
        let status = unsafe { create(&args, &mut handle) };
        if status != GLEANER_OK {
            if message.is_empty() {
                message = format!("create() returned {status} without a message");
            }
            return Err(format!("plugin {} could not start: {message}", plugin.id()));
        }
        Ok(Instance { plugin: plugin.clone(), handle })
    }

    /// The plugin's opaque instance pointer.
    pub(crate) fn handle(&self) -> *mut c_void {
        self.handle
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        if let Some(destroy) = self.plugin.descriptor().destroy {
            // SAFETY: made by this plugin's create(), destroyed once.
            unsafe { destroy(self.handle) };
        }
    }
}

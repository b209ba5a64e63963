//! Loading plugins: `dlopen` a shared library (or take a statically linked
//! entry function), call `gleaner_plugin_entry_v1`, and check the
//! descriptor it returns. Every check has its own error message naming the
//! file, so a user who points gleaner at the wrong file learns why.

use std::ffi::c_void;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use gleaner_abi::*;
use sha2::{Digest, Sha256};

/// Whether a plugin rewrites the text or extracts records from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PluginKind {
    /// Emits records over the (final) text; runs after every transform.
    Extractor,
    /// Rewrites the text (and may emit records over its new text).
    Transform,
}

impl fmt::Display for PluginKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PluginKind::Extractor => "extractor",
            PluginKind::Transform => "transform",
        })
    }
}

pub use gleaner_abi::SettingType;

/// A setting a plugin declares.
#[derive(Clone, Debug)]
pub struct SettingSpec {
    /// `[a-z0-9_]+`, unique within the plugin.
    pub name: String,
    /// The value's type.
    pub ty: SettingType,
    /// The default, as text.
    pub default: String,
    /// One line for `gleaner plugins inspect`.
    pub description: String,
}

/// Where a plugin came from.
#[derive(Clone, Debug)]
pub enum Origin {
    /// A shared library loaded from this file, with the file's SHA-256 (hex).
    File {
        /// The path as given or found.
        path: PathBuf,
        /// SHA-256 of the file's bytes, lowercase hex.
        sha256: String,
    },
    /// An entry function linked into the executable, with a label for messages.
    Static(String),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::File { path, .. } => write!(f, "{}", path.display()),
            Origin::Static(label) => write!(f, "{label} (linked in)"),
        }
    }
}

/// Why a plugin could not be loaded. The message names the file.
#[derive(Debug)]
pub struct LoadError {
    /// The file (or static label) that was refused.
    pub origin: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot load plugin {}: {}", self.origin, self.reason)
    }
}

impl std::error::Error for LoadError {}

/// A loaded, checked plugin: its descriptor (read within its declared
/// size) and what the host learned from it. Never unloaded.
pub struct Plugin {
    descriptor: gleaner_plugin_descriptor,
    id: String,
    version: String,
    description: String,
    kind: PluginKind,
    settings: Vec<SettingSpec>,
    origin: Origin,
}

// The descriptor holds pointers to the plugin's static data and functions,
// which stay valid for the life of the process (plugins are never unloaded).
unsafe impl Send for Plugin {}
unsafe impl Sync for Plugin {}

impl fmt::Debug for Plugin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Plugin").field("id", &self.id).field("version", &self.version).field("origin", &self.origin).finish()
    }
}

/// What the first bytes of a file say it is, when it is not a shared library.
fn sniff_not_library(path: &Path) -> Result<(), String> {
    let mut head = [0u8; 512];
    let n = std::fs::File::open(path)
        .and_then(|mut f| {
            let mut n = 0;
            while n < head.len() {
                match f.read(&mut head[n..])? {
                    0 => break,
                    k => n += k,
                }
            }
            Ok(n)
        })
        .map_err(|e| format!("cannot read the file: {e}"))?;
    let head = &head[..n];
    if head.is_empty() {
        return Err("not a shared library (the file is empty)".into());
    }
    let elf = head.starts_with(b"\x7fELF");
    let macho = matches!(head.get(..4), Some([0xcf, 0xfa, 0xed, 0xfe] | [0xce, 0xfa, 0xed, 0xfe] | [0xca, 0xfe, 0xba, 0xbe]));
    if elf || macho {
        // ELF type 3 is a shared object (ET_DYN); 2 is an executable, 1 an object file.
        if elf && head.len() > 17 {
            let e_type = if head.get(5) == Some(&2) { u16::from_be_bytes([head[16], head[17]]) } else { u16::from_le_bytes([head[16], head[17]]) };
            match e_type {
                1 => return Err("not a shared library (it is an object file, .o; link it with -shared)".into()),
                2 => return Err("not a shared library (it is a static executable)".into()),
                _ => {}
            }
        }
        return Ok(());
    }
    let what = if head.starts_with(b"!<arch>\n") {
        "it is a static archive (.a/.rlib); build the crate as a cdylib"
    } else if head.starts_with(b"\x1f\x8b") {
        "it is gzip-compressed"
    } else if head.starts_with(b"PK\x03\x04") {
        "it is a zip archive"
    } else if head.starts_with(b"#!") {
        "it is a script"
    } else if std::str::from_utf8(head).is_ok() || head.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace()) {
        "it looks like text"
    } else {
        "unknown binary format"
    };
    Err(format!("not a shared library ({what})"))
}

/// Lowercase hex SHA-256 of a file.
fn sha256_file(path: &Path) -> Result<String, String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("cannot read the file: {e}")),
        }
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Reads a static string of the descriptor; `what` names it in errors.
///
/// # Safety
/// `s` must point to `len` readable bytes (static data of a plugin).
unsafe fn static_str(s: &gleaner_str, what: &str) -> Result<String, String> {
    if s.len > 0 && s.ptr.is_null() {
        return Err(format!("{what} is a null pointer with length {}", s.len));
    }
    std::str::from_utf8(s.as_bytes()).map(str::to_owned).map_err(|_| format!("{what} is not valid UTF-8"))
}

/// `[a-z0-9_-]+` (plugin ids) or `[a-z0-9_]+` (setting names, `dash = false`).
fn valid_name(name: &str, dash: bool) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || (dash && b == b'-'))
}

impl Plugin {
    /// Loads the shared library at `path` and checks it. The library is
    /// opened with `RTLD_NOW | RTLD_LOCAL` (an unresolved symbol fails here,
    /// not at the first call) and never unloaded.
    pub fn load(path: &Path) -> Result<Plugin, LoadError> {
        let origin = path.display().to_string();
        let fail = |reason: String| LoadError { origin: origin.clone(), reason };
        if !path.exists() {
            return Err(fail("no such file".into()));
        }
        if path.is_dir() {
            return Err(fail("it is a folder, not a shared library".into()));
        }
        crate::trust::check(path).map_err(&fail)?;
        sniff_not_library(path).map_err(&fail)?;
        let sha256 = sha256_file(path).map_err(&fail)?;
        // dlopen searches the library path for a bare file name: name the file itself.
        let dl_path = if path.is_relative() && path.parent().is_none_or(|p| p.as_os_str().is_empty()) {
            Path::new(".").join(path)
        } else {
            path.to_path_buf()
        };
        #[cfg(unix)]
        let library = {
            use libloading::os::unix::{Library, RTLD_LOCAL, RTLD_NOW};
            // SAFETY: loading a library runs its initialisers; that is what
            // the user asked for by naming it as a plugin.
            unsafe { Library::open(Some(&dl_path), RTLD_NOW | RTLD_LOCAL) }
                .map_err(|e| fail(format!("the dynamic loader refused it: {}", loader_message(&e))))?
        };
        #[cfg(not(unix))]
        let library = unsafe { libloading::Library::new(&dl_path) }.map_err(|e| fail(format!("the dynamic loader refused it: {e}")))?;
        // SAFETY: the symbol's type is fixed by the ABI.
        let entry: Option<gleaner_plugin_entry_fn> =
            unsafe { library.get::<gleaner_plugin_entry_fn>(GLEANER_PLUGIN_ENTRY_SYMBOL).ok().map(|s| *s) };
        let Some(entry) = entry else {
            let newer = (2..=9u32).find(|major| {
                let symbol = format!("gleaner_plugin_entry_v{major}\0");
                // SAFETY: only checks that the symbol exists; it is not called.
                unsafe { library.get::<*const c_void>(symbol.as_bytes()).is_ok() }
            });
            return Err(fail(match newer {
                Some(major) => format!(
                    "it exports gleaner_plugin_entry_v{major}: it speaks plugin ABI {major}, this gleaner speaks {GLEANER_ABI_MAJOR}.{GLEANER_ABI_MINOR}"
                ),
                None => "not a gleaner plugin: no symbol gleaner_plugin_entry_v1".into(),
            }));
        };
        // Never unload: pointers the plugin handed out stay valid, and
        // dlclose with thread-local destructors is unsound on some platforms.
        std::mem::forget(library);
        // SAFETY: `entry` is the plugin's ABI entry point.
        unsafe { Plugin::check(entry, Origin::File { path: path.to_path_buf(), sha256 }) }
    }

    /// Checks a plugin whose entry function is linked into this program
    /// (a plugin crate's rlib exports `gleaner_plugin_entry_v1` as a `pub fn`),
    /// with the very same checks as [`Plugin::load`]. `label` names it in
    /// messages.
    pub fn from_entry(entry: extern "C" fn() -> *const gleaner_plugin_descriptor, label: &str) -> Result<Plugin, LoadError> {
        // SAFETY: a safe `extern "C" fn` is a valid entry function.
        unsafe { Plugin::check(entry, Origin::Static(label.to_owned())) }
    }

    /// Calls the entry point and checks the descriptor.
    ///
    /// # Safety
    /// `entry` must be a function with the ABI's entry signature.
    unsafe fn check(entry: gleaner_plugin_entry_fn, origin: Origin) -> Result<Plugin, LoadError> {
        let fail = |reason: String| LoadError { origin: origin.to_string(), reason };
        let raw = entry();
        if raw.is_null() {
            return Err(fail("gleaner_plugin_entry_v1 returned a null descriptor".into()));
        }
        // The first 12 bytes (magic, versions, size) exist in every version.
        let head = raw as *const u8;
        let magic = (head as *const u32).read_unaligned();
        if magic != GLEANER_ABI_MAGIC {
            return Err(fail(format!(
                "not a gleaner plugin descriptor: wrong magic number 0x{magic:08X} (expected 0x{GLEANER_ABI_MAGIC:08X}, \"GLNR\")"
            )));
        }
        let major = (head.add(4) as *const u16).read_unaligned();
        let minor = (head.add(6) as *const u16).read_unaligned();
        if major != GLEANER_ABI_MAJOR {
            return Err(fail(format!(
                "plugin speaks ABI {major}.{minor}, this gleaner speaks {GLEANER_ABI_MAJOR}.{GLEANER_ABI_MINOR}; rebuild the plugin against this gleaner's gleaner_plugin.h or SDK"
            )));
        }
        let struct_size = (head.add(8) as *const u32).read_unaligned() as usize;
        if struct_size < DESCRIPTOR_V1_0_SIZE {
            return Err(fail(format!(
                "descriptor struct_size is {struct_size} bytes, smaller than the ABI 1.0 descriptor ({DESCRIPTOR_V1_0_SIZE} bytes)"
            )));
        }
        // Read no more than the plugin declared (it may be an older minor)
        // and no more than this host knows (it may be a newer one).
        let mut descriptor = std::mem::MaybeUninit::<gleaner_plugin_descriptor>::zeroed();
        let size = struct_size.min(std::mem::size_of::<gleaner_plugin_descriptor>());
        std::ptr::copy_nonoverlapping(head, descriptor.as_mut_ptr() as *mut u8, size);
        // All-zero bytes are a valid descriptor (null pointers, None functions).
        let descriptor = descriptor.assume_init();

        let kind = match descriptor.kind {
            GLEANER_KIND_EXTRACTOR => PluginKind::Extractor,
            GLEANER_KIND_TRANSFORM => PluginKind::Transform,
            other => return Err(fail(format!("unknown plugin kind {other} (expected 1, extractor, or 2, transform)"))),
        };
        for (name, present) in [
            ("create", descriptor.create.is_some()),
            ("destroy", descriptor.destroy.is_some()),
            ("process", descriptor.process.is_some()),
        ] {
            if !present {
                return Err(fail(format!("the descriptor has no {name}() function (required)")));
            }
        }
        let id = static_str(&descriptor.id, "the plugin id").map_err(&fail)?;
        if !valid_name(&id, true) {
            return Err(fail(format!("invalid plugin id {id:?}: use lowercase letters, digits, '_' and '-'")));
        }
        let version = static_str(&descriptor.version, "the version").map_err(&fail)?;
        let description = static_str(&descriptor.description, "the description").map_err(&fail)?;
        let settings = read_settings(&descriptor).map_err(|e| fail(format!("plugin {id}: {e}")))?;
        Ok(Plugin { descriptor, id, version, description, kind, settings, origin })
    }

    /// The plugin's id: the key of its records in the output.
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The plugin's own version.
    pub fn version(&self) -> &str {
        &self.version
    }
    /// One line saying what it does.
    pub fn description(&self) -> &str {
        &self.description
    }
    /// Extractor or transform.
    pub fn kind(&self) -> PluginKind {
        self.kind
    }
    /// The ABI version the plugin was built with, e.g. `(1, 0)`.
    pub fn abi_version(&self) -> (u16, u16) {
        (self.descriptor.abi_major, self.descriptor.abi_minor)
    }
    /// Whether one instance may be called from several threads at once.
    pub fn thread_safe(&self) -> bool {
        self.descriptor.flags & GLEANER_FLAG_THREAD_SAFE != 0
    }
    /// The settings the plugin declares, in declaration order.
    pub fn settings(&self) -> &[SettingSpec] {
        &self.settings
    }
    /// Where it was loaded from.
    pub fn origin(&self) -> &Origin {
        &self.origin
    }
    /// The file it was loaded from, if any.
    pub fn path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File { path, .. } => Some(path),
            Origin::Static(_) => None,
        }
    }
    /// SHA-256 of the plugin file (hex), if loaded from a file.
    pub fn sha256(&self) -> Option<&str> {
        match &self.origin {
            Origin::File { sha256, .. } => Some(sha256),
            Origin::Static(_) => None,
        }
    }
    /// The checked descriptor (functions are all present).
    pub(crate) fn descriptor(&self) -> &gleaner_plugin_descriptor {
        &self.descriptor
    }
}

/// The error text of a failed `dlopen`, without libloading's wrapping.
#[cfg(unix)]
fn loader_message(error: &libloading::Error) -> String {
    match error {
        libloading::Error::DlOpen { source } => source.to_string(),
        other => other.to_string(),
    }
}

/// Reads and checks the declared settings.
///
/// # Safety
/// The descriptor's settings pointer must point to `n_settings` specs.
unsafe fn read_settings(descriptor: &gleaner_plugin_descriptor) -> Result<Vec<SettingSpec>, String> {
    let n = descriptor.n_settings;
    if n == 0 {
        return Ok(Vec::new());
    }
    if descriptor.settings.is_null() {
        return Err(format!("declares {n} settings but the settings pointer is null"));
    }
    let raw = std::slice::from_raw_parts(descriptor.settings, n);
    let mut specs: Vec<SettingSpec> = Vec::with_capacity(n);
    for (i, spec) in raw.iter().enumerate() {
        let name = static_str(&spec.name, &format!("setting #{}'s name", i + 1))?;
        if !valid_name(&name, false) {
            return Err(format!("invalid setting name {name:?}: use lowercase letters, digits and '_'"));
        }
        if specs.iter().any(|s| s.name == name) {
            return Err(format!("setting '{name}' is declared twice"));
        }
        let ty = SettingType::from_code(spec.type_).ok_or_else(|| format!("setting '{name}' has unknown type {}", spec.type_))?;
        let default = static_str(&spec.default_value, &format!("setting '{name}''s default"))?;
        ty.check(&default).map_err(|e| format!("setting '{name}''s default: {e}"))?;
        let description = static_str(&spec.description, &format!("setting '{name}''s description"))?;
        specs.push(SettingSpec { name, ty, default, description });
    }
    Ok(specs)
}

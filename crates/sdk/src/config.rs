//! Plugin settings: declared by the plugin, given by the user, checked by the host.

use crate::abi::{gleaner_kv, gleaner_setting_spec, gleaner_str};
use crate::Error;

pub use crate::abi::SettingType;

/// A declared setting: name, type, default (as text) and description.
///
/// Layout-compatible with `gleaner_setting_spec`, so a plugin's `SETTINGS`
/// slice is handed to the host as it is.
#[repr(transparent)]
#[derive(Clone, Copy, Debug)]
pub struct Setting(gleaner_setting_spec);

// Built only from `&'static str`s.
unsafe impl Sync for Setting {}

impl Setting {
    /// A setting of type `ty` whose default is written as text (`"0.5"`).
    pub const fn new(name: &'static str, ty: SettingType, default: &'static str, description: &'static str) -> Setting {
        Setting(gleaner_setting_spec {
            name: gleaner_str::from_str(name),
            type_: ty.code(),
            reserved: 0,
            default_value: gleaner_str::from_str(default),
            description: gleaner_str::from_str(description),
        })
    }
    /// A text setting.
    pub const fn string(name: &'static str, default: &'static str, description: &'static str) -> Setting {
        Setting::new(name, SettingType::String, default, description)
    }
    /// A boolean setting.
    pub const fn bool(name: &'static str, default: bool, description: &'static str) -> Setting {
        Setting::new(name, SettingType::Bool, if default { "true" } else { "false" }, description)
    }
    /// An integer setting; the default is written as text (`"10"`).
    pub const fn int(name: &'static str, default: &'static str, description: &'static str) -> Setting {
        Setting::new(name, SettingType::Int, default, description)
    }
    /// A floating-point setting; the default is written as text (`"0.5"`).
    pub const fn float(name: &'static str, default: &'static str, description: &'static str) -> Setting {
        Setting::new(name, SettingType::Float, default, description)
    }

    /// The setting's name.
    pub fn name(&self) -> &'static str {
        // SAFETY: built from a &'static str in `new`.
        unsafe { std::str::from_utf8_unchecked(self.0.name.as_bytes()) }
    }
    /// The default value, as text.
    pub fn default_value(&self) -> &'static str {
        // SAFETY: built from a &'static str in `new`.
        unsafe { std::str::from_utf8_unchecked(self.0.default_value.as_bytes()) }
    }
}

/// The settings an instance is created with: every declared setting, with
/// the user's value or the default. The host has already checked the types.
#[derive(Clone, Debug, Default)]
pub struct Config {
    values: Vec<(String, String)>,
}

impl Config {
    /// The declared settings' defaults, overridden by `pairs`.
    pub fn with_defaults(settings: &[Setting], pairs: &[(&str, &str)]) -> Config {
        let mut values: Vec<(String, String)> =
            settings.iter().map(|s| (s.name().to_owned(), s.default_value().to_owned())).collect();
        for (key, value) in pairs {
            match values.iter_mut().find(|(k, _)| k == key) {
                Some(slot) => slot.1 = (*value).to_owned(),
                None => values.push(((*key).to_owned(), (*value).to_owned())),
            }
        }
        Config { values }
    }

    /// Reads the pairs the host passed to `create`.
    ///
    /// # Safety
    /// `pairs` must point to `n` valid `gleaner_kv` (or `n` must be 0).
    pub(crate) unsafe fn from_raw(pairs: *const gleaner_kv, n: usize) -> Config {
        let raw = if n == 0 || pairs.is_null() { &[][..] } else { std::slice::from_raw_parts(pairs, n) };
        let text = |s: &gleaner_str| String::from_utf8_lossy(s.as_bytes()).into_owned();
        Config { values: raw.iter().map(|kv| (text(&kv.key), text(&kv.value))).collect() }
    }

    /// The raw text of setting `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// All settings, in declaration order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    fn require(&self, name: &str) -> Result<&str, Error> {
        self.get(name).ok_or_else(|| format!("setting '{name}' is not declared").into())
    }
    /// A text setting.
    pub fn string(&self, name: &str) -> Result<&str, Error> {
        self.require(name)
    }
    /// A boolean setting.
    pub fn bool(&self, name: &str) -> Result<bool, Error> {
        match self.require(name)? {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(format!("setting '{name}': expected true or false, got '{other}'").into()),
        }
    }
    /// An integer setting.
    pub fn int(&self, name: &str) -> Result<i64, Error> {
        let v = self.require(name)?;
        v.parse().map_err(|_| format!("setting '{name}': expected an integer, got '{v}'").into())
    }
    /// A floating-point setting.
    pub fn float(&self, name: &str) -> Result<f64, Error> {
        let v = self.require(name)?;
        v.parse().map_err(|_| format!("setting '{name}': expected a number, got '{v}'").into())
    }
}

//! Plugin settings given by the user (`--set plugin.key=value` and
//! `--config FILE.toml`), checked against what each plugin declares before
//! the run starts, and turned into the full list `create()` receives.

use std::path::Path;

use crate::discovery::PluginSet;
use crate::loader::SettingType;

/// One value the user gave.
#[derive(Clone, Debug)]
struct Given {
    plugin: String,
    key: String,
    value: String,
    /// Where it was given, for messages ("--set numbers.x=1", "gleaner.toml").
    origin: String,
}

/// The settings the user gave, not yet checked. Later values override
/// earlier ones, so read the config file before the `--set` arguments.
#[derive(Clone, Debug, Default)]
pub struct UserSettings {
    given: Vec<Given>,
}

/// Every declared setting of one plugin, in declaration order, with the
/// user's value or the default: what `create()` receives.
pub type ResolvedSettings = Vec<(String, String)>;

impl UserSettings {
    /// No settings.
    pub fn new() -> UserSettings {
        UserSettings::default()
    }

    /// Adds one `plugin.key=value` argument.
    pub fn add_set(&mut self, arg: &str) -> Result<(), String> {
        let malformed = || format!("--set {arg}: expected PLUGIN.KEY=VALUE, e.g. --set terms.terms=oil,gold");
        let (name, value) = arg.split_once('=').ok_or_else(malformed)?;
        let (plugin, key) = name.split_once('.').ok_or_else(malformed)?;
        if plugin.is_empty() || key.is_empty() {
            return Err(malformed());
        }
        self.given.push(Given { plugin: plugin.to_owned(), key: key.to_owned(), value: value.to_owned(), origin: format!("--set {arg}") });
        Ok(())
    }

    /// Reads a TOML file with one table per plugin id:
    /// `[numbers]` then `key = value` lines.
    pub fn add_config_file(&mut self, path: &Path) -> Result<(), String> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read config file {shown}: {e}"))?;
        let table: toml::Table = text.parse().map_err(|e| format!("config file {shown} is not valid TOML: {e}"))?;
        for (plugin, section) in table {
            let toml::Value::Table(section) = section else {
                return Err(format!(
                    "config file {shown}: '{plugin}' is not a table; write one table per plugin id, e.g.\n[{plugin}]\nkey = \"value\""
                ));
            };
            for (key, value) in section {
                let value = match value {
                    toml::Value::String(s) => s,
                    toml::Value::Integer(i) => i.to_string(),
                    toml::Value::Float(f) => f.to_string(),
                    toml::Value::Boolean(b) => b.to_string(),
                    other => {
                        return Err(format!(
                            "config file {shown}: [{plugin}] {key} is of TOML type {}; settings are strings, numbers or booleans",
                            other.type_str()
                        ))
                    }
                };
                self.given.push(Given { plugin: plugin.clone(), key, value, origin: format!("config file {shown}") });
            }
        }
        Ok(())
    }

    /// Checks every given value against the plugins' declarations (unknown
    /// plugin, unknown key, wrong type) and returns, for each plugin of the
    /// set in order, all its declared settings with defaults filled in.
    pub fn resolve(&self, plugins: &PluginSet) -> Result<Vec<ResolvedSettings>, String> {
        let mut resolved: Vec<ResolvedSettings> = plugins
            .plugins()
            .iter()
            .map(|p| p.settings().iter().map(|s| (s.name.clone(), s.default.clone())).collect())
            .collect();
        for given in &self.given {
            let Some(index) = plugins.plugins().iter().position(|p| p.id() == given.plugin) else {
                return Err(format!(
                    "{}: no plugin '{}' in this run (plugins: {})",
                    given.origin,
                    given.plugin,
                    plugins.ids().join(", ")
                ));
            };
            let plugin = &plugins.plugins()[index];
            let Some(spec) = plugin.settings().iter().find(|s| s.name == given.key) else {
                let known: Vec<String> = plugin.settings().iter().map(|s| format!("{} ({})", s.name, s.ty)).collect();
                return Err(format!(
                    "{}: plugin '{}' has no setting '{}'; its settings: {}",
                    given.origin,
                    given.plugin,
                    given.key,
                    if known.is_empty() { "none".to_owned() } else { known.join(", ") }
                ));
            };
            spec.ty.check(&given.value).map_err(|e| format!("{}: setting {}.{}: {e}", given.origin, given.plugin, given.key))?;
            // Numbers and booleans are passed without surrounding spaces; text as given.
            let value = if spec.ty == SettingType::String { given.value.as_str() } else { given.value.trim() };
            if let Some(slot) = resolved[index].iter_mut().find(|(k, _)| *k == given.key) {
                slot.1 = value.to_owned();
            }
        }
        Ok(resolved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_arguments_need_plugin_key_and_value() {
        let mut user = UserSettings::new();
        user.add_set("numbers.min_value=3").unwrap();
        user.add_set("terms.terms=a=b").unwrap();
        assert_eq!(user.given[1].value, "a=b", "only the first '=' splits");
        for bad in ["numbers", "numbers=3", ".x=1", "numbers.=1"] {
            assert!(user.add_set(bad).unwrap_err().contains("expected PLUGIN.KEY=VALUE"), "{bad}");
        }
    }

    #[test]
    fn config_values_become_text_and_nested_values_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "[p]\ns = \"x\"\ni = 3\nf = 0.5\nb = true\n").unwrap();
        let mut user = UserSettings::new();
        user.add_config_file(&path).unwrap();
        let mut values: Vec<(&str, &str)> = user.given.iter().map(|g| (g.key.as_str(), g.value.as_str())).collect();
        values.sort();
        assert_eq!(values, [("b", "true"), ("f", "0.5"), ("i", "3"), ("s", "x")]);

        std::fs::write(&path, "[p]\nlist = [1, 2]\n").unwrap();
        assert!(UserSettings::new().add_config_file(&path).unwrap_err().contains("is of TOML type array"));
        std::fs::write(&path, "top = 1\n").unwrap();
        assert!(UserSettings::new().add_config_file(&path).unwrap_err().contains("'top' is not a table"));
        std::fs::write(&path, "[p\n").unwrap();
        assert!(UserSettings::new().add_config_file(&path).unwrap_err().contains("is not valid TOML"));
    }

    #[test]
    fn types_are_checked() {
        assert!(SettingType::Int.check(" 42 ").is_ok());
        assert!(SettingType::Int.check("4.2").unwrap_err().contains("expected an integer"));
        assert!(SettingType::Float.check("1e3").is_ok());
        assert!(SettingType::Float.check("inf").is_err());
        assert!(SettingType::Bool.check("yes").unwrap_err().contains("true or false"));
        assert!(SettingType::String.check("").is_ok());
    }
}

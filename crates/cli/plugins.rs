//! `gleaner plugins` (list what the search path holds) and
//! `gleaner plugins inspect PATH|ID` (one plugin with its settings).

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Subcommand};
use gleaner_host::discovery::is_path_spec;
use gleaner_host::{Plugin, SearchPath};

#[derive(Args)]
#[command(after_help = "\
Plugins are searched in $GLEANER_PLUGIN_PATH (colon-separated folders), then
<gleaner's folder>/plugins, <gleaner's folder> and <gleaner's folder>/deps.
Plugin files are named libgleaner_plugin_<id>.so (.dylib on macOS).

Examples:
  gleaner plugins
  gleaner plugins inspect quotes
  gleaner plugins inspect ./libgleaner_plugin_mine.so")]
pub struct PluginsArgs {
    #[command(subcommand)]
    action: Option<PluginsAction>,
}

#[derive(Subcommand)]
enum PluginsAction {
    /// Show one plugin (a path or the id of a found plugin) with its settings.
    Inspect {
        /// A plugin file, or the id of a plugin on the search path.
        plugin: String,
    },
}

/// Runs `gleaner plugins ...`.
pub fn main(args: PluginsArgs) -> ExitCode {
    let search = SearchPath::from_env();
    match args.action {
        None => list(&search),
        Some(PluginsAction::Inspect { plugin }) => inspect(&search, &plugin),
    }
}

fn list(search: &SearchPath) -> ExitCode {
    let found = search.load_all();
    if found.is_empty() {
        println!("no plugins found in {}", search.describe());
        println!("build the standard plugins with `cargo build --release --workspace`");
        return ExitCode::SUCCESS;
    }
    println!("{:<16} {:<10} {:<4} {:<10} {:<16}  PATH", "ID", "VERSION", "ABI", "KIND", "SHA256");
    let mut seen: Vec<String> = Vec::new();
    let mut failures = Vec::new();
    for (path, result) in found {
        match result {
            Ok(plugin) => {
                let shadowed = seen.iter().any(|id| id == plugin.id());
                let (major, minor) = plugin.abi_version();
                let sha = plugin.sha256().unwrap_or("");
                println!(
                    "{:<16} {:<10} {:<4} {:<10} {:<16}  {}{}",
                    plugin.id(),
                    plugin.version(),
                    format!("{major}.{minor}"),
                    plugin.kind().to_string(),
                    &sha[..sha.len().min(16)],
                    path.display(),
                    if shadowed { "  (shadowed by the one above)" } else { "" }
                );
                seen.push(plugin.id().to_owned());
            }
            Err(e) => failures.push(e),
        }
    }
    for failure in failures {
        println!("! {failure}");
    }
    println!("\nsearched {}", search.describe());
    println!("full SHA-256 and settings: gleaner plugins inspect ID");
    ExitCode::SUCCESS
}

fn inspect(search: &SearchPath, spec: &str) -> ExitCode {
    let plugin = if is_path_spec(spec) {
        Plugin::load(Path::new(spec)).map(Arc::new).map_err(|e| e.to_string())
    } else {
        search.find(spec)
    };
    let plugin = match plugin {
        Ok(plugin) => plugin,
        Err(e) => return crate::usage_error(e),
    };
    let (major, minor) = plugin.abi_version();
    println!("{} {}", plugin.id(), plugin.version());
    println!("  {}", plugin.description());
    println!("kind:        {}", plugin.kind());
    println!("ABI:         {major}.{minor}");
    println!("thread-safe: {}", if plugin.thread_safe() { "yes (one shared instance)" } else { "no (one instance per worker)" });
    println!("origin:      {}", plugin.origin());
    if let Some(sha) = plugin.sha256() {
        println!("sha256:      {sha}");
    }
    if plugin.settings().is_empty() {
        println!("settings:    none");
    } else {
        println!("settings (--set {}.NAME=VALUE, or a [{}] table in --config FILE.toml):", plugin.id(), plugin.id());
        for s in plugin.settings() {
            println!("  {:<20} {:<6} default {:<12} {}", s.name, s.ty.to_string(), format!("{:?}", s.default), s.description);
        }
    }
    ExitCode::SUCCESS
}

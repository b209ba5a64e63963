//! Panics inside a plugin become errors at the boundary: caught, reported
//! with their location and message, and not printed on the host's stderr
//! (a plugin that panics on 1% of a corpus would otherwise flood it).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, catch_unwind, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside a guarded plugin call.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last guarded panic happened.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook that records the location of panics in
/// guarded calls and hands every other panic to the hook it replaced (so a
/// host that links a plugin statically keeps its own panic reporting).
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.with(Cell::get) {
                let location = info.location().map(|l| format!("{}:{}", l.file(), l.line()));
                LOCATION.with(|slot| *slot.borrow_mut() = location);
            } else {
                previous(info);
            }
        }));
    });
}

/// The text of a panic's payload.
fn payload_text(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)")
}

/// Runs `f`; a panic becomes `Err("plugin panicked at FILE:LINE: MESSAGE")`.
pub(crate) fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, String> {
    install_hook();
    let outer = GUARDED.with(|g| g.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(outer));
    result.map_err(|payload| {
        let message = payload_text(&*payload);
        match LOCATION.with(|slot| slot.borrow_mut().take()) {
            Some(location) => format!("plugin panicked at {location}: {message}"),
            None => format!("plugin panicked: {message}"),
        }
    })
}

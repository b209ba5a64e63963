//! The `geopolitics` plugin on a slice of the news corpus and on very short
//! documents, linked in (static) against loaded from its `.so` (dynamic):
//! the difference is the cost of calling through the ABI from a shared
//! library. Measured in CPU time (see `common::CpuTime`). Only this plugin
//! is linked into this bench binary.

mod common;

fn benches(c: &mut criterion::Criterion<common::CpuTime>) {
    common::plugin_benches(c, "geopolitics", gleaner_plugin_geopolitics::gleaner_plugin_entry_v1);
}

criterion::criterion_group! {
    name = group;
    config = common::cpu_criterion();
    targets = benches
}
criterion::criterion_main!(group);

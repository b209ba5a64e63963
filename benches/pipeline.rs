//! The host pipeline end to end: the four standard plugins (loaded from
//! their `.so` files, as `gleaner run` does) over a slice of the news
//! corpus, on one and on two worker threads.

mod common;

use gleaner_host::discovery::STANDARD_PLUGINS;

fn benches(c: &mut criterion::Criterion) {
    let Some(slice) = common::news_slice() else { return };
    let plugins: Vec<_> = STANDARD_PLUGINS.iter().map(|id| common::dynamic(id)).collect();
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10);
    for jobs in [1, 2] {
        let runner = common::runner(plugins.clone(), jobs);
        common::bench_run(&mut group, &format!("{jobs} thread{}", if jobs == 1 { "" } else { "s" }), &runner, &slice);
    }
    group.finish();
}

criterion::criterion_group!(group, benches);
criterion::criterion_main!(group);

//! The `gleaner` command line (being written).

fn main() {}

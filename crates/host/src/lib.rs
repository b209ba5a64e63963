//! The gleaner host (being written).

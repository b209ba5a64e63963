//! Corpus readers (being written).

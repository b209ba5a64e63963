//! Damaged inputs of every shape: cut at every byte, bytes flipped at
//! random. The readers must never panic, and what they read from a cut
//! file must be what the whole file holds up to the cut.

mod common;

use common::{gzip, read, write};
use gleaner_corpus::{Entry, ReaderOptions};

/// A small WARC: an HTML response (chunked), a request, a text resource.
fn small_warc() -> Vec<u8> {
    warc_records().concat()
}

fn warc_records() -> Vec<Vec<u8>> {
    let mut records = Vec::new();
    let blocks: [(&str, &str, &[u8]); 3] = [
        (
            "response",
            "application/http; msgtype=response",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<p>Hi \r\n5\r\nthere\r\n0\r\n\r\n",
        ),
        ("request", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"),
        ("resource", "text/plain", b"Some notes."),
    ];
    for (n, (warc_type, content_type, block)) in blocks.iter().enumerate() {
        let mut out = Vec::new();
        out.extend_from_slice(
            format!(
                "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Record-ID: <urn:uuid:{n}>\r\n\
                 Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
                block.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        records.push(out);
    }
    records
}

fn small_jsonl() -> Vec<u8> {
    b"{\"id\":\"a\",\"text\":\"first \\u00e9\"}\n{\"id\":\"b\",\"html\":\"<p>second</p>\"}\n{\"id\":\"c\",\"text\":\"third\"}\n"
        .to_vec()
}

fn docs_of(entries: &[Entry]) -> Vec<(String, String)> {
    entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Doc(doc) => Some((doc.id.clone(), doc.text.clone())),
            _ => None,
        })
        .collect()
}

/// Cuts `data` at every length; the documents read must be a prefix of the
/// whole file's (same ids, same texts), and a cut file must say so with an
/// error unless `boundary(cut)`: the cut left a shorter valid file.
fn every_cut(name: &str, data: &[u8], documents: usize, boundary: impl Fn(usize) -> bool) {
    let dir = tempfile::tempdir().unwrap();
    let whole = docs_of(&read(
        &[&write(dir.path(), name, data)],
        ReaderOptions::default(),
    ));
    assert_eq!(whole.len(), documents, "{name}: {whole:?}");
    for cut in 0..data.len() {
        let path = write(dir.path(), name, &data[..cut]);
        let entries = read(&[&path], ReaderOptions::default());
        let got = docs_of(&entries);
        let noted = entries.iter().any(|entry| !matches!(entry, Entry::Doc(_)));
        assert_eq!(noted, !boundary(cut), "{name} cut at {cut}: {entries:?}");
        assert!(
            got.len() <= whole.len() && got[..] == whole[..got.len()],
            "{name} cut at {cut}: {entries:?}"
        );
    }
}

#[test]
fn warc_cut_at_every_byte() {
    let records = warc_records();
    // Silent only at the end of a block or in the separator after it.
    let mut boundaries = vec![0];
    let mut start = 0;
    for record in &records {
        let end = start + record.len();
        boundaries.extend(end - 4..=end);
        start = end;
    }
    let data = records.concat();
    let boundary = |cut: usize| boundaries.contains(&cut);
    every_cut("cut.warc", &data, 2, boundary);
}

#[test]
fn gzipped_warc_cut_at_every_byte() {
    let members: Vec<Vec<u8>> = warc_records().iter().map(|record| gzip(record)).collect();
    let ends: Vec<usize> = members
        .iter()
        .scan(0, |end, member| {
            *end += member.len();
            Some(*end)
        })
        .collect();
    // An empty file is not a gzip stream: only member ends are silent.
    every_cut("cut.warc.gz", &members.concat(), 2, |cut| {
        ends.contains(&cut)
    });
}

#[test]
fn jsonl_cut_at_every_byte() {
    let data = small_jsonl();
    every_cut("cut.jsonl", &data, 3, |cut| {
        cut == 0 || data[cut - 1] == b'\n' || data[cut] == b'\n'
    });
    every_cut("cut.jsonl.gz", &gzip(&data), 3, |_| false);
}

#[test]
fn random_byte_flips_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let inputs = [
        ("f.warc", small_warc()),
        ("f.warc.gz", gzip(&small_warc())),
        ("f.jsonl", small_jsonl()),
    ];
    for (name, data) in inputs {
        for _ in 0..300 {
            let mut damaged = data.clone();
            for _ in 0..1 + random() % 4 {
                let at = (random() % damaged.len() as u64) as usize;
                damaged[at] = random() as u8;
            }
            let path = write(dir.path(), name, &damaged);
            let entries = read(&[&path], ReaderOptions::default());
            assert!(entries.len() <= 8, "{name}: {entries:?}");
        }
    }
}

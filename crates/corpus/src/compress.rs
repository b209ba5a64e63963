//! Opening inputs as byte streams: files and stdin, gzip and zstd
//! decompression, the cap on decompressed bytes, and progress counting.
//!
//! Every reader in this crate reads through [`open_file`] or [`open_stdin`],
//! so compression, the bomb cap and the progress counter live here only.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

use crate::human_bytes;

/// Buffer size of the readers handed to the format parsers.
const BUFFER_SIZE: usize = 256 * 1024;

/// How an input is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    Plain,
    Gzip,
    Zstd,
}

impl Codec {
    /// The codec named by a file name's last extension, and the name
    /// without that extension (`"a.jsonl.gz"` → `(Gzip, "a.jsonl")`).
    pub(crate) fn from_file_name(name: &str) -> (Codec, &str) {
        if let Some((stem, ext)) = name.rsplit_once('.') {
            match ext.to_ascii_lowercase().as_str() {
                "gz" | "gzip" => return (Codec::Gzip, stem),
                "zst" | "zstd" => return (Codec::Zstd, stem),
                _ => {}
            }
        }
        (Codec::Plain, name)
    }

    /// The codec whose magic bytes start `head` (plain if none).
    fn sniff(head: &[u8]) -> Codec {
        if head.starts_with(&[0x1f, 0x8b]) {
            Codec::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd])
            || (head.len() >= 4 && head[0] & 0xF0 == 0x50 && head[1..4] == [0x2A, 0x4D, 0x18])
        {
            // A zstd frame, or a skippable frame (which may carry a dictionary).
            Codec::Zstd
        } else {
            Codec::Plain
        }
    }

    fn name(self) -> &'static str {
        match self {
            Codec::Plain => "plain",
            Codec::Gzip => "gzip",
            Codec::Zstd => "zstd",
        }
    }
}

/// A decompressed (or plain) byte stream, with what is needed to explain
/// its read errors.
pub(crate) struct Stream {
    pub(crate) reader: Box<dyn BufRead + Send>,
    pub(crate) codec: Codec,
    /// The cap on decompressed bytes, for error messages.
    cap: u64,
}

impl Stream {
    /// A human explanation of a read error of this stream, without the
    /// source name: "truncated gzip stream", "corrupt zstd stream (...)",
    /// "decompressed data exceeds the 64 GiB limit ...".
    pub(crate) fn describe_error(&self, err: &io::Error) -> String {
        if is_cap_error(err) {
            return format!(
                "decompressed data exceeds the {} limit (--max-decompressed-bytes), rest of the input skipped",
                human_bytes(self.cap)
            );
        }
        match (self.codec, err.kind()) {
            (Codec::Plain, _) => format!("read error: {err}"),
            (codec, io::ErrorKind::UnexpectedEof) => format!("truncated {} stream", codec.name()),
            (codec, _) => format!("corrupt {} stream ({err})", codec.name()),
        }
    }
}

/// Opens a file, decompressing it by its extension, counting the on-disk
/// bytes read into `progress`. With `pipelined`, decompression runs on a
/// thread of its own, ahead of the parser (worth it for long streams, not
/// for one small document).
pub(crate) fn open_file(
    path: &Path,
    codec: Codec,
    max_decompressed_bytes: u64,
    progress: &Arc<AtomicU64>,
    pipelined: bool,
) -> io::Result<Stream> {
    let file = File::open(path)?;
    let counted = Counting {
        inner: file,
        progress: Arc::clone(progress),
    };
    Ok(wrap(counted, codec, max_decompressed_bytes, pipelined))
}

/// Opens stdin, sniffing gzip or zstd from its first bytes.
pub(crate) fn open_stdin(
    max_decompressed_bytes: u64,
    progress: &Arc<AtomicU64>,
) -> io::Result<Stream> {
    open_sniffed(io::stdin(), max_decompressed_bytes, progress)
}

/// Opens a byte source whose compression is told by its magic bytes.
fn open_sniffed<R: Read + Send + 'static>(
    source: R,
    max_decompressed_bytes: u64,
    progress: &Arc<AtomicU64>,
) -> io::Result<Stream> {
    let mut raw = BufReader::with_capacity(
        BUFFER_SIZE,
        Counting {
            inner: source,
            progress: Arc::clone(progress),
        },
    );
    let codec = Codec::sniff(raw.fill_buf()?);
    Ok(wrap(raw, codec, max_decompressed_bytes, true))
}

fn wrap<R: Read + Send + 'static>(raw: R, codec: Codec, cap: u64, pipelined: bool) -> Stream {
    let decoded: Box<dyn Read + Send> = match codec {
        Codec::Plain => {
            return Stream {
                reader: Box::new(BufReader::with_capacity(BUFFER_SIZE, raw)),
                codec,
                cap,
            }
        }
        Codec::Gzip => Box::new(Capped::new(GzipMembers::new(Lookahead::new(raw)), cap)),
        Codec::Zstd => match zstd_decoder(raw) {
            Ok(decoder) => Box::new(Capped::new(decoder, cap)),
            Err(err) => Box::new(Failing(Some(err))),
        },
    };
    let reader: Box<dyn BufRead + Send> = if pipelined {
        Box::new(Pipelined::spawn(decoded))
    } else {
        Box::new(BufReader::with_capacity(BUFFER_SIZE, decoded))
    };
    Stream { reader, codec, cap }
}

/// The magic number of the skippable frame that carries a dictionary at the
/// start of a `.warc.zst` file (the WARC zstd convention), little-endian.
const DICTIONARY_FRAME_MAGIC: [u8; 4] = [0x5D, 0x2A, 0x4D, 0x18];
/// The largest dictionary accepted (they are typically 100 KiB–1 MiB).
const MAX_DICTIONARY_BYTES: u64 = 64 << 20;

/// A zstd decoder, with the dictionary of the stream's first frame when
/// that is a dictionary frame (as `.warc.zst` files may start with; the
/// dictionary itself may be zstd-compressed). Other skippable frames are
/// skipped by zstd itself.
fn zstd_decoder<R: Read + Send + 'static>(raw: R) -> io::Result<Box<dyn Read + Send>> {
    let mut reader = BufReader::with_capacity(BUFFER_SIZE, raw);
    if !reader.fill_buf()?.starts_with(&DICTIONARY_FRAME_MAGIC) {
        return Ok(Box::new(zstd::stream::read::Decoder::with_buffer(reader)?));
    }
    let mut header = [0u8; 8];
    reader.read_exact(&mut header)?;
    let size = u64::from(u32::from_le_bytes([
        header[4], header[5], header[6], header[7],
    ]));
    if size > MAX_DICTIONARY_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("zstd dictionary frame of {size} bytes is too big"),
        ));
    }
    let mut dictionary = Vec::new();
    (&mut reader).take(size).read_to_end(&mut dictionary)?;
    if (dictionary.len() as u64) < size {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "cut in the zstd dictionary frame",
        ));
    }
    if dictionary.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let mut unpacked = Vec::new();
        zstd::stream::read::Decoder::new(&dictionary[..])?
            .take(MAX_DICTIONARY_BYTES)
            .read_to_end(&mut unpacked)?;
        dictionary = unpacked;
    }
    Ok(Box::new(zstd::stream::read::Decoder::with_dictionary(
        reader,
        &dictionary,
    )?))
}

/// A gzip reader that decodes member after member (as a multi-member
/// decoder does) and, after a corrupt member, skips to the next member
/// header instead of giving up: a WARC file with one gzip member per
/// record loses only the damaged record. The error is still returned, once,
/// marked [`Resumed`] when reading goes on.
struct GzipMembers<R: Read> {
    /// `None` once the input is exhausted or could not be resumed.
    decoder: Option<flate2::bufread::GzDecoder<Lookahead<R>>>,
}

impl<R: Read> GzipMembers<R> {
    fn new(reader: Lookahead<R>) -> Self {
        GzipMembers {
            decoder: Some(flate2::bufread::GzDecoder::new(reader)),
        }
    }
}

impl<R: Read> Read for GzipMembers<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        while let Some(decoder) = &mut self.decoder {
            match decoder.read(buf) {
                Ok(0) => {
                    // The member ended; another may follow.
                    let Some(decoder) = self.decoder.take() else {
                        break;
                    };
                    let mut inner = decoder.into_inner();
                    if !inner.fill_buf()?.is_empty() {
                        self.decoder = Some(flate2::bufread::GzDecoder::new(inner));
                    }
                }
                Ok(n) => return Ok(n),
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => {
                    let Some(decoder) = self.decoder.take() else {
                        break;
                    };
                    let mut inner = decoder.into_inner();
                    return Err(if inner.skip_to(&GZIP_MEMBER_MAGIC)? {
                        self.decoder = Some(flate2::bufread::GzDecoder::new(inner));
                        io::Error::new(err.kind(), Resumed(err))
                    } else {
                        err
                    });
                }
            }
        }
        Ok(0)
    }
}

/// The first bytes of a gzip member (magic and the deflate method).
const GZIP_MEMBER_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];

/// A buffered reader that can look a few bytes ahead across its buffer's
/// end, to find a pattern without consuming its first bytes.
struct Lookahead<R> {
    inner: R,
    buffer: Box<[u8]>,
    start: usize,
    end: usize,
}

impl<R: Read> Lookahead<R> {
    fn new(inner: R) -> Self {
        Lookahead {
            inner,
            buffer: vec![0; 64 * 1024].into_boxed_slice(),
            start: 0,
            end: 0,
        }
    }

    /// At least `n` buffered bytes (`n` ≤ the buffer size), unless the
    /// input ends sooner.
    fn fill_at_least(&mut self, n: usize) -> io::Result<&[u8]> {
        if self.end - self.start < n {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            while self.end < n {
                match self.inner.read(&mut self.buffer[self.end..]) {
                    Ok(0) => break,
                    Ok(read) => self.end += read,
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(err) => return Err(err),
                }
            }
        }
        Ok(&self.buffer[self.start..self.end])
    }

    /// Consumes bytes up to the next occurrence of `pattern`; `false` if
    /// the input ends first.
    fn skip_to(&mut self, pattern: &[u8]) -> io::Result<bool> {
        loop {
            let available = self.fill_at_least(pattern.len())?;
            if available.len() < pattern.len() {
                let length = available.len();
                self.consume(length);
                return Ok(false);
            }
            if let Some(at) = memchr::memmem::find(available, pattern) {
                self.consume(at);
                return Ok(true);
            }
            // Keep the last bytes: the pattern may straddle two reads.
            let length = available.len() + 1 - pattern.len();
            self.consume(length);
        }
    }
}

impl<R: Read> Read for Lookahead<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl<R: Read> BufRead for Lookahead<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.start == self.end {
            self.start = 0;
            self.end = 0;
            self.fill_at_least(1)
        } else {
            Ok(&self.buffer[self.start..self.end])
        }
    }

    fn consume(&mut self, amount: usize) {
        self.start = (self.start + amount).min(self.end);
    }
}

/// Marks a decompression error after which the stream goes on (at the
/// next gzip member).
#[derive(Debug)]
struct Resumed(io::Error);

impl std::fmt::Display for Resumed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Resumed {}

/// Whether reading can go on after this error (at the next gzip member).
pub(crate) fn is_resumable(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|inner| inner.is::<Resumed>())
}

/// How many decompressed chunks may wait for the parser.
const PIPELINE_DEPTH: usize = 4;

/// A reader fed by a thread that decompresses ahead of it, in chunks of
/// [`BUFFER_SIZE`] over a bounded channel (memory stays at a few chunks).
/// Errors are handed over in turn; the thread stops at the end of the
/// stream, at an error that cannot be resumed, or when this reader is
/// dropped.
struct Pipelined {
    chunks: Receiver<io::Result<Vec<u8>>>,
    /// Emptied chunks, sent back to be filled again.
    recycle: Sender<Vec<u8>>,
    current: Vec<u8>,
    position: usize,
    finished: bool,
}

impl Pipelined {
    fn spawn(mut source: Box<dyn Read + Send>) -> Pipelined {
        let (chunk_sender, chunks) = mpsc::sync_channel::<io::Result<Vec<u8>>>(PIPELINE_DEPTH);
        let (recycle, recycled) = mpsc::channel::<Vec<u8>>();
        let worker = move || loop {
            let mut chunk = recycled.try_recv().unwrap_or_default();
            chunk.resize(BUFFER_SIZE, 0);
            let mut filled = 0;
            let result = loop {
                match source.read(&mut chunk[filled..]) {
                    Ok(0) => break Ok(()),
                    Ok(n) => {
                        filled += n;
                        if filled == chunk.len() {
                            break Ok(());
                        }
                    }
                    Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                    Err(err) => break Err(err),
                }
            };
            chunk.truncate(filled);
            let end = match &result {
                Ok(()) => filled == 0,
                Err(err) => !is_resumable(err),
            };
            if filled > 0 && chunk_sender.send(Ok(chunk)).is_err() {
                return;
            }
            if let Err(err) = result {
                if chunk_sender.send(Err(err)).is_err() {
                    return;
                }
            }
            if end {
                return;
            }
        };
        let (fallback_sender, fallback) = mpsc::sync_channel(1);
        if let Err(err) = std::thread::Builder::new()
            .name("gleaner-decompress".into())
            .spawn(worker)
        {
            // No thread to be had: report it as the stream's error.
            let _ = fallback_sender.send(Err(err));
            return Pipelined::new(fallback, recycle);
        }
        drop(fallback_sender);
        Pipelined::new(chunks, recycle)
    }

    fn new(chunks: Receiver<io::Result<Vec<u8>>>, recycle: Sender<Vec<u8>>) -> Self {
        Pipelined {
            chunks,
            recycle,
            current: Vec::new(),
            position: 0,
            finished: false,
        }
    }
}

impl Read for Pipelined {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        read_buffered(self, buf)
    }
}

impl BufRead for Pipelined {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.position == self.current.len() && !self.finished {
            match self.chunks.recv() {
                Ok(Ok(chunk)) => {
                    let used = std::mem::replace(&mut self.current, chunk);
                    self.position = 0;
                    // The worker may be gone; the chunk is then just freed.
                    let _ = self.recycle.send(used);
                }
                // After an error that cannot be resumed the worker stops,
                // closing the channel.
                Ok(Err(err)) => return Err(err),
                Err(_) => self.finished = true,
            }
        }
        Ok(&self.current[self.position..])
    }

    fn consume(&mut self, amount: usize) {
        self.position = (self.position + amount).min(self.current.len());
    }
}

/// Counts the bytes read from the underlying (on-disk) source.
struct Counting<R> {
    inner: R,
    progress: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The error a [`Capped`] reader returns past its cap.
#[derive(Debug)]
struct CapExceeded;

impl std::fmt::Display for CapExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("decompressed size cap exceeded")
    }
}

impl std::error::Error for CapExceeded {}

fn is_cap_error(err: &io::Error) -> bool {
    err.get_ref().is_some_and(|inner| inner.is::<CapExceeded>())
}

/// Fails once more than `cap` bytes came through: the defence against
/// decompression bombs.
struct Capped<R> {
    inner: R,
    remaining: u64,
}

impl<R> Capped<R> {
    fn new(inner: R, cap: u64) -> Self {
        Capped {
            inner,
            remaining: cap,
        }
    }
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if self.remaining == 0 {
            // At the cap: any further byte is one too many.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(io::Error::other(CapExceeded)),
            };
        }
        let len = buf
            .len()
            .min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..len])?;
        self.remaining -= n as u64;
        Ok(n)
    }
}

/// A reader that fails with a stored error (then reads as empty).
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _buf: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(err) => Err(err),
            None => Ok(0),
        }
    }
}

/// `Read::read` for a type that reads through its own `BufRead` buffer.
pub(crate) fn read_buffered(reader: &mut impl BufRead, buf: &mut [u8]) -> io::Result<usize> {
    let available = reader.fill_buf()?;
    let n = available.len().min(buf.len());
    buf[..n].copy_from_slice(&available[..n]);
    reader.consume(n);
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codec_from_extension() {
        assert_eq!(
            Codec::from_file_name("a.jsonl.gz"),
            (Codec::Gzip, "a.jsonl")
        );
        assert_eq!(Codec::from_file_name("a.warc.ZST"), (Codec::Zstd, "a.warc"));
        assert_eq!(Codec::from_file_name("a.jsonl"), (Codec::Plain, "a.jsonl"));
    }

    fn read_all(stream: &mut Stream) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        stream.reader.read_to_end(&mut out)?;
        Ok(out)
    }

    fn sample() -> Vec<u8> {
        (0..200_000)
            .flat_map(|n: u32| format!("line {n}\n").into_bytes())
            .collect()
    }

    #[test]
    fn stdin_compression_is_sniffed() {
        let data = sample();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut gz, &data).unwrap();
        let gz = gz.finish().unwrap();
        let zst = zstd::encode_all(&data[..], 1).unwrap();
        for (expected, input) in [
            (Codec::Plain, data.clone()),
            (Codec::Gzip, gz),
            (Codec::Zstd, zst),
        ] {
            let progress = Arc::new(AtomicU64::new(0));
            let size = input.len() as u64;
            let mut stream = open_sniffed(io::Cursor::new(input), u64::MAX, &progress).unwrap();
            assert_eq!(stream.codec, expected);
            assert!(read_all(&mut stream).unwrap() == data, "{expected:?}");
            assert_eq!(progress.load(Ordering::Relaxed), size);
        }
    }

    #[test]
    fn pipelined_stream_hands_over_the_cap_error() {
        let data = sample();
        let zst = zstd::encode_all(&data[..], 1).unwrap();
        let progress = Arc::new(AtomicU64::new(0));
        let mut stream = open_sniffed(io::Cursor::new(zst), 1000, &progress).unwrap();
        let err = read_all(&mut stream).unwrap_err();
        assert!(stream
            .describe_error(&err)
            .starts_with("decompressed data exceeds the 1000 bytes limit"));
    }

    #[test]
    fn zstd_dictionary_frame_is_used() {
        let data = sample();
        let dictionary: Vec<u8> = (0..2000)
            .flat_map(|n: u32| format!("line {n}\n").into_bytes())
            .collect();
        let mut encoder =
            zstd::stream::write::Encoder::with_dictionary(Vec::new(), 3, &dictionary).unwrap();
        std::io::Write::write_all(&mut encoder, &data).unwrap();
        let frames = encoder.finish().unwrap();
        for packed in [false, true] {
            let stored = if packed {
                zstd::encode_all(&dictionary[..], 3).unwrap()
            } else {
                dictionary.clone()
            };
            let mut file = DICTIONARY_FRAME_MAGIC.to_vec();
            file.extend_from_slice(&(stored.len() as u32).to_le_bytes());
            file.extend_from_slice(&stored);
            file.extend_from_slice(&frames);
            let progress = Arc::new(AtomicU64::new(0));
            let mut stream =
                open_sniffed(io::Cursor::new(file.clone()), u64::MAX, &progress).unwrap();
            assert!(read_all(&mut stream).unwrap() == data, "packed: {packed}");
        }
        // Without the dictionary the frames cannot be read.
        assert!(zstd::decode_all(&frames[..]).is_err());
    }

    /// Hands out one byte per read, so every pattern straddles two reads.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&byte, rest)), Some(slot)) => {
                    *slot = byte;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn lookahead_finds_a_pattern_across_reads() {
        let mut reader = Lookahead::new(Trickle(b"junk junk \x1f\x8b\x08rest"));
        assert!(reader.skip_to(&GZIP_MEMBER_MAGIC).unwrap());
        let mut rest = Vec::new();
        reader.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"\x1f\x8b\x08rest");
        let mut none = Lookahead::new(Trickle(b"no magic \x1f\x8b"));
        assert!(!none.skip_to(&GZIP_MEMBER_MAGIC).unwrap());
    }

    #[test]
    fn cap_stops_a_bomb() {
        let zeros = vec![0u8; 10_000];
        let mut capped = Capped::new(&zeros[..], 1000);
        let mut out = Vec::new();
        let err = capped.read_to_end(&mut out).unwrap_err();
        assert!(is_cap_error(&err));
        assert_eq!(out.len(), 1000);
        // Exactly at the cap is fine.
        let mut exact = Capped::new(&zeros[..1000], 1000);
        out.clear();
        assert_eq!(exact.read_to_end(&mut out).unwrap(), 1000);
    }
}


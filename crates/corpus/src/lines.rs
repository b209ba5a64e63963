//! Reading lines with a length limit, so that one huge line cannot eat
//! memory (shared by the JSON Lines and WARC readers).

use std::io::{self, BufRead};

/// What [`read_line_limited`] found.
pub(crate) enum LineRead {
    /// A line (without its `\n`) is in the buffer.
    Line,
    /// A line longer than the limit, of this many bytes, was skipped.
    TooLong(u64),
    /// End of input.
    End,
}

/// Reads one line into `line` (without the newline), storing at most
/// `limit` bytes: a longer line is consumed to its end but not stored.
pub(crate) fn read_line_limited(
    reader: &mut dyn BufRead,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<LineRead> {
    let mut length: u64 = 0;
    let mut started = false;
    let mut too_long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            return Ok(match (started, too_long) {
                (false, _) => LineRead::End,
                (true, false) => LineRead::Line,
                (true, true) => LineRead::TooLong(length),
            });
        }
        started = true;
        let newline = memchr::memchr(b'\n', available);
        let chunk = &available[..newline.unwrap_or(available.len())];
        length += chunk.len() as u64;
        if !too_long {
            if line.len() + chunk.len() > limit {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let consumed = newline.map_or(available.len(), |at| at + 1);
        reader.consume(consumed);
        if newline.is_some() {
            return Ok(if too_long {
                LineRead::TooLong(length)
            } else {
                LineRead::Line
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_not_stored() {
        let data = format!("short\n{}\nafter", "x".repeat(100));
        let mut reader = data.as_bytes();
        let mut line = Vec::new();
        assert!(matches!(
            read_line_limited(&mut reader, &mut line, 10).unwrap(),
            LineRead::Line
        ));
        assert_eq!(line, b"short");
        line.clear();
        assert!(matches!(
            read_line_limited(&mut reader, &mut line, 10).unwrap(),
            LineRead::TooLong(100)
        ));
        assert!(line.len() <= 10);
        line.clear();
        assert!(matches!(
            read_line_limited(&mut reader, &mut line, 10).unwrap(),
            LineRead::Line
        ));
        assert_eq!(line, b"after");
        line.clear();
        assert!(matches!(
            read_line_limited(&mut reader, &mut line, 10).unwrap(),
            LineRead::End
        ));
    }
}

//! POSIX shell building blocks shared by install.sh and colima's provision
//! script: quoting and heredocs that no content can break out of.

use std::borrow::Cow;

/// Appends `s` quoted for sh (shlex) to `out`, without allocating. Words
/// that shlex quotes as one chunk (nearly all) are written as it writes
/// them, without its per-byte strategy scan; the rest go through shlex.
/// Inputs never hold NUL (the plan rejects control characters); should one
/// slip through it becomes `''`.
pub(crate) fn push_quoted(out: &mut String, s: &str) {
    if !s.is_empty() && s.bytes().all(plain) {
        // What shlex returns for such a word: the word itself.
        out.push_str(s);
        return;
    }
    match one_chunk(s) {
        Some(Chunk::Single) => {
            out.reserve(s.len() + 2);
            out.push('\'');
            out.push_str(s);
            out.push('\'');
        }
        Some(Chunk::Double) => {
            out.reserve(s.len() + 8);
            out.push('"');
            for c in s.chars() {
                // `$` and `` ` `` never get here (see one_chunk).
                if matches!(c, '"' | '\\') {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        }
        None => match shlex::try_quote(s) {
            Ok(q) => out.push_str(&q),
            Err(_) => out.push_str("''"),
        },
    }
}

/// Bytes that are never special to sh, a subset of those shlex leaves
/// unquoted (checked byte by byte in the tests): a word of only these
/// comes back from shlex unchanged, so it can skip shlex's slower scan.
fn plain(b: u8) -> bool {
    const PLAIN: [bool; 256] = {
        let mut table = [false; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = matches!(
                b as u8,
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' | b':' | b'@' | b'+'
            );
            b += 1;
        }
        table
    };
    PLAIN[usize::from(b)]
}

/// How shlex quotes a whole word in one chunk.
#[derive(Debug, PartialEq, Eq)]
enum Chunk {
    Single,
    Double,
}

/// The one chunk shlex quotes `s` as, if it does. shlex picks the first of
/// bare, single and double quotes that every byte so far allows, and ends
/// a chunk only where none does. So a word with a byte it never leaves
/// bare (anything but [`plain`] and `]`) is one single-quoted chunk when
/// single quotes hold every byte (no `'`, `\`, `^`), else one double-quoted
/// chunk when double quotes do (no `$`, `` ` ``, `!`, `^`). Anything else,
/// and NUL (which shlex refuses), is left to shlex.
fn one_chunk(s: &str) -> Option<Chunk> {
    let (mut needs_quotes, mut single, mut double) = (false, true, true);
    for b in s.bytes() {
        match b {
            0 => return None,
            b'\'' | b'\\' => single = false,
            b'$' | b'`' | b'!' => double = false,
            b'^' => return None,
            _ => {}
        }
        needs_quotes |= !plain(b) && b != b']';
    }
    match (needs_quotes, single, double) {
        (false, _, _) => None,
        (true, true, _) => Some(Chunk::Single),
        (true, false, true) => Some(Chunk::Double),
        (true, false, false) => None,
    }
}

/// Quotes a word for sh (shlex): [`push_quoted`] into a new string.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    out
}

const DELIMITER: &str = "MIRRORSMITH_EOF";

/// A heredoc delimiter that is not a line of `content`.
fn delimiter(content: &str) -> Cow<'static, str> {
    if !content.contains(DELIMITER) {
        return Cow::Borrowed(DELIMITER);
    }
    let mut delim = DELIMITER.to_string();
    let mut n = 0;
    while content.lines().any(|l| l == delim) {
        n += 1;
        delim = format!("{DELIMITER}_{n}");
    }
    Cow::Owned(delim)
}

/// Appends `COMMAND <<'DELIM'` with `content` verbatim to `out`: the quoted
/// delimiter turns off every expansion, and the delimiter never occurs as a
/// line of the content. `content` must end with a newline (every generated
/// file does).
pub(crate) fn push_heredoc(out: &mut String, command: &str, content: &str) {
    let delim = delimiter(content);
    out.reserve(command.len() + content.len() + 2 * delim.len() + 8);
    out.push_str(command);
    out.push_str(" <<'");
    out.push_str(&delim);
    out.push_str("'\n");
    out.push_str(content);
    if !content.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(&delim);
    out.push('\n');
}

/// [`push_heredoc`] into a new string.
pub(crate) fn heredoc(command: &str, content: &str) -> String {
    let mut s = String::new();
    push_heredoc(&mut s, command, content);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_avoids_content_lines() {
        let body = "MIRRORSMITH_EOF\nMIRRORSMITH_EOF_1\n";
        let h = heredoc("cat", body);
        assert!(h.ends_with("\nMIRRORSMITH_EOF_2\n"));
        assert!(h.starts_with("cat <<'MIRRORSMITH_EOF_2'\n"));
    }

    #[test]
    fn quotes_hostile_words() {
        for word in [
            "/etc/a b", "$(id)", "it's", "`x`", "a\\b", "\"q\"", "~root", "*",
        ] {
            assert_eq!(
                shlex::split(&quote(word)),
                Some(vec![word.to_string()]),
                "{word}"
            );
        }
    }

    #[test]
    fn plain_bytes_are_left_alone_by_shlex() {
        for b in (0..=255u8).filter(|b| plain(*b)) {
            let word = char::from(b).to_string();
            assert_eq!(shlex::try_quote(&word).unwrap(), word, "{b:#x}");
            let long = format!("a{word}{word}z");
            assert_eq!(shlex::try_quote(&long).unwrap(), long, "{b:#x}");
        }
        assert!(!plain(b'^') && !plain(b'~') && !plain(b'%') && !plain(b'=') && !plain(0x80));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, ..Default::default() })]

        #[test]
        fn push_quoted_is_shlex(word in "[a-z/._:@+^~%=$' -]{0,12}|[a-z ,\\]\"\\\\'^é\\x00$`!]{0,10}|.{0,6}") {
            let mut out = String::from("x ");
            push_quoted(&mut out, &word);
            let want = shlex::try_quote(&word).map_or("''".into(), |q| q.into_owned());
            proptest::prop_assert_eq!(out, format!("x {want}"));
        }
    }

    #[test]
    fn push_quoted_appends_what_shlex_gives() {
        for word in ["", "plain/path.toml", "/etc/a b", "it's", "a\0b", "\0"] {
            let mut out = String::from("x ");
            push_quoted(&mut out, word);
            let want = shlex::try_quote(word).map_or("''".into(), |q| q.into_owned());
            assert_eq!(out, format!("x {want}"), "{word:?}");
        }
    }
}

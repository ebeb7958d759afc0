//! POSIX shell building blocks shared by install.sh and colima's provision
//! script: quoting and heredocs that no content can break out of.

/// Single-quotes a word for sh (shlex). Inputs never hold NUL (the plan
/// rejects control characters); should one slip through it becomes `''`.
pub(crate) fn quote(s: &str) -> String {
    shlex::try_quote(s)
        .map(|c| c.into_owned())
        .unwrap_or_else(|_| "''".to_string())
}

/// A heredoc delimiter that is not a line of `content`.
fn delimiter(content: &str) -> String {
    let mut delim = "MIRRORSMITH_EOF".to_string();
    if !content.contains(delim.as_str()) {
        return delim;
    }
    let mut n = 0;
    while content.lines().any(|l| l == delim) {
        n += 1;
        delim = format!("MIRRORSMITH_EOF_{n}");
    }
    delim
}

/// `COMMAND <<'DELIM'` with `content` verbatim: the quoted delimiter turns off
/// every expansion, and the delimiter never occurs as a line of the content.
/// `content` must end with a newline (every generated file does).
pub(crate) fn heredoc(command: &str, content: &str) -> String {
    let delim = delimiter(content);
    let mut s = format!("{command} <<'{delim}'\n{content}");
    if !content.ends_with('\n') {
        s.push('\n');
    }
    s.push_str(&delim);
    s.push('\n');
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
}

//! Syntax highlighting for the preview: one small line lexer per output
//! language, producing escaped HTML with `<span class="t-…">` tokens. The
//! whole file becomes one string, so a 90 KB install.sh is a single DOM update.

use crate::render::Language;

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn span(out: &mut String, class: &str, s: &str) {
    if s.is_empty() {
        return;
    }
    out.push_str("<span class=\"t-");
    out.push_str(class);
    out.push_str("\">");
    escape_into(out, s);
    out.push_str("</span>");
}

/// Splits off a leading quoted string (with backslash escapes for `"`).
fn quoted(s: &str) -> Option<usize> {
    let q = s.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let mut escaped = false;
    for (i, c) in s.char_indices().skip(1) {
        if escaped {
            escaped = false;
        } else if c == '\\' && q == '"' {
            escaped = true;
        } else if c == q {
            return Some(i + 1);
        }
    }
    Some(s.len())
}

/// Values after `=` or `:`: strings, numbers, booleans, comments.
fn value(out: &mut String, mut s: &str, comment: char) {
    while !s.is_empty() {
        if let Some(n) = quoted(s) {
            span(out, "s", &s[..n]);
            s = &s[n..];
            continue;
        }
        let c = s.chars().next().unwrap_or(' ');
        if c == comment {
            span(out, "c", s);
            return;
        }
        let end = s
            .char_indices()
            .find(|&(i, ch)| {
                i > 0
                    && (ch == '"'
                        || ch == '\''
                        || ch == comment
                        || ch == ','
                        || ch == ' '
                        || ch == ']')
            })
            .map(|(i, _)| i)
            .unwrap_or(s.len());
        let word = &s[..end];
        if matches!(word.trim(), "true" | "false" | "null") {
            span(out, "b", word);
        } else if !word.trim().is_empty()
            && word
                .trim()
                .chars()
                .all(|ch| ch.is_ascii_digit() || ch == '.' || ch == '-')
        {
            span(out, "n", word);
        } else {
            escape_into(out, word);
        }
        s = &s[end..];
    }
}

fn toml_line(out: &mut String, line: &str) {
    let t = line.trim_start();
    if t.starts_with('#') {
        span(out, "c", line);
    } else if t.starts_with('[') {
        span(out, "h", line);
    } else if let Some(eq) = find_unquoted(line, '=') {
        span(out, "k", &line[..eq]);
        out.push('=');
        value(out, &line[eq + 1..], '#');
    } else {
        value(out, line, '#');
    }
}

fn find_unquoted(line: &str, target: char) -> Option<usize> {
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        if let Some(n) = quoted(rest) {
            i += n;
            continue;
        }
        let c = rest.chars().next()?;
        if c == target {
            return Some(i);
        }
        i += c.len_utf8();
    }
    None
}

fn yaml_line(out: &mut String, line: &str) {
    let t = line.trim_start();
    if t.starts_with('#') {
        span(out, "c", line);
        return;
    }
    let indent = line.len() - t.len();
    out.push_str(&line[..indent]);
    let (dash, t) = match t.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", t),
    };
    out.push_str(dash);
    match find_unquoted(t, ':').filter(|&i| t[i + 1..].is_empty() || t[i + 1..].starts_with(' ')) {
        Some(i) => {
            span(out, "k", &t[..i]);
            out.push(':');
            value(out, &t[i + 1..], '#');
        }
        None => value(out, t, '#'),
    }
}

fn shell_line(out: &mut String, line: &str) {
    let t = line.trim_start();
    if t.starts_with('#') {
        span(out, "c", line);
        return;
    }
    let indent = line.len() - t.len();
    out.push_str(&line[..indent]);
    let first = t.split([' ', '(', ';']).next().unwrap_or("");
    const KEYWORDS: &[&str] = &[
        "if", "then", "else", "elif", "fi", "for", "do", "done", "while", "case", "esac", "in",
        "return", "exit", "set", "trap", "shift",
    ];
    let rest = if KEYWORDS.contains(&first) {
        span(out, "h", first);
        &t[first.len()..]
    } else {
        t
    };
    value(out, rest, '\u{0}');
}

fn ini_line(out: &mut String, line: &str) {
    let t = line.trim_start();
    if t.starts_with('#') || t.starts_with(';') {
        span(out, "c", line);
    } else if t.starts_with('[') {
        span(out, "h", line);
    } else if let Some(eq) = line.find('=') {
        span(out, "k", &line[..eq]);
        out.push('=');
        value(out, &line[eq + 1..], '\u{0}');
    } else {
        escape_into(out, line);
    }
}

fn json_line(out: &mut String, line: &str) {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    out.push_str(&line[..indent]);
    match quoted(t) {
        Some(n) if t[n..].trim_start().starts_with(':') => {
            span(out, "k", &t[..n]);
            value(out, &t[n..], '\u{0}');
        }
        _ => value(out, t, '\u{0}'),
    }
}

/// The file as highlighted, escaped HTML (for a `<pre><code>`).
pub fn to_html(language: Language, content: &str) -> String {
    let mut out = String::with_capacity(content.len() * 2);
    for line in content.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        match language {
            Language::Toml => toml_line(&mut out, body),
            Language::Yaml => yaml_line(&mut out, body),
            Language::Shell => shell_line(&mut out, body),
            Language::Ini => ini_line(&mut out, body),
            Language::Env => ini_line(&mut out, body),
            Language::Json => json_line(&mut out, body),
        }
        out.push_str(nl);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of the highlighted HTML, tags dropped and entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn highlighting_never_changes_the_text_and_escapes_html() {
        let hostile = "key = \"<script>alert(1)</script>\" # it's & <b>\n[host.\"https://x\"]\nx: '<img src=x>'\n  - a: \"b\n";
        for lang in [
            Language::Toml,
            Language::Yaml,
            Language::Shell,
            Language::Ini,
            Language::Env,
            Language::Json,
        ] {
            let html = to_html(lang, hostile);
            assert_eq!(text_of(&html), hostile, "{lang:?}");
            assert!(
                !html.contains("<script") && !html.contains("<img") && !html.contains("<b>"),
                "{lang:?}: {html}"
            );
        }
    }

    #[test]
    fn marks_keys_strings_and_comments() {
        let html = to_html(
            Language::Toml,
            "# c\n[host.\"https://m\"]\ncapabilities = [\"pull\"]\n",
        );
        assert!(html.contains("<span class=\"t-c\"># c</span>"));
        assert!(html.contains("<span class=\"t-h\">[host.&quot;https://m&quot;]</span>"));
        assert!(html.contains("<span class=\"t-k\">capabilities </span>"));
        assert!(html.contains("<span class=\"t-s\">&quot;pull&quot;</span>"));
    }
}

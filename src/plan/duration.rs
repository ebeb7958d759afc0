//! Go duration strings (`time.ParseDuration`), as containerd reads `dial_timeout`.

/// Parses a Go duration into nanoseconds. Signs are rejected: a timeout is never negative.
pub fn parse_go_duration(input: &str) -> Option<u128> {
    let s = input.trim();
    if s == "0" {
        return Some(0);
    }
    if s.is_empty() || !s.is_ascii() {
        return None;
    }
    let b = s.as_bytes();
    let mut i = 0;
    let mut total: f64 = 0.0;
    while i < b.len() {
        let start = i;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let num = &s[start..i];
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        let value: f64 = num.parse().ok()?;
        let ustart = i;
        while i < b.len() && !(b[i].is_ascii_digit() || b[i] == b'.') {
            i += 1;
        }
        let scale: f64 = match &s[ustart..i] {
            "ns" => 1.0,
            "us" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            _ => return None,
        };
        total += value * scale;
    }
    // Go's limit: about 290 years.
    (total <= i64::MAX as f64).then_some(total as u128)
}

#[cfg(test)]
mod tests {
    use super::parse_go_duration;

    #[test]
    fn accepts_go_forms() {
        assert_eq!(parse_go_duration("3s"), Some(3_000_000_000));
        assert_eq!(parse_go_duration("1m30s"), Some(90_000_000_000));
        assert_eq!(parse_go_duration("1.5s"), Some(1_500_000_000));
        assert_eq!(parse_go_duration("500ms"), Some(500_000_000));
        assert_eq!(parse_go_duration("0"), Some(0));
    }

    #[test]
    fn rejects_what_go_rejects() {
        for bad in ["", "3", "3 s", "s", "3sec", "-1s", "1.2.3s", "3S", "5d"] {
            assert_eq!(parse_go_duration(bad), None, "{bad}");
        }
    }
}

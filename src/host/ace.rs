//! ACE labels: a DNS label written with IDNA's `xn--` prefix (any case), the ASCII form of a
//! Unicode label. The one spelling of that test, for the engine and for `build.rs`, which
//! includes this file with `#[path]` (so it uses nothing of the crate).

/// `label` starts with the ACE prefix `xn--`, in any case.
#[inline]
pub fn is_ace_label(label: &[u8]) -> bool {
    label.len() >= 4 && label[..4].eq_ignore_ascii_case(b"xn--")
}

/// Some label of `host` (labels split at `.`) is an ACE label. One pass over the bytes, no
/// splitting: this runs for every host.
pub fn has_ace_label(host: &[u8]) -> bool {
    let mut label_start = 0;
    while let Some(rest) = host.get(label_start..) {
        if is_ace_label(rest) {
            return true;
        }
        match rest.iter().position(|&b| b == b'.') {
            Some(dot) => label_start += dot + 1,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_ace_by_its_prefix_in_any_case() {
        for label in ["xn--r8jz45g", "XN--80ak6aa92e", "Xn--", "xN--a"] {
            assert!(is_ace_label(label.as_bytes()), "{label:?}");
        }
        for label in ["", "xn-", "xn-a", "axn--b", "xn_-a", "x--n", "ｘn--a"] {
            assert!(!is_ace_label(label.as_bytes()), "{label:?}");
        }
    }

    #[test]
    fn a_host_has_an_ace_label_when_one_of_its_labels_is() {
        let hosts = [
            "eki-net.com", "www.eki-net.com", "WWW.Eki-Net.COM", "xn--80ak6aa92e.com", "XN--80ak6aa92e.com",
            "www.xn--80ak6aa92e.com", "axn--b.com", "a.xn-b.com", "xn--.com", "sub.xn--zz.co.jp", "a-b.c-d.co.uk",
            "x.xn--p1ai", "abc.de", "", ".", "..xn--a", "xn--", "a.", "a.xn--", "a.axn--", "例え.xn--r8jz45g.jp",
        ];
        for host in hosts {
            let by_split = host.split('.').any(|label| is_ace_label(label.as_bytes()));
            assert_eq!(has_ace_label(host.as_bytes()), by_split, "{host:?}");
        }
        // Every string of up to six bytes over the prefix's letters in both cases, a dot and one more.
        let alphabet = b"xXnN-.a";
        let mut s = Vec::new();
        fn each(s: &mut Vec<u8>, alphabet: &[u8], depth: usize) {
            let by_split = s.split(|&b| b == b'.').any(is_ace_label);
            assert_eq!(has_ace_label(s), by_split, "{:?}", String::from_utf8_lossy(s));
            if depth == 0 {
                return;
            }
            for &b in alphabet {
                s.push(b);
                each(s, alphabet, depth - 1);
                s.pop();
            }
        }
        each(&mut s, alphabet, 6);
    }
}

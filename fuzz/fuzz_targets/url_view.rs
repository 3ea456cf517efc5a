//! The engine's URL fast path (`linkguard::url::view::parse_plain`) against the `url` crate:
//! whenever the fast path accepts a string, `Url::parse` must accept it too, serialize it to
//! exactly that string, and report the same scheme, host, path, query and fragment (the
//! fast path skips the url crate's parser on the promise that nothing would change). Also:
//! `UrlView::query_values` finds the values `query_pairs` has under a name.
//!
//! Each input is tried as it is and with `https://` and `http://` in front, so that random
//! bytes reach the host and path rules instead of failing on the scheme.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linkguard::url::view::{parse_plain, UrlView};
use url::{Host, Position, Url};

fn check(s: &str) {
    let Some(layout) = parse_plain(s) else { return };
    let url = Url::parse(s).unwrap_or_else(|e| panic!("fast path accepted {s:?}, url crate: {e}"));
    assert_eq!(url.as_str(), s, "the url crate rewrites {s:?}");
    assert!(matches!(url.host(), Some(Host::Domain(_))), "{s:?}: host {:?}", url.host());
    assert_eq!(url.username(), "", "{s:?}");
    assert_eq!(url.password(), None, "{s:?}");
    assert_eq!(url.port(), None, "{s:?}");
    let fast = UrlView::with_layout(s, layout);
    assert_eq!(fast, UrlView::of(&url), "{s:?}");
    assert_eq!(fast.scheme(), url.scheme(), "{s:?}");
    assert_eq!(fast.host_str(), url.host_str(), "{s:?}");
    assert_eq!(fast.path(), url.path(), "{s:?}");
    assert_eq!(fast.query(), url.query(), "{s:?}");
    assert_eq!(fast.fragment(), url.fragment(), "{s:?}");
    assert_eq!(fast.path_and_query(), &url[Position::BeforePath..Position::AfterQuery], "{s:?}");
    assert_eq!(fast.path_and_rest(), &url[Position::BeforePath..], "{s:?}");
    assert!(fast.query_pairs().eq(url.query_pairs()), "{s:?}");
    // The wrapper recognizers' lookup of one name decodes like `query_pairs`.
    for name in ["q", "url", "u", "source", ""] {
        let expected = fast.query_pairs().filter(|(key, _)| key == name).map(|(_, value)| value);
        assert!(fast.query_values(name).eq(expected), "{s:?} {name:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    check(&s);
    check(&format!("https://{s}"));
    check(&format!("http://{s}"));
});

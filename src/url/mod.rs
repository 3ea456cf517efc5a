//! Stage 1, the link's URL: read the href (the fast path for plain `http(s)` hrefs), peel the
//! wrappers that hide the real target, and read IP-literal hosts as a browser does.

pub mod ip;
pub mod unwrap;
pub mod view;

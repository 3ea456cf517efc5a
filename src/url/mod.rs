//! Stage 1, the link's URL: read the href (the fast path for plain `http(s)` hrefs), peel the
//! wrappers that hide the real target, read IP-literal hosts as a browser does, and tell a mail
//! service's click tracker by its host or by the shape of its link (`click_tracker`).

pub mod click_tracker;
pub mod ip;
pub mod unwrap;
pub mod view;

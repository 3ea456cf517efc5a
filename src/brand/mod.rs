//! Stage 4, brand impersonation: the brands of `data/brands.tsv` and every way a link borrows
//! one. Each file finds one thing; a file named after a reason code reports that reason:
//!
//! - `table`: the brands, their names and their real domains (the data);
//! - `names_in_text`: a brand named in a text or a display name ("えきねっとサポートセンター",
//!   "МеtaМask" in Cyrillic letters), for the sender check (`message::sender`);
//! - `brand_in_host`: a brand's real domain written into another site's host
//!   (`www.eki-net.com.zvwscs.cn`);
//! - `domain_in_host`: any other domain name written left of the registrable domain
//!   (`anazaon.co.jp.login.z2hdao.cn`), danger when it imitates a brand's;
//! - `brand_name_in_host`: a brand's name, or a name spelled like one, in front of another
//!   site's domain (`smbc.zgcdpvd.cn`, `www.amazom.tjpmgkhxwc.cn`);
//! - `lookalike_domain`: the site's own registrable domain imitating a brand's
//!   (`steeamcommnity.com`);
//! - `label_distance`: how two registrable labels differ (another suffix, a typo, swapped
//!   letters, the brand inside a longer name): the `lookalike` kind these checks and
//!   `text-mismatch` report.

/// A data line's columns, read the same way by `build.rs` and the tests.
#[cfg(test)]
mod brand_line;
pub mod brand_in_host;
pub mod brand_name_in_host;
pub mod domain_in_host;
pub mod label_distance;
pub mod lookalike_domain;
pub mod names_in_text;
pub mod table;

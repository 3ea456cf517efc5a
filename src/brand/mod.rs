//! Stage 4, brand impersonation: the brands of `data/brands.tsv` and the ways a link borrows one.

pub mod domain_in_host;
pub mod label_distance;
pub mod lookalike_domain;
pub mod names_in_text;
pub mod table;

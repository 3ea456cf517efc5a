//! Stage 3, what a person reads: the URL or domain a link's text claims, and characters that
//! make a host read as another one (homographs, through UTS #39 skeletons).

pub mod claim;
pub mod homograph;
pub mod lowercase;
pub mod skeleton;

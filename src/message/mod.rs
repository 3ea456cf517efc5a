//! Stage 5, the message around the links: who it says it is from, and what its links' own words
//! claim. `claim` decides which brand a message presents itself as (once per message) and which
//! brand a link's words name and whether they ask to act; `brand_mismatch` judges a link's real
//! target against those claims; `sender` is the one sender check, run by the engine on mail
//! links (and the sender a webmail shows as one) and on a message's From field.

pub mod brand_mismatch;
pub mod claim;
pub mod sender;

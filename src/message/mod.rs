//! Stage 5, the message around the links: who it says it is from. `sender` is the one sender
//! check, run by the engine on mail links (and the sender a webmail shows as one) and by
//! `linkguard scan` on the From field.

pub mod sender;

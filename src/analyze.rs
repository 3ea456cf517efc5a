//! The engine: ties the checks together into a verdict.
use crate::verdict::{LinkInput, Options, Verdict};

pub struct Engine {
    _options: Options,
}

impl Engine {
    pub fn new() -> Engine {
        Engine { _options: Options::default() }
    }
    pub fn set_options(&mut self, options: Options) {
        self._options = options;
    }
    pub fn analyze(&self, link: &LinkInput) -> Verdict {
        let _ = link;
        Verdict::default()
    }
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

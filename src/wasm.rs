//! The thin wasm-bindgen boundary. Structured values cross as plain JS objects through
//! serde-wasm-bindgen; the engine itself knows nothing of the browser.

use crate::analyze::Engine;
use crate::verdict::{HostCategory, LinkInput, Options};
use wasm_bindgen::prelude::*;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: maps become plain objects, which survive extension messaging unchanged.
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("invalid {what}: {e}")))
}

/// The engine as seen from JavaScript: `new LinkGuard()`, then `analyze(link)` or
/// `analyzeBatch([link, ...])`, where a link is `{href, text, title?, saferedirecturl?, originalsrc?}`.
#[wasm_bindgen]
pub struct LinkGuard {
    engine: Engine,
}

#[wasm_bindgen]
impl LinkGuard {
    #[wasm_bindgen(constructor)]
    pub fn new() -> LinkGuard {
        LinkGuard { engine: Engine::new() }
    }

    /// `{allowlist: ["example.com"], disabled: ["shortener"]}`.
    #[wasm_bindgen(js_name = setOptions)]
    pub fn set_options(&mut self, options: JsValue) -> Result<(), JsError> {
        let options: Options = from_js(options, "options")?;
        self.engine.set_options(options);
        Ok(())
    }

    pub fn analyze(&self, link: JsValue) -> Result<JsValue, JsError> {
        let link: LinkInput = from_js(link, "link")?;
        to_js(&self.engine.analyze(&link))
    }

    /// Catalog suffixes whose hosts the navigation guard intercepts (dynamic-DNS and free
    /// hosting), sorted, for declarativeNetRequest `requestDomains`.
    #[wasm_bindgen(js_name = guardedSuffixes)]
    pub fn guarded_suffixes(&self) -> Vec<String> {
        let mut suffixes: Vec<String> = self
            .engine
            .catalog()
            .entries()
            .filter(|e| matches!(e.category, HostCategory::DynamicDns | HostCategory::FreeHosting))
            .map(|e| e.suffix.to_string())
            .collect();
        suffixes.sort_unstable();
        suffixes
    }

    #[wasm_bindgen(js_name = analyzeBatch)]
    pub fn analyze_batch(&self, links: JsValue) -> Result<JsValue, JsError> {
        let links: Vec<LinkInput> = from_js(links, "links")?;
        let verdicts: Vec<_> = links.iter().map(|l| self.engine.analyze(l)).collect();
        to_js(&verdicts)
    }
}

impl Default for LinkGuard {
    fn default() -> Self {
        LinkGuard::new()
    }
}

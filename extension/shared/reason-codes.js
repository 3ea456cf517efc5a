// @ts-check

/**
 * The reason codes the engine knows, in its order: src/verdict.rs `ReasonCode::ALL`, which a test
 * in src/i18n.rs compares with this list. The options page lists them, and the engine's options
 * are filtered by them.
 */
export const REASON_CODES = [
  'text-mismatch', 'dynamic-dns', 'free-hosting', 'ip-host', 'userinfo', 'homograph',
  'script-url', 'shortener', 'wrapped', 'tracking-redirect', 'invalid-url', 'brand-in-host',
  'domain-in-host', 'lookalike-domain', 'brand-name-in-host', 'mailto-brand-mismatch',
];

// The engine as JavaScript sees it: the global the wasm-bindgen glue defines
// (`--target no-modules`: `let wasm_bindgen` in a classic script, engine/linkguard.js) and the
// plain data its verdicts are made of (serde, src/verdict.rs; only the fields the JS reads or
// passes on). tsc reads this file; nothing ships it.

declare global {
  type Level = 'safe' | 'caution' | 'danger';

  /** How the text a person sees differs from the mail's own text (Hiding). */
  type Hiding = 'hidden-part' | 'bidi' | 'generated' | 'transparent';

  /** One link as the engine reads it (LinkInput). */
  interface LinkInput {
    href: string;
    /** The text a person sees (content/rendered-text.js). */
    text: string;
    title?: string;
    saferedirecturl?: string;
    originalsrc?: string;
    /** The DOM's own text, when it differs from what is seen. */
    dom_text?: string;
    hidden?: Hiding[];
    ping?: string[];
    malformed?: boolean;
  }

  /** A reason's details: every field optional, by the check that found it. */
  interface ReasonDetails {
    provider?: string;
    claimed?: string;
    actual?: string;
    lookalike?: string;
    ip?: string;
    ip_kind?: string;
    obscured?: boolean;
    user?: string;
    user_looks_like_domain?: boolean;
    punycode?: string;
    unicode?: string;
    homograph_kind?: string;
    scheme?: string;
    wrapper?: string;
    opaque?: boolean;
    note?: string;
    /** The link's text is its target written out (ip-host: caution in a mail of no brand). */
    text_is_target?: boolean;
    brand?: string;
    brand_ja?: string;
    brand_domain?: string;
    hidden?: Hiding[];
    written?: string;
    /** The brand's official page, to open instead (link-brand-mismatch, message-brand-mismatch). */
    official_url?: string;
    /** What presents the brand: its words are `claimed`. */
    evidence?: 'display-name' | 'subject' | 'sender-address' | 'link-text';
    action?: string;
    /** The registrable domain the message is sent from. */
    sender?: string;
    sender_is_brand?: boolean;
  }

  /** The message a link is in, as the webmail shows it (MessageContext): all optional. */
  interface MessageContext {
    sender_name?: string;
    sender_address?: string;
    subject?: string;
    reply_to?: string;
    return_path?: string;
    list_id?: string;
    list_unsubscribe?: string;
    /** The webmail's own host name (location.hostname): links there are the reader's mailbox. */
    webmail_host?: string;
  }

  /** A link of analyzeBatch: `context` is the index of its message's context. */
  interface LinkInMessage extends LinkInput {
    context?: number;
  }

  /** What a message says of itself (`message(context)`). */
  interface MessageClaimReport {
    claim: {
      brands: { brand: string; brand_ja?: string; evidence: string; said: string; official_url: string }[];
      sender_address?: string;
      sender_domain?: string;
      sender_is_brand: boolean;
      via_list?: string;
    };
    /** The sender's own reasons (mailto-brand-mismatch, display-name-address), explained. */
    reasons: Reason[];
  }

  interface Reason {
    code: string;
    level: Level;
    details?: ReasonDetails;
    /** Which messages say it, with which values (src/explain.rs); extension/shared/explain.js renders it. */
    explained: import('../extension/shared/explain.js').Explained;
  }

  interface Target {
    url: string;
    scheme?: string;
    host?: string;
    host_unicode?: string;
    registrable_domain?: string;
    public_suffix?: string;
    suffix_is_private?: boolean;
    provider?: string;
    category?: string;
  }

  interface UnwrapStep {
    wrapper: string;
    from: string;
    to: string;
  }

  interface Verdict {
    level: Level;
    reasons: readonly Reason[];
    target: Target;
    shown?: { source: string; claim: string; host: string; registrable_domain?: string };
    unwrap_chain: readonly UnwrapStep[];
    allowlisted?: boolean;
  }

  /** A mailbox of a header field (src/mail/mod.rs). */
  interface Mailbox {
    name?: string;
    address?: string;
  }

  /** One MIME part of a message, as its headers describe it. */
  interface MimePart {
    path: string;
    content_type: string;
    charset?: string;
    encoding?: string;
    filename?: string;
    attachment?: boolean;
    size: number;
    links_read?: boolean;
  }

  /** A message judged (src/mail/report.rs MessageReport). */
  interface MessageReport {
    subject?: string;
    from?: Mailbox;
    to?: Mailbox[];
    date?: string;
    return_path?: string;
    reply_to?: Mailbox;
    list_id?: string;
    list_unsubscribe?: string;
    level: Level;
    /** Who the message presents itself as. */
    claim: MessageClaimReport['claim'];
    sender: { reasons: Reason[]; signals: { kind: string }[] };
    links: { text: string; href: string; title?: string; part: string; count: number; verdict: Verdict }[];
    links_omitted?: number;
    parts: MimePart[];
  }

  /** The engine's options (`setOptions`): trusted domains and checks switched off. */
  interface EngineOptions {
    allowlist: string[];
    disabled: string[];
  }

  /** `new wasm_bindgen.LinkGuard()`: one engine instance (src/wasm.rs). */
  interface LinkGuard {
    setOptions(options: EngineOptions): void;
    analyze(link: LinkInput, context?: MessageContext): Verdict;
    analyzeBatch(links: LinkInMessage[], contexts?: MessageContext[]): Verdict[];
    /**
     * Links (and, optionally, the contexts of the messages they are in) framed as one string
     * each by shared/scan-frame.js, the links' as its UTF-8 bytes (frameBytes); a line per link out.
     */
    scanBatch(framed: Uint8Array, contexts?: string): string;
    message(context: MessageContext): MessageClaimReport;
    typedAddress(text: string): string;
    guardedSuffixes(): string[];
    /** A raw message read and judged as `linkguard scan` does; only in www's mail build. */
    scanMessage?(bytes: Uint8Array): MessageReport | { error: import('../extension/shared/explain.js').ExplainedMessage };
    free(): void;
  }

  interface WasmBindgen {
    (init: { module_or_path: string | URL | BufferSource | WebAssembly.Module }): Promise<unknown>;
    initSync(init: { module: BufferSource | WebAssembly.Module }): unknown;
    LinkGuard: new () => LinkGuard;
    /** Every reason code, in the engine's order (src/verdict.rs ReasonCode::ALL). */
    reasonCodes(): string[];
    guardedSuffixes?: () => string[];
    /** The `unreadable` verdict's JSON line for a link whose scan failed. */
    unreadable: (href: string, why: string) => string;
  }

  /** Defined by engine/linkguard.js, a classic script: a global binding, not a property of globalThis. */
  // eslint-disable-next-line no-var
  var wasm_bindgen: WasmBindgen;
}

export {};

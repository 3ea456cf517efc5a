// Globals the JS shares across scripts (tsc reads this file; nothing ships it).

declare global {
  /** A classic service worker's (Chrome's background) loader of more classic scripts. */
  function importScripts(...urls: string[]): void;
  /** Firefox's promise-based WebExtension namespace; Chrome has `chrome` only. */
  // eslint-disable-next-line no-var
  var browser: typeof chrome | undefined;
  /** Set by the content script in a frame's isolated world, so a second injection does nothing. */
  // eslint-disable-next-line no-var
  var linkguardContentLoaded: boolean | undefined;
  /** The content script's diagnostics for tests and benchmarks. */
  // eslint-disable-next-line no-var
  var linkguardDiagnostics: (() => { roundTrips: object[]; cached: number; active: boolean }) | undefined;
  /** Defined by link-texts.js, injected by the link context menu: the texts of links to a URL. */
  // eslint-disable-next-line no-var
  var linkguardLinkTexts: ((url: string) => string[]) | undefined;

  /** The background's handler of "Check this link with linkguard", for the end-to-end tests. */
  // eslint-disable-next-line no-var
  var linkguardCheckLinkFromMenu: ((info: chrome.contextMenus.OnClickData, tab?: chrome.tabs.Tab) => Promise<void>) | undefined;

  /** www/assets/lang.js: the site's language switch. */
  interface Window {
    lgLang: {
      get(): string;
      set(lang: string): void;
      onChange(fn: (lang: string) => void): void;
      pick<T>(texts: { [lang: string]: T }): T;
    };
  }
}

export {};

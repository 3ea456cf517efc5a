// @ts-check
// content-start.js, the content script's first part, injected at document_start in every frame
// the content script runs in: the click guard's window listeners (early-guard.js) and the
// frame's `hello`, which starts a stopped background (and its engine) while the page parses.
// Nothing else runs before the parser goes on; content.js (main.js) follows at document_end.
import { earlyGuard } from './early-guard.js';
import { ask } from './channel.js';

// A second injection ("Protect this site" after the manifest's) is a no-op.
if (!globalThis.linkguardEarlyGuard) {
  const early = earlyGuard();
  early.install();
  early.hello = ask({ type: 'hello', url: location.href }).catch(() => null);
}

// @ts-check
// A reason in words, as the engine decided them (src/explain.rs): each reason of a verdict
// carries `explained`, the messages of data/locales/<lang>/messages.json that say it and the
// values for their $1..$n. Here they are only looked up and filled in: by chrome.i18n.getMessage
// in the extension, by formatMessage over a loaded catalog on the www pages.

/**
 * A value for a message's $n: shown as it is, or a brand's name in each language.
 * @typedef {string | { en: string, ja: string }} ExplainedArg
 */
/** @typedef {{ key: string, args: ExplainedArg[] }} ExplainedMessage */
/**
 * A reason in words: a title, and a body of sentences shown one after the other.
 * @typedef {{ title: ExplainedMessage, body: ExplainedMessage[] }} Explained
 */

/**
 * Renders `explained` with `lookup` (a message key and its values, in `lang`, to what the caller
 * shows: a string, a list of segments...): its title and each sentence of its body. A brand is
 * named in `lang`, the language the text is shown in (楽天 for a Japanese reader, Rakuten for
 * an English one).
 * @template T
 * @param {Explained} explained
 * @param {(key: string, args: string[]) => T} lookup
 * @param {string} lang 'en' or 'ja'
 * @returns {{ title: T, body: T[] }}
 */
export function renderExplained(explained, lookup, lang) {
  /** @param {ExplainedMessage} message */
  const say = (message) => renderMessage(message, lookup, lang);
  return { title: say(explained.title), body: explained.body.map(say) };
}

/**
 * One message the engine picked (a sentence of an explanation, an error) rendered with `lookup`
 * in `lang` (see renderExplained).
 * @template T
 * @param {ExplainedMessage} message
 * @param {(key: string, args: string[]) => T} lookup
 * @param {string} lang
 * @returns {T}
 */
export function renderMessage(message, lookup, lang) {
  return lookup(message.key, message.args.map((arg) => (typeof arg === 'string' ? arg : (lang === 'ja' ? arg.ja : arg.en))));
}

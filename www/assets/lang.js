// @ts-check
// Language of the site's pages: Japanese or English. A classic script loaded in <head> so the
// right language is set before the first paint (no flash of the other language).
// Order of choice: ?lang= in the address, the visitor's earlier choice, navigator.languages.
(function () {
  'use strict';
  var KEY = 'linkguard-www-lang';
  var SUPPORTED = ['ja', 'en'];
  var listeners = [];

  function storedLang() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; } // storage may be blocked
  }

  function initial() {
    var fromQuery = new URLSearchParams(location.search).get('lang');
    if (SUPPORTED.indexOf(fromQuery) >= 0) return fromQuery;
    var stored = storedLang();
    if (SUPPORTED.indexOf(stored) >= 0) return stored;
    var prefs = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var base = String(prefs[i]).toLowerCase().split('-')[0];
      if (SUPPORTED.indexOf(base) >= 0) return base;
    }
    return 'en';
  }

  var current = initial();
  document.documentElement.lang = current;

  function syncButtons() {
    var buttons = document.querySelectorAll('[data-set-lang]');
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute('aria-pressed', String(buttons[i].getAttribute('data-set-lang') === current));
    }
  }

  function set(lang) {
    if (SUPPORTED.indexOf(lang) < 0 || lang === current) return;
    current = lang;
    document.documentElement.lang = lang;
    try { localStorage.setItem(KEY, lang); } catch (e) { /* private mode: keep it for this page only */ }
    syncButtons();
    for (var i = 0; i < listeners.length; i++) listeners[i](lang);
  }

  document.addEventListener('DOMContentLoaded', function () {
    syncButtons();
    document.addEventListener('click', function (event) {
      var target = /** @type {Element} */ (event.target);
      var button = target.closest && target.closest('[data-set-lang]');
      if (button) set(button.getAttribute('data-set-lang'));
    });
  });

  window.lgLang = {
    get: function () { return current; },
    set: set,
    onChange: function (fn) { listeners.push(fn); },
    // Picks the text for the current language from {ja: ..., en: ...}.
    pick: function (texts) { return texts[current] != null ? texts[current] : texts.en; }
  };
})();

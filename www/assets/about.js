// @ts-check
// About page: screenshots come from the end-to-end run (www/img/); until they exist, each figure
// shows a short note instead of a broken image (only for the language being shown). The footer
// names the version, Cargo.toml's, which the build writes to version.json.
(function () {
  'use strict';
  function markMissing(img) {
    img.classList.add('missing');
    var frame = img.closest('.shot-frame');
    frame.classList.add('missing-' + img.getAttribute('data-lang'));
    frame.querySelector('.shot-missing').hidden = false;
  }
  var images = /** @type {NodeListOf<HTMLImageElement>} */ (document.querySelectorAll('.shot-frame img'));
  for (var i = 0; i < images.length; i++) {
    var img = images[i];
    if (img.complete && img.naturalWidth === 0 && img.currentSrc) markMissing(img);
    else img.addEventListener('error', function (event) { markMissing(event.target); });
  }
  fetch('version.json').then(function (response) { return response.json(); }).then(function (about) {
    document.getElementById('version').textContent = about.version;
  }).catch(function () { /* not built yet: the name alone */ });
})();

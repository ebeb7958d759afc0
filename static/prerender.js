// Runs twice. In <head>, before the page is painted, it sets the saved
// theme and the language on <html> (no flash of the wrong ones while the app
// loads). Again right after the prerendered pages that tools/prerender.mjs
// built into index.html (that tag has data-show; the file is cached by then),
// on a first visit it shows the page in the visitor's language: the starter
// profile's output, inert until the app replaces it with its own first
// render. With a link in the address bar or a saved session the app shows
// something else, so the loading note stays. The rules mirror
// src/app/browser.rs (initial_lang, saved_profile) and
// src/app/components/app.rs (initial).
(function () {
  var show = document.currentScript && document.currentScript.hasAttribute('data-show');
  var root = document.documentElement;
  function load(key) {
    try { return window.localStorage.getItem('mirrorsmith.' + key); } catch (e) { return null; }
  }
  var tag = load('lang') || navigator.language || '';
  var lang = tag.trim().toLowerCase().indexOf('zh') === 0 ? 'zh' : 'en';
  if (!show) {
    var theme = load('theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
    root.setAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
    return;
  }
  if (location.hash.indexOf('p=') >= 0 || load('profile') !== null) return;

  // The share links in the prerendered page point at the build's address.
  var BUILT_AT = 'http://prerender.mirrorsmith.invalid/';
  var here = location.href.split('#')[0];
  function rewrite(text) { return text.split(BUILT_AT).join(here); }
  var page = document.querySelector('.prerender[data-lang="' + lang + '"]');
  if (!page) return;
  var walk = document.createTreeWalker(page, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    if (walk.currentNode.data.indexOf(BUILT_AT) >= 0) walk.currentNode.data = rewrite(walk.currentNode.data);
  }
  var attrs = ['value', 'href', 'title'];
  for (var i = 0; i < attrs.length; i++) {
    var els = page.querySelectorAll('[' + attrs[i] + '*="' + BUILT_AT + '"]');
    for (var j = 0; j < els.length; j++) els[j].setAttribute(attrs[i], rewrite(els[j].getAttribute(attrs[i])));
  }
  // "(128 characters)": the link's length, built with the build's address.
  var counts = page.querySelectorAll('[data-link-length]');
  for (var k = 0; k < counts.length; k++) {
    var built = counts[k].getAttribute('data-link-length');
    var length = Number(built) - BUILT_AT.length + here.length;
    counts[k].textContent = counts[k].textContent.split(built).join(String(length));
  }
  root.setAttribute('data-prerender', lang);
  // For the bench: a mark once the frame that shows it is done (the next
  // frame starts only after that one was laid out and painted).
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { performance.mark('mirrorsmith-prerendered'); });
  });
})();

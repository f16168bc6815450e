/* Optional parent-page script: resizes each article-charts iframe to the
   height its chart reports (the Datawrapper-style message). Only iframes
   whose src attribute names an embed page beside this script count:
   embed.html, embed/ID.html or standalone/ID.html. An iframe without a src
   attribute (inline content, about:blank) is never one: its empty src
   would resolve to the page's own address. An iframe with a srcdoc
   attribute is never one either, whatever its src says: the browser shows
   the srcdoc and ignores the src, so any page could frame its own script
   under a chart's address. A chart sandboxed without allow-same-origin
   sends from "null"; only a number of pixels is taken, and at most MAX:
   no chart is that tall, and a forged height must not push the article
   below a page of blank frame.
   This script may arrive after the charts (an async tag, a tag manager, a
   single-page app's route change): it then says hello to every chart
   frame, and each answers with its height. No polling. */
(function (s) {
  var base = new URL('.', s && s.src ? s.src : location.href);
  var page = /^(embed\.html|(embed|standalone)\/[A-Za-z0-9_.-]+\.html)$/;
  var MAX = 10000;
  function ours(f) {
    var src = f.getAttribute('src');
    if (!src || f.hasAttribute('srcdoc')) return false;
    var u = new URL(src, location.href);
    return u.origin === base.origin && u.pathname.indexOf(base.pathname) === 0 &&
      page.test(u.pathname.slice(base.pathname.length));
  }
  addEventListener('message', function (e) {
    var d = e.data && e.data['datawrapper-height'];
    if (!d || typeof d !== 'object' || (e.origin !== base.origin && e.origin !== 'null')) return;
    var f = document.getElementsByTagName('iframe');
    for (var i = 0; i < f.length; i++) if (f[i].contentWindow === e.source && ours(f[i])) {
      for (var k in d) { var h = d[k]; if (typeof h === 'number' && h > 0 && h <= MAX) f[i].style.height = Math.ceil(h) + 'px'; }
    }
  });
  // Frames that loaded before this script have told their height to no
  // one; a frame still loading will tell it once it has loaded.
  var f = document.getElementsByTagName('iframe');
  for (var i = 0; i < f.length; i++) if (ours(f[i]) && f[i].contentWindow) {
    f[i].contentWindow.postMessage({ 'article-charts': 'hello' }, '*');
  }
})(document.currentScript);

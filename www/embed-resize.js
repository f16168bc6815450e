/* Optional parent-page script: resizes each danba-charts iframe to the
   height its chart reports (the Datawrapper-style message). Only iframes
   whose src is on this script's origin count (a chart sandboxed without
   allow-same-origin sends from "null"), and only a number of pixels. */
(function (s) {
  var o = new URL(s && s.src ? s.src : location.href).origin;
  addEventListener('message', function (e) {
    var d = e.data && e.data['datawrapper-height'];
    if (!d || typeof d !== 'object' || (e.origin !== o && e.origin !== 'null')) return;
    var f = document.getElementsByTagName('iframe');
    for (var i = 0; i < f.length; i++) if (f[i].contentWindow === e.source && new URL(f[i].src, location.href).origin === o) {
      for (var k in d) { var h = d[k]; if (typeof h === 'number' && h > 0 && h < 1e5) f[i].style.height = Math.ceil(h) + 'px'; }
    }
  });
})(document.currentScript);

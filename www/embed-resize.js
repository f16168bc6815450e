/* Optional parent-page script: resizes every danba-charts iframe on the page
   to the height its chart reports (the Datawrapper-style message). */
addEventListener('message', function (e) {
  var d = e.data && e.data['datawrapper-height'];
  if (!d || typeof d !== 'object') return;
  var f = document.getElementsByTagName('iframe');
  for (var i = 0; i < f.length; i++) if (f[i].contentWindow === e.source) {
    for (var k in d) { var h = +d[k]; if (h > 0 && h < 1e5) f[i].style.height = Math.ceil(h) + 'px'; }
  }
});

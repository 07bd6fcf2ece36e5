(function () {
  "use strict";
  // Open the cited article and highlight every text segment overlapping the cited span.
  function show(link) {
    var article = document.getElementById(link.getAttribute("data-article"));
    if (!article) return;
    article.open = true;
    var start = Number(link.getAttribute("data-start"));
    var end = Number(link.getAttribute("data-end"));
    var old = document.querySelectorAll(".seg.hl");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("hl");
    var first = null;
    var segments = article.querySelectorAll(".seg");
    for (var j = 0; j < segments.length; j++) {
      var seg = segments[j];
      if (Number(seg.getAttribute("data-start")) < end && Number(seg.getAttribute("data-end")) > start) {
        seg.classList.add("hl");
        if (!first) first = seg;
      }
    }
    (first || article).scrollIntoView({ block: "center" });
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.cite") : null;
    if (!link) return;
    event.preventDefault();
    show(link);
    if (history.replaceState) history.replaceState(null, "", link.getAttribute("href"));
  });
})();

// Progressive enhancement only: every page works without this file.
// Clicking a question's "#" link copies the shareable URL as well as jumping to it.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.self-link[data-share]");
    if (!link) return;
    navigator.clipboard.writeText(link.getAttribute("data-share")).then(function () {
      link.classList.add("copied");
      setTimeout(function () { link.classList.remove("copied"); }, 2000);
    }, function () {});
  });
})();

// The language switcher keeps the reader's place: question ids are the same in every
// translation, so the link takes the current #question along.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-keep-hash]");
    if (!link || !location.hash) return;
    link.href = link.href.split("#")[0] + location.hash;
  });
})();

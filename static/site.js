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

// Share: where the browser has a system share sheet (Web Share API), a Share button opens it
// in place of the links (the sheet offers every app the reader has); elsewhere the links stay.
(function () {
  "use strict";
  if (!navigator.share) return;
  var boxes = document.querySelectorAll(".share[data-share-url]");
  Array.prototype.forEach.call(boxes, function (box) {
    var links = box.querySelector(".share-links");
    var label = box.querySelector(".share-label");
    if (!links) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "share-button";
    button.textContent = label ? label.textContent.replace(/:\s*$/, "") : "Share";
    button.addEventListener("click", function () {
      navigator.share({ title: box.getAttribute("data-share-title"), url: box.getAttribute("data-share-url") })
        .catch(function () {});
    });
    links.hidden = true;
    links.before(button);
  });
})();

// "New since your last visit": questions whose answer was updated after the reader last
// opened this page get a marker. The time of the last visit is kept in this browser only
// (localStorage); reloading in the same tab keeps the markers (sessionStorage).
(function () {
  "use strict";
  var box = document.querySelector(".share[data-new-label]");
  if (!box) return;
  var key = "parley-visit:" + location.pathname, previous;
  try {
    previous = sessionStorage.getItem(key);
    if (previous === null) {
      previous = localStorage.getItem(key) || "";
      sessionStorage.setItem(key, previous);
      localStorage.setItem(key, String(Date.now()));
    }
  } catch (e) { return; }
  var since = Number(previous);
  if (!previous || !since) return;
  var label = box.getAttribute("data-new-label");
  var times = document.querySelectorAll(".toc-updated time[datetime], .q-updated time[datetime]");
  Array.prototype.forEach.call(times, function (time) {
    if (Date.parse(time.getAttribute("datetime")) <= since) return;
    var badge = document.createElement("span");
    badge.className = "new-badge";
    badge.textContent = label;
    time.parentNode.appendChild(badge);
  });
})();

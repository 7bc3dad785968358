// parley serve: reloads this page after each rebuild, and shows a failed build's errors.
// Served at /__parley/live.js in serve mode only; builds never include it.
(() => {
  "use strict";
  const me = document.currentScript;
  const url = me && me.src ? new URL("events", me.src).href : "/__parley/events";
  let seen = null;
  let box = null;
  let text = null;
  let wait = 500;
  const show = (message) => {
    if (!box) {
      box = document.createElement("div");
      box.id = "parley-build-error";
      box.setAttribute("role", "alert");
      box.style.cssText =
        "position:fixed;left:0;right:0;bottom:0;z-index:2147483647;max-height:70vh;overflow:auto;" +
        "margin:0;padding:1em 1.25em;background:#fff4f4;color:#5c0000;border-top:4px solid #b00020;" +
        "box-shadow:0 -2px 12px rgba(0,0,0,.3);font:14px/1.45 system-ui,sans-serif";
      const title = document.createElement("p");
      title.style.cssText = "margin:0 0 .5em;font-weight:bold";
      title.textContent = "The site did not build. Fix the file and save: this page reloads.";
      text = document.createElement("pre");
      text.style.cssText = "margin:0;white-space:pre-wrap;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace";
      box.append(title, text);
      document.body.append(box);
    }
    text.textContent = message;
  };
  const connect = () => {
    const es = new EventSource(url);
    es.addEventListener("open", () => { wait = 500; });
    es.addEventListener("hello", (e) => {
      const build = JSON.parse(e.data).build;
      // A new server, or builds made while this page was disconnected.
      if (seen !== null && build !== seen) location.reload();
      seen = build;
    });
    es.addEventListener("reload", () => location.reload());
    es.addEventListener("error", (e) => {
      if (typeof e.data === "string") {
        show(JSON.parse(e.data).message);
      } else if (es.readyState === EventSource.CLOSED) {
        // The browser gave up (e.g. the server restarted with an error): try again later.
        es.close();
        setTimeout(connect, wait);
        wait = Math.min(wait * 2, 5000);
      }
    });
  };
  connect();
})();

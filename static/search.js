// Progressive enhancement of the search page: without this file the page says where to find
// every question instead. Runs Pagefind's search (pagefind/pagefind.js, written by the build)
// and lists each matching question with a link to its heading.
const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const message = document.getElementById("search-message");
const list = document.getElementById("search-results");
const selects = Array.from(form.querySelectorAll("select"));
// The page's words, in its language (the template puts them on the form).
const words = form.dataset;

function text(tag, value, className) {
  const el = document.createElement(tag);
  el.textContent = value;
  if (className) el.className = className;
  return el;
}

// Pagefind's excerpts are its own escaped text with <mark> around the words found.
function excerpt(html) {
  const p = document.createElement("p");
  p.className = "search-excerpt";
  p.innerHTML = html;
  return p;
}

function item(page, sub) {
  const li = document.createElement("li");
  const a = text("a", sub.title, "search-title");
  a.href = sub.url;
  const h = document.createElement("h2");
  h.appendChild(a);
  li.appendChild(h);
  if (sub.title !== page.meta.title) li.appendChild(text("p", page.meta.title, "search-in"));
  li.appendChild(excerpt(sub.excerpt));
  return li;
}

async function start() {
  // The message keeps the height the no-JavaScript text gave it: no shift when it changes.
  message.style.minHeight = message.offsetHeight + "px";
  const pagefind = await import(form.dataset.pagefind);
  await pagefind.options({ baseUrl: form.dataset.base, excerptLength: 24 });
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const s of selects) s.value = params.get(s.name) || "";
  let latest = 0;

  async function run() {
    const query = input.value.trim();
    const filters = {};
    for (const s of selects) if (s.value) filters[s.name] = s.value;
    const url = new URLSearchParams();
    if (query) url.set("q", query);
    for (const [k, v] of Object.entries(filters)) url.set(k, v);
    history.replaceState(null, "", url.toString() ? "?" + url : location.pathname);
    const mine = ++latest;
    if (!query && !Object.keys(filters).length) {
      list.replaceChildren();
      message.textContent = words.msgPrompt;
      return;
    }
    const search = await pagefind.search(query || null, { filters });
    const pages = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
    if (mine !== latest) return;
    const items = [];
    for (const page of pages) {
      const subs = page.sub_results && page.sub_results.length ? page.sub_results : [page];
      for (const sub of subs.slice(0, 3)) {
        items.push(item(page, { title: sub.title || page.meta.title, url: sub.url, excerpt: sub.excerpt }));
      }
    }
    list.replaceChildren(...items);
    const n = search.results.length;
    // The messages with the words searched for (`{query}`), or without when only filters are.
    const say = (withQuery, without) => (query ? withQuery.replace("{query}", query) : without);
    message.textContent = n === 0
      ? say(words.msgNone, words.msgNoneAll)
      : say(words.msgResults, words.msgResultsAll) + " " + n + (n > 20 ? ". " + words.msgFirst : "");
  }

  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  for (const s of selects) s.addEventListener("change", run);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  await run();
}

start().catch(() => {
  message.textContent = words.msgFailed;
});

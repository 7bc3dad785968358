// Functions that run inside the page (page.evaluate). Each must be self-contained: no
// closures over module scope, since Playwright serialises the function's source.

// Landmarks, headings and the h1.
export function structure() {
  const visible = (el) => el.checkVisibility({ checkOpacity: false, checkVisibilityCSS: true });
  const describe = (el) => {
    const tag = el.tagName.toLowerCase();
    const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 60);
    return `<${tag}${el.id ? ` id="${el.id}"` : ''}> ${JSON.stringify(text)}`;
  };
  // header/footer are banner/contentinfo only when not inside sectioning content or main.
  const scoped = 'article, aside, main, nav, section, [role=article], [role=complementary], [role=main], [role=navigation], [role=region]';
  const banner = [...document.querySelectorAll('header, [role=banner]')].filter(
    (el) => el.getAttribute('role') === 'banner' || !el.parentElement.closest(scoped),
  );
  const contentinfo = [...document.querySelectorAll('footer, [role=contentinfo]')].filter(
    (el) => el.getAttribute('role') === 'contentinfo' || !el.parentElement.closest(scoped),
  );
  const mains = [...document.querySelectorAll('main, [role=main]')];
  const navs = [...document.querySelectorAll('nav, [role=navigation]')];
  const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading][aria-level]')]
    .filter((el) => !el.closest('[hidden], [aria-hidden=true]') && visible(el))
    .map((el) => ({
      level: el.getAttribute('role') === 'heading' ? Number(el.getAttribute('aria-level')) : Number(el.tagName[1]),
      text: describe(el),
    }));
  const skips = [];
  let prev = 0;
  for (const h of headings) {
    if (h.level > prev + 1) skips.push(`h${prev || '(start)'} -> h${h.level}: ${h.text}`);
    prev = h.level;
  }
  return {
    h1: [...document.querySelectorAll('h1')].map(describe),
    visibleH1: [...document.querySelectorAll('h1')].filter(visible).map(describe),
    banner: banner.length,
    contentinfo: contentinfo.length,
    main: mains.length,
    nav: navs.length,
    headings: headings.map((h) => `h${h.level} ${h.text}`),
    skips,
  };
}

// Where the skip link points, and whether that target exists and leads to the main content.
export function activeElementInfo() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const href = el.getAttribute('href');
  let target = null;
  if (href && href.startsWith('#') && href.length > 1) {
    const id = decodeURIComponent(href.slice(1));
    const t = document.getElementById(id);
    if (t) {
      const main = document.querySelector('main, [role=main]');
      target = {
        id,
        tag: t.tagName.toLowerCase(),
        isOrInMain: !!main && (t === main || main.contains(t)),
        containsMain: !!main && t.contains(main),
        tabindex: t.getAttribute('tabindex'),
      };
    } else {
      target = { id, missing: true };
    }
  }
  return {
    tag: el.tagName.toLowerCase(),
    href,
    text: (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim(),
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    inMain: !!el.closest('main, [role=main]'),
    target,
  };
}

// Computed focus-relevant styles of the active element, focused and (after blur) unfocused,
// and the colour behind it. Re-focuses the element before returning.
export function focusStyles() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const pick = (cs) => ({
    outlineStyle: cs.outlineStyle,
    outlineWidth: cs.outlineWidth,
    outlineColor: cs.outlineColor,
    outlineOffset: cs.outlineOffset,
    boxShadow: cs.boxShadow,
    backgroundColor: cs.backgroundColor,
    color: cs.color,
    textDecorationLine: cs.textDecorationLine,
    borderColor: cs.borderColor,
  });
  const focused = pick(getComputedStyle(el));
  const focusVisible = el.matches(':focus-visible');
  el.blur();
  const unfocused = pick(getComputedStyle(el));
  el.focus();
  // Colours as [r, g, b, a] (0-255, alpha 0-1), whatever colour space they were written in.
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (c) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  // First opaque-ish background behind the element (its own excluded: an outline is drawn
  // outside the border box); the canvas default (white) if none.
  let bg = [255, 255, 255, 1];
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = rgba(getComputedStyle(n).backgroundColor);
    if (c[3] > 0.5) {
      bg = c;
      break;
    }
  }
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const contrast = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const oc = rgba(focused.outlineColor);
  const outlineContrast = oc[3] === 0 ? 1 : contrast(oc, bg);
  const r = el.getBoundingClientRect();
  const desc = `<${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> ${JSON.stringify((el.innerText || '').trim().slice(0, 40))}`;
  return {
    desc,
    focused,
    unfocused,
    focusVisible,
    background: `rgb(${bg.slice(0, 3).join(', ')})`,
    outlineContrast,
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    viewport: { width: innerWidth, height: innerHeight },
  };
}

// Text nodes in a script other than the page's, and whether an ancestor gives them a lang
// of the right script.
export function langCheck() {
  const pageLang = document.documentElement.getAttribute('lang') || '';
  const scriptOf = (lang) => {
    try {
      return new Intl.Locale(lang).maximize().script || null;
    } catch {
      return null;
    }
  };
  const pageScript = pageLang ? scriptOf(pageLang) : null;
  // Unicode script of a run of text -> ISO 15924 codes that a lang may maximise to.
  const SCRIPTS = [
    ['Cyrillic', /\p{Script=Cyrillic}/u, ['Cyrl']],
    ['Greek', /\p{Script=Greek}/u, ['Grek']],
    ['Arabic', /\p{Script=Arabic}/u, ['Arab']],
    ['Hebrew', /\p{Script=Hebrew}/u, ['Hebr']],
    ['Han', /\p{Script=Han}/u, ['Hans', 'Hant', 'Jpan', 'Kore', 'Hani']],
    ['Hiragana/Katakana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u, ['Jpan']],
    ['Hangul', /\p{Script=Hangul}/u, ['Kore']],
    ['Georgian', /\p{Script=Georgian}/u, ['Geor']],
    ['Armenian', /\p{Script=Armenian}/u, ['Armn']],
    ['Devanagari', /\p{Script=Devanagari}/u, ['Deva']],
    ['Thai', /\p{Script=Thai}/u, ['Thai']],
  ];
  const problems = [];
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, template')) continue;
    const text = node.nodeValue;
    for (const [name, re, codes] of SCRIPTS) {
      if (!re.test(text)) continue;
      if (pageScript && codes.includes(pageScript)) continue; // the page's own script
      const holder = parent.closest('[lang]');
      const lang = holder ? holder.getAttribute('lang') : '';
      const script = lang ? scriptOf(lang) : null;
      const sample = text.replace(/\s+/g, ' ').trim().slice(0, 50);
      found.push({ script: name, sample, lang });
      if (!holder || holder === document.documentElement) {
        problems.push(`${name} text ${JSON.stringify(sample)} in <${parent.tagName.toLowerCase()}> has no lang of its own (only the page's lang=${JSON.stringify(pageLang)})`);
      } else if (!codes.includes(script)) {
        problems.push(`${name} text ${JSON.stringify(sample)} is marked lang=${JSON.stringify(lang)}, which is written in ${script ?? 'an unknown script'}`);
      }
    }
  }
  return { pageLang, pageScript, found, problems };
}

// Interactive targets that stand alone (not a link inside a line of prose) and are smaller
// than 24 x 24 CSS px.
export function smallTargets(min) {
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [tabindex]:not([tabindex="-1"])';
  const out = [];
  for (const el of document.querySelectorAll(sel)) {
    if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue; // visually hidden (e.g. an unfocused skip link)
    if (r.right <= 0 || r.bottom + scrollY <= 0 || r.left >= document.documentElement.clientWidth) continue; // off-screen
    const display = getComputedStyle(el).display;
    if (display === 'inline') {
      // Inline in a sentence: exempt (WCAG 2.5.8 "inline" exception). Stand-alone: the
      // block around it holds no other text.
      let block = el.parentElement;
      while (block && /^inline/.test(getComputedStyle(block).display) && getComputedStyle(block).display !== 'inline-block') block = block.parentElement;
      const own = (el.innerText || '').replace(/\s+/g, '').length;
      const all = block ? (block.innerText || '').replace(/\s+/g, '').length : own;
      if (all > own) continue;
    }
    // A link wrapped over several lines is several boxes, each a line tall: measure the
    // boxes, not the rectangle around them.
    const boxes = [...el.getClientRects()].filter((b) => b.width > 0 && b.height > 0);
    const w = Math.max(...boxes.map((b) => b.width));
    const h = Math.max(...boxes.map((b) => b.height));
    if (w < min || h < min) {
      out.push(`<${el.tagName.toLowerCase()}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> ${JSON.stringify((el.innerText || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40))} is ${w.toFixed(1)} x ${h.toFixed(1)} px${boxes.length > 1 ? ` (largest of ${boxes.length} line boxes)` : ''}, in <${el.parentElement.tagName.toLowerCase()}${el.parentElement.className ? ` class="${el.parentElement.className}"` : ''}>`);
    }
  }
  return out;
}

// Horizontal overflow: the page's scroll width and the elements sticking out.
export function overflow() {
  const de = document.documentElement;
  const width = de.clientWidth;
  const offenders = [];
  // Content inside a scrolling or clipping box (a wide table in a scroll wrapper) does not
  // make the page scroll.
  const inScroller = (el) => {
    for (let n = el.parentElement; n && n !== document.body; n = n.parentElement) {
      if (getComputedStyle(n).overflowX !== 'visible') return true;
    }
    return false;
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.right > width + 0.5 && !inScroller(el)) {
      // Only the right edge makes a page scroll sideways (in a left-to-right page); report
      // the outermost offenders only.
      if (offenders.some((o) => o.el.contains(el))) continue;
      offenders.push({ el, desc: `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> left ${r.left.toFixed(0)} right ${r.right.toFixed(0)}: ${JSON.stringify((el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 50))}` });
    }
  }
  return {
    scrollWidth: de.scrollWidth,
    clientWidth: width,
    bodyScrollWidth: document.body.scrollWidth,
    offenders: offenders.slice(0, 8).map((o) => o.desc),
  };
}

// Is each question heading visible, and is its answer (the content up to the next h2) visible?
export function questionsOnPage(questions) {
  const norm = (s) =>
    String(s)
      .normalize('NFC')
      .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
      .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/\u2026/g, '...')
      .replace(/[\u00A0\u2007\u202F\u200B]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  const visible = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getBoundingClientRect().height > 0;
  const bodyText = norm(document.body.innerText);
  const headings = [...document.querySelectorAll('h1, h2, h3, summary')];
  const links = [...document.querySelectorAll('a[href]')].map((a) => {
    try {
      return new URL(a.getAttribute('href'), location.href);
    } catch {
      return null;
    }
  }).filter(Boolean);
  const here = location.href.split('#')[0];
  return questions.map((q) => {
    const h = headings.find((el) => norm(el.innerText || el.textContent).includes(norm(q.text)));
    const res = { question: q.text, headingFound: !!h, headingVisible: false, id: null, linked: false, answerVisible: [], answerMissing: [] };
    if (h) {
      res.headingTag = h.tagName.toLowerCase();
      res.headingVisible = visible(h);
      // The fragment that addresses this question: the heading's id, or its section's.
      const idHolder = h.id ? h : h.closest('[id]:is(section, article, details, div, li)');
      res.id = idHolder ? idHolder.id : null;
      if (res.id) res.linked = links.some((u) => u.href.split('#')[0] === here && decodeURIComponent(u.hash.slice(1)) === res.id);
    }
    for (const s of q.snippets ?? (q.answerSnippet ? [q.answerSnippet] : [])) {
      (bodyText.includes(norm(s)) ? res.answerVisible : res.answerMissing).push(s);
    }
    return res;
  });
}

// In print: is anything visible that should not be?
export function printCheck() {
  const shown = (el) => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && el.getBoundingClientRect().width > 1 && el.getBoundingClientRect().height > 1;
  const desc = (el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> ${JSON.stringify((el.innerText || '').replace(/\s+/g, ' ').trim().slice(0, 50))}`;
  const firstFocusable = document.querySelector('a[href], button');
  const skip = [...document.querySelectorAll('a[href^="#"]')].filter((a) => a === firstFocusable || /skip/i.test(a.className + ' ' + a.textContent));
  let printRules = 0;
  for (const sheet of document.styleSheets) {
    try {
      const walk = (rules) => {
        for (const r of rules) {
          if (r.media && [...r.media].includes('print')) printRules++;
          else if (r.cssRules) walk(r.cssRules);
        }
      };
      if (sheet.media && [...sheet.media].includes('print')) printRules++;
      walk(sheet.cssRules);
    } catch {
      /* cross-origin sheet */
    }
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (c) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = '#000';
    ctx.fillStyle = c;
    ctx.fillRect(0, 0, 1, 1);
    const d = ctx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const lum = ([r, g, b]) => {
    const f = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // Browsers leave out backgrounds when printing (unless the reader asks for them), so
  // text must read on white paper by its own colour.
  const faint = [];
  for (const el of document.querySelectorAll('main p, main li, main h1, main h2, main h3, main a, main dd, main dt, main td, main th')) {
    if (!shown(el) || !(el.innerText || '').trim()) continue;
    const cs = getComputedStyle(el);
    if ((cs.printColorAdjust || cs.webkitPrintColorAdjust) === 'exact') continue; // backgrounds print too
    const c = rgba(getComputedStyle(el).color);
    const ratio = 1.05 / (lum(c) + 0.05);
    if (ratio < 4.5) faint.push(`${desc(el)} colour ${getComputedStyle(el).color} has ${ratio.toFixed(2)}:1 on white paper`);
  }
  return {
    printRules,
    faintOnPaper: faint.slice(0, 8),
    faintCount: faint.length,
    visibleNav: [...document.querySelectorAll('nav, [role=navigation]')].filter(shown).map(desc),
    visibleSkip: skip.filter(shown).map(desc),
    visibleControls: [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')].filter(shown).map(desc),
  };
}

// Scripts that block parsing/rendering.
export function blockingScripts() {
  const executable = (s) => {
    const t = (s.getAttribute('type') || '').trim().toLowerCase();
    return t === '' || t === 'module' || /^(text|application)\/(x-)?(java|ecma)script$/.test(t) || t === 'text/jscript' || t === 'text/livescript';
  };
  const desc = (s) => (s.src ? `<script src="${s.getAttribute('src')}">` : `inline <script> ${JSON.stringify(s.textContent.trim().slice(0, 40))}`);
  const head = [...document.head.querySelectorAll('script')].filter(executable).filter((s) => {
    const t = (s.getAttribute('type') || '').trim().toLowerCase();
    if (t === 'module') return false;
    if (s.src && (s.defer || s.async)) return false;
    return true;
  });
  const timing = performance
    .getEntriesByType('resource')
    .filter((e) => e.initiatorType === 'script' || /\.m?js(\?|$)/.test(e.name))
    .map((e) => ({ name: e.name, renderBlockingStatus: e.renderBlockingStatus }));
  return {
    headBlocking: head.map(desc),
    renderBlockingResources: timing.filter((e) => e.renderBlockingStatus === 'blocking').map((e) => e.name),
    fontFaces: document.fonts ? document.fonts.size : 0,
  };
}

// Where the news layout puts things (issue 20): the top of the question index and of the
// at-a-glance box in page pixels, how many questions the index links to, table cells taller
// than 9 lines, and index links under 44 px tall.
export function newsLayout() {
  const top = (el) => (el ? Math.round(el.getBoundingClientRect().top + window.scrollY) : null);
  const index = document.querySelector('nav.toc');
  const links = index ? [...index.querySelectorAll('a[href^="#"]')] : [];
  const tallCells = [...document.querySelectorAll('table td, table th')]
    .map((c) => {
      const style = getComputedStyle(c);
      const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
      const inner = c.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
      const before = parseFloat(getComputedStyle(c, '::before').height) || 0;
      return { lines: Math.round((inner - before) / line), text: (c.textContent || '').trim().slice(0, 60) };
    })
    .filter((c) => c.lines >= 10);
  return {
    index: top(index),
    glance: top(document.querySelector('.glance')),
    indexLinks: links.filter((a) => document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)))).length,
    tallCells,
    smallIndexTargets: links.filter((a) => a.getBoundingClientRect().height < 44).map((a) => a.textContent.trim()),
  };
}

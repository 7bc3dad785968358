// Reads an explainer's Markdown source to learn which questions the page must show and a
// snippet of each answer's text, so the no-JS and print checks test the real content
// rather than whatever the page happens to contain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Lower-case, straight quotes, plain hyphens and dots, single spaces: the same text before
// and after smart punctuation, typographic quotes and whitespace reflow.
export function normalizeText(s) {
  return String(s)
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
}

// A slug close to the generator's: strip diacritics, lower-case, runs of anything else -> "-".
export function slugify(s) {
  return String(s)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// Inline Markdown -> plain text (good enough for the explainers' prose).
function stripInline(s) {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=[^\w*]|$)/g, '$1$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!"'])/g, '$1');
}

// The longest plain run of an answer paragraph before any shortcode, cut to `words` words.
function snippetOf(paragraph, words = 8) {
  const plain = stripInline(paragraph.split('{{')[0]).replace(/\s+/g, ' ').trim();
  const parts = plain.split(' ').filter(Boolean);
  if (parts.length < 3) return null;
  return parts.slice(0, words).join(' ');
}

/**
 * @returns {{ title: string, questions: { text: string, id: string, answerSnippet: string|null, snippets: string[] }[] }}
 * (snippets: the opening words of every prose paragraph of the answer, in order)
 */
// An explainer's title and questions as its Markdown gives them; with `lang`, its
// translation index.<lang>.md, whose questions take the original's ids (by position) unless
// their heading sets its own `{#id}`, as parley does.
export function readExplainer(siteRoot, slug, lang = null) {
  const original = parseExplainer(readFileSync(join(siteRoot, 'content', slug, 'index.md'), 'utf8'));
  if (!lang) return original;
  const tr = parseExplainer(readFileSync(join(siteRoot, 'content', slug, `index.${lang}.md`), 'utf8'));
  tr.questions.forEach((q, i) => {
    if (!q.explicitId && original.questions[i]) q.id = original.questions[i].id;
  });
  return tr;
}

function parseExplainer(md) {
  const m = md.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/);
  const front = m ? m[1] : '';
  const body = m ? m[2] : md;
  const titleMatch = front.match(/^title:\s*(.+)$/m);
  const title = titleMatch ? titleMatch[1].trim().replace(/^["']|["']$/g, '') : '';
  const questions = [];
  let current = null;
  let para = [];
  let inFence = false;
  const flush = () => {
    if (current && para.length) {
      const text = para.join(' ').trim();
      if (!/^\{\{.*\}\}$/.test(text) && !/^[|>]/.test(text)) {
        const snippet = snippetOf(text.replace(/^([-*+]|\d+\.)\s+/, ''));
        if (snippet) {
          current.snippets.push(snippet);
          current.answerSnippet ??= snippet;
        }
      }
    }
    para = [];
  };
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence) continue;
    const h = line.match(/^##\s+(.+?)\s*$/);
    if (h) {
      flush();
      let text = h[1];
      let id = null;
      const attrs = text.match(/\s*\{([^}]*)\}\s*$/);
      if (attrs) {
        text = text.slice(0, attrs.index);
        const idm = attrs[1].match(/#([\w-]+)/);
        if (idm) id = idm[1];
      }
      text = stripInline(text).trim();
      current = { text, id: id ?? slugify(text), explicitId: id !== null, answerSnippet: null, snippets: [] };
      questions.push(current);
      continue;
    }
    if (/^#\s/.test(line)) continue;
    if (line.trim() === '') flush();
    else para.push(line.trim());
  }
  flush();
  return { title, questions };
}

#!/usr/bin/env python3
"""Deterministic generator of synthetic explainer sites for the parley benchmark.

Writes, under --out DIR:

  DIR/parley/content/site.yaml, people.yaml, <slug>/index.md, <slug>/timeline.yaml
      a parley site (see docs/content-format.md)
  DIR/hugo/hugo.toml, content/<slug>/index.md, content/people/..., layouts/...
      the equivalent Hugo site: the very same Markdown bodies, with Hugo front matter
      (title, date, summary; parley-only keys under `params:`), and minimal layouts
  DIR/zola/config.toml, content/<slug>/index.md, content/people/..., templates/...
      the same for Zola: the same bodies, Zola front matter (title, description, date,
      updated; parley-only keys under `extra:`), minimal templates and shortcodes

Same seed and options give byte-identical files: every random choice comes from a
`random.Random` seeded by (seed, explainer number), never from the clock, so a site of
100 explainers is exactly the first 100 explainers of a site of 1,000.

Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys

# --------------------------------------------------------------------------- vocabulary

PARTIES = [
    # name, capital/venue city, IANA zone of that city
    ("Aldoria", "Veltra", "Europe/Istanbul"),
    ("Berenia", "Koslov", "Europe/Kyiv"),
    ("Castavia", "Marun", "Asia/Riyadh"),
    ("Dornland", "Eskberg", "Europe/Oslo"),
    ("Estmark", "Talvik", "Europe/Helsinki"),
    ("Farovia", "Qasra", "Asia/Dubai"),
    ("Galdor", "Orrin", "Africa/Cairo"),
    ("Hesperia", "Lumen", "Europe/Vienna"),
    ("Ilyria", "Doruk", "Asia/Qatar"),
    ("Jorvania", "Selm", "America/New_York"),
]

FIRST_NAMES = [
    "Anna", "Boris", "Celik", "Dmitri", "Elena", "Farid", "Greta", "Hakan", "Irina",
    "Jonas", "Katarina", "Leyla", "Mikhail", "Nadia", "Oleksiy", "Pavel", "Rustam",
    "Sofia", "Tariq", "Ulla", "Viktor", "Yulia", "Zeynep", "Andriy", "Mariam", "Omar",
    "Ingrid", "Lars", "Selin", "Kemal", "Amira", "Henrik", "Olga", "Sergiy", "Lina",
    "Emre", "Nikolai", "Rania", "Marek", "Agata",
]

SURNAMES = [
    "Aldemir", "Borisenko", "Çelikkaya", "Dragunov", "Ekström", "Farahani", "Grünewald",
    "Halvorsen", "Ivanova", "Jankowski", "Karimov", "Lindqvist", "Marchetti", "Novak",
    "Okonkwo", "Petrenko", "Qureshi", "Rasmussen", "Sokolov", "Tamberg", "Umarov",
    "Vasquez", "Wójcik", "Yilmaz", "Zhukova", "Abramyan", "Bakirov", "Castellanos",
    "Demir", "Eriksen", "Fomenko", "Gashi", "Haddad", "Ilves", "Juhász", "Kovalenko",
    "Leclerc", "Mansour", "Nordahl", "Ozturk",
]

ROLES = [
    "Foreign Minister", "Defence Minister", "Deputy Foreign Minister", "Chief Negotiator",
    "Head of the Presidential Office", "Ambassador to the United Nations",
    "Deputy Chief of General Staff", "National Security Adviser", "Special Envoy",
    "Deputy Defence Minister", "Presidential Aide", "Head of Military Intelligence",
]

# A few native-script names exercise the transliterating slugger and lang= attributes.
NATIVE = {
    1: ("Борис Борисенко", "uk"),
    8: ("Ирина Иванова", "ru"),
    18: ("Виктор Соколов", "ru"),
    23: ("Zeynep Yılmaz", "tr"),
    29: ("Emre Demir", "tr"),
}

NOUNS = [
    "ceasefire", "delegation", "agreement", "prisoner exchange", "framework", "memorandum",
    "border", "corridor", "guarantee", "sanctions", "round of talks", "mediation", "proposal",
    "timetable", "security zone", "grain deal", "observer mission", "statement", "summit",
    "draft text", "working group", "communique", "humanitarian pause", "truce", "mandate",
]
VERBS = [
    "discussed", "rejected", "welcomed", "proposed", "questioned", "accepted", "postponed",
    "signalled", "criticised", "endorsed", "reviewed", "outlined", "confirmed", "dismissed",
]
ADJS = [
    "direct", "technical", "unconditional", "limited", "lasting", "fragile", "formal",
    "informal", "bilateral", "three-way", "preliminary", "comprehensive", "temporary",
    "low-level", "high-level", "renewed", "cautious",
]
FILLER = [
    "officials said", "according to a source in the foreign ministry", "diplomats noted",
    "a spokesperson told reporters", "analysts cautioned", "the statement said",
    "both sides agreed", "observers expected", "it remained unclear whether",
    "on the sidelines of the meeting", "late on Thursday", "earlier this week",
]

QUESTIONS = [
    # (heading, explicit id or None)
    ("When are the talks?", None),
    ("Who is expected to attend?", "who"),
    ("Where do the parties stand?", None),
    ("What are the expectations?", None),
    ("Why here?", None),
    ("What happened before?", "before"),
    ("Is a ceasefire on the table?", None),
    ("Who is mediating?", None),
    ("What comes next?", None),
    ("What do the sanctions have to do with it?", None),
    ("How did we get here?", None),
    ("What would a deal look like?", None),
]

STATUSES = ["scheduled", "under way", "concluded", "postponed"]

EPOCH = dt.datetime(2020, 1, 6, 8, 0, tzinfo=dt.timezone.utc)  # fixed, not the clock


def ts(d: dt.datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%SZ")


def slugify(s: str) -> str:
    table = str.maketrans({"ç": "c", "Ç": "c", "ö": "o", "ø": "o", "å": "a", "ä": "a",
                           "ü": "u", "á": "a", "ó": "o", "ś": "s", "ı": "i", "é": "e"})
    s = s.translate(table).lower()
    out, dash = [], False
    for ch in s:
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def yq(s: str) -> str:
    """A YAML/JSON double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


# --------------------------------------------------------------------------- people

def make_people() -> list[dict]:
    people = []
    for i in range(40):
        party_name = PARTIES[i % len(PARTIES)][0]
        first, last = FIRST_NAMES[i], SURNAMES[i]
        name = f"{first} {last}"
        p = {
            "id": slugify(name),
            "name": name,
            "role": f"{ROLES[i % len(ROLES)]} of {party_name}",
            "party": party_name,
            "aliases": [last],
            "bio": f"{name} has represented {party_name} in several rounds of talks.",
        }
        if i in NATIVE:
            p["native_name"], p["native_lang"] = NATIVE[i]
        people.append(p)
    return people


def people_yaml(people: list[dict]) -> str:
    out = []
    for p in people:
        out.append(f"- id: {p['id']}")
        out.append(f"  name: {yq(p['name'])}")
        out.append(f"  role: {yq(p['role'])}")
        out.append(f"  party: {yq(p['party'])}")
        out.append(f"  aliases: [{', '.join(yq(a) for a in p['aliases'])}]")
        if "native_name" in p:
            out.append(f"  native_name: {yq(p['native_name'])}")
            out.append(f"  native_lang: {p['native_lang']}")
        out.append(f"  bio: {yq(p['bio'])}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- explainers

class Explainer:
    def __init__(self, seed: int, i: int, people: list[dict], words: int, slugs: list[str]):
        r = random.Random(f"parley-bench:{seed}:{i}")
        self.i = i
        self.slugs = slugs
        by_party: dict[str, list[dict]] = {}
        for p in people:
            by_party.setdefault(p["party"], []).append(p)
        a, b, m = r.sample(range(len(PARTIES)), 3)
        pa, pb, pm = PARTIES[a], PARTIES[b], PARTIES[m]
        venue_party = r.choice([pm, pa])
        self.city, self.zone = venue_party[1], venue_party[2]
        self.slug = f"{slugify(pa[0])}-{slugify(pb[0])}-talks-{i:05d}"
        self.title = f"{pa[0]}–{pb[0]} talks in {self.city}: what we know (no. {i + 1})"
        self.summary = (f"Delegations from {pa[0]} and {pb[0]} meet in {self.city} "
                        f"for {r.choice(ADJS)} talks on a {r.choice(NOUNS)}.")
        # Dates walk forward from a fixed epoch: explainer i is published ~i*3 hours in, so
        # 10,000 explainers end in mid-2023, in the past (Hugo skips future-dated pages).
        self.published = EPOCH + dt.timedelta(hours=3 * i, minutes=r.randrange(60))
        self.when = self.published + dt.timedelta(hours=r.randrange(2, 72))
        self.status = r.choice(STATUSES)
        self.parties = []
        for party in (pa, pb):
            members = by_party[party[0]]
            head = r.choice(members)
            rest = [p for p in members if p is not head]
            self.parties.append((party[0], head, r.sample(rest, 2)))
        self.mediators = [r.choice(by_party[pm[0]])]
        n_updates = r.choice([2, 3])
        self.updates = []
        for k in range(n_updates):
            at = self.published + dt.timedelta(minutes=30 + 45 * k + r.randrange(30))
            self.updates.append((at, self.sentence(r, 14)))
        self.updated = max(u[0] for u in self.updates)
        self.sources = [(f"Report {k + 1} on the {pa[0]}–{pb[0]} talks",
                         f"https://example.org/news/{self.slug}/{k + 1}") for k in range(2)]
        self.timeline = self.make_timeline(r)
        self.body = self.make_body(r, words)

    # Everyone this explainer's text can name: both delegations and the mediator.
    def cast(self) -> list[dict]:
        out = []
        for _, head, members in self.parties:
            out.append(head)
            out.extend(members)
        out.extend(self.mediators)
        return out

    def sentence(self, r: random.Random, n: int, names: list[str] | None = None) -> str:
        words = []
        if names and r.random() < 0.55:
            words += [r.choice(names), r.choice(VERBS), "the", r.choice(NOUNS) + ","]
        else:
            words += ["The", r.choice(ADJS), r.choice(NOUNS), r.choice(VERBS), "by"]
            words.append(r.choice(names) if names and r.random() < 0.5 else "the delegations")
        words += [r.choice(FILLER) + ","]
        while len(words) < n:
            pick = r.random()
            if pick < 0.35:
                words += [r.choice(ADJS), r.choice(NOUNS)]
            elif pick < 0.55:
                words += [r.choice(VERBS), "the", r.choice(NOUNS)]
            elif pick < 0.62 and names:
                words += ["and", r.choice(names)]
            else:
                words += r.choice(["and", "with", "after", "before", "while", "as", "for",
                                   "of", "on", "in", "to", "that"]).split()
        s = " ".join(words).rstrip(",")
        return s[0].upper() + s[1:] + "."

    def paragraph(self, r: random.Random, target: int, names: list[str]) -> str:
        # Stop once within half a sentence of the target, so answers average ~target.
        out, count = [], 0
        while not out or count < target - 13:
            n = r.randrange(12, 24)
            s = self.sentence(r, n, names)
            out.append(s)
            count += len(s.split())
        return " ".join(out)

    def make_timeline(self, r: random.Random) -> list[tuple[str, str, str | None]]:
        # Chronological, one event per year, as a year, a month or a day.
        events = []
        n = r.randrange(5, 9)
        for k in range(n):
            year = self.published.year - n + k
            kind = r.randrange(3)
            if kind == 0:
                date = f"{year}"
            elif kind == 1:
                date = f"{year}-{r.randrange(1, 13):02d}"
            else:
                date = f"{year}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"
            link = f"https://example.org/archive/{self.slug}/{k}" if r.random() < 0.3 else None
            events.append((date, self.sentence(r, 12), link))
        return events

    def make_body(self, r: random.Random, words: int) -> str:
        surnames = [p["aliases"][0] for p in self.cast()]
        fulls = [p["name"] for p in self.cast()]
        names = surnames + fulls[:2]
        parts = [self.paragraph(r, 30, names), "", self.paragraph(r, 25, names), ""]
        qs = [QUESTIONS[0], QUESTIONS[1]] + r.sample(QUESTIONS[2:], 6)
        # "What happened before?" always present (it carries the timeline shortcode).
        if QUESTIONS[5] not in qs:
            qs[-1] = QUESTIONS[5]
        for qi, (heading, qid) in enumerate(qs):
            attrs = []
            if qid:
                attrs.append(f"#{qid}")
            if qi in (1, 3):
                upd = self.published + dt.timedelta(minutes=20 + 10 * qi)
                attrs.append(f"updated={ts(upd)}")
            parts.append(f"## {heading}" + (f" {{{' '.join(attrs)}}}" if attrs else ""))
            parts.append("")
            # ~120 words per answer, in two or three paragraphs, with some Markdown.
            n_par = r.choice([2, 3])
            per = max(10, words // n_par)
            for k in range(n_par):
                text = self.paragraph(r, per, names)
                if k == 0 and r.random() < 0.5:
                    w = text.split(" ")
                    j = r.randrange(2, min(8, len(w)))
                    w[j] = f"**{w[j]}**"
                    text = " ".join(w)
                if k == 1 and r.random() < 0.3:
                    text += f" See [the full statement](https://example.org/statements/{self.i}-{qi})."
                parts.append(text)
                parts.append("")
            if qid == "who":
                for party, _, _ in self.parties:
                    parts.append(f'{{{{ delegation(party="{party}") }}}}')
                    parts.append("")
            if qid == "before":
                parts.append("{{ timeline() }}")
                parts.append("")
            if heading == "What comes next?" and self.i > 0:
                parts.append("- " + self.sentence(r, 10, names))
                parts.append("- " + self.sentence(r, 10, names))
                parts.append("")
            if heading == "Who is mediating?":
                parts.append(f'{{{{ person(id="{self.mediators[0]["id"]}") }}}}')
                parts.append("")
        if self.i > 0:
            prev = self.slugs[self.i - 1]
            parts.append(f"Read how the previous round was attended: "
                         f"[who went last time](@/{prev}/index.md#who).")
            parts.append("")
        return "\n".join(parts)

    # ---- front matter

    def talks_yaml(self, indent: str) -> list[str]:
        o = [f"{indent}talks:",
             f"{indent}  when: {ts(self.when)}",
             f"{indent}  timezone: {self.zone}",
             f"{indent}  where: {yq(self.city)}",
             f"{indent}  venue: {yq(self.city + ' Conference Centre')}",
             f"{indent}  host: {yq(self.host())}",
             f"{indent}  status: {self.status}",
             f"{indent}  parties:"]
        for party, head, members in self.parties:
            o.append(f"{indent}    - name: {yq(party)}")
            o.append(f"{indent}      head: {head['id']}")
            o.append(f"{indent}      members: [{', '.join(m['id'] for m in members)}]")
        o.append(f"{indent}  mediators: [{', '.join(m['id'] for m in self.mediators)}]")
        return o

    def host(self) -> str:
        for name, city, _ in PARTIES:
            if city == self.city:
                return name
        return self.city

    def updates_yaml(self, indent: str) -> list[str]:
        o = [f"{indent}updates:"]
        for at, text in self.updates:
            o.append(f"{indent}  - at: {ts(at)}")
            o.append(f"{indent}    text: {yq(text)}")
        return o

    def sources_yaml(self, indent: str) -> list[str]:
        o = [f"{indent}sources:"]
        for title, url in self.sources:
            o.append(f"{indent}  - title: {yq(title)}")
            o.append(f"{indent}    url: {url}")
        return o

    def parley_md(self) -> str:
        fm = ["---",
              f"title: {yq(self.title)}",
              f"summary: {yq(self.summary)}",
              f"published: {ts(self.published)}",
              f"updated: {ts(self.updated)}",
              "draft: false"]
        fm += self.talks_yaml("")
        fm += self.updates_yaml("")
        fm += self.sources_yaml("")
        fm.append("---")
        return "\n".join(fm) + "\n" + self.body

    def hugo_md(self) -> str:
        fm = ["---",
              f"title: {yq(self.title)}",
              f"summary: {yq(self.summary)}",
              f"date: {ts(self.published)}",
              f"lastmod: {ts(self.updated)}",
              "draft: false",
              "params:"]
        fm += self.talks_yaml("  ")
        fm += self.updates_yaml("  ")
        fm += self.sources_yaml("  ")
        fm.append("---")
        return "\n".join(fm) + "\n" + self.body

    def zola_md(self) -> str:
        fm = ["---",
              f"title: {yq(self.title)}",
              f"description: {yq(self.summary)}",
              f"date: {ts(self.published)}",
              f"updated: {ts(self.updated)}",
              "draft: false",
              "extra:"]
        fm += self.talks_yaml("  ")
        fm += self.updates_yaml("  ")
        fm += self.sources_yaml("  ")
        fm.append("---")
        return "\n".join(fm) + "\n" + self.body

    def timeline_yaml(self) -> str:
        o = []
        for date, text, link in self.timeline:
            o.append(f"- date: {yq(date)}")
            o.append(f"  text: {yq(text)}")
            if link:
                o.append(f"  link: {link}")
        return "\n".join(o) + "\n"


# Slugs of earlier explainers are needed for the internal link; they depend only on
# (seed, i): the first draws of explainer i's RNG stream.
def slug_for(seed: int, i: int) -> str:
    r = random.Random(f"parley-bench:{seed}:{i}")
    a, b, _ = r.sample(range(len(PARTIES)), 3)
    return f"{slugify(PARTIES[a][0])}-{slugify(PARTIES[b][0])}-talks-{i:05d}"


# --------------------------------------------------------------------------- Hugo theme

HUGO_CONFIG = """\
baseURL = "https://example.org/"
title = "Talks Explained (benchmark)"
locale = "en"
enableRobotsTXT = true
buildFuture = true
disableKinds = ["taxonomy", "term"]

# Bundle files (timeline.yaml) are inputs, not outputs, as in parley.
[[cascade]]
  [cascade.build]
    publishResources = false

[services.rss]
  limit = 50

[outputs]
  home = ["html", "rss"]
  section = ["html"]
  page = ["html"]

[markup.goldmark.renderer]
  unsafe = false
"""

HUGO_LAYOUTS = {
    "baseof.html": """\
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ site.Title }}</title></head>
<body>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "home.html": """\
{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul>
{{ range (where site.RegularPages "Section" "!=" "people").ByDate.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary }}</p></li>
{{ end }}
</ul>
{{ end }}
""",
    "single.html": """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
""",
    "list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}
</ul>
{{ end }}
""",
    "404.html": """\
{{ define "main" }}<h1>Not found</h1>{{ end }}
""",
}


# --------------------------------------------------------------------------- Zola theme

# The same kinds of output as the Hugo site: a page per explainer and per person, the
# home page listing every explainer newest first, the people section, a feed of the 50
# newest (Zola's built-in Atom template; Hugo writes RSS), sitemap.xml, robots.txt, 404.
ZOLA_CONFIG = """\
base_url = "https://example.org"
title = "Talks Explained (benchmark)"
default_language = "en"
generate_feeds = true
feed_limit = 50
compile_sass = false
build_search_index = false
# Bundle files (timeline.yaml) are inputs, not outputs, as in parley and the Hugo site.
ignored_content = ["*.yaml"]
"""

ZOLA_TEMPLATES = {
    "base.html": """\
<!doctype html>
<html lang="{{ config.default_language }}">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body>
<main>{% block main %}{% endblock %}</main>
</body>
</html>
""",
    "index.html": """\
{% extends "base.html" %}
{% block main %}
<h1>{{ config.title }}</h1>
<ul>
{% for p in section.pages %}
<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a> <time>{{ p.date | date(format="%Y-%m-%d") }}</time><p>{{ p.description }}</p></li>
{% endfor %}
</ul>
{% endblock %}
""",
    "page.html": """\
{% extends "base.html" %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block main %}
<article>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>
{% endblock %}
""",
    "section.html": """\
{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block main %}
<h1>{{ section.title }}</h1>
<ul>
{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>
{% endfor %}
</ul>
{% endblock %}
""",
    "404.html": """\
{% extends "base.html" %}
{% block main %}<h1>Not found</h1>{% endblock %}
""",
    # parley's shortcodes have Zola's syntax, so Zola needs them to exist; these only name
    # their argument (Hugo prints the call as text; parley renders a table, a list, a card).
    "shortcodes/delegation.html": '<p class="delegation">{{ party }}</p>\n',
    "shortcodes/timeline.html": '<p class="timeline">timeline</p>\n',
    "shortcodes/person.html": '<p class="person">{{ id }}</p>\n',
}


# --------------------------------------------------------------------------- writers

def write(path: str, text: str) -> int:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    return len(data)


def site_yaml(cards: bool, search: bool = False) -> str:
    return (
        'title: "Talks Explained (benchmark)"\n'
        "description: Synthetic explainers generated by bench/gen_site.py.\n"
        "base_url: https://example.org/\n"
        "language: en\n"
        "publisher:\n"
        "  name: Example Newsroom\n"
        "  url: https://example.org/\n"
        f"question_pages: {'true' if cards else 'false'}\n"
        "allow_raw_html: false\n"
        "faq_schema: false\n"
        # Hugo and Zola draw no share images: equal output means parley draws none either
        # (bench/README.md has the share-image rows, measured on their own).
        "share_images: false\n"
        f"search: {'true' if search else 'false'}\n"
    )


def generate(out: str, n: int, cards: bool, seed: int, words: int,
             do_parley: bool, do_hugo: bool, do_zola: bool = False, search: bool = False) -> dict:
    people = make_people()
    slugs = [slug_for(seed, i) for i in range(n)]
    proot = os.path.join(out, "parley")
    hroot = os.path.join(out, "hugo")
    zroot = os.path.join(out, "zola")
    for root, on in ((proot, do_parley), (hroot, do_hugo), (zroot, do_zola)):
        if on and os.path.exists(root):
            shutil.rmtree(root)
    md_bytes = 0
    files = 0
    if do_parley:
        write(os.path.join(proot, "content", "site.yaml"), site_yaml(cards, search))
        write(os.path.join(proot, "content", "people.yaml"), people_yaml(people))
        files += 2
    if do_hugo:
        write(os.path.join(hroot, "hugo.toml"), HUGO_CONFIG)
        for name, text in HUGO_LAYOUTS.items():
            write(os.path.join(hroot, "layouts", name), text)
        write(os.path.join(hroot, "content", "people", "_index.md"),
              '---\ntitle: "People"\n---\n')
        for p in people:
            fm = ["---", f"title: {yq(p['name'])}", "params:",
                  f"  role: {yq(p['role'])}", f"  party: {yq(p['party'])}", "---",
                  p["bio"], ""]
            write(os.path.join(hroot, "content", "people", f"{p['id']}.md"), "\n".join(fm))
    if do_zola:
        write(os.path.join(zroot, "config.toml"), ZOLA_CONFIG)
        for name, text in ZOLA_TEMPLATES.items():
            write(os.path.join(zroot, "templates", name), text)
        # Home lists the explainers newest first; people are a section of their own.
        write(os.path.join(zroot, "content", "_index.md"), '---\nsort_by: "date"\n---\n')
        write(os.path.join(zroot, "content", "people", "_index.md"),
              '---\ntitle: "People"\n---\n')
        for p in people:
            fm = ["---", f"title: {yq(p['name'])}", "extra:",
                  f"  role: {yq(p['role'])}", f"  party: {yq(p['party'])}", "---",
                  p["bio"], ""]
            write(os.path.join(zroot, "content", "people", f"{p['id']}.md"), "\n".join(fm))
    for i in range(n):
        e = Explainer(seed, i, people, words, slugs)
        assert e.slug == slugs[i]
        tl = e.timeline_yaml()
        if do_parley:
            md_bytes += write(os.path.join(proot, "content", e.slug, "index.md"), e.parley_md())
            write(os.path.join(proot, "content", e.slug, "timeline.yaml"), tl)
            files += 2
        if do_hugo:
            b = write(os.path.join(hroot, "content", e.slug, "index.md"), e.hugo_md())
            if not do_parley:
                md_bytes += b
            write(os.path.join(hroot, "content", e.slug, "timeline.yaml"), tl)
        if do_zola:
            b = write(os.path.join(zroot, "content", e.slug, "index.md"), e.zola_md())
            if not do_parley and not do_hugo:
                md_bytes += b
            write(os.path.join(zroot, "content", e.slug, "timeline.yaml"), tl)
    return {"explainers": n, "markdown_bytes": md_bytes, "parley_root": proot if do_parley else None,
            "hugo_root": hroot if do_hugo else None, "zola_root": zroot if do_zola else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--explainers", "-n", type=int, default=100, help="number of explainers")
    ap.add_argument("--cards", choices=["on", "off"], default="on",
                    help="site.yaml question_pages (per-question card pages)")
    ap.add_argument("--search", choices=["on", "off"], default="off",
                    help="site.yaml search (a Pagefind index and search page)")
    ap.add_argument("--out", required=True, help="output folder (gets parley/ and hugo/)")
    ap.add_argument("--seed", type=int, default=1, help="RNG seed (default 1)")
    ap.add_argument("--words", type=int, default=120, help="words per answer (default 120)")
    ap.add_argument("--only", choices=["parley", "hugo", "zola", "both", "all"], default="all",
                    help="which site(s) to write: both = parley and hugo (default all three)")
    a = ap.parse_args(argv)
    info = generate(a.out, a.explainers, a.cards == "on", a.seed, a.words,
                    a.only in ("parley", "both", "all"), a.only in ("hugo", "both", "all"),
                    a.only in ("zola", "all"), a.search == "on")
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    sys.exit(main())

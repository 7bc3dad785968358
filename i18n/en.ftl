# The theme's own words in English (the built-in default). A site overrides any of
# them, or adds a language, in its own i18n/<code>.ftl.
skip-link = Skip to main content
nav-explainers = Explainers
nav-whos-who = Who’s who
footer-feed = Follow updates (Atom feed)
published = Published
updated = Updated
questions-answered = { $count ->
    [one] { $count } question answered
   *[other] { $count } questions answered
}
jump-to-question = Jump to a question
question-of = Question { $position } of { $count }
with-others-named = { $count ->
    [one] with { $count } other named
   *[other] with { $count } others named
}
with-others = with { $others }
# Dates: month names alone (`May 2025`) and with a day (`16 May 2025`).
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
# Sharing: the label before the share links, the e-mail link, and the marker site.js puts on
# questions updated since the reader last opened the explainer.
share = Share
share-email = Email
new-since-visit = New since your last visit
# Weekdays, for dates given as a day of a week (`Thursday`).
weekday-1 = Monday
weekday-2 = Tuesday
weekday-3 = Wednesday
weekday-4 = Thursday
weekday-5 = Friday
weekday-6 = Saturday
weekday-7 = Sunday
# The header and the search box.
nav-label = Site
search = Search
search-box-label = Search the site
search-go = Go
# Explainers and question pages.
kicker-explainer = Explainer
draft = draft
status-scheduled = scheduled
status-under-way = under way
status-concluded = concluded
status-postponed = postponed
byline = { $count ->
    [one] By
   *[other] By
}
list-and = and
latest = Latest
latest-correction = Latest correction
all-updates = All updates
all-corrections = All corrections
sources = { $count ->
    [one] Source
   *[other] Sources
}
sources-title = Sources
toc-title = In this explainer
corrections = Corrections
correction = Correction
link-to-question = Link to this question
share-answer = Share this answer
updates = Updates
explainer-feed = Follow this explainer’s updates (Atom feed)
explainer-feed-title = Updates: { $title }
answer-updated = Answer updated
more-questions = More questions
previous-question = Previous question
next-question = Next question
read-full-explainer = Read the full explainer
# At a glance.
at-a-glance = At a glance
glance-status = Status
glance-when = When
glance-where = Where
glance-host = Host
led-by = Led by
head-not-announced = Delegation head not announced
mediators = Mediators
provisionally-set-for = Provisionally set for
# Shortcodes.
delegation-of = { $party }’s delegation
head-of-delegation = Head of delegation
positions-caption = Where each side stands
positions-issue = Issue
not-stated = Not stated
timeline = Timeline
# Lists, people and authors.
latest-explainers = Latest explainers
no-explainers = No explainers yet. Create one with { $command }.
people-description = The people in { $site }
people-others = Others
no-people = No people are listed yet. Add them to { $file }.
person-side = Side: { $party }
person-country = Country: { $country }
at-the-talks = At the talks
mentioned-in = Mentioned in
mentioned-in-explainer = in { $title }
no-mentions = No answer mentions { $name } yet.
everyone-in-whos-who = Everyone in who’s who
author-more = More about { $name }:
author-in-whos-who = in who’s who
author-staff-page = their staff page
author-description = Explainers by { $name }
no-explainers-by = No explainers by { $name } yet.
page-not-found = Page not found
page-not-found-text = This page does not exist, or it has moved.
see-every-explainer = See every explainer
word-or = or
whos-who-inline = who’s who
# The search page (the script's messages too).
search-form-label = Search the explainers
search-words = Words or names
search-side = Side
search-any-side = Any side
search-status = Status of the talks
search-any-status = Any status
search-no-js = Search needs JavaScript, which is off or still loading. Every question is listed on the explainers page, and everyone named in them on who’s who:
search-prompt = Type a word or a name, then press Search.
search-none = Nothing found for “{ $query }”. Try another word, or fewer filters.
search-none-all = Nothing found. Try fewer filters.
search-results = Results for “{ $query }”:
search-results-all = Results:
search-first = The first { $count } are listed.
search-failed = Search could not load. Every question is on the explainers page, and everyone named on who’s who.
# The JSON-LD (for search engines): a delegation and its size as reported.
ld-delegation = Delegation of { $party }
ld-led-by = Led by { $head }, with { $others }
# Series, topics and countries, and the pages of a long list.
terms-series = Series
terms-topics = Topics
terms-countries = Countries
term-topic = Topic
term-country = Country
terms-label = Topics and countries
terms-description = { $kind } in { $site }
term-description = Explainers: { $name }
series-nav-label = Rounds of { $name }
series-round = Round { $position } of { $count }
series-round-in = Round { $position } of { $count } in the series
series-prev = Previous round
series-next = Next round
series-empty = No rounds yet.
term-empty = No explainers yet.
explainer-count = { $count ->
    [one] { $count } explainer
   *[other] { $count } explainers
}
atom-feed = Atom feed
related-title = Related explainers
pagination-label = Pages of this list
pagination-page = Page { $number } of { $count }
pagination-newer = Newer explainers
pagination-older = Older explainers
title-page = { $title } – page { $number }
search-series = Series
search-any-series = Any series
search-topic = Topic
search-any-topic = Any topic
search-country = Country
search-any-country = Any country

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

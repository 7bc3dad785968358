# Інтерфейс теми українською.
skip-link = Перейти до основного вмісту
nav-explainers = Пояснення
nav-whos-who = Хто є хто
footer-feed = Стежити за оновленнями (стрічка Atom)
published = Опубліковано
updated = Оновлено
questions-answered = { $count ->
    [one] { $count } відповідь на запитання
    [few] { $count } відповіді на запитання
   *[many] { $count } відповідей на запитання
}
jump-to-question = Перейти до запитання
question-of = Запитання { $position } з { $count }
with-others-named = { $count ->
    [one] і ще { $count } особа
    [few] і ще { $count } особи
   *[many] і ще { $count } осіб
}
with-others = а також { $others }
month-1 = січень
month-2 = лютий
month-3 = березень
month-4 = квітень
month-5 = травень
month-6 = червень
month-7 = липень
month-8 = серпень
month-9 = вересень
month-10 = жовтень
month-11 = листопад
month-12 = грудень
month-day-1 = січня
month-day-2 = лютого
month-day-3 = березня
month-day-4 = квітня
month-day-5 = травня
month-day-6 = червня
month-day-7 = липня
month-day-8 = серпня
month-day-9 = вересня
month-day-10 = жовтня
month-day-11 = листопада
month-day-12 = грудня
date-day = { $day } { $month } { $year } р.
date-month = { $month } { $year } р.
# Sharing: the label before the share links, the e-mail link, and the marker site.js puts on
# questions updated since the reader last opened the explainer.
share = Поширити
share-email = Електронна пошта
new-since-visit = Нове з вашого останнього візиту
weekday-1 = понеділок
weekday-2 = вівторок
weekday-3 = середа
weekday-4 = четвер
weekday-5 = пʼятниця
weekday-6 = субота
weekday-7 = неділя
nav-label = Сайт
search = Пошук
search-box-label = Пошук на сайті
search-go = Шукати
kicker-explainer = Пояснення
draft = чернетка
status-scheduled = заплановано
status-under-way = тривають
status-concluded = завершено
status-postponed = відкладено
byline = { $count ->
    [one] Автор:
   *[other] Автори:
}
list-and = і
latest = Останнє
latest-correction = Останнє виправлення
all-updates = Усі оновлення
all-corrections = Усі виправлення
sources = { $count ->
    [one] Джерело
   *[other] Джерела
}
sources-title = Джерела
toc-title = У цьому поясненні
corrections = Виправлення
correction = Виправлення
link-to-question = Посилання на це запитання
share-answer = Поділитися цією відповіддю
updates = Оновлення
explainer-feed = Стежити за оновленнями цього пояснення (стрічка Atom)
explainer-feed-title = Оновлення: { $title }
answer-updated = Відповідь оновлено
more-questions = Інші запитання
previous-question = Попереднє запитання
next-question = Наступне запитання
read-full-explainer = Читати пояснення повністю
at-a-glance = Коротко
glance-status = Статус
glance-when = Коли
glance-where = Де
glance-host = Приймає
led-by = Очолює
head-not-announced = Голову делегації не оголошено
mediators = Посередники
provisionally-set-for = Попередньо призначено на
delegation-of = Делегація: { $party }
head-of-delegation = Голова делегації
positions-caption = Позиції сторін
positions-issue = Питання
not-stated = Не заявлено
timeline = Хронологія
latest-explainers = Останні пояснення
no-explainers = Пояснень ще немає. Створіть перше командою { $command }.
people-description = Хто є хто: { $site }
people-others = Інші
no-people = Людей ще не додано. Додайте їх у { $file }.
person-side = Сторона: { $party }
person-country = Країна: { $country }
at-the-talks = На переговорах
mentioned-in = Згадки
mentioned-in-explainer = у поясненні «{ $title }»
no-mentions = Жодна відповідь ще не згадує цю особу.
everyone-in-whos-who = Усі в розділі «Хто є хто»
author-more = Докладніше:
author-in-whos-who = у розділі «Хто є хто»
author-staff-page = сторінка в редакції
author-description = Пояснення автора: { $name }
no-explainers-by = Пояснень цього автора ще немає.
page-not-found = Сторінку не знайдено
page-not-found-text = Такої сторінки немає, або її перенесено.
see-every-explainer = Усі пояснення
word-or = або
whos-who-inline = «Хто є хто»
search-form-label = Пошук у поясненнях
search-words = Слова або імена
search-side = Сторона
search-any-side = Будь-яка сторона
search-status = Статус переговорів
search-any-status = Будь-який статус
search-no-js = Для пошуку потрібен JavaScript, який вимкнено або ще завантажується. Усі запитання є на сторінці пояснень, а всі згадані в них люди — у розділі «Хто є хто»:
search-prompt = Введіть слово або імʼя і натисніть «Шукати».
search-none = За запитом «{ $query }» нічого не знайдено. Спробуйте інше слово або менше фільтрів.
search-none-all = Нічого не знайдено. Спробуйте менше фільтрів.
search-results = Результати за запитом «{ $query }»:
search-results-all = Результати:
search-first = Показано перші { $count }.
search-failed = Пошук не завантажився. Усі запитання є на сторінці пояснень, а всі згадані люди — у розділі «Хто є хто».
ld-delegation = Делегація: { $party }
ld-led-by = Очолює { $head }; з ним { $others }
# Серії, теми й країни, сторінки довгого списку.
terms-series = Серії
terms-topics = Теми
terms-countries = Країни
term-topic = Тема
term-country = Країна
terms-label = Теми й країни
terms-description = { $kind } — { $site }
term-description = Пояснення: { $name }
series-nav-label = Раунди: { $name }
series-round = Раунд { $position } з { $count }
series-round-in = Раунд { $position } з { $count } у серії
series-prev = Попередній раунд
series-next = Наступний раунд
series-empty = Раундів ще немає.
term-empty = Пояснень ще немає.
explainer-count = { $count ->
    [one] { $count } пояснення
    [few] { $count } пояснення
    [many] { $count } пояснень
   *[other] { $count } пояснення
}
atom-feed = Стрічка Atom
related-title = Пов’язані пояснення
pagination-label = Сторінки списку
pagination-page = Сторінка { $number } з { $count }
pagination-newer = Новіші пояснення
pagination-older = Давніші пояснення
title-page = { $title } — сторінка { $number }
search-series = Серія
search-any-series = Будь-яка серія
search-topic = Тема
search-any-topic = Будь-яка тема
search-country = Країна
search-any-country = Будь-яка країна

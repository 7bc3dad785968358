# Интерфейс темы на русском.
skip-link = Перейти к основному содержанию
nav-explainers = Объяснения
nav-whos-who = Кто есть кто
footer-feed = Следить за обновлениями (лента Atom)
published = Опубликовано
updated = Обновлено
questions-answered = { $count ->
    [one] { $count } ответ на вопрос
    [few] { $count } ответа на вопросы
   *[many] { $count } ответов на вопросы
}
jump-to-question = Перейти к вопросу
question-of = Вопрос { $position } из { $count }
with-others-named = { $count ->
    [one] и ещё { $count } человек
    [few] и ещё { $count } человека
   *[many] и ещё { $count } человек
}
with-others = а также { $others }
month-1 = январь
month-2 = февраль
month-3 = март
month-4 = апрель
month-5 = май
month-6 = июнь
month-7 = июль
month-8 = август
month-9 = сентябрь
month-10 = октябрь
month-11 = ноябрь
month-12 = декабрь
month-day-1 = января
month-day-2 = февраля
month-day-3 = марта
month-day-4 = апреля
month-day-5 = мая
month-day-6 = июня
month-day-7 = июля
month-day-8 = августа
month-day-9 = сентября
month-day-10 = октября
month-day-11 = ноября
month-day-12 = декабря
date-day = { $day } { $month } { $year } г.
date-month = { $month } { $year } г.
# Sharing: the label before the share links, the e-mail link, and the marker site.js puts on
# questions updated since the reader last opened the explainer.
share = Поделиться
share-email = Электронная почта
new-since-visit = Новое с вашего последнего визита
weekday-1 = понедельник
weekday-2 = вторник
weekday-3 = среда
weekday-4 = четверг
weekday-5 = пятница
weekday-6 = суббота
weekday-7 = воскресенье
nav-label = Сайт
search = Поиск
search-box-label = Поиск по сайту
search-go = Найти
kicker-explainer = Объяснение
draft = черновик
status-scheduled = запланированы
status-under-way = идут
status-concluded = завершены
status-postponed = отложены
byline = { $count ->
    [one] Автор:
   *[other] Авторы:
}
list-and = и
latest = Последнее
latest-correction = Последнее исправление
all-updates = Все обновления
all-corrections = Все исправления
sources = { $count ->
    [one] Источник
   *[other] Источники
}
sources-title = Источники
toc-title = В этом объяснении
corrections = Исправления
correction = Исправление
link-to-question = Ссылка на этот вопрос
share-answer = Поделиться этим ответом
updates = Обновления
explainer-feed = Следить за обновлениями этого объяснения (лента Atom)
explainer-feed-title = Обновления: { $title }
answer-updated = Ответ обновлён
more-questions = Другие вопросы
previous-question = Предыдущий вопрос
next-question = Следующий вопрос
read-full-explainer = Читать объяснение полностью
at-a-glance = Коротко
glance-status = Статус
glance-when = Когда
glance-where = Где
glance-host = Принимает
led-by = Возглавляет
head-not-announced = Глава делегации не объявлен
mediators = Посредники
provisionally-set-for = Предварительно назначены на
delegation-of = Делегация: { $party }
head-of-delegation = Глава делегации
positions-caption = Позиции сторон
positions-issue = Вопрос
not-stated = Не заявлено
timeline = Хронология
latest-explainers = Последние объяснения
no-explainers = Объяснений пока нет. Создайте первое командой { $command }.
people-description = Кто есть кто: { $site }
people-others = Другие
no-people = Люди пока не добавлены. Добавьте их в { $file }.
person-side = Сторона: { $party }
person-country = Страна: { $country }
at-the-talks = На переговорах
mentioned-in = Упоминания
mentioned-in-explainer = в объяснении «{ $title }»
no-mentions = Ни один ответ пока не упоминает этого человека.
everyone-in-whos-who = Все в разделе «Кто есть кто»
author-more = Подробнее:
author-in-whos-who = в разделе «Кто есть кто»
author-staff-page = страница в редакции
author-description = Объяснения автора: { $name }
no-explainers-by = Объяснений этого автора пока нет.
page-not-found = Страница не найдена
page-not-found-text = Такой страницы нет, или она перемещена.
see-every-explainer = Все объяснения
word-or = или
whos-who-inline = «Кто есть кто»
search-form-label = Поиск по объяснениям
search-words = Слова или имена
search-side = Сторона
search-any-side = Любая сторона
search-status = Статус переговоров
search-any-status = Любой статус
search-no-js = Для поиска нужен JavaScript, который выключен или ещё загружается. Все вопросы есть на странице объяснений, а все упомянутые в них люди — в разделе «Кто есть кто»:
search-prompt = Введите слово или имя и нажмите «Найти».
search-none = По запросу «{ $query }» ничего не найдено. Попробуйте другое слово или меньше фильтров.
search-none-all = Ничего не найдено. Попробуйте меньше фильтров.
search-results = Результаты по запросу «{ $query }»:
search-results-all = Результаты:
search-first = Показаны первые { $count }.
search-failed = Поиск не загрузился. Все вопросы есть на странице объяснений, а все упомянутые люди — в разделе «Кто есть кто».
ld-delegation = Делегация: { $party }
ld-led-by = Возглавляет { $head }; с ним { $others }
# Серии, темы и страны, страницы длинного списка.
terms-series = Серии
terms-topics = Темы
terms-countries = Страны
term-topic = Тема
term-country = Страна
terms-label = Темы и страны
terms-description = { $kind } — { $site }
term-description = Объяснения: { $name }
series-nav-label = Раунды: { $name }
series-round = Раунд { $position } из { $count }
series-round-in = Раунд { $position } из { $count } в серии
series-prev = Предыдущий раунд
series-next = Следующий раунд
series-empty = Раундов пока нет.
term-empty = Объяснений пока нет.
explainer-count = { $count ->
    [one] { $count } объяснение
    [few] { $count } объяснения
    [many] { $count } объяснений
   *[other] { $count } объяснения
}
atom-feed = Лента Atom
related-title = Связанные объяснения
pagination-label = Страницы списка
pagination-page = Страница { $number } из { $count }
pagination-newer = Более новые объяснения
pagination-older = Более ранние объяснения
title-page = { $title } — страница { $number }
search-series = Серия
search-any-series = Любая серия
search-topic = Тема
search-any-topic = Любая тема
search-country = Страна
search-any-country = Любая страна

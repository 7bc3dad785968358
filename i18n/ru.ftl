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

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

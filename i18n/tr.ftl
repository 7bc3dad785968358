# Temanın arayüzü Türkçe.
skip-link = Ana içeriğe geç
nav-explainers = Açıklamalar
nav-whos-who = Kim kimdir
footer-feed = Güncellemeleri takip edin (Atom akışı)
published = Yayımlandı
updated = Güncellendi
questions-answered = { $count ->
   *[other] { $count } soru yanıtlandı
}
jump-to-question = Bir soruya geç
question-of = Soru { $position } / { $count }
with-others-named = { $count ->
   *[other] ve { $count } kişi daha
}
with-others = ve { $others }
month-1 = Ocak
month-2 = Şubat
month-3 = Mart
month-4 = Nisan
month-5 = Mayıs
month-6 = Haziran
month-7 = Temmuz
month-8 = Ağustos
month-9 = Eylül
month-10 = Ekim
month-11 = Kasım
month-12 = Aralık
date-day = { $day } { $month } { $year }
date-month = { $month } { $year }
# Sharing: the label before the share links, the e-mail link, and the marker site.js puts on
# questions updated since the reader last opened the explainer.
share = Paylaş
share-email = E-posta
new-since-visit = Son ziyaretinizden beri yeni

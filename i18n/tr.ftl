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
weekday-1 = Pazartesi
weekday-2 = Salı
weekday-3 = Çarşamba
weekday-4 = Perşembe
weekday-5 = Cuma
weekday-6 = Cumartesi
weekday-7 = Pazar
nav-label = Site gezintisi
search = Ara
search-box-label = Sitede ara
search-go = Ara
kicker-explainer = Açıklama
draft = taslak
status-scheduled = planlandı
status-under-way = sürüyor
status-concluded = tamamlandı
status-postponed = ertelendi
byline = { $count ->
    [one] Yazan:
   *[other] Yazanlar:
}
list-and = ve
latest = Son gelişme
latest-correction = Son düzeltme
all-updates = Tüm güncellemeler
all-corrections = Tüm düzeltmeler
sources = { $count ->
    [one] Kaynak
   *[other] Kaynaklar
}
sources-title = Kaynaklar
toc-title = Bu açıklamada
corrections = Düzeltmeler
correction = Düzeltme
link-to-question = Bu sorunun bağlantısı
share-answer = Bu yanıtı paylaşın
updates = Güncellemeler
explainer-feed = Bu açıklamanın güncellemelerini takip edin (Atom akışı)
explainer-feed-title = Güncellemeler: { $title }
answer-updated = Yanıt güncellendi
more-questions = Diğer sorular
previous-question = Önceki soru
next-question = Sonraki soru
read-full-explainer = Açıklamanın tamamını okuyun
at-a-glance = Bir bakışta
glance-status = Durum
glance-when = Ne zaman
glance-where = Nerede
glance-host = Ev sahibi
led-by = Heyet başkanı:
head-not-announced = Heyet başkanı açıklanmadı
mediators = Arabulucular
provisionally-set-for = Geçici olarak belirlenen tarih:
delegation-of = { $party } heyeti
head-of-delegation = Heyet başkanı
positions-caption = Tarafların tutumları
positions-issue = Konu
not-stated = Belirtilmedi
timeline = Zaman çizelgesi
latest-explainers = Son açıklamalar
no-explainers = Henüz açıklama yok. { $command } komutuyla bir tane oluşturun.
people-description = Kim kimdir: { $site }
people-others = Diğerleri
no-people = Henüz kimse eklenmedi. Kişileri { $file } dosyasına ekleyin.
person-side = Taraf: { $party }
person-country = Ülke: { $country }
at-the-talks = Görüşmelerde
mentioned-in = Geçtiği yanıtlar
mentioned-in-explainer = ({ $title })
no-mentions = Henüz hiçbir yanıtta adı geçmiyor.
everyone-in-whos-who = Kim kimdir listesindeki herkes
author-more = Daha fazlası:
author-in-whos-who = Kim kimdir listesinde
author-staff-page = yazarın sayfası
author-description = Yazarın açıklamaları: { $name }
no-explainers-by = Bu yazarın henüz açıklaması yok.
page-not-found = Sayfa bulunamadı
page-not-found-text = Bu sayfa yok ya da taşındı.
see-every-explainer = Tüm açıklamalar
word-or = ya da
whos-who-inline = Kim kimdir
search-form-label = Açıklamalarda ara
search-words = Kelimeler veya adlar
search-side = Taraf
search-any-side = Tüm taraflar
search-status = Görüşmelerin durumu
search-any-status = Tüm durumlar
search-no-js = Arama için JavaScript gerekiyor; kapalı ya da hâlâ yükleniyor. Tüm sorular açıklamalar sayfasında, onlarda adı geçen herkes Kim kimdir listesinde:
search-prompt = Bir kelime veya ad yazıp Ara’ya basın.
search-none = “{ $query }” için hiçbir şey bulunamadı. Başka bir kelime deneyin ya da filtreleri azaltın.
search-none-all = Hiçbir şey bulunamadı. Filtreleri azaltmayı deneyin.
search-results = “{ $query }” için sonuçlar:
search-results-all = Sonuçlar:
search-first = İlk { $count } sonuç listeleniyor.
search-failed = Arama yüklenemedi. Tüm sorular açıklamalar sayfasında, adı geçen herkes Kim kimdir listesinde.
ld-delegation = { $party } heyeti
ld-led-by = Heyet başkanı: { $head }; ayrıca { $others }

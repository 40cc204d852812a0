"""The demo media directory: Almaty's media landscape, with every outlet and person made up.

About sixty outlets (city and national papers in Kazakh and Russian, TV, radio,
online outlets, agencies, Telegram channels, bloggers, foreign bureaux; two closed,
one merged into another), about four hundred journalists with Kazakh and Russian
names in both scripts and in Latin, a trusted pool, partners and four segments.
Three pairs of records are one person entered twice, so the duplicates page has
work to show.

Everything goes through ``directory.services`` with ``actor=None``, so the audit
trail reads like a real one. The world is drawn from a seeded random generator
before anything is written, so it is the same on every run; dates are counted
back from today, so "stale contacts" always has something to list. A second run
finds outlets and partners by their website, journalists by their name and
segments by their name, and changes nothing.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone

from pressdesk.core import demo as core_demo
from pressdesk.core.models import Unit
from pressdesk.directory import services
from pressdesk.directory.models import (
    Beat,
    ConsentBasis,
    ContactKind,
    Journalist,
    Outlet,
    OutletStatus,
    Partner,
    PartnerPerson,
    Segment,
)
from pressdesk.directory.services import ContactInput

SEED = 2026
HOME_UNIT = "almaty-akimat"
DEFAULT_UNITS = ["almaly", "bostandyk", "medeu", "auezov", "turksib", "mobility"]


class OutletRow(NamedTuple):
    website: str
    kind: str
    level: str
    ownership: str
    languages: str
    reach: int | None
    topics: str  # the beats it mostly writes about


OUTLETS = [
    OutletRow(*row)
    for row in [
        ("https://shahar-shugylasy.demo/", "newspaper", "city", "state", "kk", 24000, ""),
        ("https://qala-shezhiresi.demo/", "newspaper", "city", "state", "ru kk", 30000, ""),
        ("https://kokzhiek.demo/", "newspaper", "city", "private", "kk", 12000, ""),
        ("https://predgorie.demo/", "newspaper", "city", "private", "ru", 15000, "urban"),
        ("https://dala-didary.demo/", "newspaper", "national", "state", "kk", 80000, ""),
        ("https://resp-vestnik.demo/", "newspaper", "national", "state", "ru", 95000, "politics"),
        ("https://delovaya-nedelya.demo/", "newspaper", "national", "private", "ru", 20000, "economy business"),
        ("https://ile-alqaby.demo/", "newspaper", "regional", "state", "kk ru", 9000, ""),
        ("https://keshki-sham.demo/", "newspaper", "city", "private", "ru", 7000, "culture"),
        ("https://medeu-meridian.demo/", "newspaper", "city", "state", "kk ru", 5000, "housing"),
        ("https://ustaz-uni.demo/", "newspaper", "national", "state", "kk", 40000, "education"),
        ("https://qala-men-adam.demo/", "magazine", "city", "private", "kk ru", 6000, "urban culture"),
        ("https://tau-zholy.demo/", "magazine", "national", "private", "ru en", 8000, "tourism"),
        ("https://aru-alemi.demo/", "magazine", "national", "private", "kk", 18000, "social culture"),
        ("https://birlik.demo/", "tv", "national", "state", "kk ru", 3500000, ""),
        ("https://samal-tv.demo/", "tv", "national", "private", "ru kk", 2100000, ""),
        ("https://shapagat.demo/", "tv", "national", "state", "kk", 1800000, ""),
        ("https://altyn-kopir.demo/", "tv", "national", "private", "ru", 1500000, ""),
        ("https://tau-city.demo/", "tv", "city", "state", "kk ru", 900000, ""),
        ("https://vostok7.demo/", "tv", "city", "private", "ru", 450000, ""),
        ("https://aray-tv.demo/", "tv", "regional", "private", "kk", 300000, ""),
        ("https://tanym-tv.demo/", "tv", "national", "state", "kk", 600000, "education culture"),
        ("https://tumar-fm.demo/", "radio", "city", "private", "kk", 250000, ""),
        ("https://shanyraq-radio.demo/", "radio", "national", "state", "kk ru", 1200000, ""),
        ("https://alatau-wave.demo/", "radio", "city", "private", "ru", 300000, ""),
        ("https://signal-fm.demo/", "radio", "city", "private", "ru", 120000, ""),
        ("https://keruen-fm.demo/", "radio", "regional", "private", "kk", 150000, ""),
        ("https://qala24.demo/", "online", "city", "private", "kk ru", 1400000, "urban"),
        ("https://sarap.demo/", "online", "national", "private", "kk", 600000, "politics economy"),
        ("https://orta-portal.demo/", "online", "national", "private", "ru kk", 2500000, ""),
        ("https://tangy-habar.demo/", "online", "national", "state", "kk", 800000, ""),
        ("https://gorodskoy-dozor.demo/", "online", "city", "private", "ru", 350000, "security"),
        ("https://steppe-signal.demo/", "online", "national", "private", "en ru", 200000, "politics"),
        ("https://news-alany.demo/", "online", "national", "private", "kk ru", 1100000, ""),
        ("https://ecopolis.demo/", "online", "city", "private", "ru kk", 90000, "ecology"),
        ("https://isker-qala.demo/", "online", "city", "private", "ru kk", 150000, "business economy"),
        ("https://sport-tau.demo/", "online", "national", "private", "kk ru", 400000, "sport"),
        ("https://shipager.demo/", "online", "national", "private", "kk ru", 250000, "health"),
        ("https://student-alany.demo/", "online", "city", "private", "kk ru", 70000, "education"),
        ("https://zhol-info.demo/", "online", "city", "private", "ru", 180000, "transport"),
        ("https://tsifrly-dala.demo/", "online", "national", "private", "ru kk", 160000, "digital business"),
        ("https://dala-inform.demo/", "agency", "national", "state", "kk ru en", 1900000, ""),
        ("https://kyran-inform.demo/", "agency", "national", "private", "ru kk en", 900000, ""),
        ("https://sholu.demo/", "agency", "national", "private", "ru", 500000, ""),
        ("https://ontustik-aqparat.demo/", "agency", "regional", "private", "ru kk", 150000, ""),
        ("https://t.demo/tau_zheli", "telegram", "city", "private", "ru kk", 180000, ""),
        ("https://t.demo/koshe_kz", "telegram", "city", "private", "kk", 95000, "urban"),
        ("https://t.demo/yuzhnaya_stolitsa_dorogi", "telegram", "city", "private", "ru", 140000, "transport"),
        ("https://t.demo/burkit_news", "telegram", "national", "private", "kk", 310000, "politics"),
        ("https://t.demo/derek_kz", "telegram", "national", "private", "kk ru", 220000, ""),
        ("https://t.demo/medeu_turgyndary", "telegram", "city", "private", "ru kk", 40000, "housing urban"),
        ("https://aliya-qala.demo/", "blog", "city", "private", "kk", 120000, "urban culture"),
        ("https://urbanist-notes.demo/", "blog", "city", "private", "ru", 60000, "urban transport"),
        ("https://foothills-vlog.demo/", "blog", "city", "private", "ru kk", 85000, "tourism ecology"),
        ("https://ata-analar.demo/", "blog", "city", "private", "ru kk", 50000, "education social"),
        ("https://caw.demo/almaty", "foreign_bureau", "foreign", "private", "en ru", None, "politics economy"),
        ("https://nordlicht.demo/", "foreign_bureau", "foreign", "state", "en ru", None, ""),
        ("https://eurasian-observer.demo/", "foreign_bureau", "foreign", "private", "ru", 2000000, ""),
        ("https://pacific-bc.demo/", "foreign_bureau", "foreign", "private", "en", None, ""),
        ("https://bosphorus-daily.demo/", "foreign_bureau", "foreign", "private", "en ru", None, "economy"),
    ]
]
NAMES = {  # website -> names in Kazakh, Russian and English
    "https://shahar-shugylasy.demo/": ("Шаһар шұғыласы", "Шахар шугыласы", "City Radiance"),
    "https://qala-shezhiresi.demo/": ("Қала шежіресі", "Городская летопись", "City Chronicle"),
    "https://kokzhiek.demo/": ("Көкжиек апталығы", "Еженедельник «Кокжиек»", "Kokzhiek Weekly"),
    "https://predgorie.demo/": ("Тау бөктері", "Предгорье", "Foothills"),
    "https://dala-didary.demo/": ("Дала дидары", "Лик степи", "Face of the Steppe"),
    "https://resp-vestnik.demo/": ("Республика жаршысы", "Республиканский вестник", "Republic Herald"),
    "https://delovaya-nedelya.demo/": ("Іскерлік апта", "Деловая неделя", "Business Week"),
    "https://ile-alqaby.demo/": ("Іле алқабы", "Илийская долина", "Ili Valley"),
    "https://keshki-sham.demo/": ("Кешкі шам", "Вечерний фонарь", "Evening Lantern"),
    "https://medeu-meridian.demo/": ("Медеу меридианы", "Медеуский меридиан", "Medeu Meridian"),
    "https://ustaz-uni.demo/": ("Ұстаз үні", "Голос учителя", "Teacher's Voice"),
    "https://qala-men-adam.demo/": ("Қала мен адам", "Город и люди", "City and People"),
    "https://tau-zholy.demo/": ("Тау жолы", "Горная тропа", "Mountain Trail"),
    "https://aru-alemi.demo/": ("Ару әлемі", "Мир Ару", "Aru World"),
    "https://birlik.demo/": ("«Бірлік» ұлттық арнасы", "Национальный канал «Бирлик»", "Birlik National TV"),
    "https://samal-tv.demo/": ("Самал ТВ", "Самал ТВ", "Samal TV"),
    "https://shapagat.demo/": ("Шапағат ТВ", "Шапагат ТВ", "Shapagat TV"),
    "https://altyn-kopir.demo/": ("Алтын көпір", "Золотой мост", "Golden Bridge TV"),
    "https://tau-city.demo/": ("Тау-Сити ТВ", "Тау-Сити ТВ", "Tau City TV"),
    "https://vostok7.demo/": ("Шығыс-7", "Восток-7", "Vostok-7"),
    "https://aray-tv.demo/": ("Арай ТВ", "Арай ТВ", "Aray TV"),
    "https://tanym-tv.demo/": ("Таным ТВ", "Таным ТВ", "Tanym TV"),
    "https://tumar-fm.demo/": ("Тұмар FM", "Тумар FM", "Tumar FM"),
    "https://shanyraq-radio.demo/": ("Шаңырақ радиосы", "Радио «Шанырак»", "Shanyrak Radio"),
    "https://alatau-wave.demo/": ("Алатау толқыны", "Волна Алатау", "Alatau Wave"),
    "https://signal-fm.demo/": ("Сигнал FM", "Сигнал FM", "Signal FM"),
    "https://keruen-fm.demo/": ("Керуен FM", "Керуен FM", "Keruen FM"),
    "https://qala24.demo/": ("Қала24", "Город24", "Qala24"),
    "https://sarap.demo/": ("Сарап", "Сарап", "Sarap"),
    "https://orta-portal.demo/": ("Орта порталы", "Портал «Орта»", "Orta Portal"),
    "https://tangy-habar.demo/": ("Таңғы хабар", "Утренняя весть", "Morning Report"),
    "https://gorodskoy-dozor.demo/": ("Қалалық күзет", "Городской дозор", "City Watch"),
    "https://steppe-signal.demo/": ("Дала белгісі", "Степной сигнал", "Steppe Signal"),
    "https://news-alany.demo/": ("Жаңалықтар алаңы", "Площадь новостей", "News Square"),
    "https://ecopolis.demo/": ("Экополис", "Экополис", "Ecopolis"),
    "https://isker-qala.demo/": ("Іскер қала", "Деловой город", "Business City"),
    "https://sport-tau.demo/": ("Спорт-Тау", "Спорт-Тау", "Sport-Tau"),
    "https://shipager.demo/": ("Шипагер", "Шипагер", "Shipager"),
    "https://student-alany.demo/": ("Студенттер алаңы", "Студенческая площадь", "Student Square"),
    "https://zhol-info.demo/": ("Жол-Ақпарат", "Дорога-Инфо", "Road Info"),
    "https://tsifrly-dala.demo/": ("Цифрлы дала", "Цифровая степь", "Digital Steppe"),
    "https://dala-inform.demo/": ("«Дала-Ақпарат» агенттігі", "Агентство «Дала-Информ»", "Dala Inform News Agency"),
    "https://kyran-inform.demo/": ("«Қыран-Ақпарат» агенттігі", "Агентство «Кыран-Информ»", "Kyran Inform Agency"),
    "https://sholu.demo/": ("«Шолу» ақпарат агенттігі", "Информационное агентство «Обзор»", "Sholu News Agency"),
    "https://ontustik-aqparat.demo/": ("Оңтүстік ақпарат бюросы", "Южное информбюро", "Southern Information Bureau"),
    "https://t.demo/tau_zheli": ("Тау желі", "Горный ветер", "Tau Wind"),
    "https://t.demo/koshe_kz": ("Көше", "Улица", "Koshe"),
    "https://t.demo/yuzhnaya_stolitsa_dorogi": (
        "Оңтүстік астана: жолдар",
        "Южная столица: дороги",
        "Southern Capital: Roads",
    ),
    "https://t.demo/burkit_news": ("Бүркіт", "Беркут", "Burkit"),
    "https://t.demo/derek_kz": ("Дерек", "Факт", "Derek"),
    "https://t.demo/medeu_turgyndary": ("Медеу тұрғындары", "Жители Медеу", "Medeu Residents"),
    "https://aliya-qala.demo/": ("Әлиямен қала туралы", "О городе с Алией", "City Talk with Aliya"),
    "https://urbanist-notes.demo/": ("Урбанист жазбалары", "Заметки урбаниста", "Urbanist's Notes"),
    "https://foothills-vlog.demo/": ("Тау баурайы влогы", "Влог предгорья", "Foothills Vlog"),
    "https://ata-analar.demo/": ("Ата-аналар чаты", "Родительский чат", "Parents' Chat"),
    "https://caw.demo/almaty": (
        "Central Asia Wire, Алматы бюросы",
        "Central Asia Wire, бюро в Алматы",
        "Central Asia Wire, Almaty bureau",
    ),
    "https://nordlicht.demo/": (
        "Nordlicht Rundfunk, Алматыдағы тілшілер қосыны",
        "Nordlicht Rundfunk, корпункт в Алматы",
        "Nordlicht Rundfunk, Almaty office",
    ),
    "https://eurasian-observer.demo/": (
        "«Еуразиялық шолушы», Алматы бюросы",
        "«Евразийский обозреватель», бюро в Алматы",
        "Eurasian Observer, Almaty bureau",
    ),
    "https://pacific-bc.demo/": (
        "Pacific Broadcasting, Алматы кеңсесі",
        "Pacific Broadcasting, офис в Алматы",
        "Pacific Broadcasting, Almaty office",
    ),
    "https://bosphorus-daily.demo/": (
        "Bosphorus Daily, Алматыдағы тілші",
        "Bosphorus Daily, корреспондент в Алматы",
        "Bosphorus Daily, Almaty correspondent",
    ),
}
# website -> (days ago it closed, website of the outlet it merged into or None, note)
ENDED = {
    "https://keshki-sham.demo/": (
        420,
        None,
        "Шығуын тоқтатты: баспагер газетті жапты, тілшілер басқа басылымдарға ауысты.",
    ),
    "https://signal-fm.demo/": (250, None, "Хабар таратуды тоқтатты: жиілік лицензиясының мерзімі бітті."),
    "https://t.demo/koshe_kz": (150, None, "Арна жаңартылмайды, әкімшілері жауап бермейді."),
    "https://gorodskoy-dozor.demo/": (300, "https://qala24.demo/", "Редакциясымен бірге «Қала24» құрамына қосылды."),
}
REACH_SOURCES = {
    "newspaper": "Шығу деректеріндегі таралым",
    "magazine": "Шығу деректеріндегі таралым",
    "tv": "Телеөлшеу панелі, айлық қамту",
    "radio": "Радиотыңдармандарды зерттеу, апталық қамту",
    "online": "Сайт статистикасы, айына бірегей оқырман",
    "agency": "Сайт статистикасы, айына бірегей оқырман",
    "telegram": "Telegram арнасының жазылушылары",
    "blog": "Әлеуметтік желілердегі жазылушылар",
    "foreign_bureau": "Басылымның өз деректері",
}
STAFF_SIZE = {"tv": 14, "agency": 11, "newspaper": 7, "online": 7, "radio": 5, "magazine": 4, "foreign_bureau": 3}
STAFF_SIZE |= {"telegram": 2, "blog": 1}

BEAT_WEIGHTS = {
    "politics": 3, "economy": 3, "transport": 2, "urban": 2, "housing": 2, "ecology": 2, "health": 2, "education": 2,
    "social": 3, "culture": 2, "sport": 1, "security": 2, "emergencies": 1, "digital": 1, "business": 2, "tourism": 1,
}  # fmt: skip

KAZAKH_MEN = (
    "Арман Асхат Айбек Бауыржан Ерлан Нұрлан Дәулет Ержан Санжар Данияр Мирас Әлихан Ернар Қайрат Серік Талғат "
    "Ғалым Мұрат Азамат Жандос Бекзат Ілияс Рустем Темірлан Әділет Олжас Саят Дархан Ринат Бақытжан"
).split()
KAZAKH_WOMEN = (
    "Айгерім Әсел Гүлнар Жұлдыз Динара Мадина Ақмарал Аружан Балжан Дана Салтанат Сәуле Гүлмира Ләззат Назерке "
    "Томирис Жанар Перизат Айдана Камила Інкәр Меруерт Әлия Айжан Зарина Аяжан"
).split()
KAZAKH_FATHERS = (
    "Нұрлан Серік Ерлан Марат Бауыржан Қайрат Болат Ғалым Мұрат Талғат Дәулет Асқар Ержан Бақыт Нұржан".split()
)
# (father's name the surname comes from, the surname in its -ов/-ев form)
KAZAKH_SURNAMES = [
    ("Ахмет", "Ахметов"), ("Омар", "Омаров"), ("Қасым", "Қасымов"), ("Нұржан", "Нұржанов"), ("Серік", "Серіков"),
    ("Төлеген", "Төлегенов"), ("Жұмабай", "Жұмабаев"), ("Сәрсенбай", "Сәрсенбаев"), ("Байжан", "Байжанов"),
    ("Ермек", "Ермеков"), ("Есенжол", "Есенжолов"), ("Мұқан", "Мұқанов"), ("Әбдірахман", "Әбдірахманов"),
    ("Сүлеймен", "Сүлейменов"), ("Ибрай", "Ибраев"), ("Исабек", "Исабеков"), ("Оспан", "Оспанов"),
    ("Құдайберген", "Құдайбергенов"), ("Смағұл", "Смағұлов"), ("Тұрсын", "Тұрсынов"), ("Иманғали", "Иманғалиев"),
    ("Әлім", "Әлімов"), ("Қожахмет", "Қожахметов"), ("Дүйсенбай", "Дүйсенбаев"), ("Шәріп", "Шәріпов"),
    ("Тәжібай", "Тәжібаев"), ("Рахым", "Рахымов"), ("Жақып", "Жақыпов"), ("Қали", "Қалиев"), ("Мырзахмет", "Мырзахметов"),
    ("Бекмырза", "Бекмырзаев"), ("Өтеген", "Өтегенов"), ("Үсен", "Үсенов"), ("Жолдас", "Жолдасов"), ("Ізбасар", "Ізбасаров"),
]  # fmt: skip
RUSSIAN_MEN = (
    "Александр Дмитрий Сергей Андрей Алексей Максим Евгений Игорь Николай Владимир Павел Роман Денис Виктор".split()
)
RUSSIAN_WOMEN = (
    "Елена Ольга Наталья Татьяна Анна Мария Екатерина Ирина Светлана Юлия Анастасия Дарья Виктория Ксения".split()
)
RUSSIAN_FATHERS = [
    ("Сергеевич", "Сергеевна"), ("Александрович", "Александровна"), ("Владимирович", "Владимировна"),
    ("Николаевич", "Николаевна"), ("Игоревич", "Игоревна"), ("Викторович", "Викторовна"), ("Юрьевич", "Юрьевна"),
]  # fmt: skip
# (man, woman): Russian, Ukrainian, Korean, Tatar and Uyghur surnames common in Almaty.
RUSSIAN_SURNAMES = [
    ("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова"),
    ("Васильев", "Васильева"), ("Соколов", "Соколова"), ("Михайлов", "Михайлова"), ("Новиков", "Новикова"),
    ("Фёдоров", "Фёдорова"), ("Морозов", "Морозова"), ("Волков", "Волкова"), ("Лебедев", "Лебедева"),
    ("Егоров", "Егорова"), ("Павлов", "Павлова"), ("Козлов", "Козлова"), ("Орлов", "Орлова"), ("Никитин", "Никитина"),
    ("Захаров", "Захарова"), ("Зайцев", "Зайцева"), ("Борисов", "Борисова"), ("Яковлев", "Яковлева"),
    ("Шевченко", "Шевченко"), ("Бондаренко", "Бондаренко"), ("Ткаченко", "Ткаченко"), ("Лысенко", "Лысенко"),
    ("Ким", "Ким"), ("Цой", "Цой"), ("Пак", "Пак"), ("Ли", "Ли"), ("Хасанов", "Хасанова"), ("Сабиров", "Сабирова"),
    ("Ахмеджанов", "Ахмеджанова"), ("Юсупов", "Юсупова"),
]  # fmt: skip
FOREIGN_NAMES = [
    "Thomas Brandt", "Claire Dubois", "Mark Ellison", "Anna Lindqvist", "Jan Nowicki", "Kenji Mori", "Elif Demir",
    "Sarah Whitfield", "Lukas Weber", "Mehmet Aydin", "Olivia Grant", "Pierre Morel",
]  # fmt: skip

# Russian spellings that are not letter-for-letter: Асель, not Асел.
RU_SPELLING = {
    "Әсел": "Асель", "Гүлнар": "Гульнар", "Гүлмира": "Гульмира", "Інкәр": "Инкар", "Ілияс": "Ильяс", "Әділ": "Адиль",
    "Бақытжан": "Бахытжан", "Бақыт": "Бахыт",
}  # fmt: skip
KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n", "о": "o", "ө": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "і": "i", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
VOWELS = set("аәеёиоөуұүыіэюя")

TITLES = {
    "kk": {
        "chief": "бас редактор",
        "newspaper": ["тілші", "тілші", "тілші", "шолушы", "редактор", "бөлім редакторы", "фототілші"],
        "tv": ["тілші", "тілші", "тілші", "тележурналист", "жүргізуші", "продюсер", "редактор"],
        "radio": ["жүргізуші", "тілші", "редактор"],
        "online": ["тілші", "тілші", "шолушы", "редактор", "жаңалықтар редакторы"],
    },
    "ru": {
        "chief": "главный редактор",
        "newspaper": [
            "корреспондент",
            "корреспондент",
            "корреспондент",
            "обозреватель",
            "редактор",
            "фотокорреспондент",
        ],
        "tv": ["корреспондент", "корреспондент", "корреспондент", "тележурналист", "ведущий", "продюсер", "редактор"],
        "radio": ["ведущий", "корреспондент", "редактор"],
        "online": ["корреспондент", "корреспондент", "обозреватель", "редактор", "выпускающий редактор"],
    },
    "en": {"chief": "editor-in-chief", "online": ["correspondent", "reporter", "editor"]},
}
SPECIAL_TITLES = {  # kind -> language -> (first person's title, everyone else's)
    "telegram": {"kk": ("арна әкімшісі", "арна редакторы"), "ru": ("администратор канала", "редактор канала")},
    "blog": {"kk": ("автор", "автор"), "ru": ("автор", "автор")},
    "foreign_bureau": {"en": ("bureau chief", "correspondent"), "ru": ("руководитель бюро", "корреспондент")},
}
# origin -> chance of working in each other language
OTHER_LANGUAGES = {"kk": {"ru": 0.9, "en": 0.15}, "ru": {"kk": 0.15, "en": 0.15}, "foreign": {"ru": 0.5}}
MAIL_HOSTS = ["pochta.demo", "inbox.demo", "mail-kz.demo", "hat.demo"]
MOBILE_PREFIXES = ["700", "701", "702", "705", "707", "708", "747", "771", "775", "776", "777", "778"]

TRUST_REASONS = [
    "Әкімнің жыл сайынғы есебін бірнеше жыл қатарынан жариялады, эмбаргоны бір рет те бұзған жоқ.",
    "Көлік реформасы бойынша брифингтерге тұрақты қатысады, дәйексөздерді алдын ала келіседі.",
    "Су тасқыны кезінде жедел әрі дәл ақпарат таратты, қауесетті жоққа шығаруға көмектесті.",
    "Экология тақырыбында сараптамалық материалдар дайындайды, жауап беру құқығын сақтайды.",
    "Арнаның әкімдіктегі тұрақты тілшісі, баспасөз орталығында аккредиттелген.",
    "Агенттіктің қала бойынша жетекші тілшісі, эмбаргодағы материалдармен жұмыс тәжірибесі бар.",
    "Наурыз мерекесіндегі іс-шараларды бірнеше жыл жарықтандырды, ешқандай шағым түскен жоқ.",
    "Денсаулық сақтау тақырыбында дербес деректерді жарияламау талабын мұқият сақтайды.",
]
FREELANCE_NOTE = "Штаттан тыс журналист: бірнеше басылыммен келісімшарт бойынша жұмыс істейді."
LEFT_NOTE = "Журналистикадан кетті, мекеме баспасөз қызметіне ауысты; байланыстары жаңартылмаған."
TWIN_NOTE = "Аккредиттеу өтінімдерінің тізімінен енгізілген."

# Each pair is one person entered twice: (first record, second record, shared email, outlet of the first record).
TWINS = [
    ("Айгерім Бекмұхамбетова", "Aigerim Bekmukhambetova", "a.bekmukhambetova@birlik.demo", "https://birlik.demo/"),
    ("Жұлдыз Сәрсенбаева", "Жулдыз Сарсенбаева", "zhs.1988@pochta.demo", "https://news-alany.demo/"),
    ("Ерлан Нұржанов", "Erlan Nurzhanov", "erlan.n@inbox.demo", "https://dala-inform.demo/"),
]

# (kind, website, names, [(contact person, position)])
PARTNERS = [
    (
        "rights",
        "https://ashyq-soz.demo/",
        {
            "kk": "«Ашық сөз» журналистер құқығын қорғау қоры",
            "ru": "Фонд защиты прав журналистов «Открытое слово»",
            "en": "Open Word Foundation for Journalists’ Rights",
        },
        [("Ғалия Мұқанова", "заңгер"), ("Виктор Лазаренко", "директор")],
    ),
    (
        "rights",
        "https://erkin-baspasoz.demo/",
        {
            "kk": "«Еркін баспасөз» медиа-құқықтық орталығы",
            "ru": "Медиаправовой центр «Свободная пресса»",
            "en": "Free Press Media Law Centre",
        },
        [("Асқар Жолдасов", "бағдарлама үйлестірушісі")],
    ),
    (
        "authority",
        "https://police-almaty.demo/",
        {
            "kk": "Алматы қаласы Полиция департаментінің баспасөз қызметі",
            "ru": "Пресс-служба Департамента полиции города Алматы",
            "en": "Press service of the Almaty City Police Department",
        },
        [("Марат Исабеков", "баспасөз хатшысы"), ("Светлана Орлова", "баспасөз қызметінің маманы")],
    ),
    (
        "authority",
        "https://tzhd-almaty.demo/",
        {
            "kk": "Алматы қаласы Төтенше жағдайлар департаментінің баспасөз қызметі",
            "ru": "Пресс-служба Департамента по чрезвычайным ситуациям города Алматы",
            "en": "Press service of the Almaty Emergency Situations Department",
        },
        [("Ержан Тұрсынов", "ресми өкіл")],
    ),
    (
        "authority",
        "https://maslikhat-almaty.demo/",
        {
            "kk": "Алматы қалалық мәслихатының баспасөз қызметі",
            "ru": "Пресс-служба маслихата города Алматы",
            "en": "Press service of the Almaty City Maslikhat",
        },
        [("Динара Өтегенова", "баспасөз хатшысы")],
    ),
    (
        "ngo",
        "https://kokoray.demo/",
        {
            "kk": "«Көкорай» экологиялық бастамасы",
            "ru": "Экологическая инициатива «Кокорай»",
            "en": "Kokoray Environmental Initiative",
        },
        [("Анна Лысенко", "үйлестіруші"), ("Саят Ізбасаров", "сарапшы")],
    ),
    (
        "ngo",
        "https://meyirim-kopiri.demo/",
        {
            "kk": "«Мейірім көпірі» қайырымдылық қоры",
            "ru": "Благотворительный фонд «Мост милосердия»",
            "en": "Bridge of Kindness Charity Foundation",
        },
        [("Гүлмира Рахымова", "қор төрайымы")],
    ),
    (
        "firm",
        "https://derekter-media.demo/",
        {"kk": "«Деректер Медиа» ЖШС", "ru": "ТОО «Деректер Медиа»", "en": "Derekter Media LLP"},
        [("Роман Ткаченко", "мониторинг бөлімінің басшысы")],
    ),
    (
        "international",
        "https://camex.demo/",
        {
            "kk": "Орталық Азия медиа-алмасу бағдарламасы",
            "ru": "Программа медиаобмена «Центральная Азия»",
            "en": "Central Asia Media Exchange Programme",
        },
        [("Claire Dubois", "programme officer")],
    ),
]

# (keeping unit, name, description, criteria)
SEGMENTS = [
    (
        "mobility",
        "Қазақ тіліндегі ТВ мен интернет-басылымдар: қала және республика, көлік",
        "Жол жөндеу, қоғамдық көлік және велоинфрақұрылым туралы хабарламалар осы тізімге жіберіледі.",
        {
            "outlet_kinds": ["tv", "online"],
            "outlet_levels": ["city", "national"],
            "outlet_languages": ["kk"],
            "beats": ["transport"],
        },
    ),
    (
        HOME_UNIT,
        "Сенімді журналистер: эмбаргодағы материалдар",
        "Эмбаргомен жіберілетін материалдар тек осы тізімге жіберіледі.",
        {"trusted": "yes", "with_email": True},
    ),
    (
        HOME_UNIT,
        "Экология: орыс тілінде жазатын журналистер",
        "Ауа сапасы, көгалдандыру және қоқыс шығару туралы материалдар.",
        {"beats": ["ecology"], "languages": ["ru"]},
    ),
    (
        HOME_UNIT,
        "Ақпарат агенттіктері мен шетелдік бюролар",
        "Әкімнің есебі мен ірі жобалар туралы жедел хабарламалар.",
        {"outlet_kinds": ["agency", "foreign_bureau"], "with_email": True},
    ),
]


# The plan: the whole world as data, drawn before anything is written --------------------------------------------


@dataclass
class Job:
    outlet: str | None  # website; None: the person left
    title: str
    on: datetime.date | None


@dataclass
class Person:
    full_name: str
    variants: list[str]
    languages: list[str]
    preferred: str
    beats: list[str]
    contacts: list[ContactInput]
    consent_basis: str
    consent_on: datetime.date | None
    unit: str = HOME_UNIT
    jobs: list[Job] = field(default_factory=list)
    trust_reason: str = ""
    notes: str = ""
    chief: bool = False


@dataclass
class Name:
    full_name: str
    variants: list[str]
    first_latin: str
    last_latin: str
    origin: str  # "kk", "ru" or "foreign"


def latin(text: str) -> str:
    """Passport-style Latin for a Kazakh or Russian name: Айгерім -> Aigerim, Жұлдыз -> Zhuldyz."""
    out = []
    lower = text.lower()
    for i, char in enumerate(lower):
        if char == "й" and 0 < i < len(lower) - 1 and lower[i - 1] in VOWELS and lower[i + 1] not in VOWELS:
            piece = "i"  # Айгерім -> Aigerim, but Сергей -> Sergey
        else:
            piece = LATIN.get(char, char)
        out.append(piece.capitalize() if text[i].isupper() else piece)
    return "".join(out)


def russian(text: str) -> str:
    """The Russian spelling of a Kazakh name: Жұлдыз -> Жулдыз."""
    return " ".join(RU_SPELLING.get(word, word.translate(KK_TO_RU)) for word in text.split())


def random_name(rng: random.Random, origin: str, script: str = "kk") -> Name:
    """A person's name with its other spellings; ``origin`` is "kk", "ru" or "foreign".

    ``script`` "kk" spells a Kazakh name the Kazakh way (Жұлдыз), "ru" the Russian way (Жулдыз).
    """
    woman = rng.random() < 0.55
    if origin == "foreign":
        full = rng.choice(FOREIGN_NAMES)
        first, last = full.split()
        return Name(full, [], first, last, origin)
    if origin == "kk":
        return _kazakh_name(rng, woman, script)
    return _russian_name(rng, woman)


def _kazakh_name(rng: random.Random, woman: bool, script: str) -> Name:
    first = rng.choice(KAZAKH_WOMEN if woman else KAZAKH_MEN)
    father = rng.choice(KAZAKH_FATHERS)
    stem, surname = rng.choice(KAZAKH_SURNAMES)
    form = rng.random()
    if form < 0.7:
        last = surname + ("а" if woman else "")
    elif form < 0.9:
        last = stem + ("қызы" if woman else "ұлы")
    else:
        last = stem
    middle = ""
    if rng.random() < 0.35 and not last.endswith(("ұлы", "қызы")):
        middle = father + ("қызы" if woman else "ұлы")
    kazakh = " ".join(w for w in (first, middle, last) if w)
    ru_middle = russian(father) + ("овна" if woman else "ович")
    in_russian = " ".join(w for w in (russian(first), ru_middle if middle else "", russian(last)) if w)
    full, other = (kazakh, in_russian) if script == "kk" else (in_russian, kazakh)
    variants = []
    if other != full and rng.random() < 0.35:
        variants.append(other)
    if rng.random() < 0.25:
        variants.append(f"{latin(russian(first))} {latin(russian(last))}")
    if rng.random() < 0.12:
        variants.append(f"{latin(russian(first))} {latin(ru_middle)}")  # a byline such as "Aigerim Nurlanovna"
    return Name(full, variants, latin(russian(first)), latin(russian(last)), "kk")


def _russian_name(rng: random.Random, woman: bool) -> Name:
    first = rng.choice(RUSSIAN_WOMEN if woman else RUSSIAN_MEN)
    man_last, woman_last = rng.choice(RUSSIAN_SURNAMES)
    last = woman_last if woman else man_last
    middle = rng.choice(RUSSIAN_FATHERS)[1 if woman else 0] if rng.random() < 0.3 else ""
    full = " ".join(w for w in (first, middle, last) if w)
    variants = [f"{latin(first)} {latin(last)}"] if rng.random() < 0.15 else []
    return Name(full, variants, latin(first), latin(last), "ru")


class Planner:
    """Draws the demo world from one seeded generator, keeping names, emails and phones unique."""

    def __init__(self, today: datetime.date):
        self.rng = random.Random(SEED)
        self.today = today
        staff = [row[1] for row in core_demo.STAFF] + [core_demo.JOURNALIST[1]]
        self.taken = {self._key(name) for name in staff}
        self.taken |= {self._key(name) for pair in TWINS for name in pair[:2]}
        self.emails = {pair[2] for pair in TWINS}
        self.phones: set[str] = set()

    @staticmethod
    def _key(full_name: str) -> str:
        words = latin(russian(full_name)).lower().split()
        return f"{words[0]} {words[-1]}"

    def days_ago(self, low: int, high: int) -> datetime.date:
        return self.today - datetime.timedelta(days=self.rng.randint(low, high))

    def name(self, origin: str, script: str) -> Name:
        """A name no one in the demo has yet (across spellings)."""
        while True:
            if origin == "foreign" and all(self._key(n) in self.taken for n in FOREIGN_NAMES):
                origin = "ru"
            name = random_name(self.rng, origin, script)
            key = self._key(name.full_name)
            if key not in self.taken:
                self.taken.add(key)
                return name

    def email(self, name: Name, host: str | None) -> str:
        first, last = name.first_latin.lower(), name.last_latin.lower()
        local = (
            f"{first[0]}.{last}"
            if host
            else self.rng.choice([f"{first}.{last}", f"{first}{last[0]}", f"{last}.{first}"])
        )
        host = host or self.rng.choice(MAIL_HOSTS)
        address, number = f"{local}@{host}", 1
        while address in self.emails:
            number += 1
            address = f"{local}{number}@{host}"
        self.emails.add(address)
        return address

    def mobile(self) -> str:
        while True:
            prefix, rest = self.rng.choice(MOBILE_PREFIXES), f"{self.rng.randint(2000000, 9999999)}"
            if prefix + rest not in self.phones:
                self.phones.add(prefix + rest)
                break
        style = self.rng.random()
        if style < 0.6:
            return f"+7 {prefix} {rest[:3]} {rest[3:5]} {rest[5:]}"
        if style < 0.85:
            return f"8 ({prefix}) {rest[:3]}-{rest[3:5]}-{rest[5:]}"
        return f"8{prefix}{rest}"

    def confirmed(self) -> datetime.date | None:
        roll = self.rng.random()
        if roll < 0.7:
            return self.days_ago(3, 350)
        if roll < 0.9:
            return self.days_ago(380, 900)  # stale: nobody has checked it for more than a year
        return None

    def beats(self, focus: str) -> list[str]:
        chosen = focus.split()[: self.rng.randint(1, 2)] if focus else []
        codes, weights = list(BEAT_WEIGHTS), list(BEAT_WEIGHTS.values())
        for _ in range(self.rng.choice([1, 1, 2, 2, 3]) - len(chosen)):
            code = self.rng.choices(codes, weights)[0]
            if code not in chosen:
                chosen.append(code)
        return chosen or [self.rng.choices(codes, weights)[0]]

    def person(self, outlet: OutletRow | None, *, script: str | None = None) -> Person:
        rng = self.rng
        outlet_languages = outlet.languages.split() if outlet else ["kk", "ru"]
        main = outlet_languages[0]
        if outlet and outlet.kind == "foreign_bureau" and rng.random() < 0.4:
            origin = "foreign"
        else:
            origin = "kk" if rng.random() < {"kk": 0.92, "ru": 0.5, "en": 0.6}[main] else "ru"
        if script is None:
            script = "kk" if main == "kk" or rng.random() < 0.4 else "ru"
        name = self.name(origin, script)
        languages = [origin if origin != "foreign" else "en"]
        for code, chance in OTHER_LANGUAGES[origin].items():
            if rng.random() < chance:
                languages.append(code)
        if main not in languages and origin != "foreign":
            languages.append(main)
        preferred = main if main in languages else languages[0]
        host = (
            urlsplit(outlet.website).hostname if outlet and outlet.kind not in ("telegram", "foreign_bureau") else None
        )
        contacts = []
        if rng.random() < 0.85:
            contacts.append(ContactInput(ContactKind.EMAIL, self.email(name, host), "", self.confirmed()))
            if host and rng.random() < 0.3:
                contacts.append(ContactInput(ContactKind.EMAIL, self.email(name, None), "жеке", self.confirmed()))
        if rng.random() < 0.8:
            contacts.append(ContactInput(ContactKind.PHONE, self.mobile(), "ұялы", self.confirmed()))
        if rng.random() < 0.15:
            handle = f"@{name.first_latin.lower()}_{name.last_latin.lower()}"
            contacts.append(ContactInput(ContactKind.MESSENGER, handle, "Telegram", self.confirmed()))
        basis = rng.choices(list(ConsentBasis.values), [3, 1.5, 2.5, 3])[0]
        consent_on = None if basis == ConsentBasis.PUBLIC_CONTACT else self.days_ago(30, 1200)
        unit = rng.choice(DEFAULT_UNITS) if rng.random() < 0.1 else HOME_UNIT
        return Person(
            full_name=name.full_name,
            variants=name.variants,
            languages=languages,
            preferred=preferred,
            beats=self.beats(outlet.topics if outlet else ""),
            contacts=contacts,
            consent_basis=basis,
            consent_on=consent_on,
            unit=unit,
        )

    def title(self, outlet: OutletRow, first: bool) -> str:
        kind, language = outlet.kind, outlet.languages.split()[0]
        if kind in SPECIAL_TITLES:
            titles = SPECIAL_TITLES[kind]
            chief, other = titles.get(language) or next(iter(titles.values()))
            return chief if first else other
        titles = TITLES[language]
        if first:
            return titles["chief"]
        return self.rng.choice(titles.get(kind) or titles["online"])

    def plan(self) -> list[Person]:
        rng = self.rng
        active = [o for o in OUTLETS if o.website not in ENDED]
        people: list[Person] = []
        for outlet in active:
            size = STAFF_SIZE[outlet.kind]
            size = max(1, size + rng.randint(-2, 2)) if size > 2 else size
            for number in range(size):
                person = self.person(outlet)
                person.jobs = [Job(outlet.website, self.title(outlet, number == 0), self.days_ago(60, 4000))]
                person.chief = number == 0
                if number and rng.random() < 0.18:  # came here from another outlet
                    before = rng.choice([o for o in active if o is not outlet])
                    moved = self.days_ago(30, 800)
                    person.jobs = [
                        Job(before.website, self.title(before, False), self.days_ago(900, 3500)),
                        Job(outlet.website, person.jobs[0].title, moved),
                    ]
                people.append(person)
        # The staff of outlets that closed or merged went somewhere else on that day; some left the trade.
        for website, (days, merged_into, _note) in ENDED.items():
            outlet = next(o for o in OUTLETS if o.website == website)
            for number in range(rng.randint(3, 5)):
                person = self.person(outlet)
                closed_on = self.today - datetime.timedelta(days=days)
                if merged_into:
                    after = next(o for o in OUTLETS if o.website == merged_into)
                elif number == 0:
                    after = None
                else:
                    same_language = [o for o in active if o.languages.split()[0] == outlet.languages.split()[0]]
                    after = rng.choice(same_language)
                person.jobs = [
                    Job(website, self.title(outlet, number == 0), self.days_ago(days + 200, days + 3000)),
                    Job(after.website if after else None, self.title(after, False) if after else "", closed_on),
                ]
                if after is None:
                    person.notes = LEFT_NOTE
                people.append(person)
        staff = [p for p in people if len(p.jobs) == 1 and not p.chief and p.jobs[0].on < self.today]
        for person in rng.sample(staff, 4):  # moved to a press service
            days = (self.today - person.jobs[0].on).days
            person.jobs.append(Job(None, "", person.jobs[0].on + datetime.timedelta(days=rng.randint(1, days))))
            person.notes = LEFT_NOTE
        for _ in range(6):
            person = self.person(None)
            person.notes = FREELANCE_NOTE
            people.append(person)
        people.extend(self.twins())
        self.trust(people)
        return people

    def twins(self) -> list[Person]:
        people = []
        for first_name, second_name, email, website in TWINS:
            outlet = next(o for o in OUTLETS if o.website == website)
            first = self.person(outlet, script="kk")
            first.full_name, first.variants = first_name, []
            first.contacts = [ContactInput(ContactKind.EMAIL, email, "", self.days_ago(30, 200))]
            first.jobs = [Job(website, self.title(outlet, False), self.days_ago(400, 2000))]
            second = self.person(outlet)
            second.full_name, second.variants, second.notes = second_name, [], TWIN_NOTE
            second.contacts = [ContactInput(ContactKind.EMAIL, email)]
            second.beats, second.languages = first.beats[:1], first.languages
            people.extend([first, second])
        return people

    def trust(self, people: list[Person]) -> None:
        candidates = [
            p
            for p in people
            if p.jobs and p.jobs[-1].outlet and not p.notes and p.consent_basis != ConsentBasis.PUBLIC_CONTACT
        ]
        for number, person in enumerate(self.rng.sample(candidates, 25)):
            person.trust_reason = TRUST_REASONS[number % len(TRUST_REASONS)]


# Writing the plan through the services ---------------------------------------------------------------------------


@transaction.atomic
def load(units: dict[str, Unit]) -> dict[str, int]:
    """The demo directory for the units of core's demo; finds what an earlier run made."""
    today = timezone.localdate()
    outlets = _outlets(units[HOME_UNIT], today)
    beats = {beat.code: beat for beat in Beat.objects.all()}
    existing = set(Journalist.objects.values_list("full_name", flat=True))
    planner = Planner(today)
    for person in planner.plan():
        if person.full_name not in existing:
            _journalist(person, units, outlets, beats)
    for website, (days, merged_into, note) in ENDED.items():
        outlet = outlets[website]
        if outlet.status == OutletStatus.ACTIVE:
            services.outlet_close(
                actor=None,
                outlet=outlet,
                on=today - datetime.timedelta(days=days),
                merged_into=outlets[merged_into] if merged_into else None,
                note=note,
            )
    _partners(units[HOME_UNIT], planner)
    for unit_code, name, description, criteria in SEGMENTS:
        if not Segment.objects.filter(unit=units[unit_code], name=name).exists():
            services.segment_save(
                actor=None, unit=units[unit_code], name=name, description=description, criteria=criteria
            )
    return {
        "outlets": Outlet.objects.count(),
        "journalists": Journalist.objects.present().count(),
        "trusted journalists": Journalist.objects.trusted().count(),
        "partners": Partner.objects.count(),
        "segments": Segment.objects.count(),
    }


def register() -> None:
    """Called from the directory app's ready(): ``pressdesk demo`` then fills the directory too."""
    core_demo.register_loader(load)


def _outlets(unit: Unit, today: datetime.date) -> dict[str, Outlet]:
    found = {o.website: o for o in Outlet.objects.filter(website__in=[row.website for row in OUTLETS])}
    rng = random.Random(SEED)
    for website, kind, level, ownership, languages, reach, _topics in OUTLETS:
        reach_date = today - datetime.timedelta(days=rng.randint(30, 400))
        phone = f"+7 727 {rng.randint(220, 399)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
        if website in found:
            continue
        host = urlsplit(website).hostname
        handle = website.rstrip("/").split("/")[-1].split(".")[0].replace("-", "_")
        if kind == "telegram":  # monitoring reads a channel through a feed bridge
            contacts = [ContactInput(ContactKind.MESSENGER, "@" + handle, "Telegram")]
            feeds = [f"https://rss-bridge.demo/telegram/{handle}"]
        elif kind == "blog":
            contacts = [ContactInput(ContactKind.MESSENGER, "@" + handle, "Telegram")]
            contacts.append(ContactInput(ContactKind.EMAIL, f"hello@{host}", "", reach_date))
            feeds = [f"https://{host}/feed/"]
        else:
            contacts = [ContactInput(ContactKind.PHONE, phone, "қабылдау бөлмесі", reach_date)]
            contacts.append(ContactInput(ContactKind.EMAIL, f"info@{host}", "редакция", reach_date))
            feeds = [f"https://{host}/rss.xml"]
            feeds += [f"https://{host}/{code}/rss.xml" for code in languages.split()[1:2]]
        found[website] = services.outlet_create(
            actor=None,
            unit=unit,
            names=dict(zip(("kk", "ru", "en"), NAMES[website], strict=True)),
            kind=kind,
            level=level,
            ownership=ownership,
            languages=languages.split(),
            feeds=feeds,
            contacts=contacts,
            reach=reach,
            reach_source=REACH_SOURCES[kind] if reach else "",
            reach_date=reach_date if reach else None,
            website=website,
        )
    # With their names at hand: audit entries and moves name the outlet without a query each time.
    return {o.website: o for o in Outlet.objects.filter(pk__in=[o.pk for o in found.values()]).with_names()}


def _journalist(person: Person, units: dict[str, Unit], outlets: dict[str, Outlet], beats: dict[str, Beat]) -> None:
    first, *later = person.jobs or [None]
    journalist = services.journalist_create(
        actor=None,
        unit=units[person.unit],
        full_name=person.full_name,
        consent_basis=person.consent_basis,
        languages=person.languages,
        beats=[beats[code] for code in person.beats],
        contacts=person.contacts,
        outlet=outlets[first.outlet] if first else None,
        title=first.title if first else "",
        since=first.on if first else None,
        name_variants="\n".join(person.variants),
        preferred_language=person.preferred,
        consent_on=person.consent_on,
        notes=person.notes,
    )
    for job in later:
        services.journalist_move(
            actor=None,
            journalist=journalist,
            outlet=outlets[job.outlet] if job.outlet else None,
            title=job.title,
            on=job.on,
        )
    if person.trust_reason:
        services.journalist_trust(actor=None, journalist=journalist, trusted=True, reason=person.trust_reason)


def _partners(unit: Unit, planner: Planner) -> None:
    found = {p.website: p for p in Partner.objects.filter(website__in=[website for _kind, website, *_rest in PARTNERS])}
    for kind, website, names, people in PARTNERS:
        partner = found.get(website) or services.partner_save(
            actor=None, unit=unit, names=names, kind=kind, website=website
        )
        host = urlsplit(website).hostname
        for full_name, position in people:
            first, last = (latin(russian(word)) for word in full_name.split()[:2])
            email, phone = f"{first[0]}.{last}@{host}".lower(), planner.mobile()
            if PartnerPerson.objects.filter(partner=partner, full_name=full_name).exists():
                continue
            contacts = [ContactInput(ContactKind.EMAIL, email), ContactInput(ContactKind.PHONE, phone, "ұялы")]
            services.partner_person_add(
                actor=None, partner=partner, full_name=full_name, position=position, contacts=contacts
            )

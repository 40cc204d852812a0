"""The demo media directory as data: outlets, names, partners and segments of a made-up Almaty."""

from __future__ import annotations

from typing import NamedTuple

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

"""What the demo season of events is about: topics in Kazakh and Russian, who speaks, where.

Speakers are demo staff (by the local part of their demo email) or external
people (a name and how they are introduced). Every person here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass

# Venues: (key, unit code, {language: name}, address, seats)
VENUES = [
    (
        "press",
        "almaty-akimat",
        {"kk": "Әкімдіктің баспасөз орталығы", "ru": "Пресс-центр акимата", "en": "Akimat press centre"},
        "Алматы, Республика алаңы, 4, 2-қабат",
        40,
    ),
    (
        "hall",
        "medeu",
        {"kk": "Медеу ауданы әкімдігінің мәжіліс залы", "ru": "Зал заседаний акимата Медеуского района"},
        "Алматы, Зенков көшесі, 39",
        120,
    ),
]

METRO = ("Ерлан Сәрсенов", "«Алматы метрополитені» бас инженері")
ECOLOGIST = ("Ирина Полякова", "эколог, қоғамдық кеңес мүшесі")
TRANSPORT = ("Асхат Дүйсенов", "«Алматыэлектртранс» директоры")
DOCTOR = ("Гүлмира Исаева", "дәрігер-эпидемиолог")
TRAINER = ("Марат Жақыпов", "журналистика пәнінің оқытушысы")


@dataclass(frozen=True)
class Occasion:
    days: int  # from today: negative in the past
    hour: int
    kind: str
    unit: str
    venue: str | None  # a venue key, "online", or None (an interview at the speaker's office)
    kk: str
    ru: str
    speakers: tuple = ()  # staff local parts or (name, position)
    public: bool = True
    capacity: int | None = None
    cancelled: str = ""  # the reason, for a cancelled event
    registrations: int = 0  # for the coming ones


P, B, IV, T, A, R, S, L = (
    "press_conference",
    "briefing",
    "interview",
    "press_tour",
    "public_action",
    "round_table",
    "seminar",
    "live_broadcast",
)

PAST = [
    Occasion(
        -88, 11, P, "almaty-akimat", "press", "Қаланың 2026 жылғы бюджеті", "Бюджет города на 2026 год", ("akim",)
    ),
    Occasion(
        -85,
        11,
        B,
        "mobility",
        "press",
        "Жаңа автобус бағыттары",
        "Новые автобусные маршруты",
        ("head.mobility", TRANSPORT),
    ),
    Occasion(
        -82, 15, R, "ecology", "press", "Қыстағы ауа сапасы", "Качество воздуха зимой", ("head.ecology", ECOLOGIST)
    ),
    Occasion(
        -78,
        10,
        IV,
        "mobility",
        None,
        "Метро құрылысы туралы сұхбат",
        "Интервью о строительстве метро",
        ("head.mobility",),
        public=False,
    ),
    Occasion(-75, 11, B, "public-development", "press", "Жастар саясаты", "Молодёжная политика", ("head.public",)),
    Occasion(
        -71,
        12,
        T,
        "mobility",
        "press",
        "Метроның жаңа станцияларына баспасөз туры",
        "Пресс-тур на новые станции метро",
        ("head.mobility", METRO),
    ),
    Occasion(-68, 11, P, "ecology", "press", "Саябақтарды жаңарту", "Обновление парков", ("head.ecology",)),
    Occasion(-64, 19, L, "almaty-akimat", "online", "Әкіммен тікелей эфир", "Прямой эфир с акимом", ("akim",)),
    Occasion(
        -61, 11, B, "medeu", "hall", "Медеу ауданындағы қар тазалау", "Уборка снега в Медеуском районе", ("ps.medeu",)
    ),
    Occasion(
        -57,
        10,
        S,
        "almaty-akimat",
        "press",
        "Баспасөз хатшыларына арналған семинар: дағдарыс кезіндегі байланыс",
        "Семинар для пресс-секретарей: коммуникации в кризис",
        ("press", TRAINER),
    ),
    Occasion(-54, 11, P, "mobility", "press", "Велосипед жолдары 2026", "Велодорожки 2026", ("head.mobility",)),
    Occasion(-50, 12, A, "ecology", "hall", "«Таза қала» сенбілігі", "Субботник «Чистый город»", ("head.ecology",)),
    Occasion(
        -47,
        11,
        B,
        "almaty-akimat",
        "press",
        "Жылыту маусымының қорытындысы",
        "Итоги отопительного сезона",
        ("akim", "head.public"),
    ),
    Occasion(
        -43,
        15,
        R,
        "public-development",
        "press",
        "Қала және азаматтық қоғам",
        "Город и гражданское общество",
        ("head.public", ECOLOGIST),
    ),
    Occasion(
        -40, 11, P, "almaty-akimat", "press", "Емханалардағы кезектер", "Очереди в поликлиниках", ("akim", DOCTOR)
    ),
    Occasion(
        -36,
        10,
        IV,
        "ecology",
        None,
        "Ағаш отырғызу туралы сұхбат",
        "Интервью о посадке деревьев",
        ("head.ecology",),
        public=False,
    ),
    Occasion(-33, 11, B, "mobility", "press", "Тоқтау орындарының ақысы", "Платные парковки", ("head.mobility",)),
    Occasion(-29, 11, B, "medeu", "hall", "Медеудегі жаңа мектеп", "Новая школа в Медеуском районе", ("ps.medeu",)),
    Occasion(
        -26,
        12,
        T,
        "ecology",
        "press",
        "Үлкен Алматы көліне баспасөз туры",
        "Пресс-тур на Большое Алматинское озеро",
        ("head.ecology", ECOLOGIST),
    ),
    Occasion(
        -22,
        11,
        P,
        "mobility",
        "press",
        "Троллейбус паркін жаңарту",
        "Обновление троллейбусного парка",
        ("head.mobility", TRANSPORT),
    ),
    Occasion(
        -19,
        19,
        L,
        "public-development",
        "online",
        "Азаматтардың сұрақтарына тікелей эфир",
        "Прямой эфир: вопросы горожан",
        ("head.public",),
    ),
    Occasion(
        -15,
        11,
        B,
        "almaty-akimat",
        "press",
        "Наурыз мерекесіне дайындық",
        "Подготовка к Наурызу",
        ("akim", "head.public"),
    ),
    Occasion(
        -12,
        10,
        S,
        "almaty-akimat",
        "press",
        "Семинар: әлеуметтік желілердегі ресми ақпарат",
        "Семинар: официальная информация в соцсетях",
        ("officer.omarov", TRAINER),
    ),
    Occasion(
        -8,
        11,
        P,
        "ecology",
        "press",
        "Көктемгі су тасқынына дайындық",
        "Подготовка к весеннему паводку",
        ("head.ecology", "akim"),
        cancelled="Әкімнің кестесі өзгерді.",
    ),
    Occasion(
        -5,
        11,
        B,
        "mobility",
        "press",
        "Метродағы жаңа төлем жүйесі",
        "Новая система оплаты в метро",
        ("head.mobility", METRO),
    ),
]

COMING = [
    Occasion(
        2,
        11,
        B,
        "mobility",
        "press",
        "Жазғы жол жөндеу кестесі",
        "График летнего ремонта дорог",
        ("head.mobility",),
        registrations=12,
    ),
    Occasion(
        4,
        15,
        IV,
        "ecology",
        None,
        "«Алатау ақпаратқа» сұхбат: ауа сапасы",
        "Интервью «Алатау ақпарату»: качество воздуха",
        ("head.ecology",),
        public=False,
    ),
    Occasion(
        6,
        11,
        R,
        "public-development",
        "press",
        "Волонтерлік қозғалыс",
        "Волонтёрское движение",
        ("head.public", ECOLOGIST),
        registrations=8,
    ),
    Occasion(
        8,
        10,
        T,
        "mobility",
        "press",
        "Жаңа автобус паркіне баспасөз туры",
        "Пресс-тур в новый автобусный парк",
        ("head.mobility", TRANSPORT),
        capacity=4,
        registrations=6,
    ),
    Occasion(
        11,
        11,
        P,
        "almaty-akimat",
        "press",
        "Қаланың бірінші тоқсандағы дамуы",
        "Развитие города в первом квартале",
        ("akim", "head.public"),
        registrations=15,
    ),
    Occasion(
        13,
        11,
        B,
        "medeu",
        "hall",
        "Медеу ауданындағы абаттандыру",
        "Благоустройство Медеуского района",
        ("ps.medeu",),
        public=False,
        registrations=3,
    ),
    Occasion(16, 12, A, "ecology", "hall", "Ағаш отырғызу акциясы", "Акция по посадке деревьев", ("head.ecology",)),
    Occasion(
        19,
        10,
        S,
        "almaty-akimat",
        "press",
        "Семинар: ақпараттық сұрауларға жауап беру",
        "Семинар: ответы на запросы СМИ",
        ("press",),
        public=False,
    ),
    Occasion(
        22, 19, L, "almaty-akimat", "online", "Әкіммен тікелей эфир: көктем", "Прямой эфир с акимом: весна", ("akim",)
    ),
    Occasion(
        25,
        11,
        P,
        "ecology",
        "press",
        "Қоқыс сұрыптау бағдарламасы",
        "Программа сортировки мусора",
        ("head.ecology",),
        cancelled="Бағдарлама әлі бекітілген жоқ.",
    ),
]

# A speaker away in the coming month: the planner sees why she cannot be booked then.
ABSENCE = ("head.public", 26, 30, "Астанадағы іссапар")
ONLINE = "https://meet.almaty.demo/press"

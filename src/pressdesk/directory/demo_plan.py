"""The demo world drawn before anything is written: who works where, since when, with which contacts."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from pressdesk.core import demo as core_demo
from pressdesk.directory.demo_data import (
    BEAT_WEIGHTS,
    DEFAULT_UNITS,
    ENDED,
    FOREIGN_NAMES,
    FREELANCE_NOTE,
    HOME_UNIT,
    KAZAKH_FATHERS,
    KAZAKH_MEN,
    KAZAKH_SURNAMES,
    KAZAKH_WOMEN,
    KK_TO_RU,
    LATIN,
    LEFT_NOTE,
    MAIL_HOSTS,
    MOBILE_PREFIXES,
    OTHER_LANGUAGES,
    OUTLETS,
    RU_SPELLING,
    RUSSIAN_FATHERS,
    RUSSIAN_MEN,
    RUSSIAN_SURNAMES,
    RUSSIAN_WOMEN,
    SEED,
    SPECIAL_TITLES,
    STAFF_SIZE,
    TITLES,
    TRUST_REASONS,
    TWIN_NOTE,
    TWINS,
    VOWELS,
    OutletRow,
)
from pressdesk.directory.models import (
    ConsentBasis,
    ContactKind,
)
from pressdesk.directory.services import ContactInput

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

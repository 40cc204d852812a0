"""The working-day calendar of Kazakhstan and its exceptions for 2025–2027.

The data is written out here, not computed by a library, so that a deployment
needs nothing at run time and the shipped days stay exactly what was checked.
Sources: Law No. 267-II of 13 December 2001 "On holidays in the Republic of
Kazakhstan" (Art. 1, 5: a holiday on a Saturday or Sunday moves the day off to
the next working day, except the religious ones — Orthodox Christmas and the
first day of Kurban Ait); Labour Code Art. 85(3) on government transfers;
the government's transfer decree for 2025 (adilet G24G0000436: Friday 3 January
off, Sunday 5 January working); the new Constitution adopted by referendum on
15 March 2026 (in force 1 July 2026) which made 15 March Constitution Day from
2027 and ended the 30 August holiday already in 2026 (Ministry of Labour, March
2026). No transfer decree was issued for 2026; none was known for 2027 when this
was written — administrators add it on the calendar page when it is published.
Kurban Ait 2027 (16 May, a Sunday) is the astronomical estimate; its date is
confirmed each year.
"""

import datetime

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

NEW_YEAR = "Жаңа жыл"
CHRISTMAS = "Православиелік Рождество"
WOMEN = "Халықаралық әйелдер күні"
NAURYZ = "Наурыз мейрамы"
UNITY = "Қазақстан халқының бірлігі мерекесі"
DEFENDER = "Отан қорғаушы күні"
VICTORY = "Жеңіс күні"
KURBAN = "Құрбан айт"
CAPITAL = "Астана күні"
CONSTITUTION = "Қазақстан Республикасының Конституциясы күні"
REPUBLIC = "Республика күні"
REPUBLIC_2026 = "Қазақстан Республикасы күні"  # renamed with the 2026 Constitution
INDEPENDENCE = "Тәуелсіздік күні"
MOVED = " (ауыстырылған демалыс)"  # the day off that follows a holiday on a weekend

H, OFF, WORK = "holiday", "day_off", "working_day"

DAYS: list[tuple[str, str, str]] = [
    # 2025
    ("2025-01-01", H, NEW_YEAR),
    ("2025-01-02", H, NEW_YEAR),
    ("2025-01-03", OFF, "Демалыс күні (5 қаңтардан ауыстырылды)"),
    ("2025-01-05", WORK, "Жұмыс күні (демалыс 3 қаңтарға ауыстырылды)"),
    ("2025-01-07", H, CHRISTMAS),
    ("2025-03-08", H, WOMEN),
    ("2025-03-10", OFF, WOMEN + MOVED),
    ("2025-03-21", H, NAURYZ),
    ("2025-03-22", H, NAURYZ),
    ("2025-03-23", H, NAURYZ),
    ("2025-03-24", OFF, NAURYZ + MOVED),
    ("2025-03-25", OFF, NAURYZ + MOVED),
    ("2025-05-01", H, UNITY),
    ("2025-05-07", H, DEFENDER),
    ("2025-05-09", H, VICTORY),
    ("2025-06-06", H, KURBAN),
    ("2025-07-06", H, CAPITAL),
    ("2025-07-07", OFF, CAPITAL + MOVED),
    ("2025-08-30", H, CONSTITUTION),
    ("2025-09-01", OFF, CONSTITUTION + MOVED),
    ("2025-10-25", H, REPUBLIC),
    ("2025-10-27", OFF, REPUBLIC + MOVED),
    ("2025-12-16", H, INDEPENDENCE),
    # 2026
    ("2026-01-01", H, NEW_YEAR),
    ("2026-01-02", H, NEW_YEAR),
    ("2026-01-07", H, CHRISTMAS),
    ("2026-03-08", H, WOMEN),
    ("2026-03-09", OFF, WOMEN + MOVED),
    ("2026-03-21", H, NAURYZ),
    ("2026-03-22", H, NAURYZ),
    ("2026-03-23", H, NAURYZ),
    ("2026-03-24", OFF, NAURYZ + MOVED),
    ("2026-03-25", OFF, NAURYZ + MOVED),
    ("2026-05-01", H, UNITY),
    ("2026-05-07", H, DEFENDER),
    ("2026-05-09", H, VICTORY),
    ("2026-05-11", OFF, VICTORY + MOVED),
    ("2026-05-27", H, KURBAN),
    ("2026-07-06", H, CAPITAL),
    ("2026-10-25", H, REPUBLIC_2026),
    ("2026-10-26", OFF, REPUBLIC_2026 + MOVED),
    ("2026-12-16", H, INDEPENDENCE),
    # 2027
    ("2027-01-01", H, NEW_YEAR),
    ("2027-01-02", H, NEW_YEAR),
    ("2027-01-04", OFF, NEW_YEAR + MOVED),
    ("2027-01-07", H, CHRISTMAS),
    ("2027-03-08", H, WOMEN),
    ("2027-03-15", H, CONSTITUTION),
    ("2027-03-21", H, NAURYZ),
    ("2027-03-22", H, NAURYZ),
    ("2027-03-23", H, NAURYZ),
    ("2027-03-24", OFF, NAURYZ + MOVED),
    ("2027-05-01", H, UNITY),
    ("2027-05-03", OFF, UNITY + MOVED),
    ("2027-05-07", H, DEFENDER),
    ("2027-05-09", H, VICTORY),
    ("2027-05-10", OFF, VICTORY + MOVED),
    ("2027-05-16", H, KURBAN),
    ("2027-07-06", H, CAPITAL),
    ("2027-10-25", H, REPUBLIC_2026),
    ("2027-12-16", H, INDEPENDENCE),
]


def ship(apps, schema_editor) -> None:
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarDay.objects.bulk_create(
        [CalendarDay(date=datetime.date.fromisoformat(day), kind=kind, name=name) for day, kind, name in DAYS],
        ignore_conflicts=True,  # an administrator may have entered a day before this ran
    )


def unship(apps, schema_editor) -> None:
    CalendarDay = apps.get_model("core", "CalendarDay")
    CalendarDay.objects.filter(date__in=[datetime.date.fromisoformat(day) for day, _kind, _name in DAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_search")]

    operations = [
        migrations.CreateModel(
            name="CalendarDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("date", models.DateField(unique=True, verbose_name="date")),
                (
                    "kind",
                    models.CharField(
                        choices=[("holiday", "Public holiday"), ("day_off", "Day off"), ("working_day", "Working day")],
                        max_length=16,
                        verbose_name="kind",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=120, verbose_name="name")),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="changed")),
                (
                    "changed_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "calendar day",
                "verbose_name_plural": "working-day calendar",
                "ordering": ["date"],
            },
        ),
        migrations.RunPython(ship, unship),
    ]

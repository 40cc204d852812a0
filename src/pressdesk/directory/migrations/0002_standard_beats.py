"""The beats a city press service sorts journalists by; more can be added later."""

from django.db import migrations

BEATS = [
    ("politics", "Саясат", "Политика", "Politics"),
    ("economy", "Экономика", "Экономика", "Economy"),
    ("transport", "Көлік", "Транспорт", "Transport"),
    ("urban", "Қала құрылысы", "Градостроительство", "Urban development"),
    ("housing", "Тұрғын үй және коммуналдық шаруашылық", "ЖКХ", "Housing and utilities"),
    ("ecology", "Экология", "Экология", "Environment"),
    ("health", "Денсаулық сақтау", "Здравоохранение", "Health"),
    ("education", "Білім беру", "Образование", "Education"),
    ("social", "Әлеуметтік сала", "Социальная сфера", "Social affairs"),
    ("culture", "Мәдениет", "Культура", "Culture"),
    ("sport", "Спорт", "Спорт", "Sport"),
    ("security", "Құқық тәртібі және қауіпсіздік", "Правопорядок и безопасность", "Law and order"),
    ("emergencies", "Төтенше жағдайлар", "Чрезвычайные ситуации", "Emergencies"),
    ("digital", "Цифрландыру", "Цифровизация", "Digital government"),
    ("business", "Кәсіпкерлік", "Предпринимательство", "Business"),
    ("tourism", "Туризм", "Туризм", "Tourism"),
]


def add_beats(apps, schema_editor):
    Beat = apps.get_model("directory", "Beat")
    BeatTranslation = apps.get_model("directory", "BeatTranslation")
    for code, kk, ru, en in BEATS:
        beat, created = Beat.objects.get_or_create(code=code)
        if created:
            for language, name in (("kk", kk), ("ru", ru), ("en", en)):
                BeatTranslation.objects.create(parent=beat, language=language, name=name)


def remove_beats(apps, schema_editor):
    apps.get_model("directory", "Beat").objects.filter(code__in=[b[0] for b in BEATS]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(add_beats, remove_beats)]

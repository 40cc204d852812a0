"""The ground on which a pass ends when its holder's personal data is erased at their request (see ``reactions``).

A row like the other grounds, so the pass's history names it in every language.
"""

from django.db import migrations

CODE = "erased"
NAMES = {
    "kk": "Журналистің дербес деректері оның өтініші бойынша жойылды",
    "ru": "Персональные данные журналиста удалены по его просьбе",
    "en": "The journalist's personal data was erased at their request",
}


def add_ground(apps, schema_editor):
    Ground = apps.get_model("accreditation", "DeprivationGround")
    Name = apps.get_model("accreditation", "DeprivationGroundName")
    ground, created = Ground.objects.get_or_create(code=CODE, defaults={"needs_text": False, "order": 80})
    if created:
        for language, name in NAMES.items():
            Name.objects.create(parent=ground, language=language, name=name)


def remove_ground(apps, schema_editor):
    apps.get_model("accreditation", "DeprivationGround").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0003_event_moved")]
    operations = [migrations.RunPython(add_ground, remove_ground)]

"""The reasons to refuse an application and the grounds to deprive of accreditation that the model rules name.

Kept as rows, not code: a press service retires one (``is_active``) or adds its own.
Those marked ``needs_text`` want a written explanation besides the code.
"""

from django.db import migrations

REJECTION_REASONS = [
    # code, needs text, kk, ru, en
    (
        "incomplete_documents",
        False,
        "Құжаттар толық емес",
        "Представлены не все документы",
        "The documents are incomplete",
    ),
    (
        "not_outlet_journalist",
        False,
        "Өтініш беруші осы БАҚ-тың журналисі емес",
        "Заявитель не является журналистом этого СМИ",
        "The applicant is not a journalist of the outlet",
    ),
    (
        "outlet_not_registered",
        False,
        "БАҚ тіркелмеген немесе оның қызметі тоқтатылған",
        "СМИ не зарегистрировано или его выпуск прекращён",
        "The outlet is not registered or has ceased",
    ),
    (
        "false_information",
        True,
        "Өтініште шындыққа сәйкес келмейтін мәліметтер бар",
        "Заявка содержит недостоверные сведения",
        "The application contains false information",
    ),
    (
        "unsuitable_photo",
        False,
        "Фотосурет рұқсаттамаға жарамайды",
        "Фотография не подходит для пропуска",
        "The photo is not suitable for a pass",
    ),
    (
        "quota_reached",
        False,
        "Бір БАҚ-қа арналған аккредиттеу орындары таусылды",
        "Исчерпана квота аккредитации на одно СМИ",
        "The outlet's quota of accreditations is reached",
    ),
    (
        "deprived_recently",
        False,
        "Журналист соңғы бір жылда аккредиттеуден айырылған",
        "Журналист лишён аккредитации в течение последнего года",
        "The journalist was deprived of accreditation within the last year",
    ),
    ("other", True, "Басқа себеп", "Иная причина", "Another reason"),
]

DEPRIVATION_GROUNDS = [
    (
        "court_decision",
        False,
        "Заңды күшіне енген сот шешімі",
        "Вступившее в законную силу решение суда",
        "A court decision in force",
    ),
    (
        "editor_request",
        False,
        "БАҚ редакциясының өтініші",
        "Просьба редакции СМИ",
        "The editor's request",
    ),
    (
        "repeated_breach",
        True,
        "Аккредиттеу қағидаларын қайталап бұзу",
        "Неоднократное нарушение правил аккредитации",
        "Repeated breach of the rules of accreditation",
    ),
    (
        "outlet_closed",
        False,
        "БАҚ-тың қызметі тоқтатылды",
        "Прекращение выпуска СМИ",
        "The outlet has closed",
    ),
    (
        "left_outlet",
        False,
        "Журналист БАҚ-та жұмыс істемейді",
        "Журналист больше не работает в СМИ",
        "The journalist no longer works for the outlet",
    ),
    (
        "false_information",
        True,
        "Аккредиттеу кезінде шындыққа сәйкес келмейтін мәліметтер берілген",
        "При аккредитации представлены недостоверные сведения",
        "False information was given when applying",
    ),
    ("other", True, "Басқа негіз", "Иное основание", "Another ground"),
]


def _add(apps, model, names, rows):
    Entry = apps.get_model("accreditation", model)
    Name = apps.get_model("accreditation", names)
    for order, (code, needs_text, kk, ru, en) in enumerate(rows, start=1):
        entry, created = Entry.objects.get_or_create(
            code=code, defaults={"needs_text": needs_text, "order": order * 10}
        )
        if created:
            for language, name in (("kk", kk), ("ru", ru), ("en", en)):
                Name.objects.create(parent=entry, language=language, name=name)


def add_lists(apps, schema_editor):
    _add(apps, "RejectionReason", "RejectionReasonName", REJECTION_REASONS)
    _add(apps, "DeprivationGround", "DeprivationGroundName", DEPRIVATION_GROUNDS)


def remove_lists(apps, schema_editor):
    apps.get_model("accreditation", "RejectionReason").objects.filter(
        code__in=[r[0] for r in REJECTION_REASONS]
    ).delete()
    apps.get_model("accreditation", "DeprivationGround").objects.filter(
        code__in=[g[0] for g in DEPRIVATION_GROUNDS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("accreditation", "0001_initial")]
    operations = [migrations.RunPython(add_lists, remove_lists)]

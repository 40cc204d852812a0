"""Mentions carry their clipping's date, indexed by watch entry, for the clippings search with a watch entry."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_dates(apps, schema_editor):
    Clipping = apps.get_model("monitoring", "Clipping")
    Mention = apps.get_model("monitoring", "Mention")
    dates = Clipping.objects.filter(pk=OuterRef("clipping_id")).values("published_at")[:1]
    Mention.objects.using(schema_editor.connection.alias).update(published_at=Subquery(dates))


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0002_report_index")]

    operations = [
        migrations.AddField(
            model_name="mention", name="published_at", field=models.DateTimeField(editable=False, null=True)
        ),
        migrations.RunPython(copy_dates, migrations.RunPython.noop),
        migrations.AlterField(model_name="mention", name="published_at", field=models.DateTimeField(editable=False)),
        migrations.AddIndex(
            model_name="mention",
            index=models.Index(fields=["watch", "published_at"], include=["clipping"], name="monitoring_mention_time"),
        ),
    ]

"""The clippings already indexed get their date as the order key of their search document (core 0007)."""

import datetime

from django.db import migrations

BATCH = 1000
KIND = "monitoring.clipping"
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def order_key(published_at: datetime.datetime) -> int:
    """As ``indexing.order_key`` at the time of writing: the date in microseconds."""
    return (published_at - EPOCH) // datetime.timedelta(microseconds=1)


def fill(apps, schema_editor):
    Clipping = apps.get_model("monitoring", "Clipping")
    rows = Clipping.objects.using(schema_editor.connection.alias).values_list("pk", "published_at").order_by("pk")
    update = "UPDATE pressdesk_search SET order_key = %s WHERE kind = %s AND object_id = %s"
    with schema_editor.connection.cursor() as cursor:
        batch = []
        for pk, published_at in rows.iterator(chunk_size=BATCH):
            batch.append((order_key(published_at), KIND, pk))
            if len(batch) == BATCH:
                cursor.executemany(update, batch)
                batch = []
        cursor.executemany(update, batch)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0003_mention_time"), ("core", "0007_search_order_key")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]

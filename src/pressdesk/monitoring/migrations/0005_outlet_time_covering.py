"""An outlet's clippings by date carry their key, language, tone and type in the index (PostgreSQL): the clippings
search with an outlet walks the index alone."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0004_clipping_order_keys")]

    operations = [
        migrations.RemoveIndex(model_name="clipping", name="monitoring_outlet_time"),
        migrations.AddIndex(
            model_name="clipping",
            index=models.Index(
                fields=["outlet", "published_at"],
                include=["id", "language", "tone", "kind"],
                name="monitoring_outlet_time",
            ),
        ),
    ]

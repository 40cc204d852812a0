"""A document may carry an order key (an integer its app chooses: a clipping's date), so that the ids found can be
put in the app's order from the index's own rows (``search.some_ordered``)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0006_search_prefixes")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE pressdesk_search ADD COLUMN order_key bigint",
            "ALTER TABLE pressdesk_search DROP COLUMN order_key",
        )
    ]

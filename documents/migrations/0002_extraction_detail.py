from django.db import migrations


class Migration(migrations.Migration):
    """The PDF library's message about a file it could not read is technical detail for the
    log and whoever runs the portal; editors see a sentence chosen by the status."""

    dependencies = [("documents", "0001_initial")]

    operations = [
        migrations.RenameField("portaldocument", "extraction_message", "extraction_detail"),
    ]

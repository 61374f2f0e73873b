"""The document model now lives in the documents app (documents/0001). Only Django's
record of the models changes here: the table and the foreign key's target were renamed
there, rows and all."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_placeholder_hash"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="reportpage",
                    name="document",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="documents.portaldocument",
                        verbose_name="PDF",
                    ),
                ),
                migrations.DeleteModel(name="ReportDocument"),
            ],
            database_operations=[],
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_worker_heartbeat"),
    ]

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("value", models.CharField(max_length=32)),
            ],
        ),
    ]

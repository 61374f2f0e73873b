"""The document model moves from the report library to its own app, with every row.

The table is taken over as it is (the state moves, not the data), then renamed; the
content type moves with it, so tags, search index entries and references, which point at
documents through their content type, keep pointing at the same rows."""

import django.db.models.deletion
import modelsearch.index
import taggit.managers
import wagtail.models.media
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, old=("reports", "reportdocument"), new=("documents", "portaldocument")):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    database = schema_editor.connection.alias
    content_type = ContentType.objects.using(database).filter(app_label=old[0], model=old[1]).first()
    if content_type is None:
        return  # a new database: post_migrate makes the content type later
    ContentType.objects.using(database).filter(app_label=new[0], model=new[1]).delete()
    content_type.app_label, content_type.model = new
    content_type.save(update_fields=["app_label", "model"])
    for permission in Permission.objects.using(database).filter(content_type=content_type):
        permission.codename = permission.codename.replace(old[1], new[1])
        permission.save(update_fields=["codename"])


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, old=("documents", "portaldocument"), new=("reports", "reportdocument"))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("reports", "0002_placeholder_hash"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                name='PortalDocument',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('title', models.CharField(max_length=255, verbose_name='title')),
                    ('file', models.FileField(upload_to='documents', verbose_name='file')),
                    ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                    ('file_size', models.PositiveBigIntegerField(editable=False, null=True)),
                    ('file_hash', models.CharField(blank=True, editable=False, max_length=40)),
                    ('language', models.CharField(choices=[('nb', 'bokmål'), ('nn', 'nynorsk'), ('en', 'engelsk'), ('se', 'nordsamisk'), ('sma', 'sørsamisk')], default='nb', max_length=3, verbose_name='språk')),
                    ('extracted_text', models.TextField(blank=True, editable=False, verbose_name='tekst fra PDF-en')),
                    ('page_count', models.PositiveIntegerField(editable=False, null=True, verbose_name='antall sider')),
                    ('extraction_status', models.CharField(choices=[('pending', 'Venter på tekstuttrekk'), ('ok', 'Teksten er hentet ut'), ('truncated', 'Teksten er hentet ut, men kortet ned fordi den var svært lang'), ('no_text', 'Fant ingen tekst: PDF-en er trolig skannet eller består av bilder'), ('encrypted', 'PDF-en er passordbeskyttet, så teksten kan ikke leses'), ('corrupt', 'Filen er skadet eller er ikke en PDF'), ('empty', 'Filen er tom'), ('not_pdf', 'Ikke en PDF: ingen tekst hentet ut'), ('failed', 'Tekstuttrekket feilet')], default='pending', editable=False, max_length=20, verbose_name='tekstuttrekk')),
                    ('extraction_message', models.CharField(blank=True, editable=False, max_length=300)),
                    ('extracted_hash', models.CharField(blank=True, editable=False, max_length=40)),
                    ('extracted_at', models.DateTimeField(editable=False, null=True)),
                    ('placeholder_hash', models.CharField(blank=True, editable=False, max_length=40)),
                    ('collection', models.ForeignKey(default=wagtail.models.media.get_root_collection_id, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='wagtailcore.collection', verbose_name='collection')),
                    ('tags', taggit.managers.TaggableManager(blank=True, help_text=None, through='taggit.TaggedItem', to='taggit.Tag', verbose_name='tags')),
                    ('uploaded_by_user', models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='uploaded by user')),
                ],
                options={
                    'verbose_name': 'dokument',
                    'verbose_name_plural': 'dokumenter',
                    'abstract': False,
                    'db_table': 'reports_reportdocument',
                },
                bases=(modelsearch.index.Indexed, models.Model),
            ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="portaldocument", table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]

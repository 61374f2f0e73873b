"""Importing indicator figures: a good file is stored as one batch that remembers what it
changed; the same file again changes nothing; a changed file is shown before it is
stored and can be undone; a bad file leaves nothing behind."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale

from indicators.importing import apply, import_file, preview, preview_batch, read_file, stage, undo
from indicators.models import Area, ImportBatch, Indicator, Observation
from indicators.reading import FileRefused
from tests.test_indicator_files import LONG, ssb_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_figures(request):
    """Each test here starts with no figures (but the one about them): the bootstrap's
    examples are removed, inside the test's own transaction."""
    if "examples" in request.node.name:
        return
    Observation.objects.all().delete()
    ImportBatch.objects.all().delete()
    Indicator.objects.all().delete()


def figures():
    return {
        (o.indicator.code, o.area.code, o.period): (o.value, o.status)
        for o in Observation.objects.select_related("indicator", "area")
    }


def test_the_bootstrap_made_every_area_once():
    assert Area.objects.filter(kind=Area.Kind.KOMMUNE).count() == 38
    assert Area.objects.get(code="50").kind == Area.Kind.COUNTY
    assert Area.objects.get(code="0").name == "Norge"
    call_command("load_areas", stdout=io.StringIO())  # a second time: nothing new
    assert Area.objects.count() == 40


def test_a_dataset_is_stored_with_its_indicator_and_batch(django_user_model):
    user = django_user_model.objects.create_user("importer")
    batch, plan = import_file("rekreasjon.json", ssb_dataset(), source="SSB", user=user)
    assert (batch.added, batch.changed, batch.unchanged) == (6, 0, 0)
    assert bytes(batch.content) == ssb_dataset() and batch.created_by == user
    indicator = Indicator.objects.get(code="AndelRekr", locale=Locale.get_default())
    assert (indicator.unit, indicator.decimals, indicator.source) == ("prosent", 1, "SSB")
    assert figures()[("AndelRekr", "5014", "2024")] == (None, "..")
    assert figures()[("AndelRekr", "5001", "2023")] == (Decimal("71.5"), "")
    assert set(Observation.objects.values_list("batch", flat=True)) == {batch.pk}


def test_the_same_file_again_changes_nothing():
    import_file("rekreasjon.json", ssb_dataset())
    before = figures()
    batch, plan = import_file("rekreasjon.json", ssb_dataset())
    assert (batch.added, batch.changed, batch.unchanged) == (0, 0, 6)
    assert figures() == before
    assert Indicator.objects.filter(code="AndelRekr").count() == 1


def test_a_changed_file_is_previewed_then_stored_and_can_be_undone():
    first, _plan = import_file("rekreasjon.json", ssb_dataset())
    before = figures()
    revised = ssb_dataset(value=[71.5, 72.4, 80.1, 81.0, 69.9, 70.2], status=None)
    plan = preview(read_file("revidert.json", revised))
    assert (len(plan.added), len(plan.changed), plan.unchanged) == (0, 2, 4)
    assert figures() == before  # a preview stores nothing
    second, _plan = import_file("revidert.json", revised)
    assert figures()[("AndelRekr", "5014", "2024")] == (Decimal("81.0"), "")
    with pytest.raises(FileRefused, match="senere import"):
        undo(first)  # the revision changed the same figures: undo it first
    undo(second)
    assert figures() == before
    assert Observation.objects.get(area__code="5001", period="2024").batch == first
    undo(first)
    assert figures() == {}
    with pytest.raises(FileRefused, match="allerede angret"):
        undo(first)


def test_a_bad_file_leaves_nothing_behind():
    data = (LONG + "NyIndikator;5001;2024;1;\nNyIndikator;5001;2024;2;\n").encode()
    with pytest.raises(FileRefused, match="Rad 2 og rad 3"):
        import_file("dobbel.csv", data)
    assert not Indicator.objects.filter(code="NyIndikator").exists()
    assert not ImportBatch.objects.exists() and not Observation.objects.exists()


def test_the_command_imports_and_explains_a_refusal(tmp_path, capsys):
    good = tmp_path / "rekreasjon.json"
    good.write_bytes(ssb_dataset())
    call_command("import_indicators", str(good), "--dry-run")
    assert "ville gitt 6 nye" in capsys.readouterr().out
    assert not Observation.objects.exists()
    call_command("import_indicators", str(good), "--source", "SSB")
    assert (
        "ga 6 nye, 0 endrede og 0 uendrede tall, og 1 nye indikatorer." in capsys.readouterr().out
    )
    bad = tmp_path / "feil.json"
    dataset = json.loads(ssb_dataset(value=[1, 2, 3]))
    bad.write_text(json.dumps(dataset))
    with pytest.raises(CommandError, match="feil.json er ikke importert: «value» har 3 elementer"):
        call_command("import_indicators", str(bad))
    with pytest.raises(CommandError, match="verken JSON-stat"):
        call_command("import_indicators", __file__)
    assert Observation.objects.count() == 6


def test_the_bootstrap_loads_made_up_examples_flagged_and_translated():
    examples = Indicator.objects.filter(is_example=True, locale=Locale.get_default())
    assert examples.count() == 5
    assert Observation.objects.filter(indicator__in=examples).count() == 5 * 40 * 10
    missing = Observation.objects.get(value=None)
    assert missing.status == ".."
    batch = missing.batch
    assert batch.source == "Oppdiktede eksempeltall" and batch.applied_at
    for language in ("nn", "en"):
        translated = Indicator.objects.filter(is_example=True, locale__language_code=language)
        assert translated.count() == 5
        assert all(i.explanation and i.why_it_matters for i in translated)
    assert Indicator.objects.get(code="EKS-AVFALL", locale__language_code="en").name == (
        "Household waste per inhabitant"
    )
    call_command("load_example_indicators", stdout=io.StringIO())  # again: nothing new
    assert Observation.objects.count() == 2000


def test_two_files_confirmed_one_after_the_other_are_compared_when_each_is_stored():
    """Both previews were shown before either was confirmed: the second still records
    the first one's figure as the old one, so undoing it gives that figure back."""
    import_file("grunnlag.json", ssb_dataset())
    first = stage("a.json", ssb_dataset(value=[1, 72.0, 80.1, None, 69.9, 70.2]))
    second = stage("b.json", ssb_dataset(value=[2, 72.0, 80.1, None, 69.9, 70.2]))
    preview_batch(first), preview_batch(second)
    apply(first)
    second, plan = apply(second)
    [change] = second.changes.all()
    assert change.old_value == 1 and change.old_batch == first
    undo(second)
    assert figures()[("AndelRekr", "5001", "2023")] == (Decimal(1), "")


def test_an_import_and_an_undo_start_a_new_content_generation():
    """Cached pages and what renders remember show the new figures at once."""
    from portal import pagecache

    before = pagecache.generation()
    batch, _plan = import_file("rekreasjon.json", ssb_dataset())
    after_import = pagecache.generation()
    assert after_import != before
    undo(batch)
    assert pagecache.generation() != after_import

"""Importing figures in the admin: upload a file, see what it would add and change, and
confirm; recent imports can be undone. For those allowed to add import batches (the
network coordinators)."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from indicators.importing import apply, preview_batch, stage, undo
from indicators.models import ImportBatch
from indicators.reading import FileRefused, figure_text

PERMISSION = "indicators.add_importbatch"
MAX_FILE_SIZE = 20 * 1024 * 1024
# Changes listed in the preview; the rest are counted.
SHOWN_CHANGES = 50
RECENT = 20
UNCONFIRMED_KEPT = datetime.timedelta(days=1)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "JSON-stat (.json) fra SSBs statistikkbank, CSV (.csv) eller Excel (.xlsx). "
            "Største fil: 20 MB."
        ),
    )
    source = forms.CharField(
        label=gettext_lazy("Kilde"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Hvor tallene kommer fra, for eksempel «SSB, tabell 12345»."),
    )
    indicator = forms.CharField(
        label=gettext_lazy("Indikatorkode"),
        max_length=60,
        required=False,
        help_text=gettext_lazy(
            "Bare for en CSV- eller Excel-fil med ett år per kolonne: koden til indikatoren "
            "den gjelder."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("Filen er større enn 20 MB."))
        return upload


def allowed(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def upload(request):
    allowed(request)
    status = 200
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            # Files uploaded and never confirmed are kept a day, for a preview left open.
            ImportBatch.objects.filter(
                applied_at__isnull=True, created_at__lt=timezone.now() - UNCONFIRMED_KEPT
            ).delete()
            try:
                batch = stage(
                    data["file"].name,
                    data["file"].read(),
                    source=data["source"],
                    user=request.user,
                    indicator=data["indicator"],
                )
            except FileRefused as refused:
                form.add_error("file", str(refused))
            else:
                return redirect("indicator_import_preview", pk=batch.pk)
        # What was typed stays in the form; a browser never keeps a chosen file.
        status = 400
    recent = ImportBatch.objects.filter(applied_at__isnull=False).select_related("created_by")
    return TemplateResponse(
        request,
        "indicators/admin/import.html",
        {"form": form, "recent": recent[:RECENT]},
        status=status,
    )


def preview(request, pk):
    allowed(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    if batch.applied_at:  # a second click, or the back button
        messages.info(request, _("Denne filen er allerede importert."))
        return redirect("indicator_import")
    try:
        # Confirming compares again, under the importers' lock (importing.apply): the
        # figures may have changed since the preview was shown.
        if request.method == "POST":
            batch, plan = apply(batch)
        else:
            plan = preview_batch(batch)
    except FileRefused as refused:  # e.g. the portal's areas changed since the upload
        messages.error(request, str(refused))
        return redirect("indicator_import")
    if request.method == "POST":
        messages.success(
            request,
            _(
                "%(name)s er importert: %(added)s nye, %(changed)s endrede og "
                "%(unchanged)s uendrede tall."
            )
            % {
                "name": batch.file_name,
                "added": len(plan.added),
                "changed": len(plan.changed),
                "unchanged": plan.unchanged,
            },
        )
        return redirect("indicator_import")
    return TemplateResponse(
        request,
        "indicators/admin/preview.html",
        {
            "batch": batch,
            "plan": plan,
            "changes": [
                {
                    "cell": cell,
                    "now": f"{figure_text(figure.value)} {figure.status}".strip(),
                    "becomes": f"{figure_text(cell.value)} {cell.status}".strip(),
                }
                for cell, figure in plan.changed[:SHOWN_CHANGES]
            ],
        },
    )


@require_POST
def undo_import(request, pk):
    allowed(request)
    batch = get_object_or_404(ImportBatch, pk=pk)
    try:
        undo(batch)
    except FileRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("Importen av %(name)s er angret.") % {"name": batch.file_name})
    return redirect(reverse("indicator_import"))

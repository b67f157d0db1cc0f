"""The agreement's signed versions: one with its contents, change summary and SHA-256, and any
two side by side."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from agreements.changes import compare_snapshots, describe_changes
from agreements.models import AgreementVersion
from agreements.views.lifecycle_forms import CompareForm
from registry.bilingual import active_language

from .base import AgreementLifecycleMixin

UNKNOWN_VERSION = _("Choose two versions of this agreement to compare.")


class VersionView(AgreementLifecycleMixin, TemplateView):
    """One signed version: what it contains, its change summary and its SHA-256."""

    template_name = "agreements/lifecycle/version.html"

    @cached_property
    def version(self) -> AgreementVersion:
        return get_object_or_404(
            AgreementVersion.objects.select_related("created_by", "amendment"),
            agreement=self.agreement,
            number=self.kwargs["number"],
        )

    def get_page_title(self):
        return _("Version {number}").format(number=self.version.number)

    def get_context_data(self, **kwargs):
        language = active_language()
        version = self.version
        snapshot = version.snapshot
        return super().get_context_data(
            agreement=self.agreement,
            version=version,
            verified=version.verify(),
            changes=describe_changes(version.change_summary, language),
            rows=compare_snapshots(snapshot, snapshot, language),
            **kwargs,
        )


class CompareView(AgreementLifecycleMixin, TemplateView):
    """Two versions side by side, changed rows marked."""

    template_name = "agreements/lifecycle/compare.html"
    page_title = _("Compare versions")

    def get_context_data(self, **kwargs):
        versions = {v.number: v for v in self.agreement.versions.all()}
        form = CompareForm(self.request.GET, numbers=sorted(versions))
        if not form.is_valid():
            raise Http404(UNKNOWN_VERSION)
        before = versions[form.cleaned_data["before"]]
        after = versions[form.cleaned_data["after"]]
        return super().get_context_data(
            agreement=self.agreement,
            form=form,
            before=before,
            after=after,
            sections=compare_snapshots(before.snapshot, after.snapshot, active_language()),
            **kwargs,
        )

"""Staff admin: registrars import a file of agreements, see what it would change, then confirm.

Three steps on one page: upload (the file is checked whole and imported in a dry run that is
rolled back), preview (every problem with its place, or the changes it would make), confirm (the
same file, kept meanwhile by `importing.pending`, is imported for real). Registrars only: anyone
else is refused (PermissionDenied, which the Wagtail admin turns into a redirect).
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from agreements.permissions import is_registrar

from .importing import MAX_IMPORT_BYTES, ImportRefused, Issue, import_file
from .importing.errors import FILE_TOO_LARGE
from .importing.pending import pending_store, pending_take

IMPORT_TITLE = _("Import agreements")
UPLOAD_EXPIRED = _("This upload has expired or was imported already: upload the file again.")


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("A .json or .csv file in UTF-8, smaller than 50 MB (see the import formats)."),
    )


class ImportMenuItem(MenuItem):
    """Shown to registrars only."""

    def is_shown(self, request):
        return is_registrar(request.user)


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "opendata/admin/import.html"
    page_title = IMPORT_TITLE
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not is_registrar(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": IMPORT_TITLE}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ImportUploadForm())
        return context

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self._confirm(request)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        upload = form.cleaned_data["file"]
        if upload.size >= MAX_IMPORT_BYTES:
            issue = Issue(
                path="", message=FILE_TOO_LARGE.format(size=upload.size, limit=MAX_IMPORT_BYTES)
            )
            return self._refused(form, upload.name, [issue])
        content = upload.read()
        try:
            report = import_file(content, name=upload.name, by=request.user, dry_run=True)
        except ImportRefused as refused:
            return self._refused(form, upload.name, refused.issues)
        token = pending_store(user_id=request.user.pk, name=upload.name, content=content)
        context = {"report": report, "file_name": upload.name, "token": token, "preview": True}
        return self.render_to_response(self.get_context_data(**context))

    def _confirm(self, request):
        pending = pending_take(user_id=request.user.pk, token=request.POST["token"])
        if pending is None:
            return self.render_to_response(self.get_context_data(expired=UPLOAD_EXPIRED))
        try:
            report = import_file(pending.content, name=pending.name, by=request.user)
        except ImportRefused as refused:
            return self._refused(ImportUploadForm(), pending.name, refused.issues)
        context = {"report": report, "file_name": pending.name, "imported": True}
        return self.render_to_response(self.get_context_data(**context))

    def _refused(self, form, name, issues):
        context = {"form": form, "file_name": name, "issues": issues}
        return self.render_to_response(self.get_context_data(**context))

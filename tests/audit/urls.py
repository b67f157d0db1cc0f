"""A test-only URL that writes a history-tracked model, to prove request attribution."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_POST

from jurisdictions.models import Jurisdiction


@require_POST
def rename_jurisdiction(request, pk):
    jurisdiction = get_object_or_404(Jurisdiction, pk=pk)
    jurisdiction.name_en = request.POST["name_en"]
    jurisdiction.save()
    return HttpResponse(status=204)


urlpatterns = [path("rename/<int:pk>/", rename_jurisdiction, name="rename-jurisdiction")]

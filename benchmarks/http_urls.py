"""The site's own URLs plus `/bench/hello/`: a view that does no work, served by the same process
and the same middleware as every page, so a page's speed can be given as a ratio to it (the
machine's noise cancels out of the ratio)."""

from django.http import HttpResponse
from django.urls import path

from registry.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("bench/hello/", hello, name="bench-hello"), *site_urlpatterns]

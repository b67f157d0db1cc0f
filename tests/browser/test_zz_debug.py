import pytest
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]
def test_debug_a(live_server, page, demo_registry):
    r = page.goto(live_server.url + "/en/")
    print("\nA", r.status, flush=True)
def test_debug_b(live_server, page, demo_registry):
    from wagtail.models import Site, Page
    from django.core.cache import cache
    r = page.goto(live_server.url + "/en/")
    print("\nB", r.status, list(Site.objects.values_list("id","root_page_id","hostname","is_default_site")), Page.objects.count(), cache.get("wagtail_site_root_paths"), flush=True)

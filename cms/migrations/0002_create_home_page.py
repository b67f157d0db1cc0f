"""Replace Wagtail's placeholder root child with the registry's home page and point the site at it."""

from django.db import migrations

INTRO = (
    "<p>The Intergovernmental Agreement Registry records the service agreements between "
    "federal, provincial, municipal and partner governments: who the parties are, what each "
    "is responsible for, which office is accountable for every obligation, and the signed text "
    "of each version.</p>"
)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    Locale = apps.get_model("wagtailcore", "Locale")
    HomePage = apps.get_model("cms", "HomePage")

    # Wagtail's own initial migration creates a "Welcome" page at /home/; remove it.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Intergovernmental Agreement Registry",
        draft_title="Intergovernmental Agreement Registry",
        slug="home",
        content_type=content_type,
        path=f"{root.path}0001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        intro=INTRO,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Registry")


def remove_home_page(apps, schema_editor):
    apps.get_model("cms", "HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]
    operations = [migrations.RunPython(create_home_page, remove_home_page)]

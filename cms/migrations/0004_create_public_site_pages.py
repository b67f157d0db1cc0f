"""Create the public site's pages under the home page: the agreement browser, the jurisdictions,
the network view and the editorial pages (about, methodology, open data licence), in English and
French. Idempotent: a page whose slug already exists under the home page is left alone."""

from django.db import migrations
from django.utils import timezone

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path alphabet
STEP = 4

HOME_TITLE_FR = "Registre des ententes intergouvernementales"
HOME_INTRO_FR = (
    "<p>Le Registre des ententes intergouvernementales recense les ententes de service entre "
    "les gouvernements fédéral, provinciaux, municipaux et leurs partenaires : qui en sont les "
    "parties, ce dont chacune est responsable, quel poste répond de chaque obligation, et le "
    "texte signé de chaque version.</p>"
)

ABOUT_EN = (
    "<p>Governments deliver many services through agreements with each other: a provincial "
    "service-delivery organisation issues health cards for a department, a municipality "
    "collects a provincial fee, a federal department funds a provincial programme. Those "
    "agreements are usually scattered across PDFs. This registry records them as data.</p>"
    "<p>For every published agreement you can read who the parties are, what each party is "
    "responsible for, which office is accountable for each obligation and who holds that office, "
    "how the agreement changed from one signed version to the next, and the signed text itself "
    "as a PDF whose SHA-256 fingerprint lets anyone check a copy.</p>"
    "<p>Only agreements that are public and have taken effect are shown. Agreements still being "
    "negotiated, and agreements whose parties have restricted them, are not.</p>"
)
ABOUT_FR = (
    "<p>Les gouvernements offrent de nombreux services au moyen d’ententes entre eux : un "
    "organisme provincial de prestation de services délivre les cartes d’assurance-maladie pour "
    "un ministère, une municipalité perçoit un droit provincial, un ministère fédéral finance un "
    "programme provincial. Ces ententes sont habituellement dispersées dans des fichiers PDF. Ce "
    "registre les consigne sous forme de données.</p>"
    "<p>Pour chaque entente publiée, vous pouvez savoir qui en sont les parties, ce dont chaque "
    "partie est responsable, quel poste répond de chaque obligation et qui occupe ce poste, "
    "comment l’entente a changé d’une version signée à l’autre, et consulter le texte signé en "
    "PDF, dont l’empreinte SHA-256 permet à quiconque de vérifier une copie.</p>"
    "<p>Seules les ententes publiques entrées en vigueur sont affichées. Les ententes en cours de "
    "négociation et celles dont les parties ont restreint la diffusion ne le sont pas.</p>"
)
METHODOLOGY_EN = (
    "<h2>What is recorded</h2>"
    "<p>Each agreement is recorded by the liaison officers of the organisations that are party "
    "to it, reviewed by the ministers’ offices concerned, and checked by the registry’s "
    "registrars. When an agreement is signed, or an amendment to it is signed, the registry "
    "freezes its full content as a new version: parties, responsibilities, accountable positions "
    "and who held them, dates and terms. Versions are never changed afterwards.</p>"
    "<h2>Accountability</h2>"
    "<p>Accountability for each obligation belongs to a position (an office), not to a person, "
    "so it survives changes of staff. The current version shows who holds each position today; "
    "earlier versions show who held it when that version took effect.</p>"
    "<h2>Search and counts</h2>"
    "<p>Search covers titles, summaries, party names and the text of responsibilities, in "
    "English and French, and finds an agreement by its reference number. Counts beside each "
    "filter are the number of published agreements that match the other filters you chose.</p>"
)
METHODOLOGY_FR = (
    "<h2>Ce qui est consigné</h2>"
    "<p>Chaque entente est consignée par les agents de liaison des organisations qui y sont "
    "parties, examinée par les cabinets des ministres concernés et vérifiée par les registraires "
    "du registre. Lorsqu’une entente ou une modification est signée, le registre fige tout son "
    "contenu dans une nouvelle version : parties, responsabilités, postes responsables et leurs "
    "titulaires, dates et modalités. Les versions ne sont jamais modifiées par la suite.</p>"
    "<h2>Responsabilité</h2>"
    "<p>La responsabilité de chaque obligation revient à un poste, et non à une personne, afin "
    "qu’elle survive aux changements de personnel. La version en vigueur indique qui occupe "
    "chaque poste aujourd’hui; les versions antérieures, qui l’occupait à leur entrée en "
    "vigueur.</p>"
    "<h2>Recherche et dénombrements</h2>"
    "<p>La recherche porte sur les titres, les résumés, le nom des parties et le texte des "
    "responsabilités, en français et en anglais, et retrouve une entente par son numéro de "
    "référence. Le nombre affiché à côté de chaque filtre est celui des ententes publiées qui "
    "répondent aux autres filtres choisis.</p>"
)
LICENCE_EN = (
    "<p>The data of published agreements (the pages, the CSV and JSON downloads and the Atom "
    "feed) is open data. You may copy, modify, publish, translate, adapt, distribute and "
    "otherwise use it, for any lawful purpose, commercial or not, provided you acknowledge the "
    "source: “Contains information from the Intergovernmental Agreement Registry”.</p>"
    "<p>The information is provided as is. Signed PDFs are the legal record; check a copy "
    "against the SHA-256 fingerprint shown beside each download. The names of public office "
    "holders are published because they are accountable for public obligations; personal "
    "contact details are never published.</p>"
)
LICENCE_FR = (
    "<p>Les données des ententes publiées (les pages, les téléchargements CSV et JSON et le fil "
    "Atom) sont des données ouvertes. Vous pouvez les copier, modifier, publier, traduire, "
    "adapter, distribuer et utiliser autrement, à toute fin légitime, commerciale ou non, à "
    "condition d’en citer la source : « Contient des renseignements du Registre des ententes "
    "intergouvernementales ».</p>"
    "<p>Les renseignements sont fournis tels quels. Les PDF signés constituent le document "
    "officiel; vérifiez une copie au moyen de l’empreinte SHA-256 affichée à côté de chaque "
    "téléchargement. Le nom des titulaires de charges publiques est publié parce qu’ils "
    "répondent d’obligations publiques; leurs coordonnées personnelles ne le sont jamais.</p>"
)

PAGES = [
    {
        "model": "agreementindexpage",
        "slug": "agreements",
        "title": "Agreements",
        "title_fr": "Ententes",
        "show_in_menus": False,
        "fields": {
            "intro": "Search and filter every published agreement, then read or download it.",
            "intro_fr": "Cherchez et filtrez toutes les ententes publiées, puis consultez-les "
            "ou téléchargez-les.",
        },
    },
    {
        "model": "jurisdictionindexpage",
        "slug": "jurisdictions",
        "title": "Jurisdictions",
        "title_fr": "Administrations",
        "show_in_menus": False,
        "fields": {
            "intro": "Governments from countries down to municipalities, with their "
            "organisations and agreements.",
            "intro_fr": "Les gouvernements, des pays aux municipalités, avec leurs "
            "organisations et leurs ententes.",
        },
    },
    {
        "model": "networkpage",
        "slug": "network",
        "title": "Network of agreements",
        "title_fr": "Réseau des ententes",
        "show_in_menus": False,
        "fields": {
            "intro": "Which governments hold published agreements with which.",
            "intro_fr": "Quels gouvernements ont conclu des ententes publiées entre eux.",
        },
    },
    {
        "model": "editorialpage",
        "slug": "about",
        "title": "About the registry",
        "title_fr": "À propos du registre",
        "show_in_menus": True,
        "fields": {"body": ABOUT_EN, "body_fr": ABOUT_FR},
    },
    {
        "model": "editorialpage",
        "slug": "methodology",
        "title": "Methodology",
        "title_fr": "Méthodologie",
        "show_in_menus": True,
        "fields": {"body": METHODOLOGY_EN, "body_fr": METHODOLOGY_FR},
    },
    {
        "model": "editorialpage",
        "slug": "open-data-licence",
        "title": "Open data licence",
        "title_fr": "Licence de données ouvertes",
        "show_in_menus": True,
        "fields": {"body": LICENCE_EN, "body_fr": LICENCE_FR},
    },
]


def _next_segment(segment: str) -> str:
    value = 0
    for char in segment:
        value = value * len(ALPHABET) + ALPHABET.index(char)
    value += 1
    digits = ""
    for _ in range(STEP):
        value, remainder = divmod(value, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return digits


def create_pages(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("cms", "HomePage")
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    if not home.title_fr:
        home.title_fr = HOME_TITLE_FR
    if not home.intro_fr:
        home.intro_fr = HOME_INTRO_FR
    home.save(update_fields=["title_fr", "intro_fr"])

    now = timezone.now()
    for spec in PAGES:
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        if children.filter(slug=spec["slug"]).exists():
            continue
        last = children.order_by("-path").values_list("path", flat=True).first()
        segment = _next_segment(last[-STEP:]) if last else "0001"
        model = apps.get_model("cms", spec["model"])
        content_type, _ = ContentType.objects.get_or_create(app_label="cms", model=spec["model"])
        model.objects.create(
            title=spec["title"],
            draft_title=spec["title"],
            title_fr=spec["title_fr"],
            slug=spec["slug"],
            content_type=content_type,
            path=home.path + segment,
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{spec['slug']}/",
            locale_id=home.locale_id,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            show_in_menus=spec["show_in_menus"],
            **spec["fields"],
        )
        Page.objects.filter(pk=home.pk).update(
            numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_add_bilingual_fields_and_site_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]

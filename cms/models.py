"""Wagtail pages for the public site. Pages read registry data through querysets, never write it.

Every page has an English title (Wagtail's `title`) and a French one (`title_fr`); bodies are
stored side by side as `<field>` (English) and `<field>_fr`. The routable pages serve plain
Django models (agreements, jurisdictions) under their own URL, e.g. /en/agreements/SNB-2021-004/.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from registry.bilingual import LocalizedText, active_language

# A reference number as `agreements.models.agreement.validate_reference` allows it. References
# are upper case, so they never collide with the lower-case words of the sub-routes below.
REFERENCE = r"(?P<reference>[A-Z0-9][A-Z0-9./-]{2,39}?)"


class BilingualPage(Page):
    """A page with a French title beside Wagtail's (English) title."""

    title_fr = models.CharField(
        _("title (French)"),
        max_length=255,
        blank=True,
        help_text=_("The page title in French. Left empty, the English title is shown."),
    )

    content_panels = Page.content_panels + [FieldPanel("title_fr")]

    class Meta:
        abstract = True

    def localized_field(self, english: str, french: str) -> LocalizedText:
        """English text lives in `english`, French in `french`; fall back and say so."""
        values = {"en": getattr(self, english) or "", "fr": getattr(self, french) or ""}
        wanted = active_language()
        other = "fr" if wanted == "en" else "en"
        if values[wanted]:
            return LocalizedText(values[wanted], wanted, False)
        return LocalizedText(values[other], other, bool(values[other]))

    @property
    def localized_title(self) -> LocalizedText:
        return self.localized_field("title", "title_fr")

    def get_view_restrictions(self):
        """Wagtail's view restrictions of this page and its ancestors; none, without a query,
        when `cms.routing` routed the request and knows that none applies."""
        if getattr(self, "_no_view_restrictions", False):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BilingualPage):
    """The registry's front page: what it is, live counts, the latest agreements, a search box."""

    intro = RichTextField(
        blank=True, help_text=_("A short paragraph saying what the registry is for.")
    )
    intro_fr = RichTextField(
        _("intro (French)"), blank=True, help_text=_("The same paragraph in French.")
    )

    content_panels = BilingualPage.content_panels + [FieldPanel("intro"), FieldPanel("intro_fr")]
    max_count = 1
    subpage_types = [
        "cms.EditorialPage",
        "cms.AgreementIndexPage",
        "cms.JurisdictionIndexPage",
        "cms.NetworkPage",
    ]

    class Meta:
        verbose_name = _("home page")

    @property
    def localized_intro(self) -> LocalizedText:
        return self.localized_field("intro", "intro_fr")

    def get_context(self, request, *args, **kwargs):
        from cms import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.home_context(request))
        return context


class AgreementIndexPage(RoutablePageMixin, BilingualPage):
    """The agreement browser and, below it, every published agreement by reference number."""

    intro = models.TextField(
        blank=True, help_text=_("A sentence above the search form, in English.")
    )
    intro_fr = models.TextField(
        _("intro (French)"), blank=True, help_text=_("The same sentence in French.")
    )

    content_panels = BilingualPage.content_panels + [
        MultiFieldPanel([FieldPanel("intro"), FieldPanel("intro_fr")], heading=_("Introduction"))
    ]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("agreement browser")

    @property
    def localized_intro(self) -> LocalizedText:
        return self.localized_field("intro", "intro_fr")

    @path("", name="browse")
    def browse(self, request):
        from cms import views

        return views.agreement_browser(request, page=self)

    @path("results.csv/", name="results-csv")
    def results_csv(self, request):
        from cms import views

        return views.agreement_results_csv(request, page=self)

    @path("results.json/", name="results-json")
    def results_json(self, request):
        from cms import views

        return views.agreement_results_json(request, page=self)

    # At most nine digits: a longer number is no version (404), and no database integer overflows.
    @re_path(rf"^{REFERENCE}/versions/(?P<number>[0-9]{{1,9}})/$", name="version")
    def version(self, request, reference, number):
        from cms import views

        return views.agreement_detail(request, page=self, reference=reference, number=int(number))

    @re_path(rf"^{REFERENCE}/changes/$", name="changes")
    def changes(self, request, reference):
        from cms import views

        return views.agreement_changes(request, page=self, reference=reference)

    @re_path(rf"^{REFERENCE}/$", name="agreement")
    def agreement(self, request, reference):
        from cms import views

        return views.agreement_detail(request, page=self, reference=reference, number=None)

    # A reference in another case ("snb-2019-001") redirects to the canonical address; the
    # routes above come first, so this only sees what they did not match.
    @re_path(
        r"^(?P<reference>[A-Za-z0-9][A-Za-z0-9./-]{2,39}?)/"
        r"(?:versions/(?P<number>[0-9]{1,9})/|(?P<changes>changes)/)?$",
        name="agreement-other-case",
    )
    def agreement_other_case(self, request, reference, number=None, changes=None):
        from cms import views

        return views.agreement_redirect(
            request,
            page=self,
            reference=reference,
            number=int(number) if number else None,
            changes=bool(changes),
        )


class JurisdictionIndexPage(RoutablePageMixin, BilingualPage):
    """The tree of jurisdictions, from countries down to municipalities, and a page for each."""

    intro = models.TextField(blank=True, help_text=_("A sentence above the tree, in English."))
    intro_fr = models.TextField(
        _("intro (French)"), blank=True, help_text=_("The same sentence in French.")
    )

    content_panels = BilingualPage.content_panels + [FieldPanel("intro"), FieldPanel("intro_fr")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("jurisdiction index")

    @property
    def localized_intro(self) -> LocalizedText:
        return self.localized_field("intro", "intro_fr")

    @path("", name="tree")
    def tree(self, request):
        from cms import views

        return views.jurisdiction_tree(request, page=self)

    @path("<slug:slug>/", name="jurisdiction")
    def jurisdiction(self, request, slug):
        from cms import views

        return views.jurisdiction_detail(request, page=self, slug=slug)

    @path("organisations/<slug:organization_slug>/", name="organisation")
    def organisation(self, request, organization_slug):
        from cms import accountability_views

        return accountability_views.organisation_detail(request, page=self, slug=organization_slug)

    # A position's id, at most nine digits: a longer number is no position (404), and no
    # database integer overflows. The id alone, so a snapshot's position (which records no
    # slug) can be linked to.
    @re_path(r"^positions/(?P<position_id>[0-9]{1,9})/$", name="position")
    def position(self, request, position_id):
        from cms import accountability_views

        return accountability_views.position_detail(
            request, page=self, position_id=int(position_id)
        )


class NetworkPage(RoutablePageMixin, BilingualPage):
    """Which governments hold agreements with which: a drawing and the same data as a table."""

    intro = models.TextField(blank=True, help_text=_("A sentence above the network, in English."))
    intro_fr = models.TextField(
        _("intro (French)"), blank=True, help_text=_("The same sentence in French.")
    )

    content_panels = BilingualPage.content_panels + [FieldPanel("intro"), FieldPanel("intro_fr")]
    max_count = 1
    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("network view")

    @property
    def localized_intro(self) -> LocalizedText:
        return self.localized_field("intro", "intro_fr")

    @path("", name="network")
    def network(self, request):
        from cms import views

        return views.network(request, page=self)


class EditorialPage(BilingualPage):
    """An ordinary page such as "About", "Methodology" or "Open data licence"."""

    body = RichTextField(blank=True, help_text=_("The page's text in English."))
    body_fr = RichTextField(
        _("body (French)"), blank=True, help_text=_("The page's text in French.")
    )
    updated = models.DateField(
        null=True, blank=True, help_text=_("When the content last changed materially.")
    )

    content_panels = BilingualPage.content_panels + [
        FieldPanel("body"),
        FieldPanel("body_fr"),
        FieldPanel("updated"),
    ]
    parent_page_types = ["cms.HomePage", "cms.EditorialPage"]

    class Meta:
        verbose_name = _("editorial page")

    @property
    def localized_body(self) -> LocalizedText:
        return self.localized_field("body", "body_fr")

"""Wagtail pages for the public site. Pages read registry data through querysets, never write it."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """The registry's front page: what it is, with live counts."""

    intro = RichTextField(
        blank=True, help_text=_("A short paragraph saying what the registry is for.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    subpage_types = ["cms.EditorialPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import home_counts

        context = super().get_context(request, *args, **kwargs)
        context["counts"] = home_counts()
        return context


class EditorialPage(Page):
    """An ordinary page such as "About", "Methodology" or "Open data licence"."""

    body = RichTextField(blank=True, help_text=_("The page's text."))
    updated = models.DateField(
        null=True, blank=True, help_text=_("When the content last changed materially.")
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("updated")]
    parent_page_types = ["cms.HomePage", "cms.EditorialPage"]

    class Meta:
        verbose_name = _("editorial page")

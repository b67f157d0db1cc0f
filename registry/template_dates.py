"""The date filters every template may use, whatever its app: `{% load registry_dates %}`
(registered in settings.TEMPLATES as a template library; the public site's `public_tags`
offers the same two filters).

    {{ version.effective_date|long_date }}   → "1 April 2019" / "1er avril 2019"
    {{ entry.at|date_time }}                 → "1 April 2019, 14:05 ADT" / "1er avril 2019, 14 h 05 HAA"
"""

from django import template

from registry import dates

register = template.Library()

register.filter("long_date", dates.long_date, is_safe=False)
register.filter("date_time", dates.date_time, is_safe=False)

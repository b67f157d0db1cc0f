"""Where an agreement's review stands, for the staff pages about the agreement (its inspect and
edit views, its lifecycle page): while the agreement, or its open amendment, is under review or
back in negotiation after a return, a "Review" header button leading to the review page, and the
last return's comment, so that the parties' liaison officers read what must change on the
agreement itself, not only in the transition log.

Only pages that already checked the user may view the agreement call this: the comment is shown
to whoever may see the agreement (its parties' staff and registrars), like the review page.
"""

from dataclasses import dataclass

from wagtail.admin.widgets.button import HeaderButton

from agreements import selectors
from agreements.models import Agreement, Amendment

from .reviews import REVIEW_TITLE, review_url

REVIEW_STATES = frozenset({Agreement.State.REVIEW, Agreement.State.NEGOTIATION})
REVIEW_NOTICE_TEMPLATE = "agreements/admin/with_review_notice.html"
_LOOK_UP = object()


@dataclass(frozen=True)
class ReviewStanding:
    """The review an agreement (or its open `amendment`) is in, or came back from."""

    agreement: Agreement
    amendment: Amendment | None
    under_review: bool
    last_return: selectors.LastReturn | None

    @property
    def url(self) -> str:
        return review_url(self.agreement, self.amendment)


def review_standing(agreement: Agreement, *, open_amendment=_LOOK_UP) -> ReviewStanding | None:
    """The standing of the review that matters now: the agreement's while it is under review or
    in negotiation after a return; in force, its open amendment's on the same terms. None when
    there is none (a draft, an agreement negotiated but never returned, approved, in force with
    no amendment in review or returned, or ended). Pass `open_amendment` when already known;
    otherwise an agreement in force costs one query for it. Reading the last return costs two
    at most."""
    amendment = None
    subject_state = agreement.state
    if agreement.state == Agreement.State.IN_FORCE:
        if open_amendment is _LOOK_UP:
            open_amendment = agreement.amendments.open().order_by("-number").first()
        if open_amendment is None:
            return None
        amendment, subject_state = open_amendment, open_amendment.state
    if subject_state not in REVIEW_STATES:
        return None
    last = selectors.last_return(agreement, amendment)
    under_review = subject_state == Agreement.State.REVIEW
    if not under_review and last is None:
        return None
    return ReviewStanding(agreement, amendment, under_review, last)


def review_button(standing: ReviewStanding) -> HeaderButton:
    """A header button for the agreement's edit and inspect views, leading to its review."""
    return HeaderButton(REVIEW_TITLE, url=standing.url, icon_name="tasks")

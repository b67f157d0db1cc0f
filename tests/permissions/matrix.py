"""The permission matrix as data: for every agreement URL, what each role gets back for an
agreement in each stage and visibility. Read by the test_matrix_*.py modules, which request every
cell (matrix_runner.py).

Answers:
- "200" the page; "404" not found (the user may not know the agreement exists);
- "login": a redirect to the sign-in page (anonymous and deactivated accounts);
- "denied": Wagtail's answer to PermissionDenied, a redirect to the dashboard with an error
  (the user may see the agreement but not do this to it);
- "back": a lifecycle action answered by the agreement's lifecycle page (redirected to it, or
  shown again with the refused form as typed): the permission check passed (the lifecycle guards may still refuse the move, with a message), or the move
  is not in the lifecycle table at all (refused for everyone, before any permission question);
- "canonical": a public address that redirects to the agreement's own public page;
- "moved": a public address that redirects for good (301) to the agreement's own public page;
- "listed" / "unlisted": a listing answered 200 and the agreement is (not) one of its rows.

The public site (pages, feed, sitemap) answers every role alike: it shows published agreements
only, whoever asks.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import reverse

from agreements.models import Agreement, Amendment
from tests.permissions.builders import (
    AMENDMENT_NEGOTIATION,
    AMENDMENT_REVIEW,
    MATRIX_STAGES,
    SIGNED_STATES,
)

OK = "200"
NOT_FOUND = "404"
LOGIN = "login"
DENIED = "denied"
BACK = "back"
CANONICAL = "canonical"
MOVED = "moved"
LISTED = "listed"
UNLISTED = "unlisted"

ROLES = (
    "anonymous",
    "registrar",
    "liaison_party",
    "liaison_other",
    "minister_party",
    "minister_portfolio",
    "minister_other",
    "inactive",
)
S = Agreement.State
A = Amendment.State
PUBLIC = Agreement.Visibility.PUBLIC
# Content may be edited: before review, or in force while an amendment is being negotiated.
EDITABLE = frozenset({S.DRAFT, S.NEGOTIATION, AMENDMENT_NEGOTIATION})
# Deletable by a registrar: never signed, so no version (the legal record) hangs off it.
NEVER_SIGNED = frozenset({S.DRAFT, S.NEGOTIATION, S.REVIEW, S.APPROVED})
# Signed at least once: version 1 exists.
SIGNED = frozenset({*SIGNED_STATES, AMENDMENT_NEGOTIATION, AMENDMENT_REVIEW})
# Liaison officers open amendments (and negotiate agreements) in these stages.
NEGOTIABLE = frozenset(
    {S.DRAFT, S.NEGOTIATION, S.IN_FORCE, AMENDMENT_NEGOTIATION, AMENDMENT_REVIEW}
)


def by_stage(allowed: frozenset[str], yes: str, no: str) -> dict[str, str]:
    return {stage: yes if stage in allowed else no for stage in MATRIX_STAGES}


def state_of(stage: str) -> str:
    return stage.partition("+")[0]


def amendment_state_of(stage: str) -> str | None:
    return stage.partition("+amendment_")[2] or None


@dataclass(frozen=True)
class ByMove:
    """The answer to a move request: `yes` for the moves in `moves`, BACK for requests that are
    not a move of the lifecycle table (`table`), `no` otherwise. `amendment`: the moves are the
    stage's open amendment's, and a stage without one answers NOT_FOUND."""

    moves: frozenset[tuple[str, str]]
    table: frozenset[tuple[str, str]]
    yes: str = BACK
    no: str = DENIED
    amendment: bool = False

    def __call__(self, stage: str, visibility: str, variant: tuple) -> str:
        source = amendment_state_of(stage) if self.amendment else state_of(stage)
        if source is None:
            return NOT_FOUND
        move = (source, variant[-1])
        if move not in self.table:
            return BACK
        return self.yes if move in self.moves else self.no


# --- the lifecycle's moves, written out ------------------------------------------------------

AGREEMENT_MOVES = frozenset(
    {
        (S.DRAFT, S.NEGOTIATION),
        (S.NEGOTIATION, S.REVIEW),
        (S.REVIEW, S.NEGOTIATION),
        (S.REVIEW, S.APPROVED),
        (S.APPROVED, S.NEGOTIATION),
        (S.APPROVED, S.IN_FORCE),
        (S.IN_FORCE, S.EXPIRED),
        (S.IN_FORCE, S.TERMINATED),
        (S.IN_FORCE, S.SUPERSEDED),
    }
)
LIAISON_MOVES = frozenset(
    {
        (S.DRAFT, S.NEGOTIATION),
        (S.NEGOTIATION, S.REVIEW),
        (S.APPROVED, S.IN_FORCE),
        (S.IN_FORCE, S.EXPIRED),
        (S.IN_FORCE, S.TERMINATED),
        (S.IN_FORCE, S.SUPERSEDED),
    }
)
MINISTER_MOVES = frozenset(
    {(S.REVIEW, S.NEGOTIATION), (S.REVIEW, S.APPROVED), (S.APPROVED, S.NEGOTIATION)}
)
AMENDMENT_MOVES = frozenset(
    {
        (A.DRAFT, A.NEGOTIATION),
        (A.NEGOTIATION, A.REVIEW),
        (A.REVIEW, A.NEGOTIATION),
        (A.REVIEW, A.APPROVED),
        (A.APPROVED, A.NEGOTIATION),
        (A.APPROVED, A.SIGNED),
        *((source, A.WITHDRAWN) for source in Amendment.OPEN_STATES),
    }
)
LIAISON_AMENDMENT_MOVES = frozenset(
    {
        (A.DRAFT, A.NEGOTIATION),
        (A.NEGOTIATION, A.REVIEW),
        (A.APPROVED, A.SIGNED),
        *((source, A.WITHDRAWN) for source in Amendment.OPEN_STATES),
    }
)
MINISTER_AMENDMENT_MOVES = frozenset(
    {(A.REVIEW, A.NEGOTIATION), (A.REVIEW, A.APPROVED), (A.APPROVED, A.NEGOTIATION)}
)

# Which moves each stage requests: every move of the table from its state, and "draft", which
# no move leads to (refused before any permission question).
TRANSITION_TARGETS = {
    S.DRAFT: (S.NEGOTIATION, S.DRAFT),
    S.NEGOTIATION: (S.REVIEW, S.DRAFT),
    S.REVIEW: (S.NEGOTIATION, S.APPROVED, S.DRAFT),
    S.APPROVED: (S.NEGOTIATION, S.IN_FORCE, S.DRAFT),
    S.IN_FORCE: (S.EXPIRED, S.TERMINATED, S.SUPERSEDED, S.DRAFT),
    S.EXPIRED: (S.DRAFT,),
    S.TERMINATED: (S.DRAFT,),
    S.SUPERSEDED: (S.DRAFT,),
}
AMENDMENT_TARGETS = {
    A.NEGOTIATION: (A.REVIEW, A.WITHDRAWN, A.SIGNED),
    A.REVIEW: (A.NEGOTIATION, A.APPROVED, A.WITHDRAWN),
}


def transition_variants(stage: str) -> tuple[tuple, ...]:
    return tuple((target,) for target in TRANSITION_TARGETS[state_of(stage)])


def amendment_variants(stage: str) -> tuple[tuple, ...]:
    amendment = amendment_state_of(stage)
    if amendment is None:
        return ((1, A.NEGOTIATION),)  # no amendment 1 here
    return tuple((1, target) for target in AMENDMENT_TARGETS[amendment])


def first_version(stage: str) -> tuple[tuple, ...]:
    return ((1,),)


# --- what each kind of URL answers, by the right it needs ------------------------------------

SIGNED_OUT = {"anonymous": LOGIN, "inactive": LOGIN}
SEE = {
    **SIGNED_OUT,
    "registrar": OK,
    "liaison_party": OK,
    "liaison_other": NOT_FOUND,
    "minister_party": OK,
    "minister_portfolio": OK,
    "minister_other": NOT_FOUND,
}
SEE_SIGNED = {
    role: by_stage(SIGNED, OK, NOT_FOUND) if answer == OK else answer
    for role, answer in SEE.items()
}
CHANGE = {
    **SEE,
    "liaison_party": by_stage(EDITABLE, OK, DENIED),
    "minister_party": DENIED,
    "minister_portfolio": DENIED,
}
DELETE = {
    **SEE,
    "registrar": by_stage(NEVER_SIGNED, OK, DENIED),
    "liaison_party": DENIED,
    "minister_party": DENIED,
    "minister_portfolio": DENIED,
}
LISTING = {
    **SIGNED_OUT,
    "registrar": LISTED,
    "liaison_party": LISTED,
    "liaison_other": UNLISTED,
    "minister_party": LISTED,
    "minister_portfolio": LISTED,
    "minister_other": UNLISTED,
}
MOVE = {
    **SIGNED_OUT,
    "registrar": ByMove(AGREEMENT_MOVES, AGREEMENT_MOVES),
    "liaison_party": ByMove(LIAISON_MOVES, AGREEMENT_MOVES),
    "liaison_other": NOT_FOUND,
    "minister_party": ByMove(MINISTER_MOVES, AGREEMENT_MOVES),
    "minister_portfolio": ByMove(MINISTER_MOVES, AGREEMENT_MOVES),
    "minister_other": NOT_FOUND,
}
AMENDMENT_MOVE = {
    **SIGNED_OUT,
    "registrar": ByMove(AMENDMENT_MOVES, AMENDMENT_MOVES, amendment=True),
    "liaison_party": ByMove(LIAISON_AMENDMENT_MOVES, AMENDMENT_MOVES, amendment=True),
    "liaison_other": NOT_FOUND,
    "minister_party": ByMove(MINISTER_AMENDMENT_MOVES, AMENDMENT_MOVES, amendment=True),
    "minister_portfolio": ByMove(MINISTER_AMENDMENT_MOVES, AMENDMENT_MOVES, amendment=True),
    "minister_other": NOT_FOUND,
}
AMENDMENT_OPEN = {
    **SIGNED_OUT,
    "registrar": BACK,
    "liaison_party": by_stage(NEGOTIABLE, BACK, DENIED),
    "liaison_other": NOT_FOUND,
    "minister_party": DENIED,
    "minister_portfolio": DENIED,
    "minister_other": NOT_FOUND,
}

# A registrar's action on an agreement they see, in any stage (others are refused).
REGISTRAR_ACTION = {
    **SEE,
    "registrar": BACK,
    "liaison_party": DENIED,
    "minister_party": DENIED,
    "minister_portfolio": DENIED,
}

# A lifecycle form checked before the right to act (the matrix posts it empty): everyone who
# sees the agreement is sent back to the lifecycle page with the form's errors, and nothing is
# written; who may record a later signature is tested in
# tests/lifecycle/test_partial_entry_into_force.py.
SEEN_FORM = {role: BACK if answer == OK else answer for role, answer in SEE.items()}

# URLs about no particular agreement: one answer per role.
CREATE = {
    **SIGNED_OUT,
    "registrar": OK,
    "liaison_party": OK,
    "liaison_other": OK,
    "minister_party": DENIED,
    "minister_portfolio": DENIED,
    "minister_other": DENIED,
}
CHOOSER_CREATE = {**CREATE, "liaison_party": DENIED, "liaison_other": DENIED}
SIGNED_IN_PAGE = {role: LOGIN if role in SIGNED_OUT else OK for role in ROLES}
# The party organisation's accountability brief: its minister's office, the office above it
# (portfolio) and registrars. Others are refused outright: organisations are public reference
# data, so the refusal reveals nothing (and the brief itself lists only visible agreements).
PARTY_BRIEF = {
    **SIGNED_OUT,
    "registrar": OK,
    "liaison_party": DENIED,
    "liaison_other": DENIED,
    "minister_party": OK,
    "minister_portfolio": OK,
    "minister_other": DENIED,
}

# The public site answers everybody alike, staff included: only published agreements (public,
# with a version in effect) exist there.
PUBLISHED = frozenset(SIGNED)


def published_answer(yes: str, no: str) -> Callable[[str, str, tuple], str]:
    def answer(stage: str, visibility: str, variant: tuple) -> str:
        return yes if stage in PUBLISHED and visibility == PUBLIC else no

    return answer


PUBLIC_PAGE = dict.fromkeys(ROLES, published_answer(OK, NOT_FOUND))
PUBLIC_LISTING = dict.fromkeys(ROLES, published_answer(LISTED, UNLISTED))
# Version 1 is the current version of every published matrix agreement: its address redirects to
# the agreement's page ("canonical").
PUBLIC_VERSION = dict.fromkeys(ROLES, published_answer(CANONICAL, NOT_FOUND))
# The reference number in lower case: published agreements move for good to their own address;
# any other agreement is not found (the address must not reveal that it exists).
PUBLIC_OTHER_CASE = dict.fromkeys(ROLES, published_answer(MOVED, NOT_FOUND))
# The "as in force on" day asked for an agreement never signed (it has no effective date).
FIRST_DAY = datetime.date(2021, 4, 1)


@dataclass(frozen=True)
class Url:
    """One URL of the matrix.

    `target`: the object whose id goes into the URL ("agreement", "party", "responsibility",
    "relation"), "party_organization" (the lead party's organisation: one request per role), or
    None (no argument: one request per role). `variants`: stage → the extra URL arguments to
    request (one request each). `query`: a query string; "{ids}" becomes every matrix
    agreement's id. `listing`: the answer per agreement is whether it is among the rows.
    `method`/`data`: POST requests run in a savepoint that is rolled back. `writes`: a GET URL
    that also accepts POST; every refused GET is repeated as a POST, which must be refused the
    same way. `link`: for the public site's pages, which Django's resolver cannot reverse:
    (site links, world, agreement or None) → the path.
    """

    expected: dict
    target: str | None = "agreement"
    variants: Callable[[str], tuple[tuple, ...]] | None = None
    query: str = ""
    listing: bool = False
    method: str = "GET"
    data: dict = field(default_factory=dict)
    writes: bool = False
    link: Callable | None = None


AGREEMENT_URLS: dict[str, Url] = {
    "agreements:index": Url(LISTING, target=None, listing=True),
    "agreements:index_results": Url(LISTING, target=None, listing=True),
    "agreements:add": Url(CREATE, target=None),
    "agreements:edit": Url(CHANGE, writes=True),
    "agreements:delete": Url(DELETE, writes=True),
    "agreements:inspect": Url(SEE),
    "agreements:change_history": Url(SEE),
}


# Rows edited inline on an agreement, also listed across agreements: one table per viewset.
def row_urls(namespace: str, target: str) -> dict[str, Url]:
    return {
        f"{namespace}:index": Url(LISTING, target=None, listing=True),
        f"{namespace}:index_results": Url(LISTING, target=None, listing=True),
        f"{namespace}:edit": Url(CHANGE, target=target, writes=True),
        f"{namespace}:delete": Url(CHANGE, target=target, writes=True),
        f"{namespace}:inspect": Url(SEE, target=target),
        f"{namespace}:change_history": Url(SEE, target=target),
    }


PARTY_URLS = row_urls("parties", "party")
RESPONSIBILITY_URLS = row_urls("responsibilities", "responsibility")
RELATION_URLS = row_urls("agreement_relations", "relation")
ROW_URLS: dict[str, Url] = {**PARTY_URLS, **RESPONSIBILITY_URLS, **RELATION_URLS}

# The agreement chooser (related agreements): lists and returns only visible agreements.
CHOOSER_URLS: dict[str, Url] = {
    "agreement_chooser:choose": Url(LISTING, target=None, query="q=MX", listing=True),
    "agreement_chooser:choose_results": Url(LISTING, target=None, query="q=MX", listing=True),
    "agreement_chooser:chosen": Url(SEE),
    "agreement_chooser:chosen_multiple": Url(LISTING, target=None, query="{ids}", listing=True),
    "agreement_chooser:create": Url(CHOOSER_CREATE, target=None),
}

# Reviews by each signing party (agreements/views/reviews.py): the review page answers whoever
# may see the agreement (amendment 1's, where the stage has one); "awaiting my review" lists an
# agreement under review to the ministers' offices of its parties (and of their portfolio) and
# to registrars, while no party of theirs has decided in the round.
UNDER_REVIEW = frozenset({S.REVIEW, AMENDMENT_REVIEW})
SEE_AMENDMENT = {
    role: by_stage(frozenset({AMENDMENT_NEGOTIATION, AMENDMENT_REVIEW}), OK, NOT_FOUND)
    if answer == OK
    else answer
    for role, answer in SEE.items()
}
AWAITING_REVIEW = {
    **SIGNED_OUT,
    "registrar": by_stage(UNDER_REVIEW, LISTED, UNLISTED),
    "liaison_party": UNLISTED,
    "liaison_other": UNLISTED,
    "minister_party": by_stage(UNDER_REVIEW, LISTED, UNLISTED),
    "minister_portfolio": by_stage(UNDER_REVIEW, LISTED, UNLISTED),
    "minister_other": UNLISTED,
}

# The lifecycle pages: moves, versions, comparison, amendments; and the accountability briefs.
LIFECYCLE_URLS: dict[str, Url] = {
    "agreement_lifecycle:overview": Url(SEE),
    "agreement_lifecycle:version": Url(SEE_SIGNED, variants=first_version),
    "agreement_lifecycle:compare": Url(SEE_SIGNED, query="before=1&after=1"),
    "agreement_lifecycle:transition": Url(MOVE, variants=transition_variants, method="POST"),
    "agreement_lifecycle:amendment_open": Url(
        AMENDMENT_OPEN, method="POST", data={"amendment-title_en": "Matrix amendment"}
    ),
    "agreement_lifecycle:amendment_transition": Url(
        AMENDMENT_MOVE, variants=amendment_variants, method="POST"
    ),
    # Registrars record why a version may be published in one language only.
    "agreement_lifecycle:parity_exemption": Url(
        REGISTRAR_ACTION, method="POST", data={"reason": "Matrix reason"}
    ),
    "agreements_accountability_briefs": Url(SIGNED_IN_PAGE, target=None),
    "agreements_accountability_brief": Url(
        PARTY_BRIEF, target="party_organization", query="language=en"
    ),
    "agreement_reviews:agreement": Url(SEE),
    "agreement_reviews:amendment": Url(SEE_AMENDMENT, variants=first_version),
    "agreement_reviews:index": Url(AWAITING_REVIEW, target=None, listing=True),
    "agreement_lifecycle:later_signature": Url(SEEN_FORM, method="POST"),
    "agreement_reports:agreement": Url(SEE),
    "agreement_reports:responsibility": Url(SEE, target="responsibility"),
}

# A signed version's PDF: the public downloads published ones; staff also any version of an
# agreement they may see.
VERSION_PDF = {
    **dict.fromkeys(ROLES, published_answer(OK, NOT_FOUND)),
    **{
        role: by_stage(SIGNED, OK, NOT_FOUND)
        for role in ("registrar", "liaison_party", "minister_party", "minister_portfolio")
    },
}

# The public site. Page routes are named "page:<page model>:<route name>".
PUBLIC_URLS: dict[str, Url] = {
    "page:AgreementIndexPage:agreement": Url(
        PUBLIC_PAGE, link=lambda links, world, agreement: links.agreement(agreement.reference)
    ),
    "page:AgreementIndexPage:version": Url(
        PUBLIC_VERSION,
        link=lambda links, world, agreement: links.version(agreement.reference, 1),
    ),
    "page:AgreementIndexPage:changes": Url(
        PUBLIC_PAGE, link=lambda links, world, agreement: links.changes(agreement.reference)
    ),
    "page:AgreementIndexPage:browse": Url(
        PUBLIC_LISTING, target=None, listing=True, link=lambda links, world, _: links.agreements
    ),
    "page:AgreementIndexPage:results-csv": Url(
        PUBLIC_LISTING,
        target=None,
        listing=True,
        link=lambda links, world, _: f"{links.agreements}results.csv/",
    ),
    "page:AgreementIndexPage:results-json": Url(
        PUBLIC_LISTING,
        target=None,
        listing=True,
        link=lambda links, world, _: f"{links.agreements}results.json/",
    ),
    "page:JurisdictionIndexPage:jurisdiction": Url(
        PUBLIC_LISTING,
        target=None,
        listing=True,
        link=lambda links, world, _: links.jurisdiction(world.cast.party.jurisdiction.slug),
    ),
    "feed": Url(PUBLIC_LISTING, target=None, listing=True, link=lambda *_: "/en/feed/"),
    "agreement_pdfs:version-pdf": Url(
        VERSION_PDF,
        link=lambda links, world, agreement: reverse(
            "agreement_pdfs:version-pdf", args=[agreement.reference, 1, "en"]
        ),
    ),
    "agreement_pdfs:verify": Url(dict.fromkeys(ROLES, OK), target=None),
    "page:AgreementIndexPage:agreement-other-case": Url(
        PUBLIC_OTHER_CASE,
        link=lambda links, world, agreement: f"{links.agreements}{agreement.reference.lower()}/",
    ),
    # The public API (opendata.api): the same published agreements as the site, to everyone.
    "api-v1:list_agreements": Url(
        PUBLIC_LISTING, target=None, listing=True, link=lambda *_: reverse("api-v1:list_agreements")
    ),
    "api-v1:get_agreement": Url(
        PUBLIC_PAGE,
        link=lambda links, world, agreement: reverse(
            "api-v1:get_agreement", kwargs={"reference": agreement.reference}
        ),
    ),
    "api-v1:get_version": Url(
        PUBLIC_PAGE,
        link=lambda links, world, agreement: reverse(
            "api-v1:get_version", kwargs={"reference": agreement.reference, "number": 1}
        ),
    ),
    # On the day a published agreement took effect, its version 1 applies.
    "api-v1:get_as_of": Url(
        PUBLIC_PAGE,
        link=lambda links, world, agreement: reverse(
            "api-v1:get_as_of",
            kwargs={
                "reference": agreement.reference,
                "date": (agreement.effective_date or FIRST_DAY).isoformat(),
            },
        ),
    ),
    "django.contrib.sitemaps.views.sitemap": Url(
        PUBLIC_LISTING, target=None, listing=True, link=lambda *_: "/sitemap-agreements.xml"
    ),
}

MATRIX: dict[str, Url] = {
    **AGREEMENT_URLS,
    **ROW_URLS,
    **CHOOSER_URLS,
    **LIFECYCLE_URLS,
    **PUBLIC_URLS,
}

# Agreement URLs deliberately not requested by the matrix, with the reason.
LEFT_OUT: dict[str, str] = {
    "agreement_reports:submit": (
        "A due date of a signed obligation in the address: who may submit for which obligation "
        "is tested in tests/admin/test_report_screens.py and tests/lifecycle/test_report_review.py."
    ),
    "agreement_reports:report": (
        "A report's id in the address (the matrix agreements have no reports): who may see and "
        "decide a report is tested in tests/admin/test_report_screens.py."
    ),
    "agreement_reports:attachment": (
        "A report's attachment: who may download it is tested in "
        "tests/security/test_report_uploads.py."
    ),
    "workspace_expiring": (
        "A report of agreements reaching their notice or expiry date (none of the matrix's do): "
        "its rows per role are tested in tests/workspace/test_reports.py."
    ),
    "agreement_reviews:decide": (
        "POST for one party (its id in the address): who may decide for which party is tested "
        "in tests/admin/test_reviews.py and tests/lifecycle/test_party_approvals.py."
    ),
    "agreement_reviews:amendment_decide": (
        "POST for one party of an amendment: as agreement_reviews:decide."
    ),
    "page:AgreementIndexPage:index_route": (
        "Wagtail's default route of every routable page: the page's own address, which the "
        "'browse' route serves and the matrix requests."
    ),
}

"""Every admin URL the resolver knows, and how the crawl fills it.

Keys are URL names (the route itself for unnamed routes). A `Walk` says which planted ids fill
each path parameter (a key of `Planted.ids`, or literal values) and which query strings to send;
a `Skip` gives the reason a URL is not requested. `test_admin_crawl` fails when the resolver knows
a name this table does not (or the reverse), so a new admin URL cannot go unwalked.
"""

from dataclasses import dataclass, field

from agreements.models import Agreement, Amendment

from .planted_secrets import MARKERS


@dataclass(frozen=True)
class Ids:
    """A query value: every planted id of a kind (`?id=1&id=2`)."""

    kind: str


@dataclass(frozen=True)
class Walk:
    #: path parameter → kind of planted id (key of `Planted.ids`) or a tuple of literal values
    params: dict = field(default_factory=dict)
    #: each query string to send (one request each)
    queries: tuple = ({},)
    #: explicit parameter combinations, when parameters must agree (app label with model name)
    combos: tuple = ()
    #: literal paths under /admin/ (regex routes)
    paths: tuple = ()
    #: also send an empty POST (views that only answer POST and change nothing without data)
    post: bool = False


@dataclass(frozen=True)
class Skip:
    reason: str


# Searches send the start of each marker only: a page that echoes the search box must not count
# as a leak, and a row that matches shows the whole marker.
PREFIXES = tuple(marker[:7] for marker in MARKERS)
SEARCHES = ({}, *({"q": prefix} for prefix in PREFIXES))
FILTERS = (*SEARCHES, {"p": "2"})
HISTORY = ({}, {"p": "2"})
REPORT = ({}, {"export": "csv"})
SITE_HISTORY = ({}, {"export": "csv"}, {"export": "xlsx"})
SITE_HISTORY_RESULTS = ({}, *({"label": prefix} for prefix in PREFIXES))
PAGE = {"page_id": "page"}
PARENT_PAGE = {"parent_page_id": "page"}
AGREEMENT_STATES = (
    Agreement.State.NEGOTIATION,
    Agreement.State.REVIEW,
    Agreement.State.IN_FORCE,
    Agreement.State.TERMINATED,
    "bogus",
)
AMENDMENT_STATES = (Amendment.State.NEGOTIATION, Amendment.State.REVIEW, "signed")


def viewset(namespace, kind, *, add=True, inspect=False, wagtail_history=False, copy=False):
    """The URLs of one ModelViewSet (registry viewsets replace Wagtail's history and usage by
    `change_history`)."""
    entries = {
        f"{namespace}:index": Walk(),
        f"{namespace}:index_results": Walk(queries=FILTERS),
        f"{namespace}:edit": Walk({"pk": kind}),
        f"{namespace}:delete": Walk({"pk": kind}),
    }
    if add:
        entries[f"{namespace}:add"] = Walk()
    if inspect:
        entries[f"{namespace}:inspect"] = Walk({"pk": kind})
    if wagtail_history:
        entries |= {
            f"{namespace}:history": Walk({"pk": kind}, queries=HISTORY),
            f"{namespace}:history_results": Walk({"pk": kind}, queries=HISTORY),
            f"{namespace}:usage": Walk({"pk": kind}),
        }
    else:
        entries[f"{namespace}:change_history"] = Walk({"pk": kind}, queries=HISTORY)
    if copy:
        entries[f"{namespace}:copy"] = Walk({"pk": kind})
    return entries


def chooser(namespace, kind, *, extra=()):
    entries = {
        f"{namespace}:choose": Walk(),
        f"{namespace}:choose_results": Walk(queries=SEARCHES),
        f"{namespace}:chosen": Walk({"pk": kind}),
        f"{namespace}:chosen_multiple": Walk(queries=({"id": Ids(kind)},)),
        f"{namespace}:create": Walk(),
    }
    for name in extra:
        entries[f"{namespace}:{name}"] = Walk({"image_id": (1,)})
    return entries


def api(endpoint):
    return {
        f"wagtailadmin_api:{endpoint}:listing": Walk(paths=(f"api/main/{endpoint}/",)),
        f"wagtailadmin_api:{endpoint}:detail": Walk(paths=(f"api/main/{endpoint}/1/",)),
        f"wagtailadmin_api:{endpoint}:find": Walk(paths=(f"api/main/{endpoint}/find/?id=1",)),
    }


MODELS = (
    {"app_label": "agreements", "model_name": "agreement"},
    {"app_label": "agreements", "model_name": "party"},
    {"app_label": "agreements", "model_name": "responsibility"},
    {"app_label": "agreements", "model_name": "agreementrelation"},
    {"app_label": "jurisdictions", "model_name": "organization"},
)

ADMIN_URLS: dict[str, Walk | Skip] = {
    # --- Wagtail core --------------------------------------------------------------------------
    "wagtailadmin_home": Walk(),
    "admin/test404/": Walk(),
    "admin/^.*/$": Walk(
        # Wagtail's catch-all 404, and endpoints other Wagtail versions or packages offer.
        paths=tuple(
            f"{path}?q={prefix}"
            for path in ("autocomplete/", "search/", "snippets/agreements/agreement/")
            for prefix in PREFIXES
        )
    ),
    **api("pages"),
    "wagtailadmin_api:pages:action": Walk(paths=("api/main/pages/1/action/copy/",), post=True),
    **api("documents"),
    **api("images"),
    "wagtailadmin_error_test": Skip("raises on purpose to show Wagtail's error page"),
    "wagtailadmin_explore_root": Walk(queries=SEARCHES),
    "wagtailadmin_explore": Walk(PARENT_PAGE, queries=SEARCHES),
    "wagtailadmin_explore_results": Walk(PARENT_PAGE, queries=SEARCHES),
    "wagtail_bulk_action": Walk(
        combos=tuple(
            {**model, "action": action}
            for model in (
                *MODELS,
                {"app_label": "wagtailcore", "model_name": "page"},
                {"app_label": "auth", "model_name": "user"},
            )
            for action in ("delete", "publish", "set_active_state")
        ),
        queries=({"id": Ids("agreement")},),
    ),
    "wagtailadmin_pages:add": Walk(
        {"content_type_app_name": ("cms",), "content_type_model_name": ("agreementindexpage",)}
        | PARENT_PAGE
    ),
    "wagtailadmin_pages:preview_on_add": Walk(
        {"content_type_app_name": ("cms",), "content_type_model_name": ("homepage",)} | PARENT_PAGE
    ),
    "wagtailadmin_pages:type_use": Walk(
        combos=({"content_type_app_name": "cms", "content_type_model_name": "homepage"},)
    ),
    "wagtailadmin_pages:type_use_results": Walk(
        combos=({"content_type_app_name": "cms", "content_type_model_name": "homepage"},)
    ),
    "wagtailadmin_pages:choose_parent": Walk(
        combos=({"app_label": "cms", "model_name": "homepage"},)
    ),
    "wagtailadmin_pages:usage": Walk(PAGE),
    "wagtailadmin_pages:edit": Walk(PAGE),
    "wagtailadmin_pages:preview_on_edit": Walk(PAGE),
    "wagtailadmin_pages:view_draft": Walk(PAGE),
    "wagtailadmin_pages:add_subpage": Walk(PARENT_PAGE),
    "wagtailadmin_pages:delete": Walk(PAGE),
    "wagtailadmin_pages:unpublish": Walk(PAGE),
    "wagtailadmin_pages:convert_alias": Walk(PAGE),
    "wagtailadmin_pages:search": Walk(queries=SEARCHES),
    "wagtailadmin_pages:search_results": Walk(queries=SEARCHES),
    "wagtailadmin_pages:move": Walk({"page_to_move_id": "page"}),
    "wagtailadmin_pages:move_confirm": Walk({"page_to_move_id": "page", "destination_id": (1,)}),
    # Wagtail 7.4 answers 500 for the tree root here (it has no parent): reported, not ours.
    "wagtailadmin_pages:set_page_position": Walk({"page_to_move_id": "page_below_root"}),
    "wagtailadmin_pages:copy": Walk(PAGE),
    "wagtailadmin_pages:workflow_action": Walk(
        PAGE | {"action_name": ("approve",), "task_state_id": (1,)}
    ),
    "wagtailadmin_pages:collect_workflow_action_data": Walk(
        PAGE | {"action_name": ("approve",), "task_state_id": (1,)}
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": Walk(PAGE),
    "wagtailadmin_pages:workflow_preview": Walk(PAGE | {"task_id": (1,)}),
    "wagtailadmin_pages:set_privacy": Walk(PAGE),
    "wagtailadmin_pages:lock": Walk(PAGE),
    "wagtailadmin_pages:unlock": Walk(PAGE),
    "wagtailadmin_pages:revisions_index": Walk(PAGE),
    "wagtailadmin_pages:revisions_view": Walk(PAGE | {"revision_id": (1,)}),
    "wagtailadmin_pages:revisions_revert": Walk(PAGE | {"revision_id": (1,)}),
    "wagtailadmin_pages:revisions_unschedule": Walk(PAGE | {"revision_id": (1,)}),
    "wagtailadmin_pages:revisions_compare": Walk(
        paths=("pages/3/revisions/compare/earliest...latest/",)
    ),
    "wagtailadmin_pages:workflow_history": Walk(PAGE),
    "wagtailadmin_pages:workflow_history_detail": Walk(PAGE | {"workflow_state_id": (1,)}),
    "wagtailadmin_pages:history": Walk(PAGE, queries=HISTORY),
    "wagtailadmin_pages:history_results": Walk(PAGE, queries=HISTORY),
    "wagtailadmin_choose_page": Walk(queries=SEARCHES),
    "wagtailadmin_choose_page_child": Walk(PARENT_PAGE),
    "wagtailadmin_choose_page_search": Walk(queries=SEARCHES),
    "wagtailadmin_choose_page_chosen_multiple": Walk(queries=({"id": Ids("page_below_root")},)),
    "wagtailadmin_choose_page_external_link": Walk(),
    "wagtailadmin_choose_page_email_link": Walk(),
    "wagtailadmin_choose_page_phone_link": Walk(),
    "wagtailadmin_choose_page_anchor_link": Walk(),
    "wagtailadmin_tag_autocomplete": Walk(queries=tuple({"term": p} for p in PREFIXES)),
    "wagtailadmin_tag_model_autocomplete": Walk(
        combos=tuple({"app_name": m["app_label"], "model_name": m["model_name"]} for m in MODELS),
        queries=tuple({"term": p} for p in PREFIXES),
    ),
    "wagtailadmin_collections:index": Walk(),
    "wagtailadmin_collections:add": Walk(),
    "wagtailadmin_collections:edit": Walk({"pk": (1,)}),
    "wagtailadmin_collections:delete": Walk({"pk": (1,)}),
    "wagtailadmin_collections:set_privacy": Walk({"collection_id": (1,)}),
    "wagtailadmin_workflows:index": Walk(),
    "wagtailadmin_workflows:index_results": Walk(),
    "wagtailadmin_workflows:add": Walk(),
    "wagtailadmin_workflows:enable": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:disable": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:edit": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:usage": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:usage_results": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:remove": Walk({"page_pk": "page", "workflow_pk": (1,)}),
    "wagtailadmin_workflows:add_task": Walk(
        combos=({"app_label": "wagtailcore", "model_name": "groupapprovaltask"},)
    ),
    "wagtailadmin_workflows:select_task_type": Walk(),
    "wagtailadmin_workflows:task_index": Walk(),
    "wagtailadmin_workflows:task_index_results": Walk(),
    "wagtailadmin_workflows:edit_task": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:disable_task": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:enable_task": Walk({"pk": (1,)}),
    "wagtailadmin_workflows:task_chooser": Walk(queries=SEARCHES),
    "wagtailadmin_workflows:task_chooser_results": Walk(queries=SEARCHES),
    "wagtailadmin_workflows:task_chooser_create": Walk(),
    "wagtailadmin_workflows:task_chosen": Walk({"task_id": (1,)}),
    "wagtailadmin_reports:locked_pages": Walk(queries=REPORT),
    "wagtailadmin_reports:locked_pages_results": Walk(),
    "wagtailadmin_reports:workflow": Walk(queries=REPORT),
    "wagtailadmin_reports:workflow_results": Walk(),
    "wagtailadmin_reports:workflow_tasks": Walk(queries=REPORT),
    "wagtailadmin_reports:workflow_tasks_results": Walk(),
    "wagtailadmin_reports:site_history": Walk(queries=SITE_HISTORY),
    "wagtailadmin_reports:site_history_results": Walk(queries=SITE_HISTORY_RESULTS),
    "wagtailadmin_reports:aging_pages": Walk(queries=REPORT),
    "wagtailadmin_reports:aging_pages_results": Walk(),
    "wagtailadmin_reports:page_types_usage": Walk(queries=REPORT),
    "wagtailadmin_reports:page_types_usage_results": Walk(),
    "wagtailadmin_account": Walk(),
    "wagtailadmin_logout": Skip("ends the crawler's session"),
    "wagtailadmin_dismissibles": Walk(),
    "wagtailadmin_editing_sessions:ping": Walk(
        combos=tuple(
            {**model, "object_id": object_id, "session_id": 1}
            for model in MODELS[:1]
            for object_id in ("1", "2", "3", "4", "5")
        ),
        post=True,
    ),
    "wagtailadmin_editing_sessions:release": Walk({"session_id": (1,)}, post=True),
    "wagtailadmin_block_preview": Walk(),
    "wagtailadmin_sprite": Walk(),
    "wagtailadmin_login": Walk(),
    "wagtailadmin_password_reset": Walk(),
    "wagtailadmin_password_reset_done": Walk(),
    "wagtailadmin_password_reset_confirm": Walk({"uidb64": ("MQ",), "token": ("set-password",)}),
    "wagtailadmin_password_reset_complete": Walk(),
    "wagtailadmin_javascript_catalog": Walk(),
    # --- Wagtail contrib and media ---------------------------------------------------------------
    "wagtailforms:index": Walk(),
    "wagtailforms:index_results": Walk(),
    "wagtailforms:list_submissions": Walk(PAGE),
    "wagtailforms:list_submissions_results": Walk(PAGE),
    "wagtailforms:delete_submissions": Walk(PAGE),
    "wagtailredirects:index": Walk(queries=SEARCHES),
    "wagtailredirects:index_results": Walk(queries=SEARCHES),
    "wagtailredirects:add": Walk(),
    "wagtailredirects:edit": Walk({"redirect_id": (1,)}),
    "wagtailredirects:delete": Walk({"redirect_id": (1,)}),
    "wagtailredirects:start_import": Walk(),
    "wagtailredirects:process_import": Walk(),
    "wagtailsettings:edit": Walk(
        combos=(
            {"app_name": "agreements", "model_name": "agreement", "pk": 1},
            {"app_name": "wagtailcore", "model_name": "site", "pk": 1},
        )
    ),
    "wagtailsettings:preview_on_edit": Walk(
        combos=({"app_name": "agreements", "model_name": "agreement", "pk": 1},)
    ),
    "wagtailembeds:chooser": Walk(),
    "wagtailembeds:chooser_upload": Walk(),
    "wagtailsnippets:index": Walk(),
    "wagtaildocs:index": Walk(queries=SEARCHES),
    "wagtaildocs:index_results": Walk(queries=SEARCHES),
    "wagtaildocs:add": Walk(),
    "wagtaildocs:edit": Walk({"document_id": (1,)}),
    "wagtaildocs:delete": Walk({"document_id": (1,)}),
    "wagtaildocs:add_multiple": Walk(),
    "wagtaildocs:edit_multiple": Walk({"doc_id": (1,)}),
    "wagtaildocs:create_multiple_from_uploaded_document": Walk({"uploaded_file_id": (1,)}),
    "wagtaildocs:delete_multiple": Walk({"doc_id": (1,)}),
    "wagtaildocs:delete_upload_multiple": Walk({"uploaded_file_id": (1,)}),
    "wagtaildocs:document_usage": Walk({"document_id": (1,)}),
    "wagtailimages:index": Walk(queries=SEARCHES),
    "wagtailimages:index_results": Walk(queries=SEARCHES),
    "wagtailimages:edit": Walk({"image_id": (1,)}),
    "wagtailimages:delete": Walk({"image_id": (1,)}),
    "wagtailimages:url_generator": Walk({"image_id": (1,)}),
    "wagtailimages:url_generator_output": Walk({"image_id": (1,)}),
    "wagtailimages:preview": Walk({"image_id": (1,), "filter_spec": ("original",)}),
    "wagtailimages:add": Walk(),
    "wagtailimages:image_usage": Walk({"image_id": (1,)}),
    "wagtailimages:add_multiple": Walk(),
    "wagtailimages:edit_multiple": Walk({"image_id": (1,)}),
    "wagtailimages:create_multiple_from_uploaded_image": Walk({"uploaded_file_id": (1,)}),
    "wagtailimages:delete_multiple": Walk({"image_id": (1,)}),
    "wagtailimages:delete_upload_multiple": Walk({"uploaded_file_id": (1,)}),
    **chooser("wagtaildocs_chooser", (1,)),
    **chooser("wagtailimages_chooser", (1,), extra=("select_format",)),
    **viewset("wagtailsites", (1,), wagtail_history=True, copy=True),
    **viewset("wagtailusers_users", "user", wagtail_history=True, copy=True),
    **viewset("wagtailusers_groups", "group", wagtail_history=True),
    # --- staff accounts: two-factor authentication and login throttling ---------------------------
    "accounts_two_factor": Walk(),
    "accounts_two_factor_verify": Walk(),
    "accounts_two_factor_enrol": Walk(),
    "accounts_two_factor_recovery_codes": Walk(),
    "accounts_two_factor_remove": Walk(),
    "accounts_two_factor_reset": Walk({"user_id": "user"}),
    "accounts_lockouts": Walk(queries=SEARCHES),
    "accounts_lockout_unlock": Walk({"attempt_id": (1,)}),
    # --- the registry ------------------------------------------------------------------------------
    # Registrars only (opendata.import_views): the crawlers are refused on GET and POST (the
    # refusal itself is asserted in tests/importing/test_admin_upload.py).
    "opendata_import": Walk(post=True),
    "agreements_accountability_briefs": Walk(queries=SEARCHES),
    "agreements_accountability_brief": Walk(
        {"organization_id": "organisation"},
        queries=({}, {"as_of": "2020-01-01", "position": Ids("position")}),
    ),
    # Workspace reports (workspace/wagtail_hooks.py): each lists only what the user may see.
    "workspace_due": Walk(queries=(*REPORT, {"start": "2000-01-01", "end": "2040-12-31"})),
    "workspace_overdue": Walk(queries=(*REPORT, {"start": "2000-01-01"})),
    "workspace_expiring": Walk(queries=(*REPORT, {"within_days": "3650"})),
    "workspace_gaps": Walk(queries=REPORT),
    "workspace_recent_changes": Walk(queries=REPORT),
    "workspace_matrix": Walk(
        queries=(
            *REPORT,
            {"organization": Ids("organisation"), "portfolio": "on", "export": "csv"},
            {"position": Ids("position"), "as_of": "2020-01-01"},
        )
    ),
    # The user's own calendar feed address: GET shows it; POST makes a new one (not crawled).
    "workspace_calendar": Walk(),
    "agreement_lifecycle:overview": Walk({"pk": "agreement"}),
    "agreement_lifecycle:transition": Walk({"pk": "agreement", "to": AGREEMENT_STATES}),
    "agreement_lifecycle:version": Walk({"pk": "agreement", "number": "version_number"}),
    "agreement_lifecycle:compare": Walk(
        {"pk": "agreement"}, queries=({}, {"from": "1", "to": "2"}, {"a": "1", "b": "2"})
    ),
    "agreement_lifecycle:amendment_open": Walk({"pk": "agreement"}),
    # Registrars record why a version may be published in one language only (empty POST: refused).
    "agreement_lifecycle:parity_exemption": Walk({"pk": "agreement"}, post=True),
    # Staff record a party's later signature (empty POST: refused by the form, nothing written).
    "agreement_lifecycle:later_signature": Walk({"pk": "agreement"}, post=True),
    "agreement_lifecycle:amendment_transition": Walk(
        {"pk": "agreement", "number": "amendment_number", "to": AMENDMENT_STATES}
    ),
    # Reviews by each signing party: POST only, and an empty POST (no decision) records nothing.
    "agreement_reviews:index": Walk(),
    "agreement_reviews:agreement": Walk({"pk": "agreement"}),
    "agreement_reviews:amendment": Walk({"pk": "agreement", "number": "amendment_number"}),
    "agreement_reviews:decide": Walk({"pk": "agreement", "party_id": "party"}, post=True),
    "agreement_reviews:amendment_decide": Walk(
        {"pk": "agreement", "number": "amendment_number", "party_id": "party"}, post=True
    ),
    # Reports against obligations (agreements/views/reports.py). No report is planted: report
    # ids 404 for everyone; an empty POST to the submit form is refused and records nothing.
    "agreement_reports:agreement": Walk({"pk": "agreement"}),
    "agreement_reports:responsibility": Walk({"pk": "responsibility"}),
    "agreement_reports:submit": Walk(
        {"pk": "responsibility", "day": ("2021-06-30", "2022-03-31", "bogus")}, post=True
    ),
    "agreement_reports:report": Walk({"report_pk": (1, 2)}, post=True),
    "agreement_reports:attachment": Walk({"report_pk": (1, 2)}),
    **chooser("jurisdiction_chooser", "jurisdiction"),
    **chooser("organisation_chooser", "organisation"),
    **chooser("position_chooser", "position"),
    **chooser("person_chooser", "person"),
    **chooser("agreement_chooser", "agreement"),
    **viewset("agreements", "agreement", inspect=True),
    **viewset("responsibilities", "responsibility", add=False, inspect=True),
    **viewset("parties", "party", add=False, inspect=True),
    **viewset("agreement_relations", "relation", add=False, inspect=True),
    **viewset("jurisdictions", "jurisdiction"),
    **viewset("organisations", "organisation"),
    **viewset("organisation_successions", (1,), add=False),
    # Registrars only (agreements/views/succession.py): GET shows the form; POST needs data.
    "organisation_succession": Walk({"organization_id": "organisation"}, post=True),
    "organisation_move": Walk({"organization_id": "organisation"}, post=True),
    **viewset("positions", "position"),
    **viewset("people", "person"),
    **viewset("appointments", "appointment"),
    **viewset("service_areas", (1,)),
    **viewset("delivery_channels", (1,)),
    **viewset("governance_bodies", "governance_body"),
    **viewset("approval_gates", (1,)),
}

"""The API's response schemas: the OpenAPI description of `opendata.shapes`' dicts.

Every field a shape writes is declared here, so /api/v1/openapi.json describes exactly what the
API sends (tests/api/ fuzzes every operation and checks each response against these schemas).
"""

from typing import Any

from ninja import Schema
from pydantic import Field


class Bilingual(Schema):
    en: str
    fr: str


class Choice(Schema):
    code: str
    label: Bilingual


class Error(Schema):
    message: str = Field(description="What went wrong, in words.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="For invalid parameters: each parameter and what is wrong with it."
    )


class Page(Schema):
    count: int = Field(description="How many items match, on every page.")
    page: int
    pages: int
    page_size: int


# --- Reference data (Popolo) ---------------------------------------------------------------------


class Jurisdiction(Schema):
    id: str = Field(description="The jurisdiction's slug: stable, join on it.")
    name: Bilingual
    classification: Choice
    ocd_division_id: str | None = Field(description="Open Civic Data division id, if any.")
    iso_3166_2: str | None = Field(description="ISO 3166-1 or 3166-2 code, if any.")
    parent_id: str | None


class Organization(Schema):
    id: str = Field(description="The organisation's slug: stable, join on it.")
    name: Bilingual
    acronym: Bilingual
    classification: Choice
    jurisdiction_id: str
    parent_id: str | None
    website: str | None


class Post(Schema):
    id: int
    label: Bilingual
    organization_id: str
    single_holder: bool


class Person(Schema):
    id: int
    name: str
    given_name: str
    family_name: str
    honorific_prefix: str | None


class Membership(Schema):
    id: int
    person_id: int
    post_id: int
    organization_id: str
    start_date: str
    end_date: str | None
    acting: bool


class JurisdictionPage(Page):
    results: list[Jurisdiction]


class OrganizationPage(Page):
    results: list[Organization]


class PostPage(Page):
    results: list[Post]


class PersonPage(Page):
    results: list[Person]


class MembershipPage(Page):
    results: list[Membership]


# --- Agreements ----------------------------------------------------------------------------------


class PartyBrief(Schema):
    role: str
    organization_id: str
    jurisdiction_id: str


class AgreementSummary(Schema):
    reference: str = Field(description="The agreement's reference number: stable, join on it.")
    title: Bilingual
    summary: Bilingual
    type: Choice
    state: Choice
    version: int = Field(description="The number of the version shown.")
    effective_date: str = Field(description="The day the version shown took effect.")
    expiry_date: str | None
    service_areas: list[str]
    parties: list[PartyBrief]
    url: str


class AgreementPage(Page):
    results: list[AgreementSummary]


class Holder(Schema):
    person_id: int
    name: str
    acting: bool


class SnapshotPost(Schema):
    id: int
    label: Bilingual
    organization_id: str | None
    organization_name: Bilingual
    holders_on: str | None
    holders: list[Holder]


class PartyOrganization(Schema):
    id: str
    name: Bilingual
    acronym: Bilingual
    classification: Choice


class PartyJurisdiction(Schema):
    id: str
    name: Bilingual
    classification: Choice
    ocd_division_id: str | None
    iso_3166_2: str | None


class Owner(Schema):
    id: str = Field(description="The owning jurisdiction's id (its slug).")
    name: Bilingual


class PartySignature(Schema):
    signatory: SnapshotPost | None = Field(
        description="The post that signed, with who held it on the day it signed."
    )
    signed_date: str | None
    later: bool = Field(
        description="Given after the version was recorded: a party signing a multilateral "
        "agreement already in force for the parties that had signed (the version itself is "
        "unchanged; its snapshot and PDFs do not hold this signature)."
    )


class SignatureStatus(Schema):
    signed_count: int = Field(
        description="How many signing parties have signed the version shown, signatures given "
        "later included: the page's “Signed by N of M parties”."
    )
    signing_count: int = Field(
        description="How many parties sign the agreement (observers and other parties that do "
        "not sign are not counted)."
    )
    in_force_for_signatories_only: bool = Field(
        description="The version applies only to the parties that signed it: a multilateral "
        "agreement that came into force before every party signed; the others may sign later."
    )
    not_signed: list[str] = Field(
        description="Organisation ids of the signing parties that have not signed the version "
        "shown yet."
    )


class Party(Schema):
    role: Choice
    signs: bool
    signed_date: str | None = Field(
        description="The day the party signed, as the version recorded it (empty for a party "
        "that signed after the version was recorded: see its `signatures`)."
    )
    organization: PartyOrganization
    jurisdiction: PartyJurisdiction
    signatory: SnapshotPost | None
    standing: Bilingual = Field(
        description="What sort of body the party is and whose, in one line, as the page says it "
        "(its government and order of government; or non-government organisation, municipal "
        "association, intermunicipal body and its owners)."
    )
    owners: list[Owner] = Field(
        description="The municipalities owning an intermunicipal body (empty for other bodies)."
    )
    signatures: list[PartySignature] = Field(
        description="The signatures the party gave on the version shown (several signatories "
        "possible): those the version recorded, then any given later; empty when it has not "
        "signed it."
    )


class CommitmentSide(Schema):
    organization_id: str | None
    name: Bilingual
    acronym: Bilingual


class FinancialCommitment(Schema):
    funder: CommitmentSide
    recipient: CommitmentSide
    amount: str = Field(description="The amount as entered, a decimal number in a string.")
    currency: str = Field(description="ISO 4217 currency code.")
    period: Choice
    start_year: int | None
    end_year: int | None
    description: Bilingual


class Responsibility(Schema):
    clause: str
    text: Bilingual
    kind: Choice
    status: Choice
    due_date: str | None
    recurrence: Choice
    service_standard: Bilingual
    responsible_organization_id: str | None
    accountable_post: SnapshotPost | None


class Relation(Schema):
    kind: Choice
    reference: str
    title: Bilingual
    url: str


class Document(Schema):
    language: str
    url: str = Field(description="The signed PDF's address.")
    sha256: str | None = Field(description="SHA-256 of the PDF, recorded when it was signed.")


class Version(Schema):
    number: int
    kind: str
    effective_date: str
    expiry_date: str | None
    change_summary: dict[str, Any]
    snapshot_sha256: str
    documents: list[Document]
    url: str


class GoverningBody(Schema):
    name: Bilingual
    mandate: Bilingual
    chair: SnapshotPost | None
    members: list[SnapshotPost]


class AgreementDetail(Schema):
    reference: str
    title: Bilingual
    summary: Bilingual
    type: Choice
    state: Choice
    version: int
    version_kind: str
    effective_date: str
    expiry_date: str | None
    ended_on: str | None = Field(
        description="The day the agreement ended early (terminated or superseded), if it did."
    )
    signed_date: str | None
    next_review_date: str | None
    notice_period_days: int | None
    renewal_terms: Bilingual
    service_areas: list[str]
    delivery_channels: list[str]
    governing_body: GoverningBody | None
    holders_on: str = Field(description="The day the accountable posts' holders are given for.")
    signature_status: SignatureStatus
    parties: list[Party]
    responsibilities: list[Responsibility]
    financial_commitments: list[FinancialCommitment]
    relations: list[Relation]
    versions: list[Version]
    url: str

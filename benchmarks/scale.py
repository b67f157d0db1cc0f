"""Scale data: thousands of published agreements, written fast, for benchmarks and for tests that
prove a page's cost does not grow with the data.

    from benchmarks.scale import generate
    generate(agreements=10_000)   # into the current database

Agreements, parties and obligations are written with `bulk_create` (no history rows: this is
bulk data for measuring, never a registry's records); each agreement then gets version 1 with a
real snapshot (agreements.snapshots.build_snapshot) and the search index is rebuilt. Reference
data (governments, bodies, offices, holders, service areas) is found by slug or created.
Deterministic for a given seed and starting state. By default about 3% of the agreements are
restricted and 2% take effect only in the future: neither may appear in public.
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from agreements.changes import empty_summary
from agreements.models import (
    Agreement,
    AgreementRelation,
    AgreementVersion,
    Amendment,
    DeliveryChannel,
    Party,
    Responsibility,
    ServiceArea,
)
from agreements.models.versions import snapshot_digest
from agreements.search import reindex_all
from agreements.services.parties import agreements_grants_bulk
from agreements.snapshots import build_snapshot
from benchmarks import scale_words as words
from jurisdictions.models import (
    Appointment,
    Jurisdiction,
    Organization,
    OrganizationRole,
    Person,
    Position,
)
from jurisdictions.roles import organization_groups_ensure

SCALE_USERNAME = "scale-data"
GIVEN_NAMES = ("Alex", "Camille", "Dominique", "Jordan", "Morgan", "Sacha", "Robin", "Claude")
FAMILY_NAMES = ("Leblanc", "Cormier", "Smith", "Tremblay", "Nguyen", "Gallant", "Singh", "Roy")
TYPE_WEIGHTS = {
    "service_delivery": 40,
    "mou": 15,
    "framework": 10,
    "funding": 15,
    "data_sharing": 12,
    "partnership": 8,
}


@dataclass
class ScaleData:
    """What `generate` wrote."""

    agreements: list[int] = field(default_factory=list)
    published: list[int] = field(default_factory=list)
    restricted: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)
    references: dict[int, str] = field(default_factory=dict)
    staff: int = 0  # users created
    grants: int = 0  # object-permission rows written
    seconds: float = 0.0


@dataclass
class _Body:
    organization: Organization
    jurisdiction: str  # slug
    name: tuple[str, str]
    prefix: str  # reference prefix
    positions: list[Position]
    service_body: bool = False


def _jurisdictions() -> dict[str, Jurisdiction]:
    found = {j.slug: j for j in Jurisdiction.objects.all()}
    taken = set(Jurisdiction.objects.exclude(iso_code=None).values_list("iso_code", flat=True))
    rows = [
        (s, en, fr, level, parent, iso) for s, en, fr, level, parent, iso, _p in words.JURISDICTIONS
    ]
    rows += [(s, en, fr, "municipal", parent, None) for s, en, fr, parent in words.MUNICIPALITIES]
    for slug, name_en, name_fr, level, parent, iso in rows:
        if slug not in found:
            found[slug] = Jurisdiction.objects.create(
                slug=slug,
                name_en=name_en,
                name_fr=name_fr,
                level=level,
                parent=found.get(parent),
                iso_code=iso if iso not in taken else None,
            )
    return found


def _bodies(jurisdictions: dict[str, Jurisdiction]) -> list[_Body]:
    """Every body scale agreements use, with its offices, each office held by someone."""
    prefixes = {slug: prefix for slug, *_rest, prefix in words.JURISDICTIONS}
    wanted = []  # (slug, jurisdiction, en, fr, kind, acronym, prefix, offices)
    for slug, *_rest in words.JURISDICTIONS:
        for index, (name_en, name_fr, minister_en, minister_fr) in enumerate(words.PORTFOLIOS):
            offices = ((minister_en, minister_fr), *words.OFFICES)
            wanted.append(
                (
                    f"{slug}-p{index}",
                    slug,
                    name_en,
                    name_fr,
                    "ministry",
                    "",
                    prefixes[slug],
                    offices,
                )
            )
        if slug in words.SERVICE_BODIES:
            name_en, name_fr, acronym = words.SERVICE_BODIES[slug]
            offices = (("President and Chief Executive Officer", "Président-directeur général"),)
            wanted.append(
                (f"{slug}-service", slug, name_en, name_fr, "service_delivery", acronym, acronym,
                 offices + words.OFFICES)
            )  # fmt: skip
    for slug, name_en, name_fr, province in words.MUNICIPALITIES:
        offices = (("Mayor", "Maire"), ("City Manager", "Directeur général"))
        prefix = prefixes[province]
        wanted.append(
            (f"{slug}-city", slug, name_en, name_fr, "municipal_government", "", prefix, offices)
        )
    existing = {o.slug: o for o in Organization.objects.filter(slug__in=[w[0] for w in wanted])}
    Organization.objects.bulk_create(
        [
            Organization(
                slug=slug,
                jurisdiction=jurisdictions[jurisdiction],
                name_en=name_en,
                name_fr=name_fr,
                kind=kind,
                acronym_en=acronym,
                acronym_fr=acronym,
            )
            for slug, jurisdiction, name_en, name_fr, kind, acronym, _p, _o in wanted
            if slug not in existing
        ]
    )
    organizations = {
        o.slug: o for o in Organization.objects.filter(slug__in=[w[0] for w in wanted])
    }
    _offices(organizations, {w[0]: w[7] for w in wanted})
    positions: dict[int, list[Position]] = {}
    for position in Position.objects.filter(organization__in=organizations.values()).order_by("pk"):
        positions.setdefault(position.organization_id, []).append(position)
    return [
        _Body(
            organization=organizations[slug],
            jurisdiction=jurisdiction,
            name=(name_en, name_fr),
            prefix=prefix,
            positions=positions[organizations[slug].pk],
            service_body=kind == "service_delivery",
        )
        for slug, jurisdiction, name_en, name_fr, kind, _a, prefix, _o in wanted
    ]


def _offices(organizations: dict[str, Organization], offices: dict[str, tuple]) -> None:
    have = set(
        Position.objects.filter(organization__in=organizations.values()).values_list(
            "organization_id", "title_en"
        )
    )
    Position.objects.bulk_create(
        [
            Position(organization=organization, title_en=title_en, title_fr=title_fr)
            for slug, organization in organizations.items()
            for title_en, title_fr in offices[slug]
            if (organization.pk, title_en) not in have
        ]
    )
    vacant = list(
        Position.objects.filter(organization__in=organizations.values(), appointments=None)
    )
    people = Person.objects.bulk_create(
        [
            Person(
                given_name=GIVEN_NAMES[index % len(GIVEN_NAMES)],
                family_name=FAMILY_NAMES[(index // len(GIVEN_NAMES)) % len(FAMILY_NAMES)],
            )
            for index in range(len(vacant))
        ]
    )
    Appointment.objects.bulk_create(
        [
            Appointment(person=person, position=position, start_date=datetime.date(1999, 1, 1))
            for person, position in zip(people, vacant, strict=True)
        ]
    )


def _service_areas() -> list[tuple[ServiceArea, tuple[str, str]]]:
    areas = []
    for slug, name_en, name_fr, what_en, what_fr in words.SERVICES:
        area, _created = ServiceArea.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fr": name_fr}
        )
        areas.append((area, (what_en, what_fr)))
    return areas


class _Writer:
    """Builds agreements, parties, obligations and classifications in memory, then writes them
    with one bulk insert per table."""

    def __init__(
        self, rng: random.Random, bodies: list[_Body], areas, today: datetime.date, history_user
    ):
        self.rng, self.bodies, self.areas, self.today = rng, bodies, areas, today
        self.history_user = history_user
        self.leads = [b for b in bodies if b.organization.kind != "municipal_government"]
        self.channels = list(DeliveryChannel.objects.all())
        self.sequence: dict[str, int] = {}
        for reference in Agreement.objects.values_list("reference", flat=True):
            stem, _dash, number = reference.rpartition("-")
            if number.isdigit():
                self.sequence[stem] = max(self.sequence.get(stem, 0), int(number))

    def _reference(self, prefix: str, year: int) -> str:
        stem = f"{prefix}-{year}"
        self.sequence[stem] = self.sequence.get(stem, 0) + 1
        return f"{stem}-{self.sequence[stem]:04d}"

    def _partner(self, lead: _Body) -> _Body:
        roll = self.rng.random()
        if roll < 0.6:
            pool = [b for b in self.leads if b.jurisdiction == lead.jurisdiction and b is not lead]
        elif roll < 0.85:
            pool = [b for b in self.leads if b.jurisdiction != lead.jurisdiction]
        else:
            pool = [b for b in self.bodies if b.organization.kind == "municipal_government"]
        return self.rng.choice(pool)

    def agreement(self, *, restricted: bool, pending: bool):
        rng = self.rng
        lead = rng.choice(
            [b for b in self.leads if b.service_body] if rng.random() < 0.4 else self.leads
        )
        partners = [self._partner(lead)]
        if rng.random() < 0.2:
            extra = self._partner(lead)
            if extra not in partners and extra is not lead:
                partners.append(extra)
        area, what = rng.choice(self.areas)
        kind = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
        if pending:
            effective = self.today + datetime.timedelta(days=rng.randint(30, 365))
        else:
            effective = datetime.date(rng.randint(2000, self.today.year - 1), rng.randint(1, 12), 1)
        expiry = effective.replace(year=effective.year + 5) if rng.random() < 0.6 else None
        ended = expiry if expiry and expiry < self.today else None
        texts = {}
        for index, language in enumerate(("en", "fr")):
            values = {
                "service": (area.name_en, area.name_fr)[index],
                "lead": lead.name[index],
                "other": partners[0].name[index],
                "place": self._place(lead, index),
                "what": what[index],
            }
            texts[f"title_{language}"] = words.TITLES[kind][index].format(**values)
            texts[f"summary_{language}"] = words.SUMMARY[index].format(**values)
        agreement = Agreement(
            reference=self._reference(lead.prefix, effective.year),
            agreement_type=kind,
            state=Agreement.State.EXPIRED if ended else Agreement.State.IN_FORCE,
            visibility=Agreement.Visibility.RESTRICTED
            if restricted
            else Agreement.Visibility.PUBLIC,
            signed_date=effective - datetime.timedelta(days=15),
            effective_date=effective,
            expiry_date=expiry,
            ended_on=ended,
            **texts,
        )
        return agreement, lead, partners, area, what

    def _place(self, body: _Body, index: int) -> str:
        jurisdiction = body.organization.jurisdiction
        return (jurisdiction.name_en, jurisdiction.name_fr)[index]

    def _bulk(self, model, rows, batch_size):
        """bulk_create, with a history row per object when the run keeps history (simple-history's
        bulk helper, attributed to the scale-data user)."""
        if self.history_user is None:
            return model.objects.bulk_create(rows, batch_size=batch_size)
        return bulk_create_with_history(
            rows,
            model,
            batch_size=batch_size,
            default_user=self.history_user,
            default_change_reason="scale data",
        )

    def write(self, planned) -> list[Agreement]:
        agreements = self._bulk(Agreement, [p[0] for p in planned], 500)
        parties, by_agreement = [], []
        for agreement, (_a, lead, partners, _area, _what) in zip(agreements, planned, strict=True):
            members = [lead, *partners]
            rows = [
                Party(
                    agreement=agreement,
                    organization=body.organization,
                    role=Party.Role.LEAD if order == 0 else Party.Role.PARTY,
                    signatory_position=body.positions[0],
                    signed_date=agreement.signed_date,
                    sort_order=order,
                )
                for order, body in enumerate(members)
            ]
            parties += rows
            by_agreement.append(list(zip(members, rows, strict=True)))
        self._bulk(Party, parties, 1000)
        obligations, areas, channels = [], [], []
        for agreement, members, plan in zip(agreements, by_agreement, planned, strict=True):
            obligations += self._obligations(agreement, members, plan[4])
            areas.append(
                Agreement.service_areas.through(
                    agreement_id=agreement.pk, servicearea_id=plan[3].pk
                )
            )
            for channel in self.rng.sample(self.channels, k=min(2, len(self.channels))):
                channels.append(
                    Agreement.delivery_channels.through(
                        agreement_id=agreement.pk, deliverychannel_id=channel.pk
                    )
                )
        self._bulk(Responsibility, obligations, 1000)
        Agreement.service_areas.through.objects.bulk_create(areas, batch_size=1000)
        Agreement.delivery_channels.through.objects.bulk_create(channels, batch_size=1000)
        return agreements

    def _obligations(self, agreement, members, what) -> list[Responsibility]:
        rows = []
        chosen = self.rng.sample(words.OBLIGATIONS, k=self.rng.randint(3, len(words.OBLIGATIONS)))
        for order, (kind, text_en, text_fr, standard_en, standard_fr) in enumerate(chosen):
            (body, party), (other, _other_party) = self.rng.sample(members, 2)
            values = {"days": self.rng.choice((5, 10, 15, 20)), "fee": self.rng.randint(2, 12)}
            english = {"org": body.name[0], "other": other.name[0], "what": what[0], **values}
            french = {"org": body.name[1], "other": other.name[1], "what": what[1], **values}
            rows.append(
                Responsibility(
                    agreement=agreement,
                    clause=f"{order + 1}.1",
                    text_en=text_en.format(**english),
                    text_fr=text_fr.format(**french),
                    service_standard_en=standard_en.format(**english),
                    service_standard_fr=standard_fr.format(**french),
                    responsible_party=party,
                    accountability_owner=self.rng.choice(body.positions),
                    kind=kind,
                    sort_order=order,
                )
            )
        return rows


def _loaded(ids: list[int]):
    """Agreements with everything build_snapshot reads, like snapshots.load_agreement, for many
    at once."""
    return (
        Agreement.objects.filter(pk__in=ids)
        .select_related("governing_body__chair__organization")
        .prefetch_related(
            "service_areas",
            "delivery_channels",
            Prefetch(
                "governing_body__members",
                queryset=Position.objects.select_related("organization").order_by("pk"),
            ),
            Prefetch(
                "relations",
                queryset=AgreementRelation.objects.select_related("target").order_by("pk"),
            ),
            Prefetch(
                "parties",
                queryset=Party.objects.select_related(
                    "organization__jurisdiction", "signatory_position__organization"
                ),
            ),
            Prefetch(
                "responsibilities",
                queryset=Responsibility.objects.select_related(
                    "responsible_party__organization", "accountability_owner__organization"
                ),
            ),
        )
    )


def _versions(ids: list[int], user, *, rng: random.Random, amended_share: float, today) -> None:
    """Version 1 of each agreement, with its real snapshot; for `amended_share` of those in effect
    for more than a year, a version 2 (an amendment) that took effect half-way since."""
    loaded = list(_loaded(ids))
    amendments = {}
    for agreement in loaded:
        if (
            agreement.visibility == Agreement.Visibility.PUBLIC
            and (today - agreement.effective_date).days > 365
            and rng.random() < amended_share
        ):
            midway = agreement.effective_date + (today - agreement.effective_date) / 2
            amendments[agreement.pk] = Amendment(
                agreement=agreement,
                number=1,
                title_en="Amendment 1: service standards updated",
                title_fr="Modification 1 : normes de service mises à jour",
                purpose_en="Updates the service standards of the agreement.",
                purpose_fr="Met à jour les normes de service de l'entente.",
                state=Amendment.State.SIGNED,
                opened_by=user,
                signed_date=midway,
                effective_date=midway,
            )
    Amendment.objects.bulk_create(amendments.values())
    versions = []
    for agreement in loaded:
        editions = [(1, AgreementVersion.Kind.ORIGINAL, agreement.effective_date, None)]
        if agreement.pk in amendments:
            amendment = amendments[agreement.pk]
            editions.append(
                (2, AgreementVersion.Kind.AMENDMENT, amendment.effective_date, amendment)
            )
        for number, kind, effective_date, amendment in editions:
            snapshot = build_snapshot(
                agreement, effective_date=effective_date, number=number, kind=kind
            )
            versions.append(
                AgreementVersion(
                    agreement=agreement,
                    number=number,
                    kind=kind,
                    amendment=amendment,
                    effective_date=effective_date,
                    expiry_date=agreement.expiry_date,
                    created_by=user,
                    change_summary=empty_summary(),
                    snapshot=snapshot,
                    snapshot_sha256=snapshot_digest(snapshot),
                )
            )
    AgreementVersion.objects.bulk_create(versions)


def _staff(bodies: list[_Body], per_role: int) -> int:
    """`per_role` liaison officers and minister's-office users for each body, in the body's role
    groups (which hold the object permissions `agreements_grants_bulk` writes). Returns how many
    users were created; existing ones are left alone."""
    User = get_user_model()
    wanted = {}
    for body in bodies:
        groups = organization_groups_ensure(organization=body.organization)
        for role, group in groups.items():
            short = "liaison" if role == OrganizationRole.Role.LIAISON else "minister"
            for number in range(1, per_role + 1):
                wanted[f"scale-{body.organization.slug}-{short}-{number}"] = group
    existing = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
    created = User.objects.bulk_create(
        [User(username=name, is_active=True) for name in wanted if name not in existing],
        batch_size=1000,
    )
    by_name = {user.username: user for user in created}
    User.groups.through.objects.bulk_create(
        [
            User.groups.through(user_id=by_name[n].pk, group_id=g.pk)
            for n, g in wanted.items()
            if n in by_name
        ],
        batch_size=1000,
    )
    return len(created)


def generate(
    *,
    agreements: int,
    seed: int = 2024,
    today: datetime.date | None = None,
    restricted_share: float = 0.03,
    pending_share: float = 0.02,
    index: bool = True,
    batch_size: int = 500,
    progress=None,
    history: bool = False,
    amended_share: float = 0.0,
    staff_per_role: int = 0,
) -> ScaleData:
    """Write `agreements` new agreements in force (or expired), each with version 1, and
    rebuild the search index unless `index` is false. `progress(done, total)` is called after
    each batch.

    For a registry as staff would see it (`manage.py make_scale_data`): `history` writes a
    history row for every agreement, party and obligation (simple-history's bulk helper);
    `amended_share` gives that share of older agreements a second version; `staff_per_role`
    creates that many liaison officers and minister's-office users per body, and every
    agreement's object permissions are granted to the parties' role groups."""
    started = time.perf_counter()
    today = today or timezone.localdate()
    rng = random.Random(seed)
    result = ScaleData()
    with transaction.atomic():
        user, _created = get_user_model().objects.get_or_create(username=SCALE_USERNAME)
        bodies = _bodies(_jurisdictions())
        writer = _Writer(rng, bodies, _service_areas(), today, user if history else None)
        if staff_per_role:
            result.staff = _staff(bodies, staff_per_role)
    done = 0
    while done < agreements:
        size = min(batch_size, agreements - done)
        with transaction.atomic():
            planned = []
            for _index in range(size):
                restricted = rng.random() < restricted_share
                pending = not restricted and rng.random() < pending_share
                planned.append(writer.agreement(restricted=restricted, pending=pending))
            written = writer.write(planned)
            ids = [a.pk for a in written]
            _versions(ids, user, rng=rng, amended_share=amended_share, today=today)
            if staff_per_role:
                result.grants += agreements_grants_bulk(agreement_ids=ids)
        for agreement in written:
            result.agreements.append(agreement.pk)
            result.references[agreement.pk] = agreement.reference
            if agreement.visibility == Agreement.Visibility.RESTRICTED:
                result.restricted.append(agreement.pk)
            elif agreement.effective_date > today:
                result.pending.append(agreement.pk)
            else:
                result.published.append(agreement.pk)
        done += size
        if progress:
            progress(done, agreements)
    if index:
        reindex_all(today=today)
    result.seconds = time.perf_counter() - started
    return result

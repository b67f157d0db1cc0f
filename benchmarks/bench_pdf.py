"""Agreement PDF rendering speed: median time to render agreements of 10, 100 and 500
responsibilities, in English and French, from in-memory snapshots (no database).

    python -m benchmarks.bench_pdf [--repeat 7] [--sizes 10 100 500]

Reports the median wall-clock time and the median CPU time of the rendering process (on a
shared machine, CPU time is the steadier of the two), with the page count and file size.
Target: a 100-responsibility agreement in under 200 ms.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time

TARGET_SIZE, TARGET_MS = 100, 200


def _vocabulary(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _vocabulary(
    "deliver issue renew process report publish maintain verify record transfer provide "
    "service centre citizens applications Medicare cards licences permits within business "
    "days quarterly annual standard municipal provincial federal partner counter online phone"
)
MOTS = _vocabulary(
    "offrir délivrer renouveler traiter rendre publier tenir vérifier inscrire transférer "
    "centre service citoyens demandes cartes permis licences jours ouvrables trimestriel "
    "annuel norme municipal provincial fédéral partenaire comptoir en ligne téléphone"
)


def _texts(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


def _choice(code: str, en: str, fr: str) -> dict:
    return {"code": code, "label": _texts(en, fr)}


def _sentence(rng: random.Random, words, low: int, high: int) -> str:
    return " ".join(rng.choice(words) for _ in range(rng.randint(low, high))).capitalize() + "."


def snapshot(responsibilities: int, *, seed: int = 1) -> dict:
    """A snapshot in `agreements.snapshots.SCHEMA` shape with realistic text lengths."""
    rng = random.Random(seed)  # noqa: S311 (benchmark data, not security)
    level = _choice("provincial", "Provincial", "Provincial")
    organizations = [
        {
            "id": index,
            "slug": f"org-{index}",
            "name": _texts(f"Department of Service {index}", f"Ministère du Service {index}"),
            "acronym": _texts(f"DS{index}", f"MS{index}"),
            "kind": _choice("ministry", "Ministry / department", "Ministère"),
            "jurisdiction": {
                "id": index,
                "slug": f"j-{index}",
                "name": _texts(f"Province {index}", f"Province {index}"),
                "level": level,
                "iso_code": None,
                "ocd_division_id": None,
            },
        }
        for index in range(4)
    ]

    def position(pk: int, org: dict, holder: str) -> dict:
        return {
            "id": pk,
            "title": _texts(f"Director, Operations {pk}", f"Directeur des opérations {pk}"),
            "organization": {"id": org["id"], "name": org["name"], "acronym": org["acronym"]},
            "holders_on": "2021-04-01",
            "holders": [
                {
                    "person_id": pk,
                    "name": holder,
                    "honorific": "",
                    "given_name": holder.split()[0],
                    "family_name": holder.split()[-1],
                    "acting": False,
                    "start_date": "2015-01-01",
                    "end_date": None,
                }
            ],
        }

    parties = [
        {
            "id": org["id"],
            "role": _choice("party", "Party", "Partie"),
            "signs": True,
            "organization": org,
            "signatory": position(900 + org["id"], org, f"Signatory Person{org['id']}"),
            "signed_date": "2021-03-15",
            "sort_order": org["id"],
        }
        for org in organizations
    ]
    items = []
    for index in range(responsibilities):
        org = organizations[index % len(organizations)]
        recurring = index % 3 == 0
        items.append(
            {
                "id": index,
                "clause": f"{index // 10 + 1}.{index % 10 + 1}",
                "text": _texts(_sentence(rng, WORDS, 15, 60), _sentence(rng, MOTS, 15, 60)),
                "kind": _choice("service_delivery", "Service delivery", "Prestation de services"),
                "status": _choice("active", "Active", "Active"),
                "due_date": None if recurring else "2022-03-31",
                "recurrence": _choice("quarterly", "Quarterly", "Trimestrielle")
                if recurring
                else _choice("none", "Once, on the due date", "Une fois, à l’échéance"),
                "recurrence_anchor": "2021-06-30" if recurring else None,
                "service_standard": _texts("90% within 10 business days", "90 % en 10 jours"),
                "responsible_party": {
                    "party_id": org["id"],
                    "organization_id": org["id"],
                    "name": org["name"],
                    "acronym": org["acronym"],
                },
                "owner": position(1000 + index, org, f"Holder Person{index}"),
                "sort_order": index,
            }
        )
    return {
        "schema": 1,
        "version": {
            "number": 1,
            "kind": "original",
            "effective_date": "2021-04-01",
            "amendment": None,
        },
        "agreement": {
            "id": 1,
            "reference": "BENCH-2021-001",
            "title": _texts("Service delivery benchmark agreement", "Entente repère"),
            "summary": _texts(_sentence(rng, WORDS, 80, 120), _sentence(rng, MOTS, 80, 120)),
            "type": _choice("service_delivery", "Service delivery agreement", "Entente"),
            "visibility": _choice("public", "Public", "Publique"),
            "signed_date": "2021-03-15",
            "effective_date": "2021-04-01",
            "expiry_date": "2031-03-31",
            "next_review_date": None,
            "notice_period_days": 90,
            "renewal_terms": _texts("Renews for three years.", "Renouvelée pour trois ans."),
            "service_areas": [{"slug": "health", "name": _texts("Health", "Santé")}],
            "delivery_channels": [{"slug": "online", "name": _texts("Online", "En ligne")}],
            "governing_body": None,
            "relations": [],
        },
        "parties": parties,
        "responsibilities": items,
    }


def _arguments(argv):
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_pdf")
    parser.add_argument("--repeat", type=int, default=7, help="timed renders of each size")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 500])
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "registry.settings.test")
    import django

    django.setup()
    import io

    import pypdf

    from agreements.documents import AgreementDocument, HistoryEntry
    from agreements.pdf import render_agreement_pdf

    print(
        f"{'responsibilities':>16} {'lang':>4} {'pages':>5} {'KiB':>6} {'wall ms':>8} {'cpu ms':>7}"
    )
    results = {}
    for size in args.sizes:
        data = snapshot(size)
        history = (HistoryEntry(number=1, kind="original", effective_date="2021-04-01"),)
        document = AgreementDocument(snapshot=data, history=history)
        for language in ("en", "fr"):
            content = render_agreement_pdf(document, language)  # warm-up: fonts, caches
            walls, cpus = [], []
            for _ in range(args.repeat):
                wall, cpu = time.perf_counter(), time.process_time()
                render_agreement_pdf(document, language)
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
            pages = len(pypdf.PdfReader(io.BytesIO(content)).pages)
            wall_ms, cpu_ms = statistics.median(walls) * 1000, statistics.median(cpus) * 1000
            results[(size, language)] = wall_ms, cpu_ms
            print(
                f"{size:>16} {language:>4} {pages:>5} {len(content) / 1024:>6.0f} "
                f"{wall_ms:>8.0f} {cpu_ms:>7.0f}",
                flush=True,
            )
    if TARGET_SIZE in args.sizes:
        worst = max(results[(TARGET_SIZE, language)][1] for language in ("en", "fr"))
        verdict = "met" if worst < TARGET_MS else "MISSED"
        print(
            f"target: {TARGET_SIZE} responsibilities in under {TARGET_MS} ms (CPU): {verdict} "
            f"({worst:.0f} ms); run on {datetime.date.today().isoformat()}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Demo agreements of Service New Brunswick with provincial departments, cities and Service
Canada. Their terms are illustrative (each summary says so)."""

from datetime import date

from .schema import AgreementData as A
from .schema import PartyData as Pa
from .schema import RelationData as Rel
from .schema import ResponsibilityData as R
from .vocabulary import (
    ILLUSTRATIVE_EN,
    ILLUSTRATIVE_FR,
    Every,
    Kind,
    Relation,
    Role,
    State,
    Type,
    completed,
)

SNB = "service-new-brunswick"
HEALTH = "nb-health"
JPS = "nb-justice-public-safety"
SOCIAL_DEVELOPMENT = "nb-social-development"


def _city_data_use(*cities: tuple[str, str]) -> tuple[R, ...]:
    """Clause 4.1, the same undertaking from each city, owned by its finance head: (a), (b), ..."""
    return tuple(
        R(
            f"4.1({letter})",
            organization,
            owner,
            Kind.DATA_SHARING,
            "Use assessment data only for taxation, planning and emergency services, and protect "
            "it as personal information.",
            "N’utiliser les données d’évaluation qu’à des fins de taxation, d’urbanisme et de "
            "services d’urgence, et les protéger comme des renseignements personnels.",
        )
        for letter, (organization, owner) in zip("abcdefgh", cities, strict=False)
    )


AGREEMENTS_NEW_BRUNSWICK: tuple[A, ...] = (
    A(
        reference="SNB-2014-003",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.SUPERSEDED,
        title_en="Medicare Registration and Card Services Agreement (2014)",
        title_fr="Entente sur les services d’inscription et de cartes d’assurance-maladie (2014)",
        summary_en=(
            "Service New Brunswick registers eligible residents for Medicare and issues and "
            "replaces Medicare cards at its service centres and by phone on behalf of the "
            "Department of Health. Replaced in 2019 by SNB-2019-001. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Services Nouveau-Brunswick inscrit les résidents admissibles à l’assurance-maladie, "
            "délivre et remplace les cartes d’assurance-maladie dans ses centres de service et "
            "par téléphone pour le compte du ministère de la Santé. Remplacée en 2019 par "
            "SNB-2019-001. " + ILLUSTRATIVE_FR
        ),
        signed=date(2014, 3, 12),
        effective=date(2014, 4, 1),
        expiry=date(2020, 3, 31),
        ended_on=date(2019, 3, 31),
        end_reason="Superseded by SNB-2019-001, which added online renewal and new service standards.",
        service_areas=("health-card-registration",),
        channels=("in-person", "phone", "mail"),
        governing_body="snb-health-jmc",
        parties=(
            Pa(HEALTH, Role.LEAD, "nbh.dm", date(2014, 3, 10)),
            Pa(SNB, Role.DELIVERY_PARTNER, "snb.ceo", date(2014, 3, 12)),
        ),
        responsibilities=completed(
            R(
                "3.1",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Register eligible residents for Medicare and issue Medicare cards at every "
                "service centre.",
                "Inscrire les résidents admissibles à l’assurance-maladie et délivrer les cartes "
                "d’assurance-maladie dans chaque centre de service.",
                "Card mailed within 15 business days of a complete application",
                "Carte postée dans les 15 jours ouvrables suivant une demande complète",
            ),
            R(
                "3.4",
                HEALTH,
                "nbh.dir-medicare",
                Kind.DATA_SHARING,
                "Give Service New Brunswick read and update access to the Medicare registry and "
                "notify it of eligibility rule changes 60 days ahead.",
                "Donner à Services Nouveau-Brunswick un accès en lecture et en mise à jour au "
                "registre de l’assurance-maladie et l’aviser 60 jours à l’avance de tout "
                "changement aux règles d’admissibilité.",
            ),
            R(
                "5.1",
                SNB,
                "snb.vp-corporate",
                Kind.REPORTING,
                "Report transaction volumes and service-standard results to the Department each "
                "quarter.",
                "Rendre compte au Ministère, chaque trimestre, des volumes de transactions et des "
                "résultats par rapport aux normes de service.",
                recurrence=Every.QUARTERLY,
                anchor=date(2014, 6, 30),
            ),
            R(
                "6.2",
                HEALTH,
                "nbh.dm",
                Kind.FUNDING,
                "Pay the annual service fee set in Schedule B.",
                "Verser les frais de service annuels fixés à l’annexe B.",
                recurrence=Every.ANNUAL,
                anchor=date(2015, 3, 31),
            ),
        ),
    ),
    A(
        reference="SNB-2019-001",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.IN_FORCE,
        title_en="Medicare Registration and Card Services Agreement (2019)",
        title_fr="Entente sur les services d’inscription et de cartes d’assurance-maladie (2019)",
        summary_en=(
            "Replaces the 2014 agreement. Service New Brunswick delivers Medicare registration, "
            "card renewal and replacement in person, by phone and online for the Department of "
            "Health, against published service standards, overseen by a joint management "
            "committee. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Remplace l’entente de 2014. Services Nouveau-Brunswick offre l’inscription à "
            "l’assurance-maladie ainsi que le renouvellement et le remplacement des cartes en "
            "personne, par téléphone et en ligne pour le ministère de la Santé, selon des normes "
            "de service publiées, sous la supervision d’un comité mixte de gestion. "
            + ILLUSTRATIVE_FR
        ),
        signed=date(2019, 3, 21),
        effective=date(2019, 4, 1),
        expiry=date(2031, 3, 31),
        next_review=date(2026, 4, 1),
        notice_period_days=180,
        renewal_terms_en="Renews automatically for five years unless either party gives 180 days’ notice.",
        renewal_terms_fr=(
            "Se renouvelle automatiquement pour cinq ans, sauf préavis de 180 jours de l’une ou "
            "l’autre des parties."
        ),
        service_areas=("health-card-registration",),
        channels=("in-person", "phone", "online", "mail"),
        governing_body="snb-health-jmc",
        relations=(Rel(Relation.SUPERSEDES, "SNB-2014-003"),),
        parties=(
            Pa(HEALTH, Role.LEAD, "nbh.dm", date(2019, 3, 18)),
            Pa(SNB, Role.DELIVERY_PARTNER, "snb.ceo", date(2019, 3, 21)),
        ),
        responsibilities=(
            R(
                "3.1",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Register eligible residents for Medicare and issue Medicare cards at every "
                "service centre.",
                "Inscrire les résidents admissibles à l’assurance-maladie et délivrer les cartes "
                "d’assurance-maladie dans chaque centre de service.",
                "90% of cards mailed within 10 business days",
                "90 % des cartes postées dans les 10 jours ouvrables",
            ),
            R(
                "3.2",
                SNB,
                "snb.dir-counter",
                Kind.SERVICE_DELIVERY,
                "Offer Medicare card renewal online and by phone, with identity verification "
                "equivalent to the in-person process.",
                "Offrir le renouvellement de la carte d’assurance-maladie en ligne et par "
                "téléphone, avec une vérification d’identité équivalente à celle du service en "
                "personne.",
                "Online service available 99.5% of the time",
                "Service en ligne disponible 99,5 % du temps",
            ),
            R(
                "3.3",
                SNB,
                "snb.regional-director",
                Kind.SERVICE_DELIVERY,
                "Serve clients in the official language of their choice at every service centre.",
                "Servir la clientèle dans la langue officielle de son choix dans chaque centre de "
                "service.",
                "Active offer in both languages at 100% of centres",
                "Offre active dans les deux langues dans 100 % des centres",
            ),
            R(
                "4.1",
                HEALTH,
                "nbh.dir-medicare",
                Kind.SERVICE_DELIVERY,
                "Decide eligibility in the cases Service New Brunswick refers to the Department.",
                "Trancher l’admissibilité dans les cas que Services Nouveau-Brunswick renvoie au "
                "Ministère.",
                "Decision within 20 business days",
                "Décision dans les 20 jours ouvrables",
            ),
            R(
                "4.3",
                HEALTH,
                "nbh.dir-medicare",
                Kind.DATA_SHARING,
                "Notify Service New Brunswick of changes to eligibility rules at least 60 days "
                "before they take effect.",
                "Aviser Services Nouveau-Brunswick de tout changement aux règles d’admissibilité "
                "au moins 60 jours avant son entrée en vigueur.",
            ),
            R(
                "5.1",
                SNB,
                "snb.vp-corporate",
                Kind.REPORTING,
                "Report volumes, wait times and service-standard results each quarter.",
                "Rendre compte chaque trimestre des volumes, des temps d’attente et des résultats "
                "par rapport aux normes de service.",
                recurrence=Every.QUARTERLY,
                anchor=date(2019, 6, 30),
            ),
            R(
                "6.1",
                HEALTH,
                "nbh.dm",
                Kind.FUNDING,
                "Pay the annual service fee set in Schedule B, adjusted each April for volumes.",
                "Verser les frais de service annuels fixés à l’annexe B, rajustés chaque avril "
                "selon les volumes.",
                recurrence=Every.ANNUAL,
                anchor=date(2019, 4, 30),
            ),
            R(
                "7.2",
                HEALTH,
                "nbh.dir-medicare",
                Kind.GOVERNANCE,
                "Chair the Joint Management Committee and convene it at least once a quarter.",
                "Présider le comité mixte de gestion et le réunir au moins une fois par trimestre.",
                recurrence=Every.QUARTERLY,
                anchor=date(2019, 6, 15),
            ),
            R(
                "8.1",
                SNB,
                "snb.vp-corporate",
                Kind.GOVERNANCE,
                "Commission an independent privacy audit of card-issuing processes before the "
                "mid-term review.",
                "Faire réaliser un audit indépendant de la protection des renseignements "
                "personnels des processus de délivrance des cartes avant l’examen de mi-parcours.",
                due=date(2026, 3, 31),
            ),
        ),
    ),
    A(
        reference="SNB-2021-004",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.IN_FORCE,
        title_en="Driver Licensing and Vehicle Registration Services Agreement",
        title_fr="Entente sur les services de permis de conduire et d’immatriculation des véhicules",
        summary_en=(
            "Service New Brunswick issues driver’s licences, photo identification cards and "
            "vehicle registrations, and administers knowledge tests, on behalf of the Registrar "
            "of Motor Vehicles. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Services Nouveau-Brunswick délivre les permis de conduire, les cartes d’identité "
            "avec photo et les immatriculations de véhicules, et fait passer les examens "
            "théoriques, pour le compte du registraire des véhicules à moteur. " + ILLUSTRATIVE_FR
        ),
        signed=date(2021, 3, 24),
        effective=date(2021, 4, 1),
        expiry=date(2031, 3, 31),
        next_review=date(2027, 4, 1),
        notice_period_days=180,
        renewal_terms_en="May be renewed by written agreement for a further five years.",
        renewal_terms_fr="Peut être renouvelée par écrit pour une période supplémentaire de cinq ans.",
        service_areas=("driver-vehicle-services",),
        channels=("in-person", "online", "mail"),
        governing_body="nb-driver-vehicle-steering",
        parties=(
            Pa(JPS, Role.LEAD, "jps.dm", date(2021, 3, 22)),
            Pa(SNB, Role.DELIVERY_PARTNER, "snb.ceo", date(2021, 3, 24)),
        ),
        responsibilities=(
            R(
                "2.1",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Issue and renew driver’s licences and photo identification cards at service "
                "centres.",
                "Délivrer et renouveler les permis de conduire et les cartes d’identité avec photo "
                "dans les centres de service.",
                "Temporary licence at the counter; card mailed within 10 business days",
                "Permis temporaire remis au comptoir; carte postée dans les 10 jours ouvrables",
            ),
            R(
                "2.2",
                SNB,
                "snb.dir-counter",
                Kind.SERVICE_DELIVERY,
                "Register vehicles, issue plates and collect registration fees.",
                "Immatriculer les véhicules, délivrer les plaques et percevoir les droits "
                "d’immatriculation.",
                "Fees remitted to the Province within 2 business days",
                "Droits remis à la Province dans les 2 jours ouvrables",
            ),
            R(
                "2.5",
                SNB,
                "snb.regional-director",
                Kind.SERVICE_DELIVERY,
                "Administer knowledge and vision tests at the designated centres.",
                "Faire passer les examens théoriques et de la vue dans les centres désignés.",
            ),
            R(
                "3.1",
                JPS,
                "jps.registrar-mv",
                Kind.GOVERNANCE,
                "Set licensing policy and decide suspensions, reinstatements and medical reviews.",
                "Établir les politiques de délivrance des permis et trancher les suspensions, les "
                "rétablissements et les examens médicaux.",
            ),
            R(
                "3.4",
                JPS,
                "jps.registrar-mv",
                Kind.DATA_SHARING,
                "Maintain the motor vehicle registry and give Service New Brunswick staff the "
                "access they need.",
                "Tenir le registre des véhicules à moteur et donner au personnel de Services "
                "Nouveau-Brunswick l’accès dont il a besoin.",
            ),
            R(
                "4.1",
                SNB,
                "snb.vp-corporate",
                Kind.REPORTING,
                "Report transactions, fees collected and fraud incidents each month.",
                "Rendre compte chaque mois des transactions, des droits perçus et des incidents de "
                "fraude.",
                recurrence=Every.MONTHLY,
                anchor=date(2021, 4, 30),
            ),
            R(
                "5.2",
                JPS,
                "jps.dm",
                Kind.FUNDING,
                "Reimburse Service New Brunswick’s delivery costs under the cost model in "
                "Schedule C.",
                "Rembourser les coûts de prestation de Services Nouveau-Brunswick selon le modèle "
                "de coûts de l’annexe C.",
                recurrence=Every.ANNUAL,
                anchor=date(2021, 6, 30),
            ),
        ),
    ),
    A(
        reference="SNB-2024-002",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.IN_FORCE,
        title_en=(
            "Amendment No. 1 to the Driver Licensing and Vehicle Registration Services "
            "Agreement: online renewals"
        ),
        title_fr=(
            "Modification nº 1 de l’Entente sur les services de permis de conduire et "
            "d’immatriculation des véhicules : renouvellements en ligne"
        ),
        summary_en=(
            "Adds online renewal of driver’s licences and vehicle registrations through Service "
            "New Brunswick’s portal, with identity checks against the photo on file. "
            + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Ajoute le renouvellement en ligne des permis de conduire et des immatriculations par "
            "le portail de Services Nouveau-Brunswick, avec vérification de l’identité à l’aide "
            "de la photo au dossier. " + ILLUSTRATIVE_FR
        ),
        signed=date(2024, 5, 15),
        effective=date(2024, 6, 1),
        expiry=date(2031, 3, 31),
        notice_period_days=180,
        service_areas=("driver-vehicle-services",),
        channels=("online",),
        governing_body="nb-driver-vehicle-steering",
        relations=(Rel(Relation.AMENDS, "SNB-2021-004"),),
        parties=(
            Pa(JPS, Role.LEAD, "jps.dm", date(2024, 5, 13)),
            Pa(SNB, Role.DELIVERY_PARTNER, "snb.ceo", date(2024, 5, 15)),
        ),
        responsibilities=(
            R(
                "A1.1",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Offer online renewal of driver’s licences and vehicle registrations to eligible "
                "clients.",
                "Offrir le renouvellement en ligne des permis de conduire et des immatriculations "
                "aux clients admissibles.",
                "Renewal confirmed at once; card mailed within 10 business days",
                "Renouvellement confirmé sur-le-champ; carte postée dans les 10 jours ouvrables",
            ),
            R(
                "A1.2",
                SNB,
                "snb.vp-corporate",
                Kind.DATA_SHARING,
                "Match each online applicant against the photo and signature on file before "
                "renewing.",
                "Comparer chaque demandeur en ligne à la photo et à la signature au dossier avant "
                "de renouveler.",
            ),
            R(
                "A1.3",
                JPS,
                "jps.registrar-mv",
                Kind.GOVERNANCE,
                "Define which clients may renew online (no suspension, no pending medical review).",
                "Définir quels clients peuvent renouveler en ligne (aucune suspension, aucun "
                "examen médical en attente).",
            ),
            R(
                "A1.4",
                SNB,
                "snb.vp-corporate",
                Kind.REPORTING,
                "Report online take-up and identity-check failures every six months.",
                "Rendre compte tous les six mois de l’utilisation du service en ligne et des "
                "échecs de vérification d’identité.",
                recurrence=Every.SEMI_ANNUAL,
                anchor=date(2024, 12, 31),
            ),
        ),
    ),
    A(
        reference="SNB-2017-010",
        agreement_type=Type.DATA_SHARING,
        state=State.EXPIRED,
        title_en="Property Assessment Information Services Agreement with the Cities (2017–2021)",
        title_fr=(
            "Entente sur les services d’information sur l’évaluation foncière avec les cités "
            "(2017-2021)"
        ),
        summary_en=(
            "Service New Brunswick supplied Fredericton, Moncton and Saint John with assessment "
            "roll extracts, parcel maps and appeal status for their tax and planning work. "
            "Renewed in 2022 by SNB-2022-006. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Services Nouveau-Brunswick fournissait à Fredericton, à Moncton et à Saint John des "
            "extraits du rôle d’évaluation, des cartes parcellaires et l’état des appels pour "
            "leurs travaux de taxation et d’urbanisme. Renouvelée en 2022 par SNB-2022-006. "
            + ILLUSTRATIVE_FR
        ),
        signed=date(2016, 12, 14),
        effective=date(2017, 1, 1),
        expiry=date(2021, 12, 31),
        ended_on=date(2021, 12, 31),
        end_reason="Expired at the end of its term; renewed by SNB-2022-006.",
        service_areas=("property-assessment", "municipal-services"),
        channels=("online",),
        governing_body="nb-assessment-advisory",
        parties=(
            Pa(SNB, Role.LEAD, "snb.ceo", date(2016, 12, 14)),
            Pa("city-of-fredericton", Role.PARTY, "fredericton.cao", date(2016, 12, 5)),
            Pa("city-of-moncton", Role.PARTY, "moncton.cao", date(2016, 12, 7)),
            Pa("city-of-saint-john", Role.PARTY, "saintjohn.city-manager", date(2016, 12, 8)),
            Pa("nb-environment-local-government", Role.OBSERVER),
        ),
        responsibilities=completed(
            R(
                "3.1",
                SNB,
                "snb.vp-assessment",
                Kind.DATA_SHARING,
                "Deliver the certified assessment roll extract to each city by 15 January.",
                "Remettre à chaque cité l’extrait certifié du rôle d’évaluation au plus tard le "
                "15 janvier.",
                recurrence=Every.ANNUAL,
                anchor=date(2017, 1, 15),
            ),
            R(
                "3.2",
                SNB,
                "snb.vp-assessment",
                Kind.DATA_SHARING,
                "Update parcel maps and appeal status each quarter.",
                "Mettre à jour les cartes parcellaires et l’état des appels chaque trimestre.",
                recurrence=Every.QUARTERLY,
                anchor=date(2017, 3, 31),
            ),
            *_city_data_use(
                ("city-of-fredericton", "fredericton.finance"),
                ("city-of-moncton", "moncton.finance"),
                ("city-of-saint-john", "saintjohn.finance"),
            ),
        ),
    ),
    A(
        reference="SNB-2022-006",
        agreement_type=Type.DATA_SHARING,
        state=State.IN_FORCE,
        title_en="Property Assessment Information Services Agreement with Municipalities (2022)",
        title_fr=(
            "Entente sur les services d’information sur l’évaluation foncière avec les "
            "municipalités (2022)"
        ),
        summary_en=(
            "Renews the 2017 agreement and adds the City of Dieppe. Service New Brunswick "
            "supplies assessment roll extracts, parcel maps and appeal status through a secure "
            "online service. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Renouvelle l’entente de 2017 et y ajoute la Ville de Dieppe. Services "
            "Nouveau-Brunswick fournit les extraits du rôle d’évaluation, les cartes parcellaires "
            "et l’état des appels au moyen d’un service en ligne sécurisé. " + ILLUSTRATIVE_FR
        ),
        signed=date(2021, 12, 16),
        effective=date(2022, 1, 1),
        expiry=date(2030, 12, 31),
        next_review=date(2027, 1, 15),
        renewal_terms_en="May be renewed by written agreement of the parties for a further five years.",
        renewal_terms_fr=(
            "Peut être renouvelée par entente écrite des parties pour une période supplémentaire "
            "de cinq ans."
        ),
        service_areas=("property-assessment", "municipal-services"),
        channels=("online",),
        governing_body="nb-assessment-advisory",
        relations=(Rel(Relation.RENEWS, "SNB-2017-010"),),
        parties=(
            Pa(SNB, Role.LEAD, "snb.ceo", date(2021, 12, 16)),
            Pa("city-of-fredericton", Role.PARTY, "fredericton.cao", date(2021, 12, 6)),
            Pa("city-of-moncton", Role.PARTY, "moncton.cao", date(2021, 12, 9)),
            Pa("city-of-saint-john", Role.PARTY, "saintjohn.city-manager", date(2021, 12, 10)),
            Pa("city-of-dieppe", Role.PARTY, "dieppe.cao", date(2021, 12, 13)),
            Pa("nb-environment-local-government", Role.OBSERVER),
        ),
        responsibilities=(
            R(
                "3.1",
                SNB,
                "snb.vp-assessment",
                Kind.DATA_SHARING,
                "Deliver the certified assessment roll extract to each municipality by 15 January.",
                "Remettre à chaque municipalité l’extrait certifié du rôle d’évaluation au plus "
                "tard le 15 janvier.",
                "Delivered by 15 January each year",
                "Remis au plus tard le 15 janvier de chaque année",
                recurrence=Every.ANNUAL,
                anchor=date(2022, 1, 15),
            ),
            R(
                "3.2",
                SNB,
                "snb.vp-assessment",
                Kind.DATA_SHARING,
                "Publish updated parcel maps and appeal status every month through the secure "
                "service.",
                "Publier chaque mois les cartes parcellaires et l’état des appels à jour au moyen "
                "du service sécurisé.",
                recurrence=Every.MONTHLY,
                anchor=date(2022, 1, 31),
            ),
            R(
                "3.5",
                SNB,
                "snb.vp-corporate",
                Kind.SERVICE_DELIVERY,
                "Keep the secure online service available during business hours.",
                "Maintenir le service en ligne sécurisé disponible pendant les heures ouvrables.",
                "99% availability during business hours",
                "Disponibilité de 99 % pendant les heures ouvrables",
            ),
            *_city_data_use(
                ("city-of-fredericton", "fredericton.finance"),
                ("city-of-moncton", "moncton.finance"),
                ("city-of-saint-john", "saintjohn.finance"),
                ("city-of-dieppe", "dieppe.citizen-services"),
            ),
            R(
                "5.1",
                SNB,
                "snb.vp-assessment",
                Kind.GOVERNANCE,
                "Convene the Client Advisory Committee twice a year.",
                "Réunir le comité consultatif des clients deux fois par année.",
                recurrence=Every.SEMI_ANNUAL,
                anchor=date(2022, 5, 31),
            ),
        ),
    ),
    A(
        reference="NB-SD-2025-003",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.NEGOTIATION,
        title_en="Income Assistance Intake at Service New Brunswick Centres",
        title_fr="Accueil des demandes d’aide au revenu dans les centres de Services Nouveau-Brunswick",
        summary_en=(
            "Under negotiation: Service New Brunswick would take first-contact applications for "
            "income assistance in its service centres, check identity and documents, and pass "
            "complete files to Social Development caseworkers. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "En négociation : Services Nouveau-Brunswick recevrait les premières demandes d’aide "
            "au revenu dans ses centres de service, vérifierait l’identité et les documents, puis "
            "transmettrait les dossiers complets aux travailleurs sociaux du Développement "
            "social. " + ILLUSTRATIVE_FR
        ),
        service_areas=("income-assistance",),
        channels=("in-person", "phone"),
        parties=(
            Pa(SOCIAL_DEVELOPMENT, Role.LEAD, "nbsd.dm"),
            Pa(SNB, Role.DELIVERY_PARTNER, "snb.ceo"),
        ),
        responsibilities=(
            R(
                "2.1",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Receive applications for income assistance, check identity and supporting "
                "documents, and open the file.",
                "Recevoir les demandes d’aide au revenu, vérifier l’identité et les pièces "
                "justificatives, et ouvrir le dossier.",
                "Complete files sent to Social Development within 1 business day",
                "Dossiers complets transmis au Développement social en 1 jour ouvrable",
            ),
            R(
                "2.3",
                SNB,
                "snb.regional-director",
                Kind.SERVICE_DELIVERY,
                "Refer applicants in crisis to the emergency assistance line the same day.",
                "Diriger le jour même les demandeurs en situation de crise vers la ligne d’aide "
                "d’urgence.",
            ),
            R(
                "3.1",
                SOCIAL_DEVELOPMENT,
                "nbsd.ed-income",
                Kind.SERVICE_DELIVERY,
                "Assign a caseworker and decide eligibility.",
                "Affecter un travailleur social au dossier et trancher l’admissibilité.",
                "Decision within 10 business days of a complete file",
                "Décision dans les 10 jours ouvrables suivant la réception d’un dossier complet",
            ),
            R(
                "3.4",
                SOCIAL_DEVELOPMENT,
                "nbsd.ed-income",
                Kind.DATA_SHARING,
                "Give counter staff read-only access to the status of the applications they "
                "opened.",
                "Donner au personnel des comptoirs un accès en lecture seule à l’état des demandes "
                "qu’il a ouvertes.",
            ),
            R(
                "5.1",
                SOCIAL_DEVELOPMENT,
                "nbsd.dm",
                Kind.FUNDING,
                "Fund the intake positions set out in Schedule A.",
                "Financer les postes d’accueil prévus à l’annexe A.",
                recurrence=Every.ANNUAL,
                anchor=date(2027, 4, 30),
            ),
        ),
    ),
    A(
        reference="SNB-2026-011",
        agreement_type=Type.PARTNERSHIP,
        state=State.DRAFT,
        title_en="Municipal Counter Services Partnership with the City of Dieppe",
        title_fr="Partenariat de services au comptoir avec la Ville de Dieppe",
        summary_en=(
            "Draft: Service New Brunswick and the City of Dieppe would share a bilingual counter "
            "at Dieppe City Hall offering provincial and municipal services (tax payments, "
            "permits, licences). " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Ébauche : Services Nouveau-Brunswick et la Ville de Dieppe partageraient un comptoir "
            "bilingue à l’hôtel de ville de Dieppe offrant des services provinciaux et municipaux "
            "(paiement des taxes, permis, licences). " + ILLUSTRATIVE_FR
        ),
        service_areas=("municipal-services", "business-permits"),
        channels=("in-person",),
        parties=(
            Pa("city-of-dieppe", Role.LEAD, "dieppe.cao"),
            Pa(SNB, Role.PARTY, "snb.ceo"),
        ),
        responsibilities=(
            R(
                "2.1",
                "city-of-dieppe",
                "dieppe.citizen-services",
                Kind.SERVICE_DELIVERY,
                "Provide and maintain counter space at City Hall, open at least 35 hours a week.",
                "Fournir et entretenir un espace de comptoir à l’hôtel de ville, ouvert au moins "
                "35 heures par semaine.",
            ),
            R(
                "2.2",
                SNB,
                "snb.dir-counter",
                Kind.SERVICE_DELIVERY,
                "Staff the counter with Service New Brunswick agents trained in municipal "
                "transactions.",
                "Doter le comptoir d’agents de Services Nouveau-Brunswick formés aux transactions "
                "municipales.",
            ),
            R(
                "4.1",
                "city-of-dieppe",
                "dieppe.cao",
                Kind.REPORTING,
                "Report counter volumes for municipal services every year.",
                "Rendre compte chaque année des volumes de services municipaux au comptoir.",
                recurrence=Every.ANNUAL,
                anchor=date(2027, 6, 30),
            ),
            R(
                "4.2",
                SNB,
                "snb.dir-partners",
                Kind.GOVERNANCE,
                "Propose a cost-sharing formula before the agreement goes for approval.",
                "Proposer une formule de partage des coûts avant que l’entente soit soumise à "
                "l’approbation.",
                due=date(2027, 1, 31),
            ),
        ),
    ),
    A(
        reference="SC-SNB-2012-007",
        agreement_type=Type.MOU,
        state=State.TERMINATED,
        title_en=(
            "Memorandum of Understanding on Service Canada Outreach at Service New Brunswick "
            "Centres"
        ),
        title_fr=(
            "Protocole d’entente sur les services mobiles de Service Canada dans les centres de "
            "Services Nouveau-Brunswick"
        ),
        summary_en=(
            "Service Canada staff held scheduled outreach sessions (Employment Insurance, Old Age "
            "Security, Social Insurance Numbers) in rural Service New Brunswick centres. "
            "Terminated by mutual consent in 2019 when Service Canada opened its own scheduled "
            "outreach sites. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Le personnel de Service Canada tenait des séances de services mobiles "
            "(assurance-emploi, Sécurité de la vieillesse, numéros d’assurance sociale) dans les "
            "centres ruraux de Services Nouveau-Brunswick. Résilié d’un commun accord en 2019, "
            "lorsque Service Canada a ouvert ses propres points de service mobiles. "
            + ILLUSTRATIVE_FR
        ),
        signed=date(2012, 9, 20),
        effective=date(2012, 10, 1),
        expiry=date(2022, 9, 30),
        ended_on=date(2019, 6, 30),
        end_reason="Terminated by mutual consent: Service Canada moved outreach to its own sites.",
        service_areas=("employment-insurance",),
        channels=("in-person",),
        parties=(
            Pa("service-canada", Role.LEAD, "sc.rdg-atlantic", date(2012, 9, 20)),
            Pa(SNB, Role.PARTY, "snb.ceo", date(2012, 9, 14)),
        ),
        responsibilities=completed(
            R(
                "2.1",
                SNB,
                "snb.regional-director",
                Kind.SERVICE_DELIVERY,
                "Provide a private office and network access for Service Canada outreach days.",
                "Fournir un bureau fermé et un accès au réseau pour les journées de services "
                "mobiles de Service Canada.",
            ),
            R(
                "2.2",
                "service-canada",
                "sc.rdg-atlantic",
                Kind.SERVICE_DELIVERY,
                "Hold outreach sessions at least twice a month in each participating centre.",
                "Tenir des séances de services mobiles au moins deux fois par mois dans chaque "
                "centre participant.",
            ),
            R(
                "4.1",
                "service-canada",
                "sc.rdg-atlantic",
                Kind.REPORTING,
                "Report the number of clients served at each site every year.",
                "Rendre compte chaque année du nombre de clients servis à chaque endroit.",
                recurrence=Every.ANNUAL,
                anchor=date(2013, 9, 30),
            ),
        ),
    ),
)

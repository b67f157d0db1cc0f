"""Demo agreements in Australia (Services Australia and Centrelink with the Department of Social
Services and the states) and Belgium (the Crossroads Bank for Social Security and the regions).
The Belgian cooperation agreement of 26 August 2013 and the DSS–Services Australia bilateral
arrangement are real (their obligations are summarised); the others are illustrative."""

from datetime import date

from .schema import AgreementData as A
from .schema import PartyData as Pa
from .schema import RelationData as Rel
from .schema import ResponsibilityData as R
from .vocabulary import (
    ILLUSTRATIVE_EN,
    ILLUSTRATIVE_FR,
    RESTRICTED,
    SUMMARISED_EN,
    SUMMARISED_FR,
    Every,
    Kind,
    Relation,
    Role,
    State,
    Type,
    completed,
)

SA = "services-australia"
CENTRELINK = "centrelink"
DSS = "au-social-services"
TMR = "qld-transport-main-roads"
CBSS = "crossroads-bank-social-security"


def _concession_checks(*, anchor_year: int) -> tuple[R, ...]:
    """The undertakings both Confirmation eServices agreements share."""
    return (
        R(
            "3.1",
            CENTRELINK,
            "centrelink.nm-cces",
            Kind.DATA_SHARING,
            "Confirm in real time whether a consenting customer holds a current concession card.",
            "Confirmer en temps réel si un client consentant détient une carte de réduction "
            "valide.",
            "Service available 99.5% of the time",
            "Service disponible 99,5 % du temps",
        ),
        R(
            "4.1",
            TMR,
            "tmr.gm-customer",
            Kind.DATA_SHARING,
            "Record the customer’s consent before every query and keep it for audit.",
            "Consigner le consentement du client avant chaque interrogation et le conserver aux "
            "fins d’audit.",
        ),
        R(
            "4.5",
            TMR,
            "tmr.dg",
            Kind.REPORTING,
            "Submit an annual compliance self-assessment.",
            "Présenter chaque année une autoévaluation de conformité.",
            recurrence=Every.ANNUAL,
            anchor=date(anchor_year, 8, 31),
        ),
        R(
            "5.1",
            CENTRELINK,
            "centrelink.nm-cces",
            Kind.GOVERNANCE,
            "Audit a sample of the department’s queries every year.",
            "Auditer chaque année un échantillon des interrogations du département.",
            recurrence=Every.ANNUAL,
            anchor=date(anchor_year, 6, 30),
        ),
    )


def _in_clause_order(*responsibilities: R) -> tuple[R, ...]:
    return tuple(sorted(responsibilities, key=lambda item: item.clause))


AGREEMENTS_AUSTRALIA_BELGIUM: tuple[A, ...] = (
    A(
        reference="AU-DSS-SA-2021",
        agreement_type=Type.MOU,
        state=State.IN_FORCE,
        title_en=(
            "Bilateral Management Arrangement between the Department of Social Services and "
            "Services Australia"
        ),
        title_fr=(
            "Arrangement de gestion bilatéral entre le Département des Services sociaux et "
            "Services Australia"
        ),
        summary_en=(
            "Sets how Services Australia delivers social security and family payments through "
            "Centrelink for the Department of Social Services: roles, performance measures, "
            "funding and governance. Modelled on the real bilateral management arrangement. "
            + SUMMARISED_EN
        ),
        summary_fr=(
            "Précise comment Services Australia verse, par Centrelink, les prestations de "
            "sécurité sociale et familiales pour le Département des Services sociaux : rôles, "
            "mesures de rendement, financement et gouvernance. Inspiré de l’arrangement de "
            "gestion bilatéral réel. " + SUMMARISED_FR
        ),
        signed=date(2021, 6, 24),
        effective=date(2021, 7, 1),
        expiry=date(2030, 6, 30),
        next_review=date(2026, 7, 1),
        service_areas=("income-assistance", "family-benefits"),
        channels=("online", "phone", "in-person"),
        governing_body="au-bilateral-governance",
        parties=(
            Pa(DSS, Role.LEAD, "dss.secretary", date(2021, 6, 21)),
            Pa(SA, Role.DELIVERY_PARTNER, "sa.ceo", date(2021, 6, 24)),
        ),
        responsibilities=(
            R(
                "3.1",
                SA,
                "sa.deputy-ceo",
                Kind.SERVICE_DELIVERY,
                "Deliver payments accurately and on time through Centrelink.",
                "Verser les prestations avec exactitude et à temps par Centrelink.",
                "Payment accuracy of at least 95%",
                "Exactitude des paiements d’au moins 95 %",
            ),
            R(
                "3.2",
                SA,
                "sa.deputy-ceo",
                Kind.SERVICE_DELIVERY,
                "Answer Centrelink phone lines within the agreed average speed of answer.",
                "Répondre aux lignes téléphoniques de Centrelink dans le délai moyen convenu.",
                "Average speed of answer under 15 minutes",
                "Délai moyen de réponse inférieur à 15 minutes",
            ),
            R(
                "3.5",
                SA,
                "sa.gm-partnerships",
                Kind.SERVICE_DELIVERY,
                "Implement policy changes by the dates set in each implementation plan.",
                "Mettre en œuvre les changements de politique aux dates fixées dans chaque plan "
                "de mise en œuvre.",
            ),
            R(
                "4.1",
                DSS,
                "dss.deputy-secretary",
                Kind.GOVERNANCE,
                "Give at least six months’ notice of new measures, with policy guidance.",
                "Donner un préavis d’au moins six mois de toute nouvelle mesure, accompagné "
                "d’orientations stratégiques.",
            ),
            R(
                "4.2",
                DSS,
                "dss.secretary",
                Kind.FUNDING,
                "Fund delivery under the agreed costing model each financial year.",
                "Financer la prestation selon le modèle d’établissement des coûts convenu, à "
                "chaque exercice.",
                recurrence=Every.ANNUAL,
                anchor=date(2021, 7, 31),
            ),
            R(
                "5.1",
                SA,
                "sa.deputy-ceo",
                Kind.REPORTING,
                "Report performance measures every month.",
                "Rendre compte chaque mois des mesures de rendement.",
                recurrence=Every.MONTHLY,
                anchor=date(2021, 7, 31),
            ),
            R(
                "5.3",
                DSS,
                "dss.deputy-secretary",
                Kind.DATA_SHARING,
                "Share the policy and evaluation data Services Australia needs to model the "
                "effect of changes on delivery.",
                "Communiquer les données stratégiques et d’évaluation dont Services Australia a "
                "besoin pour modéliser l’effet des changements sur la prestation.",
            ),
        ),
    ),
    A(
        reference="AU-SA-QLD-2015-CCES",
        agreement_type=Type.DATA_SHARING,
        state=State.SUPERSEDED,
        visibility=RESTRICTED,
        title_en=(
            "Centrelink Confirmation eServices Agreement with Queensland Transport and Main "
            "Roads (2015)"
        ),
        title_fr=(
            "Entente sur les services électroniques de confirmation de Centrelink avec le "
            "Département des Transports et des Routes principales du Queensland (2015)"
        ),
        summary_en=(
            "Let Queensland’s Department of Transport and Main Roads confirm, with the "
            "customer’s consent, that the customer holds a Centrelink concession card before "
            "granting a vehicle registration concession. Superseded in 2021. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Permettait au Département des Transports et des Routes principales du Queensland de "
            "confirmer, avec le consentement du client, que celui-ci détient une carte de "
            "réduction de Centrelink avant d’accorder une réduction sur l’immatriculation. "
            "Remplacée en 2021. " + ILLUSTRATIVE_FR
        ),
        signed=date(2015, 8, 27),
        effective=date(2015, 9, 1),
        expiry=date(2022, 8, 31),
        ended_on=date(2021, 6, 30),
        end_reason="Superseded by AU-SA-QLD-2021-CCES (stronger consent and logging rules).",
        service_areas=("concessions", "driver-vehicle-services"),
        channels=("online",),
        parties=(
            Pa(CENTRELINK, Role.LEAD, "centrelink.gm", date(2015, 8, 27)),
            Pa(TMR, Role.PARTY, "tmr.dg", date(2015, 8, 20)),
        ),
        responsibilities=completed(*_concession_checks(anchor_year=2016)),
    ),
    A(
        reference="AU-SA-QLD-2021-CCES",
        agreement_type=Type.DATA_SHARING,
        state=State.IN_FORCE,
        visibility=RESTRICTED,
        title_en=(
            "Centrelink Confirmation eServices Agreement with Queensland Transport and Main "
            "Roads (2021)"
        ),
        title_fr=(
            "Entente sur les services électroniques de confirmation de Centrelink avec le "
            "Département des Transports et des Routes principales du Queensland (2021)"
        ),
        summary_en=(
            "Replaces the 2015 agreement with stronger consent records, query logging and an "
            "annual audit. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Remplace l’entente de 2015 et renforce la consignation du consentement, la "
            "journalisation des interrogations et l’audit annuel. " + ILLUSTRATIVE_FR
        ),
        signed=date(2021, 6, 22),
        effective=date(2021, 7, 1),
        expiry=date(2031, 6, 30),
        next_review=date(2026, 7, 1),
        service_areas=("concessions", "driver-vehicle-services"),
        channels=("online",),
        relations=(Rel(Relation.SUPERSEDES, "AU-SA-QLD-2015-CCES"),),
        parties=(
            Pa(CENTRELINK, Role.LEAD, "centrelink.gm", date(2021, 6, 22)),
            Pa(TMR, Role.PARTY, "tmr.dg", date(2021, 6, 15)),
        ),
        responsibilities=_in_clause_order(
            *_concession_checks(anchor_year=2022),
            R(
                "3.4",
                CENTRELINK,
                "centrelink.gm",
                Kind.GOVERNANCE,
                "Give at least 90 days’ notice of any change to the interface.",
                "Donner un préavis d’au moins 90 jours de tout changement à l’interface.",
            ),
            R(
                "4.2",
                TMR,
                "tmr.gm-customer",
                Kind.DATA_SHARING,
                "Log every query with the staff member’s identity and keep the logs for seven "
                "years.",
                "Journaliser chaque interrogation avec l’identité de l’employé et conserver les "
                "journaux pendant sept ans.",
            ),
        ),
    ),
    A(
        reference="AU-SA-NSW-2026-001",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.NEGOTIATION,
        title_en="Centrelink Services in Service NSW Centres",
        title_fr="Services de Centrelink dans les centres Service NSW",
        summary_en=(
            "Under negotiation: Service NSW would offer Centrelink self-service, document "
            "lodgement and referrals at its regional service centres, with video links to "
            "Centrelink staff. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "En négociation : Service NSW offrirait le libre-service de Centrelink, le dépôt de "
            "documents et l’orientation dans ses centres régionaux, avec des liaisons vidéo vers "
            "le personnel de Centrelink. " + ILLUSTRATIVE_FR
        ),
        service_areas=("income-assistance", "family-benefits"),
        channels=("in-person",),
        parties=(
            Pa(SA, Role.LEAD, "sa.ceo"),
            Pa("service-nsw", Role.DELIVERY_PARTNER, "snsw.ceo"),
        ),
        responsibilities=(
            R(
                "2.1",
                "service-nsw",
                "snsw.ed-partnerships",
                Kind.SERVICE_DELIVERY,
                "Provide self-service terminals and document lodgement for Centrelink customers "
                "in 20 regional centres.",
                "Offrir des bornes libre-service et le dépôt de documents aux clients de "
                "Centrelink dans 20 centres régionaux.",
            ),
            R(
                "2.3",
                "service-nsw",
                "snsw.ed-partnerships",
                Kind.SERVICE_DELIVERY,
                "Connect customers who need help from staff to a Centrelink officer by video.",
                "Mettre en relation par vidéo avec un agent de Centrelink les clients qui ont "
                "besoin d’aide.",
            ),
            R(
                "3.1",
                SA,
                "sa.gm-partnerships",
                Kind.SERVICE_DELIVERY,
                "Staff the video service during centre opening hours.",
                "Assurer le service vidéo pendant les heures d’ouverture des centres.",
            ),
            R(
                "3.2",
                SA,
                "sa.deputy-ceo",
                Kind.FUNDING,
                "Pay Service NSW a quarterly fee for each participating centre.",
                "Verser à Service NSW des frais trimestriels pour chaque centre participant.",
                recurrence=Every.QUARTERLY,
                anchor=date(2027, 3, 31),
            ),
        ),
    ),
    A(
        reference="AU-SA-VIC-2025-004",
        agreement_type=Type.PARTNERSHIP,
        state=State.APPROVED,
        title_en="Services Australia Social Workers in The Orange Door",
        title_fr="Travailleurs sociaux de Services Australia dans The Orange Door",
        summary_en=(
            "Approved, awaiting signature: Services Australia social workers would work from "
            "Victoria’s Orange Door family violence support sites, helping people leaving "
            "violence to claim Crisis Payment and other payments. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Approuvé, en attente de signature : des travailleurs sociaux de Services Australia "
            "travailleraient dans les points de service The Orange Door de Victoria, pour aider "
            "les personnes qui fuient la violence à demander le Crisis Payment et d’autres "
            "prestations. " + ILLUSTRATIVE_FR
        ),
        service_areas=("family-violence", "income-assistance"),
        channels=("in-person", "phone"),
        parties=(
            Pa("vic-families-fairness-housing", Role.LEAD, "dffh.secretary"),
            Pa(SA, Role.PARTY, "sa.ceo"),
        ),
        responsibilities=(
            R(
                "2.1",
                SA,
                "sa.gm-partnerships",
                Kind.SERVICE_DELIVERY,
                "Place social workers in The Orange Door sites listed in Schedule 1.",
                "Affecter des travailleurs sociaux aux points de service The Orange Door énumérés "
                "à l’annexe 1.",
            ),
            R(
                "2.2",
                SA,
                "sa.deputy-ceo",
                Kind.SERVICE_DELIVERY,
                "Fast-track Crisis Payment claims referred by The Orange Door.",
                "Traiter en priorité les demandes de Crisis Payment transmises par The Orange "
                "Door.",
                "Decided within 2 business days",
                "Décision dans les 2 jours ouvrables",
            ),
            R(
                "3.1",
                "vic-families-fairness-housing",
                "dffh.ceo-family-safety",
                Kind.SERVICE_DELIVERY,
                "Provide workspace, safety procedures and case-coordination meetings.",
                "Fournir des locaux, des procédures de sécurité et des réunions de coordination "
                "des dossiers.",
            ),
            R(
                "4.1",
                "vic-families-fairness-housing",
                "dffh.ceo-family-safety",
                Kind.REPORTING,
                "Report referrals and outcomes every six months, without identifying anyone.",
                "Rendre compte tous les six mois des orientations et de leurs résultats, sans "
                "identifier quiconque.",
                recurrence=Every.SEMI_ANNUAL,
                anchor=date(2027, 6, 30),
            ),
        ),
    ),
    A(
        reference="BE-EGOV-2013",
        agreement_type=Type.FRAMEWORK,
        state=State.IN_FORCE,
        title_en="Cooperation Agreement of 26 August 2013 on Integrated E-Government",
        title_fr=(
            "Accord de coopération du 26 août 2013 visant à réaliser un e-gouvernement intégré"
        ),
        summary_en=(
            "Federal, regional and community administrations reuse authentic data sources and "
            "service integrators so that citizens and businesses give their data to government "
            "only once. Based on the real cooperation agreement of 26 August 2013. " + SUMMARISED_EN
        ),
        summary_fr=(
            "Les administrations fédérales, régionales et communautaires réutilisent les sources "
            "authentiques de données et les intégrateurs de services, afin que citoyens et "
            "entreprises ne fournissent leurs données qu’une seule fois. Fondé sur l’accord de "
            "coopération réel du 26 août 2013. " + SUMMARISED_FR
        ),
        signed=date(2013, 8, 26),
        effective=date(2013, 8, 26),
        next_review=date(2027, 1, 1),
        notice_period_days=365,
        service_areas=("social-security-data-exchange", "digital-identity"),
        channels=("online",),
        governing_body="be-integrators-committee",
        parties=(
            Pa("fps-bosa", Role.LEAD, "bosa.chair", date(2013, 8, 26)),
            Pa(CBSS, Role.PARTY, "cbss.admin-general", date(2013, 8, 26)),
            Pa("digitaal-vlaanderen", Role.PARTY, "dv.head", date(2013, 8, 26)),
            Pa("paradigm", Role.PARTY, "paradigm.dg", date(2013, 8, 26)),
        ),
        responsibilities=(
            R(
                "3.1",
                "fps-bosa",
                "bosa.dg-digital",
                Kind.DATA_SHARING,
                "Operate the federal service integrator and its catalogue of authentic sources.",
                "Exploiter l’intégrateur de services fédéral et son catalogue de sources "
                "authentiques.",
            ),
            R(
                "3.2",
                CBSS,
                "cbss.dir-network",
                Kind.DATA_SHARING,
                "Operate the social security network as the integrator for social security data.",
                "Exploiter le réseau de la sécurité sociale en tant qu’intégrateur des données de "
                "sécurité sociale.",
            ),
            R(
                "3.3",
                "digitaal-vlaanderen",
                "dv.head",
                Kind.DATA_SHARING,
                "Operate the Flemish service integrator (MAGDA) and connect Flemish authorities "
                "to it.",
                "Exploiter l’intégrateur de services flamand (MAGDA) et y raccorder les autorités "
                "flamandes.",
            ),
            R(
                "3.4",
                "paradigm",
                "paradigm.dg",
                Kind.DATA_SHARING,
                "Operate the Brussels service integrator (Fidus) and connect regional bodies to "
                "it.",
                "Exploiter l’intégrateur de services bruxellois (Fidus) et y raccorder les "
                "organismes régionaux.",
            ),
            R(
                "4.1",
                "fps-bosa",
                "bosa.dg-digital",
                Kind.GOVERNANCE,
                "Chair the Committee of Service Integrators and keep the common technical "
                "standards.",
                "Présider le Comité des intégrateurs de services et tenir à jour les normes "
                "techniques communes.",
            ),
            R(
                "5.1",
                "fps-bosa",
                "bosa.chair",
                Kind.REPORTING,
                "Report every year on the reuse of authentic sources across administrations.",
                "Rendre compte chaque année de la réutilisation des sources authentiques entre "
                "administrations.",
                recurrence=Every.ANNUAL,
                anchor=date(2014, 12, 31),
            ),
        ),
    ),
    A(
        reference="BE-CBSS-FOREM-2019",
        agreement_type=Type.DATA_SHARING,
        state=State.IN_FORCE,
        title_en="Data Exchange Agreement on Jobseekers’ Social Security Status",
        title_fr=(
            "Convention d’échange de données sur la situation de sécurité sociale des "
            "demandeurs d’emploi"
        ),
        summary_en=(
            "Through the Crossroads Bank for Social Security network, Le Forem receives the "
            "unemployment benefit status of Walloon jobseekers from the National Employment "
            "Office and sends back training and availability events. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Par le réseau de la Banque Carrefour de la Sécurité Sociale, le Forem reçoit de "
            "l’Office national de l’emploi la situation des demandeurs d’emploi wallons au regard "
            "des allocations de chômage, et lui renvoie les événements de formation et de "
            "disponibilité. " + ILLUSTRATIVE_FR
        ),
        signed=date(2019, 2, 19),
        effective=date(2019, 3, 1),
        expiry=date(2031, 2, 28),
        next_review=date(2027, 3, 1),
        service_areas=(
            "social-security-data-exchange",
            "employment-insurance",
            "employment-services",
        ),
        channels=("online",),
        governing_body="be-integrators-committee",
        relations=(Rel(Relation.IMPLEMENTS, "BE-EGOV-2013"),),
        parties=(
            Pa(CBSS, Role.LEAD, "cbss.admin-general", date(2019, 2, 19)),
            Pa("onem", Role.PARTY, "onem.admin-general", date(2019, 2, 12)),
            Pa("forem", Role.PARTY, "forem.admin-general", date(2019, 2, 14)),
        ),
        responsibilities=(
            R(
                "2.1",
                CBSS,
                "cbss.dir-network",
                Kind.DATA_SHARING,
                "Route messages between the parties and check each one against the "
                "authorisation of the Information Security Committee.",
                "Acheminer les messages entre les parties et vérifier chacun au regard de la "
                "délibération du Comité de sécurité de l’information.",
            ),
            R(
                "2.3",
                CBSS,
                "cbss.dpo",
                Kind.DATA_SHARING,
                "Keep a log of every exchange for ten years.",
                "Conserver la trace de chaque échange pendant dix ans.",
            ),
            R(
                "3.1",
                "onem",
                "onem.dir-benefits",
                Kind.DATA_SHARING,
                "Send benefit start, suspension and end events for jobseekers registered with Le "
                "Forem.",
                "Transmettre les événements de début, de suspension et de fin d’allocation des "
                "demandeurs d’emploi inscrits au Forem.",
                "Within 1 business day of the event",
                "Dans le jour ouvrable suivant l’événement",
            ),
            R(
                "4.1",
                "forem",
                "forem.dir-it",
                Kind.DATA_SHARING,
                "Send training and availability-check events to the National Employment Office.",
                "Transmettre à l’Office national de l’emploi les événements de formation et de "
                "contrôle de disponibilité.",
            ),
            R(
                "4.2",
                "forem",
                "forem.admin-general",
                Kind.DATA_SHARING,
                "Use the data received only to guide and support jobseekers.",
                "N’utiliser les données reçues que pour orienter et accompagner les demandeurs "
                "d’emploi.",
            ),
            R(
                "5.1",
                CBSS,
                "cbss.dir-network",
                Kind.REPORTING,
                "Report network availability and error rates every quarter.",
                "Rendre compte chaque trimestre de la disponibilité du réseau et des taux "
                "d’erreur.",
                recurrence=Every.QUARTERLY,
                anchor=date(2019, 6, 30),
            ),
        ),
    ),
    A(
        reference="BE-CBSS-ACTIRIS-2026",
        agreement_type=Type.DATA_SHARING,
        state=State.DRAFT,
        visibility=RESTRICTED,
        title_en="Data Exchange Agreement on Jobseekers in the Brussels-Capital Region",
        title_fr=(
            "Convention d’échange de données sur les demandeurs d’emploi de la Région de "
            "Bruxelles-Capitale"
        ),
        summary_en=(
            "Draft: Actiris would receive the social security status of Brussels jobseekers "
            "through the Crossroads Bank for Social Security network, on the model of the "
            "Walloon agreement. Restricted while the data protection impact assessment is under "
            "way. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Ébauche : Actiris recevrait la situation de sécurité sociale des demandeurs d’emploi "
            "bruxellois par le réseau de la Banque Carrefour de la Sécurité Sociale, sur le "
            "modèle de la convention wallonne. Diffusion restreinte pendant l’analyse d’impact "
            "relative à la protection des données. " + ILLUSTRATIVE_FR
        ),
        service_areas=("social-security-data-exchange", "employment-services"),
        channels=("online",),
        parties=(
            Pa(CBSS, Role.LEAD, "cbss.admin-general"),
            Pa("actiris", Role.PARTY, "actiris.dg"),
        ),
        responsibilities=(
            R(
                "2.1",
                CBSS,
                "cbss.dir-network",
                Kind.DATA_SHARING,
                "Route messages to Actiris and check each against the authorisation of the "
                "Information Security Committee.",
                "Acheminer les messages vers Actiris et vérifier chacun au regard de la "
                "délibération du Comité de sécurité de l’information.",
            ),
            R(
                "3.1",
                "actiris",
                "actiris.dpo",
                Kind.DATA_SHARING,
                "Complete a data protection impact assessment before the first exchange.",
                "Réaliser une analyse d’impact relative à la protection des données avant le "
                "premier échange.",
                due=date(2027, 3, 31),
            ),
            R(
                "3.2",
                "actiris",
                "actiris.dg",
                Kind.DATA_SHARING,
                "Use the data received only to guide and support jobseekers.",
                "N’utiliser les données reçues que pour orienter et accompagner les demandeurs "
                "d’emploi.",
            ),
        ),
    ),
)

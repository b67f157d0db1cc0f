"""Demo agreements in Denmark (the state, Local Government Denmark, Danish Regions, Udbetaling
Danmark and municipalities) and the United Kingdom (DWP, the Scottish Government, Social Security
Scotland, GDS and Manchester). The Danish economic agreement, the joint digital strategy and the
DWP agency agreement are real (their obligations are summarised); the others are illustrative."""

from datetime import date

from .schema import AgreementData as A
from .schema import PartyData as Pa
from .schema import ResponsibilityData as R
from .vocabulary import (
    ILLUSTRATIVE_EN,
    ILLUSTRATIVE_FR,
    RESTRICTED,
    SUMMARISED_EN,
    SUMMARISED_FR,
    Every,
    Kind,
    Role,
    State,
    Type,
    completed,
)

KL = "local-government-denmark"
UDK = "udbetaling-danmark"
DIGST = "dk-agency-for-digital-government"
DWP = "dwp"
MCC = "manchester-city-council"
SCOTGOV = "scottish-government"
SSS = "social-security-scotland"

AGREEMENTS_DENMARK_UK: tuple[A, ...] = (
    A(
        reference="DK-OEK-2025",
        agreement_type=Type.FRAMEWORK,
        state=State.EXPIRED,
        title_en="Agreement on Municipal Finances for 2025",
        title_fr="Accord sur les finances municipales pour 2025",
        summary_en=(
            "The Government and Local Government Denmark (KL) set the municipalities’ overall "
            "service and investment budgets, tax level and block grant for 2025. Based on the "
            "real annual economic agreement (økonomiaftale). " + SUMMARISED_EN
        ),
        summary_fr=(
            "Le gouvernement et l’Association des municipalités danoises (KL) fixent les budgets "
            "globaux de services et d’investissement des municipalités, le niveau d’imposition et "
            "la subvention globale pour 2025. Fondé sur l’accord économique annuel réel "
            "(økonomiaftale). " + SUMMARISED_FR
        ),
        signed=date(2024, 5, 30),
        effective=date(2025, 1, 1),
        expiry=date(2025, 12, 31),
        ended_on=date(2025, 12, 31),
        end_reason="Expired at the end of the budget year; a new agreement is made every year.",
        notice_period_days=0,
        renewal_terms_en="Negotiated anew each spring for the following budget year.",
        renewal_terms_fr="Renégocié chaque printemps pour l’exercice budgétaire suivant.",
        service_areas=("municipal-finance",),
        parties=(
            Pa("dk-ministry-of-finance", Role.LEAD, "dkfin.minister", date(2024, 5, 30)),
            Pa(KL, Role.PARTY, "kl.chair", date(2024, 5, 30)),
        ),
        responsibilities=completed(
            R(
                "2.1",
                "dk-ministry-of-finance",
                "dkfin.perm-sec",
                Kind.FUNDING,
                "Pay the agreed block grant to municipalities in monthly instalments.",
                "Verser aux municipalités la subvention globale convenue en mensualités.",
                recurrence=Every.MONTHLY,
                anchor=date(2025, 1, 31),
            ),
            R(
                "2.2",
                KL,
                "kl.exec-dir",
                Kind.GOVERNANCE,
                "Recommend that municipalities together keep service spending within the agreed "
                "ceiling.",
                "Recommander aux municipalités de maintenir ensemble leurs dépenses de services "
                "sous le plafond convenu.",
            ),
            R(
                "3.1",
                KL,
                "kl.exec-dir",
                Kind.REPORTING,
                "Report the municipalities’ adopted budgets against the ceiling.",
                "Rendre compte des budgets adoptés par les municipalités par rapport au plafond.",
                due=date(2024, 11, 15),
            ),
            R(
                "4.1",
                "dk-ministry-of-finance",
                "dkfin.perm-sec",
                Kind.FUNDING,
                "Compensate municipalities for new tasks under the extended total balance "
                "principle (DUT).",
                "Compenser les municipalités pour les nouvelles tâches selon le principe "
                "d’équilibre global élargi (DUT).",
            ),
        ),
    ),
    A(
        reference="DK-UDK-2013",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.IN_FORCE,
        title_en="Agreement on Udbetaling Danmark’s Administration of Benefits for Municipalities",
        title_fr=(
            "Accord sur la gestion des prestations par Udbetaling Danmark pour le compte des "
            "municipalités"
        ),
        summary_en=(
            "Since 2013 Udbetaling Danmark processes and pays family benefits, housing benefit "
            "and other payments that municipalities used to handle. This agreement sets how it "
            "works with KL and the municipalities, who still help citizens who cannot use "
            "digital self-service. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Depuis 2013, Udbetaling Danmark traite et verse les prestations familiales, "
            "l’allocation de logement et d’autres prestations autrefois gérées par les "
            "municipalités. Cet accord précise sa collaboration avec KL et les municipalités, "
            "qui continuent d’aider les citoyens incapables d’utiliser le libre-service "
            "numérique. " + ILLUSTRATIVE_FR
        ),
        signed=date(2012, 12, 12),
        effective=date(2013, 3, 1),
        next_review=date(2027, 3, 1),
        service_areas=("family-benefits", "housing-benefit"),
        channels=("online", "phone", "in-person"),
        parties=(
            Pa(UDK, Role.LEAD, "udk.director", date(2012, 12, 12)),
            Pa(KL, Role.PARTY, "kl.chair", date(2012, 12, 10)),
            Pa("copenhagen-municipality", Role.PARTY, "cph.ceo-finance", date(2012, 12, 5)),
            Pa("aarhus-municipality", Role.PARTY, "aarhus.ceo", date(2012, 12, 6)),
        ),
        responsibilities=(
            R(
                "3.1",
                UDK,
                "udk.head-family",
                Kind.SERVICE_DELIVERY,
                "Process and pay child and family benefits.",
                "Traiter et verser les allocations familiales et pour enfants.",
                "95% of applications decided within 30 days",
                "95 % des demandes tranchées en 30 jours",
            ),
            R(
                "3.2",
                UDK,
                "udk.director",
                Kind.SERVICE_DELIVERY,
                "Process and pay housing benefit, and answer citizens by phone and online.",
                "Traiter et verser l’allocation de logement, et répondre aux citoyens par "
                "téléphone et en ligne.",
            ),
            R(
                "4.1",
                "copenhagen-municipality",
                "cph.head-citizen",
                Kind.SERVICE_DELIVERY,
                "Help citizens who cannot use digital self-service to apply, and forward their "
                "applications.",
                "Aider les citoyens qui ne peuvent pas utiliser le libre-service numérique à "
                "présenter leur demande, et la transmettre.",
            ),
            R(
                "4.2",
                "aarhus-municipality",
                "aarhus.head-citizen",
                Kind.SERVICE_DELIVERY,
                "Help citizens who cannot use digital self-service to apply, and forward their "
                "applications.",
                "Aider les citoyens qui ne peuvent pas utiliser le libre-service numérique à "
                "présenter leur demande, et la transmettre.",
            ),
            R(
                "5.1",
                KL,
                "kl.exec-dir",
                Kind.GOVERNANCE,
                "Represent the municipalities in Udbetaling Danmark’s user forum.",
                "Représenter les municipalités au forum des usagers d’Udbetaling Danmark.",
            ),
            R(
                "6.1",
                UDK,
                "udk.director",
                Kind.REPORTING,
                "Publish processing times and payment accuracy every quarter.",
                "Publier chaque trimestre les délais de traitement et l’exactitude des paiements.",
                recurrence=Every.QUARTERLY,
                anchor=date(2013, 6, 30),
            ),
        ),
    ),
    A(
        reference="DK-DIGI-2022",
        agreement_type=Type.PARTNERSHIP,
        state=State.EXPIRED,
        title_en="Joint Public Digitalisation Strategy 2022–2025",
        title_fr="Stratégie commune de numérisation publique 2022-2025",
        summary_en=(
            "The state, KL and Danish Regions agreed a joint digital strategy for 2022–2025: "
            "Digital Post, MitID, a common data foundation and help for citizens who are not "
            "online. Based on the real joint public digitalisation strategy. " + SUMMARISED_EN
        ),
        summary_fr=(
            "L’État, KL et les Régions danoises ont convenu d’une stratégie numérique commune "
            "pour 2022-2025 : courrier numérique, MitID, une base de données commune et de l’aide "
            "aux citoyens non connectés. Fondée sur la stratégie commune réelle de numérisation "
            "publique. " + SUMMARISED_FR
        ),
        signed=date(2022, 5, 4),
        effective=date(2022, 5, 4),
        expiry=date(2025, 12, 31),
        ended_on=date(2025, 12, 31),
        end_reason="Expired at the end of the strategy period.",
        service_areas=("digital-identity",),
        channels=("online",),
        governing_body="dk-digital-steering",
        parties=(
            Pa(DIGST, Role.LEAD, "digst.dg", date(2022, 5, 4)),
            Pa(KL, Role.PARTY, "kl.chair", date(2022, 5, 2)),
            Pa("danish-regions", Role.PARTY, "dr.chair", date(2022, 5, 3)),
        ),
        responsibilities=completed(
            R(
                "2.1",
                DIGST,
                "digst.dg",
                Kind.SERVICE_DELIVERY,
                "Run MitID and Digital Post for every public authority.",
                "Exploiter MitID et le courrier numérique pour toutes les autorités publiques.",
            ),
            R(
                "2.4",
                KL,
                "kl.dir-digital",
                Kind.SERVICE_DELIVERY,
                "Make sure every municipality offers in-person help with digital self-service.",
                "Veiller à ce que chaque municipalité offre une aide en personne au libre-service "
                "numérique.",
            ),
            R(
                "2.5",
                "danish-regions",
                "dr.ceo",
                Kind.DATA_SHARING,
                "Connect hospital systems to the common data foundation.",
                "Raccorder les systèmes hospitaliers à la base de données commune.",
            ),
            R(
                "3.1",
                DIGST,
                "digst.dg",
                Kind.REPORTING,
                "Report on the strategy’s initiatives every year.",
                "Rendre compte chaque année des initiatives de la stratégie.",
                recurrence=Every.ANNUAL,
                anchor=date(2023, 3, 31),
            ),
            R(
                "3.2",
                KL,
                "kl.dir-digital",
                Kind.GOVERNANCE,
                "Coordinate the municipalities’ part in joint projects.",
                "Coordonner la participation des municipalités aux projets communs.",
            ),
        ),
    ),
    A(
        reference="UK-DWP-SSS-2020",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.IN_FORCE,
        title_en="Agency Agreement for the Delivery of Disability Benefits in Scotland",
        title_fr="Accord de mandat pour la prestation des allocations d’invalidité en Écosse",
        summary_en=(
            "While Social Security Scotland takes over devolved disability and carer benefits, "
            "the Department for Work and Pensions keeps paying existing Scottish claimants on "
            "behalf of the Scottish Ministers. Modelled on the real agency agreements. "
            + SUMMARISED_EN
        ),
        summary_fr=(
            "Pendant que la Sécurité sociale écossaise reprend les allocations d’invalidité et "
            "d’aidant dévolues, le ministère du Travail et des Pensions continue de payer les "
            "bénéficiaires écossais existants pour le compte des ministres écossais. Inspiré des "
            "accords de mandat réels. " + SUMMARISED_FR
        ),
        signed=date(2020, 3, 30),
        effective=date(2020, 4, 1),
        next_review=date(2026, 4, 1),
        notice_period_days=365,
        renewal_terms_en="Continues until every case has transferred, unless ended on a year’s notice.",
        renewal_terms_fr=(
            "Demeure en vigueur jusqu’au transfert de tous les dossiers, sauf résiliation avec "
            "un préavis d’un an."
        ),
        service_areas=("disability-benefits",),
        channels=("phone", "mail", "online"),
        governing_body="uk-jmwgw",
        parties=(
            Pa(SCOTGOV, Role.LEAD, "scotgov.cabsec", date(2020, 3, 30)),
            Pa(DWP, Role.DELIVERY_PARTNER, "dwp.secretary", date(2020, 3, 27)),
            Pa(SSS, Role.PARTY, "sss.ceo", date(2020, 3, 30)),
        ),
        responsibilities=(
            R(
                "3.1",
                DWP,
                "dwp.dir-devolution",
                Kind.SERVICE_DELIVERY,
                "Keep paying Disability Living Allowance, Personal Independence Payment and "
                "Carer’s Allowance to Scottish claimants until their case transfers.",
                "Continuer de verser la Disability Living Allowance, le Personal Independence "
                "Payment et le Carer’s Allowance aux bénéficiaires écossais jusqu’au transfert "
                "de leur dossier.",
                "Same payment accuracy as in the rest of Great Britain",
                "Même exactitude des paiements que dans le reste de la Grande-Bretagne",
            ),
            R(
                "3.2",
                DWP,
                "dwp.dir-devolution",
                Kind.SERVICE_DELIVERY,
                "Transfer cases to Social Security Scotland in the agreed waves, with no break in "
                "payment.",
                "Transférer les dossiers à la Sécurité sociale écossaise par vagues convenues, "
                "sans interruption des paiements.",
            ),
            R(
                "4.1",
                SCOTGOV,
                "scotgov.dg",
                Kind.FUNDING,
                "Pay DWP the agreed administration costs and benefit expenditure.",
                "Rembourser au ministère du Travail et des Pensions les frais d’administration et "
                "les dépenses de prestations convenus.",
                recurrence=Every.ANNUAL,
                anchor=date(2021, 3, 31),
            ),
            R(
                "4.2",
                SCOTGOV,
                "scotgov.dg",
                Kind.GOVERNANCE,
                "Give DWP twelve months’ notice of any change to benefit rules in Scotland.",
                "Donner au ministère du Travail et des Pensions un préavis de douze mois de tout "
                "changement aux règles des prestations en Écosse.",
            ),
            R(
                "5.1",
                SSS,
                "sss.dir-ops",
                Kind.SERVICE_DELIVERY,
                "Take over each transferred case and contact the client before the first payment.",
                "Reprendre chaque dossier transféré et communiquer avec le client avant le premier "
                "paiement.",
            ),
            R(
                "5.2",
                SSS,
                "sss.ceo",
                Kind.DATA_SHARING,
                "Exchange case data with DWP only through the agreed secure channel.",
                "N’échanger les données des dossiers avec le ministère du Travail et des Pensions "
                "que par le canal sécurisé convenu.",
            ),
            R(
                "6.1",
                DWP,
                "dwp.dir-devolution",
                Kind.REPORTING,
                "Report caseloads, payment accuracy and transfer progress every quarter.",
                "Rendre compte chaque trimestre du nombre de dossiers, de l’exactitude des "
                "paiements et de l’avancement des transferts.",
                recurrence=Every.QUARTERLY,
                anchor=date(2020, 6, 30),
            ),
            R(
                "7.1",
                DWP,
                "dwp.secretary",
                Kind.GOVERNANCE,
                "Co-chair the Joint Ministerial Working Group on Welfare.",
                "Coprésider le Groupe de travail ministériel conjoint sur la protection sociale.",
                recurrence=Every.SEMI_ANNUAL,
                anchor=date(2020, 10, 31),
            ),
        ),
    ),
    A(
        reference="UK-DWP-MCC-2014",
        agreement_type=Type.DATA_SHARING,
        state=State.TERMINATED,
        visibility=RESTRICTED,
        title_en="Housing Benefit Data Sharing Agreement: Manchester City Council",
        title_fr="Accord de partage de données sur l’allocation de logement : Conseil municipal de Manchester",
        summary_en=(
            "Let Manchester City Council see the DWP benefit and earnings data it needs to assess "
            "Housing Benefit and Council Tax Support. Terminated in 2023 and replaced by DWP’s "
            "national memorandum of understanding with local authorities. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Permettait au Conseil municipal de Manchester de consulter les données de "
            "prestations et de revenus du ministère du Travail et des Pensions nécessaires à "
            "l’évaluation de l’allocation de logement et de l’aide à la taxe d’habitation. "
            "Résilié en 2023 et remplacé par le protocole national du ministère avec les "
            "autorités locales. " + ILLUSTRATIVE_FR
        ),
        signed=date(2014, 3, 20),
        effective=date(2014, 4, 1),
        expiry=date(2024, 3, 31),
        ended_on=date(2023, 9, 30),
        end_reason="Terminated by DWP on replacement by the national local authority memorandum.",
        service_areas=("housing-benefit",),
        parties=(
            Pa(DWP, Role.LEAD, "dwp.head-la-partnerships", date(2014, 3, 20)),
            Pa(MCC, Role.PARTY, "mcc.chief-exec", date(2014, 3, 18)),
        ),
        responsibilities=completed(
            R(
                "2.1",
                DWP,
                "dwp.head-la-partnerships",
                Kind.DATA_SHARING,
                "Give named council staff access to the benefit and earnings data needed for "
                "Housing Benefit.",
                "Donner au personnel désigné du conseil l’accès aux données de prestations et de "
                "revenus nécessaires à l’allocation de logement.",
            ),
            R(
                "3.1",
                MCC,
                "mcc.head-revenues",
                Kind.DATA_SHARING,
                "Use the data only for Housing Benefit and Council Tax Support, and vet every "
                "user.",
                "N’utiliser les données que pour l’allocation de logement et l’aide à la taxe "
                "d’habitation, et contrôler chaque utilisateur.",
            ),
            R(
                "3.3",
                MCC,
                "mcc.head-revenues",
                Kind.REPORTING,
                "Submit an annual security compliance statement.",
                "Présenter chaque année une déclaration de conformité en matière de sécurité.",
                recurrence=Every.ANNUAL,
                anchor=date(2015, 3, 31),
            ),
            R(
                "4.1",
                DWP,
                "dwp.dpo",
                Kind.GOVERNANCE,
                "Audit the council’s access logs once a year.",
                "Auditer une fois par année les journaux d’accès du conseil.",
                recurrence=Every.ANNUAL,
                anchor=date(2015, 9, 30),
            ),
        ),
    ),
    A(
        reference="UK-GDS-MCC-2026",
        agreement_type=Type.MOU,
        state=State.REVIEW,
        title_en="Memorandum of Understanding on GOV.UK One Login for Council Services",
        title_fr="Protocole d’entente sur GOV.UK One Login pour les services municipaux",
        summary_en=(
            "Under review: Manchester City Council would let residents sign in to council "
            "services with GOV.UK One Login, reusing identity checks already done for central "
            "government. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "En examen : le Conseil municipal de Manchester permettrait aux résidents de se "
            "connecter à ses services avec GOV.UK One Login, en réutilisant les vérifications "
            "d’identité déjà faites pour l’administration centrale. " + ILLUSTRATIVE_FR
        ),
        service_areas=("digital-identity", "municipal-services"),
        channels=("online",),
        parties=(
            Pa("government-digital-service", Role.LEAD, "gds.dg"),
            Pa(MCC, Role.PARTY, "mcc.chief-exec"),
        ),
        responsibilities=(
            R(
                "2.1",
                "government-digital-service",
                "gds.dir-one-login",
                Kind.SERVICE_DELIVERY,
                "Provide GOV.UK One Login sign-in and identity checks to the council free of "
                "charge during the pilot.",
                "Fournir gratuitement au conseil la connexion et la vérification d’identité "
                "GOV.UK One Login pendant le projet pilote.",
            ),
            R(
                "2.2",
                "government-digital-service",
                "gds.dir-one-login",
                Kind.DATA_SHARING,
                "Share only the identity attributes the council needs, with the user’s consent.",
                "Ne communiquer que les attributs d’identité dont le conseil a besoin, avec le "
                "consentement de l’utilisateur.",
            ),
            R(
                "3.1",
                MCC,
                "mcc.chief-exec",
                Kind.SERVICE_DELIVERY,
                "Connect council tax and housing services to One Login.",
                "Raccorder les services de taxe d’habitation et de logement à One Login.",
                due=date(2027, 9, 30),
            ),
            R(
                "4.1",
                MCC,
                "mcc.head-revenues",
                Kind.REPORTING,
                "Report sign-in volumes and support requests every quarter.",
                "Rendre compte chaque trimestre des volumes de connexion et des demandes "
                "d’assistance.",
                recurrence=Every.QUARTERLY,
                anchor=date(2027, 6, 30),
            ),
        ),
    ),
)

"""Demo agreements of the Government of Canada, British Columbia and Nova Scotia. The LMDA is
based on a real agreement (its obligations are summarised); the others are illustrative."""

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
    Status,
    Type,
    completed,
)

SC = "service-canada"
SNB = "service-new-brunswick"
SBC = "service-bc"
SNS = "service-nova-scotia"
DMA = "ns-municipal-affairs"
MNS = "municipalities-of-nova-scotia"

AGREEMENTS_CANADA: tuple[A, ...] = (
    A(
        reference="CA-NB-LMDA-1996",
        agreement_type=Type.FUNDING,
        state=State.IN_FORCE,
        title_en="Canada–New Brunswick Labour Market Development Agreement",
        title_fr="Entente Canada–Nouveau-Brunswick sur le développement du marché du travail",
        summary_en=(
            "Canada transfers Employment Insurance Part II funds to New Brunswick, which designs "
            "and delivers employment benefits and support measures for unemployed people. Based "
            "on the Canada–New Brunswick LMDA as amended in 2018. " + SUMMARISED_EN
        ),
        summary_fr=(
            "Le Canada transfère au Nouveau-Brunswick des fonds de la partie II de la Loi sur "
            "l’assurance-emploi; la province conçoit et offre des prestations d’emploi et des "
            "mesures de soutien aux personnes sans emploi. Fondée sur l’EDMT Canada–"
            "Nouveau-Brunswick modifiée en 2018. " + SUMMARISED_FR
        ),
        signed=date(1996, 12, 13),
        effective=date(1997, 4, 1),
        next_review=date(2027, 3, 31),
        notice_period_days=365,
        renewal_terms_en="Open-ended; either party may end it with one year’s written notice.",
        renewal_terms_fr=(
            "Durée indéterminée; l’une ou l’autre des parties peut y mettre fin moyennant un "
            "préavis écrit d’un an."
        ),
        service_areas=("employment-insurance", "employment-services"),
        channels=("in-person", "online"),
        governing_body="ca-nb-lmda-committee",
        parties=(
            Pa("nb-petl", Role.LEAD, "petl.minister", date(1996, 12, 13)),
            Pa("esdc", Role.FUNDER, "esdc.minister", date(1996, 12, 13)),
        ),
        responsibilities=(
            R(
                "4.1",
                "esdc",
                "esdc.adm-skills",
                Kind.FUNDING,
                "Pay New Brunswick its annual allocation of Employment Insurance Part II funding, "
                "set by the formula in Annex 2.",
                "Verser au Nouveau-Brunswick son allocation annuelle au titre de la partie II de "
                "l’assurance-emploi, établie selon la formule de l’annexe 2.",
                recurrence=Every.ANNUAL,
                anchor=date(1997, 4, 1),
            ),
            R(
                "5.1",
                "nb-petl",
                "petl.ed-employment",
                Kind.SERVICE_DELIVERY,
                "Deliver employment benefits and support measures (skills training, wage "
                "subsidies, self-employment, employment assistance) to eligible clients.",
                "Offrir aux clients admissibles des prestations d’emploi et des mesures de soutien "
                "(formation professionnelle, subventions salariales, travail indépendant, aide à "
                "l’emploi).",
            ),
            R(
                "5.4",
                "nb-petl",
                "petl.ed-employment",
                Kind.SERVICE_DELIVERY,
                "Offer the services in both official languages throughout the province.",
                "Offrir les services dans les deux langues officielles partout dans la province.",
            ),
            R(
                "6.2",
                "esdc",
                "esdc.dg-fpt",
                Kind.DATA_SHARING,
                "Share the Employment Insurance claimant data needed to identify and refer "
                "eligible clients.",
                "Communiquer les données sur les prestataires de l’assurance-emploi nécessaires "
                "pour repérer et orienter les clients admissibles.",
            ),
            R(
                "7.1",
                "nb-petl",
                "petl.ed-employment",
                Kind.REPORTING,
                "Submit an annual plan setting priorities and expected results before each "
                "fiscal year.",
                "Présenter, avant chaque exercice, un plan annuel établissant les priorités et les "
                "résultats attendus.",
                recurrence=Every.ANNUAL,
                anchor=date(2019, 2, 28),
            ),
            R(
                "7.2",
                "nb-petl",
                "petl.dm",
                Kind.REPORTING,
                "Publish an annual report on results and client outcomes.",
                "Publier un rapport annuel sur les résultats et les retombées pour les clients.",
                recurrence=Every.ANNUAL,
                anchor=date(2019, 7, 31),
            ),
            R(
                "9.1",
                "esdc",
                "esdc.adm-skills",
                Kind.GOVERNANCE,
                "Complete the next joint evaluation with New Brunswick.",
                "Mener à terme la prochaine évaluation conjointe avec le Nouveau-Brunswick.",
                due=date(2027, 3, 31),
            ),
        ),
    ),
    A(
        reference="CA-NB-VE-2016",
        agreement_type=Type.DATA_SHARING,
        state=State.IN_FORCE,
        visibility=RESTRICTED,
        title_en="Vital Events Data Exchange Agreement between Service Canada and Service New Brunswick",
        title_fr=(
            "Entente d’échange de données sur les événements démographiques entre Service Canada "
            "et Services Nouveau-Brunswick"
        ),
        summary_en=(
            "New Brunswick’s Registrar General sends Service Canada birth and death "
            "notifications so that the Social Insurance Register stays accurate and federal "
            "benefits stop when a recipient dies. Restricted: its schedules describe security "
            "controls. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Le registraire général du Nouveau-Brunswick transmet à Service Canada les avis de "
            "naissance et de décès, afin que le Registre d’assurance sociale reste exact et que "
            "les prestations fédérales cessent au décès du bénéficiaire. Diffusion restreinte : "
            "ses annexes décrivent des mesures de sécurité. " + ILLUSTRATIVE_FR
        ),
        signed=date(2016, 8, 18),
        effective=date(2016, 9, 1),
        expiry=date(2031, 8, 31),
        next_review=date(2026, 9, 1),
        service_areas=("vital-statistics", "social-security-data-exchange"),
        governing_body="pssdc",
        relations=(Rel(Relation.IMPLEMENTS, "CA-PSSDC-2015"),),
        parties=(
            Pa(SC, Role.LEAD, "sc.coo", date(2016, 8, 18)),
            Pa(SNB, Role.PARTY, "snb.ceo", date(2016, 8, 10)),
        ),
        responsibilities=(
            R(
                "3.1",
                SNB,
                "snb.registrar-general",
                Kind.DATA_SHARING,
                "Send each registered birth and death to Service Canada within 2 business days of "
                "registration.",
                "Transmettre chaque naissance et chaque décès enregistrés à Service Canada dans "
                "les 2 jours ouvrables suivant l’enregistrement.",
                "95% within 2 business days",
                "95 % en 2 jours ouvrables",
            ),
            R(
                "3.3",
                SNB,
                "snb.registrar-general",
                Kind.DATA_SHARING,
                "Correct or cancel records sent in error within 5 business days of discovery.",
                "Corriger ou annuler les enregistrements transmis par erreur dans les 5 jours "
                "ouvrables suivant leur découverte.",
            ),
            R(
                "4.1",
                SC,
                "sc.dir-vital-events",
                Kind.DATA_SHARING,
                "Use the data only to maintain the Social Insurance Register and administer "
                "federal benefits.",
                "N’utiliser les données que pour tenir le Registre d’assurance sociale et "
                "administrer les prestations fédérales.",
            ),
            R(
                "4.4",
                SC,
                "sc.dir-vital-events",
                Kind.REPORTING,
                "Report matching rates and data-quality issues every year.",
                "Rendre compte chaque année des taux d’appariement et des problèmes de qualité des "
                "données.",
                recurrence=Every.ANNUAL,
                anchor=date(2017, 8, 31),
            ),
            R(
                "6.1",
                SC,
                "sc.coo",
                Kind.GOVERNANCE,
                "Notify New Brunswick of any privacy breach involving the data.",
                "Aviser le Nouveau-Brunswick de toute atteinte à la vie privée touchant les "
                "données.",
                "Notice within 24 hours",
                "Avis dans les 24 heures",
            ),
            R(
                "6.2",
                SNB,
                "snb.vp-corporate",
                Kind.GOVERNANCE,
                "Confirm every year that access controls meet Schedule B.",
                "Confirmer chaque année que les contrôles d’accès respectent l’annexe B.",
                recurrence=Every.ANNUAL,
                anchor=date(2017, 3, 31),
            ),
        ),
    ),
    A(
        reference="CA-PSSDC-2015",
        agreement_type=Type.FRAMEWORK,
        state=State.IN_FORCE,
        title_en="Framework for Integrated Federal–Provincial Service Delivery",
        title_fr="Cadre de prestation intégrée des services fédéraux et provinciaux",
        summary_en=(
            "Service Canada, Service New Brunswick, Service BC and Service Nova Scotia agree on "
            "common principles for integrated service: collect data once, share service "
            "locations, and exchange vital events data under separate implementing agreements. "
            + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Service Canada, Services Nouveau-Brunswick, Service BC et Service Nouvelle-Écosse "
            "conviennent de principes communs de service intégré : recueillir les données une "
            "seule fois, partager des points de service et échanger les données sur les "
            "événements démographiques au moyen d’ententes de mise en œuvre distinctes. "
            + ILLUSTRATIVE_FR
        ),
        signed=date(2015, 6, 10),
        effective=date(2015, 7, 1),
        next_review=date(2025, 7, 1),
        renewal_terms_en="Open-ended; reviewed every ten years by the Council.",
        renewal_terms_fr="Durée indéterminée; examiné tous les dix ans par le Conseil.",
        service_areas=("vital-statistics", "employment-insurance"),
        channels=("in-person", "online", "phone"),
        governing_body="pssdc",
        parties=(
            Pa(SC, Role.LEAD, "sc.coo", date(2015, 6, 10)),
            Pa(SNB, Role.PARTY, "snb.ceo", date(2015, 6, 2)),
            Pa(SBC, Role.PARTY, "sbc.adm", date(2015, 6, 4)),
            Pa(SNS, Role.PARTY, "sns.dm", date(2015, 6, 8)),
        ),
        responsibilities=(
            R(
                "2.1",
                SC,
                "sc.coo",
                Kind.GOVERNANCE,
                "Chair the implementation working group and keep the register of implementing "
                "agreements.",
                "Présider le groupe de travail sur la mise en œuvre et tenir le registre des "
                "ententes de mise en œuvre.",
            ),
            R(
                "3.1",
                SNB,
                "snb.dir-partners",
                Kind.SERVICE_DELIVERY,
                "Identify federal services that can be offered at shared locations in New "
                "Brunswick.",
                "Repérer les services fédéraux qui peuvent être offerts dans des points de service "
                "partagés au Nouveau-Brunswick.",
            ),
            R(
                "3.2",
                SBC,
                "sbc.dir-partnerships",
                Kind.SERVICE_DELIVERY,
                "Identify federal services that can be offered at shared locations in British "
                "Columbia.",
                "Repérer les services fédéraux qui peuvent être offerts dans des points de service "
                "partagés en Colombie-Britannique.",
            ),
            R(
                "3.3",
                SNS,
                "sns.ed-access",
                Kind.SERVICE_DELIVERY,
                "Identify federal services that can be offered at Access Nova Scotia centres.",
                "Repérer les services fédéraux qui peuvent être offerts dans les centres Accès "
                "Nouvelle-Écosse.",
            ),
            R(
                "4.1",
                SC,
                "sc.dir-vital-events",
                Kind.DATA_SHARING,
                "Offer each province a standard vital events data exchange agreement.",
                "Proposer à chaque province une entente type d’échange de données sur les "
                "événements démographiques.",
            ),
            R(
                "5.1",
                SC,
                "sc.coo",
                Kind.REPORTING,
                "Report progress to the Public Sector Service Delivery Council every year.",
                "Rendre compte chaque année des progrès au Conseil sur la prestation des services "
                "du secteur public.",
                recurrence=Every.ANNUAL,
                anchor=date(2016, 6, 30),
            ),
        ),
    ),
    A(
        reference="BC-ICBC-2020-014",
        agreement_type=Type.SERVICE_DELIVERY,
        state=State.IN_FORCE,
        title_en="Driver Licensing Services at Service BC Centres",
        title_fr="Services de permis de conduire dans les centres Service BC",
        summary_en=(
            "In communities without an ICBC driver licensing office, Service BC centres process "
            "driver’s licence renewals, knowledge tests and BC Services Card photos on ICBC’s "
            "behalf. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Dans les collectivités sans bureau de permis de conduire de l’ICBC, les centres "
            "Service BC traitent les renouvellements de permis, les examens théoriques et les "
            "photos de la carte BC Services pour le compte de l’ICBC. " + ILLUSTRATIVE_FR
        ),
        signed=date(2020, 3, 11),
        effective=date(2020, 4, 1),
        expiry=date(2030, 3, 31),
        next_review=date(2027, 4, 1),
        service_areas=("driver-vehicle-services", "digital-identity"),
        channels=("in-person",),
        parties=(
            Pa("icbc", Role.LEAD, "icbc.ceo", date(2020, 3, 9)),
            Pa(SBC, Role.DELIVERY_PARTNER, "sbc.adm", date(2020, 3, 11)),
        ),
        responsibilities=(
            R(
                "2.1",
                SBC,
                "sbc.ed-centres",
                Kind.SERVICE_DELIVERY,
                "Process driver’s licence renewals, replacements and knowledge tests at the 30 "
                "centres listed in Schedule A.",
                "Traiter les renouvellements et remplacements de permis de conduire ainsi que les "
                "examens théoriques dans les 30 centres énumérés à l’annexe A.",
                "Same-day service for 90% of clients",
                "Service le jour même pour 90 % de la clientèle",
            ),
            R(
                "2.3",
                SBC,
                "sbc.ed-centres",
                Kind.SERVICE_DELIVERY,
                "Take BC Services Card photos to ICBC’s image standard.",
                "Prendre les photos de la carte BC Services selon la norme d’image de l’ICBC.",
            ),
            R(
                "3.1",
                "icbc",
                "icbc.vp-licensing",
                Kind.SERVICE_DELIVERY,
                "Train and certify Service BC staff, and supply the equipment and card stock.",
                "Former et accréditer le personnel de Service BC, et fournir l’équipement et les "
                "cartes vierges.",
            ),
            R(
                "3.2",
                "icbc",
                "icbc.vp-licensing",
                Kind.FUNDING,
                "Pay Service BC for each transaction at the rates in Schedule B, every quarter.",
                "Payer Service BC pour chaque transaction aux tarifs de l’annexe B, chaque "
                "trimestre.",
                recurrence=Every.QUARTERLY,
                anchor=date(2020, 6, 30),
            ),
            R(
                "4.1",
                SBC,
                "sbc.dir-partnerships",
                Kind.REPORTING,
                "Report transactions and audit findings every month.",
                "Rendre compte chaque mois des transactions et des constatations d’audit.",
                recurrence=Every.MONTHLY,
                anchor=date(2020, 4, 30),
            ),
        ),
    ),
    A(
        reference="BC-HLTH-2024-002",
        agreement_type=Type.PARTNERSHIP,
        state=State.REVIEW,
        visibility=RESTRICTED,
        title_en="Health Insurance BC Operations Partnership Renewal",
        title_fr="Renouvellement du partenariat pour l’exploitation de Health Insurance BC",
        summary_en=(
            "Under review: renewal of the partnership under which MAXIMUS BC Health operates "
            "Health Insurance BC (Medical Services Plan enrolment, contact centre and claims "
            "support) for the Ministry of Health. Restricted while commercial terms are under "
            "review. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "En examen : renouvellement du partenariat par lequel MAXIMUS BC Health exploite "
            "Health Insurance BC (inscription au Régime de services médicaux, centre d’appels et "
            "soutien aux demandes de règlement) pour le ministère de la Santé. Diffusion "
            "restreinte pendant l’examen des conditions commerciales. " + ILLUSTRATIVE_FR
        ),
        service_areas=("health-insurance", "health-card-registration"),
        channels=("phone", "online", "mail"),
        parties=(
            Pa("bc-health", Role.LEAD, "bch.dm"),
            Pa("maximus-bc-health", Role.PARTY, "maximus.president"),
        ),
        responsibilities=(
            R(
                "3.1",
                "maximus-bc-health",
                "maximus.ops",
                Kind.SERVICE_DELIVERY,
                "Enrol eligible residents in the Medical Services Plan and keep their coverage "
                "up to date.",
                "Inscrire les résidents admissibles au Régime de services médicaux et tenir leur "
                "couverture à jour.",
                "95% of enrolments processed within 21 days",
                "95 % des inscriptions traitées en 21 jours",
            ),
            R(
                "3.2",
                "maximus-bc-health",
                "maximus.ops",
                Kind.SERVICE_DELIVERY,
                "Run the Health Insurance BC contact centre.",
                "Exploiter le centre d’appels de Health Insurance BC.",
                "80% of calls answered within 3 minutes",
                "80 % des appels répondus en moins de 3 minutes",
            ),
            R(
                "3.5",
                "maximus-bc-health",
                "maximus.president",
                Kind.DATA_SHARING,
                "Keep all personal health information in Canada and under the Ministry’s control.",
                "Conserver tous les renseignements personnels sur la santé au Canada et sous le "
                "contrôle du Ministère.",
            ),
            R(
                "4.1",
                "bc-health",
                "bch.ed-msp",
                Kind.GOVERNANCE,
                "Set eligibility policy and decide escalated cases.",
                "Établir les politiques d’admissibilité et trancher les cas transmis à un niveau "
                "supérieur.",
            ),
            R(
                "5.1",
                "bc-health",
                "bch.dm",
                Kind.FUNDING,
                "Pay the monthly service fee, less any performance credits.",
                "Verser les frais de service mensuels, déduction faite des crédits de rendement.",
                recurrence=Every.MONTHLY,
                anchor=date(2027, 4, 30),
            ),
            R(
                "6.1",
                "maximus-bc-health",
                "maximus.president",
                Kind.REPORTING,
                "Report performance against every service level each quarter.",
                "Rendre compte chaque trimestre du rendement par rapport à chaque niveau de "
                "service.",
                recurrence=Every.QUARTERLY,
                anchor=date(2027, 6, 30),
            ),
        ),
    ),
    A(
        reference="BC-VIC-2026-001",
        agreement_type=Type.MOU,
        state=State.APPROVED,
        title_en="Memorandum of Understanding on a Shared Business Licensing Counter in Victoria",
        title_fr="Protocole d’entente sur un comptoir commun de permis d’entreprise à Victoria",
        summary_en=(
            "Approved, awaiting signature: the City of Victoria and Service BC will offer "
            "provincial business registration and municipal business licences at one counter in "
            "the Service BC Victoria centre. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Approuvé, en attente de signature : la Ville de Victoria et Service BC offriront "
            "l’enregistrement provincial des entreprises et les permis municipaux d’entreprise à "
            "un même comptoir du centre Service BC de Victoria. " + ILLUSTRATIVE_FR
        ),
        service_areas=("business-permits", "municipal-services"),
        channels=("in-person", "online"),
        parties=(
            Pa("city-of-victoria", Role.LEAD, "victoria.city-manager"),
            Pa(SBC, Role.PARTY, "sbc.adm"),
        ),
        responsibilities=(
            R(
                "2.1",
                SBC,
                "sbc.ed-centres",
                Kind.SERVICE_DELIVERY,
                "Accept municipal business licence applications and payments at the Victoria "
                "centre.",
                "Recevoir les demandes et les paiements de permis municipaux d’entreprise au "
                "centre de Victoria.",
            ),
            R(
                "2.2",
                "city-of-victoria",
                "victoria.dir-business",
                Kind.SERVICE_DELIVERY,
                "Decide licence applications and notify the applicant directly.",
                "Trancher les demandes de permis et en aviser directement le demandeur.",
                "Decision within 10 business days",
                "Décision dans les 10 jours ouvrables",
            ),
            R(
                "3.1",
                "city-of-victoria",
                "victoria.dir-business",
                Kind.DATA_SHARING,
                "Share municipal licence status with Service BC staff in real time.",
                "Communiquer en temps réel l’état des permis municipaux au personnel de Service "
                "BC.",
            ),
            R(
                "4.1",
                SBC,
                "sbc.dir-partnerships",
                Kind.REPORTING,
                "Report joint counter volumes and client satisfaction every year.",
                "Rendre compte chaque année des volumes du comptoir commun et de la satisfaction "
                "de la clientèle.",
                recurrence=Every.ANNUAL,
                anchor=date(2027, 12, 31),
            ),
        ),
    ),
    A(
        reference="CA-BC-BIZPAL-2009",
        agreement_type=Type.PARTNERSHIP,
        state=State.EXPIRED,
        title_en="BizPaL Partnership Agreement: British Columbia and the City of Vancouver",
        title_fr="Entente de partenariat PerLE : Colombie-Britannique et Ville de Vancouver",
        summary_en=(
            "Extended BizPaL, the online service listing the permits and licences a business "
            "needs from every level of government, to British Columbia and the City of "
            "Vancouver. Expired in 2019. Based on the real BizPaL partnership model. "
            + SUMMARISED_EN
        ),
        summary_fr=(
            "A étendu PerLE, le service en ligne qui recense les permis et licences dont une "
            "entreprise a besoin auprès de tous les ordres de gouvernement, à la "
            "Colombie-Britannique et à la Ville de Vancouver. Échue en 2019. Fondée sur le modèle "
            "réel de partenariat PerLE. " + SUMMARISED_FR
        ),
        signed=date(2009, 5, 20),
        effective=date(2009, 6, 1),
        expiry=date(2019, 3, 31),
        ended_on=date(2019, 3, 31),
        end_reason="Expired at the end of its term.",
        service_areas=("business-permits",),
        channels=("online",),
        parties=(
            Pa("ised", Role.LEAD, "ised.dir-bizpal", date(2009, 5, 20)),
            Pa("bc-citizens-services", Role.PARTY, "citz.dm", date(2009, 5, 12)),
            Pa("city-of-vancouver", Role.PARTY, "vancouver.city-manager", date(2009, 5, 15)),
        ),
        responsibilities=completed(
            R(
                "3.1",
                "ised",
                "ised.dir-bizpal",
                Kind.SERVICE_DELIVERY,
                "Host and maintain the BizPaL platform and its search service.",
                "Héberger et maintenir la plateforme PerLE et son service de recherche.",
            ),
            R(
                "3.2",
                "ised",
                "ised.adm-small-business",
                Kind.FUNDING,
                "Fund platform development and the partner support desk.",
                "Financer le développement de la plateforme et le service de soutien aux "
                "partenaires.",
                recurrence=Every.ANNUAL,
                anchor=date(2010, 3, 31),
            ),
            R(
                "4.1",
                "bc-citizens-services",
                "citz.dm",
                Kind.DATA_SHARING,
                "Describe every provincial business permit and licence in BizPaL and keep the "
                "descriptions current.",
                "Décrire dans PerLE chaque permis et licence d’entreprise provincial et tenir les "
                "descriptions à jour.",
            ),
            R(
                "4.2",
                "city-of-vancouver",
                "vancouver.licence-inspector",
                Kind.DATA_SHARING,
                "Describe every municipal business licence and permit and keep the descriptions "
                "current.",
                "Décrire chaque permis et licence municipal d’entreprise et tenir les descriptions "
                "à jour.",
            ),
            R(
                "5.1",
                "city-of-vancouver",
                "vancouver.licence-inspector",
                Kind.REPORTING,
                "Report usage and updates every year.",
                "Rendre compte chaque année de l’utilisation et des mises à jour.",
                recurrence=Every.ANNUAL,
                anchor=date(2010, 5, 31),
            ),
        ),
    ),
    A(
        reference="NS-DMA-2024-007",
        agreement_type=Type.FUNDING,
        state=State.IN_FORCE,
        title_en="Financial Capacity Grant Agreement: Cape Breton Regional Municipality",
        title_fr=(
            "Entente de subvention pour la capacité financière : Municipalité régionale du "
            "Cap-Breton"
        ),
        summary_en=(
            "The Department of Municipal Affairs pays the Cape Breton Regional Municipality an "
            "annual financial capacity grant under the Provincial–Municipal Service Exchange, in "
            "return for reports on its use and on the municipality’s financial condition. "
            + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Le ministère des Affaires municipales verse à la Municipalité régionale du "
            "Cap-Breton une subvention annuelle pour la capacité financière dans le cadre de "
            "l’échange de services provincial-municipal, en contrepartie de rapports sur son "
            "utilisation et sur la situation financière de la municipalité. " + ILLUSTRATIVE_FR
        ),
        signed=date(2024, 6, 12),
        effective=date(2024, 4, 1),
        expiry=date(2030, 3, 31),
        next_review=date(2027, 4, 1),
        service_areas=("municipal-finance",),
        governing_body="ns-service-exchange-steering",
        relations=(Rel(Relation.IMPLEMENTS, "NS-MUN-2023-SE"),),
        parties=(
            Pa("ns-municipal-relations", Role.FUNDER, "dma.minister", date(2024, 6, 12)),
            Pa("cape-breton-regional-municipality", Role.LEAD, "cbrm.cao", date(2024, 6, 5)),
        ),
        responsibilities=(
            R(
                "3.1",
                "ns-municipal-relations",
                "dma.dm",
                Kind.FUNDING,
                "Pay the annual grant calculated under Schedule A by 31 July.",
                "Verser la subvention annuelle calculée selon l’annexe A au plus tard le "
                "31 juillet.",
                recurrence=Every.ANNUAL,
                anchor=date(2024, 7, 31),
            ),
            R(
                "3.3",
                "ns-municipal-relations",
                "mr.advisor",
                Kind.GOVERNANCE,
                "Assign a municipal advisor and meet the municipality’s staff at least twice a "
                "year.",
                "Désigner un conseiller municipal et rencontrer le personnel de la municipalité "
                "au moins deux fois par année.",
                recurrence=Every.SEMI_ANNUAL,
                anchor=date(2024, 10, 31),
            ),
            R(
                "4.1",
                "cape-breton-regional-municipality",
                "cbrm.cfo",
                Kind.REPORTING,
                "Submit audited financial statements and the Financial Condition Indicators "
                "return by 30 September.",
                "Présenter les états financiers vérifiés et le relevé des indicateurs de situation "
                "financière au plus tard le 30 septembre.",
                recurrence=Every.ANNUAL,
                anchor=date(2024, 9, 30),
            ),
            R(
                "4.2",
                "cape-breton-regional-municipality",
                "cbrm.cfo",
                Kind.REPORTING,
                "Report how the grant was spent in the previous fiscal year.",
                "Rendre compte de l’utilisation de la subvention au cours de l’exercice précédent.",
                recurrence=Every.ANNUAL,
                anchor=date(2025, 5, 31),
            ),
            R(
                "5.1",
                "cape-breton-regional-municipality",
                "cbrm.cao",
                Kind.GOVERNANCE,
                "Adopt a five-year capital plan before the second grant payment.",
                "Adopter un plan d’immobilisations quinquennal avant le deuxième versement de la "
                "subvention.",
                due=date(2025, 7, 31),
                status=Status.COMPLETED,
            ),
        ),
    ),
    A(
        reference="NS-MUN-2016-SE",
        agreement_type=Type.FRAMEWORK,
        state=State.SUPERSEDED,
        title_en="Framework Agreement on the Provincial–Municipal Service Exchange (2016)",
        title_fr="Accord-cadre sur l’échange de services provincial-municipal (2016)",
        summary_en=(
            "The Province and the municipalities’ association agreed to review, service by "
            "service, which order of government delivers and pays for services such as "
            "corrections, housing and roads. Superseded by NS-MUN-2023-SE. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "La Province et l’association des municipalités ont convenu d’examiner, service par "
            "service, quel ordre de gouvernement offre et finance des services comme les services "
            "correctionnels, le logement et les routes. Remplacé par NS-MUN-2023-SE. "
            + ILLUSTRATIVE_FR
        ),
        signed=date(2016, 11, 3),
        effective=date(2016, 11, 3),
        ended_on=date(2023, 3, 31),
        end_reason="Superseded by NS-MUN-2023-SE, which set the outcome of the review.",
        service_areas=("municipal-finance", "municipal-services"),
        governing_body="ns-service-exchange-steering",
        parties=(
            Pa(DMA, Role.LEAD, "dma.minister", date(2016, 11, 3)),
            Pa(MNS, Role.PARTY, "mns.president", date(2016, 11, 1)),
        ),
        responsibilities=completed(
            R(
                "2.1",
                DMA,
                "dma.dm",
                Kind.GOVERNANCE,
                "Lead a joint review of service responsibilities and costs, service by service.",
                "Diriger un examen conjoint des responsabilités et des coûts, service par service.",
            ),
            R(
                "2.2",
                MNS,
                "mns.ceo",
                Kind.GOVERNANCE,
                "Represent municipalities on the steering committee and consult members on each "
                "proposal.",
                "Représenter les municipalités au comité directeur et consulter les membres sur "
                "chaque proposition.",
            ),
            R(
                "3.1",
                DMA,
                "dma.dm",
                Kind.REPORTING,
                "Publish a progress report every year.",
                "Publier chaque année un rapport d’étape.",
                recurrence=Every.ANNUAL,
                anchor=date(2017, 11, 30),
            ),
        ),
    ),
    A(
        reference="NS-MUN-2023-SE",
        agreement_type=Type.FRAMEWORK,
        state=State.IN_FORCE,
        title_en="Framework Agreement on the Provincial–Municipal Service Exchange (2023)",
        title_fr="Accord-cadre sur l’échange de services provincial-municipal (2023)",
        summary_en=(
            "Replaces the 2016 framework: lists the services that moved between the Province and "
            "municipalities, the financial capacity grant that balances the exchange, and how "
            "disputes are settled. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "Remplace le cadre de 2016 : énumère les services transférés entre la Province et les "
            "municipalités, la subvention pour la capacité financière qui équilibre l’échange et "
            "le mode de règlement des différends. " + ILLUSTRATIVE_FR
        ),
        signed=date(2023, 3, 15),
        effective=date(2023, 4, 1),
        expiry=date(2033, 3, 31),
        next_review=date(2028, 4, 1),
        service_areas=("municipal-finance", "municipal-services"),
        governing_body="ns-service-exchange-steering",
        relations=(Rel(Relation.SUPERSEDES, "NS-MUN-2016-SE"),),
        parties=(
            Pa(DMA, Role.LEAD, "dma.minister", date(2023, 3, 15)),
            Pa(MNS, Role.PARTY, "mns.president", date(2023, 3, 10)),
        ),
        responsibilities=(
            R(
                "2.1",
                DMA,
                "dma.dm",
                Kind.FUNDING,
                "Fund the financial capacity grant program at no less than the amount in "
                "Schedule B.",
                "Financer le programme de subventions pour la capacité financière à un niveau au "
                "moins égal au montant de l’annexe B.",
                recurrence=Every.ANNUAL,
                anchor=date(2023, 7, 31),
            ),
            R(
                "2.4",
                DMA,
                "dma.dm",
                Kind.GOVERNANCE,
                "Give municipalities one year’s notice of any change to the services they deliver.",
                "Donner aux municipalités un préavis d’un an de tout changement aux services "
                "qu’elles offrent.",
            ),
            R(
                "3.1",
                MNS,
                "mns.ceo",
                Kind.GOVERNANCE,
                "Consult members and report their positions to the steering committee.",
                "Consulter les membres et faire connaître leurs positions au comité directeur.",
            ),
            R(
                "4.1",
                DMA,
                "dma.minister",
                Kind.GOVERNANCE,
                "Refer unresolved disputes to an independent facilitator within 60 days.",
                "Soumettre les différends non réglés à un facilitateur indépendant dans les "
                "60 jours.",
            ),
            R(
                "5.1",
                DMA,
                "dma.dm",
                Kind.REPORTING,
                "Publish an annual report on the cost of the exchange to each order of government.",
                "Publier un rapport annuel sur le coût de l’échange pour chaque ordre de "
                "gouvernement.",
                recurrence=Every.ANNUAL,
                anchor=date(2023, 11, 30),
            ),
        ),
    ),
    A(
        reference="NS-HRM-2026-003",
        agreement_type=Type.MOU,
        state=State.NEGOTIATION,
        title_en="Memorandum of Understanding on Accessible Parking Permits Online",
        title_fr="Protocole d’entente sur les permis de stationnement accessible en ligne",
        summary_en=(
            "Under negotiation: the Registry of Motor Vehicles and Halifax Regional Municipality "
            "would let residents apply online for accessible parking permits, and let municipal "
            "enforcement check a permit’s validity in real time. " + ILLUSTRATIVE_EN
        ),
        summary_fr=(
            "En négociation : le Registraire des véhicules automobiles et la Municipalité "
            "régionale d’Halifax permettraient de demander en ligne un permis de stationnement "
            "accessible, et aux agents municipaux de vérifier en temps réel la validité d’un "
            "permis. " + ILLUSTRATIVE_FR
        ),
        service_areas=("parking", "driver-vehicle-services"),
        channels=("online", "in-person"),
        parties=(
            Pa("ns-registry-of-motor-vehicles", Role.LEAD, "sns.dm"),
            Pa("halifax-regional-municipality", Role.PARTY, "hrm.cao"),
        ),
        responsibilities=(
            R(
                "2.1",
                "ns-registry-of-motor-vehicles",
                "rmv.registrar",
                Kind.SERVICE_DELIVERY,
                "Accept and decide accessible parking permit applications online.",
                "Recevoir et trancher en ligne les demandes de permis de stationnement accessible.",
                "Decision within 5 business days",
                "Décision dans les 5 jours ouvrables",
            ),
            R(
                "2.2",
                "ns-registry-of-motor-vehicles",
                "rmv.registrar",
                Kind.DATA_SHARING,
                "Give the municipality’s parking enforcement a real-time permit validity check.",
                "Offrir aux agents de stationnement de la municipalité une vérification en temps "
                "réel de la validité des permis.",
            ),
            R(
                "3.1",
                "halifax-regional-municipality",
                "hrm.dir-parking",
                Kind.DATA_SHARING,
                "Use the validity check only for enforcement, and log every query.",
                "N’utiliser la vérification de validité qu’à des fins d’application de la "
                "réglementation, et journaliser chaque interrogation.",
            ),
            R(
                "3.2",
                "halifax-regional-municipality",
                "hrm.dir-parking",
                Kind.REPORTING,
                "Report tickets issued for permit misuse every quarter.",
                "Rendre compte chaque trimestre des contraventions pour usage abusif de permis.",
                recurrence=Every.QUARTERLY,
                anchor=date(2027, 6, 30),
            ),
        ),
    ),
)

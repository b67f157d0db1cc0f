"""Demo reference data: service areas, delivery channels and the governance bodies that oversee
the demo agreements. The bodies are modelled on real ones (the Public Sector Service Delivery
Council and the Joint Ministerial Working Group on Welfare exist); the others are plausible joint
committees of the kind such agreements set up."""

from .schema import DeliveryChannelData, GovernanceBodyData, ServiceAreaData

SERVICE_AREAS: tuple[ServiceAreaData, ...] = (
    ServiceAreaData("vital-statistics", "Vital statistics", "Statistiques de l’état civil"),
    ServiceAreaData(
        "driver-vehicle-services",
        "Driver and vehicle services",
        "Services aux conducteurs et véhicules",
    ),
    ServiceAreaData("property-assessment", "Property assessment", "Évaluation foncière"),
    ServiceAreaData(
        "health-card-registration",
        "Health card registration",
        "Inscription à l’assurance-maladie",
    ),
    ServiceAreaData("employment-insurance", "Employment insurance", "Assurance-emploi"),
    ServiceAreaData(
        "employment-services",
        "Employment and training services",
        "Services d’emploi et de formation",
    ),
    ServiceAreaData(
        "social-security-data-exchange",
        "Social security data exchange",
        "Échange de données de sécurité sociale",
    ),
    ServiceAreaData("municipal-services", "Municipal services", "Services municipaux"),
    ServiceAreaData("municipal-finance", "Municipal finance", "Finances municipales"),
    ServiceAreaData("income-assistance", "Income assistance", "Aide au revenu"),
    ServiceAreaData(
        "business-permits", "Business permits and licences", "Permis et licences d’entreprise"
    ),
    ServiceAreaData(
        "concessions",
        "Concessions and benefit verification",
        "Réductions et vérification des prestations",
    ),
    ServiceAreaData("digital-identity", "Digital identity", "Identité numérique"),
    ServiceAreaData(
        "parking", "Parking and accessible parking", "Stationnement et stationnement accessible"
    ),
    ServiceAreaData(
        "disability-benefits",
        "Disability and carer benefits",
        "Prestations d’invalidité et d’aidant",
    ),
    ServiceAreaData("housing-benefit", "Housing benefit", "Allocation de logement"),
    ServiceAreaData("family-benefits", "Family benefits", "Prestations familiales"),
    ServiceAreaData(
        "family-violence", "Family violence support", "Soutien aux victimes de violence familiale"
    ),
    ServiceAreaData("health-insurance", "Public health insurance", "Assurance maladie publique"),
)

# The same four channels the agreements migration seeds, so a database that has them is unchanged.
DELIVERY_CHANNELS: tuple[DeliveryChannelData, ...] = (
    DeliveryChannelData("online", "Online", "En ligne"),
    DeliveryChannelData("phone", "Phone", "Téléphone"),
    DeliveryChannelData("in-person", "In person", "En personne"),
    DeliveryChannelData("mail", "Mail", "Courrier"),
)

GOVERNANCE_BODIES: tuple[GovernanceBodyData, ...] = (
    GovernanceBodyData(
        "snb-health-jmc",
        "SNB–Health Joint Management Committee",
        "Comité mixte de gestion SNB–Santé",
        "Oversees the Medicare registration services Service New Brunswick delivers for the "
        "Department of Health: service standards, volumes, fees and changes to eligibility rules.",
        "Supervise les services d’inscription à l’assurance-maladie que Services Nouveau-Brunswick "
        "offre pour le ministère de la Santé : normes de service, volumes, frais et changements "
        "aux règles d’admissibilité.",
        chair="nbh.dir-medicare",
        members=("nbh.dir-medicare", "snb.vp-service-delivery", "snb.dir-counter"),
        meeting_frequency="Quarterly",
    ),
    GovernanceBodyData(
        "nb-driver-vehicle-steering",
        "Driver and Vehicle Services Steering Committee",
        "Comité directeur des services aux conducteurs et véhicules",
        "Steers the delivery of driver licensing and vehicle registration through Service New "
        "Brunswick: performance, fraud prevention and system changes.",
        "Oriente la prestation des services de permis de conduire et d’immatriculation par Services "
        "Nouveau-Brunswick : rendement, prévention de la fraude et changements aux systèmes.",
        chair="jps.registrar-mv",
        members=("jps.registrar-mv", "snb.vp-service-delivery", "snb.dir-counter"),
        meeting_frequency="Every two months",
    ),
    GovernanceBodyData(
        "nb-assessment-advisory",
        "Property Assessment Client Advisory Committee",
        "Comité consultatif des clients de l’évaluation foncière",
        "Brings Service New Brunswick and the cities that use its assessment data together on data "
        "quality, delivery dates and the annual assessment calendar.",
        "Réunit Services Nouveau-Brunswick et les villes qui utilisent ses données d’évaluation sur "
        "la qualité des données, les échéances et le calendrier annuel d’évaluation.",
        chair="snb.vp-assessment",
        members=(
            "snb.vp-assessment",
            "fredericton.finance",
            "moncton.finance",
            "saintjohn.finance",
            "elg.dir-local-governance",
        ),
        meeting_frequency="Twice a year",
    ),
    GovernanceBodyData(
        "ca-nb-lmda-committee",
        "Canada–New Brunswick LMDA Joint Committee",
        "Comité mixte Canada–Nouveau-Brunswick de l’EDMT",
        "Reviews the annual plan, results and evaluation of the Labour Market Development Agreement.",
        "Examine le plan annuel, les résultats et l’évaluation de l’Entente sur le développement "
        "du marché du travail.",
        chair="esdc.adm-skills",
        members=("esdc.adm-skills", "esdc.dg-fpt", "petl.ed-employment", "petl.dm"),
        meeting_frequency="Twice a year",
    ),
    GovernanceBodyData(
        "pssdc",
        "Public Sector Service Delivery Council",
        "Conseil sur la prestation des services du secteur public",
        "Federal, provincial and territorial heads of service delivery, who coordinate integrated "
        "service and the exchange of vital events information across jurisdictions.",
        "Responsables fédéraux, provinciaux et territoriaux de la prestation des services, qui "
        "coordonnent les services intégrés et l’échange de renseignements sur les événements "
        "démographiques entre les administrations.",
        chair="sc.coo",
        members=("sc.coo", "snb.ceo", "sbc.adm", "sns.dm"),
        meeting_frequency="Three times a year",
    ),
    GovernanceBodyData(
        "ns-service-exchange-steering",
        "Provincial–Municipal Service Exchange Steering Committee",
        "Comité directeur de l’échange de services provincial-municipal",
        "Decides which services move between the Province and municipalities, and follows the "
        "funding that goes with them.",
        "Décide quels services passent de la Province aux municipalités ou l’inverse, et suit le "
        "financement qui les accompagne.",
        chair="dma.dm",
        members=("dma.dm", "mr.ed", "mns.ceo", "mns.president"),
        meeting_frequency="Quarterly",
    ),
    GovernanceBodyData(
        "au-bilateral-governance",
        "DSS–Services Australia Bilateral Governance Committee",
        "Comité de gouvernance bilatéral DSS–Services Australia",
        "Oversees the delivery of social security payments by Services Australia on behalf of the "
        "Department of Social Services: performance, policy changes and risk.",
        "Supervise le versement des prestations de sécurité sociale par Services Australia pour le "
        "Département des Services sociaux : rendement, changements de politique et risques.",
        chair="dss.deputy-secretary",
        members=("dss.deputy-secretary", "sa.deputy-ceo", "centrelink.gm"),
        meeting_frequency="Monthly",
    ),
    GovernanceBodyData(
        "be-integrators-committee",
        "Committee of Service Integrators",
        "Comité des intégrateurs de services",
        "The federal and regional service integrators coordinate the exchange of authentic data "
        "between administrations, so citizens give their data only once.",
        "Les intégrateurs de services fédéral et régionaux coordonnent l’échange de données "
        "authentiques entre administrations, afin que le citoyen ne fournisse ses données qu’une "
        "seule fois.",
        chair="bosa.dg-digital",
        members=("bosa.dg-digital", "cbss.dir-network", "dv.head", "paradigm.dg"),
        meeting_frequency="Monthly",
    ),
    GovernanceBodyData(
        "dk-digital-steering",
        "Steering Committee for Joint Public Digitalisation",
        "Comité de pilotage de la numérisation publique commune",
        "State, regions and municipalities steer the joint public digitalisation strategy and its "
        "shared components (digital post, MitID, borger.dk).",
        "L’État, les régions et les municipalités pilotent la stratégie commune de numérisation "
        "publique et ses composantes partagées (courrier numérique, MitID, borger.dk).",
        chair="digst.dg",
        members=("digst.dg", "kl.dir-digital", "dr.ceo", "udk.director"),
        meeting_frequency="Quarterly",
    ),
    GovernanceBodyData(
        "uk-jmwgw",
        "Joint Ministerial Working Group on Welfare",
        "Groupe de travail ministériel conjoint sur la protection sociale",
        "UK and Scottish ministers oversee the safe transfer of devolved benefits from the "
        "Department for Work and Pensions to Social Security Scotland.",
        "Les ministres britanniques et écossais supervisent le transfert sûr des prestations "
        "dévolues du ministère du Travail et des Pensions à la Sécurité sociale écossaise.",
        chair="dwp.secretary",
        members=("dwp.secretary", "scotgov.cabsec", "dwp.dir-devolution", "sss.ceo"),
        meeting_frequency="Twice a year",
    ),
)

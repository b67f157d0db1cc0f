"""The vocabulary scale data is written from: governments, bodies, services and the sentences
agreements use, in English and French. Plausible, not real agreements (see benchmarks.scale)."""

# (slug, English, French, level, parent slug, ISO 3166 code, reference prefix)
JURISDICTIONS = (
    ("canada", "Canada", "Canada", "national", None, "CA", "CA"),
    ("new-brunswick", "New Brunswick", "Nouveau-Brunswick", "provincial", "canada", "CA-NB", "NB"),
    ("nova-scotia", "Nova Scotia", "Nouvelle-Écosse", "provincial", "canada", "CA-NS", "NS"),
    (
        "prince-edward-island",
        "Prince Edward Island",
        "Île-du-Prince-Édouard",
        "provincial",
        "canada",
        "CA-PE",
        "PE",
    ),
    (
        "newfoundland-and-labrador",
        "Newfoundland and Labrador",
        "Terre-Neuve-et-Labrador",
        "provincial",
        "canada",
        "CA-NL",
        "NL",
    ),
    ("quebec", "Quebec", "Québec", "provincial", "canada", "CA-QC", "QC"),
    ("ontario", "Ontario", "Ontario", "provincial", "canada", "CA-ON", "ON"),
    ("manitoba", "Manitoba", "Manitoba", "provincial", "canada", "CA-MB", "MB"),
    ("saskatchewan", "Saskatchewan", "Saskatchewan", "provincial", "canada", "CA-SK", "SK"),
    ("alberta", "Alberta", "Alberta", "provincial", "canada", "CA-AB", "AB"),
    (
        "british-columbia",
        "British Columbia",
        "Colombie-Britannique",
        "provincial",
        "canada",
        "CA-BC",
        "BC",
    ),
    ("yukon", "Yukon", "Yukon", "territorial", "canada", "CA-YT", "YT"),
    (
        "northwest-territories",
        "Northwest Territories",
        "Territoires du Nord-Ouest",
        "territorial",
        "canada",
        "CA-NT",
        "NT",
    ),
    ("nunavut", "Nunavut", "Nunavut", "territorial", "canada", "CA-NU", "NU"),
    ("australia", "Australia", "Australie", "national", None, "AU", "AU"),
    (
        "new-south-wales",
        "New South Wales",
        "Nouvelle-Galles du Sud",
        "state",
        "australia",
        "AU-NSW",
        "NSW",
    ),
    ("victoria", "Victoria", "Victoria", "state", "australia", "AU-VIC", "VIC"),
    ("queensland", "Queensland", "Queensland", "state", "australia", "AU-QLD", "QLD"),
    (
        "western-australia",
        "Western Australia",
        "Australie-Occidentale",
        "state",
        "australia",
        "AU-WA",
        "WA",
    ),
    ("belgium", "Belgium", "Belgique", "national", None, "BE", "BE"),
    ("flanders", "Flanders", "Flandre", "regional", "belgium", "BE-VLG", "VLG"),
    ("wallonia", "Wallonia", "Wallonie", "regional", "belgium", "BE-WAL", "WAL"),
    (
        "brussels-capital",
        "Brussels-Capital Region",
        "Région de Bruxelles-Capitale",
        "regional",
        "belgium",
        "BE-BRU",
        "BRU",
    ),
    ("denmark", "Denmark", "Danemark", "national", None, "DK", "DK"),
    (
        "capital-region-denmark",
        "Capital Region of Denmark",
        "Région de la capitale du Danemark",
        "regional",
        "denmark",
        "DK-84",
        "DKH",
    ),
    (
        "central-denmark",
        "Central Denmark Region",
        "Région du Jutland-Central",
        "regional",
        "denmark",
        "DK-82",
        "DKM",
    ),
)

# (slug, English, French, province slug): each a municipal government of its own.
MUNICIPALITIES = (
    ("moncton", "City of Moncton", "Ville de Moncton", "new-brunswick"),
    ("saint-john", "City of Saint John", "Ville de Saint John", "new-brunswick"),
    ("fredericton", "City of Fredericton", "Ville de Fredericton", "new-brunswick"),
    ("dieppe", "City of Dieppe", "Ville de Dieppe", "new-brunswick"),
    ("bathurst", "City of Bathurst", "Ville de Bathurst", "new-brunswick"),
    ("edmundston", "City of Edmundston", "Ville d’Edmundston", "new-brunswick"),
    ("miramichi", "City of Miramichi", "Ville de Miramichi", "new-brunswick"),
    ("halifax", "Halifax Regional Municipality", "Municipalité régionale d’Halifax", "nova-scotia"),
    ("montreal", "City of Montréal", "Ville de Montréal", "quebec"),
    ("quebec-city", "Québec City", "Ville de Québec", "quebec"),
    ("toronto", "City of Toronto", "Ville de Toronto", "ontario"),
    ("ottawa", "City of Ottawa", "Ville d’Ottawa", "ontario"),
    ("winnipeg", "City of Winnipeg", "Ville de Winnipeg", "manitoba"),
    ("calgary", "City of Calgary", "Ville de Calgary", "alberta"),
    ("vancouver", "City of Vancouver", "Ville de Vancouver", "british-columbia"),
    ("aarhus", "Aarhus Municipality", "Municipalité d’Aarhus", "central-denmark"),
    ("copenhagen", "City of Copenhagen", "Ville de Copenhague", "capital-region-denmark"),
)

# Every province, state or region has a department for each portfolio:
# (English, French, minister in English, minister in French).
PORTFOLIOS = (
    ("Department of Health", "Ministère de la Santé", "Minister of Health", "Ministre de la Santé"),
    (
        "Department of Justice and Public Safety",
        "Ministère de la Justice et de la Sécurité publique",
        "Minister of Justice and Public Safety",
        "Ministre de la Justice et de la Sécurité publique",
    ),
    (
        "Department of Finance",
        "Ministère des Finances",
        "Minister of Finance",
        "Ministre des Finances",
    ),
    (
        "Department of Social Development",
        "Ministère du Développement social",
        "Minister of Social Development",
        "Ministre du Développement social",
    ),
    (
        "Department of Transportation",
        "Ministère des Transports",
        "Minister of Transportation",
        "Ministre des Transports",
    ),
    (
        "Department of Natural Resources",
        "Ministère des Ressources naturelles",
        "Minister of Natural Resources",
        "Ministre des Ressources naturelles",
    ),
    (
        "Department of Post-Secondary Education, Training and Labour",
        "Ministère de l’Éducation postsecondaire, de la Formation et du Travail",
        "Minister of Post-Secondary Education, Training and Labour",
        "Ministre de l’Éducation postsecondaire, de la Formation et du Travail",
    ),
    (
        "Department of Environment and Local Government",
        "Ministère de l’Environnement et des Gouvernements locaux",
        "Minister of Environment and Local Government",
        "Ministre de l’Environnement et des Gouvernements locaux",
    ),
)

# Service-delivery bodies by jurisdiction: (English, French, acronym).
SERVICE_BODIES = {
    "canada": ("Service Canada", "Service Canada", "SC"),
    "new-brunswick": ("Service New Brunswick", "Services Nouveau-Brunswick", "SNB"),
    "nova-scotia": ("Access Nova Scotia", "Accès Nouvelle-Écosse", "ANS"),
    "quebec": ("Services Québec", "Services Québec", "SQ"),
    "ontario": ("ServiceOntario", "ServiceOntario", "SO"),
    "alberta": ("Service Alberta", "Service Alberta", "SAB"),
    "british-columbia": ("Service BC", "Service BC", "SBC"),
    "australia": ("Services Australia", "Services Australia", "SA"),
    "new-south-wales": ("Service NSW", "Service NSW", "SNSW"),
    "victoria": ("Service Victoria", "Service Victoria", "SVIC"),
    "belgium": (
        "Crossroads Bank for Social Security",
        "Banque Carrefour de la sécurité sociale",
        "CBSS",
    ),
    "denmark": ("Agency for Digital Government", "Agence pour le gouvernement numérique", "ADG"),
}

# Offices every body has besides its minister: (English, French).
OFFICES = (
    ("Deputy Minister", "Sous-ministre"),
    ("Director, Intergovernmental Affairs", "Directeur, Affaires intergouvernementales"),
    ("Director, Service Delivery", "Directrice, Prestation des services"),
)

# (slug, English name, French name, what is delivered in English, in French)
SERVICES = (
    (
        "vital-statistics",
        "Vital statistics",
        "Statistiques de l’état civil",
        "birth, marriage and death certificates",
        "certificats de naissance, de mariage et de décès",
    ),
    (
        "driver-vehicle-services",
        "Driver and vehicle services",
        "Services aux conducteurs et véhicules",
        "driver’s licences and vehicle registrations",
        "permis de conduire et immatriculations de véhicules",
    ),
    (
        "health-card-registration",
        "Health card registration",
        "Inscription à l’assurance-maladie",
        "health card applications and renewals",
        "demandes et renouvellements de cartes d’assurance-maladie",
    ),
    (
        "property-assessment",
        "Property assessment",
        "Évaluation foncière",
        "property assessment notices and appeals",
        "avis d’évaluation foncière et appels",
    ),
    (
        "business-registration",
        "Business registration",
        "Enregistrement des entreprises",
        "business name registrations",
        "enregistrements de noms commerciaux",
    ),
    (
        "hunting-fishing-licences",
        "Hunting and fishing licences",
        "Permis de chasse et de pêche",
        "hunting and fishing licences",
        "permis de chasse et de pêche",
    ),
    ("passports", "Passports", "Passeports", "passport applications", "demandes de passeport"),
    (
        "employment-insurance",
        "Employment insurance",
        "Assurance-emploi",
        "employment insurance claims",
        "demandes d’assurance-emploi",
    ),
    (
        "income-assistance",
        "Income assistance",
        "Aide au revenu",
        "income assistance applications",
        "demandes d’aide au revenu",
    ),
    (
        "student-financial-assistance",
        "Student financial assistance",
        "Aide financière aux étudiants",
        "student loan and grant applications",
        "demandes de prêts et bourses d’études",
    ),
    (
        "municipal-services",
        "Municipal services",
        "Services municipaux",
        "property tax and water bill payments",
        "paiements de taxes foncières et de factures d’eau",
    ),
    (
        "land-registry",
        "Land registry",
        "Enregistrement foncier",
        "land title searches and registrations",
        "recherches et enregistrements de titres fonciers",
    ),
    (
        "pensions",
        "Public pensions",
        "Pensions publiques",
        "pension applications",
        "demandes de pension",
    ),
    (
        "newcomer-settlement",
        "Newcomer settlement",
        "Établissement des nouveaux arrivants",
        "settlement service referrals",
        "aiguillages vers les services d’établissement",
    ),
    (
        "child-benefits",
        "Child and family benefits",
        "Prestations pour enfants et familles",
        "child benefit applications",
        "demandes de prestations pour enfants",
    ),
    (
        "court-fines",
        "Court fines",
        "Amendes judiciaires",
        "court fine payments",
        "paiements d’amendes",
    ),
)

# Titles by agreement type: (English, French), with {service}, {lead}, {other}, {place}.
TITLES = {
    "service_delivery": (
        "{service} service delivery agreement between {lead} and {other}",
        "Entente de prestation de services – {service} entre {lead} et {other}",
    ),
    "mou": (
        "Memorandum of understanding on {service} between {lead} and {other}",
        "Protocole d’entente sur {service} entre {lead} et {other}",
    ),
    "framework": (
        "{place} framework agreement on {service}",
        "Accord-cadre sur {service} – {place}",
    ),
    "funding": (
        "Funding agreement for {service} delivered by {lead}",
        "Accord de financement – {service} offerts par {lead}",
    ),
    "data_sharing": (
        "Data-sharing agreement on {service} between {lead} and {other}",
        "Entente d’échange de données sur {service} entre {lead} et {other}",
    ),
    "partnership": (
        "{lead} and {other} partnership for {service}",
        "Partenariat entre {lead} et {other} – {service}",
    ),
}

SUMMARY = (
    "{lead} delivers {what} on behalf of {other} online, by phone and at its service centres. "
    "The agreement sets service standards, fees, reporting and the protection of personal "
    "information.",
    "{lead} offre les {what} au nom de {other} en ligne, par téléphone et dans ses centres de "
    "service. L’entente fixe les normes de service, les frais, les rapports et la protection des "
    "renseignements personnels.",
)

# Obligations: (kind, English, French, service standard in English, in French). {org} carries
# the obligation, {other} is the other party, {what} the service, {days} and {fee} numbers.
OBLIGATIONS = (
    (
        "service_delivery",
        "{org} will accept and process {what} at its service centres and online.",
        "{org} accepte et traite les {what} dans ses centres de service et en ligne.",
        "90% processed within {days} business days",
        "90 % traitées en {days} jours ouvrables",
    ),
    (
        "service_delivery",
        "{org} will offer {what} in both official languages, with accessible formats on request.",
        "{org} offre les {what} dans les deux langues officielles, en formats accessibles sur "
        "demande.",
        "",
        "",
    ),
    (
        "reporting",
        "{org} will report quarterly to {other} on volumes, wait times and complaints.",
        "{org} présente chaque trimestre à {other} un rapport sur les volumes, les délais "
        "d’attente et les plaintes.",
        "Report within 30 days of quarter end",
        "Rapport dans les 30 jours suivant la fin du trimestre",
    ),
    (
        "funding",
        "{other} will pay {org} a fee of {fee} dollars per transaction, invoiced monthly.",
        "{other} verse à {org} des frais de {fee} dollars par transaction, facturés mensuellement.",
        "Invoices paid within 30 days",
        "Factures payées en 30 jours",
    ),
    (
        "data_sharing",
        "{other} will share eligibility data with {org} through a secure electronic exchange.",
        "{other} communique à {org} les données d’admissibilité par un échange électronique "
        "sécurisé.",
        "",
        "",
    ),
    (
        "data_sharing",
        "Both parties will protect personal information under privacy legislation and report "
        "any breach within 24 hours.",
        "Les parties protègent les renseignements personnels conformément aux lois sur la "
        "protection de la vie privée et signalent toute atteinte dans les 24 heures.",
        "Breaches reported within 24 hours",
        "Atteintes signalées dans les 24 heures",
    ),
    (
        "governance",
        "The joint committee will review service standards each year and recommend changes.",
        "Le comité mixte examine les normes de service chaque année et recommande des "
        "modifications.",
        "",
        "",
    ),
    (
        "service_delivery",
        "{other} will train front-line staff of {org} on {what} and keep procedures current.",
        "{other} forme le personnel de première ligne de {org} sur les {what} et tient les "
        "procédures à jour.",
        "",
        "",
    ),
    (
        "reporting",
        "{org} will keep a record of every transaction for seven years, open to audit by {other}.",
        "{org} conserve un dossier de chaque transaction pendant sept ans, que {other} peut "
        "vérifier.",
        "",
        "",
    ),
)

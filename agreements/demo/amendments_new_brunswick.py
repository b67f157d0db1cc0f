"""Demo amendments to New Brunswick agreements: the 2019 Medicare services agreement
(SNB-2019-001) amended twice, so the public site shows versions 1 to 3 and what each changed.
Their terms are illustrative, like the agreements'.

(SNB-2024-002 shows the other way registries record an amendment: as an agreement of its own that
"amends" the original. Both exist in practice.)"""

from datetime import date

from .schema import AmendmentData as Am
from .schema import PartyData as Pa
from .schema import ResponsibilityData as R
from .vocabulary import Every, Kind, Role

SNB = "service-new-brunswick"
HEALTH = "nb-health"
SOCIAL_DEVELOPMENT = "nb-social-development"

AMENDMENTS_NEW_BRUNSWICK: tuple[Am, ...] = (
    Am(
        agreement="SNB-2019-001",
        number=1,
        title_en="Video registration for newcomers and quarterly results by channel",
        title_fr=(
            "Inscription par vidéo des nouveaux arrivants et résultats trimestriels par mode de "
            "prestation"
        ),
        purpose_en=(
            "Lets newcomers to the province register for Medicare by video appointment, makes "
            "the Vice-President, Service Delivery accountable for service in both official "
            "languages, and asks for the quarterly results by channel."
        ),
        purpose_fr=(
            "Permet aux nouveaux arrivants dans la province de s’inscrire à l’assurance-maladie "
            "par rendez-vous vidéo, confie à la vice-présidence, Prestation des services, la "
            "responsabilité du service dans les deux langues officielles, et demande les "
            "résultats trimestriels par mode de prestation."
        ),
        signed=date(2021, 3, 10),
        effective=date(2021, 4, 1),
        responsibilities=(
            # Same obligation, now owned one level up.
            R(
                "3.3",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Serve clients in the official language of their choice at every service centre.",
                "Servir la clientèle dans la langue officielle de son choix dans chaque centre de "
                "service.",
                "Active offer in both languages at 100% of centres",
                "Offre active dans les deux langues dans 100 % des centres",
            ),
            R(
                "3.4",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Register newcomers to the province for Medicare by video appointment, checking "
                "their documents online.",
                "Inscrire à l’assurance-maladie les nouveaux arrivants dans la province par "
                "rendez-vous vidéo, en vérifiant leurs documents en ligne.",
                "Appointment offered within 5 business days",
                "Rendez-vous offert dans les 5 jours ouvrables",
            ),
            # Reworded: the quarterly report now breaks results down by channel.
            R(
                "5.1",
                SNB,
                "snb.vp-corporate",
                Kind.REPORTING,
                "Report volumes, wait times and service-standard results each quarter, by channel "
                "(in person, phone, online, video).",
                "Rendre compte chaque trimestre des volumes, des temps d’attente et des résultats "
                "par rapport aux normes de service, par mode de prestation (en personne, "
                "téléphone, en ligne, vidéo).",
                recurrence=Every.QUARTERLY,
                anchor=date(2019, 6, 30),
            ),
        ),
    ),
    Am(
        agreement="SNB-2019-001",
        number=2,
        title_en="Medicare cards for income-assistance clients without a fixed address",
        title_fr=(
            "Cartes d’assurance-maladie pour les prestataires d’aide au revenu sans adresse fixe"
        ),
        purpose_en=(
            "Brings the Department of Social Development in as a party, so that income-assistance "
            "clients without a fixed address can get a Medicare card on its confirmation, and "
            "has the Department of Health decide the cases it refers."
        ),
        purpose_fr=(
            "Fait du ministère du Développement social une partie à l’entente, afin que les "
            "prestataires d’aide au revenu sans adresse fixe puissent obtenir une carte "
            "d’assurance-maladie sur sa confirmation, et confie au ministère de la Santé les cas "
            "qu’il lui renvoie."
        ),
        signed=date(2023, 9, 13),
        effective=date(2023, 10, 1),
        parties=(Pa(SOCIAL_DEVELOPMENT, Role.PARTY, "nbsd.dm"),),
        responsibilities=(
            R(
                "4.1",
                HEALTH,
                "nbh.dir-medicare",
                Kind.SERVICE_DELIVERY,
                "Decide eligibility in the cases Service New Brunswick or the Department of "
                "Social Development refers to the Department.",
                "Trancher l’admissibilité dans les cas que Services Nouveau-Brunswick ou le "
                "ministère du Développement social renvoie au Ministère.",
                "Decision within 20 business days",
                "Décision dans les 20 jours ouvrables",
            ),
            R(
                "4.4",
                SOCIAL_DEVELOPMENT,
                "nbsd.ed-income",
                Kind.DATA_SHARING,
                "Confirm to Service New Brunswick the identity and residence of income-assistance "
                "clients without a fixed address who apply for a Medicare card.",
                "Confirmer à Services Nouveau-Brunswick l’identité et la résidence des prestataires "
                "d’aide au revenu sans adresse fixe qui demandent une carte d’assurance-maladie.",
                "Confirmation within 2 business days",
                "Confirmation dans les 2 jours ouvrables",
            ),
        ),
    ),
)

"""Demo amendments to New Brunswick agreements: SNB-2021-004 (driver licensing and vehicle
registration) amended twice, so the public site shows versions 1 to 3 and what each changed.
Their terms are illustrative, like the agreements'."""

from datetime import date

from .schema import AmendmentData as Am
from .schema import PartyData as Pa
from .schema import ResponsibilityData as R
from .vocabulary import Every, Kind, Role

SNB = "service-new-brunswick"
HEALTH = "nb-health"
JPS = "nb-justice-public-safety"

AMENDMENTS_NEW_BRUNSWICK: tuple[Am, ...] = (
    Am(
        agreement="SNB-2021-004",
        number=1,
        title_en="Online renewals and knowledge testing at the counter",
        title_fr="Renouvellements en ligne et examens théoriques au comptoir",
        purpose_en=(
            "Adds online renewal of licences, identification cards and registrations, moves "
            "knowledge and vision testing under Counter Services, and asks for the monthly "
            "figures by channel."
        ),
        purpose_fr=(
            "Ajoute le renouvellement en ligne des permis, des cartes d’identité et des "
            "immatriculations, confie les examens théoriques et de la vue aux Services au "
            "comptoir, et demande les chiffres mensuels par mode de prestation."
        ),
        signed=date(2022, 9, 21),
        effective=date(2022, 10, 1),
        responsibilities=(
            # Same obligation, new accountable position.
            R(
                "2.5",
                SNB,
                "snb.dir-counter",
                Kind.SERVICE_DELIVERY,
                "Administer knowledge and vision tests at the designated centres.",
                "Faire passer les examens théoriques et de la vue dans les centres désignés.",
            ),
            R(
                "2.6",
                SNB,
                "snb.vp-service-delivery",
                Kind.SERVICE_DELIVERY,
                "Offer online renewal of driver’s licences, photo identification cards and "
                "vehicle registrations, with the same identity checks as at the counter.",
                "Offrir le renouvellement en ligne des permis de conduire, des cartes d’identité "
                "avec photo et des immatriculations de véhicules, avec les mêmes vérifications "
                "d’identité qu’au comptoir.",
                "Online service available 99.5% of the time outside scheduled maintenance",
                "Service en ligne disponible 99,5 % du temps en dehors de l’entretien planifié",
            ),
            # Reworded: the monthly report now breaks transactions down by channel.
            R(
                "4.1",
                SNB,
                "snb.vp-corporate",
                Kind.REPORTING,
                "Report transactions by channel (counter, online, mail), fees collected and fraud "
                "incidents each month.",
                "Rendre compte chaque mois des transactions par mode de prestation (comptoir, en "
                "ligne, courrier), des droits perçus et des incidents de fraude.",
                recurrence=Every.MONTHLY,
                anchor=date(2021, 4, 30),
            ),
        ),
    ),
    Am(
        agreement="SNB-2021-004",
        number=2,
        title_en="Medical fitness-to-drive reports from the Department of Health",
        title_fr="Déclarations d’aptitude médicale à conduire du ministère de la Santé",
        purpose_en=(
            "Brings the Department of Health in as a party, so that physicians’ reports reach "
            "the Registrar of Motor Vehicles within days and medical reviews rest on them."
        ),
        purpose_fr=(
            "Fait du ministère de la Santé une partie à l’entente, afin que les déclarations des "
            "médecins parviennent en quelques jours au registraire des véhicules à moteur et que "
            "les examens médicaux s’appuient sur elles."
        ),
        signed=date(2024, 9, 18),
        effective=date(2024, 10, 1),
        parties=(Pa(HEALTH, Role.PARTY, "nbh.dm"),),
        responsibilities=(
            R(
                "3.1",
                JPS,
                "jps.registrar-mv",
                Kind.GOVERNANCE,
                "Set licensing policy and decide suspensions and reinstatements; decide medical "
                "reviews on the reports received from the Department of Health.",
                "Établir les politiques de délivrance des permis et trancher les suspensions et "
                "les rétablissements; trancher les examens médicaux sur la foi des déclarations "
                "reçues du ministère de la Santé.",
            ),
            R(
                "3.5",
                HEALTH,
                "nbh.dir-medicare",
                Kind.DATA_SHARING,
                "Forward to the Registrar of Motor Vehicles the physicians’ reports of conditions "
                "that may affect a person’s fitness to drive.",
                "Transmettre au registraire des véhicules à moteur les déclarations des médecins "
                "sur les problèmes de santé pouvant nuire à l’aptitude à conduire.",
                "Within 5 business days of receipt",
                "Dans les 5 jours ouvrables suivant la réception",
            ),
        ),
    ),
)

"""A recurrence reads as one sentence per rule in each language, from the same rule and anchor:
"Every year on 30 April, from 2021" and "Chaque année le 30 avril, à compter de 2021", with
each language's own way of writing dates ("1 July" / "1er juillet")."""

import datetime

import pytest

from agreements.recurrence import Recurrence, describe

D = datetime.date

READINGS = [
    (
        Recurrence.ANNUAL,
        D(2021, 4, 30),
        None,
        "Every year on 30 April, from 2021",
        "Chaque année le 30 avril, à compter de 2021",
    ),
    (
        Recurrence.QUARTERLY,
        D(2021, 6, 30),
        None,
        "Every quarter, from 30 June 2021",
        "Chaque trimestre, à compter du 30 juin 2021",
    ),
    (
        Recurrence.SEMI_ANNUAL,
        D(2021, 7, 1),
        None,
        "Every six months, from 1 July 2021",
        "Tous les six mois, à compter du 1er juillet 2021",
    ),
    (
        Recurrence.MONTHLY,
        D(2021, 1, 1),
        None,
        "Every month on the 1st, from 1 January 2021",
        "Chaque mois le 1er, à compter du 1er janvier 2021",
    ),
    (
        Recurrence.MONTHLY,
        D(2021, 1, 22),
        None,
        "Every month on the 22nd, from 22 January 2021",
        "Chaque mois le 22, à compter du 22 janvier 2021",
    ),
    (
        Recurrence.MONTHLY,
        D(2021, 4, 13),
        None,
        "Every month on the 13th, from 13 April 2021",
        "Chaque mois le 13, à compter du 13 avril 2021",
    ),
    (
        Recurrence.MONTHLY,
        D(2021, 1, 31),
        None,
        "On the last day of every month, from 31 January 2021",
        "Le dernier jour de chaque mois, à compter du 31 janvier 2021",
    ),
    (
        Recurrence.NONE,
        None,
        D(2022, 8, 1),
        "Once, on 1 August 2022",
        "Une fois, le 1er août 2022",
    ),
]


@pytest.mark.parametrize(("rule", "anchor", "due_date", "english", "french"), READINGS)
def test_rule_reads_in_each_language_when_described(rule, anchor, due_date, english, french):
    values = {"recurrence": rule, "anchor": anchor, "due_date": due_date}
    assert describe(**values, language="en") == english
    assert describe(**values, language="fr") == french


def test_nothing_to_read_when_rule_has_no_date():
    assert describe(recurrence=Recurrence.QUARTERLY, anchor=None, due_date=None) == ""
    assert describe(recurrence=Recurrence.NONE, anchor=None, due_date=None) == ""

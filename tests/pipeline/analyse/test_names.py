"""New-entity candidates: capitalised phrases the gazetteer lacks, without the usual noise."""

from __future__ import annotations

import pytest

from cms.pipeline.analyse.gazetteer import Gazetteer, fold
from cms.pipeline.analyse.names import new_names
from cms.pipeline.analyse.types import Name
from tests.pipeline.analyse.seeds import NAMES, blocked, document, gazetteer

KAZAKHSTAN = Name("k", "Kazakhstan")


def names_in(
    text: str, known: tuple[Name, ...] = (KAZAKHSTAN,), block: frozenset[str] = frozenset()
) -> list[str]:
    table = Gazetteer(known)
    aliases = [a for n in known for a in n.all_names]
    return [c.name for c in new_names(text, table.matches(text), aliases, block)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kazakhs voted. Kazakhstan is large.", []),
        ("Kazakhs and Russians live in Kazakhstan, said Marat Abenov.", ["Marat Abenov"]),
        (
            "Talks began on Monday in Berlin. In November the Bundestag voted.",
            ["Berlin", "Bundestag"],
        ),
        ("Consequently, prices rose. However the Bundesbank waited.", ["Bundesbank"]),
        ("Despite Western sanctions, the Kremlin agreed.", ["Kremlin"]),
        ("Kazakh President Kassym-Jomart Tokayev spoke. Tokayev left.", ["Kassym-Jomart Tokayev"]),
        (
            "He met Chancellor Olaf Scholz at the Moscow State University.",
            ["Moscow State University", "Olaf Scholz"],
        ),
        ("Trade with the USSR and the USA grew.", ["USSR", "USA"]),
        ("A Moscow-organized union. Oil-rich Kazakhstan grew.", []),
        ("Trade Talks resumed. The trade talks lasted.", []),
        ("The Soviet Union fell; the Soviet space changed.", ["Soviet Union"]),
        (
            "He spoke at Kazakhstan National University and left.",
            ["Kazakhstan National University"],
        ),
        ("Kazakhstan’s President spoke of Central Asian trade.", []),
        ("The French envoy met the Latin American bloc in U.S. waters.", ["U.S."]),
    ],
)
def test_new_names(text: str, expected: list[str]) -> None:
    assert sorted(names_in(text)) == sorted(expected)


def test_the_kill_list_is_never_proposed() -> None:
    text = "The Collective West met the Kremlin. The Collective West left."
    assert "Collective West" in names_in(text)
    assert "Collective West" not in names_in(text, block=frozenset({fold("Collective West")}))


@pytest.mark.parametrize("name", NAMES)
def test_seeds_propose_no_known_name_no_calendar_word_and_no_kazakhs(name: str) -> None:
    known = gazetteer()
    body = document(name).body
    proposed = names_in(body, known, blocked())
    known_names = {fold(a) for n in known for a in n.all_names}
    calendar = {"monday", "tuesday", "thursday", "sunday", "november", "august", "september", "nov"}
    assert not [p for p in proposed if fold(p) in known_names]
    assert not [p for p in proposed if set(fold(p).split()) & calendar]
    assert "Kazakhs" not in proposed
    assert "Kazakh" not in proposed

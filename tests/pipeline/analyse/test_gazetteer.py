"""Gazetteer matching: aliases in any script, word boundaries, counts and offsets."""

from __future__ import annotations

import re

import pytest

from cms.pipeline.analyse.gazetteer import Gazetteer
from cms.pipeline.analyse.types import Name
from tests.pipeline.analyse.seeds import NAMES, document, gazetteer, raw_document

PUTIN = Name("1", "Vladimir Putin", ("Putin", "Путин"))
EAEU = Name("2", "Eurasian Economic Union", ("EAEU", "EEU", "Eurasian Union"))
SCO = Name("3", "Shanghai Cooperation Organisation", ("SCO",))
XI = Name("4", "Xi Jinping", ("习近平",))
NAMES_TABLE = Gazetteer((PUTIN, EAEU, SCO, XI))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vladimir Putin met Putin's aides.", [("1", "Vladimir Putin"), ("1", "Putin")]),
        ("Путин прибыл; Putin’s visit.", [("1", "Путин"), ("1", "Putin")]),
        ("PUTIN SPOKE", [("1", "PUTIN")]),
        ("Putinism and Putinist views", []),
        (
            "the EAEU, the EEU and the Eurasian Union",
            [("2", "EAEU"), ("2", "EEU"), ("2", "Eurasian Union")],
        ),
        ("The Eurasian Economic Union met.", [("2", "Eurasian Economic Union")]),
        ("The SCO met at the disco; a sco-ring", [("3", "SCO")]),
        ("the sco summit", []),
        ("习近平 visited Astana", [("4", "习近平")]),
        ("No names here at all.", []),
    ],
)
def test_matches_on_word_boundaries_longest_first(
    text: str, expected: list[tuple[str, str]]
) -> None:
    matches = NAMES_TABLE.matches(text)
    assert [(m.key, m.surface) for m in matches] == expected
    for match in matches:
        assert text[match.start : match.end] == match.surface


def test_counts_group_matches_by_entity() -> None:
    found = NAMES_TABLE.find("Putin. Vladimir Putin. The EAEU. Путин.")
    assert [(f.name.name, f.count) for f in found] == [
        ("Vladimir Putin", 3),
        ("Eurasian Economic Union", 1),
    ]


# How each leader is written in the seed files (any of the forms the gazetteer should know).
LEADERS = {
    "Vladimir Putin": r"\bPutin",
    "Nursultan Nazarbayev": r"\bNazarbayev",
    "Kassym-Jomart Tokayev": r"\bTokayev",
}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("leader", LEADERS)
def test_seed_leaders_found_in_every_seed_that_names_them(name: str, leader: str) -> None:
    seed = document(name)
    found = {f.name.name: f.count for f in Gazetteer(gazetteer()).find(seed.body)}
    written = len(re.findall(LEADERS[leader], seed.body))
    assert found.get(leader, 0) == written


def test_raw_seed_offsets_are_exact() -> None:
    seed = raw_document(NAMES[0])
    for match in Gazetteer(gazetteer()).matches(seed.body):
        assert seed.body[match.start : match.end] == match.surface

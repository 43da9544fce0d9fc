"""Content fingerprints: the same text matches however it is spaced or cased; other text not."""

from __future__ import annotations

import pytest

from cms.pipeline import content_hash

BASE = "Putin visited Kazakhstan.\n\nHe met Tokayev."


@pytest.mark.parametrize(
    "variant",
    [
        BASE,
        "putin visited kazakhstan. he met tokayev.",
        "  Putin   visited\nKazakhstan.\n\n\n\nHe met\tTokayev.  ",
        "PUTIN VISITED KAZAKHSTAN. HE MET TOKAYEV.",
    ],
)
def test_same_text_same_hash(variant: str) -> None:
    assert content_hash(variant) == content_hash(BASE)


@pytest.mark.parametrize(
    "other",
    [
        "Putin visited Kyrgyzstan.\n\nHe met Tokayev.",
        "Putin visited Kazakhstan.",
        "Putin visited Kazakhstan.He met Tokayev.",
        "",
    ],
)
def test_different_text_different_hash(other: str) -> None:
    assert content_hash(other) != content_hash(BASE)


def test_hash_is_sha256_hex() -> None:
    digest = content_hash(BASE)
    assert len(digest) == 64
    assert int(digest, 16) >= 0

"""Facet counts equal plain SQL ``GROUP BY`` counts over the same ids, 12th-place ties included."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from cms.extensions import db
from cms.models import Article, EntityKind, OutletKind
from cms.queries.facets import TOP, facet_counts, read_columns
from tests.factories import make_article, make_mention

#: Fourteen tags on two articles each, named out of alphabetical (and id) order, in mixed
#: case: the 12th place falls among equal counts, so the labels decide who is shown.
TIED = ["kiwi", "Apple", "mango", "banana", "Cherry", "date", "elder", "Fig", "grape"]
TIED += ["honeydew", "iris", "jade", "lime", "nut"]

#: The independent computation: one grouped query per facet, most first, then by label.
BY_FACET = {
    "outlet": "SELECT o.slug, o.name, count(*) AS n FROM articles a "
    "JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({ids}) GROUP BY o.id",
    "outlet_kind": "SELECT o.kind, o.kind, count(*) AS n FROM articles a "
    "JOIN outlets o ON o.id = a.outlet_id WHERE a.id IN ({ids}) GROUP BY o.kind",
    "tag": "SELECT t.slug, t.name, count(*) AS n FROM article_tags at "
    "JOIN tags t ON t.id = at.tag_id WHERE at.article_id IN ({ids}) GROUP BY t.id",
    "entity": "SELECT e.slug, e.name, count(DISTINCT m.article_id) AS n FROM mentions m "
    "JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({ids}) GROUP BY e.id",
    "year": "SELECT substr(published_on, 1, 4) AS y, substr(published_on, 1, 4), count(*) AS n "
    "FROM articles WHERE id IN ({ids}) AND published_on IS NOT NULL GROUP BY y",
}


def grouped(ids: list[int]) -> dict[str, list[tuple[str, str, int]]]:
    listed = ", ".join(map(str, ids))
    return {
        name: [
            tuple(row)
            for row in db.session.execute(
                text(f"{sql.format(ids=listed)} ORDER BY n DESC, 2 LIMIT {TOP}")
            )
        ]
        for name, sql in BY_FACET.items()
    }


def counted(ids: list[int]) -> dict[str, list[tuple[str, str, int]]]:
    return {
        name: [(v.value, v.label, v.count) for v in values]
        for name, values in facet_counts(ids).items()
    }


def collection(many: int) -> tuple[list[int], Article]:
    """Published articles of every shape; returns their ids, newest first, and the one with
    ``many`` tags of its own."""
    articles = []
    for i in range(7):
        outlet, kind = [
            ("Wire Service", OutletKind.WIRE_AGENCY),
            ("daily Ledger", OutletKind.NEWSPAPER),
            ("Zeta Blog", OutletKind.BLOG),
            ("Alpha Post", OutletKind.NEWSPAPER),
        ][i % 4]
        tags = [TIED[(4 * i + k) % len(TIED)] for k in range(4)]
        date = ["2023-05-17", "2019", "2023-01-02", "1999-12"][i % 4]
        articles.append(
            make_article(f"Grain {i}", outlet=outlet, outlet_kind=kind, tags=tags, date=date)
        )
    bare = make_article("Grain bare", outlet=None, tags=[], date=None)
    tagged = make_article("Grain tagged", outlet=None, tags=[f"Topic {n:03}" for n in range(many)])
    for article, name in [(articles[0], "Astana"), (articles[1], "Astana"), (bare, "Lima")]:
        make_mention(article, name, EntityKind.PLACE)
    make_mention(articles[0], "Astana", EntityKind.PLACE)  # twice in one article: counts once
    make_mention(tagged, "Oslo", EntityKind.PLACE)
    ids = sorted((a.id for a in [*articles, bare, tagged]), reverse=True)
    return ids, tagged


@pytest.mark.parametrize("many", [30, 300], ids=["keys-as-bytes", "keys-as-tuples"])
def test_facet_counts_equal_grouped_queries(app_context: None, many: int) -> None:
    ids, tagged = collection(many)
    keys = read_columns(db.session.connection()).keys
    assert type(keys[tagged.id]) is (bytes if many < 256 else tuple)  # both layouts are run
    assert len(grouped(ids)["tag"]) == TOP and grouped(ids)["tag"][TOP - 1][2] == 2
    for subset in (ids, ids[::2], ids[1::3], [tagged.id], [ids[-1]], ids[:-2]):
        assert counted(subset) == grouped(subset), subset
    past_the_last = [ids[0] + 50, *ids]  # no such article: counted as SQL counts it, not at all
    assert counted(past_the_last) == grouped(past_the_last) == grouped(ids)
    assert counted([]) == {name: [] for name in BY_FACET}

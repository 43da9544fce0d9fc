"""The search index follows every write through the session hook; the reindex command rebuilds."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import text

from cms.extensions import db
from cms.models import ArticleStatus, EntityKind
from cms.queries.filters import ArticleFilters
from cms.services import search
from cms.services.search import fts5, searching
from cms.services.search.text import parse_query, stem
from tests.factories import make_article, make_mention


def _found(query: str, **kwargs) -> set[str]:
    return {hit.article.title for hit in search.search(query, **kwargs).hits}


def test_a_new_article_is_found_by_any_form_of_its_words(app_context: None) -> None:
    make_article("Putin visited Astana", body="Talks on gas and the Назарбаева legacy.")
    for query in ("visit", "visits", "VISITING", "gas", "Назарбаев", "назарбаеву"):
        assert _found(query) == {"Putin visited Astana"}, query


def test_an_edit_is_searchable_at_once_and_the_old_words_are_gone(app_context: None) -> None:
    article = make_article("Harvest report", summary="Wheat harvest figures.", body="Figures.")
    article.title = "Pipeline report"
    article.summary = "Gas pipeline figures."
    db.session.commit()
    assert _found("pipeline") == {"Pipeline report"}
    assert _found("wheat") == set() and _found("harvest") == set()


def test_a_deleted_article_leaves_the_index(app_context: None) -> None:
    article = make_article("Uranium deal")
    db.session.delete(article)
    db.session.commit()
    assert _found("uranium") == set()
    assert db.session.execute(text("SELECT count(*) FROM search_index")).scalar() == 0


def test_only_published_articles_are_found_though_all_are_indexed(app_context: None) -> None:
    make_article("Copper mine published")
    for status in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.ARCHIVED):
        make_article(f"Copper mine {status.value}", status=status)
    results = search.search("copper")
    assert {hit.article.title for hit in results.hits} == {"Copper mine published"}
    assert results.total == 1
    assert [v.count for v in results.facets["outlet"]] == [1]
    # The suggestion analysers see every article: drafts can be duplicates too.
    assert search.document_frequencies([stem("copper")]) == {"copper": 4}


def test_title_matches_rank_above_body_matches(app_context: None) -> None:
    make_article("Budget talks", body="Nothing about ferries here. " * 5 + "One ferry.")
    make_article("Ferry strike", body="Workers stopped the ferry.")
    assert [hit.article.title for hit in search.search("ferry").hits][0] == "Ferry strike"


def test_related_candidates_share_words_and_leave_the_article_out(app_context: None) -> None:
    first = make_article("Uranium exports", body="Kazakh uranium exports to China rose.")
    second = make_article("Uranium mines", body="New uranium mines in the steppe.")
    make_article("Wheat harvest", body="A record harvest.")
    found = search.related_candidates(first.id, [stem("uranium"), stem("exports")])
    assert [id_ for id_, _score in found] == [second.id]


def test_reindex_rebuilds_an_emptied_index_with_a_progress_bar(
    app: Flask, runner: FlaskCliRunner
) -> None:
    with app.app_context():
        for n in range(3):
            make_article(f"Railway story {n}")
        db.session.execute(text("DELETE FROM search_index"))
        db.session.commit()
        assert _found("railway") == set()
    result = runner.invoke(args=["search", "reindex", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "Indexed 3 articles." in result.output
    with app.app_context():
        assert len(_found("railway")) == 3
    # Nothing to do when the index has rows.
    assert runner.invoke(args=["search", "reindex", "--if-empty"]).output == ""


def test_reindex_leaves_the_index_in_one_segment(app: Flask, runner: FlaskCliRunner) -> None:
    def segments() -> int:  # FTS5's own table of segments and their first terms
        sql = "SELECT count(DISTINCT segid) FROM search_index_idx"
        return db.session.execute(text(sql)).scalar_one()

    with app.app_context():
        for n in range(12):  # each saved alone: a segment each, some merged as they come
            make_article(f"Harbour story {n}")
        assert segments() > 1
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    with app.app_context():
        assert segments() == 1 and len(_found("harbour")) == 12


@pytest.mark.parametrize("set_at_most", [20_000, 0])  # the filter read as a set, or walked
def test_a_filtered_search_counts_and_ranks_only_the_matches_within_the_filter(
    app_context: None, monkeypatch: pytest.MonkeyPatch, set_at_most: int
) -> None:
    monkeypatch.setattr(searching, "FILTER_SET_AT_MOST", set_at_most)
    make_article(
        "Budget talks", body="Nothing about ferries here. " * 5 + "One ferry.", outlet="AP"
    )
    make_article("Ferry elsewhere", outlet="Daily")
    make_article("Ferry strike", body="Workers stopped the ferry.", outlet="AP")
    make_article("Ferry draft", outlet="AP", status=ArticleStatus.DRAFT)
    results = search.search("ferry", ArticleFilters.from_args({"outlet": "ap"}))
    assert [hit.article.title for hit in results.hits] == ["Ferry strike", "Budget talks"]
    assert results.total == 2 and [v.count for v in results.facets["outlet"]] == [2]


@pytest.mark.parametrize("drafts", [2, searching.FEW_UNPUBLISHED + 1])  # after the walk; in SQL
def test_the_newest_matches_and_the_count_leave_out_every_unpublished_article(
    app: Flask, drafts: int
) -> None:
    app.config["SEARCH_CANDIDATES"] = 2
    with app.app_context():
        for n in range(3):
            make_article(f"Ferry {n}")
        make_article("Ferry in review", status=ArticleStatus.IN_REVIEW)
        for n in range(drafts - 1):
            make_article(f"Ferry draft {n}", status=ArticleStatus.DRAFT)  # the newest matches
        results = search.search("ferry")
        assert {hit.article.title for hit in results.hits} == {"Ferry 1", "Ferry 2"}
        assert (results.total, results.total_exact) == (3, True)
        app.config["SEARCH_COUNT_LIMIT"] = 2
        results = search.search("ferry")
        assert (results.total, results.total_exact) == (3, False)
        app.config["SEARCH_COUNT_LIMIT"] = 3
        assert search.search("ferry").total_exact
        assert search.search("harbour").total == 0


@pytest.mark.parametrize("many_likely", [True, False])  # looked for first, or counted
def test_counting_matches_stops_at_the_limit_whichever_way_it_starts(
    app_context: None, many_likely: bool
) -> None:
    for n in range(5):
        make_article(f"Ferry {n}")
    make_article("Ferry draft", status=ArticleStatus.DRAFT)
    make_article("Harbour")
    parsed = parse_query("ferry")
    connection = db.session.connection()
    for limit in range(1, 9):
        counted = fts5.count_matches(connection, parsed, limit, many_likely=many_likely)
        assert counted == min(6, limit), limit
        published_only = fts5.count_matches(
            connection, parsed, limit, searching._UNPUBLISHED, many_likely
        )
        assert published_only == min(5, limit), limit


@pytest.fixture
def small_recent_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """``search_recent`` keeps the newest 3 to 5 articles, so a test's few articles cross it."""
    monkeypatch.setattr(fts5, "RECENT_KEEP", 3)
    monkeypatch.setattr(fts5, "RECENT_MOST", 5)


def _rows(table: str, above: int = 0) -> list[tuple]:
    sql = f"SELECT rowid, title, summary, body FROM {table} WHERE rowid >= :above ORDER BY rowid"
    return db.session.execute(text(sql), {"above": above}).all()


def _assert_recent_is_the_index_from_its_floor_up() -> list[int]:
    """The invariant newest_scored relies on; the ids ``search_recent`` holds."""
    recent = _rows("search_recent")
    assert recent and recent == _rows("search_index", recent[0][0])
    for table in ("search_index", "search_recent"):
        db.session.execute(text(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')"))
    return [row[0] for row in recent]


def test_the_newest_articles_own_index_follows_every_write_and_keeps_the_newest(
    app_context: None, small_recent_index: None
) -> None:
    made = [make_article(f"Ferry {n}", body=f"Crossing {n}.") for n in range(8)]
    ids = [article.id for article in made]
    # The sixth made it hold more than five: it kept the newest three, then took two more.
    assert _assert_recent_is_the_index_from_its_floor_up() == ids[3:]
    made[5].body = "Now about a harbour."  # above the floor: changed in both
    made[1].title = "Ferry strike"  # below it: only in search_index
    db.session.delete(made[3])  # the floor itself: it moves up
    db.session.commit()
    assert _assert_recent_is_the_index_from_its_floor_up() == ids[4:]
    assert _found("harbour") == {"Ferry 5"} and _found("strike") == {"Ferry strike"}


def test_reindex_fills_the_newest_articles_index_anew(
    app: Flask, runner: FlaskCliRunner, small_recent_index: None
) -> None:
    with app.app_context():
        ids = [make_article(f"Railway story {n}").id for n in range(7)]
        db.session.execute(text("DELETE FROM search_recent"))
        db.session.commit()
    assert runner.invoke(args=["search", "reindex"]).exit_code == 0
    with app.app_context():
        assert _assert_recent_is_the_index_from_its_floor_up() == ids[-3:]


def _bm25(table: str, word: str) -> dict[int, float]:
    sql = f"SELECT rowid, {fts5.bm25_sql(table)} FROM {table} WHERE {table} MATCH :word"
    return dict(db.session.execute(text(sql), {"word": word}).all())


def test_candidates_all_among_the_newest_are_scored_in_their_own_index(
    app_context: None, small_recent_index: None
) -> None:
    for n in range(8):  # search_recent holds the newest five, two of them about a ferry
        body = "The ferry sailed. " * (n % 3 + 1) if n in (2, 5, 7) else "A harbour."
        make_article(f"Story {n}", body=body + " Words" * n)
    connection = db.session.connection()
    ferry = parse_query("ferry")
    recent, everywhere = _bm25("search_recent", "ferri"), _bm25("search_index", "ferri")
    assert len(recent) == 2 and len(everywhere) == 3  # so the words' weights differ

    def newest(scores: dict[int, float], count: int) -> list[tuple[int, float]]:
        return [(id_, pytest.approx(scores[id_])) for id_ in sorted(scores, reverse=True)[:count]]

    newest_two = fts5.newest_scored(connection, ferry, 2)
    assert newest_two == newest(recent, 2)
    # Not all of the newest three are there: scored among all articles, as before.
    assert fts5.newest_scored(connection, ferry, 3) == newest(everywhere, 3)
    assert fts5.scores(connection, ferry, [id_ for id_, _ in newest_two]) == dict(newest(recent, 2))
    assert fts5.scores(connection, ferry, list(everywhere)) == dict(newest(everywhere, 3))


def test_the_cards_carry_their_tags_only_when_asked(app_context: None) -> None:
    make_article("Grain exports", tags=["trade", "grain"])
    (hit,) = search.search("grain").hits
    assert [tag.name for tag in hit.article.tags] == ["grain", "trade"]
    (hit,) = search.search("grain", with_tags=False).hits  # the site's results show none
    assert hit.article.tags == () and hit.article.title == "Grain exports"


def test_the_guess_that_many_match_follows_how_closely_the_newest_lie() -> None:
    dense = [(id_, -1.0) for id_ in range(100_000, 99_400, -2)]  # 300 of the newest 600
    sparse = [(id_, -1.0) for id_ in range(100_000, 10_000, -300)]  # 300 of 90,000
    assert searching._many_likely(dense, 10_000)
    assert not searching._many_likely(sparse, 10_000)
    assert not searching._many_likely([(5, -1.0)], 10)


def test_candidates_come_back_newest_first_each_with_its_own_score() -> None:
    assert fts5._newest_first([3, 9, 1, 7], [-3.0, -9.0, -1.0, -7.0]) == [
        (9, -9.0),
        (7, -7.0),
        (3, -3.0),
        (1, -1.0),
    ]
    assert fts5._newest_first([], []) == []


def test_facets_count_every_facet_and_follow_the_next_write(app_context: None) -> None:
    dated = make_article("Grain exports", outlet="AP", tags=["trade", "grain"])
    make_article("Grain prices", outlet="Daily", tags=["trade"])
    # No outlet and no date: its tags and entities still count.
    bare = make_article("Grain silos", outlet=None, tags=["grain"], date=None)
    make_mention(bare, "Astana", EntityKind.PLACE)
    make_mention(dated, "Astana", EntityKind.PLACE)

    def facets() -> dict[str, list[tuple[str, int]]]:
        found = search.search("grain").facets
        return {name: [(v.label, v.count) for v in values] for name, values in found.items()}

    first = facets()
    assert first["outlet"] == [("AP", 1), ("Daily", 1)]
    assert first["tag"] == [("grain", 2), ("trade", 2)]
    assert first["entity"] == [("Astana", 2)]
    assert sum(n for _, n in first["year"]) == 2
    make_article("Grain harvest", outlet="AP", tags=["harvest"])
    after = facets()
    assert after["outlet"] == [("AP", 2), ("Daily", 1)]
    assert ("harvest", 1) in after["tag"]

"""Seventeen real saved news pages (../shared/corpora/saved-pages), read by the HTML reader.

The expected title, date and authors of each page were written down by reading the page's
HTML (its <meta> tags, JSON-LD and byline markup) before these assertions were made.
Dates are the ones the page's metadata states. Notes on the hard cases:
- dw: no date in <meta>; the title metadata ends "| DW | 10.06.2013"; its meta author is the
  broadcaster ("Deutsche Welle (www.dw.com)"), not a person.
- mercurynews: the metadata states 2023-01-17T00:30:41Z (16:30 on the 16th in California);
  the stored date is the metadata's own, 2023-01-17.
- spiegel, sueddeutsche: the meta author is the publisher ("SPIEGEL ONLINE, Hamburg, Germany").
- vancouversun: a Reuters story with no byline in the page's markup.
- natgeo: the byline is only in the page header ("By Michael Hingston").
- lanouvellerepublique: an unrendered Angular template: no article in it at all.
- scmp: the article text is not in the HTML (built by JavaScript); only a photo caption is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cms.pipeline import RejectedFile, SourceFile, extract

PAGES = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "saved-pages"

pytestmark = pytest.mark.skipif(
    not PAGES.is_dir(), reason="../shared/corpora/saved-pages is not beside the repository"
)

EXPECTED = [
    ("correctiv.org.zusage.html", "„Wir haben bereits die Zusage“", "2019-05-14",
     ("Marcus Bensmann", "Justus von Daniels", "Ulrich Stoll")),
    ("dw.com.uncork.html", "Uncork the mystery of Germany's Frühburgunder", "2013-06-10", ()),
    ("heise.de.lithium.html", "Lithium aus dem Schredder", "2019-06-20", ("Denis Dilba",)),
    ("mercurynews.com.2023.01.16.letters-1119.html",
     "Letters: Coddling criminals | Undermining road | Tax dollars | Recount cost | "
     "Predicting climate", "2023-01-17", ("Letters To The Editor",)),
    ("nationalgeographic.co.uk.goats.html",
     "Ravenous wild goats ruled this island for over a century. Now, it's being reborn.",
     "2020-01-03", ("Michael Hingston",)),
    ("nature.com.telescope.html", "Gigantic Chinese telescope opens to astronomers worldwide",
     "2019-09-24", ("Elizabeth Gibney",)),
    ("spiegel.de.albtraum.html", "Ein Albtraum", "2018-12-22", ()),
    ("sueddeutsche.de.flixtrain.html", "Flixbus attackiert Deutsche Bahn", "2019-05-15", ()),
    ("theguardian.com.academics.html",
     "Thousands of UK academics 'treated as second-class citizens'", "2020-01-20",
     ("Richard Adams",)),
    ("theverge.com.ios13.html", "iOS 13 will fix the FaceTime eye contact problem",
     "2019-07-03", ("Jon Porter",)),
    ("threatpost.com.android.html",
     "Android Ransomware Spreads Via ‘Sex Simulation Game’ Links on Reddit, SMS", "2019-07-30",
     ("Lindsey O'Donnell",)),
    ("vancouversun.com.microsoft.html",
     "Microsoft moves to erase its carbon footprint from the atmosphere in climate push",
     "2020-01-16", ()),
    ("vice.com.amazon.html", "The Amazon Is on Fire and the Smoke Can Be Seen from Space",
     "2019-08-21", ("Madeleine Gregory",)),
    ("wikimediafoundation.org.turkey.html",
     "Access to Wikipedia restored in Turkey after more than two and a half years",
     "2020-01-15", ()),
    ("zeit.de.zugverkehr.html", "Zugverkehr: Im ICE von Frankfurt nach Barcelona",
     "2020-01-14", ("Caspar Schwietering",)),
]  # fmt: skip

#: (page, a sentence of its article text, a piece of page furniture that must not be in the body)
TEXT = [
    ("theguardian.com.academics.html", "Thousands of academic staff at British universities",
     "Sign up"),
    ("zeit.de.zugverkehr.html", "36 Stunden. So lange dauert die schnellste Zugverbindung",
     "Zur Startseite"),
    ("dw.com.uncork.html", "One of Germany's smallest wine regions", "© 2019 Deutsche Welle"),
    ("nature.com.telescope.html", "The world’s largest single-dish radio observatory",
     "Sign up for the Nature Briefing"),
]  # fmt: skip


def read_page(name: str):  # type: ignore[no-untyped-def]
    return extract(SourceFile(name, (PAGES / name).read_bytes()))


@pytest.mark.parametrize(("name", "title", "date", "authors"), EXPECTED)
def test_title_date_and_authors_come_from_the_page_metadata(
    name: str, title: str, date: str, authors: tuple[str, ...]
) -> None:
    article = read_page(name)
    assert article.title == title
    assert article.published is not None and article.published.isoformat() == date
    assert article.authors == authors
    assert article.format.value == "html"
    # Stated facts leave nothing to suggest.
    assert not [s for s in article.suggestions if s.field == "date"]


@pytest.mark.parametrize(("name", "sentence", "furniture"), TEXT)
def test_the_article_text_without_page_furniture(name: str, sentence: str, furniture: str) -> None:
    article = read_page(name)
    assert sentence in article.body
    assert furniture not in article.body
    assert "<script" not in article.body and "<" not in article.body.replace("<<", "")
    assert article.raw.lstrip().lower().startswith(("<!doctype", "<html", "<?xml", "<!--"))


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("lanouvellerepublique.fr.martin.html", "unrendered template"),
        ("scmp.com.playbook.html", "only photo captions and metadata"),
    ],
)
def test_pages_without_an_article_are_rejected_with_the_reason(name: str, reason: str) -> None:
    with pytest.raises(RejectedFile) as rejected:
        read_page(name)
    assert reason in rejected.value.reason


def test_every_page_is_accounted_for() -> None:
    named = {row[0] for row in EXPECTED} | {
        "lanouvellerepublique.fr.martin.html",
        "scmp.com.playbook.html",
    }
    assert named == {p.name for p in PAGES.glob("*.html")}

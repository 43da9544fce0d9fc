"""One deterministic synthetic corpus for every benchmark and quality figure of the project.

Articles are built from a Zipf-distributed vocabulary of real English words, so a stemmer, a
TF-IDF ranking and an FTS index behave as on news text. Planted structure makes quality
measurable: each article belongs to a *story group* (its own topic words, people and places,
dates within weeks), a share of articles are *near-duplicates* of an earlier one (a header and a
few words changed), and *probe words* occur in known shares of articles for search benchmarks.

    python -m bench.corpus --count 1000 --out /tmp/corpus            # Markdown files
    python -m bench.corpus --count 1000 --out /tmp/c.jsonl --jsonl   # one JSON article a line

The same ``seed`` and ``count`` always give the same corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


COMMON = _words(
    "the of and to in a is that for on with as by at from it was said his he be has have "
    "are an its not but this which were will been their had would they who more also after "
    "year two first new than other over about last into some could people when there one "
    "she her may up out what all three most time told week month officials city country "
    "world state national during while under where before since between against still "
    "both former later only such those through until many much called including"
)
TOPICAL = _words(
    "market oil gas energy bank trade export import tariff currency inflation growth budget "
    "election minister parliament president treaty summit border military security police "
    "court ruling appeal judge law vote campaign protest strike union workers factory "
    "harvest wheat grain drought flood storm climate emissions nuclear reactor uranium "
    "pipeline railway port airport bridge highway tunnel housing rent mortgage school "
    "university student teacher hospital doctor vaccine virus outbreak research science "
    "satellite rocket launch telescope museum festival film music stadium league match "
    "coach player transfer season profit revenue shares investor merger acquisition debt "
    "loan bond deficit subsidy sanction embargo visit talks agreement cooperation dispute"
)
FIRST_NAMES = _words(
    "Anna Boris Chen Dana Erik Farida Gulnara Hiro Ivan Jana Kemal Lena Marat Nora"
)
LAST_NAMES = _words(
    "Abenov Brandt Costa Duarte Ekberg Fischer Garcia Hoffman Ito Jensen Kaur Lindqvist"
)
PLACES = _words(
    "Astana Almaty Moscow Berlin Lagos Lima Oslo Quito Riga Seoul Tbilisi Tunis Vilnius"
)
OUTLETS = ("Daily Ledger", "Wire Service", "State Broadcaster", "Regional Blog", "Policy Review")

#: Words planted in a known share of articles (each word independently), for search benchmarks:
#: several per band, so a benchmark mixes queries instead of repeating one a cache could answer.
PROBE_WORDS: dict[str, tuple[float, tuple[str, ...]]] = {
    "rare": (0.003, ("lithium", "glacier", "archive", "orchestra")),
    "middling": (0.03, ("copper", "ferry", "vineyard", "monsoon")),
    "common": (0.5, ("government", "report", "region", "statement")),
}


@dataclass(frozen=True)
class SyntheticArticle:
    index: int
    title: str
    published_on: dt.date
    outlet: str
    authors: tuple[str, ...]
    tags: tuple[str, ...]
    body: str
    #: Articles of one story group share topic words, names and a period.
    group: int
    #: The earlier article this one nearly duplicates, or None.
    near_duplicate_of: int | None = None
    people: tuple[str, ...] = field(default=())

    def front_matter(self) -> dict[str, object]:
        return {
            "title": self.title,
            "date": self.published_on.isoformat(),
            "outlet": self.outlet,
            "authors": list(self.authors),
            "tags": list(self.tags),
        }

    def as_json(self) -> dict[str, object]:
        """The importer's JSON article shape: front-matter keys plus ``body``."""
        return {**self.front_matter(), "body": self.body}

    def as_markdown(self) -> str:
        lines = ["---"]
        for key, value in self.front_matter().items():
            lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        return "\n".join([*lines, "---", self.body, ""])


@dataclass(frozen=True)
class _Group:
    topic: tuple[str, ...]
    people: tuple[str, ...]
    place: str
    start: dt.date


def _zipf_weights(n: int) -> list[float]:
    return [1.0 / (rank + 1) for rank in range(n)]


class _Writer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.common_weights = _zipf_weights(len(COMMON))

    def sentence(self, group: _Group) -> str:
        rng = self.rng
        words = rng.choices(COMMON, self.common_weights, k=rng.randint(8, 16))
        for _ in range(rng.randint(2, 4)):
            words.insert(rng.randrange(len(words)), rng.choice(group.topic))
        if rng.random() < 0.4:
            words.insert(rng.randrange(len(words)), rng.choice(group.people))
        if rng.random() < 0.3:
            words.insert(rng.randrange(len(words)), group.place)
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def body(self, group: _Group, probes: list[str]) -> str:
        sentences = [self.sentence(group) for _ in range(self.rng.randint(12, 30))]
        for probe in probes:
            i = self.rng.randrange(len(sentences))
            sentences[i] = sentences[i][:-1] + f" {probe}."
        paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
        return "\n\n".join(paragraphs)


def _groups(rng: random.Random, count: int) -> list[_Group]:
    base = dt.date(2010, 1, 1)
    groups = []
    for _ in range(count):
        people = tuple(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(3))
        start = base + dt.timedelta(days=rng.randrange(365 * 15))
        groups.append(_Group(tuple(rng.sample(TOPICAL, 8)), people, rng.choice(PLACES), start))
    return groups


def _near_duplicate(rng: random.Random, original: SyntheticArticle, index: int) -> SyntheticArticle:
    """The same story re-sent: another outlet's header, two words changed, a footer added."""
    words = original.body.split(" ")
    for _ in range(2):
        words[rng.randrange(len(words))] = rng.choice(TOPICAL)
    body = " ".join(words) + "\n\nThis story has been corrected."
    return SyntheticArticle(
        index=index,
        title=original.title + " (corrected)",
        published_on=original.published_on + dt.timedelta(days=1),
        outlet=rng.choice(OUTLETS),
        authors=original.authors,
        tags=original.tags,
        body=body,
        group=original.group,
        near_duplicate_of=original.index,
        people=original.people,
    )


def generate(
    count: int, seed: int = 0, group_size: int = 8, duplicate_share: float = 0.02
) -> Iterator[SyntheticArticle]:
    """``count`` articles in story groups of about ``group_size``; ``duplicate_share`` of them
    near-duplicates of an earlier article of the corpus."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    groups = _groups(rng, max(1, count // group_size))
    recent: list[SyntheticArticle] = []
    for index in range(count):
        if recent and rng.random() < duplicate_share:
            article = _near_duplicate(rng, rng.choice(recent), index)
        else:
            number = rng.randrange(len(groups))
            group = groups[number]
            probes = [
                word
                for share, words in PROBE_WORDS.values()
                for word in words
                if rng.random() < share
            ]
            topic = rng.sample(group.topic, 3)
            article = SyntheticArticle(
                index=index,
                title=f"{topic[0].title()} {topic[1]} and {topic[2]} in {group.place} ({index})",
                published_on=group.start + dt.timedelta(days=rng.randrange(60)),
                outlet=rng.choice(OUTLETS),
                authors=(f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",),
                tags=tuple(sorted({topic[0], group.place})),
                body=writer.body(group, probes),
                group=number,
                people=group.people,
            )
        recent = (recent + [article])[-200:]
        yield article


def write_markdown(folder: Path, articles: Iterator[SyntheticArticle]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for article in articles:
        (folder / f"{article.index:06d}.md").write_text(article.as_markdown(), encoding="utf-8")
        written += 1
    return written


def write_jsonl(path: Path, articles: Iterator[SyntheticArticle]) -> int:
    written = 0
    with path.open("w", encoding="utf-8") as out:
        for article in articles:
            out.write(json.dumps(article.as_json(), ensure_ascii=False) + "\n")
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--jsonl", action="store_true", help="one JSON file, an article a line")
    args = parser.parse_args()
    articles = generate(args.count, args.seed)
    written = write_jsonl(args.out, articles) if args.jsonl else write_markdown(args.out, articles)
    print(f"{written} articles written to {args.out}")


if __name__ == "__main__":
    main()

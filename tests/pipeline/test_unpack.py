"""The unpack stage: zips (with their caps), JSON lists and JSONL lines, skips and rejections."""

from __future__ import annotations

import io
import json
import stat
import zipfile

import pytest

from cms.pipeline import (
    Document,
    ExtractedArticle,
    Format,
    Limits,
    Rejected,
    Skipped,
    SourceFile,
    extract_all,
)
from cms.pipeline.unpack import sha256, unpack

TEXT = b"A Title\n\nThe article text, a sentence.\n"
MD = b"---\ntitle: Markdown one\n---\nMarkdown body text.\n"
ARTICLE = {"title": "JSON one", "body": "The JSON body.", "date": "2020-01-02"}


def make_zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return buffer.getvalue()


DEFAULT = Limits()


def outcomes(name: str, data: bytes, limits: Limits = DEFAULT) -> list[tuple[str, str, str]]:
    """(kind, name, detail) for each result: a title for articles, a reason otherwise."""
    found = []
    for item in extract_all(SourceFile(name, data), limits=limits):
        if isinstance(item, ExtractedArticle):
            found.append(("article", item.source_name, item.title))
        elif isinstance(item, Skipped):
            found.append(("skipped", item.name, item.reason))
        else:
            assert isinstance(item, Rejected)
            found.append(("rejected", item.name, item.reason))
    return found


def test_a_zip_with_folders_yields_each_article_and_names_each_skip() -> None:
    data = make_zip(
        {
            "a.txt": TEXT,
            "folder/b.md": MD,
            "folder/list.json": json.dumps([ARTICLE, {**ARTICLE, "title": "Two"}]).encode(),
            "notes.pdf": b"%PDF",
            ".hidden.txt": TEXT,
            "__MACOSX/._a.txt": b"junk",
            "README.txt": b"Read me\n\ntext",
        }
    )
    found = outcomes("bundle.zip", data)
    assert found == [
        ("article", "bundle.zip/a.txt", "A Title"),
        ("article", "bundle.zip/folder/b.md", "Markdown one"),
        ("article", "bundle.zip/folder/list.json item 1", "JSON one"),
        ("article", "bundle.zip/folder/list.json item 2", "Two"),
        ("skipped", "bundle.zip/notes.pdf", "unsupported file type '.pdf' (supported: "
         ".txt, .md, .markdown, .html, .htm, .json, .jsonl, .zip)"),
        ("skipped", "bundle.zip/.hidden.txt", "a hidden or system file"),
        ("skipped", "bundle.zip/__MACOSX/._a.txt", "a hidden or system file"),
        ("skipped", "bundle.zip/README.txt",
         "a README file travels with a collection; not an article"),
    ]  # fmt: skip


def test_zip_entries_keep_their_path_and_own_hash() -> None:
    data = make_zip({"folder/b.md": MD})
    (document,) = list(unpack(SourceFile("bundle.zip", data)))
    assert isinstance(document, Document)
    assert document.format is Format.MARKDOWN
    assert document.origin.file_name == "bundle.zip"
    assert document.origin.path_in_archive == "folder/b.md"
    assert document.origin.sha256 == sha256(MD)


@pytest.mark.parametrize(
    ("entries", "limits", "reason"),
    [
        ({f"{n}.txt": TEXT for n in range(4)}, Limits(max_zip_entries=3), "holds 4 files"),
        ({"a.txt": b"a" * 5000}, Limits(max_zip_total_bytes=4000), "would unpack to"),
        ({"a.txt": b"a" * 100_000}, Limits(max_zip_ratio=50), "compressed more than 50:1"),
        ({"a.txt": b"a" * 3000 + TEXT}, Limits(max_file_bytes=2000), "more than 2000 bytes"),
        ({"inner.zip": make_zip({"a.txt": TEXT})}, Limits(), "archive inside an archive"),
        ({"/etc/a.txt": TEXT}, Limits(), "absolute path"),
        ({"../a.txt": TEXT}, Limits(), "'..'"),
        ({"x/../../a.txt": TEXT}, Limits(), "'..'"),
    ],
)
def test_zip_caps_and_unsafe_entries_are_refused(
    entries: dict[str, bytes], limits: Limits, reason: str
) -> None:
    found = outcomes("bundle.zip", make_zip(entries), limits)
    assert any(kind == "rejected" and reason in detail for kind, _, detail in found), found
    assert not any(kind == "article" for kind, _, _ in found)


def test_a_symlink_entry_is_refused_and_the_rest_imported() -> None:
    found = outcomes("bundle.zip", make_zip({"a.txt": TEXT}, symlink="link.txt"))
    assert ("article", "bundle.zip/a.txt", "A Title") in found
    assert ("rejected", "bundle.zip/link.txt", "the zip entry is a symbolic link; refused") in found


def test_an_entry_with_a_lying_header_is_refused() -> None:
    """An entry whose header declares 10 bytes but holds more is never stored."""
    data = bytearray(make_zip({"a.txt": b"x" * 5000 + TEXT}))
    # Patch the declared size in both headers (local and central) to 10 bytes.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.index(signature)
        data[at + offset : at + offset + 4] = (10).to_bytes(4, "little")
    ((kind, _, detail),) = outcomes("bundle.zip", bytes(data))
    assert (kind, detail) == (
        "rejected",
        "the zip entry cannot be read: Bad CRC-32 for file 'a.txt'",
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"not a zip at all", "the zip file cannot be opened"),
        (b"", "the file is empty"),
    ],
)
def test_broken_zips(data: bytes, reason: str) -> None:
    ((kind, _, detail),) = outcomes("bundle.zip", data)
    assert kind == "rejected" and reason in detail


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.json", b'{"title": "T",\n "body": }', "malformed JSON at line 2, column 10"),
        ("a.json", b"[1, 2", "malformed JSON at line 1"),
        ("a.json", b'"just text"', "not text"),
        ("a.json", b"[]", "the JSON list is empty"),
        ("a.json", b'{"title": "T", "title": "U", "body": "B"}', "appears twice"),
        ("a.json", b'{"title": "T", "body": "B", "n": NaN}', "NaN is not a number"),
        ("a.json", b'{"title": "T", "body": "B", "n": 1' + b"0" * 50 + b"}", "too long"),
        ("a.json", b'{"title": "\\ud800", "body": "B"}', "lone surrogate"),
        ("a.json", b"[" * 100_000 + b"]" * 100_000, "nested more than 20 levels"),
        ("a.json", b'{"body": "B"}', "has no 'title'"),
        ("a.json", b'{"title": "", "body": "B"}', "has no 'title'"),
        ("a.json", b'{"title": 12, "body": "B"}', "'title' must be text"),
        ("a.json", b'{"title": "T"}', "has no 'body'"),
        ("a.json", b'{"title": "T", "body": ["B"]}', "'body' must be text"),
        ("a.json", b'{"title": "T", "body": "B", "tags": {"a": 1}}', "must be a list or text"),
        ("a.json", b'{"title": "T", "body": "B", "date": "2014-02-31"}', "is not a date"),
        ("a.json", b'{"title": "T", "body": "B", "date": 2014.5}', "is not a date"),
        ("a.json", json.dumps({"title": "T" * 10_000, "body": "B"}).encode(), "10,000 characters"),
        ("a.jsonl", b"[1]\n", "must be a JSON object, not a list"),
    ],
)
def test_bad_json_is_rejected_with_its_reason(name: str, data: bytes, reason: str) -> None:
    found = outcomes(name, data)
    assert found and all(kind == "rejected" for kind, _, _ in found), found
    assert reason in found[0][2], found


def test_jsonl_bad_line_is_named_and_the_good_lines_import() -> None:
    good = [json.dumps(ARTICLE).encode(), json.dumps(ARTICLE | {"title": "B"}).encode()]
    data = b"\n".join([good[0], b'{"title": oops}', b"", good[1]])
    found = outcomes("feed.jsonl", data)
    assert found[0] == ("article", "feed.jsonl line 1", "JSON one")
    assert found[1][0:2] == ("rejected", "feed.jsonl line 2")
    assert "malformed JSON at column" in found[1][2]
    assert found[2] == ("article", "feed.jsonl line 4", "B")


def test_a_json_article_reads_like_front_matter() -> None:
    record = {
        "title": "Steppe talks",
        "date": "2019-06",
        "outlet": "Steppe Herald",
        "url": "https://example.com/a",
        "author": "Jane Doe",
        "tags": ["Energy"],
        "summary": "Short.",
        "body": "The text of it.\n\nSecond paragraph.",
        "colour": "red",
    }
    ((article),) = list(extract_all(SourceFile("a.json", json.dumps(record).encode())))
    assert isinstance(article, ExtractedArticle)
    assert article.format is Format.JSON
    assert (article.title, article.published.isoformat(), article.outlet_name) == (
        "Steppe talks",
        "2019-06",
        "Steppe Herald",
    )
    assert article.authors == ("Jane Doe",) and article.tags == ("Energy",)
    assert article.body == "The text of it.\n\nSecond paragraph."
    assert [w.field for w in article.warnings if w.kind == "unknown key"] == ["colour"]


@pytest.mark.parametrize(
    ("name", "named", "kind", "reason"),
    [
        ("photo.png", True, "rejected", "unsupported file type '.png'"),
        ("photo.png", False, "skipped", "unsupported file type '.png'"),
        (".DS_Store", False, "skipped", "a hidden or system file"),
        ("LICENSE", False, "skipped", "a LICENSE file"),
        ("README.TXT", False, "skipped", "a README file"),
        ("notes/readme.md", False, "skipped", "a README file"),
    ],
)
def test_skips_and_unknown_types(name: str, named: bool, kind: str, reason: str) -> None:
    (item,) = list(unpack(SourceFile(name, TEXT), named=named))
    assert type(item).__name__.lower() == kind
    assert reason in item.reason

"""Files that cannot be articles are rejected with a reason; odd but readable ones are not."""

from __future__ import annotations

import pytest

from cms.pipeline import MAX_BYTES, SUPPORTED_SUFFIXES, RejectedFile, SourceFile, extract

SUPPORTED = "(supported: .txt, .md, .markdown, .html, .htm, .json, .jsonl, .zip)"
TEXT = b"A Title\n\nThe article text.\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"", "the file is empty"),
        ("a.md", b"", "the file is empty"),
        ("a.txt", b"  \n\t\r\n \xc2\xa0\n", "the file is empty (it contains only whitespace)"),
        ("a.txt", b"Title\n\nText\x00\x01\x02", "the file is binary, not text"),
        ("a.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "the file is binary, not text"),
        ("a.txt", b"Title\n\nText\x01\x02\x03\x1b", "the file is binary, not text"),
        ("a.txt", b"Title\n\nCaf\x81 \x8d", "neither UTF-8 nor Windows-1252 text"),
        ("a.txt", b"\xff\xfeT\x00\x00\xd8", "starts with a UTF-16-LE mark but is not"),
        (
            "a.pdf",
            b"%PDF-1.7",
            f"unsupported file type '.pdf' {SUPPORTED}",
        ),
        (
            "a.docx",
            TEXT,
            f"unsupported file type '.docx' {SUPPORTED}",
        ),
        (
            "README",
            TEXT,
            f"the file has no extension {SUPPORTED}",
        ),
        ("a.txt", b"x" * (MAX_BYTES + 1), "the file is larger than 5 MB"),
        ("a.txt", b"Leave a Reply\n\nComments\n\nPost a Comment\n", "no article text"),
        ("a.md", b" \n\n\t\n", "the file is empty (it contains only whitespace)"),
        ("a.pdf", b"", "unsupported file type '.pdf'"),
        ("a.md", b"x" * (MAX_BYTES + 1), "the file is larger than 5 MB"),
        ("a.txt", b"Just A Title\n", "no article text"),
        ("a.txt", b"Just A Title\n\nSeptember 30, 2014\n\nBy Jane Doe\n", "no article text"),
        ("a.md", b"# Just A Heading\n", "no article text"),
    ],
)
def test_rejected(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(RejectedFile) as rejected:
        extract(SourceFile(name, data))
    assert rejected.value.reason == reason or reason in rejected.value.reason
    assert rejected.value.source_name == name
    assert str(rejected.value).startswith(f"{name}: ")


def test_cp1252_is_read_with_a_warning() -> None:
    article = extract(SourceFile("a.txt", b"Caf\xe9 \x93quoted\x94\n\nBody text here."))
    assert article.title == "Café “quoted”"
    assert article.body == "Body text here."
    assert article.raw == "Café “quoted”\n\nBody text here."
    (warning,) = [w for w in article.warnings if w.field == "encoding"]
    assert "Windows-1252" in warning.message


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".json",
        ".jsonl",
        ".zip",
    )


@pytest.mark.parametrize("name", ["a.TXT", "folder/b.Md", "c.markdown"])
def test_suffix_case_and_folders_do_not_matter(name: str) -> None:
    assert extract(SourceFile(name, TEXT)).title == "A Title"


def test_exactly_the_size_limit_is_read() -> None:
    assert len(extract(SourceFile("a.txt", b"word\n" * (MAX_BYTES // 5))).raw) == MAX_BYTES


@pytest.mark.parametrize(
    ("data", "title", "body", "warned"),
    [
        # Windows-1252 curly quotes: read with a warning, not rejected.
        (b"A Title\n\nIt\x92s a \x93test\x94.\n", "A Title", "It’s a “test”.", {"encoding"}),
        (b"\xef\xbb\xbfA Title\n\nText.\n", "A Title", "Text.", set()),
        (
            b"A Title\r\n\r\nLine one.\r\n\r\nLine two.\r\n",
            "A Title",
            "Line one.\n\nLine two.",
            set(),
        ),
        (b"A Title\r\rOld Mac text.\r", "A Title", "Old Mac text.", set()),
        (
            "A Title\n\nCaf\u00e9 \u2013 na\u00efve.".encode("utf-16"),
            "A Title",
            "Caf\u00e9 \u2013 na\u00efve.",
            set(),
        ),
        (b"\xfe\xff" + "A Title\n\nCaf\u00e9.".encode("utf-16-be"), "A Title", "Caf\u00e9.", set()),
        (b"\xff\xfe" + "A Title\n\nCaf\u00e9.".encode("utf-16-le"), "A Title", "Caf\u00e9.", set()),
        (
            b"\xef\xbb\xbf" + "A Title\n\n\u041c\u043e\u0441\u043a\u0432\u0430.".encode(),
            "A Title",
            "\u041c\u043e\u0441\u043a\u0432\u0430.",
            set(),
        ),
        (b"A Title\n\nna\xefve caf\xe9\n", "A Title", "na\u00efve caf\u00e9", {"encoding"}),
    ],
)
def test_encodings_and_line_endings(data: bytes, title: str, body: str, warned: set[str]) -> None:
    article = extract(SourceFile("a.txt", data))
    assert article.title == title
    assert article.body == body
    assert "\r" not in article.raw
    assert {w.field for w in article.warnings} & {"encoding"} == warned

"""The admin upload door: several files or a zip, CSRF, the report, the size limit, undo."""

from __future__ import annotations

import io
import re
import zipfile

from flask import Flask
from sqlalchemy import func, select

from cms.extensions import db
from cms.models import Article, ImportBatch, ImportWarning
from tests.conftest import SEED_DIR, csrf_token

TEXT = b"A headline\n\nThe text of the article, a full sentence.\n"


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, files: list[tuple[str, bytes]], token: str | None = None):  # type: ignore[no-untyped-def]
    page = client.get("/admin/import/")
    data = {"files": [(io.BytesIO(content), name) for name, content in files]}
    data["csrf_token"] = token if token is not None else csrf_token(page.text)
    return client.post("/admin/import/", data=data, content_type="multipart/form-data")


def test_anonymous_visitors_are_sent_to_log_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/admin/import/")
    assert response.status_code == 302 and "/login" in response.location


def test_upload_without_a_csrf_token_is_refused(app: Flask, client, make_user, auth) -> None:  # type: ignore[no-untyped-def]
    make_user()
    auth.login()
    response = upload(client, [("a.txt", TEXT)], token="")
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 0


def test_several_files_and_a_zip_give_a_line_per_file(app: Flask, client, make_user, auth) -> None:  # type: ignore[no-untyped-def]
    make_user()
    auth.login()
    seed = (SEED_DIR / "003_dbfe13b045685826.txt").read_bytes()
    files = [
        ("a.txt", TEXT),
        ("bundle.zip", zipped({"in/b.md": b"# Zipped\n\nZipped text here.\n", "notes.pdf": b"%"})),
        ("bad.json", b"{oops"),
        ("003.txt", seed),
    ]
    response = upload(client, files)
    assert response.status_code == 302
    report = client.get(response.location)
    html = report.text
    assert "Import #1" in html and "Finished" in html
    for name, outcome in [
        ("a.txt", "created"),
        ("bundle.zip/in/b.md", "created"),
        ("bundle.zip/notes.pdf", "skipped"),
        ("bad.json", "rejected"),
        ("003.txt", "created"),
    ]:
        assert re.search(rf"<th scope=\"row\">{re.escape(name)}</th>\s*<td>{outcome}</td>", html)
    assert "malformed JSON at line 1" in html
    assert "open warning" in html and "pending suggestion" in html
    with app.app_context():
        ap = db.session.scalar(select(Article).where(Article.title.startswith("Putin visits")))
        assert f"/admin/articles/edit/?id={ap.id}" in html
        batch = db.session.get(ImportBatch, 1)
        assert (batch.channel, batch.user.username) == ("upload", "editor")
    # The same files again: duplicates linked to the originals, nothing new.
    again = client.get(upload(client, files[:1]).location).text
    assert "duplicate of a-headline" in again and "(the original)" in again


def test_the_provenance_card_on_the_edit_page(app: Flask, client, make_user, auth) -> None:  # type: ignore[no-untyped-def]
    make_user()
    auth.login()
    seed = (SEED_DIR / "003_dbfe13b045685826.txt").read_bytes()
    upload(client, [("pack.zip", zipped({"seeds/003.txt": seed}))])
    with app.app_context():
        article = db.session.scalar(select(Article))
        warning = db.session.scalar(select(ImportWarning).where(ImportWarning.field == "url"))
        article_id, warning_id = article.id, warning.id
    html = client.get(f"/admin/articles/edit/?id={article_id}").text
    assert "Provenance" in html
    assert "pack.zip → seeds/003.txt" in html
    assert "wire copy</strong> (credit AP/)" in html
    assert "excerpt</strong> (read the full article)" in html
    assert "Credit: AP/Pavel Bednyakov" in html  # the caption, kept apart
    # Confirming a warning resolves it, and it says who did.
    page = client.get(f"/admin/articles/edit/?id={article_id}")
    client.post(
        f"/admin/import/warning/{warning_id}/confirm", data={"csrf_token": csrf_token(page.text)}
    )
    with app.app_context():
        warning = db.session.get(ImportWarning, warning_id)
        assert warning.resolved_at is not None and warning.resolved_by.username == "editor"


def test_over_the_size_limit_is_a_friendly_page(app: Flask, client, make_user, auth) -> None:  # type: ignore[no-untyped-def]
    # Kept under the test client's 500 KB spooling threshold, so no temporary file is left open.
    app.config["MAX_CONTENT_LENGTH"] = 100 * 1024
    make_user()
    auth.login()
    response = upload(client, [("big.txt", b"Title\n\n" + b"word " * 40_000)])
    assert response.status_code == 413
    assert "larger than 100 KB together" in response.text
    assert "Back to the upload form" in response.text


def test_undo_removes_untouched_articles_and_lists_the_kept(
    app: Flask, client, make_user, auth
) -> None:  # type: ignore[no-untyped-def]
    make_user()
    auth.login()
    response = upload(client, [("a.txt", TEXT), ("b.txt", b"Other headline\n\nOther text.\n")])
    batch_url = response.location
    with app.app_context():
        kept = db.session.scalar(select(Article).where(Article.title == "Other headline"))
        kept_id, version = kept.id, kept.version
    page = client.get(f"/admin/articles/edit/?id={kept_id}")
    form = {"csrf_token": csrf_token(page.text), "title": "Other headline, edited"}
    client.post(f"/admin/articles/edit/?id={kept_id}", data=_edit_form(page.text) | form)
    with app.app_context():
        assert db.session.get(Article, kept_id).version > version, "the edit did not save"
    report = client.get(batch_url)
    undone = client.post(batch_url + "/undo", data={"csrf_token": csrf_token(report.text)}).text
    assert "Removed 1 article" in undone and "A headline" in undone
    assert "Other headline, edited: an editor has saved it" in undone
    with app.app_context():
        titles = set(db.session.scalars(select(Article.title)))
        assert titles == {"Other headline, edited"}


def _edit_form(html: str) -> dict[str, str]:
    """The edit form's current values, as the browser would send them back."""
    fields = dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))
    fields |= {
        name: text
        for name, text in re.findall(
            r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S
        )
    }
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option[^>]*selected[^>]*value="([^"]*)"', body) or re.search(
            r'<option[^>]*value="([^"]*)"[^>]*selected', body
        )
        fields[name] = chosen.group(1) if chosen else ""
    return fields


def test_the_undo_button_is_csrf_protected(app: Flask, client, make_user, auth) -> None:  # type: ignore[no-untyped-def]
    make_user()
    auth.login()
    batch_url = upload(client, [("a.txt", TEXT)]).location
    assert client.post(batch_url + "/undo", data={}).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count(Article.id))) == 1


def test_a_large_batchs_report_comes_a_page_at_a_time_and_by_outcome(
    app: Flask, client, make_user, auth, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from cms.queries import imports
    from cms.services import importing

    monkeypatch.setattr(imports, "REPORT_PAGE", 5)
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(12):
        (folder / f"{n:02}.txt").write_text(f"Headline {n}\n\nText number {n} of the pile.\n")
    (folder / "11-again.txt").write_text("Headline 11\n\nText number 11 of the pile.\n")
    (folder / "bad.json").write_text("{oops")
    with app.app_context():
        batch_id = importing.import_files(importing.find_files([folder]), channel="cli").batch_id
    make_user()
    auth.login()
    listing = client.get("/admin/imports/").text
    assert f'href="/admin/import/batch/{batch_id}"' in listing
    assert "12 created, 1 duplicate, 0 skipped, 1 rejected</a> (finished)" in listing
    first = client.get(f"/admin/import/batch/{batch_id}").text
    assert "all (14)" in first and "Page 1 of 3" in first
    assert "many/00.txt" in first and "many/05.txt" not in first
    third = client.get(f"/admin/import/batch/{batch_id}?page=3").text
    assert "many/bad.json" in third and "many/00.txt" not in third
    rejected = client.get(f"/admin/import/batch/{batch_id}?outcome=rejected").text
    assert "many/bad.json" in rejected and "many/00.txt" not in rejected
    assert "Page 1 of" not in rejected  # one line: no pages
    assert "Undo this batch" in first

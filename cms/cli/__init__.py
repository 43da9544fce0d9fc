"""Command-line commands: each a thin call into services, committing once when it succeeds."""

from flask import Flask

from cms.cli import analysis, articles, backup, importing, search, seeding, users


def register(app: Flask) -> None:
    app.cli.add_command(seeding.seed_command)
    app.cli.add_command(importing.import_command)
    app.cli.add_command(users.users_group)
    app.cli.add_command(search.search_group)
    app.cli.add_command(articles.articles_group)
    app.cli.add_command(analysis.analyse_command)
    app.cli.add_command(analysis.suggest_command)
    app.cli.add_command(backup.backup_command)
    app.cli.add_command(backup.export_command)
    app.cli.add_command(backup.restore_command)

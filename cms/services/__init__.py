"""The only code that writes to the database.

Admin views, CLI commands, seeding and tests call these functions. They flush; the request or
the command commits once.
"""

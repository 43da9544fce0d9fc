"""List filters that read enum values as stored ("in review"), and ignore values that are not.

Flask-Admin's enum filters look members up by name, so its own dropdown (which offers values)
and any made-up ``flt0_0=`` value ended in a KeyError and a 500. Here a value that is not a
member is a ValueError, which Flask-Admin treats as an invalid filter: flashed and ignored.
"""

from __future__ import annotations

from typing import Any

from flask_admin.contrib.sqla import filters


def _by_value(enum_class: Any, value: str) -> Any:
    return enum_class(value) if enum_class is not None else value


class EnumEqual(filters.EnumEqualFilter):
    def clean(self, value: Any) -> Any:
        return _by_value(self.enum_class, value)


class EnumNotEqual(filters.EnumFilterNotEqual):
    def clean(self, value: Any) -> Any:
        return _by_value(self.enum_class, value)


class EnumInList(filters.EnumFilterInList):
    def clean(self, value: Any) -> Any:
        return [_by_value(self.enum_class, v.strip()) for v in value.split(",") if v.strip()]


class EnumNotInList(filters.EnumFilterNotInList):
    def clean(self, value: Any) -> Any:
        return [_by_value(self.enum_class, v.strip()) for v in value.split(",") if v.strip()]


class FilterConverter(filters.FilterConverter):
    enum = (EnumEqual, EnumNotEqual, filters.EnumFilterEmpty, EnumInList, EnumNotInList)

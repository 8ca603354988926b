"""Error classes with stable codes; every message says what happened, where, and what to do."""

from __future__ import annotations


class PoscheckError(Exception):
    """Base class. `code` is stable (searchable); `str()` is the full message for people."""

    code = "P000"

    def __init__(self, message: str, *, source: str | None = None, remedy: str | None = None):
        self.source = source
        self.remedy = remedy
        self.detail = message
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.source}: " if self.source else ""
        tail = f" {self.remedy}" if self.remedy else ""
        return f"[{self.code}] {where}{self.detail}.{tail}".replace("..", ".")


class UsageProblem(PoscheckError):
    """Options or targets that cannot work together (exit code 2)."""

    code = "P100"


class FetchError(PoscheckError):
    """A URL could not be fetched (unreachable, timeout, HTTP error, robots.txt)."""

    code = "P200"


class ExtractError(PoscheckError):
    """A file could not be read or turned into text (corrupt, unsupported, empty)."""

    code = "P300"


class UnsupportedFile(ExtractError):
    code = "P301"


class RuleError(PoscheckError):
    """A rule file is invalid (schema, regex, example)."""

    code = "P400"


class InputTableError(PoscheckError):
    """A CSV/XLSX/YAML input lacks a column or field poscheck needs."""

    code = "P500"


class RegistryError(PoscheckError):
    """A registry import file cannot be read."""

    code = "P600"

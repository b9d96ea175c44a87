"""Load the course data: one call returns a typed DataFrame that has passed its Table Schema.

    >>> from northeast.data import load
    >>> claims = load("claims")

Validation is Frictionless's (``data/datapackage.json`` is the single description of every
table); this module only turns its report into one readable error and types the frame.
"""
from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

from northeast.labels import FLAG_LABELS, SECTION_NAMES  # noqa: F401  (re-exported)

# NORTHEAST_DATA_DIR points the whole course (notebooks included) at another copy of the data,
# e.g. the test that proves nbval notices a changed value.
DATA_DIR = Path(os.environ.get("NORTHEAST_DATA_DIR") or Path(__file__).resolve().parent.parent / "data")
DESCRIPTOR = "datapackage.json"

# Frictionless field types -> pandas dtypes. Nullable dtypes keep empty cells as <NA>
# instead of silently turning integer columns into floats.
_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "Float64",
    "boolean": "boolean",
    "year": "Int64",
}
_MAX_ERRORS_SHOWN = 10

class DataValidationError(ValueError):
    """A data file does not match its schema. The message names file, row and field."""

    def __init__(self, path: Path, problems: list[str]):
        self.path = Path(path)
        self.problems = problems
        shown = problems[:_MAX_ERRORS_SHOWN]
        more = len(problems) - len(shown)
        lines = [f"{self.path}: refused, {len(problems)} problem(s):"]
        lines += [f"  - {p}" for p in shown]
        if more:
            lines.append(f"  … and {more} more")
        super().__init__("\n".join(lines))


def descriptor(path: Path | str | None = None) -> dict:
    """The data package descriptor (parsed ``datapackage.json``) of ``path`` (default: data/)."""
    folder = Path(path) if path is not None else DATA_DIR
    file = folder / DESCRIPTOR
    try:
        return json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataValidationError(file, ["the data package descriptor is missing"]) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(file, [f"not valid UTF-8 JSON ({exc})"]) from None


def table_names(path: Path | str | None = None) -> list[str]:
    return [res["name"] for res in descriptor(path)["resources"]]


def _resource_descriptor(name: str, folder: Path) -> dict:
    for res in descriptor(folder)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no table named {name!r} in {folder / DESCRIPTOR}; tables: {table_names(folder)}")


def _precheck_file(file: Path) -> None:
    """Problems Frictionless reports vaguely or not at all: a missing, empty or non-UTF-8 file."""
    if not file.exists():
        raise DataValidationError(file, ["file not found"])
    raw = file.read_bytes()
    if not raw.strip():
        raise DataValidationError(file, ["the file is empty (expected a header row and data rows)"])
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            file, [f"line {line}: not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); save the file as UTF-8"]
        ) from None


def _describe(error) -> str:
    """One line per Frictionless error: row, field, what is wrong."""
    where = []
    row = getattr(error, "row_number", None)
    if row is not None:
        where.append(f"row {row}")
    field = getattr(error, "field_name", None)
    if field:
        where.append(f"field '{field}'")
    cell = getattr(error, "cell", None)
    prefix = ", ".join(where)
    detail = error.note or error.message
    if cell not in (None, ""):
        detail = f"value {cell!r}: {detail}"
    return f"{prefix}: {error.title.lower()}: {detail}" if prefix else f"{error.title.lower()}: {detail}"


def validate(name: str, path: Path | str | None = None) -> None:
    """Raise DataValidationError if table ``name`` breaks its schema (types, constraints, keys)."""
    from frictionless import Package, system

    folder = Path(path) if path is not None else DATA_DIR
    res = _resource_descriptor(name, folder)
    file = folder / res["path"]
    _precheck_file(file)
    # Validate through the package so foreign keys to the other tables are checked too.
    with system.use_context(trusted=True):
        package = Package(str(folder / DESCRIPTOR))
        report = package.get_resource(name).validate()
    if not report.valid:
        problems = [_describe(err) for task in report.tasks for err in task.errors]
        raise DataValidationError(file, problems or ["invalid (no detail from the validator)"])
    problems = _unit_range_problems(res, _read(name, folder))
    if problems:
        raise DataValidationError(file, problems)


def _unit_range_problems(res: dict, frame: pd.DataFrame) -> list[str]:
    """Ranges that depend on another field (percent vs rank ...), declared as x-unit-ranges."""
    ranges = {k: v for k, v in res["schema"].get("x-unit-ranges", {}).items() if not k.startswith("_")}
    problems = []
    for position, (unit, value) in enumerate(zip(frame.get("unit", []), frame.get("value", []))):
        limits = ranges.get(unit)
        if limits is None or pd.isna(value):
            continue
        low, high = limits.get("minimum", float("-inf")), limits.get("maximum", float("inf"))
        if not low <= value <= high:
            # Row numbers count the header as row 1, like Frictionless's.
            problems.append(
                f"row {position + 2}, field 'value': value {value:g} is out of range for unit '{unit}' "
                f"(expected {low:g} to {high:g})"
            )
    return problems


def _read(name: str, folder: Path) -> pd.DataFrame:
    res = _resource_descriptor(name, folder)
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: _DTYPES.get(f.get("type", "string"), "string") for f in fields}
    # Read everything as text first: pandas' own inference would turn "007" into 7 or
    # "true" into a bool before the schema gets a say.
    frame = pd.read_csv(folder / res["path"], dtype=str, keep_default_na=False, encoding="utf-8")
    frame = frame[[f["name"] for f in fields]]
    for column, dtype in dtypes.items():
        text = frame[column].str.strip()
        if dtype == "boolean":
            frame[column] = text.str.lower().map({"true": True, "false": False, "": pd.NA}).astype("boolean")
        elif dtype in ("Int64", "Float64"):
            frame[column] = pd.to_numeric(text.replace("", None)).astype(dtype)
        else:
            frame[column] = text.replace("", pd.NA).astype("string")
    return frame


@lru_cache(maxsize=None)
def _load_cached(name: str, folder: str, stamp: tuple) -> pd.DataFrame:
    validate(name, folder)
    return _read(name, Path(folder))


def load(name: str, path: Path | str | None = None) -> pd.DataFrame:
    """Validated, typed DataFrame of table ``name`` (``claims``, ``entities``, ``glossary``).

    ``path`` is a folder with a ``datapackage.json`` (default: the course's ``data/``).
    Raises DataValidationError naming file, row and field when the data breaks its schema.
    The result is a fresh copy, so callers may modify it.
    """
    folder = (Path(path) if path is not None else DATA_DIR).resolve()
    # Cache on the files' modification times so an edited file is re-validated.
    stamp = tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*") if p.is_file()))
    return _load_cached(name, str(folder), stamp).copy()

"""Load the course data: one call returns a typed DataFrame that has passed its Table Schema.

    >>> from northeast.data import load
    >>> claims = load("claims")

Validation is Frictionless's (``data/datapackage.json`` is the single description of every
table); this module only turns its report into one readable error and types the frame.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import math
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    """A data file does not match its schema. The message names file, row and field.

    Raised without a chained traceback; in IPython/Jupyter it is shown as its message alone
    (``_render_traceback_``), since the reader needs the file and the problem, not our call stack.
    """

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

    def _render_traceback_(self) -> list[str]:
        return [f"DataValidationError: {line}" if i == 0 else line for i, line in enumerate(str(self).splitlines())]


def _folder(path: Path | str | None) -> Path:
    """The data folder to read: ``path``, else ``DATA_DIR`` (NORTHEAST_DATA_DIR when set)."""
    folder = Path(path) if path is not None else DATA_DIR
    from_env = path is None and bool(os.environ.get("NORTHEAST_DATA_DIR"))
    via = " (set by NORTHEAST_DATA_DIR)" if from_env else ""
    if not folder.exists():
        raise DataValidationError(folder, [f"the data folder{via} does not exist"])
    if not folder.is_dir():
        raise DataValidationError(folder, [f"the data folder{via} is a file; it must be a folder holding "
                                           f"{DESCRIPTOR} and the CSV files it names"])
    return folder.resolve()


def _structure_problems(desc: Any) -> list[str]:
    """What the loader needs of a descriptor before anything else can be checked."""
    if not isinstance(desc, dict):
        return [f"the descriptor must be a JSON object, not {type(desc).__name__}"]
    resources = desc.get("resources")
    if not isinstance(resources, list) or not resources:
        return ["'resources' must be a non-empty list of tables, found "
                + ("nothing" if resources is None else f"{json.dumps(resources)[:40]}")]
    problems = []
    for k, res in enumerate(resources):
        if not isinstance(res, dict):
            problems.append(f"resources[{k}] must be an object")
            continue
        label = f"resources[{k}] ({res.get('name')!r})" if isinstance(res.get("name"), str) else f"resources[{k}]"
        for key, kind in (("name", str), ("path", str), ("schema", dict)):
            if not isinstance(res.get(key), kind):
                problems.append(f"{label}: '{key}' must be a {'string' if kind is str else 'object'}")
        schema = res.get("schema")
        if isinstance(schema, dict) and not (isinstance(schema.get("fields"), list) and schema["fields"]
                                             and all(isinstance(f, dict) and isinstance(f.get("name"), str)
                                                     for f in schema["fields"])):
            problems.append(f"{label}: 'schema.fields' must be a non-empty list of fields with names")
    return problems


def descriptor(path: Path | str | None = None) -> dict:
    """The data package descriptor (parsed ``datapackage.json``) of ``path`` (default: data/)."""
    return copy.deepcopy(_descriptor(_folder(path)))


def _descriptor(folder: Path) -> dict:
    file = folder / DESCRIPTOR
    if file.is_dir():
        raise DataValidationError(file, ["is a folder; the data package descriptor must be a JSON file"])
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise DataValidationError(file, ["the data package descriptor is missing"]) from None
    return _parse_descriptor(raw, str(file))


@lru_cache(maxsize=32)
def _parse_descriptor(raw: bytes, file: str) -> dict:
    try:
        desc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataValidationError(Path(file), [f"not valid UTF-8 JSON ({exc})"]) from None
    problems = _structure_problems(desc)
    if problems:
        raise DataValidationError(Path(file), problems)
    return desc


def table_names(path: Path | str | None = None) -> list[str]:
    return [res["name"] for res in _descriptor(_folder(path))["resources"]]


def _resource_descriptor(name: str, folder: Path) -> dict:
    for res in _descriptor(folder)["resources"]:
        if res["name"] == name:
            return res
    raise KeyError(f"no table named {name!r} in {folder / DESCRIPTOR}; tables: {table_names(folder)}")


def _resource_file(res: dict, folder: Path) -> Path:
    """The resource's file, refused unless it lies inside the data folder (no absolute paths, URLs,
    '..' or symlinks leading out): nothing outside the folder is ever read."""
    raw = res["path"]
    relative = Path(raw)
    if "://" in raw or relative.is_absolute() or ".." in relative.parts or not raw.strip():
        raise DataValidationError(folder / DESCRIPTOR, [
            f"table {res['name']!r}: path {raw!r} is outside the data folder; give a file name inside {folder}"])
    file = (folder / relative).resolve()
    if not file.is_relative_to(folder):
        raise DataValidationError(folder / DESCRIPTOR, [
            f"table {res['name']!r}: path {raw!r} leads outside the data folder (to {file})"])
    return file


def _precheck_file(file: Path) -> bytes:
    """Problems Frictionless reports vaguely or not at all: a missing, empty, header-only or
    non-UTF-8 file, or a folder where the file should be. Returns the file's bytes."""
    if not file.exists():
        raise DataValidationError(file, ["file not found"])
    if file.is_dir():
        raise DataValidationError(file, ["is a folder, not a CSV file"])
    raw = file.read_bytes()
    if not raw.strip():
        raise DataValidationError(file, ["the file is empty (expected a header row and data rows)"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataValidationError(
            file, [f"line {line}: not UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start}); save the file as UTF-8"]
        ) from None
    if sum(1 for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)) < 2:
        raise DataValidationError(file, ["the file has a header row but no data rows"])
    return raw


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
    from frictionless import Package

    folder = _folder(path)
    desc = _descriptor(folder)
    res = _resource_descriptor(name, folder)
    # Every table's path is checked, not only this one's: the foreign-key check reads the others.
    for other in desc["resources"]:
        _resource_file(other, folder)
    file = _resource_file(res, folder)
    _precheck_file(file)
    # Validate through the package so foreign keys to the other tables are checked too. Not
    # trusted: Frictionless itself then also refuses unsafe paths.
    try:
        package = Package(str(folder / DESCRIPTOR))
        report = package.get_resource(name).validate()
    except Exception as exc:  # the descriptor or a file is broken in a way Frictionless rejects outright
        raise DataValidationError(folder / DESCRIPTOR, [f"the validator refused the package: {exc}"]) from None
    if not report.valid:
        problems = [_describe(err) for task in report.tasks for err in task.errors]
        raise DataValidationError(file, problems or ["invalid (no detail from the validator)"])
    problems = _non_finite_problems(res, file)
    if problems:
        raise DataValidationError(file, problems)
    problems = _unit_range_problems(res, _read(name, folder))
    if problems:
        raise DataValidationError(file, problems)


def _non_finite_problems(res: dict, file: Path) -> list[str]:
    """Numbers the schema accepts but arithmetic cannot use: 1e400 (inf as a float), inf, nan."""
    numeric = [f["name"] for f in res["schema"]["fields"] if f.get("type") in ("number", "integer")]
    problems = []
    with file.open(encoding="utf-8", newline="") as handle:
        for position, record in enumerate(csv.DictReader(handle)):
            for column in numeric:
                text = (record.get(column) or "").strip()
                if not text:
                    continue
                try:
                    finite = math.isfinite(float(text))
                except ValueError:
                    continue  # not a number at all: the schema check has reported it
                if not finite:
                    problems.append(f"row {position + 2}, field '{column}': value {text!r} is not a finite number "
                                    "(too large, infinite or not a number)")
    return problems


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
    frame = pd.read_csv(_resource_file(res, folder), dtype=str, keep_default_na=False, encoding="utf-8")
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


def _content_key(folder: Path) -> str:
    """A digest of the descriptor and every table file: the cache key, so an edited file is
    re-validated even when its size and modification time did not change."""
    digest = hashlib.sha256()
    try:
        desc = _descriptor(folder)
        files = [folder / DESCRIPTOR, *(_resource_file(res, folder) for res in desc["resources"])]
    except DataValidationError:
        return "invalid"  # validate() will raise the same error with its message
    for file in files:
        digest.update(str(file.relative_to(folder)).encode())
        digest.update(file.read_bytes() if file.is_file() else b"\0missing")
    return digest.hexdigest()


def _validation_marks() -> Path:
    """Where the tables found valid are remembered: the user's cache (``$XDG_CACHE_HOME`` or
    ``~/.cache``), shared by every process, each kernel included."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "northeast" / "valid-tables"


@lru_cache(maxsize=1)
def _validator_identity() -> bytes:
    """What a validation result depends on besides the data: this module and its libraries."""
    from importlib.metadata import version
    return hashlib.sha256(Path(__file__).read_bytes() + version("frictionless").encode()
                          + pd.__version__.encode()).digest()


def _validate_once(name: str, folder: str, key: str) -> None:
    """validate() the table, unless these very bytes (descriptor and every table, ``key``) were
    found valid before by this same validator, in any process. Every notebook kernel, grader and
    test loads the same tables; validating them costs each about 0.3 s (Frictionless alone takes
    half of it to import). An edited byte, another validator or a table that failed: validated
    again. Only a success is remembered; a home that can't be written to just validates each time."""
    mark = _validation_marks() / hashlib.sha256(f"{name}\0{key}".encode() + _validator_identity()).hexdigest()
    if key != "invalid" and mark.is_file():
        return
    validate(name, folder)
    try:
        mark.parent.mkdir(parents=True, exist_ok=True)
        written = mark.with_name(f"{mark.name}.{os.getpid()}")
        written.write_text(f"{name}\n")
        os.replace(written, mark)  # whole or not at all, whichever process writes it
    except OSError:
        pass


@lru_cache(maxsize=32)
def _load_cached(name: str, folder: str, key: str) -> pd.DataFrame:
    _validate_once(name, folder, key)
    return _read(name, Path(folder))


@lru_cache(maxsize=32)
def _rows_by_id_cached(name: str, folder: str, key: str) -> dict[str, tuple[dict, ...]]:
    groups: dict[str, list[dict]] = {}
    for record in _load_cached(name, folder, key).to_dict("records"):
        groups.setdefault(record["id"], []).append(record)
    return {row_id: tuple(records) for row_id, records in groups.items()}


def rows_by_id(name: str, path: Path | str | None = None) -> dict[str, tuple[dict, ...]]:
    """Table ``name``'s validated rows as dicts, grouped by their ``id``: for look-ups by id many
    times over (a filter over the DataFrame per look-up is a thousand times slower). Cached with
    the table and shared: copy a row before changing it."""
    folder = _folder(path)
    return _rows_by_id_cached(name, str(folder), _content_key(folder))


def load(name: str, path: Path | str | None = None) -> pd.DataFrame:
    """Validated, typed DataFrame of table ``name`` (``claims``, ``entities``, ``glossary``).

    ``path`` is a folder with a ``datapackage.json`` (default: the course's ``data/``).
    Raises DataValidationError naming file, row and field when the data breaks its schema.
    The result is a fresh copy, so callers may modify it.
    """
    folder = _folder(path)
    return _load_cached(name, str(folder), _content_key(folder)).copy()


def main(argv: list[str] | None = None) -> int:
    """``python -m northeast.data [FOLDER]``: validate every table; print what is wrong, no traceback."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m northeast.data", description=main.__doc__)
    parser.add_argument("folder", nargs="?", help="a data folder (default: NORTHEAST_DATA_DIR or data/)")
    args = parser.parse_args(argv)
    try:
        for name in table_names(args.folder):
            rows = len(load(name, args.folder))
            print(f"{name}: {rows} rows, valid")
    except DataValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

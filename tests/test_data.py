"""The shipped data: schema validity, quotes, derived column, entities, glossary, and the loader's
refusal of broken copies (fault injection on copies in tmp_path; the originals must not change)."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from northeast import derive
from northeast.data import DATA_DIR, DataValidationError, load

REPO = Path(__file__).resolve().parents[1]
SEED_DIR = REPO.parent / "shared" / "seed"
OVERLAP_TOOL = REPO.parent / "shared" / "tools" / "seed_overlap.py"
TABLES = ("claims", "entities", "glossary")


# --------------------------------------------------------------------------- helpers
def seed_text() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"seed text not found in {SEED_DIR} (it lives outside the repository); quote checks skipped")
    return files[0].read_text(encoding="utf-8")


def essay_body(text: str) -> str:
    """The translator's introduction through section Four (not the site menu or the notes)."""
    start = text.find("\nIntroduction\n")
    end = text.find("\nNotes\n")
    assert start != -1 and end > start, "seed layout changed: cannot find 'Introduction' ... 'Notes'"
    return text[start:end]


def data_hashes(folder: Path = DATA_DIR) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def claims() -> pd.DataFrame:
    return load("claims")


@pytest.fixture(scope="module")
def entities() -> pd.DataFrame:
    return load("entities")


@pytest.fixture(scope="module")
def glossary() -> pd.DataFrame:
    return load("glossary")


# --------------------------------------------------------------------------- shipped data
@pytest.mark.parametrize("name", TABLES)
def test_shipped_table_validates(name):
    from northeast.data import validate
    validate(name)  # itself, not a remembered result (below)
    assert len(load(name)) > 0


def test_package_descriptor_is_complete():
    pkg = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["profile"] == "tabular-data-package"
    assert {r["name"] for r in pkg["resources"]} == set(TABLES)
    assert any(lic["name"] == "CC-BY-4.0" for lic in pkg["licenses"])
    assert any("readingthechinadream.com" in s["path"] for s in pkg["sources"])
    for res in pkg["resources"]:
        assert res["path"] == f"{res['name']}.csv" and res["encoding"] == "utf-8"
        assert res["title"] and res["description"]
        schema = res["schema"]
        assert schema["primaryKey"] == ["id"]
        for f in schema["fields"]:
            assert f.get("type") and f.get("title") and f.get("description"), f"{res['name']}.{f['name']}"
        header = (DATA_DIR / res["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [f["name"] for f in schema["fields"]], f"{res['path']} columns differ from its schema"
    claims_res = next(r for r in pkg["resources"] if r["name"] == "claims")
    assert claims_res["schema"]["foreignKeys"] == [
        {"fields": ["entity"], "reference": {"resource": "entities", "fields": ["id"]}}]


@pytest.mark.parametrize("name", TABLES)
def test_ids_unique_and_slugs(name):
    ids = load(name)["id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"[a-z0-9_]+").all()


def test_claim_count(claims):
    # one row per printed number: the essay prints well over 150
    assert 150 <= len(claims) <= 220
    assert set(claims["section"]) == {"introduction", "summary", "one", "two", "three", "four"}


def test_quotes_are_verbatim_and_short(claims):
    body = essay_body(seed_text())
    missing = [cid for cid, q in zip(claims["id"], claims["quote"]) if q not in body]
    assert not missing, f"quotes not found verbatim in the essay: {missing}"


def test_quotes_at_most_12_words(claims):
    too_long = {cid: len(q.split()) for cid, q in zip(claims["id"], claims["quote"]) if len(q.split()) > 12}
    assert not too_long


def test_quote_contains_the_number(claims):
    bad = [r.id for r in claims.itertuples() if r.value_printed.lower() not in r.quote.lower()]
    assert not bad, f"quote does not contain value_printed: {bad}"


def test_usd_at_7_14_equals_recomputation(claims):
    text = (DATA_DIR / "claims.csv").read_text(encoding="utf-8")
    assert derive.recompute(text) == text, "run `python -m northeast.derive`"
    money = claims["unit"] == "billion_rmb"
    expected = (claims.loc[money, "value"] / 7.14).round(4)
    assert (claims.loc[money, "usd_at_7_14_billion"] - expected).abs().max() < 1e-9
    assert claims.loc[~money, "usd_at_7_14_billion"].isna().all()


def test_usd_printed_billion_matches_printed_text(claims):
    scale = {"million": 1e-3, "billion": 1.0, "trillion": 1e3}
    with_usd = claims[claims["usd_printed"].notna()]
    assert len(with_usd) >= 30
    for r in with_usd.itertuples():
        number, unit = r.usd_printed.split()
        assert abs(float(number) * scale[unit] - r.usd_printed_billion) < 1e-9, r.id
        assert r.unit == "billion_rmb", r.id
    assert claims.loc[claims["usd_printed"].isna(), "usd_printed_billion"].isna().all()


def test_value_matches_value_printed(claims):
    """Numerals: value = printed number x unit scale (trillion -> 1000 billion, million -> 0.001 ...)."""
    scale = {"trillion RMB": 1000}
    for r in claims.itertuples():
        text = r.value_printed.replace(",", "")
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", text):
            continue
        expected = float(text) * scale.get(r.unit_printed if isinstance(r.unit_printed, str) else "", 1)
        assert abs(r.value - expected) < 1e-9, (r.id, r.value_printed, r.value)


def test_ranges_are_pairs(claims):
    """A printed range is two rows whose ids differ only in _low/_high."""
    by_id = claims.set_index("id")
    low = claims[claims["qualifier"] == "low"]
    assert len(low) == (claims["qualifier"] == "high").sum() >= 5
    for r in low.itertuples():
        assert "_low" in r.id, r.id
        high = by_id.loc[r.id.replace("_low", "_high", 1)]
        assert high["qualifier"] == "high" and high["value"] > r.value
        assert (high["indicator"], high["entity"], high["section"]) == (r.indicator, r.entity, r.section)


def test_units_and_ranges(claims):
    pct = claims[claims["unit"] == "percent"]["value"]
    assert pct.between(0, 200).all()
    years = claims[claims["unit"] == "year"]["value"]
    assert years.between(1800, 2100).all()
    both = claims.dropna(subset=["year_start", "year_end"])
    assert (both["year_start"] <= both["year_end"]).all()
    assert (claims["year_end"].isna() | claims["year_start"].notna()).all()


def test_flags_are_explained(claims):
    flagged = claims["flag"].notna()
    assert claims.loc[flagged, "flag_note"].notna().all()
    assert claims.loc[~flagged, "flag_note"].isna().all()
    assert claims.loc[~flagged, "value_corrected"].isna().all()
    assert claims.loc[claims["flag"] == "conversion_mismatch", "value_corrected"].isna().all()
    slips = claims[claims["flag"] == "unit_slip"]
    assert len(slips) == 3
    assert ((slips["value_corrected"] - slips["value"] * 1000).abs() < 1e-6).all()


def test_relative_indicators_name_a_known_yardstick(claims, entities):
    non_entities = {"national", "current", "fiscal_revenue"}
    for indicator in claims["indicator"].unique():
        if "_pct_of_" in indicator:
            yardstick = indicator.split("_pct_of_", 1)[1]
            assert yardstick in non_entities or yardstick in set(entities["id"]), indicator


def test_notes_flagged_by_brief(claims):
    by_id = claims.set_index("id")
    assert "currency" in by_id.loc["city_gdp_hangzhou_2002", "note"]
    assert "small" in by_id.loc["faw_credit_2018", "note"]
    assert "average" in by_id.loc["net_transfer_northeast_2020", "note"]


# --------------------------------------------------------------------------- entities
NBS = {
    "northeast": {"liaoning", "jilin", "heilongjiang"},
    "coastal": {"beijing", "tianjin", "hebei", "shanghai", "jiangsu", "zhejiang", "fujian", "shandong",
                "guangdong", "hainan"},
    "central": {"shanxi", "anhui", "jiangxi", "henan", "hubei", "hunan"},
    "western": {"inner_mongolia", "guangxi", "chongqing", "sichuan", "guizhou", "yunnan", "tibet", "shaanxi",
                "gansu", "qinghai", "ningxia", "xinjiang"},
}
PROVINCIAL = ("province", "municipality", "autonomous_region")


def test_31_provinces_on_a_tile_grid(entities):
    prov = entities[entities["kind"].isin(PROVINCIAL)]
    assert len(prov) == 31
    assert {k: set(g["id"]) for k, g in prov.groupby("region_group")} == NBS
    assert prov["grid_row"].notna().all() and prov["grid_col"].notna().all()
    cells = list(zip(prov["grid_row"], prov["grid_col"]))
    assert len(set(cells)) == 31, "two provinces share a cell"
    other = entities[~entities["kind"].isin(PROVINCIAL)]
    assert other[["region_group", "grid_row", "grid_col"]].isna().all().all()


def test_tile_grid_looks_like_china(entities):
    g = entities.set_index("id")
    row, col = g["grid_row"], g["grid_col"]
    prov = g[g["kind"].isin(PROVINCIAL)]
    assert row["heilongjiang"] == prov["grid_row"].min() and col["heilongjiang"] == prov["grid_col"].max()
    assert col["xinjiang"] == prov["grid_col"].min()
    assert row["hainan"] == prov["grid_row"].max()
    assert col["tibet"] < col["sichuan"] and row["tibet"] == row["sichuan"]
    assert col["shanghai"] > col["jiangsu"] and row["shanghai"] == row["jiangsu"]
    assert row["jilin"] > row["heilongjiang"] and row["guangdong"] > row["hunan"]


def test_kinds_of_special_provinces(entities):
    kind = entities.set_index("id")["kind"]
    assert {i for i in kind.index if kind[i] == "municipality"} == {"beijing", "tianjin", "shanghai", "chongqing"}
    assert {i for i in kind.index if kind[i] == "autonomous_region"} == {
        "inner_mongolia", "guangxi", "tibet", "ningxia", "xinjiang"}


def test_entity_names(entities):
    assert entities["name_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    pinyin = entities.set_index("id")["pinyin"]
    assert pinyin["heilongjiang"] == "Hēilóngjiāng"
    assert pinyin["shaanxi"] != pinyin["shanxi"]


def test_every_claim_entity_exists(claims, entities):
    assert set(claims["entity"]) <= set(entities["id"])
    named = entities.set_index("id")["named_in_essay"]
    assert named[sorted(set(claims["entity"]))].all(), "claims refer only to entities the essay names"
    for required in ("china", "northeast", "northwest", "west", "central_china", "yangtze_river_delta",
                     "pearl_river_delta", "beijing_tianjin", "dalian", "shenyang", "hangzhou", "nanjing", "suzhou",
                     "changchun", "hegang", "vladivostok", "huawei", "faw", "saic", "gac", "russia", "north_korea"):
        assert required in set(entities["id"]), required
    assert (entities["kind"] == "industrial_belt").sum() >= 5


# --------------------------------------------------------------------------- glossary
def test_glossary(glossary):
    assert len(glossary) >= 20
    terms = " | ".join(glossary["term_en"]).lower()
    for term in ("rust belt", "transfer payment", "net transfer", "self-sufficiency", "sasac", "tax-sharing",
                 "incremental reform", "marginal revolution", "private economy", "township", "planned economy",
                 "congenital", "acquired", "two olds", "dependency ratio", "pension insurance gap",
                 "trade dependence", "foreign capital", "fourth pole", "getting old before getting rich",
                 "middle-income trap", "hegang", "resource-exhausted", "key project", "heavy industrial belt",
                 "aigun", "state-owned enterprise", "revitalization strategy"):
        assert term in terms, term
    assert glossary["term_zh"].str.contains(r"[\u4e00-\u9fff]").all()
    assert (glossary["definition"].str.split().str.len() <= 60).all()


# --------------------------------------------------------------------------- overlap with the essay
def test_no_long_runs_shared_with_the_essay():
    if not OVERLAP_TOOL.exists():
        pytest.skip(f"{OVERLAP_TOOL} not present (it lives outside the repository)")
    seed_text()  # skips if the seed is absent
    result = subprocess.run([sys.executable, str(OVERLAP_TOOL), str(DATA_DIR)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


# --------------------------------------------------------------------------- fault injection on copies
@pytest.fixture
def data_copy(tmp_path) -> Path:
    before = data_hashes()
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    yield copy
    assert data_hashes() == before, "the shipped data files changed during a fault-injection test"


def rewrite(folder: Path, name: str, edit) -> None:
    """Apply ``edit(rows)`` (rows: list of lists incl. the header) to folder/name."""
    path = folder / name
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows = edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def set_cell(row_id: str, column: str, value: str):
    def edit(rows):
        col = rows[0].index(column)
        hits = [r for r in rows[1:] if r[0] == row_id]
        assert hits, row_id
        for r in hits:
            r[col] = value
        return rows
    return edit


def data_row_number(folder: Path, name: str, row_id: str) -> int:
    """Row number as the validator counts it (header = row 1)."""
    rows = list(csv.reader(io.StringIO((folder / name).read_text(encoding="utf-8"))))
    return next(i for i, r in enumerate(rows, start=1) if r[0] == row_id)


def refused(folder: Path, table: str = "claims") -> str:
    with pytest.raises(DataValidationError) as info:
        load(table, path=folder)
    message = str(info.value)
    assert f"{table}.csv" in message, message
    return message


def test_a_table_found_valid_is_validated_again_only_when_a_byte_changes(data_copy, tmp_path, monkeypatch):
    """Every kernel, grader and test process loads the same tables: the first validates them, the
    others find them remembered in the user's cache (by content and validator). An edited byte is
    validated again, and refused if it is wrong."""
    from northeast import data
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    validated = []
    real = data.validate
    monkeypatch.setattr(data, "validate", lambda name, path=None: (validated.append(name), real(name, path)))

    def load_in_a_new_process(table: str = "claims"):
        data._load_cached.cache_clear()  # what a new process starts without
        return load(table, path=data_copy)

    load_in_a_new_process()
    assert validated == ["claims"]
    assert len(list((tmp_path / "cache" / "northeast" / "valid-tables").iterdir())) == 1
    load_in_a_new_process()
    assert validated == ["claims"], "validated again though nothing changed"
    rewrite(data_copy, "claims.csv", set_cell("gdp_share_northeast_2002", "value", "abc"))
    data._load_cached.cache_clear()
    message = refused(data_copy)
    assert validated == ["claims", "claims"] and "abc" in message
    with pytest.raises(DataValidationError):  # a refusal is not remembered
        load_in_a_new_process()
    assert validated == ["claims", "claims", "claims"]


def test_fault_missing_column(data_copy):
    rewrite(data_copy, "claims.csv", lambda rows: [r[:10] + r[11:] for r in rows])  # drop 'unit'
    message = refused(data_copy)
    assert "'unit'" in message and "label" in message


def test_fault_wrong_type(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("gdp_share_northeast_2002", "value", "abc"))
    message = refused(data_copy)
    row = data_row_number(data_copy, "claims.csv", "gdp_share_northeast_2002")
    assert f"row {row}" in message and "'value'" in message and "abc" in message


def test_fault_duplicate_id(data_copy):
    def dup(rows):
        rows.insert(5, list(rows[3]))
        return rows
    rewrite(data_copy, "claims.csv", dup)
    message = refused(data_copy)
    assert "row 6" in message and "'id'" in message and "unique" in message


def test_fault_percentage_out_of_range(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("gdp_share_northeast_2022", "value", "-4.8"))
    message = refused(data_copy)
    row = data_row_number(data_copy, "claims.csv", "gdp_share_northeast_2022")
    assert f"row {row}" in message and "'value'" in message and "minimum" in message


def test_fault_percentage_too_large(data_copy):
    # 114 instead of 11.4 is within the Table Schema's limits; the unit-dependent range refuses it.
    rewrite(data_copy, "claims.csv", set_cell("gdp_share_northeast_2002", "value", "1140"))
    message = refused(data_copy)
    row = data_row_number(data_copy, "claims.csv", "gdp_share_northeast_2002")
    assert f"row {row}, field 'value'" in message and "out of range for unit 'percent'" in message


def test_fault_year_out_of_range(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("gdp_share_northeast_2022", "year_start", "20222"))
    message = refused(data_copy)
    assert "'year_start'" in message and "maximum" in message


def test_fault_unknown_section(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("coase_birth_year", "section", "five"))
    message = refused(data_copy)
    row = data_row_number(data_copy, "claims.csv", "coase_birth_year")
    assert f"row {row}" in message and "'section'" in message and "five" in message


def test_fault_unknown_unit(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("coase_birth_year", "unit", "furlongs"))
    message = refused(data_copy)
    assert "'unit'" in message and "furlongs" in message


def test_fault_long_quote(data_copy):
    long_quote = "one two three four five six seven eight nine ten eleven twelve thirteen"
    rewrite(data_copy, "claims.csv", set_cell("coase_birth_year", "quote", long_quote))
    message = refused(data_copy)
    assert "'quote'" in message


def test_fault_empty_file(data_copy):
    (data_copy / "claims.csv").write_bytes(b"")
    message = refused(data_copy)
    assert "empty" in message


def test_fault_not_utf8(data_copy):
    path = data_copy / "entities.csv"
    path.write_bytes(path.read_bytes().replace("Hēilóngjiāng".encode("utf-8"), "Heilóngjiang".encode("latin-1")))
    message = refused(data_copy, "entities")
    assert "UTF-8" in message and "line" in message


def test_fault_broken_foreign_key(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("coase_birth_year", "entity", "atlantis"))
    message = refused(data_copy)
    row = data_row_number(data_copy, "claims.csv", "coase_birth_year")
    assert f"row {row}" in message and "entity" in message and "atlantis" in message


def test_fault_bad_entity_enum(data_copy):
    rewrite(data_copy, "entities.csv", set_cell("jilin", "region_group", "manchuria"))
    message = refused(data_copy, "entities")
    assert "'region_group'" in message


def test_fault_glossary_missing_definition(data_copy):
    rewrite(data_copy, "glossary.csv", set_cell("rust_belt", "definition", ""))
    message = refused(data_copy, "glossary")
    assert "'definition'" in message and "row 2" in message


def test_copy_of_good_data_loads(data_copy):
    for name in TABLES:
        assert load(name, path=data_copy).equals(load(name))


# --------------------------------------------------------------------------- bad input the loader must refuse clearly
def no_chained_traceback(error: DataValidationError) -> None:
    assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)
    assert error._render_traceback_()[0].startswith("DataValidationError: ")


def test_fault_number_too_large_for_a_float(data_copy):
    rewrite(data_copy, "claims.csv", set_cell("debt_write_off_2006", "value", "1e400"))
    message = refused(data_copy)
    row = data_row_number(data_copy, "claims.csv", "debt_write_off_2006")
    assert f"row {row}, field 'value'" in message and "'1e400'" in message and "finite" in message


def test_fault_header_only(data_copy):
    path = data_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert "no data rows" in refused(data_copy)


@pytest.mark.parametrize("descriptor, words", [
    ({"resources": {}}, "'resources' must be a non-empty list"),
    ({"resources": []}, "'resources' must be a non-empty list"),
    ([], "must be a JSON object"),
    ({"resources": [{"name": "claims", "path": "claims.csv"}]}, "'schema' must be a object"),
])
def test_fault_descriptor_structure(data_copy, descriptor, words):
    (data_copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    with pytest.raises(DataValidationError) as info:
        load("claims", path=data_copy)
    assert "datapackage.json" in str(info.value) and words in str(info.value)
    no_chained_traceback(info.value)


def test_fault_folder_in_place_of_a_csv(data_copy):
    (data_copy / "glossary.csv").unlink()
    (data_copy / "glossary.csv").mkdir()
    assert "is a folder, not a CSV file" in refused(data_copy, "glossary")


def test_fault_data_dir_is_a_file(tmp_path, monkeypatch):
    from northeast import data

    not_a_folder = tmp_path / "claims.csv"
    not_a_folder.write_text("id\n", encoding="utf-8")
    monkeypatch.setenv("NORTHEAST_DATA_DIR", str(not_a_folder))
    monkeypatch.setattr(data, "DATA_DIR", not_a_folder)
    with pytest.raises(DataValidationError) as info:
        load("claims")
    message = str(info.value)
    assert str(not_a_folder) in message and "NORTHEAST_DATA_DIR" in message and "is a file" in message
    no_chained_traceback(info.value)


def test_command_line_reports_without_a_traceback(tmp_path):
    not_a_folder = tmp_path / "data.csv"
    not_a_folder.write_text("x\n", encoding="utf-8")
    env = dict(os.environ, NORTHEAST_DATA_DIR=str(not_a_folder))
    result = subprocess.run([sys.executable, "-m", "northeast.data"], capture_output=True, text=True, env=env, cwd=REPO)
    assert result.returncode == 1
    assert "is a file" in result.stderr and "Traceback" not in result.stderr
    good = subprocess.run([sys.executable, "-m", "northeast.data", str(DATA_DIR)], capture_output=True, text=True,
                          cwd=REPO)
    assert good.returncode == 0 and "claims: " in good.stdout


@pytest.mark.parametrize("where", ["parent", "absolute", "symlink"])
def test_fault_resource_path_outside_the_data_folder(data_copy, where):
    outside = data_copy.parent / "elsewhere.csv"
    shutil.copy(data_copy / "entities.csv", outside)  # valid data: refusing it proves it was not read
    desc = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    entities = next(r for r in desc["resources"] if r["name"] == "entities")
    if where == "parent":
        entities["path"] = "../elsewhere.csv"
    elif where == "absolute":
        entities["path"] = str(outside)
    else:
        (data_copy / "link.csv").symlink_to(outside)
        entities["path"] = "link.csv"
    (data_copy / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    for table in ("entities", "claims"):  # claims too: its foreign key would read entities
        with pytest.raises(DataValidationError) as info:
            load(table, path=data_copy)
        assert "outside the data folder" in str(info.value) and "datapackage.json" in str(info.value)


def test_cache_follows_content_not_mtime(data_copy):
    path = data_copy / "claims.csv"
    assert load("claims", path=data_copy).set_index("id").loc["debt_write_off_2006", "value"] == 311
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert ",311,billion_rmb," in text
    path.write_text(text.replace(",311,billion_rmb,", ",312,billion_rmb,", 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert load("claims", path=data_copy).set_index("id").loc["debt_write_off_2006", "value"] == 312

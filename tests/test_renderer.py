"""The course's Altair renderer: the vendored Vega bundle once per kernel session, before the
first chart; charts themselves are Altair's standard HTML; the book leaves the bundle out."""
from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from conftest import ROOT
from northeast.charts import renderer
from northeast.vendor import BUNDLE

BUNDLE_MARK = "window.vegaEmbed="


def executed(*sources):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    NotebookClient(nb, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(ROOT)}}).execute()
    return nb.cells


def bundles_in(cell) -> list[str]:
    return [o["data"][renderer.BUNDLE_MIME] for o in cell.outputs if renderer.BUNDLE_MIME in o.get("data", {})]


def test_the_bundle_comes_once_before_the_first_chart_of_a_session():
    first, second, bare = executed(
        "from northeast import charts\ncharts.show(charts.gdp_share_then_now())",
        "charts.show(charts.top500_then_now())",
        "charts.gdp_share_then_now()",  # a chart as a cell's value uses the same renderer
    )
    assert bundles_in(first) == [BUNDLE.read_text(encoding="utf-8")]
    kinds = [next(iter(o.get("data", {})), o["output_type"]) for o in first.outputs]
    assert kinds[0] == renderer.BUNDLE_MIME and "altair-viz-" in first.outputs[1]["data"]["text/html"]
    assert bundles_in(second) == [] and bundles_in(bare) == []
    assert "altair-viz-" in bare.outputs[-1]["data"]["text/html"]


def test_rerunning_the_cell_that_held_the_bundle_shows_it_again(monkeypatch):
    """Re-running a cell clears its outputs, the bundle with them; another cell's run doesn't."""
    monkeypatch.setattr(renderer._Session, "shown_in", ("cell-a", "run-1"))
    assert renderer.needs_bundle(("cell-a", "run-2"))
    assert not renderer.needs_bundle(("cell-b", "run-3"))
    assert not renderer.needs_bundle(("cell-a", "run-1"))  # a second chart in the same run
    monkeypatch.setattr(renderer._Session, "shown_in", (None, "run-1"))  # front end sent no cell id
    assert not renderer.needs_bundle((None, "run-2"))
    monkeypatch.setattr(renderer._Session, "shown_in", None)
    assert renderer.needs_bundle((None, None))


def test_the_book_serves_the_bundle_as_a_file_and_leaves_the_inline_copy_out(built_book):
    page = (built_book / "book" / "ch2_support_and_results.html").read_text(encoding="utf-8")
    assert "altair-viz-" in page
    assert BUNDLE_MARK not in page

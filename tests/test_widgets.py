"""The live-notebook front end: a question displays as a widget with a kernel, as the book's block
without one, and the widget's buttons drive the question's own check and hints."""
from __future__ import annotations

import pytest

from exercises.example import bank
from exercises.front import block_html as static_html


def test_mimebundle_without_kernel_is_html_and_plain():
    q = bank["ex_largest"]
    bundle = q._repr_mimebundle_()
    assert set(bundle) == {"text/plain", "text/html"}
    assert bundle["text/html"] == static_html(q)
    assert bundle["text/plain"].startswith(q.prompt) and "a) Province A" in bundle["text/plain"]


def test_mimebundle_with_kernel_adds_widget_view(monkeypatch):
    pytest.importorskip("ipywidgets")
    from exercises import widgets
    monkeypatch.setattr(widgets, "kernel_available", lambda: True)
    for q in bank:
        bundle = q._repr_mimebundle_()
        assert bundle["text/html"] == static_html(q)
        view = bundle[widgets.WIDGET_MIME]
        assert view["version_major"] == 2 and view["model_id"]


def test_widgets_drive_check():
    W = pytest.importorskip("ipywidgets")
    q = bank["ex_total_transfers"]
    box = q.widget()
    assert isinstance(box, W.VBox)
    text = next(w for w in _walk(box) if isinstance(w, W.Text))
    check = next(w for w in _walk(box) if isinstance(w, W.Button) and w.description == "Check")
    hint = next(w for w in _walk(box) if isinstance(w, W.Button) and w.description == "Hint")
    feedback = [w for w in _walk(box) if isinstance(w, W.HTML) and not isinstance(w, W.HTMLMath)]
    text.value = "0.31 trillion"
    check.click()
    assert any('data-status="correct"' in w.value for w in feedback)
    text.value = "800"
    check.click()
    assert any("total spending" in w.value for w in feedback)
    hint.click()
    hint.click()
    assert hint.disabled and any("Hint 2 of 2" in w.value for w in feedback)
    radio = next(w for w in _walk(bank["ex_largest"].widget()) if isinstance(w, W.RadioButtons))
    assert radio.value is None and len(radio.options) == 3
    boxes = [w for w in _walk(bank["ex_over_100"].widget()) if isinstance(w, W.Checkbox)]
    assert len(boxes) == 3
    for q in bank:  # every kind builds
        assert isinstance(q.widget(), W.VBox)


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


# ----------------------------------------------------------------- a quiz whose view never appears
# A real kernel displays a quiz that no front end renders (nothing here renders widgets), with the
# course's wait shortened, then runs a cell that gives its event loop time past that wait (an idle
# kernel would too; a cell that blocks would only delay the check).
SHOW_QUIZ = """
from exercises import widgets
widgets.SHOW_AGAIN_AFTER_S = 0.5
from exercises.example import bank
bank["ex_largest"]
"""
LATER_CELL = "import asyncio\nawait asyncio.sleep(1.5)"


def _outputs_of_the_quiz_cell(setup: str, *, close_the_quiz_comm: bool = False) -> list[dict]:
    """What the quiz cell showed (its iopub outputs) until the later cell was done; with
    ``close_the_quiz_comm`` this client closes the quiz's comm as soon as it opens, as a browser tab
    whose kernel connection has no widget manager does."""
    jupyter_client = pytest.importorskip("jupyter_client")
    from exercises.notebooks.run import kernel_env
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name="python3", env=kernel_env())
    try:
        quiz = kc.execute(setup + SHOW_QUIZ)
        last = kc.execute(LATER_CELL)
        messages = []
        while True:
            msg = kc.get_iopub_msg(timeout=60)
            parent = msg["parent_header"].get("msg_id")
            if close_the_quiz_comm and msg["msg_type"] == "comm_open" and "exq-widget" in (
                    msg["content"]["data"]["state"].get("_dom_classes") or []):
                kc.shell_channel.send(kc.session.msg("comm_close", {"comm_id": msg["content"]["comm_id"], "data": {}}))
            if parent == quiz and msg["msg_type"] in ("execute_result", "display_data", "clear_output", "error"):
                messages.append({"type": msg["msg_type"], **msg["content"]})
            if parent == last and msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return messages
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def _model_id(message: dict) -> str:
    return message["data"]["application/vnd.jupyter.widget-view+json"]["model_id"]


def test_quiz_is_not_shown_again_without_a_widget_front_end():
    """nbclient (make execute, nbval, grading) renders no widgets: the quiz's output stays as it was."""
    messages = _outputs_of_the_quiz_cell("")
    assert [m["type"] for m in messages] == ["execute_result"], messages


def test_quiz_no_front_end_displayed_is_shown_again_as_a_new_widget():
    """With a widget front end attached (its manager opened ipywidgets' control comm: stood in for
    here) but no view of the quiz, the quiz's cell is cleared and the quiz shown again, once."""
    messages = _outputs_of_the_quiz_cell("import ipywidgets; ipywidgets.Widget._control_comm = object()\n")
    assert [m["type"] for m in messages] == ["execute_result", "clear_output", "display_data"], messages
    first, again = messages[0], messages[2]
    assert _model_id(again) != _model_id(first)
    assert again["data"]["text/html"] == first["data"]["text/html"]


def test_quiz_whose_widget_the_front_end_turned_away_says_to_reload():
    """A front end that closes the quiz's comm at once (JupyterLab's leftover kernel connection,
    tests/test_lab.py) never shows it: the cell then shows the prompt and says to reload the page."""
    messages = _outputs_of_the_quiz_cell("", close_the_quiz_comm=True)
    assert [m["type"] for m in messages] == ["execute_result", "clear_output", "display_data"], messages
    again = messages[2]["data"]
    assert set(again) == {"text/plain", "text/html"}
    assert "Which toy province spends the most?" in again["text/html"]
    assert "Reload the page (F5), then run this cell again." in again["text/plain"]

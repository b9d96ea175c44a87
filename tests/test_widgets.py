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

"""Live-notebook front end built from ipywidgets.

The same question object drives this and the static HTML; all checking is
``q.check(...)``, so the widget only collects input and shows Feedback HTML.
"""

from __future__ import annotations

from .feedback import markdown_html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def kernel_available() -> bool:
    """True inside a running IPython kernel (a front end can show widgets)."""
    try:
        from IPython import get_ipython
        ip = get_ipython()
    except Exception:
        return False
    return ip is not None and getattr(ip, "kernel", None) is not None


def build_widget(q):
    """Prompt + input + Check/Hint buttons + feedback area, as an ipywidgets VBox."""
    import ipywidgets as W

    prompt = W.HTMLMath(value=markdown_html(q.prompt))
    feedback = W.HTML(value="")
    hints_html = W.HTML(value="")
    rows = [prompt]
    get_value = None
    check_label = "Check"

    if q.kind == "single_choice":
        radio = W.RadioButtons(options=[(f"{q.letter(i)}) {o}", i) for i, o in enumerate(q.options)],
                               value=None, layout=W.Layout(width="auto"))
        rows.append(radio)
        # An empty selection is "" so check() says "no choice yet" rather than "replace ...".
        get_value = lambda: "" if radio.value is None else radio.value  # noqa: E731
    elif q.kind == "multiple_choice":
        boxes = [W.Checkbox(value=False, description=f"{q.letter(i)}) {o}", indent=False,
                            layout=W.Layout(width="auto")) for i, o in enumerate(q.options)]
        rows.append(W.VBox(boxes))
        get_value = lambda: [i for i, b in enumerate(boxes) if b.value]  # noqa: E731
    elif q.kind == "numeric":
        text = W.Text(value="", placeholder=q.expected_kind(), continuous_update=False)
        rows.append(W.HBox([text, W.Label(q.unit)]) if q.unit else text)
        get_value = lambda: text.value  # noqa: E731
    elif q.kind == "reflection":
        area = W.Textarea(value="", placeholder="Write your answer here…",
                          layout=W.Layout(width="100%", height="7em"))
        rows.append(area)
        get_value = lambda: area.value  # noqa: E731
        check_label = "Save"
    else:
        rows.append(W.HTML(value="<em>Data task: write your code in the next code cell, then "
                                 "run the check cell below it.</em>"))

    buttons = []
    if get_value is not None:
        check_btn = W.Button(description=check_label, button_style="primary")

        def on_check(_):
            try:
                feedback.value = q.check(get_value())._repr_html_()
            except Exception as exc:  # pragma: no cover - check() itself never raises
                feedback.value = f"<pre>{type(exc).__name__}</pre>"

        check_btn.on_click(on_check)
        buttons.append(check_btn)
    if q.hints:
        hint_btn = W.Button(description="Hint")
        state = {"n": 0}

        def on_hint(_):
            if state["n"] >= len(q.hints):
                return
            state["n"] += 1
            hints_html.value += q.hint(state["n"])._repr_html_()
            if state["n"] >= len(q.hints):
                hint_btn.disabled = True
                hint_btn.description = "No more hints"

        hint_btn.on_click(on_hint)
        buttons.append(hint_btn)
    if buttons:
        rows.append(W.HBox(buttons))
    rows += [feedback, hints_html]
    box = W.VBox(rows)
    box.add_class("exq-widget")
    return box


def widget_view(q) -> dict | None:
    """The widget-view mime data for ``q``, or None without ipywidgets or a kernel."""
    if not kernel_available():
        return None
    try:
        w = build_widget(q)
        return w._repr_mimebundle_().get(WIDGET_MIME)
    except Exception:
        return None

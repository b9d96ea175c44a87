"""Live-notebook front end built from ipywidgets, and a question's display bundle.

The same question object drives this and the static HTML; all checking is
``q.check(...)``, so the widget only collects input (the kind's ``widget_input``) and shows
Feedback HTML. Which hints a widget has shown is the widget's own state.
"""

from __future__ import annotations

from .feedback import inline_html, markdown_html

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
    """Prompt + the kind's input + Check/Hint buttons + feedback area, as an ipywidgets VBox."""
    import ipywidgets as W

    prompt = W.HTMLMath(value=markdown_html(q.prompt))
    feedback = W.HTML(value="")
    hints_html = W.HTML(value="")
    rows, get_value, check_label = q.widget_input(W) or ([], None, None)
    rows = [prompt, *rows]

    buttons = []
    if get_value is not None:
        check_btn = W.Button(description=check_label or "Check", button_style="primary")

        def on_check(_):
            feedback.value = q.check(get_value())._repr_html_()

        check_btn.on_click(on_check)
        buttons.append(check_btn)
    if q.hints:
        hint_btn = W.Button(description="Hint")
        shown = {"n": 0}

        def on_hint(_):
            if shown["n"] >= len(q.hints):
                return
            shown["n"] += 1
            hints_html.value += q.hint(shown["n"])._repr_html_()
            if shown["n"] >= len(q.hints):
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
        w = q.widget()
        return w._repr_mimebundle_().get(WIDGET_MIME)
    except Exception:
        return None


def mimebundle(q) -> dict:
    """What displaying a question shows: the widget live, the kernel-free block in the book."""
    try:
        html_ = q.static_html()
    except Exception as exc:  # e.g. a reference answer that can't be computed
        from .front.html import broken_block_html
        html_ = broken_block_html(q, exc)
    bundle = {"text/plain": q.prompt_text(), "text/html": html_}
    view = widget_view(q)
    if view:
        bundle[WIDGET_MIME] = view
    return bundle

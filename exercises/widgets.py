"""Live-notebook front end built from ipywidgets, and a question's display bundle.

The same question object drives this and the static HTML; all checking is
``q.check(...)``, so the widget only collects input (the kind's ``widget_input``) and shows
Feedback HTML. Which hints a widget has shown is the widget's own state.
"""

from __future__ import annotations

import asyncio
import contextvars

from .feedback import inline_html, markdown_html

WIDGET_MIME = "application/vnd.jupyter.widget-view+json"

# A quiz whose view never appears (issue 12). JupyterLab's widget renderer (jupyterlab-manager 5)
# asks the page's widget manager for the quiz's model; when the model is not there within 2 s and
# the manager has restored its state, it shows "Error displaying widget: model not found" and never
# asks again. The kernel can tell: a front end counts the views it displays in the widget's
# ``_view_count`` (ipywidgets). A quiz that still has no view SHOW_AGAIN_AFTER_S after it was
# displayed is shown once more in the same cell:
# * as a new widget (new models, sent anew) where a widget front end is attached: a model the page
#   missed is sent again. Lab's windowing mode "full" attaches only the cells in view, so there a
#   quiz far below may be shown again needlessly, once; it looks the same.
# * as its prompt and a plain "reload the page" where a front end closed the quiz's comm as soon as
#   it opened. JupyterLab 4.6 does that to every widget of a kernel in a browser tab where a notebook
#   on that kernel was closed while its kernel session was still starting: that session's kernel
#   connection is never disposed (SessionContext._handleNewSession throws "Disposed" and drops it),
#   keeps claiming the kernel's comms (KernelManager.connectTo gives later connections
#   handleComms=false), and has no widget manager, so it closes each widget's comm; the reopened
#   notebook's widget manager gets no widget at all. Only a page reload ends that.
SHOW_AGAIN_AFTER_S = 5.0
_front_end = {"displayed_a_view": False}


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
    # The class is part of the box's first state (its comm_open), not a later update: a front end
    # (and a test) can tell a quiz's box from any other VBox as soon as it arrives.
    return W.VBox(rows, _dom_classes=("exq-widget",))


def widget_front_end_attached() -> bool:
    """A widget front end (JupyterLab, Notebook 7) is connected to this kernel: its widget manager
    opened ipywidgets' control comm, or it displayed a course widget. Never true when nbclient runs
    the notebook (make execute, nbval, grading), so stored outputs never depend on a timer."""
    from ipywidgets import Widget
    return _front_end["displayed_a_view"] or getattr(Widget, "_control_comm", None) is not None


def refused_quiz_bundle(q) -> dict:
    """What a quiz shows where the browser tab refused its widget: its prompt, and what to do."""
    notice = ("This quiz's form can't be shown in this browser tab: the tab turned its widget away "
              "(JupyterLab does that after a notebook was closed while its kernel was starting). "
              "Reload the page (F5), then run this cell again.")
    html_ = (f'<div class="exq exq-refused">{markdown_html(q.prompt)}'
             f'<p class="exq-note" role="status">{notice}</p></div>')
    return {"text/plain": f"{q.prompt_text()}\n\n{notice}", "text/html": html_}


def show_again_if_never_displayed(q, box) -> bool:
    """Come back after SHOW_AGAIN_AFTER_S seconds and, if no front end displayed ``box`` by then,
    replace the cell's output: with the prompt and a "reload the page" where a front end closed the
    widget's comm, with ``q`` as a new widget where a widget front end is attached; else leave it.
    False where there is no event loop to come back on (outside ipykernel)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return False
    displayed = {"yes": False}

    def on_view_count(change):
        if (change["new"] or 0) > 0:
            displayed["yes"] = _front_end["displayed_a_view"] = True

    box._view_count = 0  # None would mean "don't count views"; 0 asks the front end to count them
    box.observe(on_view_count, "_view_count")

    def show_again():
        if displayed["yes"] or box.comm is None:  # seen, or closed here (the cell ran again)
            return
        # ipywidgets never notes a comm_close from a front end; the comm does. nbclient never sends one.
        refused = bool(getattr(box.comm, "_closed", False))
        if not (refused or widget_front_end_attached()):
            return
        from IPython.display import clear_output, display
        # Course quiz cells hold nothing but the quiz, so clearing the cell loses nothing else.
        clear_output()
        display(refused_quiz_bundle(q) if refused else mimebundle(q, show_again=False), raw=True)
        box.close()

    # call_later runs show_again in a copy of this context, where ipykernel keeps the request being
    # run: its clear_output and display go to the cell that displayed the quiz, even after other
    # cells ran (JupyterLab keeps listening to a cell's request until the cell runs again).
    loop.call_later(SHOW_AGAIN_AFTER_S, show_again, context=contextvars.copy_context())
    return True


def widget_view(q, *, show_again: bool = True) -> dict | None:
    """The widget-view mime data for ``q``, or None without ipywidgets or a kernel. With
    ``show_again`` the quiz is shown again if no front end displays it
    (:func:`show_again_if_never_displayed`)."""
    if not kernel_available():
        return None
    try:
        w = q.widget()
        if show_again:
            show_again_if_never_displayed(q, w)
        return w._repr_mimebundle_().get(WIDGET_MIME)
    except Exception:
        return None


def mimebundle(q, *, show_again: bool = True) -> dict:
    """What displaying a question shows: the widget live, the kernel-free block in the book."""
    try:
        html_ = q.static_html()
    except Exception as exc:  # e.g. a reference answer that can't be computed
        from .front.html import broken_block_html
        html_ = broken_block_html(q, exc)
    bundle = {"text/plain": q.prompt_text(), "text/html": html_}
    view = widget_view(q, show_again=show_again)
    if view:
        bundle[WIDGET_MIME] = view
    return bundle

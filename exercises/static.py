"""Kernel-free front end: a self-contained HTML+JS block per question.

Used by the static Jupyter Book pages (the book prefers text/html outputs).
No external requests; answers, mistake table and messages travel as base64
JSON in ``data-payload`` so they are not readable in the page source at a glance.
The JavaScript mirrors ``parse_number_text`` / ``classify_number`` (exercises.quantities) and
the choice feedback (exercises.kinds); tests/test_exercises_static.py runs it under node
(when available) against the Python on a table of inputs.
"""

from __future__ import annotations

import base64
import html
import json

from .feedback import MARKERS, _TONES, markdown_html


def encode_payload(payload: dict) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      allow_nan=False)
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode_payload(b64: str) -> dict:
    return json.loads(base64.b64decode(b64).decode("utf-8"))


def dom_id(qid: str) -> str:
    return "exq-" + qid


def _css() -> str:
    rules = [
        ".exq{border:1px solid #d0d7de;border-radius:6px;padding:0.6em 0.9em;margin:0.8em 0}",
        ".exq-prompt p:last-child{margin-bottom:0.4em}",
        ".exq-option{display:block;margin:0.15em 0;cursor:pointer}",
        ".exq-letter{font-weight:600;margin-right:0.2em}",
        ".exq-input{font:inherit;padding:0.2em 0.4em;min-width:12em}",
        ".exq-text{font:inherit;width:100%;min-height:5em}",
        ".exq-buttons{margin:0.5em 0 0.2em 0}",
        ".exq-buttons button{font:inherit;margin-right:0.5em;padding:0.15em 0.8em;cursor:pointer}",
        ".exq-feedback:empty{display:none}",
        ".exq-note{color:#555;font-style:italic}",
    ]
    box = "border-left:4px solid {b};background:{g};padding:0.45em 0.8em;margin:0.35em 0;border-radius:3px;color:#212121"
    for status in ("correct", "incorrect", "not_attempted", "invalid"):
        b, g = _TONES[status]
        rules.append(f'.exq-feedback[data-status="{status}"]{{{box.format(b=b, g=g)}}}')
    b, g = _TONES["hint"]
    rules.append(f".exq-hints .exq-hint-box{{{box.format(b=b, g=g)}}}")
    return "<style>" + "".join(rules) + "</style>"


# The JavaScript, once per page: the book serves it as _static/offline/exq.js on pages with
# questions (see _ext/course_offline.py); it mounts every .exq block when the page has loaded.
# Defined once even if included twice (guarded by window.__exq1).
_JS = r"""
(function(){
var X = window.__exq1 || (window.__exq1 = {});
if (!X.init) {
  X.MARK = {correct:"Correct:", incorrect:"Not quite:", not_attempted:"Not attempted:", invalid:"Can't check this:"};
  X.L = "abcdefghijklmnopqrstuvwxyz";
  X.decode = function(b64){
    var bin = atob(b64), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return JSON.parse(new TextDecoder("utf-8").decode(bytes));
  };
  X.esc = function(t){
    return String(t).replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")
      .replace(/"/g,"&quot;").replace(/'/g,"&#x27;");
  };
  X.inline = function(t){ return X.esc(t).replace(/`([^`]+)`/g, "<code>$1</code>"); };
  X.fill = function(t, v){ return t.replace(/\{(\w+)\}/g, function(m, k){ return (k in v) ? v[k] : m; }); };
  X.fmt = function(x){
    if (!isFinite(x)) return String(x);
    var s = Number(x.toPrecision(10));
    if (s !== 0 && (Math.abs(s) >= 1e16 || Math.abs(s) < 1e-4)) return String(s);
    return s.toLocaleString("en-US", {maximumFractionDigits: 20});
  };
  X.normalize = function(s){
    return String(s).normalize("NFKC").replace(/[\u2212\u2013]/g, "-").toLowerCase().replace(/\s+/g, "");
  };
  X.has = function(o, k){ return Object.prototype.hasOwnProperty.call(o, k); };
  // Mirror of core.parse_number_text.
  X.parseNumber = function(text, p){
    var s = X.normalize(text);
    if (s === "" || s === "...") return ["not_attempted", null];
    var m = /^([+-]?)([¥$]?)([+-]?)([0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)(e[+-]?[0-9]+)?(.*)$/.exec(s);
    if (!m) return ["invalid:format", null];
    var sign1 = m[1], symbol = m[2], sign2 = m[3], digits = m[4], exp = m[5] || "", tail = m[6];
    if (sign1 && sign2) return ["invalid:format", null];
    if (digits.indexOf(",") >= 0 && !/^[0-9]{1,3}(,[0-9]{3})+$/.test(digits.split(".")[0]))
      return ["invalid:commas", null];
    var sscale = p.qscale, base = symbol ? p.bases[symbol] : null;
    if (tail) {
      var found = null, toks = [["", p.qscale]].concat(p.scales);
      for (var i = 0; i < toks.length && !found; i++) {
        var tok = toks[i][0];
        if (tail.indexOf(tok) !== 0) continue;
        var rest = tail.slice(tok.length);
        if (rest === "") found = [toks[i][1], null];
        else if (X.has(p.bases, rest)) found = [toks[i][1], p.bases[rest]];
        else if (p.qbase && rest === p.qbase) found = [toks[i][1], p.qbase];
      }
      if (!found) return ["invalid:unit", null];
      sscale = found[0];
      if (found[1] !== null) {
        if (base !== null && base !== found[1]) return ["invalid:unit", null];
        base = found[1];
      }
    }
    if (base !== null && base !== p.qbase) {
      if (base === "%") return ["invalid:percent", null];
      if (p.qbase === "%") return ["invalid:notpercent", null];
      if (p.qbase === "") return ["invalid:nounit", null];
      return ["invalid:base", null];
    }
    var value = parseFloat(digits.replace(/,/g, "") + exp) * sscale / p.qscale;
    if (sign1 === "-" || sign2 === "-") value = -value;
    if (!isFinite(value)) return ["invalid:toolarge", null];
    return ["ok", value];
  };
  // Mirror of core.classify_number.
  X.classify = function(x, p){
    var a = p.answer, tol = Math.max(p.tol, p.rtol * Math.abs(a));
    if (Math.abs(x - a) <= tol + 1e-12 * Math.max(Math.abs(a), Math.abs(x))) return "correct";
    for (var i = 0; i < p.mistakes.length; i++) {
      var m = p.mistakes[i];
      var t = (m.value !== null) ? m.value : a * m.factor, mt;
      if (m.tolerance !== null) mt = m.tolerance;
      else {
        var sc = (m.factor !== null) ? Math.abs(m.factor) : 1;
        mt = Math.max(p.tol * sc, p.rtol * Math.abs(t));
      }
      if (Math.abs(x - t) <= mt + 1e-12 * Math.max(Math.abs(t), Math.abs(x))) return "mistake:" + i;
    }
    if (p.near > 0 && tol > 0 && Math.abs(x - a) <= p.near * tol + 1e-12 * Math.max(Math.abs(a), Math.abs(x))) return "near";
    return "wrong";
  };
  X.res = function(status, key, message){ return {status: status, key: key, message: message}; };
  X.numeric = function(p, text){
    text = (text === null || text === undefined) ? "" : String(text);
    var M = p.msg, typed = text.trim(), r = X.parseNumber(text, p);
    var raw = "'" + typed + "'";  // as Python's safe_repr(text, 40)
    if (raw.length > 40) raw = raw.slice(0, 39) + "…";
    if (r[0] === "not_attempted") return X.res("not_attempted", "not_attempted", X.fill(M.na_empty, {expect: p.expect}));
    if (r[0] !== "ok") return X.res("invalid", r[0], X.fill(M[r[0]], {raw: raw, expect: p.expect}));
    var x = r[1], n = X.normalize(typed);
    var plain = /^[+-]?[0-9][0-9,]*(\.[0-9]*)?$|^[+-]?\.[0-9]+$/.test(n);
    var shown = plain ? typed + p.unitsuffix : raw + " (= " + X.fmt(x) + p.unitsuffix + ")";
    var key = X.classify(x, p);
    if (key === "correct") return X.res("correct", key, X.fill(M.correct, {shown: shown}));
    if (key.indexOf("mistake:") === 0) return X.res("incorrect", key, shown + ": " + p.mistakes[+key.slice(8)].message);
    return X.res("incorrect", key, X.fill(M[key], {shown: shown, margin: M.margin}));
  };
  // Mirror of core._choice_single_feedback.
  X.single = function(p, i){
    if (i === null || i === undefined || i < 0) return X.res("not_attempted", "not_attempted", "pick an option first.");
    var extra = X.has(p.explanations, String(i)) ? p.explanations[String(i)] : "";
    if (i === p.answer) return X.res("correct", "correct", "(" + X.L[i] + ") is right." + (extra ? " " + extra : ""));
    return X.res("incorrect", "wrong", "(" + X.L[i] + ") isn't the best answer." + (extra ? " " + extra : " A hint may help."));
  };
  // Mirror of core._choice_multi_feedback.
  X.multi = function(p, picked){
    var seen = {}, sel = [];
    for (var k = 0; k < picked.length; k++) if (!seen[picked[k]]) { seen[picked[k]] = 1; sel.push(picked[k]); }
    sel.sort(function(a, b){ return a - b; });
    if (!sel.length) return X.res("not_attempted", "not_attempted", "select at least one option.");
    var ans = {}, i;
    for (i = 0; i < p.answers.length; i++) ans[p.answers[i]] = 1;
    var same = sel.length === p.answers.length;
    for (i = 0; i < sel.length; i++) if (!ans[sel[i]]) same = false;
    var ex = p.explanations;
    if (same) {
      var msg = "you found all the right options.";
      for (i = 0; i < sel.length; i++) if (X.has(ex, String(sel[i]))) msg += " " + ex[String(sel[i])];
      return X.res("correct", "correct", msg);
    }
    var parts = [];
    for (i = 0; i < sel.length; i++) if (!ans[sel[i]])
      parts.push("(" + X.L[sel[i]] + ") doesn't belong" + (X.has(ex, String(sel[i])) ? ": " + ex[String(sel[i])] : "."));
    for (i = 0; i < p.answers.length; i++) if (!seen[p.answers[i]]) { parts.push("You've missed at least one correct option."); break; }
    return X.res("incorrect", "wrong", parts.join(" "));
  };
  X.evaluate = function(p, input){
    if (p.kind === "numeric") return X.numeric(p, input);
    if (p.kind === "single_choice") return X.single(p, input);
    if (p.kind === "multiple_choice") return X.multi(p, input || []);
    return X.res("invalid", "invalid", "this question is checked in the live notebook.");
  };
  X.show = function(fb, r){
    var extra = {correct: "", incorrect: "", invalid: " exq-invalid", not_attempted: " exq-not-attempted"};
    fb.className = "exq-feedback " + (r.status === "correct" ? "exq-correct" : "exq-incorrect") + extra[r.status];
    fb.setAttribute("data-status", r.status);
    fb.setAttribute("data-key", r.key);
    fb.innerHTML = "<strong>" + X.esc(X.MARK[r.status]) + "</strong> " + X.inline(r.message);
  };
  X.init = function(root){
    var p = X.decode(root.getAttribute("data-payload"));
    var fb = root.querySelector(".exq-feedback"), hb = root.querySelector(".exq-hints");
    var check = root.querySelector(".exq-check"), hint = root.querySelector(".exq-hint");
    var input = root.querySelector(".exq-input");
    if (check) check.addEventListener("click", function(){
      var val = null, boxes, j;
      if (p.kind === "numeric") val = input.value;
      else if (p.kind === "single_choice") {
        boxes = root.querySelectorAll("input.exq-choice");
        for (j = 0; j < boxes.length; j++) if (boxes[j].checked) val = parseInt(boxes[j].value, 10);
      } else if (p.kind === "multiple_choice") {
        val = []; boxes = root.querySelectorAll("input.exq-choice");
        for (j = 0; j < boxes.length; j++) if (boxes[j].checked) val.push(parseInt(boxes[j].value, 10));
      }
      X.show(fb, X.evaluate(p, val));
    });
    if (input && check) input.addEventListener("keydown", function(e){
      if (e.key === "Enter") { e.preventDefault(); check.click(); }
    });
    var shown = 0;
    if (hint) hint.addEventListener("click", function(){
      if (shown >= p.hints.length) return;
      var d = document.createElement("div");
      d.className = "exq-hint-box";
      d.innerHTML = "<strong>Hint " + (shown + 1) + " of " + p.hints.length + ":</strong> " + p.hints[shown];
      hb.appendChild(d);
      shown++;
      if (shown >= p.hints.length) { hint.disabled = true; hint.textContent = "No more hints"; }
    });
  };
}
X.mountAll = function(){
  var roots = document.querySelectorAll(".exq[data-payload]:not([data-exq-ready])");
  for (var i = 0; i < roots.length; i++) { roots[i].setAttribute("data-exq-ready", "1"); X.init(roots[i]); }
};
if (typeof document !== "undefined" && document.querySelectorAll) {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", X.mountAll);
  else X.mountAll();
}
})();
"""


def js_core() -> str:
    """The page-level JavaScript (also run under node by the parity tests)."""
    return _JS


def page_css() -> str:
    """The page-level stylesheet for question blocks (without the <style> tag)."""
    return _css()[len("<style>"):-len("</style>")]


def static_html(q, standalone: bool = False) -> str:
    """HTML for one question (deterministic for a given question).

    The book loads the quiz script and stylesheet once per page, so a block is markup plus its
    spec (about 2 KB instead of 14). ``standalone=True`` inlines both, for a page of its own.
    The question's kind supplies the spec and the answer input; this is the frame around them.
    """
    payload = q.spec()
    did = dom_id(q.id)
    qid = html.escape(q.id, quote=True)
    out = [_css()] if standalone else []
    out += [f'<div class="exq exq-{q.kind}" id="{did}" data-qid="{qid}" data-kind="{q.kind}" '
            f'data-payload="{encode_payload(payload)}">',
            f'<div class="exq-prompt">{markdown_html(q.prompt)}</div>']
    answer_input = q.static_input_html(did)
    if answer_input:
        out.append(answer_input)
    buttons = []
    if q.checkable_in_page:
        buttons.append('<button type="button" class="exq-check">Check</button>')
    if q.hints:
        buttons.append('<button type="button" class="exq-hint">Hint</button>')
    if buttons:
        out.append('<div class="exq-buttons">' + "".join(buttons) + "</div>")
    out.append('<div class="exq-feedback" role="status" aria-live="polite"></div>')
    out.append('<div class="exq-hints"></div>')
    out.append("</div>")
    if standalone:
        out.append("<script>" + _JS + "</script>")
    return "\n".join(out)


__all__ = ["static_html", "encode_payload", "decode_payload", "dom_id", "js_core", "page_css", "MARKERS"]

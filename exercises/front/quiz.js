/* Kernel-free quiz blocks for the book.
 *
 * Each block (<div class="exq" data-qid data-kind data-payload>) carries its question's spec: base64
 * JSON written by the question's spec() in Python, so answers are not readable in the page source at
 * a glance. This file builds the block's inputs from the spec and checks answers with the same rules
 * and the same words as the Python check (tests: quiz.test.js here, run by `node --test`, and the
 * parity tests in tests/test_front_parity.py, which compare both on generated inputs for every kind).
 *
 * A student's answers stay in this browser: localStorage, one entry per question, a control to clear
 * them, and "Download my answers" (a JSON file, answers.schema.json). Nothing is ever sent anywhere.
 */
(function (root) {
"use strict";

var Q = {};
// Feedback markers, as exercises.feedback.MARKERS (the parity tests compare whole sentences).
Q.MARK = {correct: "Correct:", incorrect: "Not quite:", not_attempted: "Not attempted:",
          invalid: "Can't check this:"};
Q.LETTERS = "abcdefghijklmnopqrstuvwxyz";
Q.STORE_PREFIX = "exq1:";
Q.FILE_FORMAT = {format: "exercises-answers", version: 1};

// ------------------------------------------------------------------ text, as Python prints it

Q.esc = function (t) {
  return String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
};
// exercises.feedback.inline_html: escape, and `code` becomes <code>.
Q.inline = function (t) { return Q.esc(t).replace(/`([^`]+)`/g, "<code>$1</code>"); };
Q.fill = function (t, v) {
  return t.replace(/\{(\w+)\}/g, function (m, k) { return Object.prototype.hasOwnProperty.call(v, k) ? v[k] : m; });
};
Q.has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
Q.isNum = function (x) { return typeof x === "number"; };

// Python's format(x, ".{p}g"), with thousands commas when `commas` (format(x, ",.{p}g")).
Q.formatG = function (x, p, commas) {
  if (isNaN(x)) return "nan";
  if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return (1 / x < 0) ? "-0" : "0";
  var m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential(p - 1));
  var sign = m[1], digits = m[2] + (m[3] || ""), exp = parseInt(m[4], 10), out;
  if (exp >= -4 && exp < p) {
    var intPart, frac;
    if (exp >= 0) {
      var padded = digits + new Array(Math.max(0, exp + 1 - digits.length) + 1).join("0");
      intPart = padded.slice(0, exp + 1); frac = padded.slice(exp + 1);
    } else {
      intPart = "0"; frac = new Array(-exp).join("0") + digits;
    }
    frac = frac.replace(/0+$/, "");
    if (commas) intPart = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    out = intPart + (frac ? "." + frac : "");
  } else {
    var mant = digits.charAt(0) + (digits.length > 1 ? "." + digits.slice(1) : "");
    mant = mant.replace(/\.?0+$/, "");
    if (mant === "") mant = "0";
    var e = Math.abs(exp);
    out = mant + "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
  }
  return sign + out;
};

// exercises.feedback.fmt_number: 12,002.8 / 24 / 1.5e-07.
Q.fmtNumber = function (x) {
  if (isNaN(x)) return "NaN";
  if (!isFinite(x)) return x > 0 ? "infinity" : "-infinity";
  return Q.formatG(x, 10, true);
};

// Python's repr() of a float: the shortest text that reads back, in Python's layout.
Q.floatRepr = function (x) {
  if (isNaN(x)) return "nan";
  if (!isFinite(x)) return x > 0 ? "inf" : "-inf";
  if (x === 0) return (1 / x < 0) ? "-0.0" : "0.0";
  var m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(x.toExponential());
  var sign = m[1], digits = m[2] + (m[3] || ""), exp = parseInt(m[4], 10);
  if (exp >= -4 && exp < 16) {
    var s;
    if (exp >= digits.length - 1) s = digits + new Array(exp - digits.length + 2).join("0") + ".0";
    else if (exp >= 0) s = digits.slice(0, exp + 1) + "." + digits.slice(exp + 1);
    else s = "0." + new Array(-exp).join("0") + digits;
    return sign + s;
  }
  var e = Math.abs(exp);
  return sign + digits.charAt(0) + (digits.length > 1 ? "." + digits.slice(1) : "") +
    "e" + (exp < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
};

// Python's repr() of a str.
var UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Co}\p{Cn}\p{Cs}]/u;
Q.strRepr = function (s) {
  var quote = (s.indexOf("'") >= 0 && s.indexOf('"') < 0) ? '"' : "'";
  var out = quote;
  for (var ch of s) {
    var c = ch.codePointAt(0);
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += "\\" + quote;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch !== " " && UNPRINTABLE.test(ch)) {
      var hex = c.toString(16);
      if (c < 0x100) out += "\\x" + ("0" + hex).slice(-2);
      else if (c < 0x10000) out += "\\u" + ("000" + hex).slice(-4);
      else out += "\\U" + ("0000000" + hex).slice(-8);
    } else out += ch;
  }
  return out + quote;
};

// exercises.feedback.safe_repr for the JSON values a page can hold. `asFloat` says a number was a
// Python float (a number typed "548" arrives in Python as the int 548).
Q.repr = function (v, limit, asFloat) {
  var text;
  if (v === null || v === undefined) text = "None";
  else if (v === true || v === false) text = v ? "True" : "False";
  else if (Q.isNum(v)) text = (asFloat || !Number.isInteger(v)) ? Q.floatRepr(v) : String(v);
  else if (typeof v === "string") text = Q.strRepr(v);
  else text = JSON.stringify(v);
  text = text.split(/\s+/).filter(function (w) { return w !== ""; }).join(" ");
  limit = limit || 60;
  if (text.length > limit) text = text.slice(0, limit - 1) + "…";
  return text;
};

// exercises.feedback.fmt_cell: floats keep a decimal point (24.0).
Q.fmtCell = function (v, asFloat) {
  if (v === true || v === false) return v ? "True" : "False";
  if (Q.isNum(v)) {
    if (!asFloat && Number.isInteger(v)) return String(v);
    if (isNaN(v)) return "NaN";
    var s = Q.formatG(v, 10, false);
    if (/^\d+$/.test(s.replace(/^-/, ""))) s += ".0";
    return s;
  }
  return Q.repr(v, 40, asFloat);
};

// exercises.feedback.describe for the JSON values a page can hold.
Q.describe = function (v, asFloat) {
  if (v === null || v === undefined) return "None";
  if (v === true || v === false) return (v ? "True" : "False") + " (a True/False value)";
  if (typeof v === "string") return "the text " + Q.repr(v, 40);
  if (Q.isNum(v)) return Q.repr(v, 40, asFloat);
  if (Array.isArray(v)) return "a list with " + v.length + " item" + (v.length !== 1 ? "s" : "");
  return "a dict";
};

Q.sentence = function (t) { return /[.?!]$/.test(t) ? t : t + "."; };
Q.normText = function (s) {
  return String(s).normalize("NFKC").toLowerCase().split(/\s+/).filter(function (w) { return w; }).join(" ");
};

// ------------------------------------------------------------------ reading what was typed

Q.normalize = function (s) {
  return String(s).normalize("NFKC").replace(/[\u2212\u2013]/g, "-").toLowerCase().replace(/\s+/g, "");
};

// A table cell or a function output as typed: blank -> null, a plain number -> that number,
// anything else -> the text itself (the check then says it isn't a number, as Python would).
Q.cellValue = function (text) {
  var t = String(text === null || text === undefined ? "" : text).trim();
  if (t === "") return null;
  var s = Q.normalize(t);
  if (/^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)?(\.[0-9]*)?(e[+-]?[0-9]+)?$/.test(s) && /[0-9]/.test(s.split("e")[0])) {
    var x = parseFloat(s.replace(/,/g, ""));
    if (isFinite(x)) return x;
  }
  return t;
};
Q.cellText = function (v) {
  if (v === null || v === undefined) return "";
  return Q.isNum(v) ? Q.floatRepr(v).replace(/\.0$/, "") : String(v);
};

// exercises.kinds numeric: parse_number_text.
Q.parseNumber = function (text, p) {
  var s = Q.normalize(text);
  if (s === "" || s === "..." || s === "…") return ["not_attempted", null];
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
      else if (Q.has(p.bases, rest)) found = [toks[i][1], p.bases[rest]];
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

// exercises.kinds numeric: classify_number.
Q.classify = function (x, p) {
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

// Why two numbers differ, as exercises' _ratio_diagnosis says it.
Q.ratioDiagnosis = function (e, g) {
  if (isNaN(g) && !isNaN(e)) return " — got a missing value (NaN); check for rows that didn't match or a division by zero";
  if (isNaN(e) && !isNaN(g)) return " — expected a missing value (NaN) here";
  if (e === 0 || !isFinite(e) || !isFinite(g) || g === 0) return "";
  var r = g / e;
  function near(target) { return Math.abs(r - target) <= 1e-3 * Math.abs(target); }
  if (near(0.01)) return " — looks like a fraction where a percentage was expected";
  if (near(100)) return " — looks like a percentage where a fraction was expected";
  if (near(-1)) return " — the sign is flipped";
  var ks = [3, 4, 6, 8, 9, 12];
  for (var i = 0; i < ks.length; i++) {
    var f = Math.pow(10, ks[i]);
    if (near(f) || near(1 / f)) return " — off by a factor of " + f.toLocaleString("en-US") + "; check the units (thousand / million / billion)";
  }
  return "";
};

Q.textDiagnosis = function (e, g, gFloat) {
  if (typeof e === "string" && typeof g === "string" && Q.normText(e) === Q.normText(g))
    return " — differs only in upper/lower case or spaces";
  if (typeof e === "string" && Q.isNum(g) && Q.repr(g, 1e9, gFloat) === e)
    return " — a " + ((gFloat || !Number.isInteger(g)) ? "float" : "int") + " where text was expected";
  if (typeof g === "string" && typeof e !== "string" && e !== null && String(e) === g)
    return " — text where a number/value was expected";
  return "";
};

// ------------------------------------------------------------------ kinds
// Each kind: check(spec, value) -> {status, key, message}, the same words as its Python check for the
// JSON value the page stores (answer_to_json in Python); render(ctx) builds its inputs and returns
// {read: () -> value (null when nothing is entered yet), write: value -> void}.

Q.res = function (status, key, message) { return {status: status, key: key, message: message}; };
Q.kinds = {};

Q.kinds.single_choice = {
  check: function (p, i) {
    if (i === null || i === undefined || i < 0) return Q.res("not_attempted", "not_attempted", p.msg.empty);
    var extra = Q.has(p.explanations, String(i)) ? p.explanations[String(i)] : "";
    if (i === p.answer) return Q.res("correct", "correct", "(" + Q.LETTERS[i] + ") is right." + (extra ? " " + extra : ""));
    return Q.res("incorrect", "wrong", "(" + Q.LETTERS[i] + ") isn't the best answer." + (extra ? " " + extra : " A hint may help."));
  },
  render: function (ctx) { return Q.renderChoices(ctx, "radio"); }
};

Q.kinds.multiple_choice = {
  check: function (p, picked) {
    picked = picked || [];
    var seen = {}, sel = [], i;
    for (i = 0; i < picked.length; i++) if (!seen[picked[i]]) { seen[picked[i]] = 1; sel.push(picked[i]); }
    sel.sort(function (a, b) { return a - b; });
    if (!sel.length) return Q.res("not_attempted", "not_attempted", p.msg.empty);
    var ans = {};
    for (i = 0; i < p.answers.length; i++) ans[p.answers[i]] = 1;
    var same = sel.length === p.answers.length;
    for (i = 0; i < sel.length; i++) if (!ans[sel[i]]) same = false;
    var ex = p.explanations;
    if (same) {
      var msg = "you found all the right options.";
      for (i = 0; i < sel.length; i++) if (Q.has(ex, String(sel[i]))) msg += " " + ex[String(sel[i])];
      return Q.res("correct", "correct", msg);
    }
    var parts = [];
    for (i = 0; i < sel.length; i++) if (!ans[sel[i]])
      parts.push("(" + Q.LETTERS[sel[i]] + ") doesn't belong" + (Q.has(ex, String(sel[i])) ? ": " + ex[String(sel[i])] : "."));
    for (i = 0; i < p.answers.length; i++) if (!seen[p.answers[i]]) { parts.push("You've missed at least one correct option."); break; }
    return Q.res("incorrect", "wrong", parts.join(" "));
  },
  render: function (ctx) { return Q.renderChoices(ctx, "checkbox"); }
};

Q.kinds.numeric = {
  check: function (p, text) {
    text = (text === null || text === undefined) ? "" : String(text);
    var M = p.msg, typed = text.trim(), r = Q.parseNumber(text, p);
    var raw = Q.repr(typed, 40);
    if (r[0] === "not_attempted") return Q.res("not_attempted", "not_attempted", Q.fill(M.na_empty, {expect: p.expect}));
    if (r[0] !== "ok") return Q.res("invalid", r[0], Q.fill(M[r[0]], {raw: raw, expect: p.expect}));
    var x = r[1], n = Q.normalize(typed);
    var plain = /^[+-]?[0-9][0-9,]*(\.[0-9]*)?$|^[+-]?\.[0-9]+$/.test(n);
    var shown = plain ? typed + p.unitsuffix : raw + " (= " + Q.fmtNumber(x) + p.unitsuffix + ")";
    var key = Q.classify(x, p);
    if (key === "correct") return Q.res("correct", key, Q.fill(M.correct, {shown: shown}));
    if (key.indexOf("mistake:") === 0) return Q.res("incorrect", key, shown + ": " + p.mistakes[+key.slice(8)].message);
    return Q.res("incorrect", key, Q.fill(M[key], {shown: shown, margin: M.margin}));
  },
  render: function (ctx) {
    var p = ctx.spec, wrap = Q.el("div", "exq-answer");
    if (ctx.task) wrap.appendChild(Q.lead(ctx, "Compute it with any tool you like (this notebook, a spreadsheet, a calculator), then type the number here."));
    var label = Q.el("label", "exq-field");
    label.appendChild(Q.el("span", "exq-field-name", "Your answer"));
    var input = Q.el("input", "exq-input");
    input.type = "text"; input.setAttribute("inputmode", "decimal"); input.autocomplete = "off";
    input.placeholder = p.expect;
    label.appendChild(input);
    if (p.unit) label.appendChild(Q.el("span", "exq-unit", p.unit));
    wrap.appendChild(label);
    ctx.answer.appendChild(wrap);
    ctx.enterChecks(input);
    return {read: function () { return input.value.trim() === "" ? null : input.value; },
            write: function (v) { input.value = v === null || v === undefined ? "" : String(v); }};
  }
};

// A table built in the page, checked cell by cell like exercises' compare_pandas: value is
// {"columns": [...], "records": [[...], ...]}, one record per spec row, in the spec's row order.
Q.kinds.frame = {
  check: function (p, value) {
    var column = Q.frameColumn(value);
    if (!column) return Q.res("not_attempted", "not_attempted", p.msg.empty);
    var diffs = [], n = p.rows.length;
    for (var c = 0; c < p.columns.length; c++) {
      var col = p.columns[c];
      if (col.key) continue;  // the row labels are given, not typed
      var got = column(col.name, n);
      var exp = p.expected.map(function (r) { return r[c]; });
      var what = p.series ? "the Series" : "column " + Q.repr(col.name, 30), bad = [], k;
      if (col.numeric) {
        var odd = got.filter(function (v) { return v !== null && !Q.isNum(v); });
        if (odd.length) return Q.res("incorrect", "wrong", what + " holds text or other non-numbers (e.g. " + Q.repr(odd[0], 30) + "); expected numbers.");
        for (k = 0; k < n; k++) {
          var g = got[k] === null ? NaN : got[k], e = exp[k] === null ? NaN : exp[k];
          var ok = (isNaN(g) && isNaN(e)) || Math.abs(g - e) <= p.atol + p.rtol * Math.abs(e);
          if (!ok) bad.push(k);
        }
        if (bad.length) {
          var b = bad[0], eb = exp[b] === null ? NaN : exp[b], gb = got[b] === null ? NaN : got[b];
          diffs.push([what, bad.length, b, Q.fmtCell(eb, true), Q.fmtCell(gb, true), Q.ratioDiagnosis(eb, gb)]);
        }
      } else {
        for (k = 0; k < n; k++) if (got[k] !== exp[k]) bad.push(k);
        if (bad.length) {
          var t = bad[0];
          diffs.push([what, bad.length, t, Q.fmtCell(exp[t]), Q.fmtCell(got[t]), Q.textDiagnosis(exp[t], got[t])]);
        }
      }
    }
    if (!diffs.length) return Q.res("correct", "correct", p.msg.correct);
    var d = diffs[0];
    var msg = (p.series ? "" : d[0] + ": ") + d[1] + " of " + n + " values differ, first at " + p.rows[d[2]].where +
      ": expected " + d[3] + ", got " + d[4] + d[5];
    if (diffs.length > 1)
      msg += ". Also different: " + diffs.slice(1, 6).map(function (x) { return x[0].replace(/^column /, ""); }).join(", ");
    return Q.res("incorrect", "wrong", Q.sentence(msg));
  },
  render: function (ctx) {
    var p = ctx.spec, wrap = Q.el("div", "exq-answer");
    wrap.appendChild(Q.lead(ctx, "Work it out with any tool you like (this notebook, a spreadsheet, a calculator), then fill in the table: one row per " +
      p.rows_are + ", one box per value."));
    var scroll = Q.el("div", "exq-table-wrap"), table = Q.el("table", "exq-table");
    var head = Q.el("tr"), body = Q.el("tbody"), inputs = [];
    p.columns.forEach(function (col) {
      var th = Q.el("th", null, col.name); th.scope = "col"; head.appendChild(th);
    });
    var thead = Q.el("thead"); thead.appendChild(head); table.appendChild(thead);
    p.rows.forEach(function (row, r) {
      var tr = Q.el("tr");
      p.columns.forEach(function (col, c) {
        if (col.key) {
          var th = Q.el("th", null, row.label); th.scope = "row"; tr.appendChild(th); return;
        }
        var td = Q.el("td"), input = Q.el("input", "exq-input exq-cell");
        input.type = "text"; input.setAttribute("inputmode", "decimal"); input.autocomplete = "off";
        input.setAttribute("aria-label", col.name + " for " + row.label);
        input.dataset.row = r; input.dataset.col = c;
        td.appendChild(input); tr.appendChild(td); inputs.push(input);
        ctx.enterChecks(input);
      });
      body.appendChild(tr);
    });
    table.appendChild(body); scroll.appendChild(table); wrap.appendChild(scroll);
    ctx.answer.appendChild(wrap);
    return {
      read: function () {
        var any = false;
        var records = p.rows.map(function (row, r) {
          return p.columns.map(function (col, c) {
            if (col.key) return p.expected[r][c];
            var v = Q.cellValue(inputs.filter(function (i) { return +i.dataset.row === r && +i.dataset.col === c; })[0].value);
            if (v !== null) any = true;
            return v;
          });
        });
        return any ? Q.frameValue(p, records) : null;
      },
      write: function (v) {
        var column = Q.frameColumn(v);
        inputs.forEach(function (input) {
          var got = column ? column(p.columns[+input.dataset.col].name, p.rows.length) : [];
          input.value = Q.cellText(got[+input.dataset.row]);
        });
      },
      missing: function () { return inputs.filter(function (i) { return i.value.trim() === ""; }).length; }
    };
  }
};

// The page's table as the JSON exercises.answers writes for a DataFrame or a Series (what
// answer_to_json gives for the student's own table): records of every column, or the row labels as
// an index when the expected table is labelled by them.
Q.frameValue = function (p, records) {
  var keyAt = p.columns.map(function (col) { return !!col.key; }).indexOf(true);
  var labels = records.map(function (r) { return r[keyAt]; });
  var rest = function (r) { return r.filter(function (_, c) { return c !== keyAt; }); };
  if (p.series)
    return {series: {name: p.series_name, values: records.map(function (r) { return rest(r)[0]; }),
                     index: labels, index_names: [p.columns[keyAt].name]}};
  if (p.indexed)
    return {columns: p.columns.filter(function (col) { return !col.key; }).map(function (col) { return col.name; }),
            records: records.map(rest), index: labels, index_names: [p.columns[keyAt].name]};
  return {columns: p.columns.map(function (col) { return col.name; }), records: records};
};
// name -> that column's values, for either JSON form (null when the value isn't a table).
Q.frameColumn = function (v) {
  if (v && v.series && Array.isArray(v.series.values))
    return function () { return v.series.values; };
  if (v && Array.isArray(v.columns) && Array.isArray(v.records))
    return function (name, n) {
      var j = v.columns.indexOf(name), out = [];
      for (var r = 0; r < n; r++) out.push(j >= 0 && v.records[r] ? v.records[r][j] : null);
      return out;
    };
  return null;
};

// What a function returns on the task's given inputs: value is the list of outputs, in case order,
// checked like exercises' compare_values.
Q.compareValue = function (e, g, rtol, atol) {
  if (g === null && e !== null) return "returned None — did you forget `return`?";
  if (e === true || e === false) {
    if (g === e) return null;
    return "returned " + Q.describe(g) + ", expected " + (e ? "True" : "False");
  }
  if (Q.isNum(e)) {
    if (g === true || g === false || !Q.isNum(g)) return "returned " + Q.describe(g) + ", expected a number";
    var tol = Math.max(rtol * Math.max(Math.abs(g), Math.abs(e)), atol);
    if (Math.abs(g - e) <= tol || g === e) return null;
    return "returned " + Q.fmtCell(g, true) + ", expected " + Q.fmtCell(e, true) + Q.ratioDiagnosis(e, g);
  }
  if (typeof e === "string") {
    if (g === e) return null;
    return "returned " + Q.repr(g, 40) + ", expected " + Q.repr(e, 40) + Q.textDiagnosis(e, g);
  }
  return g === e ? null : "returned " + Q.repr(g, 40) + ", expected " + Q.repr(e, 40);
};

// value is what exercises' answer_to_json records for a function: {"function": name, "outputs":
// [{"value": v} | {"error": [type, message]} | {"unaccepted": why}, ...]}, one output per case.
Q.kinds["function"] = {
  check: function (p, value) {
    var outs = value && Array.isArray(value.outputs) ? value.outputs : null;
    if (!outs) return Q.res("not_attempted", "not_attempted", p.msg.empty);
    var name = value["function"] ? String(value["function"]) : "your function", total = p.cases.length;
    for (var i = 0; i < total; i++) {
      var c = p.cases[i], item = i < outs.length ? outs[i] : null;
      var head = "case " + (i + 1) + " of " + total + ": " + name + c.args;
      if (!item || typeof item !== "object") return Q.res("incorrect", "wrong", Q.sentence(head + " gave no recorded result"));
      if (Q.has(item, "error")) return Q.res("incorrect", "error", head + " raised " + item.error[0] + ": " + item.error[1]);
      if (!Q.has(item, "value")) return Q.res("incorrect", "wrong", Q.sentence(head + " " + item.unaccepted));
      var problem = Q.compareValue(c.expected, item.value, p.rtol, p.atol);
      if (problem) return Q.res("incorrect", "wrong", Q.sentence(head + " " + problem));
    }
    return Q.res("correct", "correct", name + " passes all " + total + " test cases.");
  },
  render: function (ctx) {
    var p = ctx.spec, wrap = Q.el("div", "exq-answer"), inputs = [];
    wrap.appendChild(Q.lead(ctx, "Work out what " + p.name + " returns for these inputs, with any tool you like (this notebook, a spreadsheet, a calculator), and type each result."));
    var list = Q.el("ul", "exq-calls");
    p.cases.forEach(function (c) {
      var li = Q.el("li"), label = Q.el("label", "exq-field");
      label.appendChild(Q.el("code", "exq-call", p.name + c.args));
      label.appendChild(Q.el("span", "exq-returns", " returns "));
      var input = Q.el("input", "exq-input exq-output");
      input.type = "text"; input.setAttribute("inputmode", "decimal"); input.autocomplete = "off";
      label.appendChild(input); li.appendChild(label); list.appendChild(li); inputs.push(input);
      ctx.enterChecks(input);
    });
    wrap.appendChild(list); ctx.answer.appendChild(wrap);
    return {
      read: function () {
        var out = inputs.map(function (i) { return Q.cellValue(i.value); });
        if (out.every(function (v) { return v === null; })) return null;
        return {"function": p.name, outputs: out.map(function (v) { return {value: v}; })};
      },
      write: function (v) {
        var outs = v && Array.isArray(v.outputs) ? v.outputs : [];
        inputs.forEach(function (input, i) { input.value = outs[i] && Q.has(outs[i], "value") ? Q.cellText(outs[i].value) : ""; });
      },
      missing: function () { return inputs.filter(function (i) { return i.value.trim() === ""; }).length; }
    };
  }
};

// Not auto-checked: the text is kept (and downloaded) but never graded here.
Q.kinds.reflection = {
  render: function (ctx) {
    var area = Q.el("textarea", "exq-text");
    area.setAttribute("aria-label", "Your answer");
    area.placeholder = "Write your answer here (kept in this browser, not graded).";
    ctx.answer.appendChild(area);
    ctx.answer.appendChild(Q.el("p", "exq-note", "Not auto-graded: compare yours with the model answer (in a live notebook, .solution() shows it)."));
    return {read: function () { return area.value.trim() === "" ? null : area.value; },
            write: function (v) { area.value = v || ""; }};
  }
};

// ------------------------------------------------------------------ storage (this browser only)

Q.storage = function () {
  try {
    var s = root.localStorage, probe = Q.STORE_PREFIX + "probe";
    s.setItem(probe, "1"); s.removeItem(probe);
    return s;
  } catch (e) { return null; }  // private mode, file:// in some browsers: answers just aren't kept
};
Q.load = function (store, qid) {
  if (!store) return null;
  try { var rec = JSON.parse(store.getItem(Q.STORE_PREFIX + qid)); return rec && typeof rec === "object" ? rec : null; }
  catch (e) { return null; }
};
Q.save = function (store, qid, rec) {
  if (!store) return;
  try {
    if (rec === null) store.removeItem(Q.STORE_PREFIX + qid);
    else store.setItem(Q.STORE_PREFIX + qid, JSON.stringify(rec));
  } catch (e) { /* storage full or refused: the page still works */ }
};

// The downloadable answers file (answers.schema.json): chapter, question ids, kinds, values.
Q.answersFile = function (chapter, entries, saved) {
  var answers = {};
  entries.forEach(function (e) { if (e.value !== null && e.value !== undefined) answers[e.qid] = {kind: e.kind, value: e.value}; });
  var file = {format: Q.FILE_FORMAT.format, version: Q.FILE_FORMAT.version, chapter: chapter, answers: answers};
  if (saved) file.saved = saved;
  return file;
};

// Answered / correct / total for a list of {auto, value, status}.
Q.tally = function (entries) {
  var t = {answered: 0, correct: 0, total: entries.length};
  entries.forEach(function (e) {
    if (e.value === null || e.value === undefined) return;
    if (e.auto && !e.status) return;  // typed but never checked
    t.answered++;
    if (e.status === "correct") t.correct++;
  });
  return t;
};

// ------------------------------------------------------------------ the page

Q.decode = function (b64) {
  var bin = atob(b64), bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return JSON.parse(new TextDecoder("utf-8").decode(bytes));
};
Q.el = function (tag, cls, text) {
  var e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
};
Q.lead = function (ctx, text) { return Q.el("p", "exq-lead", text); };

Q.renderChoices = function (ctx, type) {
  var p = ctx.spec, group = Q.el("div", "exq-options"), boxes = [];
  group.setAttribute("role", type === "radio" ? "radiogroup" : "group");
  if (ctx.promptId) group.setAttribute("aria-labelledby", ctx.promptId);
  p.options_html.forEach(function (html, i) {
    var label = Q.el("label", "exq-option"), box = Q.el("input", "exq-choice");
    box.type = type; box.name = ctx.root.id; box.value = String(i);
    label.appendChild(box);
    label.appendChild(Q.el("span", "exq-letter", " " + Q.LETTERS[i] + ")"));
    var text = Q.el("span", "exq-option-text"); text.innerHTML = " " + html;
    label.appendChild(text); group.appendChild(label); boxes.push(box);
  });
  ctx.answer.appendChild(group);
  return {
    read: function () {
      var picked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return +b.value; });
      if (type === "radio") return picked.length ? picked[0] : null;
      return picked.length ? picked : null;
    },
    write: function (v) {
      var set = type === "radio" ? [v] : (v || []);
      boxes.forEach(function (b, i) { b.checked = set.indexOf(i) >= 0; });
    }
  };
};

Q.show = function (fb, r) {
  fb.setAttribute("data-status", r.status);
  fb.setAttribute("data-key", r.key);
  fb.innerHTML = "<strong>" + Q.esc(Q.MARK[r.status]) + "</strong> " + Q.inline(r.message);
};

Q.blocks = [];

Q.mount = function (rootEl, store) {
  var spec = Q.decode(rootEl.getAttribute("data-payload"));
  var kind = Q.kinds[spec.kind];
  if (!kind) return null;
  var prompt = rootEl.querySelector(".exq-prompt"), answer = rootEl.querySelector(".exq-answer-slot");
  var fallback = rootEl.querySelector(".exq-fallback");
  if (fallback) fallback.remove();
  if (prompt && !prompt.id) prompt.id = rootEl.id + "-prompt";
  var fb = rootEl.querySelector(".exq-feedback"), hintsBox = rootEl.querySelector(".exq-hints");
  var block = {qid: spec.id, kind: spec.kind, chapter: spec.chapter, auto: !!kind.check, status: null, root: rootEl};
  var checkBtn = null;
  var ctx = {
    spec: spec, root: rootEl, answer: answer, promptId: prompt ? prompt.id : null,
    task: rootEl.classList.contains("exq-task"),
    enterChecks: function (input) {
      input.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && checkBtn) { e.preventDefault(); checkBtn.click(); }
      });
    }
  };
  var form = kind.render(ctx);
  // Every edit is kept at once; feedback about an earlier answer goes, so what is shown (and
  // counted as answered) is always about what is in the boxes now.
  function edited() {
    if (block.status !== null || fb.hasAttribute("data-status")) {
      block.status = null;
      fb.removeAttribute("data-status"); fb.removeAttribute("data-key"); fb.innerHTML = "";
    }
    persist();
  }
  answer.addEventListener("input", edited);  // radios and checkboxes fire it too
  function persist() {
    var v = form.read();
    Q.save(store, spec.id, v === null ? null : {value: v, checked: block.status !== null});
    Q.refresh();
  }
  function check(fromStore) {
    var missing = form.missing ? form.missing() : 0, value = form.read(), r;
    if (value !== null && missing) r = Q.res("not_attempted", "not_attempted", Q.fill(spec.msg.incomplete, {n: missing}));
    else r = kind.check(spec, value);
    block.status = r.status === "not_attempted" ? null : r.status;
    Q.show(fb, r);
    if (!fromStore) persist();
  }
  var buttons = Q.el("div", "exq-buttons");
  if (kind.check) {
    checkBtn = Q.el("button", "exq-check", "Check"); checkBtn.type = "button";
    checkBtn.addEventListener("click", function () { check(false); });
    buttons.appendChild(checkBtn);
  }
  if (spec.hints && spec.hints.length) {
    var hintBtn = Q.el("button", "exq-hint", "Hint"), shown = 0;
    hintBtn.type = "button";
    hintBtn.addEventListener("click", function () {
      if (shown >= spec.hints.length) return;
      var d = Q.el("div", "exq-hint-box");
      d.innerHTML = "<strong>Hint " + (shown + 1) + " of " + spec.hints.length + ":</strong> " + spec.hints[shown];
      hintsBox.appendChild(d);
      shown++;
      if (shown >= spec.hints.length) { hintBtn.disabled = true; hintBtn.textContent = "No more hints"; }
    });
    buttons.appendChild(hintBtn);
  }
  answer.parentNode.insertBefore(buttons, fb);
  block.read = form.read;
  block.clear = function () {
    form.write(null); block.status = null;
    fb.removeAttribute("data-status"); fb.removeAttribute("data-key"); fb.innerHTML = "";
  };
  var rec = Q.load(store, spec.id);
  if (rec && rec.value !== undefined && rec.value !== null) {
    form.write(rec.value);
    if (rec.checked && kind.check) check(true);
  }
  rootEl.setAttribute("data-exq-ready", "1");
  return block;
};

// The chapter's progress panel: answered, correct, of how many; download; clear.
Q.panel = null;
Q.makePanel = function (store) {
  var first = Q.blocks[0].root, panel = Q.el("div", "exq-progress");
  panel.setAttribute("role", "region");
  panel.setAttribute("aria-label", "Your answers in this chapter");
  var text = Q.el("p", "exq-progress-text");
  var note = Q.el("p", "exq-note", store ?
    "Your answers are kept in this browser only; nothing is sent anywhere." :
    "This browser doesn't let the page keep your answers; download them before you leave.");
  var bar = Q.el("progress", "exq-progress-bar"); bar.max = Q.blocks.length; bar.value = 0;
  bar.setAttribute("aria-hidden", "true");
  var buttons = Q.el("div", "exq-buttons");
  var download = Q.el("button", "exq-download", "Download my answers"); download.type = "button";
  var clear = Q.el("button", "exq-clear", "Clear my answers"); clear.type = "button";
  var armed = false;
  download.addEventListener("click", function () { Q.download(); });
  clear.addEventListener("click", function () {
    if (!armed) {  // a second click confirms, so one slip can't wipe a chapter's work
      armed = true; clear.textContent = "Click again to clear every answer in this chapter";
      return;
    }
    armed = false; clear.textContent = "Clear my answers";
    Q.blocks.forEach(function (b) { Q.save(store, b.qid, null); b.clear(); });
    Q.refresh();
  });
  clear.addEventListener("blur", function () { armed = false; clear.textContent = "Clear my answers"; });
  buttons.appendChild(download); buttons.appendChild(clear);
  panel.appendChild(text); panel.appendChild(bar); panel.appendChild(buttons); panel.appendChild(note);
  first.parentNode.insertBefore(panel, first);
  Q.panel = {root: panel, text: text, bar: bar};
};

Q.entries = function () {
  return Q.blocks.map(function (b) { return {qid: b.qid, kind: b.kind, auto: b.auto, value: b.read(), status: b.status}; });
};

Q.refresh = function () {
  if (!Q.panel) return;
  var t = Q.tally(Q.entries());
  Q.panel.text.textContent = "Progress in this chapter: " + t.answered + " of " + t.total +
    " questions answered, " + t.correct + " correct.";
  Q.panel.root.setAttribute("data-answered", t.answered);
  Q.panel.root.setAttribute("data-correct", t.correct);
  Q.panel.root.setAttribute("data-total", t.total);
  Q.panel.bar.value = t.answered;
};

Q.download = function () {
  var chapter = Q.blocks[0].chapter;
  var file = Q.answersFile(chapter, Q.entries(), new Date().toISOString().replace(/\.\d+Z$/, "Z"));
  var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], {type: "application/json"});
  var a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = "answers-" + chapter + ".json";
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(function () { URL.revokeObjectURL(a.href); }, 0);
};

Q.mountAll = function () {
  var store = Q.storage();
  var roots = document.querySelectorAll(".exq[data-payload]:not([data-exq-ready])");
  for (var i = 0; i < roots.length; i++) {
    var b = Q.mount(roots[i], store);
    if (b) Q.blocks.push(b);
  }
  if (Q.blocks.length && !Q.panel) Q.makePanel(store);
  Q.refresh();
  document.documentElement.setAttribute("data-exq-mounted", String(Q.blocks.length));
};

if (typeof module !== "undefined" && module.exports) module.exports = Q;  // node --test
else if (typeof document !== "undefined") {
  root.__exq = Q;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", Q.mountAll);
  else Q.mountAll();
}
})(typeof window !== "undefined" ? window : globalThis);

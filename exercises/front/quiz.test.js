// Unit tests for quiz.js that need no page and no Python: `node --test exercises/front/`.
// The Python-vs-JS parity on generated inputs is parity.test.js (fed by tests/test_front_parity.py).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const Q = require("./quiz.js");

function memoryStorage() {
  const data = new Map();
  return {
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
    get size() { return data.size; },
  };
}

test("every kind that checks also renders, and the kinds are the registry's", () => {
  for (const [name, kind] of Object.entries(Q.kinds)) {
    assert.equal(typeof kind.render, "function", name);
    if (kind.check) assert.equal(typeof kind.check, "function", name);
  }
  assert.deepEqual(Object.keys(Q.kinds).sort(),
    ["frame", "function", "multiple_choice", "numeric", "reflection", "single_choice"]);
});

test("a typed cell becomes a number, null when blank, or stays text", () => {
  assert.equal(Q.cellValue(" 64 "), 64);
  assert.equal(Q.cellValue("1,234.5"), 1234.5);
  assert.equal(Q.cellValue("\u22125"), -5);
  assert.equal(Q.cellValue("2.5e3"), 2500);
  assert.equal(Q.cellValue(".5"), 0.5);
  assert.equal(Q.cellValue(""), null);
  assert.equal(Q.cellValue("   "), null);
  assert.equal(Q.cellValue("64%"), "64%");
  assert.equal(Q.cellValue("1,23"), "1,23");
  assert.equal(Q.cellValue("1e999"), "1e999");  // not finite: kept as typed, so the check says so
  assert.equal(Q.cellValue("."), ".");
  assert.equal(Q.cellText(24), "24");
  assert.equal(Q.cellText(0.1), "0.1");
  assert.equal(Q.cellText(null), "");
});

test("numbers print as Python prints them", () => {
  assert.equal(Q.formatG(144, 10, false), "144");
  assert.equal(Q.formatG(13.846153846153847, 10, false), "13.84615385");
  assert.equal(Q.formatG(1234567.5, 10, true), "1,234,567.5");
  assert.equal(Q.formatG(1e-5, 10, false), "1e-05");
  assert.equal(Q.formatG(12345678901, 10, true), "1.23456789e+10");
  assert.equal(Q.fmtCell(24, true), "24.0");
  assert.equal(Q.fmtCell(24, false), "24");
  assert.equal(Q.floatRepr(1e16), "1e+16");
  assert.equal(Q.floatRepr(0.0001), "0.0001");
  assert.equal(Q.floatRepr(548), "548.0");
  assert.equal(Q.strRepr("it's"), "\"it's\"");
  assert.equal(Q.strRepr("a\\b"), "'a\\\\b'");
  assert.equal(Q.repr("x".repeat(50), 30), "'" + "x".repeat(28) + "…");
});

test("answers are kept per question and cleared one by one", () => {
  const store = memoryStorage();
  Q.save(store, "q1", {value: "310", checked: true});
  Q.save(store, "q2", {value: [0, 2], checked: false});
  assert.deepEqual(Q.load(store, "q1"), {value: "310", checked: true});
  assert.equal(store.size, 2);
  Q.save(store, "q1", null);
  assert.equal(Q.load(store, "q1"), null);
  store.setItem(Q.STORE_PREFIX + "bad", "{not json");
  assert.equal(Q.load(store, "bad"), null);
  assert.equal(Q.load(null, "q2"), null);  // no storage in this browser: nothing kept, nothing thrown
  Q.save(null, "q2", {value: 1});
});

test("progress counts checked answers and reflections written", () => {
  const t = Q.tally([
    {auto: true, value: 1, status: "correct"},
    {auto: true, value: "3", status: "incorrect"},
    {auto: true, value: "typed, never checked", status: null},
    {auto: true, value: null, status: null},
    {auto: false, value: "my paragraph", status: null},
  ]);
  assert.deepEqual(t, {answered: 3, correct: 1, total: 5});
});

test("the answers file holds ids, kinds and values, nothing else", () => {
  const file = Q.answersFile("one", [
    {qid: "one_channels", kind: "single_choice", auto: true, value: 2, status: "correct"},
    {qid: "one_share_points", kind: "numeric", auto: true, value: null, status: null},
  ], "2026-12-01T10:00:00Z");
  assert.deepEqual(file, {format: "exercises-answers", version: 1, chapter: "one", saved: "2026-12-01T10:00:00Z",
    answers: {one_channels: {kind: "single_choice", value: 2}}});
  assert.equal(JSON.stringify(file).includes("correct"), false);  // no grades travel
});

test("a frame answer needs every cell; an empty one is not attempted", () => {
  const spec = {rtol: 1e-5, atol: 1e-8, series: false, rows_are: "province",
    columns: [{name: "province", numeric: false, key: true}, {name: "before", numeric: true, key: false}],
    rows: [{label: "jilin", where: "the row with province 'jilin'"}, {label: "liaoning", where: "the row with province 'liaoning'"}],
    expected: [["jilin", 45], ["liaoning", 64]], msg: {correct: "your table matches the expected one.", empty: "fill in the table first."}};
  assert.equal(Q.kinds.frame.check(spec, null).status, "not_attempted");
  const wrong = Q.kinds.frame.check(spec, {columns: ["province", "before"], records: [["jilin", 45], ["liaoning", 0.64]]});
  assert.equal(wrong.message, "column 'before': 1 of 2 values differ, first at the row with province 'liaoning': expected 64.0, got 0.64 — looks like a fraction where a percentage was expected.");
  const text = Q.kinds.frame.check(spec, {columns: ["province", "before"], records: [["jilin", "45%"], ["liaoning", 64]]});
  assert.equal(text.message, "column 'before' holds text or other non-numbers (e.g. '45%'); expected numbers.");
  assert.equal(Q.kinds.frame.check(spec, {columns: ["province", "before"], records: [["jilin", 45.0000001], ["liaoning", 64]]}).status, "correct");
});

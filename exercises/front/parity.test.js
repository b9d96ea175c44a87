// Python vs JS, same words: the cases come from tests/test_front_parity.py, which builds each
// question's spec, generates answers the page can produce for every auto-checked kind in
// exercises.kinds.KINDS and records what the Python check says. Run by that test (it sets
// EXQ_PARITY_CASES); run on its own, `node --test` skips this file.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const Q = require("./quiz.js");

const path = process.env.EXQ_PARITY_CASES;
const cases = path ? JSON.parse(fs.readFileSync(path, "utf8")) : null;
const skip = cases ? false : "EXQ_PARITY_CASES is not set (tests/test_front_parity.py sets it)";

function report(bad, total) {
  const shown = bad.slice(0, 8).map((b) => JSON.stringify(b, null, 1)).join("\n");
  return `${bad.length} of ${total} differ:\n${shown}`;
}

test("the Python kinds all have a JS check", {skip}, () => {
  for (const kind of cases.kinds) assert.equal(typeof (Q.kinds[kind] || {}).check, "function", kind);
});

for (const kind of (cases ? cases.kinds : [])) {
  test(`${kind}: the page's check says what the Python check says`, () => {
    const mine = cases.checks.filter((c) => c.kind === kind);
    assert.ok(mine.length > 0, `no cases for ${kind}`);
    const bad = [];
    for (const c of mine) {
      const r = Q.kinds[kind].check(cases.specs[c.qid], c.value);
      const got = [r.status, r.key, r.message];
      if (JSON.stringify(got) !== JSON.stringify(c.want)) bad.push({qid: c.qid, value: c.value, python: c.want, js: got});
    }
    assert.equal(bad.length, 0, report(bad, mine.length));
  });
}

test("numbers and text print as Python prints them", {skip}, () => {
  const bad = [];
  for (const [x, number, cell, repr] of cases.floats) {
    const got = [Q.fmtNumber(x), Q.fmtCell(x, true), Q.repr(x, 60, true)];
    if (JSON.stringify(got) !== JSON.stringify([number, cell, repr])) bad.push({x, python: [number, cell, repr], js: got});
  }
  for (const [s, repr] of cases.strings) {
    const got = Q.repr(s, 40);
    if (got !== repr) bad.push({s, python: repr, js: got});
  }
  assert.equal(bad.length, 0, report(bad, cases.floats.length + cases.strings.length));
});

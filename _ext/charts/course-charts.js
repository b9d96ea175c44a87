/* Draw the book's charts (see _ext/course_charts.py).
 *
 * Each <figure class="course-chart" data-chart="KEY"> holds a placeholder of the chart's final
 * height, its controls as form elements, and its description. When a figure comes within a
 * screen of the viewport this script loads the Vega runtime (once) and the chart's compiled
 * spec (KEY.js, next to this file; script tags, so the book also works from file://), then draws
 * the chart into the placeholder. Controls set the chart's signals; the chart's text alternative
 * says what the controls currently show.
 */
(function () {
  "use strict";
  const here = document.currentScript.src;
  const specs = new Map();     // key -> compiled Vega spec (filled by KEY.js)
  const waiting = new Map();   // key -> resolve functions waiting for that spec
  const views = new Map();     // figure -> Promise<vega.View>
  const bases = new Map();     // view -> its padding as compiled (before fitContent widened it)
  const fits = new Set();      // views that take their container's width
  let runtime = null;

  function loadScript(url) {
    return new Promise(function (resolve, reject) {
      const s = document.createElement("script");
      s.src = url;
      s.async = true;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + url)); };
      document.head.appendChild(s);
    });
  }

  function loadRuntime() {
    if (!runtime) {
      runtime = window.vega ? Promise.resolve() : loadScript(new URL("../vega/vega-runtime.js", here).href);
    }
    return runtime;
  }

  function loadSpec(key) {
    if (specs.has(key)) return Promise.resolve(specs.get(key));
    return new Promise(function (resolve, reject) {
      const first = !waiting.has(key);
      if (first) waiting.set(key, []);
      waiting.get(key).push(resolve);
      if (first) loadScript(new URL(key + ".js", here).href).catch(reject);
    });
  }

  function define(key, spec) {
    specs.set(key, spec);
    (waiting.get(key) || []).forEach(function (resolve) { resolve(spec); });
    waiting.delete(key);
  }

  // ------------------------------------------------------------------ controls
  function controls(figure) {
    return Array.from(figure.querySelectorAll("[data-signal]"));
  }

  function valueOf(input) {
    if (input.type === "range") return Number(input.value);
    if (input.type === "checkbox") return input.checked;
    return JSON.parse(input.value);
  }

  // The control values as {signal: value}, from the checked radio of each group.
  function controlState(figure) {
    const state = {};
    controls(figure).forEach(function (input) {
      if (input.type === "radio" && !input.checked) return;
      state[input.dataset.signal] = valueOf(input);
    });
    return state;
  }

  // "Currency: USD (at 7.14). Show: Province's rank by that number." in words a reader sees.
  function stateInWords(figure) {
    const words = [];
    figure.querySelectorAll(".course-chart-control").forEach(function (control) {
      const name = (control.querySelector("legend, .course-chart-control-name") || {}).textContent || "";
      let shown = "";
      const checked = control.querySelector("input[type=radio]:checked");
      const select = control.querySelector("select");
      const range = control.querySelector("input[type=range]");
      const box = control.querySelector("input[type=checkbox]");
      if (checked) shown = checked.parentElement.textContent;
      else if (select) shown = select.options[select.selectedIndex].textContent;
      else if (range) shown = range.value;
      else if (box) shown = box.checked ? "on" : "off";
      words.push(name.trim().replace(/:$/, "") + ": " + shown.trim());
    });
    return words.length ? " Now showing " + words.join("; ") + "." : "";
  }

  function describe(figure, view) {
    view.description((figure.dataset.description || "") + stateInWords(figure));
  }

  function wireControls(figure) {
    controls(figure).forEach(function (input) {
      const output = input.type === "range" ? input.parentElement.querySelector("output") : null;
      input.addEventListener(input.type === "radio" || input.type === "checkbox" ? "change" : "input", function () {
        if (output) output.textContent = input.value;
        const pending = views.get(figure);
        if (!pending) return;  // read when the chart is drawn
        pending.then(function (view) {
          view.signal(input.dataset.signal, valueOf(input));
          describe(figure, view);
          const holder = figure.querySelector(".course-chart-view");
          // The height reserved for the first draw (no layout shift while the page loads) is not
          // kept once the reader changes the chart: a filter that leaves one row shrinks it.
          if (holder.style.minHeight) {
            holder.dataset.reservedHeight = holder.style.minHeight;
            holder.style.minHeight = "";
          }
          return fitContent(view, holder, bases.get(view));
        });
      });
    });
  }

  // ------------------------------------------------------------------ drawing
  // Vega's "fit" autosize leaves room for axes and legends but not for marks drawn past the plot
  // (value labels right of a bar, centred axis titles). Move what sticks out into the padding and
  // narrow the view by as much, a few times, since the marks move as the plot narrows. Charts of
  // concatenated panels have a fixed width and are left as they are.

  function containerWidth(view) {  // what Vega-Lite's width signal starts from: containerSize()[0]
    const el = view.container(), style = getComputedStyle(el);
    return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }

  // Vega names a mark's container for screen readers by its items; a mark whose items a control
  // has filtered away is left as one graphic with no name, which a screen reader announces as an
  // unlabelled image. Hide such empty containers, and show them again once items come back.
  function hideEmptyMarks(holder) {
    holder.querySelectorAll("svg.marks g.role-mark").forEach(function (g) {
      if (g.childElementCount === 0 && !g.hasAttribute("aria-hidden")) {
        g.setAttribute("aria-hidden", "true");
        g.dataset.courseEmpty = "";
      } else if (g.childElementCount > 0 && "courseEmpty" in g.dataset) {
        g.removeAttribute("aria-hidden");
        delete g.dataset.courseEmpty;
      }
    });
  }

  // Lay the chart out (after every change: a control, a resize) and tidy what Vega drew.
  function fitContent(view, holder, base) {
    return fitLayout(view, holder, base).then(function (laidOut) {
      hideEmptyMarks(holder);
      return laidOut;
    });
  }

  // Lay the chart out to its container; while marks stick out of the SVG, give them padding on
  // that side (inside the SVG's width: the "fit" layout narrows the plot to make room).
  function fitLayout(view, holder, base) {
    if (!fits.has(view)) return view.runAsync();
    const full = containerWidth(view);
    let left = 0, right = 0;
    function layout(tries) {
      view.padding({top: base.top, bottom: base.bottom, left: base.left + left, right: base.right + right});
      view.signal("width", full);  // the SVG's whole width; the padding is inside it
      return view.runAsync().then(function () {
        const svg = holder.querySelector("svg.marks");
        const width = +svg.getAttribute("width"), box = svg.getBBox();
        const outLeft = Math.max(0, -box.x), outRight = Math.max(0, box.x + box.width - width);
        if ((outLeft <= 0.5 && outRight <= 0.5) || tries <= 0) return view;
        // Never give more than a third of the width to what sticks out.
        if (left + right + outLeft + outRight * 1.3 > full / 3) return view;
        left += Math.ceil(outLeft);
        right += Math.ceil(outRight * 1.3);  // the marks move left as the plot narrows
        return layout(tries - 1);
      });
    }
    return layout(4);
  }

  function draw(figure) {
    if (views.has(figure)) return views.get(figure);
    const holder = figure.querySelector(".course-chart-view");
    const drawn = Promise.all([loadRuntime(), loadSpec(figure.dataset.chart)]).then(function (loaded) {
      const spec = loaded[1];
      holder.textContent = "";
      // The container from the start: signals that read containerSize() (narrow layouts) see it.
      const view = new vega.View(vega.parse(spec), {renderer: "svg", hover: true, container: holder});
      const state = controlState(figure);
      Object.keys(state).forEach(function (name) { view.signal(name, state[name]); });
      describe(figure, view);
      const base = Object.assign({}, view.padding());
      const autosize = spec.autosize && (spec.autosize.type || spec.autosize);
      if (String(autosize).startsWith("fit")) fits.add(view);
      bases.set(view, base);
      // Lay out again when the chart's width changes, not its window's height: a phone's browser
      // resizes the window as its toolbar hides and shows while the reader scrolls.
      let resized = null, width = containerWidth(view);
      window.addEventListener("resize", function () {
        clearTimeout(resized);
        resized = setTimeout(function () {
          if (containerWidth(view) === width) return;
          width = containerWidth(view);
          fitContent(view, holder, base);
        }, 150);
      });
      return fitContent(view, holder, base).then(function () {
        figure.classList.add("course-chart-drawn");
        return view;
      });
    }).catch(function (error) {
      holder.querySelector(".course-chart-pending")?.classList.add("course-chart-failed");
      console.warn("chart " + figure.id + " not drawn:", error);
      throw error;
    });
    views.set(figure, drawn);
    return drawn;
  }

  function save(figure, format) {
    draw(figure).then(function (view) {
      return view.toImageURL(format, format === "png" ? 2 : 1);
    }).then(function (url) {
      const a = document.createElement("a");
      a.href = url;
      a.download = figure.id + "." + format;
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
  }

  function start() {
    const figures = Array.from(document.querySelectorAll("figure.course-chart[data-chart]"));
    figures.forEach(function (figure) {
      wireControls(figure);
      figure.querySelectorAll("[data-save]").forEach(function (button) {
        button.addEventListener("click", function () { save(figure, button.dataset.save); });
      });
    });
    if (!("IntersectionObserver" in window)) {
      figures.forEach(draw);
      return;
    }
    // Within a screen of the viewport: drawn by the time the reader gets there.
    const observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          draw(entry.target);
        }
      });
    }, {rootMargin: "100% 0px"});
    figures.forEach(function (figure) { observer.observe(figure); });
  }

  window.courseCharts = {
    define: define,
    // Every chart, drawn (printing and PDF export call this first).
    drawAll: function () {
      return Promise.all(Array.from(document.querySelectorAll("figure.course-chart[data-chart]")).map(draw));
    },
    view: function (figure) { return views.get(figure); },
  };
  window.addEventListener("beforeprint", window.courseCharts.drawAll);

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

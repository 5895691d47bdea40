"""The browser half of a touch unit (`dashboard.touch`): its HTML, CSS and ES module.

The module does no mathematics and formats no number. It receives, once, every row the unit
can show (one per position of each range input, computed in `core` and formatted by
`dashboard.numbers`), and on every move it only picks the row for the input's position and
redraws the picture, the formulas and the numbers from it. Text is set with `textContent`;
formulas are typeset from LaTeX by the vendored KaTeX (`dashboard/vendor/katex`, MIT) into
HTML laid out by KaTeX's stylesheet (with MathML beside it for screen readers). After the learner pauses (PAUSE_MS) the position
is sent to Python, which keeps the address bar and the rest of the page in step.
"""

PAUSE_MS = 350

HTML = """
<div class="touch">
  <div class="controls"></div>
  <div class="legend" aria-hidden="true"></div>
  <div class="picture"></div>
  <div class="notes"></div>
  <div class="formulas"></div>
  <div class="metrics"></div>
  <p class="alt" role="status" aria-live="polite"></p>
</div>
"""

CSS = """
.touch { font-family: var(--st-font, "Source Sans Pro", sans-serif);
  color: var(--st-text-color, inherit); }
.controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin-bottom: 0.5rem; }
.control { flex: 1 1 14rem; min-width: 0; display: flex; flex-direction: column; gap: 0.2rem; }
.control label { font-size: 0.875rem; }
.control .value { font-weight: 600; font-variant-numeric: tabular-nums; }
.control input[type=range] { width: 100%; accent-color: var(--st-primary-color, #0072B2);
  min-height: 1.75rem; margin: 0; cursor: pointer; }
.control input[type=range]:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
.control input[type=range]:disabled { cursor: progress; opacity: 0.6; }
.control .ends { display: flex; justify-content: space-between; font-size: 0.75rem;
  opacity: 0.75; }
.legend { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; font-size: 0.8rem;
  margin: 0.25rem 0; }
.legend span.key { display: inline-flex; align-items: center; gap: 0.35rem; }
.legend svg { flex: none; }
.picture { position: relative; width: 100%; touch-action: pan-y; }
.picture svg { display: block; width: 100%; overflow: visible; user-select: none; }
.picture svg.dragging { cursor: grabbing; }
.picture .axis { stroke: currentColor; stroke-opacity: 0.55; stroke-width: 1; }
.picture .grid { stroke: currentColor; stroke-opacity: 0.12; stroke-width: 1; }
.picture text { fill: currentColor; font-size: 11px; }
.picture text.title { font-size: 12px; font-weight: 600; }
.picture text.mark { font-size: 11px; paint-order: stroke; stroke: var(--st-background-color, #fff);
  stroke-width: 3px; stroke-linejoin: round; }
/* A finger that starts on a handle drags it, in any direction; elsewhere on the picture a
   vertical swipe still scrolls the page and a horizontal one moves the unit. */
.picture .handle { cursor: grab; touch-action: none; }
.picture .handle:hover circle.ring { stroke-width: 3; }
.notes p { margin: 0.5rem 0; padding: 0.6rem 0.8rem; border-radius: 0.5rem;
  background: rgba(86, 180, 233, 0.14); font-size: 0.9rem; }
.formulas { overflow-x: auto; }
.formulas .formula { margin: 0.6rem 0; text-align: center; font-size: 1.1rem; }
.formulas .fallback { font-family: ui-monospace, monospace; font-size: 0.85rem; }
.metrics { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
  gap: 0.5rem 1rem; margin: 0.5rem 0; }
.metric .label { font-size: 0.875rem; opacity: 0.8; }
.metric .number { font-size: 1.6rem; font-variant-numeric: tabular-nums;
  overflow-wrap: anywhere; }
.alt { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; margin: 0; }
@media (max-width: 640px) {
  .metric .number { font-size: 1.25rem; }
  .formulas .formula { font-size: 0.95rem; }
}
"""

JS = """
const SVG = "http://www.w3.org/2000/svg";
const PAUSE_MS = __PAUSE_MS__;
const MARGIN = { left: 48, right: 14, top: 10, bottom: 38 };

function el(tag, attrs, text) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function typeset(tex) {
  const katex = window.katex;
  if (!katex) return null;
  try {
    return katex.renderToString(tex, {
      displayMode: true, output: "htmlAndMathml", throwOnError: false, trust: false,
      maxSize: 20, maxExpand: 200, strict: "ignore",
    });
  } catch (error) {
    return null;
  }
}

// Run `work` when the browser is idle (a timer where requestIdleCallback is missing).
function whenIdle(work) {
  if (window.requestIdleCallback) return window.requestIdleCallback(work, { timeout: 1000 });
  return window.setTimeout(() => work({ timeRemaining: () => 4, didTimeout: true }), 16);
}

class Unit {
  constructor(root, setStateValue) {
    this.root = root;
    this.send = setStateValue;
    this.position = [];
    this.sent = null;
    this.asked = null;  // the last position reported that Python has not yet answered
    this.timer = null;
    this.mathCache = new Map();
    this.width = 0;
    this.data = null;
    this.observer = new ResizeObserver(() => {
      const width = Math.round(this.root.querySelector(".picture").clientWidth);
      if (width && width !== this.width) { this.width = width; this.drawFrame(); this.draw(); }
    });
    this.observer.observe(this.root.querySelector(".picture"));
    window.addEventListener("calculus-touch-at", (event) => {
      if (this.data && event.detail === this.data.key) this.placed();
    });
  }

  load(data) {
    // which inputs keep their positions (a replay's steps follow the iterations: new labels)
    const kept = data.controls.map((c, i) => Boolean(this.data && this.data.controls[i]
      && JSON.stringify(this.data.controls[i].labels) === JSON.stringify(c.labels)));
    const fresh = !kept.every(Boolean) || kept.length !== (this.data || data).controls.length;
    this.data = data;
    this.mathCache.clear();
    this.place(fresh, kept);
    this.buildControls(fresh);
    const width = Math.round(this.root.querySelector(".picture").clientWidth) || 640;
    // An answer that only moves the position (the learner paused) keeps the same SVG: a new
    // one would drop the pointer capture, and a drag held through the pause would stop. The
    // handles' positions are read when drawn and dragged, not kept in the SVG: in a cross
    // grid they change with the other control (a line's right end with its intercept).
    const frame = JSON.stringify({ ...data.picture, drags: undefined });
    if (!this.svg || frame !== this.frame || width !== this.width) {
      this.frame = frame;
      this.width = width;
      this.drawFrame();
    }
    this.draw();
    this.prerender();
  }

  // Typeset every row's formulas while the page is idle, a few rows at a time, so that a
  // move later only swaps in HTML KaTeX has already made (the cost of a first visit to a
  // position is then the same as a revisit's).
  prerender() {
    const token = (this.prerendering = {});
    const rows = this.data.rows.flat();
    let k = 0;
    const step = (deadline) => {
      if (token !== this.prerendering) return;  // new data arrived: that one starts over
      if (!window.katex) { window.setTimeout(() => whenIdle(step), 100); return; }
      do {
        for (const entry of rows[k].tex || []) {
          const tex = typeof entry === "string" ? entry : this.filled(entry);
          if (!this.mathCache.has(tex)) {
            const html = typeset(tex);
            if (html !== null) this.mathCache.set(tex, html);
          }
        }
        k += 1;
      } while (k < rows.length && deadline.timeRemaining() > 1);
      if (k < rows.length) whenIdle(step);
    };
    if (rows.length) whenIdle(step);
  }

  // Where Python holds the inputs. A cross grid's data carries it (its rows change with it
  // anyway); a one-input unit's data does not, so that a pause's answer leaves the large data
  // unchanged (Streamlit then sends a reference to it, not the data): the position comes in
  // a small companion element ("touch_at"), which may arrive before or after the data.
  serverPosition() {
    const given = this.data.controls.map((c) => c.index);
    if (given.every((v) => Number.isInteger(v))) return given;
    const at = window.__calculusTouchAt && window.__calculusTouchAt.get(this.data.key);
    if (Array.isArray(at) && at.length === given.length) return at.slice();
    return this.sent ? this.sent.slice() : given.map(() => 0);
  }

  place(fresh, kept = []) {
    const server = this.serverPosition();
    // Keep the learner's own position while a move is on its way to Python: waiting for the
    // pause, or reported and not yet answered (an answer to an earlier pause can arrive
    // after a later one was sent; taking it would move the input back under the hand).
    const answered = fresh || this.asked === null || this.asked.every((v, i) => v === server[i]);
    if (answered) this.asked = null;
    if (fresh) {
      // New positions for some input. A move still waiting for its pause keeps its input
      // where the hand left it, if that input's positions did not change (a key pressed on
      // the iterations while Python answered the last pause): the answer's rows of that
      // input are at the others' positions, which could not move meanwhile.
      const pending = this.timer !== null && this.sent !== null;
      this.position = server.map((v, c) => (pending && kept[c]
        && this.position[c] !== this.sent[c] ? this.position[c] : v));
    } else if (this.timer === null && answered) {
      this.position = server.slice();
    }
    this.sent = server.slice();
  }

  placed() {
    // the companion element brought Python's position: follow it, unless a move is pending
    if (!this.data || !this.svg) return;
    this.place(false);
    this.buildControls(false);
    this.draw();
  }

  buildControls(fresh) {
    const box = this.root.querySelector(".controls");
    if (fresh) {
      // new positions (a control's list follows another's, as a replay's steps follow the
      // iterations): the input the learner was using keeps the keyboard in the new controls
      const active = this.root.getRootNode().activeElement;
      const focused = active && box.contains(active) ? active.dataset.param : null;
      box.replaceChildren();
      this.data.controls.forEach((control, c) => {
        const id = `touch-${this.data.key}-${c}`;
        const wrap = el("div", { class: "control" });
        const label = el("label", { for: id });
        label.append(el("span", {}, control.label + ": "), el("span", { class: "value" }));
        const input = el("input", {
          id, type: "range", min: "0", max: String(control.labels.length - 1), step: "1",
          "aria-label": control.label, "data-param": control.param,
        });
        input.addEventListener("input", () => this.move(c, Number(input.value)));
        const ends = el("div", { class: "ends", "aria-hidden": "true" });
        ends.append(el("span", {}, control.labels[0]),
          el("span", {}, control.labels[control.labels.length - 1]));
        wrap.append(label, input, ends);
        if (control.hint) wrap.append(el("span", { class: "ends" }, control.hint));
        box.append(wrap);
      });
      const again = focused && [...box.querySelectorAll("input")]
        .find((input) => input.dataset.param === focused);
      if (again) again.focus({ preventScroll: true });
    }
    // while an input waits for its pause, the others wait for the rows of its new position
    const moving = this.position.findIndex((v, i) => v !== this.sent[i]);
    box.querySelectorAll("input").forEach((input, c) => {
      input.value = String(this.position[c]);
      input.disabled = moving >= 0 && c !== moving;
    });
  }

  move(c, index) {
    if (this.position[c] === index) return;
    this.position[c] = index;
    const inputs = this.root.querySelectorAll(".controls input");
    if (inputs[c] && Number(inputs[c].value) !== index) inputs[c].value = String(index);
    // A cross grid holds the rows of one input at the others' current positions: while one
    // input has moved away from what Python last saw, the others wait for the new rows.
    inputs.forEach((input, other) => {
      if (other !== c) input.disabled = this.position[c] !== this.sent[c];
    });
    this.draw();
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.report(), PAUSE_MS);
  }

  report() {
    this.timer = null;
    if (this.position.every((v, i) => v === this.sent[i])) return;
    this.sent = this.position.slice();
    this.asked = this.position.slice();
    this.send("position", this.position.slice());
  }

  row() {
    const rows = this.data.rows;
    if (rows.length === 1) return rows[0][this.position[0]];
    const moved = this.position.findIndex((v, i) => v !== this.data.controls[i].index);
    const c = moved < 0 ? 0 : moved;
    return rows[c][this.position[c]];
  }

  // The window the row asks for (`row(window=...)`: a y-range that follows a control), else
  // the picture's.
  view(row = this.row()) {
    // While a handle is dragged the window it started in holds: the pointer keeps one scale
    // (a row with its own window would otherwise rescale the picture under the hand, and the
    // positions between two scales would be skipped). The row's own window follows on release.
    if (this.heldView) return this.heldView;
    const p = this.data.picture;
    return (row && row.window) || { x: p.x, y: p.y, x_ticks: p.x_ticks, y_ticks: p.y_ticks };
  }

  scales(row = this.row()) {
    const p = this.data.picture;
    const width = this.width;
    const height = p.height;
    const { x: [x0, x1], y: [y0, y1] } = this.view(row);
    const left = MARGIN.left, right = width - MARGIN.right;
    const top = MARGIN.top, bottom = height - MARGIN.bottom;
    return {
      width, height, left, right, top, bottom,
      sx: (x) => left + ((x - x0) / (x1 - x0)) * (right - left),
      sy: (y) => bottom - ((y - y0) / (y1 - y0)) * (bottom - top),
      ix: (px) => x0 + ((px - left) / (right - left)) * (x1 - x0),
      iy: (py) => y0 + ((bottom - py) / (bottom - top)) * (y1 - y0),
    };
  }

  drawFrame() {
    const p = this.data.picture;
    const s = this.scales();
    const box = this.root.querySelector(".picture");
    const svg = el("svg:svg", {
      viewBox: `0 0 ${s.width} ${s.height}`, height: String(s.height), role: "img",
      "aria-label": p.description || "",
    });
    const clipId = `clip-${this.data.key}`;
    const defs = el("svg:defs");
    const clip = el("svg:clipPath", { id: clipId });
    clip.append(el("svg:rect", { x: s.left, y: s.top, width: Math.max(0, s.right - s.left),
      height: Math.max(0, s.bottom - s.top) }));
    defs.append(clip);
    svg.append(defs);
    // The axes and the layers that never move depend on the window: drawn by drawWindow,
    // again only when a row asks for another window.
    this.axesLayer = el("svg:g");
    svg.append(this.axesLayer);
    this.fixedLayer = el("svg:g", { "clip-path": `url(#${clipId})` });
    svg.append(this.fixedLayer);
    this.windowKey = null;
    this.rowLayer = el("svg:g", { "clip-path": `url(#${clipId})` });
    svg.append(this.rowLayer);
    this.fixedLabelLayer = el("svg:g");  // labels of the layers that never move
    svg.append(this.fixedLabelLayer);
    this.labelLayer = el("svg:g");
    svg.append(this.labelLayer);
    this.handleLayer = el("svg:g");
    svg.append(this.handleLayer);
    box.replaceChildren(svg);
    this.svg = svg;
    this.bindDrag(svg);
  }

  drawWindow(s, view) {
    const p = this.data.picture;
    const axes = this.axesLayer;
    axes.replaceChildren();
    for (const [value, label] of view.x_ticks) {
      const x = s.sx(value);
      axes.append(el("svg:line", { class: "grid", x1: x, x2: x, y1: s.top, y2: s.bottom }));
      axes.append(el("svg:text", { x, y: s.bottom + 15, "text-anchor": "middle" }, label));
    }
    for (const [value, label] of view.y_ticks) {
      const y = s.sy(value);
      axes.append(el("svg:line", { class: "grid", x1: s.left, x2: s.right, y1: y, y2: y }));
      axes.append(el("svg:text", { x: s.left - 6, y: y + 4, "text-anchor": "end" }, label));
    }
    axes.append(el("svg:line", { class: "axis", x1: s.left, x2: s.right, y1: s.bottom,
      y2: s.bottom }));
    axes.append(el("svg:line", { class: "axis", x1: s.left, x2: s.left, y1: s.top,
      y2: s.bottom }));
    axes.append(el("svg:text", { class: "title", x: (s.left + s.right) / 2, y: s.height - 4,
      "text-anchor": "middle" }, p.x_title));
    const yTitle = el("svg:text", { class: "title", "text-anchor": "middle",
      transform: `translate(12 ${(s.top + s.bottom) / 2}) rotate(-90)` }, p.y_title);
    axes.append(yTitle);
    this.fixedLayer.replaceChildren();
    this.fixedLabelLayer.replaceChildren();
    for (const layer of p.static) this.drawLayer(this.fixedLayer, layer, s, this.fixedLabelLayer);
  }

  drawLayer(group, layer, s, labels = this.labelLayer) {
    if (layer.kind === "pooled") {
      // a layer sent once with the unit (its pool), drawn up to its first `upto` items
      const base = (this.data.pool || [])[layer.index];
      if (!base) return;
      const upto = layer.upto;
      const shown = { ...base };
      for (const field of ["points", "labels", "segments", "rects"]) {
        if (Array.isArray(base[field]) && Number.isInteger(upto)) {
          shown[field] = base[field].slice(0, upto);
        }
      }
      this.drawLayer(group, shown, s, labels);
      return;
    }
    const color = layer.color || "currentColor";
    const dash = layer.dash ? "6 4" : null;
    if (layer.kind === "line") {
      let d = "";
      let pen = false;
      for (const point of layer.points) {
        if (point === null || point[1] === null) { pen = false; continue; }
        d += `${pen ? "L" : "M"}${s.sx(point[0]).toFixed(1)},${s.sy(point[1]).toFixed(1)}`;
        pen = true;
      }
      const path = el("svg:path", { d, fill: "none", stroke: color,
        "stroke-width": layer.width || 2.5, "stroke-linejoin": "round" });
      if (dash) path.setAttribute("stroke-dasharray", dash);
      group.append(path);
    } else if (layer.kind === "segments") {
      for (const [xa, ya, xb, yb] of layer.segments) {
        const line = el("svg:line", { x1: s.sx(xa), y1: s.sy(ya), x2: s.sx(xb), y2: s.sy(yb),
          stroke: color, "stroke-width": layer.width || 2 });
        if (dash) line.setAttribute("stroke-dasharray", dash);
        group.append(line);
      }
    } else if (layer.kind === "rects") {
      for (const [x, y, w, h] of layer.rects) {
        const xa = s.sx(Math.min(x, x + w)), xb = s.sx(Math.max(x, x + w));
        const ya = s.sy(Math.max(y, y + h)), yb = s.sy(Math.min(y, y + h));
        group.append(el("svg:rect", { x: xa, y: ya, width: xb - xa, height: yb - ya,
          fill: color, "fill-opacity": layer.opacity ?? 0.18, stroke: color,
          "stroke-opacity": 0.6 }));
      }
    } else if (layer.kind === "points") {
      layer.points.forEach((point, i) => {
        group.append(el("svg:circle", { cx: s.sx(point[0]), cy: s.sy(point[1]),
          r: layer.size || 5, fill: color, stroke: "var(--st-background-color, #fff)", "stroke-width": 1 }));
        const text = layer.labels && layer.labels[i];
        if (text) {
          labels.append(el("svg:text", { class: "mark", x: s.sx(point[0]) + 12,
            y: s.sy(point[1]) - 11 }, text));
        }
      });
    } else if (layer.kind === "drops" || layer.kind === "drop_boxes") {
      // Per point of a static points layer, only the far end travels in the row: a drop
      // from the point to height `to` (a residual), or a box from it across and up to `to`.
      const base = (this.data.picture.static[layer.of] || {}).points || [];
      base.forEach(([x, y], i) => {
        const to = layer.to[i];
        if (to === null || to === undefined) return;
        if (layer.kind === "drops") {
          const line = el("svg:line", { x1: s.sx(x), y1: s.sy(y), x2: s.sx(x), y2: s.sy(to),
            stroke: color, "stroke-width": layer.width || 2 });
          if (dash) line.setAttribute("stroke-dasharray", dash);
          group.append(line);
          return;
        }
        const across = layer.across[i];
        if (across === null || across === undefined) return;
        const xa = s.sx(Math.min(x, x + across)), xb = s.sx(Math.max(x, x + across));
        const ya = s.sy(Math.max(y, to)), yb = s.sy(Math.min(y, to));
        group.append(el("svg:rect", { x: xa, y: ya, width: xb - xa, height: yb - ya,
          fill: color, "fill-opacity": layer.opacity ?? 0.18, stroke: color,
          "stroke-opacity": 0.6 }));
      });
    } else if (layer.kind === "band") {
      const x = s.sx(layer.from), w = s.sx(layer.to) - x;
      group.append(el("svg:rect", { x, y: s.top, width: Math.max(w, 0),
        height: s.bottom - s.top, fill: color, "fill-opacity": layer.opacity ?? 0.12 }));
    }
  }

  draw() {
    if (!this.data || !this.svg) return;
    const row = this.row();
    const s = this.scales(row);
    const view = this.view(row);
    const windowKey = JSON.stringify([view.x, view.y]);
    if (windowKey !== this.windowKey) {
      this.windowKey = windowKey;
      this.drawWindow(s, view);
    }
    this.rowLayer.replaceChildren();
    this.labelLayer.replaceChildren();
    for (const layer of row.layers) this.drawLayer(this.rowLayer, layer, s);
    this.drawHandles(s, row);
    this.root.querySelectorAll(".controls .value").forEach((node, c) => {
      node.textContent = this.data.controls[c].labels[this.position[c]];
    });
    this.root.querySelectorAll(".controls input").forEach((input, c) => {
      const control = this.data.controls[c];
      input.setAttribute("aria-valuetext", `${control.label} ${control.labels[this.position[c]]}`);
    });
    this.drawLegend(row);
    this.drawNotes(row);
    this.drawFormulas(row);
    this.drawMetrics(row);
    this.svg.setAttribute("aria-label", row.alt || "");
    this.root.querySelector(".alt").textContent = row.alt || "";
    this.root.dataset.position = this.position.join(",");
  }

  drawLegend(row) {
    const box = this.root.querySelector(".legend");
    const keys = this.data.picture.legend || [];
    const names = row.legend || [];
    box.replaceChildren(...keys.map((key, i) => {
      const span = el("span", { class: "key" });
      const swatch = el("svg:svg", { width: "22", height: "10" });
      const line = el("svg:line", { x1: 1, x2: 21, y1: 5, y2: 5, stroke: key.color,
        "stroke-width": 3 });
      if (key.dash) line.setAttribute("stroke-dasharray", "5 3");
      swatch.append(line);
      span.append(swatch, document.createTextNode(names[i] || key.name));
      return span;
    }));
  }

  drawNotes(row) {
    const box = this.root.querySelector(".notes");
    box.replaceChildren(...(row.notes || []).map((note) => el("p", {}, note)));
  }

  filled(entry) {
    // a template from the picture with @0, @1, ... replaced by the row's LaTeX pieces
    const template = (this.data.picture.tex || [])[entry.fill] || "";
    return template.replace(/@([0-9]+)/g, (_, k) => entry.with[Number(k)] ?? "");
  }

  drawFormulas(row) {
    const box = this.root.querySelector(".formulas");
    const shown = (row.tex || []).map((entry) => {
      const tex = typeof entry === "string" ? entry : this.filled(entry);
      const div = el("div", { class: "formula" });
      let html = this.mathCache.get(tex);
      if (html === undefined) {
        html = typeset(tex);
        if (html !== null) this.mathCache.set(tex, html);
      }
      if (html === null) {
        div.append(el("span", { class: "fallback" }, tex));
        if (!window.katex) window.setTimeout(() => this.draw(), 50);
      } else {
        div.innerHTML = html;  // KaTeX output from LaTeX built on the server, trust: false
      }
      return div;
    });
    box.replaceChildren(...shown);
  }

  drawMetrics(row) {
    const box = this.root.querySelector(".metrics");
    box.replaceChildren(...(row.metrics || []).map(([label, value]) => {
      const div = el("div", { class: "metric" });
      div.append(el("div", { class: "label" }, label), el("div", { class: "number" }, value));
      return div;
    }));
  }

  drawHandles(s, row) {
    this.handleLayer.replaceChildren();
    (this.data.picture.drags || []).forEach((drag, k) => {
      const i = this.position[drag.control];
      const [hx, hy] = (row && row.handles && row.handles[k]) || drag.at[i];
      const g = el("svg:g", { class: "handle" });
      g.append(el("svg:circle", { cx: s.sx(hx), cy: s.sy(hy), r: 16, fill: "transparent" }));
      g.append(el("svg:circle", { class: "ring", cx: s.sx(hx), cy: s.sy(hy), r: 8,
        fill: drag.color || "#CC79A7", "fill-opacity": 0.35, stroke: drag.color || "#CC79A7",
        "stroke-width": 2 }));
      this.handleLayer.append(g);
    });
  }

  nearest(drag, px, py) {
    const s = this.scales();
    const here = this.position[drag.control];
    let best = here, gap = Infinity;
    drag.at.forEach(([hx, hy], i) => {
      const d = drag.axis === "y" ? Math.abs(s.sy(hy) - py) : Math.abs(s.sx(hx) - px);
      // Of equally near positions (handles held at the picture's edge), the one nearest the
      // control's own: a hand beyond the edge stops there instead of jumping to the far end.
      if (d < gap || (d === gap && Math.abs(i - here) < Math.abs(best - here))) {
        gap = d; best = i;
      }
    });
    return best;
  }

  bindDrag(svg) {
    if (!(this.data.picture.drags || []).length) return;
    const drags = () => this.data.picture.drags || [];  // the latest answer's
    let active = null;  // the index of the drag under the hand
    const local = (event) => {
      const box = svg.getBoundingClientRect();
      return [(event.clientX - box.left) * (this.width / box.width), event.clientY - box.top];
    };
    svg.addEventListener("pointerdown", (event) => {
      const [px, py] = local(event);
      const s = this.scales();
      let best = null, gap = Infinity;
      const handles = this.row().handles;  // where the rings are drawn now
      drags().forEach((drag, k) => {
        const [hx, hy] = (handles && handles[k]) || drag.at[this.position[drag.control]];
        const d = Math.hypot(s.sx(hx) - px, s.sy(hy) - py);
        if (d < gap) { gap = d; best = k; }
      });
      if (best === null || (drags().length > 1 && gap > 40)) return;
      const drag = drags()[best];
      const input = this.root.querySelectorAll(".controls input")[drag.control];
      if (input && input.disabled) return;
      active = best;
      this.heldView = this.view();
      svg.setPointerCapture(event.pointerId);
      svg.classList.add("dragging");
      event.preventDefault();
      this.move(drag.control, this.nearest(drag, px, py));
    });
    svg.addEventListener("pointermove", (event) => {
      if (active === null) return;
      const [px, py] = local(event);
      const drag = drags()[active];
      this.move(drag.control, this.nearest(drag, px, py));
    });
    const end = () => {
      if (active === null) return;
      active = null;
      svg.classList.remove("dragging");
      this.heldView = null;
      this.draw();  // in the row's own window
    };
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointercancel", end);
  }
}

export default function ({ data, parentElement, setStateValue }) {
  const root = parentElement.querySelector(".touch");
  if (!root || !data) return;
  if (!root.__unit) root.__unit = new Unit(root, setStateValue);
  root.__unit.send = setStateValue;
  root.__unit.load(data);
}
""".replace("__PAUSE_MS__", str(PAUSE_MS))

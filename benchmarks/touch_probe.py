"""The in-page half of `touch_moves.py`: scripts it runs in the page (Playwright evaluate).

Touch units live in Streamlit's shadow roots (components v2 with isolated styles); each script
finds them by walking the shadow roots. `INSTRUMENT` times a move: a capture listener on
`window` notes the keydown or pointermove, a MutationObserver on the unit notes the last DOM
change of the picture and of the numbers, forces style and layout there (so "redrawn" includes
them) and asks for the next frame (requestAnimationFrame, then a MessageChannel message, which
runs after that frame is painted).
"""

# Every touch unit of the page (inside Streamlit's shadow roots), by its inputs' params.
FIND = """
const touchUnits = () => {
  const found = [];
  const walk = (root) => {
    for (const unit of root.querySelectorAll('.touch')) {
      const params = [...unit.querySelectorAll('.controls input[type=range][data-param]')]
        .map((i) => i.dataset.param);
      if (params.length) found.push({unit, params});
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(document);
  return found;
};
"""

UNITS = (
    "() => {"
    + FIND
    + """
return touchUnits().map(({unit, params}) => ({
  params,
  positions: [...unit.querySelectorAll('.controls input[type=range]')].map((i) => Number(i.max) + 1),
  handles: unit.querySelectorAll('.picture .handle').length,
  json_bytes: unit.__unit ? new Blob([JSON.stringify(unit.__unit.data)]).size : null,
}));
}"""
)

INSTRUMENT = (
    "(param) => {"
    + FIND
    + """
  const {unit} = touchUnits().find((u) => u.params.includes(param));
  if (window.__touchBench) window.__touchBench.observer.disconnect();
  const bench = window.__touchBench = {unit, events: [], current: null};
  const region = (node) => {
    const el = node.nodeType === 1 ? node : node.parentElement;
    if (!el) return 'other';
    if (el.closest('.picture, .legend')) return 'picture';
    if (el.closest('.formulas, .metrics, .notes')) return 'numbers';
    return 'other';
  };
  bench.observer = new MutationObserver((records) => {
    const now = performance.now();
    const event = bench.current;
    if (!event) return;
    for (const record of records) event.last[region(record.target)] = now;
    void unit.getBoundingClientRect();  // style and layout of the new DOM, now
    event.layout = performance.now();
    if (event.frame === null) {
      event.frame = 0;
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => { event.frame = performance.now(); };
        channel.port2.postMessage(0);
      });
    }
  });
  bench.observer.observe(unit, {subtree: true, childList: true, characterData: true,
                                attributes: true});
  const start = (event) => {
    bench.current = {kind: event.type, t: performance.now(), last: {}, frame: null, layout: null,
                     before: unit.dataset.position};
    bench.events.push(bench.current);
  };
  if (!window.__touchListening) {
    window.__touchListening = true;
    window.addEventListener('keydown', (e) => window.__touchBench.start(e), true);
    window.addEventListener('pointermove', (e) => window.__touchBench.start(e), true);
  }
  bench.start = start;
  // When the unit reports its position to Python, and whether that report sends a message.
  bench.reports = [];
  const u = unit.__unit;
  if (u && !u.__benchReport) {
    u.__benchReport = true;
    const report = u.report;
    u.report = function () {
      const sends = !this.position.every((v, i) => v === this.sent[i]);
      window.__touchBench.reports.push({t: performance.now(), sends});
      return report.call(this);
    };
  }
}
"""
)

COLLECT = """
() => {
  const bench = window.__touchBench;
  const reports = bench.reports.splice(0);
  const events = bench.events.map((e) => ({
    kind: e.kind, t: e.t, picture: e.last.picture ?? null, numbers: e.last.numbers ?? null,
    layout: e.layout, frame: e.frame || null,
  }));
  bench.events = [];
  bench.current = null;
  return {events, reports};
}
"""

# Where each position of each drag handle sits on the screen (client coordinates).
HANDLES = (
    "(param) => {"
    + FIND
    + """
  const {unit} = touchUnits().find((u) => u.params.includes(param));
  const u = unit.__unit;
  if (!u || !u.svg) return [];
  const s = u.scales();
  const box = u.svg.getBoundingClientRect();
  const k = box.width / u.width;
  return u.data.picture.drags.map((d) => ({
    param: u.data.controls[d.control].param,
    axis: d.axis,
    position: u.position[d.control],
    at: d.at.map((p) => (p === null ? null : [box.left + s.sx(p[0]) * k, box.top + s.sy(p[1])])),
  }));
}
"""
)

POSITION = (
    "(param) => {"
    + FIND
    + """
  const {unit} = touchUnits().find((u) => u.params.includes(param));
  const input = unit.querySelector(`input[data-param="${param}"]`);
  return [Number(input.value), Number(input.max)];
}
"""
)

"""What bench/browser.py sees of one widget change: the page's own probe, and the websocket on the wire.

Two clocks meet here. The page's probe (PROBE, installed in every page) times the input event and
every DOM change inside a chart with the page's clock (performance.now()). The websocket frames are
timed by Chromium's network stack (CDP Network.webSocketFrameReceived/Sent, on the browser's
monotonic clock), which is when they arrived, not when a busy main thread got round to them. `Wire`
puts the frames on the page's clock: a performance.mark() made in the page shows up in a short
Chromium trace with its monotonic timestamp, and the difference is the page's clock offset (exact to
the page clock's 0.1 ms resolution).

Response = the input event to the last frame the server sent for it (heartbeats left out);
settle = the input event to the last DOM change inside a chart.
"""

from __future__ import annotations

import base64
import json
from collections import Counter
from dataclasses import dataclass, field

# In every page: the time of the last user input event (the event's own timestamp, so a busy main
# thread does not delay it), and a MutationObserver on the whole body that keeps only changes inside a
# chart (so a chart the rerun replaces is still seen), with the times each chart changed. Installed per
# change by __plWatch(selector); __plRead(selector) returns it, charts indexed in document order.
PROBE = """
window.__pl = {input: 0, last: 0, n: 0, ran: false, charts: new Map()};
window.__plRuns = 0;  // script runs finished so far: a click's own run is the one that makes it grow
new MutationObserver((records) => {
  for (const m of records)
    if (['notRunning', 'compilationError'].includes(m.target.getAttribute('data-test-script-state'))) window.__plRuns++;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
for (const t of ['pointerdown', 'pointerup', 'click', 'keydown'])
  addEventListener(t, (e) => { window.__pl.input = e.timeStamp; }, true);
window.__plWatch = (sel) => {
  const st = window.__pl;
  if (st.obs) st.obs.disconnect();
  Object.assign(st, {input: 0, last: 0, n: 0, ran: false, charts: new Map()});
  const box = (n) => n.nodeType === 1 ? (n.matches(sel) ? n : n.querySelector(sel)) : null;
  st.obs = new MutationObserver((records) => {
    const now = performance.now(), touched = new Set();
    for (const m of records) {
      if (m.attributeName === 'data-test-script-state') { st.ran = true; continue; }
      const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
      let chart = el && el.closest(sel);
      for (const n of chart ? [] : [...m.addedNodes, ...m.removedNodes]) if ((chart = box(n))) break;
      if (chart) { touched.add(chart); st.n++; }
    }
    for (const chart of touched) {
      if (!st.charts.has(chart)) st.charts.set(chart, []);
      const times = st.charts.get(chart);
      if (times.length < 2000) times.push(now);
      st.last = now;
    }
  });
  st.obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
};
window.__plRead = (sel) => {
  const st = window.__pl, shown = [...document.querySelectorAll(sel)];
  return {input: st.input, last: st.last, n: st.n, ran: st.ran,
          charts: [...st.charts].map(([el, times]) => ({index: shown.indexOf(el), times}))};
};
window.__plDrawn = (sel) => [...document.querySelectorAll(sel)].some((el) => {
  const r = el.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || !el.checkVisibility()) return false;
  if (el.matches('.js-plotly-plot')) return !!el.querySelector('.main-svg .trace, .main-svg .sankey');
  if (el.matches('[data-testid="stDataFrame"]')) return !!el.querySelector('canvas');
  return true;
});
"""
IDLE = """() => !document.querySelector('[data-testid="stStatusWidget"]') && !['running', 'rerunRequested',
  'stopRequested'].includes(document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'))"""
RAN_SINCE = "(runs) => window.__plRuns > runs && (" + IDLE + ")()"  # a run after the one counted is over
# Settled: an input was seen, the app ran or a chart changed, the app is idle, and no chart changed for q ms.
SETTLED = (
    "(q) => { const st = window.__pl; return st.input > 0 && (st.ran || st.n > 0) && (" + IDLE + ")()"
    " && performance.now() - Math.max(st.last, st.input) > q; }"
)
CLOCK_MARK = "pl-clock"
NOT_THE_RERUN = {"heartbeat_ack"}  # server frames that answer the page's heartbeat, not the input


def frame_kind(payload: str, opcode: int, sent: bool) -> str:
    """The Streamlit message type of a frame (ForwardMsg from the server, BackMsg to it), or '?'."""
    if opcode != 2:
        return "text"
    try:
        if sent:
            from streamlit.proto.BackMsg_pb2 import BackMsg as Msg
        else:
            from streamlit.proto.ForwardMsg_pb2 import ForwardMsg as Msg
        msg = Msg()
        msg.ParseFromString(base64.b64decode(payload))
        kind = msg.WhichOneof("type") or "?"
        if kind == "delta":
            kind += "." + (msg.delta.WhichOneof("type") or "?")
        return kind
    except Exception:  # noqa: BLE001 (a frame this Streamlit cannot parse still counts as a frame)
        return "?"


@dataclass
class Frame:
    at: float  # ms on the browser's monotonic clock
    sent: bool
    opcode: int
    payload: str = field(repr=False)

    @property
    def kind(self) -> str:
        return frame_kind(self.payload, self.opcode, self.sent)


@dataclass
class Rerun:
    """The frames of one change, in ms after its input event (None when no frame came)."""

    sent: float | None  # the page's message to the server (the rerun request)
    first: float | None  # the server's first frame back
    last: float | None  # the server's last frame: the response
    kinds: Counter


def trace_events(raw: bytes) -> list[dict]:
    data = json.loads(raw)
    return data["traceEvents"] if isinstance(data, dict) else data


class Wire:
    """A page's websocket frames as the browser's network stack saw them, and the page's clock offset."""

    def __init__(self, ctx, page):
        self.frames: list[Frame] = []
        self.offset: float | None = None  # ms: monotonic clock = page clock + offset (per document)
        self.cdp = ctx.new_cdp_session(page)
        self.cdp.on("Network.webSocketFrameReceived", lambda e: self._add(e, sent=False))
        self.cdp.on("Network.webSocketFrameSent", lambda e: self._add(e, sent=True))
        self.cdp.send("Network.enable")

    def _add(self, event: dict, sent: bool) -> None:
        r = event["response"]
        self.frames.append(Frame(event["timestamp"] * 1000, sent, r["opcode"], r["payloadData"]))

    def calibrate(self, browser, page) -> None:
        """Find the page's clock offset; again after every navigation (a new document has a new clock)."""
        self.offset = clock_offset(browser, page)

    def clear(self) -> None:
        self.frames.clear()

    def rerun(self, input_ms: float) -> Rerun:
        """The frames after an input event (call once the page settled: every frame has arrived by then)."""
        if self.offset is None:
            raise RuntimeError("the page's clock offset is unknown: call calibrate() after the page loaded")
        self.cdp.send("Runtime.evaluate", {"expression": "0"})  # a round trip: earlier events are delivered
        start = input_ms + self.offset  # the input on the monotonic clock
        after = [f for f in self.frames if f.at >= start]
        sent = [f.at for f in after if f.sent and f.kind != "app_heartbeat"]
        back = [(f.at, f.kind) for f in after if not f.sent]
        back = [(at, k) for at, k in back if k not in NOT_THE_RERUN]
        return Rerun(
            sent=min(sent) - start if sent else None,
            first=back[0][0] - start if back else None,
            last=max(at for at, _ in back) - start if back else None,
            kinds=Counter(k for _, k in back),
        )

    def close(self) -> None:
        try:
            self.cdp.detach()
        except Exception:  # noqa: BLE001 (the page may be gone already)
            pass


def clock_offset(browser, page) -> float:
    """Monotonic ms minus page ms, from a performance.mark() seen in a short trace."""
    browser.start_tracing(page=page, categories=["blink.user_timing"])
    try:
        at = page.evaluate(f"performance.mark('{CLOCK_MARK}').startTime")
    finally:
        raw = browser.stop_tracing()
    return mark_offset(trace_events(raw), CLOCK_MARK, at)


def mark_offset(events: list[dict], name: str, page_ms: float) -> float:
    """Monotonic ms minus page ms, from the trace event of a mark made at page_ms."""
    ts = [e["ts"] for e in events if e.get("name") == name]
    if not ts:
        raise RuntimeError(f"the page's mark {name} is not in the trace")
    return ts[-1] / 1000 - page_ms

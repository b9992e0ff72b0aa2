"""Where the time of one widget change goes: a Chromium trace around it, summarised.

The trace (CDP Tracing, through Playwright's browser.start_tracing) records the page's main-thread
tasks and V8's CPU profile, sampled about every 0.2 ms, with the URL of every script. Each sample
between the input event and the last DOM change in a chart (settle) is put in one bucket by the
scripts on its stack, first match wins:

- Plotly.js: any frame in Streamlit's PlotlyChart bundle (Plotly itself and its React wrapper),
  including the layout Plotly forces while it measures text;
- message decoding: any frame in Streamlit's protobuf bundle;
- Streamlit/React: any other frame of the app's own scripts (rendering, commits, handlers);
- benchmark: script with no URL, that is the probe and Playwright's own polling;
- engine: no script on the stack (style, layout, paint, input and network handling);
- GC; idle (the main thread waiting: for the server, for the next animation frame).

Each main-thread task holding Plotly.js samples is a Plotly draw (start after the input, the task's
length, its Plotly.js share, the charts whose DOM changed inside it), and a chart whose DOM kept
changing over many tasks after its draw was animated. The trace's own cost (sampling, event
recording) makes these browser-side times somewhat longer than untraced ones.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "blink.user_timing",
    "disabled-by-default-v8.cpu_profiler",
    "disabled-by-default-devtools.v8-source-rundown",  # scriptId -> URL for scripts loaded before the trace
]
WORK = ("Streamlit/React", "message decoding", "Plotly.js", "engine", "GC", "benchmark", "idle")
MARK = "pl-trace"  # a performance.mark() made in the page just after tracing starts: finds its main thread
SPECIAL = {"(program)": "engine", "(root)": "engine", "(garbage collector)": "GC", "(idle)": "idle"}


@dataclass
class Draw:
    """One main-thread task that ran Plotly.js: ms after the input, its length, Plotly's share, charts changed."""

    at: float
    task: float
    plotly: float
    charts: list[int]


@dataclass
class Split:
    """One traced change: main-thread ms from input to settle per bucket, Plotly draws, chart changes."""

    work: dict[str, float] = field(default_factory=dict)
    draws: list[Draw] = field(default_factory=list)
    charts: dict[int, list[float]] = field(default_factory=dict)  # chart index -> ms its DOM changed (-1: removed)


def _samples(events: list[dict], pid: int, tid: int) -> tuple[list[tuple[float, int]], dict[int, dict]]:
    """The main thread's CPU profile: (time in µs, node id) sorted, and the nodes by id."""
    ids = {
        e["id"]: e["args"]["data"]["startTime"]
        for e in events
        if e.get("name") == "Profile" and e["pid"] == pid and e["tid"] == tid
    }
    nodes: dict[int, dict] = {}
    samples = []
    for pid_id, start in ids.items():
        t = start
        for e in events:
            if e.get("name") != "ProfileChunk" or e["pid"] != pid or e.get("id") != pid_id:
                continue
            data = e["args"]["data"]
            profile = data.get("cpuProfile", {})
            for n in profile.get("nodes", []):
                nodes[n["id"]] = n
            for node, delta in zip(profile.get("samples", []), data.get("timeDeltas", []), strict=False):
                t += delta
                samples.append((t, node))
    samples.sort()
    return samples, nodes


def _bucket(node_id: int, nodes: dict[int, dict], urls: dict[int, str], memo: dict[int, str]) -> str:
    """Which bucket a sample's stack belongs in (see the module's docstring)."""
    if node_id in memo:
        return memo[node_id]
    name = nodes[node_id]["callFrame"]["functionName"]
    if name in SPECIAL:
        memo[node_id] = SPECIAL[name]
        return memo[node_id]
    seen = []
    n: dict | None = nodes[node_id]
    while n is not None:
        seen.append(urls.get(n["callFrame"].get("scriptId"), ""))
        n = nodes.get(n.get("parent"))
    if any("/PlotlyChart." in u for u in seen):
        kind = "Plotly.js"
    elif any("/protobuf." in u for u in seen):
        kind = "message decoding"
    elif any(u.startswith("http") for u in seen):
        kind = "Streamlit/React"
    else:
        kind = "benchmark"
    memo[node_id] = kind
    return kind


def summarise(events: list[dict], input_ms: float, settle_ms: float, offset: float, charts: list[dict]) -> Split:
    """The split of one traced change. Times are page-clock ms; offset turns them into the trace's clock."""
    mark = next((e for e in events if e.get("name") == MARK), None)
    if mark is None:
        raise RuntimeError("the page's trace mark is missing: which renderer is the page's?")
    pid, tid = mark["pid"], mark["tid"]
    start, end = (input_ms + offset) * 1000, (settle_ms + offset) * 1000  # µs on the trace's clock
    urls = {
        e["args"]["data"]["scriptId"]: e["args"]["data"].get("url", "")
        for e in events
        if e.get("name") == "ScriptCatchup" and e["pid"] == pid
    }
    samples, nodes = _samples(events, pid, tid)
    memo: dict[int, str] = {}
    split = Split(work=dict.fromkeys(WORK, 0.0))
    plotly_at: list[tuple[float, float]] = []  # (µs, ms) of Plotly.js samples in the window
    for (t, node), (t_next, _) in zip(samples, samples[1:], strict=False):
        lo, hi = max(t, start), min(t_next, end)
        if hi <= lo or node not in nodes:
            continue
        kind = _bucket(node, nodes, urls, memo)
        split.work[kind] += (hi - lo) / 1000
        if kind == "Plotly.js":
            plotly_at.append((t, (hi - lo) / 1000))
    changed = defaultdict(list)  # chart index -> times (µs) its DOM changed
    for chart in charts:
        changed[chart["index"]] += [(t + offset) * 1000 for t in chart["times"] if input_ms <= t <= settle_ms]
    tasks = [
        e
        for e in events
        if e.get("name") == "RunTask" and e["pid"] == pid and e["tid"] == tid and e.get("dur")
        if e["ts"] < end and e["ts"] + e["dur"] > start
    ]
    split.charts = {i: [(t - start) / 1000 for t in sorted(times)] for i, times in changed.items() if times}
    for task in sorted(tasks, key=lambda e: e["ts"]):
        lo, hi = task["ts"], task["ts"] + task["dur"]
        plotly = sum(ms for t, ms in plotly_at if lo <= t < hi)
        if plotly >= 1:
            hit = sorted(i for i, times in changed.items() if any(lo <= t <= hi for t in times))
            split.draws.append(Draw((lo - start) / 1000, task["dur"] / 1000, plotly, hit))
    return split

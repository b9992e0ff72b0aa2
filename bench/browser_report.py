"""bench/browser.py's report: the Markdown written to bench/RESULTS.md, and the machine it ran on.

Every figure is a median over the run's samples, with its interquartile range where a spread means
something, and PayLadder's are also given as a ratio to the floor app's median from the same run,
which is what a reader should compare between runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.browser_pages import BUTTON, GRID, METRIC, PLOTLY, PLOTLY_BOX
from bench.browser_trace import WORK

DRAW_MS = 5  # a task with less Plotly.js than this is an animation frame, not a draw


def machine(browser: str, root: Path, quiet) -> dict[str, str]:
    """CPU count, memory, load, versions and date of this run."""
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    python = root / ".venv" / "bin" / "python"
    versions = subprocess.run(
        [str(python), "-c", "import streamlit, plotly; print(streamlit.__version__, plotly.__version__)"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    commit = subprocess.run(
        ["git", "-C", str(root), "log", "-1", "--format=%h %s"], capture_output=True, text=True, check=False
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": str(os.cpu_count()),
        "load average (1, 5, 15 min)": f"{quiet.load_start_text} at the start, {quiet.load_end_text} at the end",
        "other processes": f"{quiet.others:.2f} cores on average during the run ({quiet.seconds / 60:.1f} min)",
        "memory": f"{mem_kb / 2**20:.1f} GB",
        "browser": browser,
        "streamlit": versions[0] if versions else "?",
        "plotly": versions[1] if len(versions) > 1 else "?",
        "root": str(root),
        "commit": commit,
    }


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _cell(
    xs: list[float], base: list[float] | None, unit: str = "s", spread: bool = False, failed: bool = False
) -> str:
    """'**ratio** median (IQR)'; 'n/a' without samples ('error' when the page recorded errors)."""
    m, b = _median(xs), _median(base or [])
    if m is None:
        return "error" if failed else "n/a"
    value = f"{m / 1000:.2f} s" if unit == "s" else f"{m:.0f} ms"
    if spread and len(xs) > 1:
        q = statistics.quantiles(xs, n=4)
        value += f" (IQR {q[0]:.0f}–{q[2]:.0f}, n={len(xs)})"
    return f"**{m / b:.2f}x** {value}" if b else value


def _ms(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0f}"


def timing_table(results: dict) -> list[str]:
    floor_title = next(iter(results))
    floor = results[floor_title]
    lines = [
        "| page | start → first chart | fresh → first chart | returning → first chart | response | settle |",
        "|---|---|---|---|---|---|",
    ]
    for title, fig in results.items():
        base = None if title == floor_title else floor
        failed = bool(fig.errors)
        notes = (f", {fig.missed} not settled" if fig.missed else "") + (
            f", {fig.unchanged} changed no chart" if fig.unchanged else ""
        )
        cells = [
            _cell(fig.start, base and base.start, failed=failed),
            _cell(fig.fresh, base and base.fresh, failed=failed),
            _cell(fig.returning, base and base.returning, failed=failed),
            _cell(fig.response, base and base.response, "ms", spread=True, failed=failed),
            _cell(fig.settle, base and base.settle, "ms", spread=True, failed=failed) + notes,
        ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return lines


def _split_medians(fig) -> dict[str, float | None]:
    """Medians over a page's traced changes: the wire's timeline and the main thread's buckets."""
    changes = [c for c, _ in fig.traced]
    after = [c.settle - c.rerun.last for c in changes if c.settle is not None and c.rerun.last is not None]
    transfer = [c.rerun.last - c.rerun.first for c in changes if c.rerun.first is not None]
    row = {
        "sent": _median([c.rerun.sent for c in changes if c.rerun.sent is not None]),
        "server": _median([c.rerun.first for c in changes if c.rerun.first is not None]),
        "transfer": _median(transfer),
        "after": _median(after),
        "settle": _median([c.settle for c in changes if c.settle is not None]),
    }
    for kind in WORK:
        row[kind] = _median([s.work[kind] for _, s in fig.traced])
    return row


def split_table(results: dict) -> list[str]:
    lines = [
        "| page | input → rerun request sent | server: input → first message | transfer: first → last message "
        "| last message → settle | settle | " + " | ".join(WORK) + " |",
        "|---|" + "---|" * (5 + len(WORK)),
    ]
    for title, fig in results.items():
        if not fig.traced:
            lines.append(f"| {title} | " + " | ".join(["error" if fig.errors else "n/a"] * (5 + len(WORK))) + " |")
            continue
        row = _split_medians(fig)
        cells = [row["sent"], row["server"], row["transfer"], row["after"], row["settle"]] + [row[k] for k in WORK]
        lines.append(f"| {title} | " + " | ".join(_ms(x) for x in cells) + " |")
    return lines


def draws_list(results: dict) -> list[str]:
    """Each page's Plotly draws and animations in its traced change of median settle."""
    lines = []
    for title, fig in results.items():
        settled = sorted(((c.settle, c, s) for c, s in fig.traced if c.settle is not None), key=lambda x: x[0])
        if not settled:
            continue
        _, change, split = settled[(len(settled) - 1) // 2]
        big = [d for d in split.draws if d.plotly >= DRAW_MS]
        small = [d for d in split.draws if d.plotly < DRAW_MS]
        draws = "; ".join(
            f"+{d.at:.0f} ms, a {d.task:.0f} ms task with {d.plotly:.0f} ms of Plotly.js{_charts(d.charts)}"
            for d in big
        )
        if small:
            draws += (
                f"{'; and ' if big else ''}{len(small)} shorter tasks with "
                f"{sum(d.plotly for d in small):.0f} ms of Plotly.js in all"
            )
        kinds = Counter(k.split(".")[0] for k in change.rerun.kinds.elements())
        lines.append(
            f"- **{title}** (settle {change.settle:.0f} ms; {sum(kinds.values())} messages: "
            + ", ".join(f"{n} {k}" for k, n in kinds.most_common())
            + f"). Plotly draws: {draws or 'none'}."
            + "".join(f" {a}." for a in split_animations(split))
        )
    return lines


def _charts(indexes: list[int]) -> str:
    """' (chart 1)', ' (charts 1, 2 and a replaced one)': charts numbered in page order; -1 left the page."""
    names = [str(i + 1) for i in indexes if i >= 0] + (["a replaced one"] if -1 in indexes else [])
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f" (chart{'s' if len(names) > 1 else ''} {listed})"


def split_animations(split) -> list[str]:
    """Charts whose DOM kept changing in many tasks after their draw (a Plotly transition)."""
    out = []
    for index, times in sorted(split.charts.items()):
        if len(times) >= 5 and times[-1] - times[0] >= 100:
            out.append(
                f"Chart {index + 1 if index >= 0 else '(replaced)'} animated: {len(times)} DOM updates "
                f"from +{times[0]:.0f} to +{times[-1]:.0f} ms"
            )
    return out


SETTLE_LIMITS = {"Market": 2.0, "Offer calculator": 2.0}
"""Issue 23's settle targets where they differ from 1.5x the floor's (Career paths: against the Sankey alone)."""
MEMORY_LIMITS = (250, 300)
"""Issue 23's peak RSS targets (MB): one session, ten sessions."""


def _check(m: float | None, base: float | None, limit: float) -> str:
    return "n/a" if not m or not base else f"{'met' if m / base <= limit else '**not met**'} ({m / base:.2f}x)"


def targets_table(results: dict, memory: dict) -> list[str]:
    """Each page against issue 23's targets: response ≤ 1.5x the floor's; settle ≤ 1.5x (2x on Market and the
    Offer calculator; Career paths against the Sankey alone, whose 500 ms slide it keeps); first chart ≤ 1.25x
    fresh and returning; peak memory."""
    floor_title = next(iter(results))
    floor, sankey = results[floor_title], next((f for t, f in results.items() if t.startswith("Sankey")), None)
    lines = [
        "| page | response ≤ 1.5x | settle ≤ 1.5x (2x) | fresh first chart ≤ 1.25x | returning first chart ≤ 1.25x |",
        "|---|---|---|---|---|",
    ]
    for title, fig in results.items():
        if title == floor_title or fig is sankey:
            continue
        settle_base = sankey if title == "Career paths" and sankey else floor
        cells = [
            _check(_median(fig.response), _median(floor.response), 1.5),
            _check(_median(fig.settle), _median(settle_base.settle), SETTLE_LIMITS.get(title, 1.5))
            + (" against the Sankey alone" if settle_base is sankey else ""),
            _check(_median(fig.fresh), _median(floor.fresh), 1.25),
            _check(_median(fig.returning), _median(floor.returning), 1.25),
        ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    for name, m in memory.items():
        if name != floor_title:
            one, ten = (
                f"{'met' if mb <= limit else '**not met**'} ({mb:.0f} MB)"
                for mb, limit in zip((m.one, m.ten), MEMORY_LIMITS, strict=True)
            )
            lines += [
                "",
                f"{name}'s peak memory: one session ≤ {MEMORY_LIMITS[0]} MB {one}; ten ≤ {MEMORY_LIMITS[1]} MB {ten}.",
            ]
    return lines


def memory_table(memory: dict, errors: list[str], floor_title: str) -> list[str]:
    lines = [
        "| peak server RSS (process tree) | one session, every page | ten sessions at once, every page |",
        "|---|---|---|",
    ]
    base = memory.get(floor_title)
    for name, m in memory.items():
        if base and name != floor_title:
            lines.append(
                f"| {name} | **{m.one / base.one:.2f}x** {m.one:.0f} MB | **{m.ten / base.ten:.2f}x** {m.ten:.0f} MB |"
            )
        else:
            lines.append(f"| {name} | {m.one:.0f} MB | {m.ten:.0f} MB |")
    for name, m in memory.items():
        if name != floor_title:
            lines += [
                "",
                f"{name}'s peak so far after each page (MB), one session: "
                + ", ".join(f"{t} {mb:.0f}" for t, mb in m.one_steps)
                + "; ten sessions: "
                + ", ".join(f"{t} {mb:.0f}" for t, mb in m.ten_steps)
                + ".",
            ]
    return lines + ([""] + [f"- memory phase error: {e}" for e in errors] if errors else [])


def write_results(path: Path | None, run, info: dict[str, str], specs, args) -> str:
    """The report's text (run: bench.browser.Run), written to path unless path is None."""
    results = run.results
    floor_title = next(iter(results))
    floor = results[floor_title]
    lines = [
        "# Browser benchmark (bench/browser.py)",
        "",
        "Written by `make bench` (`python -m bench.browser`). Each cell: **ratio to the floor** (a "
        "one-selectbox, one-Plotly-chart Streamlit app, bench/floor_app.py, measured in the same run, its "
        "rounds interleaved with every page's), then the median. Start = process start to first chart drawn "
        "(a new server each time); fresh = new browser context on a running server; returning = same context, "
        "cache warm; response = a widget's input event to the server's last websocket message for it (network "
        "arrival time, heartbeats left out); settle = the input event to the last DOM change inside a chart. "
        "The Sankey alone (bench/sankey_app.py) is the Career paths diagram toggled by a selectbox: Plotly "
        "animates every Sankey update for 500 ms.",
        "",
        *timing_table(results),
    ]
    notes = [note for spec in specs if (note := _page_note(spec))]
    if notes:
        lines += ["", "Where a page has no chart to wait for: " + "; ".join(notes) + "."]
    sankey = next((f for t, f in results.items() if t.startswith("Sankey")), None)
    career = results.get("Career paths")
    if sankey and career and _median(sankey.settle) and _median(career.settle):
        lines += [
            "",
            f"Career paths against the Sankey alone: response {_ratio(career.response, sankey.response)}, "
            f"settle {_ratio(career.settle, sankey.settle)}.",
        ]
    answers = {t: a for t, f in results.items() if (a := _median(f.answer)) is not None}
    if answers:
        lines += [
            "",
            "Server answers its health check after (median): "
            + ", ".join(f"{t} {a / 1000:.2f} s" for t, a in answers.items())
            + ".",
        ]
    lines += [
        "",
        "## Where a widget change's time goes",
        "",
        "Medians over each page's traced changes (bench/browser_trace.py: a Chromium trace with V8's CPU "
        "profile around each), in ms after the input event. The first columns follow the websocket "
        "(network arrival times); the others share out the page's main thread from the input to settle by the "
        "scripts on each profile sample's stack: Plotly.js (Streamlit's PlotlyChart bundle, with the layout "
        "it forces), message decoding (protobuf), Streamlit/React (the rest of the app's scripts: rendering, "
        "commits, handlers), engine (no script on the stack: style, layout, paint, input and network), GC, "
        "benchmark (the probe and Playwright's polling) and idle (waiting for the server or the next frame). "
        "Tracing makes the browser-side times somewhat longer than untraced ones.",
        "",
        *split_table(results),
        "",
        "Plotly draws (main-thread tasks that ran Plotly.js: start after the input, length, Plotly's share, "
        "charts changed in it, numbered in page order) and animations, in each page's traced change of median "
        "settle:",
        "",
        *draws_list(results),
    ]
    if not args.no_memory:
        lines += ["", "## Server memory", "", *memory_table(run.memory, run.memory_errors, floor_title)]
    lines += ["", "## Against issue 23's targets", "", *targets_table(results, {} if args.no_memory else run.memory)]
    errors = [(t, e, n) for t, f in results.items() for e, n in Counter(_general(x) for x in f.errors).items()]
    if errors or run.stopped:
        lines += ["", "## Errors", ""] + [f"- {t}: {e}" + (f" (x{n})" if n > 1 else "") for t, e, n in errors]
        lines += [f"- the run stopped early: {run.stopped}"] if run.stopped else []
    lines += (
        ["", "## Machine", ""]
        + [f"- {k}: {v}" for k, v in info.items()]
        + [
            f"- pages: {', '.join(s.title for s in specs)}; samples per cell (floor): start {len(floor.start)}, "
            f"fresh {len(floor.fresh)}, returning {len(floor.returning)}, response {len(floor.response)}, "
            f"settle {len(floor.settle)}, traced {len(floor.traced)}",
            f"- options: --starts {args.starts} --repeats {args.repeats} --changes {args.changes} "
            f"--traces {args.traces}" + (" --force" if args.force else ""),
            "",
        ]
    )
    text = "\n".join(lines)
    if path is not None:
        path.write_text(text)
    return text


def _page_note(spec) -> str:
    """How a page without a chart on its first screen is timed, or ''."""
    words = {PLOTLY: "chart", PLOTLY_BOX: "chart", GRID: "table", METRIC: "metric", BUTTON: "button"}
    parts = []
    if spec.ready != PLOTLY:
        parts.append(f"first chart = its first {words.get(spec.ready, spec.ready)} shown")
    if spec.setup:
        parts.append("its widget is changed after clicking " + " then ".join(f"“{b}”" for b in spec.setup))
    if spec.watch != PLOTLY_BOX:
        parts.append(f"a change settles with the last DOM change in its {words.get(spec.watch, spec.watch)}s")
    return f"{spec.title}: {', '.join(parts)}" if parts else ""


def _ratio(xs: list[float], base: list[float]) -> str:
    m, b = _median(xs), _median(base)
    return f"**{m / b:.2f}x** ({m:.0f} ms against {b:.0f} ms)" if m and b else "n/a"


def _general(error: str) -> str:
    """An error without its round number, so repeats of one error are counted together."""
    what, _, rest = error.partition(":")
    return what.rstrip("0123456789 ") + ":" + rest

"""bench/browser.py's report: the machine it ran on, and the Markdown table written to bench/RESULTS.md.

Every PayLadder figure is a median and is also given as a ratio to the floor app's median from the
same run, which is what a reader should compare between runs (the machine is shared and noisy).
"""

from __future__ import annotations

import os
import statistics
import subprocess
from datetime import UTC, datetime
from pathlib import Path


def machine(browser: str, root: Path) -> dict[str, str]:
    """CPU count, memory, versions and date of this run."""
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    python = root / ".venv" / "bin" / "python"
    streamlit = subprocess.run(
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
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "memory": f"{mem_kb / 2**20:.1f} GB",
        "browser": browser,
        "streamlit": streamlit[0] if streamlit else "?",
        "plotly": streamlit[1] if len(streamlit) > 1 else "?",
        "root": str(root),
        "commit": commit,
    }


def _median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


def _cell(xs: list[float], floor: list[float], unit: str = "s", spread: bool = False) -> str:
    m, f = _median(xs), _median(floor)
    if m is None:
        return "n/a"
    value = f"{m / 1000:.2f} s" if unit == "s" else f"{m:.0f} ms"
    if spread and len(xs) > 1:
        q = statistics.quantiles(xs, n=4)
        value += f" (IQR {q[0]:.0f}–{q[2]:.0f}, min {min(xs):.0f}, max {max(xs):.0f})"
    return f"**{m / f:.2f}x** {value}" if f else value


def write_results(
    path: Path, results: dict, memory: dict[str, tuple[float, float]], info: dict[str, str], specs: list
) -> str:
    """Write the tables to path and return the text."""
    floor_title = next(iter(results))
    floor = results[floor_title]
    lines = [
        "# Browser benchmark (bench/browser.py)",
        "",
        "Written by `make bench` (`python -m bench.browser`). Each cell: **ratio to the floor** (a "
        "one-selectbox, one-Plotly-chart Streamlit app, bench/floor_app.py, measured in the same run), "
        "then the median. Start = process start to first chart drawn (a new server each time); "
        "fresh = new browser context on a running server; returning = same context, cache warm; "
        "change = input event to the last DOM change inside a chart, median with IQR and range.",
        "",
        "| page | start → first chart | fresh → first chart | returning → first chart | widget change |",
        "|---|---|---|---|---|",
    ]
    for title, fig in results.items():
        ratio = title != floor_title
        lines.append(
            f"| {title} | "
            + " | ".join(
                [
                    _cell(fig.start, floor.start if ratio else []),
                    _cell(fig.fresh, floor.fresh if ratio else []),
                    _cell(fig.returning, floor.returning if ratio else []),
                    _cell(fig.change, floor.change if ratio else [], "ms", spread=True)
                    + (f", {fig.missed} not settled" if fig.missed else "")
                    + (f", {fig.unchanged} changed no chart" if fig.unchanged else ""),
                ]
            )
            + " |"
        )
    answers = {t: _median(f.answer) for t, f in results.items()}
    lines += [
        "",
        "Server answers its health check after (median): "
        + ", ".join(f"{t} {a / 1000:.2f} s" for t, a in answers.items() if a is not None)
        + ".",
        "",
        "| peak server RSS (process tree) | one session, every page | ten sessions at once, every page |",
        "|---|---|---|",
    ]
    base = memory.get(floor_title)
    for name, (one, ten) in memory.items():
        if base and name != floor_title:
            lines.append(f"| {name} | **{one / base[0]:.2f}x** {one:.0f} MB | **{ten / base[1]:.2f}x** {ten:.0f} MB |")
        else:
            lines.append(f"| {name} | {one:.0f} MB | {ten:.0f} MB |")
    lines += (
        ["", "## Machine", ""]
        + [f"- {k}: {v}" for k, v in info.items()]
        + [
            f"- pages: {', '.join(s.title for s in specs)}; samples per cell: start {len(floor.start)}, "
            f"fresh {len(floor.fresh)}, returning {len(floor.returning)}, change {len(floor.change)}",
            "",
        ]
    )
    text = "\n".join(lines)
    path.write_text(text)
    return text

"""Geometry for the inline SVG charts (emotion curve, forces of progress, saturation).

Only numbers and strings are computed here; the Jinja macros in templates/svg.html.j2 draw them,
so every label goes through autoescaping like the rest of the page.
"""

from __future__ import annotations

WIDTH = 760
FORCE_COLOURS = {"push": "#d9480f", "pull": "#2b8a3e", "anxiety": "#c92a2a", "habit": "#5c7cfa"}


def _lines(label: str, width: int = 16) -> list[str]:
    """A label in at most two lines, split at a space near the middle when it is long."""
    words = label.split()
    if len(label) <= width or len(words) < 2:
        return [label]
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(label) / 2))
    return [" ".join(words[:best]), " ".join(words[best:])]


def emotion_curve(m: dict) -> dict:
    """Stage columns left to right; mean emotion -1..1 bottom to top; gaps where nothing was coded."""
    curve = m["feeling"]["curve"]
    left, right, top, plot_h = 56, 20, 24, 150
    step = (WIDTH - left - right) / max(1, len(curve))
    high = (m["feeling"]["high"] or {}).get("stage")
    low = (m["feeling"]["low"] or {}).get("stage")
    points, runs, run = [], [], []
    for i, c in enumerate(curve):
        x = round(left + step * (i + 0.5), 1)
        point = {"x": x, "label": _lines(c["label"]), "mean": c["mean"], "score": c["score"],
                 "mark": "high" if c["stage"] == high else "low" if c["stage"] == low else None}
        if c["mean"] is not None:
            point["y"] = round(top + (1 - c["mean"]) / 2 * plot_h, 1)
            run.append(f"{x},{point['y']}")
        elif run:
            runs.append(" ".join(run))
            run = []
        points.append(point)
    if run:
        runs.append(" ".join(run))
    bridge = " ".join(f"{p['x']},{p['y']}" for p in points if "y" in p)  # dashed across stages with no data
    return {"width": WIDTH, "height": top + plot_h + 52, "left": left, "right": WIDTH - right, "top": top,
            "bottom": top + plot_h, "middle": top + plot_h / 2, "points": points, "runs": runs,
            "bridge": bridge}


def forces_diagram(m: dict, labels: dict) -> dict:
    """Push and pull arrows towards the switch (the centre line), anxiety and habit arrows against it."""
    counts = m["forces"]
    centre, reach = WIDTH / 2, WIDTH / 2 - 24
    most = max(1, *counts.values())
    arrows = []
    for force, row in (("push", 0), ("pull", 1), ("anxiety", 0), ("habit", 1)):
        length = round(24 + (reach - 24) * counts[force] / most, 1)
        towards = force in ("push", "pull")
        arrows.append({"force": force, "label": labels[force], "count": counts[force], "y": 78 + row * 64,
                       "x1": round(centre - length if towards else centre + length, 1),
                       "x2": centre - 3 if towards else centre + 3, "towards": towards,
                       "colour": FORCE_COLOURS[force], "text_x": centre - 12 if towards else centre + 12})
    return {"width": WIDTH, "height": 186, "centre": centre, "arrows": arrows,
            "progress": counts["push"] + counts["pull"], "resist": counts["anxiety"] + counts["habit"]}


def saturation_chart(rows: list[dict]) -> dict:
    """Bars of new codes per interview and the cumulative line, interviews in date order."""
    left, right, top, plot_h = 48, 20, 20, 170
    step = (WIDTH - left - right) / max(1, len(rows))
    most = max([1] + [r["cumulative"] for r in rows])
    bars, line = [], []
    for i, r in enumerate(rows):
        x = left + step * i
        h = plot_h * r["new"] / most
        cy = top + plot_h - plot_h * r["cumulative"] / most
        bars.append({"x": round(x + step * 0.15, 1), "y": round(top + plot_h - h, 1), "w": round(step * 0.7, 1),
                     "h": round(h, 1), "new": r["new"], "cumulative": r["cumulative"],
                     "participant": r["participant"], "label_x": round(x + step / 2, 1), "cy": round(cy, 1)})
        line.append(f"{round(x + step / 2, 1)},{round(cy, 1)}")
    return {"width": WIDTH, "height": top + plot_h + 70, "left": left, "right": WIDTH - right, "top": top,
            "bottom": top + plot_h, "most": most, "bars": bars, "line": " ".join(line)}

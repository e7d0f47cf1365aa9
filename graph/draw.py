"""Pictures of the network: colored by faction, sized by centrality, conflict drawn apart from cooperation.

:func:`scene` computes what to draw as plain data (positions from a seeded
layout, so the same graph gives the same picture); :func:`draw` writes it as PNG
or SVG (matplotlib) or as an interactive HTML page (pyvis, with vis-network
inlined so it works offline: pan, zoom, hover a tie to read its quotes).

Ties: green solid = net cooperation, red dashed = net conflict, grey dotted =
contact without sign. Nodes: one color per camp (grey: in no camp), area by
PageRank on the drawn ties, the most central labeled in bold.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import networkx as nx

from graph.analysis.centrality import pagerank
from graph.analysis.factions import camp_name, factions
from graph.analysis.projections import Window, project

PALETTE = ["#1f77b4", "#ff7f0e", "#9467bd", "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#393b79", "#7f7f7f", "#637939"]  # no red or green: those are the ties
NO_CAMP = "#b0b0b0"
POSITIVE, NEGATIVE, NEUTRAL = "#2e8b3a", "#c62828", "#9e9e9e"
FORMATS = ("png", "svg", "html")


def short_name(d: dict[str, Any], width: int = 18) -> str:
    """A legible label: the name if short, else an acronym alias (CPSU), else the name wrapped."""
    name = str(d.get("name", ""))
    if len(name) <= width:
        return name
    acronyms = [a for a in d.get("aliases") or [] if a.isupper() and 2 <= len(a) <= 8 and " " not in a]
    if acronyms:
        initials = "".join(w[0] for w in name.replace("'", "").split() if w[:1].isupper())
        return sorted(acronyms, key=lambda a: (a != initials, len(a), a))[0]
    return "\n".join(textwrap.wrap(name, width)[:3])


def scene(
    g: nx.MultiDiGraph,
    level: str = "party",
    win: Window | None = None,
    kind: str = "signed",
    method: str = "balance",
    seed: int = 0,
    k: int | None = None,
) -> dict[str, Any]:
    """Nodes (camp, color, size, position, label) and ties (sign, width, quotes) of the picture, as plain data."""
    win = win or Window()
    proj = project(g, kind, level, win)
    h = proj.graph
    result = factions(g, method=method, level=level, win=win, k=k, seed=seed)
    camp = {n: i for i, c in enumerate(result.camps) for n in c}
    frustrated_pairs = {tuple(sorted((f["a"]["id"], f["b"]["id"]))) for f in result.frustrated}
    # size: PageRank on the drawn ties
    pr = pagerank(h) if h.number_of_nodes() else {}
    score = {n: pr.get(n, 0.0) for n in h}
    top = max(score.values(), default=0.0) or 1.0
    # layout: cooperation pulls hard, conflict weakly, camp-mates a little
    lay = nx.Graph()
    lay.add_nodes_from(sorted(h))
    for a, b, d in sorted(h.edges(data=True)):
        lay.add_edge(a, b, weight=1.0 if d["weight"] > 0 else 0.15)
    for c in result.camps:
        members = [n for n in c if n in h]
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if not lay.has_edge(a, b):
                    lay.add_edge(a, b, weight=0.3)
    pos = _layout(lay, seed)
    ranked = sorted(h, key=lambda n: (-score[n], n))
    bold = set(ranked[: max(3, len(ranked) // 6)])
    nodes = []
    for n in sorted(h):
        d = g.nodes[n]
        c = camp.get(n)
        nodes.append(
            {
                "id": n,
                "name": d.get("name", n),
                "label": d.get("label", ""),
                "short": short_name(d),
                "camp": camp_name(c) if c is not None else None,
                "confidence": result.confidence.get(n),
                "color": PALETTE[c % len(PALETTE)] if c is not None else NO_CAMP,
                "score": round(score[n], 6),
                "size": round(0.25 + 0.75 * (score[n] / top) ** 0.5, 4),
                "bold": n in bold,
                "x": round(float(pos[n][0]), 6),
                "y": round(float(pos[n][1]), 6),
            }
        )
    edges = []
    for a, b, d in sorted(h.edges(data=True)):
        w = d["weight"]
        sign = 1 if (w > 0 and kind == "signed") else -1 if w < 0 else (1 if kind == "positive" else 0)
        edges.append(
            {
                "a": a,
                "b": b,
                "weight": w,
                "sign": sign,
                "frustrated": (a, b) in frustrated_pairs,
                "quotes": [f"{t.get('date') or 'undated'} {t['type']} {t['from_name']} -> {t['to_name']}: \u201c{t['quote']}\u201d ({t['source']})" for t in d["ties"]],
            }
        )
    legend = [
        {"camp": camp_name(i), "color": PALETTE[i % len(PALETTE)], "members": [g.nodes[n].get("name", n) for n in sorted(c, key=lambda n: (-score.get(n, 0), n))]}
        for i, c in enumerate(result.camps)
    ]
    title = f"{proj.title()}; camps by {result.method}"
    if result.frustration is not None:
        title += f", {result.frustration} of {result.total_signed} signed relationships frustrated"
    return {"title": title, "nodes": nodes, "edges": edges, "legend": legend, "projection": proj.describe(), "solver": result.solver}


def _layout(lay: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Each connected component laid out on its own: the largest fills the left box, the others stack on the right.

    (One spring layout of several components flings them apart and crushes each.)
    """
    comps = sorted((sorted(c) for c in nx.connected_components(lay)), key=lambda c: (-len(c), c[0]))
    if not comps:
        return {}
    pos: dict[str, tuple[float, float]] = {}

    def place(nodes: list[str], x0: float, y0: float, w: float, hgt: float) -> None:
        sub = lay.subgraph(nodes)
        if len(nodes) == 1:
            local = {nodes[0]: (0.0, 0.0)}
        else:
            local = _fill(nx.spring_layout(sub, seed=seed, weight="weight", iterations=300, k=2.0 / len(nodes) ** 0.5))
        for n, (x, y) in local.items():
            pos[n] = (x0 + (x + 1) / 2 * w, y0 + (y + 1) / 2 * hgt)

    rest = comps[1:]
    main_w = 1.0 if not rest else 0.74
    place(comps[0], 0.0, 0.0, main_w, 1.0)
    if rest:
        total = sum(len(c) ** 0.5 for c in rest)
        y = 1.0
        for c in rest:
            hgt = (len(c) ** 0.5) / total
            y -= hgt
            place(c, main_w + 0.1, y + 0.1 * hgt, 0.16, 0.8 * hgt)
    return {n: (2 * x - 1, 2 * y - 1) for n, (x, y) in pos.items()}


def _fill(pos: dict[str, Any]) -> dict[str, tuple[float, float]]:
    """Stretch a layout to fill [-1, 1] on both axes (spring layouts of small graphs come out long and thin)."""
    if not pos:
        return {}
    out = {}
    xs = [float(p[0]) for p in pos.values()]
    ys = [float(p[1]) for p in pos.values()]
    def scale(v: float, lo: float, hi: float) -> float:
        return 0.0 if hi - lo < 1e-12 else 2 * (v - lo) / (hi - lo) - 1
    for n, p in pos.items():
        out[n] = (scale(float(p[0]), min(xs), max(xs)), scale(float(p[1]), min(ys), max(ys)))
    return out


def _style(e: dict[str, Any]) -> tuple[str, str, float]:
    if e["sign"] > 0:
        return POSITIVE, "solid", 1.2 + 0.8 * min(abs(e["weight"]), 4)
    if e["sign"] < 0:
        return NEGATIVE, "dashed", 1.2 + 0.8 * min(abs(e["weight"]), 4)
    return NEUTRAL, "dotted", 1.0


def render_static(sc: dict[str, Any], fmt: str = "png") -> bytes:
    """The scene as PNG or SVG bytes (no timestamps, fixed hash salt: same scene, same bytes)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    n = len(sc["nodes"])
    side = min(22, max(9, 3 + 0.35 * n))
    with matplotlib.rc_context({"svg.hashsalt": "bloc", "font.family": "DejaVu Sans", "path.simplify": False}):
        fig, ax = plt.subplots(figsize=(side, side * 0.72), dpi=110)
        pos = {v["id"]: (v["x"], v["y"]) for v in sc["nodes"]}
        for e in sc["edges"]:
            color, style, width = _style(e)
            (x0, y0), (x1, y1) = pos[e["a"]], pos[e["b"]]
            ax.plot([x0, x1], [y0, y1], color=color, linestyle=style, linewidth=width, alpha=0.85, zorder=1, solid_capstyle="round")
            if e["frustrated"]:
                ax.plot([(x0 + x1) / 2], [(y0 + y1) / 2], marker="x", color="black", markersize=7, zorder=2)
        for v in sc["nodes"]:
            ax.scatter([v["x"]], [v["y"]], s=2200 * v["size"] ** 2, color=v["color"], edgecolors="white", linewidths=1.5, zorder=3)
        for v in sc["nodes"]:
            ax.annotate(
                v["short"],
                (v["x"], v["y"]),
                xytext=(0, -(10 + 24 * v["size"])),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize=10 if v["bold"] else 8.5,
                fontweight="bold" if v["bold"] else "normal",
                zorder=4,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
            )
        handles = [
            Line2D([0], [0], marker="o", color="w", markerfacecolor=c["color"], markersize=12, label=f"camp {c['camp']}: " + ", ".join(c["members"][:3]) + (" …" if len(c["members"]) > 3 else ""))
            for c in sc["legend"][:8]
        ]
        handles += [
            Line2D([0], [0], color=POSITIVE, lw=2.5, label="cooperation (net +)"),
            Line2D([0], [0], color=NEGATIVE, lw=2.5, linestyle="dashed", label="conflict (net −)"),
            Line2D([0], [0], color=NEUTRAL, lw=1.5, linestyle="dotted", label="contact (no sign)"),
            Line2D([0], [0], marker="x", color="black", lw=0, label="frustrated tie"),
        ]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2, fontsize=9.5, frameon=False)
        ax.set_title("\n".join(textwrap.wrap(sc["title"], 110)), fontsize=11)
        if not sc["nodes"]:
            ax.text(0.5, 0.5, "no ties of this kind in this window", ha="center", va="center", fontsize=14, color="#666666", transform=ax.transAxes)
        ax.margins(0.12)
        ax.set_axis_off()
        fig.tight_layout()
        buf = io.BytesIO()
        meta = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(buf, format=fmt, metadata=meta, bbox_inches="tight")
        plt.close(fig)
    return buf.getvalue()


def render_html(sc: dict[str, Any]) -> str:
    """The scene as one self-contained HTML page (vis-network inlined): pan, zoom, hover for quotes."""
    from pyvis.network import Network

    net = Network(height="860px", width="100%", directed=False, cdn_resources="in_line", heading="")
    scale = 900
    for v in sc["nodes"]:
        tip = f"{v['name']} ({v['label']})\ncamp: {v['camp'] or '—'}"
        if v["confidence"] is not None:
            tip += f" (confidence {v['confidence']:.2f})"
        tip += f"\nPageRank on these ties: {v['score']:.4f}"
        net.add_node(
            v["id"],
            label=v["short"].replace("\n", " "),
            title=tip,
            color=v["color"],
            size=int(14 + 36 * v["size"]),
            x=int(v["x"] * scale),
            y=int(-v["y"] * scale),
            physics=False,
            font={"size": 30 if v["bold"] else 22, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
        )
    for e in sc["edges"]:
        color, style, width = _style(e)
        title = ("FRUSTRATED: " if e["frustrated"] else "") + f"net {e['weight']:+g}\n" + "\n".join(e["quotes"])
        net.add_edge(e["a"], e["b"], color=color, width=2 * width, dashes=style != "solid", title=title)
    net.toggle_physics(False)
    html = net.generate_html(notebook=False)
    legend = "".join(f"<span style='color:{c['color']}'>&#9679;</span> camp {c['camp']}: {', '.join(c['members'][:4])}{' …' if len(c['members']) > 4 else ''}<br>" for c in sc["legend"])
    legend += f"<span style='color:{POSITIVE}'>&#9472;&#9472;</span> cooperation &nbsp; <span style='color:{NEGATIVE}'>- - -</span> conflict &nbsp; <span style='color:{NEUTRAL}'>&middot;&middot;&middot;</span> contact"
    head = f"<div style='font-family:sans-serif;margin:8px'><b>{_esc(sc['title'])}</b><br><small>{legend}</small></div>"
    return html.replace("<body>", "<body>\n" + head, 1)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def draw(g: nx.MultiDiGraph, output: str | Path, fmt: str | None = None, **options: Any) -> dict[str, Any]:
    """Write the picture to `output` (format from `fmt` or the file's extension); returns the scene drawn."""
    path = Path(output)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"cannot draw {fmt or 'a file without extension'}: use .png, .svg or .html")
    sc = scene(g, **options)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "html":
        path.write_text(render_html(sc), encoding="utf-8")
    else:
        path.write_bytes(render_static(sc, fmt))
    return sc

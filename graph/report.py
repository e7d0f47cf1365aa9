"""Reports a historian can read: factions, time slices, alignments and centrality, with their evidence.

Each analysis's plain data (its ``as_dict()``) becomes a list of blocks
(headings, paragraphs, tables, quotes), and blocks become text, Markdown or
HTML (:func:`render_blocks`); JSON is the data itself. :func:`report_data`
runs every analysis for the combined ``bloc report``.
"""

from __future__ import annotations

import html
from typing import Any, Iterable

import networkx as nx

from graph.render import markdown as md_table
from graph.render import table as text_table
from graph.render import to_json

Block = tuple  # ("h", level, text) | ("p", text) | ("table", columns, rows) | ("quotes", [text, ...])
FORMATS = ("table", "json", "markdown", "html")


# -- blocks per analysis ------------------------------------------------------
def _members(f: dict[str, Any], limit: int | None = None) -> str:
    ms = f["members"][:limit] if limit else f["members"]
    out = ", ".join(f"{m['name']}" + (f" ({m['confidence']:.2f})" if m.get("confidence") is not None and m["confidence"] < 0.999 else "") for m in ms)
    if limit and len(f["members"]) > limit:
        out += f", … {len(f['members']) - limit} more"
    return out


def _quote(t: dict[str, Any]) -> str:
    sign = {1: "+", -1: "−", 0: "0"}.get(t.get("polarity"), "")
    return f"{t.get('date') or 'undated'} · {t['type']} {sign} · {t['from_name']} → {t['to_name']}: “{t['quote']}” [{t['source']}]"


def factions_blocks(d: dict[str, Any], level: int = 2, title: str | None = None, limit: int | None = None) -> list[Block]:
    """Camps (with members and confidence), the numbers that judge them, and every frustrated tie with its quotes."""
    p = d["projection"]
    blocks: list[Block] = [("h", level, title or f"Factions by {d['method']}")]
    facts = f"Projection: {p['kind']} ties at {p['level']} level, {p['window']} ({p['nodes']} actors, {p['edges']} ties). Solver: {d['solver']}."
    if d.get("frustration") is not None:
        facts += f" Frustration: {d['frustration']} of {d['signed_total']} signed relationships (positive across camps or negative within one)."
    if d.get("modularity") is not None:
        facts += f" Modularity: {d['modularity']:.4f}."
    if p.get("dropped"):
        facts += " Left out: " + ", ".join(f"{v} {k}" for k, v in p["dropped"].items()) + "."
    blocks.append(("p", facts))
    if not d["factions"] and not d.get("unplaced"):
        what = "signed relationships" if d["method"] == "balance" else "ties of cooperation or co-attendance"
        return blocks + [("p", f"No {what} in this window: no camps to show.")]
    rows = [(f["id"], f["component"], f["size"], _members(f, limit)) for f in d["factions"]]
    blocks.append(("table", ("camp", "component", "size", "members (confidence if below 1)"), rows))
    if len({f["component"] for f in d["factions"]}) > 1:
        blocks.append(("p", "Camps of different components share no signed relationship: nothing in the texts sets them with or against each other."))
    if d.get("frustrated"):
        n = sum(f["count"] for f in d["frustrated"])
        blocks.append(("p", f"{n} frustrated relationship(s) in {len(d['frustrated'])} pair(s), each with the text that states it:"))
        rows = []
        quotes = []
        for f in d["frustrated"]:
            rows.append((f"{f['a']['name']} — {f['b']['name']}", f"{f['weight']:+g}", f["count"], f"{f['why']} ({f['camps'][0]}/{f['camps'][1]})"))
            quotes += [_quote(t) for t in f["relationships"]]
        blocks.append(("table", ("pair", "net", "frustrated", "why"), rows))
        blocks.append(("quotes", quotes))
    elif d.get("frustration") == 0:
        blocks.append(("p", "No relationship is frustrated: the camps are perfectly balanced."))
    if d.get("unplaced"):
        names = ", ".join(u["name"] for u in d["unplaced"])
        blocks.append(("p", f"Not placed, their signed relationships cancel out pair by pair: {names}."))
        blocks.append(("quotes", [_quote(t) for u in d["unplaced"] for t in u["relationships"]]))
    return blocks


def slices_blocks(d: dict[str, Any], level: int = 2) -> list[Block]:
    """One row per year and camp, then who changed camp between years."""
    blocks: list[Block] = [("h", level, "Camps year by year")]
    rows = []
    for s in d["slices"]:
        year = s["window"]["label"]
        extra = f"frustration {s['frustration']}" if s.get("frustration") is not None else (f"modularity {s['modularity']:.3f}" if s.get("modularity") is not None else "")
        for f in s["factions"]:
            rows.append((year, f["id"], _members(f, 8), extra))
    if not rows:
        return blocks + [("p", "No dated relationships: nothing to slice.")]
    blocks.append(("table", ("year", "camp", "members", ""), rows))
    if d["changes"]:
        blocks.append(("p", "Changed camp:"))
        blocks.append(("table", ("actor", "from", "to"), [(c["name"], f"{c['from']} ({c['from_year']})", f"{c['to']} ({c['to_year']})") for c in d["changes"]]))
    else:
        blocks.append(("p", "No actor changed camp between years."))
    return blocks


def robustness_blocks(d: dict[str, Any], level: int = 3) -> list[Block]:
    names = lambda xs: ", ".join(x["name"] for x in xs) or "—"  # noqa: E731
    if not d["members_before"]:
        return [("h", level, f"Robustness: {d['check']}"), ("p", "Nothing to check: no camps.")]
    return [
        ("h", level, f"Robustness: {d['check']}"),
        ("p", f"Ties before: {d['ties_before']}, after: {d['ties_after']}. Members before: {d['members_before']}."),
        ("table", ("outcome", "count", "members"), [("kept their camp", len(d["kept"]), names(d["kept"])), ("moved", len(d["moved"]), names(d["moved"])), ("no tie left", len(d["lost"]), names(d["lost"]))]),
    ]


def alignments_blocks(d: dict[str, Any], level: int = 2) -> list[Block]:
    """Per thread: net balance and camps per year, then the dated timeline with quotes."""
    blocks: list[Block] = []
    for t in d["threads"]:
        sides = ", ".join(f"{s['name']} ({s['members']} actors)" for s in t["sides"])
        blocks.append(("h", level, f"The {t['name']} thread"))
        blocks.append(("p", f"Sides: {sides}. {len(t['timeline'])} signed relationship(s), net {t['net']:+d}."))
        if not t["timeline"]:
            continue
        rows = []
        for y in t["years"]:
            camps = " | ".join(", ".join(c["name"] for c in camp) for camp in y["camps"]) if y["camps"] else ""
            rows.append((y["year"], f"{y['net']:+d}", y["positive"], y["negative"], y["neutral"], camps))
        blocks.append(("table", ("year", "net", "+", "−", "0", "camps"), rows))
        blocks.append(("quotes", [_quote(r) + f" ({r['from_side_name']} → {r['to_side_name']})" for r in t["timeline"]]))
    return blocks


def centrality_blocks(d: dict[str, Any], level: int = 2) -> list[Block]:
    """The ranking (with every measure when `all`), how each was computed, and the brokers."""
    p = d["projection"]
    how = "; ".join(f"{m}: {h}" for m, h in d["methods"].items())
    blocks: list[Block] = [
        ("h", level, f"Centrality ({d['measure']})"),
        ("p", f"Projection: {p['kind']} at {p['level']} level, {p['window']} ({p['nodes']} actors, {p['edges']} ties). {how}."),
    ]
    if d["measure"] == "all":
        cols = ("rank", "actor", "label", "score", "degree", "betweenness", "eigenvector", "pagerank")
        rows = [(r["rank"], r["name"], r["label"], r["score"], r["scores"]["degree"], r["scores"]["betweenness"], r["scores"]["eigenvector"], r["scores"]["pagerank"]) for r in d["ranking"]]
    else:
        cols = ("rank", "actor", "label", d["measure"])
        rows = [(r["rank"], r["name"], r["label"], r["score"]) for r in d["ranking"]]
    blocks.append(("table", cols, rows))
    if d.get("brokers"):
        blocks.append(("p", "Brokers (top quarter by betweenness, bottom half by degree):"))
        blocks.append(("table", ("actor", "label", "betweenness", "degree", "ties"), [(b["name"], b["label"], b["betweenness"], b["degree"], b["ties"]) for b in d["brokers"]]))
    return blocks


# -- rendering ---------------------------------------------------------------
def render_blocks(blocks: Iterable[Block], fmt: str) -> str:
    """Blocks as plain text (`table`), Markdown or an HTML fragment."""
    out = []
    for b in blocks:
        kind = b[0]
        if kind == "h":
            _, level, text = b
            if fmt == "markdown":
                out.append("#" * level + " " + text)
            elif fmt == "html":
                out.append(f"<h{level}>{html.escape(text)}</h{level}>")
            else:
                out.append(text + "\n" + ("=" if level <= 2 else "-") * min(len(text), 80))
        elif kind == "p":
            out.append(f"<p>{html.escape(b[1])}</p>" if fmt == "html" else b[1])
        elif kind == "table":
            _, cols, rows = b
            if fmt == "markdown":
                out.append(md_table(rows, cols))
            elif fmt == "html":
                head = "".join(f"<th>{html.escape(str(c))}</th>" for c in cols)
                body = "".join("<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in r) + "</tr>" for r in rows)
                out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
            else:
                out.append(text_table(rows, cols, max_width=100))
        elif kind == "quotes":
            if fmt == "markdown":
                out.append("\n".join(f"> {q}\n>" for q in b[1]).rstrip(">").rstrip())
            elif fmt == "html":
                out.append("<ul class='quotes'>" + "".join(f"<li>{html.escape(q)}</li>" for q in b[1]) + "</ul>")
            else:
                out.append("\n".join(f"  - {q}" for q in b[1]))
        elif kind == "image" and fmt == "html":
            out.append(b[1])
    return "\n\n".join(out) + "\n"


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.4f}"
    return str(v)


HTML_STYLE = """body{font-family:Georgia,serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:0.5em 0 1em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top;font-size:14px}
th{background:#f3f3f3}ul.quotes li{margin:0.3em 0;font-size:14px}h1,h2,h3{font-family:sans-serif}img{max-width:100%}"""


def html_page(title: str, body: str) -> str:
    return f"<!DOCTYPE html>\n<html><head><meta charset='utf-8'><title>{html.escape(title)}</title><style>{HTML_STYLE}</style></head>\n<body>\n{body}</body></html>\n"


# -- the combined report -------------------------------------------------------
def report_data(
    g: nx.MultiDiGraph,
    level: str = "party",
    win: Any = None,
    seed: int = 0,
    top: int = 10,
    threads: list[Any] | None = None,
    runs: int = 20,
) -> dict[str, Any]:
    """Every analysis the report shows, as plain data (the JSON of `bloc report --format json`)."""
    from graph.analysis.alignments import alignments
    from graph.analysis.centrality import centrality
    from graph.analysis.factions import factions, robustness, slices
    from graph.analysis.projections import Window, project

    win = win or Window()
    opts = {"level": level, "seed": seed, "runs": runs}
    ties = project(g, "ties", "actor", win)
    return {
        "graph": {"nodes": g.number_of_nodes(), "relationships": g.number_of_edges(), "sources": sorted(n for n, d in g.nodes(data=True) if d.get("label") == "Source")},
        "factions": factions(g, method="balance", win=win, **opts).as_dict(),
        "communities": [factions(g, method=m, win=win, **opts).as_dict() for m in ("louvain", "leiden")],
        "robustness": [robustness(g, by=by, win=win, **opts) for by in ("sources", "quotes")],
        "slices": slices(g, method="balance", **opts).as_dict(),
        "alignments": alignments(g, threads),
        "centrality": centrality(ties, "all", top=top, seed=seed).as_dict(),
    }


def picture(g: nx.MultiDiGraph, **options: Any) -> str:
    """The faction picture as an inline SVG element, for the HTML report."""
    from graph.draw import render_static, scene

    svg = render_static(scene(g, **options), "svg").decode("utf-8")
    return svg[svg.index("<svg") :]


def report_blocks(data: dict[str, Any]) -> list[Block]:
    gr = data["graph"]
    blocks: list[Block] = [
        ("h", 1, "bloc report: factions, alignments and centrality"),
        ("p", f"The graph: {gr['nodes']} nodes, {gr['relationships']} relationships from {len(gr['sources'])} source(s): {', '.join(gr['sources'])}. Every claim below cites the relationships behind it; quotes are exactly as in the sources."),
    ]
    blocks += factions_blocks(data["factions"], 2, "Camps by structural balance")
    if data.get("picture"):
        blocks.append(("image", data["picture"]))
    for r in data["robustness"]:
        blocks += robustness_blocks(r, 3)
    blocks.append(("h", 2, "Communities of cooperation and co-attendance"))
    for c in data["communities"]:
        blocks += [("h", 3, c["method"].capitalize())] + factions_blocks(c, 3, limit=20)[1:3]
    blocks += slices_blocks(data["slices"], 2)
    blocks.append(("h", 2, "Alignments"))
    blocks += alignments_blocks(data["alignments"], 3)
    blocks += centrality_blocks(data["centrality"], 2)
    return blocks


def render_report(data: dict[str, Any], fmt: str = "markdown") -> str:
    """The combined report as text, Markdown, HTML (a full page) or JSON."""
    if fmt == "json":
        return to_json({k: v for k, v in data.items() if k != "picture"})
    body = render_blocks(report_blocks(data), "html" if fmt == "html" else fmt)
    return html_page("bloc report", body) if fmt == "html" else body

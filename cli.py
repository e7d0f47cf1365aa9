"""bloc's command line: options in, one library call, formatted output.

Data goes to stdout; progress, warnings and errors to stderr. Any BlocError
becomes a one-line ``Error: ...`` and exit code 1, never a traceback.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import click

from graph.errors import BlocError
from graph.render import FORMATS, render, to_json


class BlocGroup(click.Group):
    """A click group that turns bloc's errors into `Error: ...` on stderr and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BlocError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.ClickException("interrupted; the store keeps what it had") from None


@dataclass
class Settings:
    store_dir: str | None = None
    neo4j_uri: str | None = None
    database: str | None = None
    _store: Any = None

    def store(self):
        """The store chosen by the global options (opened once per command)."""
        if self._store is None:
            from graph.stores import open_store

            self._store = open_store(store_dir=self.store_dir, neo4j_uri=self.neo4j_uri, database=self.database)
        return self._store

    def graph(self):
        return self.store().graph()


pass_settings = click.make_pass_decorator(Settings)
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format.")


def warn(message: str) -> None:
    click.echo(f"Warning: {message}", err=True)


@click.group(cls=BlocGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store_dir", envvar="BLOC_STORE", metavar="DIR", help="The embedded store's folder [env BLOC_STORE; default .bloc].")
@click.option("--neo4j-uri", envvar="NEO4J_URI", metavar="URI", help="Use Neo4j at this bolt:// or neo4j:// URI instead of the file store [env NEO4J_URI]; user and password from NEO4J_USER, NEO4J_PASSWORD.")
@click.option("--database", envvar="NEO4J_DATABASE", metavar="NAME", help="The Neo4j database [env NEO4J_DATABASE; default: the server's default].")
@click.version_option(package_name="bloc")
@click.pass_context
def cli(ctx: click.Context, store_dir: str | None, neo4j_uri: str | None, database: str | None) -> None:
    """bloc: a graph of the parties, leaders, states and events of the world communist movement, built from texts."""
    settings = Settings(store_dir=store_dir, neo4j_uri=neo4j_uri, database=database)
    ctx.obj = settings
    ctx.call_on_close(lambda: settings._store.close() if settings._store is not None else None)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(path_type=Path), metavar="FILE", help="An extra gazetteer YAML file (repeatable); extends the built-in one.")
@format_option
@pass_settings
def load(settings: Settings, paths: tuple[Path, ...], gazetteers: tuple[Path, ...], fmt: str) -> None:
    """Read texts (files or folders; default: the sample corpus) into the store.

    A text already loaded (same content, read with the same gazetteer and extractor) is
    skipped; a changed text replaces its own evidence, and nothing else.
    """
    from loaders.gazetteer import load_gazetteer
    from loaders.pipeline import Extractor, default_corpus
    from loaders.reader import expand_paths

    inputs = list(paths) or [default_corpus()]
    files = expand_paths(inputs, warn)
    extractor = Extractor(load_gazetteer(gazetteers))
    store = settings.store()
    with click.progressbar(length=len(files), label="Reading texts", file=sys.stderr, show_pos=True) as bar:
        facts, skipped = extractor.extract_files(files, store.versions(), progress=bar.update, warn=warn)
    result = store.load(facts)
    result = replace(result, unchanged=tuple(sorted((*result.unchanged, *skipped))))
    rows = [("added", len(result.added)), ("replaced", len(result.replaced)), ("unchanged", len(result.unchanged)), ("nodes", result.nodes), ("relationships", result.relationships)]
    click.echo(render(rows, ("what", "count"), fmt, data=result.as_dict()))


@cli.command()
@format_option
@pass_settings
def stats(settings: Settings, fmt: str) -> None:
    """Counts of nodes by label and relationships by type."""
    from graph.lookup import stats as compute

    s = compute(settings.graph())
    rows = [("node", k, v) for k, v in s["labels"].items()] + [("relationship", k, v) for k, v in s["types"].items()]
    rows += [("total", "nodes", s["nodes"]), ("total", "relationships", s["relationships"])]
    click.echo(render(rows, ("kind", "name", "count"), fmt, data=s))


@cli.command()
@click.argument("name")
@format_option
@pass_settings
def show(settings: Settings, name: str, fmt: str) -> None:
    """An actor (by id, name or alias), its aliases and every relationship with its quote and source."""
    from graph.lookup import show as compute

    s = compute(settings.graph(), name)
    if fmt == "json":
        click.echo(to_json(s))
        return
    node = s["node"]
    head = [(k, v) for k, v in node.items() if k not in ("id", "name")]
    title = f"{node['name']} ({node['id']})"
    rows = []
    for r in s["relationships"]:
        arrow = f"-> {r['other_name']}" if r["direction"] == "out" else f"<- {r['other_name']}"
        sign = {1: "+", -1: "-", 0: "0"}.get(r["polarity"], "")
        for i, e in enumerate(r["evidence"]):
            rows.append((r["type"] if i == 0 else "", arrow if i == 0 else "", sign if i == 0 else "", (r["date"] or "") if i == 0 else "", e["quote"], e["source"]))
    click.echo(render(head, ("property", "value"), fmt, title=title))
    click.echo()
    click.echo(render(rows, ("type", "with", "sign", "date", "quote", "source"), fmt, title=f"{len(s['relationships'])} relationships", full=("quote",)))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(("graphml", "gexf", "json", "csv")), default="graphml", show_default=True, help="Export format.")
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write (for csv: a folder that gets nodes.csv and relationships.csv).")
@pass_settings
def export(settings: Settings, fmt: str, output: str) -> None:
    """Write the graph as GraphML, GEXF, JSON or CSV for Gephi, yEd and Cytoscape."""
    from graph.export import export as write

    for path in write(settings.graph(), fmt, output):
        click.echo(f"wrote {path}", err=True)


# -- analyses: factions, alignments, centrality, report, draw ------------------------------------------
LEVELS = ("actor", "party", "country")


def window_options(f):
    """--as-of / --from / --to / --undated: which dated relationships an analysis sees."""
    f = click.option("--undated", is_flag=True, help="With a window, also count relationships the texts do not date.")(f)
    f = click.option("--to", "date_to", metavar="DATE", help="Only relationships up to DATE (ISO: 1957, 1957-11, 1957-11-16).")(f)
    f = click.option("--from", "date_from", metavar="DATE", help="Only relationships from DATE on.")(f)
    f = click.option("--as-of", "as_of", metavar="DATE", help="Every relationship up to DATE.")(f)
    return f


def level_option(default: str):
    return click.option("--level", type=click.Choice(LEVELS), default=default, show_default=True, help="actor: people, parties and states apart; party: people mapped to their party at the time; country: everyone mapped to their state.")


def _window(as_of, date_from, date_to, undated):
    from graph.analysis.projections import window
    from graph.model import check_iso

    for name, value in (("--as-of", as_of), ("--from", date_from), ("--to", date_to)):
        try:
            check_iso(value, name)
        except BlocError as exc:
            raise click.BadParameter(str(exc)) from None
    try:
        return window(as_of, date_from, date_to, undated)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None


def _write_back(settings: Settings, props: dict) -> None:
    n = settings.store().write_properties(props)
    click.echo(f"wrote analysis properties to {n} nodes", err=True)


@cli.command()
@click.option("--method", type=click.Choice(("balance", "louvain", "leiden")), default="balance", show_default=True, help="balance: signed structural balance; louvain/leiden: communities of cooperation and co-attendance.")
@level_option("party")
@window_options
@click.option("--by", type=click.Choice(("year",)), help="One slice per year with dated relationships; shows who changed camp.")
@click.option("-k", "--camps", "k", type=click.IntRange(1, 26), help="Number of camps (balance; default: found, at most --kmax).")
@click.option("--kmax", type=click.IntRange(1, 26), default=4, show_default=True, help="Most camps to try when -k is not given.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of every random choice.")
@click.option("--runs", type=click.IntRange(1, 1000), default=20, show_default=True, help="Seeded runs behind the consensus and the confidence.")
@click.option("--robustness", is_flag=True, help="Also say which memberships survive when single-source (and single-quote) relationships are dropped.")
@click.option("--write-back", is_flag=True, help="Write faction and faction_confidence onto the nodes in the store.")
@format_option
@pass_settings
def factions(settings: Settings, method, level, as_of, date_from, date_to, undated, by, k, kmax, seed, runs, robustness, write_back, fmt) -> None:
    """Camps of actors: structural balance of the signed ties (default), or Louvain/Leiden communities."""
    from graph.analysis import factions as fa
    from graph.report import factions_blocks, render_blocks, robustness_blocks, slices_blocks

    g = settings.graph()
    opts = dict(method=method, level=level, k=k, kmax=kmax, seed=seed, runs=runs)
    if by == "year":
        if as_of or date_from or date_to:
            raise click.UsageError("--by year makes its own windows; drop --as-of/--from/--to")
        data = fa.slices(g, **opts).as_dict()
        click.echo(to_json(data) if fmt == "json" else render_blocks(slices_blocks(data), fmt), nl=False)
        return
    win = _window(as_of, date_from, date_to, undated)
    result = fa.factions(g, win=win, **opts)
    data = result.as_dict()
    if robustness:
        data["robustness"] = [fa.robustness(g, by=b, win=win, **opts) for b in ("sources", "quotes")]
    if fmt == "json":
        click.echo(to_json(data))
    else:
        blocks = factions_blocks(data)
        for r in data.get("robustness", []):
            blocks += robustness_blocks(r)
        click.echo(render_blocks(blocks, fmt), nl=False)
    if write_back:
        _write_back(settings, fa.properties(result))


@cli.command()
@click.option("--thread", "thread_files", multiple=True, type=click.Path(path_type=Path), metavar="FILE", help="A YAML file of threads (repeatable); adds to or replaces the built-in ones by id.")
@click.option("--only", multiple=True, metavar="ID", help="Only this thread (repeatable): sino-soviet, yugoslav, albanian or one of your own.")
@click.option("--no-builtin", is_flag=True, help="Leave out the built-in threads.")
@format_option
@pass_settings
def alignments(settings: Settings, thread_files, only, no_builtin, fmt) -> None:
    """The Sino-Soviet, Yugoslav and Albanian threads: signed ties over time, camps and net balance per year."""
    from graph.analysis.alignments import alignments as compute
    from graph.analysis.alignments import load_threads
    from graph.report import alignments_blocks, render_blocks

    data = compute(settings.graph(), load_threads(thread_files, builtin=not no_builtin), only)
    click.echo(to_json(data) if fmt == "json" else render_blocks(alignments_blocks(data), fmt), nl=False)


@cli.command()
@click.option("--measure", type=click.Choice(("degree", "betweenness", "eigenvector", "pagerank", "all")), default="all", show_default=True)
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="How many actors to list.")
@click.option("--label", "labels", multiple=True, type=click.Choice(("Person", "Party", "State", "Organization")), help="Only list actors with this label (repeatable); scores are computed on the whole network.")
@click.option("--projection", "kind", type=click.Choice(("ties", "signed", "positive", "co-attendance", "co-membership")), default="ties", show_default=True, help="Which ties count (see docs/analyses.md).")
@level_option("actor")
@window_options
@click.option("--samples", type=click.IntRange(1), default=256, show_default=True, help="Sampled sources for approximate betweenness on large networks.")
@click.option("--exact-limit", type=click.IntRange(1), default=2000, show_default=True, help="Largest network with exact betweenness.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--write-back", is_flag=True, help="Write centrality_<measure> onto the nodes in the store.")
@format_option
@pass_settings
def centrality(settings: Settings, measure, top, labels, kind, level, as_of, date_from, date_to, undated, samples, exact_limit, seed, write_back, fmt) -> None:
    """The most central actors by degree, betweenness, eigenvector or PageRank, and the brokers."""
    from graph.analysis import centrality as ce
    from graph.analysis.projections import project
    from graph.report import centrality_blocks, render_blocks

    proj = project(settings.graph(), kind, level, _window(as_of, date_from, date_to, undated))
    result = ce.centrality(proj, measure, top=top, labels=labels, exact_limit=exact_limit, samples=samples, seed=seed)
    data = result.as_dict()
    click.echo(to_json(data) if fmt == "json" else render_blocks(centrality_blocks(data), fmt), nl=False)
    if write_back:
        _write_back(settings, ce.properties(result))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(("markdown", "html", "table", "json")), default="markdown", show_default=True, help="Output format.")
@click.option("-o", "--output", metavar="FILE", help="Write the report here instead of stdout.")
@level_option("party")
@window_options
@click.option("--top", type=click.IntRange(1), default=10, show_default=True, help="Actors in the centrality ranking.")
@click.option("--thread", "thread_files", multiple=True, type=click.Path(path_type=Path), metavar="FILE", help="Extra thread definitions (YAML).")
@click.option("--seed", type=int, default=0, show_default=True)
@pass_settings
def report(settings: Settings, fmt, output, level, as_of, date_from, date_to, undated, top, thread_files, seed) -> None:
    """One report of factions, frustrated ties, time slices, alignments and centrality, with the quotes behind them."""
    from graph.analysis.alignments import load_threads
    from graph.report import picture, render_report, report_data

    g = settings.graph()
    win = _window(as_of, date_from, date_to, undated)
    data = report_data(g, level=level, win=win, seed=seed, top=top, threads=load_threads(thread_files))
    if fmt == "html":
        data["picture"] = picture(g, level=level, win=win, seed=seed)
    text = render_report(data, fmt)
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.option("-o", "--output", required=True, metavar="FILE", help="FILE.png, FILE.svg or FILE.html (interactive: pan, zoom, hover a tie for its quotes).")
@level_option("party")
@window_options
@click.option("--projection", "kind", type=click.Choice(("signed", "positive", "ties")), default="signed", show_default=True, help="Which ties to draw.")
@click.option("--method", type=click.Choice(("balance", "louvain", "leiden")), default="balance", show_default=True, help="How the camps (colors) are found.")
@click.option("-k", "--camps", "k", type=click.IntRange(1, 26), help="Number of camps (default: found).")
@click.option("--seed", type=int, default=0, show_default=True)
@pass_settings
def draw(settings: Settings, output, level, as_of, date_from, date_to, undated, kind, method, k, seed) -> None:
    """A picture of the network: colored by camp, sized by centrality, conflict dashed red, cooperation green."""
    from graph.draw import FORMATS as PICTURES
    from graph.draw import draw as write

    suffix = Path(output).suffix.lstrip(".").lower()
    if suffix not in PICTURES:
        raise click.BadParameter(f"{output}: the file must end in .png, .svg or .html", param_hint="-o")
    sc = write(settings.graph(), output, level=level, win=_window(as_of, date_from, date_to, undated), kind=kind, method=method, k=k, seed=seed)
    click.echo(f"wrote {output} ({len(sc['nodes'])} actors, {len(sc['edges'])} ties)", err=True)



@cli.command()
@click.argument("name", required=False)
@click.option("--param", "-p", "params", multiple=True, metavar="K=V", help="A parameter (repeatable). V is JSON when it parses (1957, true, null, [..], \"..\"), else the text as typed.")
@click.option("--cypher", "cypher_text", metavar="CYPHER", help="Run this Cypher instead of a library query ($name placeholders take --param values).")
@click.option("--write", is_flag=True, help="Allow the query to write (default: a read transaction, which refuses writes).")
@click.option("--list", "list_", is_flag=True, help="List the library queries with their parameters.")
@click.option("--format", "fmt", type=click.Choice(("table", "json", "csv")), default="table", show_default=True, help="Output format.")
@pass_settings
def query(settings: Settings, name: str | None, params: tuple[str, ...], cypher_text: str | None, write: bool, list_: bool, fmt: str) -> None:
    """Ask the Neo4j store a question: a library query (cypher/queries/NAME.cypher) or your own --cypher."""
    from graph import query as q

    if list_:
        lib = q.describe(q.library())
        if fmt == "json":
            click.echo(to_json(lib))
            return
        rows = [(d["name"], d["answers"], " ".join(p["name"] + ("" if p["required"] else "=" + json.dumps(p["default"], ensure_ascii=False)) for p in d["params"])) for d in lib]
        click.echo(q.format_result(["name", "answers", "params"], rows, "csv" if fmt == "csv" else "table"))
        return
    if (name is None) == (cypher_text is None):
        raise click.UsageError("give a library query's NAME (see --list) or --cypher, not both")
    values = dict(q.parse_param(p) for p in params)
    columns, rows = q.run_query(settings.store(), name=name, cypher=cypher_text, params=values, write=write)
    click.echo(q.format_result(columns, rows, fmt))


def main() -> None:
    cli(prog_name="bloc")


if __name__ == "__main__":
    main()

"""bloc's command line: options in, one library call, formatted output.

Data goes to stdout; progress, warnings and errors to stderr. Any BlocError
becomes a one-line ``Error: ...`` and exit code 1, never a traceback.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
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

    Loading the same text again changes nothing; a changed text replaces its own evidence.
    """
    from loaders.gazetteer import load_gazetteer
    from loaders.pipeline import Extractor, default_corpus
    from loaders.reader import expand_paths

    inputs = list(paths) or [default_corpus()]
    files = expand_paths(inputs, warn)
    extractor = Extractor(load_gazetteer(gazetteers))
    with click.progressbar(length=len(files), label="Reading texts", file=sys.stderr, show_pos=True) as bar:
        facts = extractor.extract(inputs, progress=bar.update, warn=warn)
    result = settings.store().load(facts)
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
    click.echo(render(rows, ("type", "with", "sign", "date", "quote", "source"), fmt, title=f"{len(s['relationships'])} relationships"))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(("graphml", "gexf", "json", "csv")), default="graphml", show_default=True, help="Export format.")
@click.option("-o", "--output", required=True, metavar="FILE", help="Where to write (for csv: a folder that gets nodes.csv and relationships.csv).")
@pass_settings
def export(settings: Settings, fmt: str, output: str) -> None:
    """Write the graph as GraphML, GEXF, JSON or CSV for Gephi, yEd and Cytoscape."""
    from graph.export import export as write

    for path in write(settings.graph(), fmt, output):
        click.echo(f"wrote {path}", err=True)


@cli.command()
@format_option
@pass_settings
def report(settings: Settings, fmt: str) -> None:
    """The graph at a glance: counts and the delegations with their heads."""
    from graph.lookup import stats as compute

    g = settings.graph()
    s = compute(g)
    rows = [(k, v) for k, v in s["labels"].items()] + [(k, v) for k, v in s["types"].items()]
    dels = []
    for n, d in sorted(g.nodes(data=True)):
        if d.get("label") != "Delegation":
            continue
        heads = sorted(g.nodes[u]["name"] for u, _, e in g.in_edges(n, data=True) if e["type"] == "HEADED")
        members = sorted(g.nodes[u]["name"] for u, _, e in g.in_edges(n, data=True) if e["type"] == "DELEGATE_IN")
        dels.append((d["name"], ", ".join(heads), ", ".join(members)))
    if fmt == "json":
        click.echo(to_json({"stats": s, "delegations": [dict(zip(("delegation", "headed_by", "members"), r)) for r in dels]}))
        return
    click.echo(render(rows, ("label or type", "count"), fmt, title="The graph"))
    click.echo()
    click.echo(render(dels, ("delegation", "headed by", "members"), fmt, title=f"{len(dels)} delegations"))


def main() -> None:
    cli(prog_name="bloc")


if __name__ == "__main__":
    main()

"""``reader figures``: the key figures of any text."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.cli.base import cli, print_json
from reader.text.sanitize import strip_control

if TYPE_CHECKING:
    from reader.text.figures import Figure


def _read_text(name: str) -> str:
    """The text of the file named (``-``: standard input), read through the import's cap, as UTF-8."""
    from reader.ingest.errors import IngestError
    from reader.ingest.files import MAX_INPUT_BYTES, read_input

    if name == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise click.ClickException(f"standard input: too large: over {MAX_INPUT_BYTES // (1024 * 1024)} MB")
    else:
        try:
            data = read_input(Path(name))
        except IngestError as error:
            raise click.ClickException(f"{name}: {error}") from None
    return data.decode("utf-8", errors="replace")


def describe_figure(figure: Figure) -> str:
    """One line for a person: the figure as written, then what it means."""
    if figure.low is not None and figure.high is not None:
        meaning = f"{figure.kind} {figure.low:g}..{figure.high:g}"
    elif figure.value is not None and figure.kind != "date":
        meaning = f"{figure.kind} {figure.value:g}"
    else:
        meaning = figure.kind
    details = [figure.currency or figure.unit, figure.approx]
    if figure.si_unit and figure.si_unit != figure.unit:
        details.append(f"= {figure.si_value:g} {figure.si_unit}")
    written = strip_control(figure.text).replace("\n", " ")  # the input is untrusted
    return f"{written}  ({' '.join([meaning, *(d for d in details if d)])})"


@cli.command()
@click.argument("file", default="-")
@click.option(
    "--lang",
    type=click.Choice(["auto", "fr", "en"]),
    default="auto",
    show_default=True,
    help="Language of the text: decides ambiguous notation such as 1,300 and billion.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of figures).")
def figures(file: str, lang: str, as_json: bool) -> None:
    """Print the key figures of a text file (or of standard input with -).

    Works on any text, without a library: amounts of money, percentages,
    quantities, multipliers, ranges and dates, with their values normalised.
    The text is read up to 20 MB, as an import reads it.
    """
    from reader.text.figures import extract_figures

    found = extract_figures(_read_text(file), lang)
    if as_json:
        print_json([figure.to_json() for figure in found])
        return
    for figure in found:
        click.echo(f"{figure.start:>7}  {describe_figure(figure)}")

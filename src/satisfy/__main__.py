"""``python -m satisfy``: the same as the ``satisfy`` command."""

from .cli import run

run()

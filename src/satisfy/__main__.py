"""``python -m satisfy``: the same as the ``satisfy`` command."""

from .cli import main

main(prog_name="satisfy")

"""The stdlib-only core: errors and exit codes, vocabularies, dates, paths, text folding.

Nothing here imports pydantic, rich or Typer, so every layer above (and `--help`) can use it for free.
"""

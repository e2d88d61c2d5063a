"""Changing a fact base: `geopol init`, `geopol add` and `geopol fmt`.

Between query (which only reads) and render: these operations read and
validate a fact base through geopol_cli.facts, change it, write it through
geopol_cli.facts.write (canonical, atomic, locked), and return a plain
result from geopol_cli.query.results for the renderers. Nothing here prints.
"""

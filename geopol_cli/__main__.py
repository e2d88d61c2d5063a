"""`python -m geopol_cli` runs the same entry point as the `geopol` script."""

from geopol_cli.main import main

main()

"""Pure functions over a loaded fact base: they resolve, filter and rank, and never print."""

"""geopol: a command-line explorer of structured geopolitical facts.

Kept tiny on purpose: the console script imports this package first, and
everything here is paid for on every run, `--help` included.
"""

__version__ = "0.1.0"

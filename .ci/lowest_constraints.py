"""Print a pip constraints file that pins each runtime dependency to its declared lower bound.

Read from pyproject.toml itself, so the bounds CI tests are the bounds users
get: `typer>=0.16` becomes `typer==0.16`. A dependency without a lower bound
is an error (its lowest version would be untested).
"""

from __future__ import annotations

import re
import sys
import tomllib

with open(sys.argv[1], "rb") as file:
    dependencies = tomllib.load(file)["project"]["dependencies"]
for requirement in dependencies:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-\[\]]+)\s*>=\s*([0-9][^,;\s]*)\s*(?:,.*)?", requirement)
    if match is None:
        sys.exit(f"lowest_constraints: {requirement!r} declares no lower bound (>=)")
    name = re.sub(r"\[.*\]", "", match.group(1))
    print(f"{name}=={match.group(2)}")

"""The facts layer: the format (models), reading and validating (load), cross-checks, and problem placement."""

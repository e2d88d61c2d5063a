"""The command layer: one module per command (options -> query -> result), the shared options, the exporter."""

"""One module per table view; each exports the renderer the registry names for its result type."""

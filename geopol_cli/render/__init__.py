"""Renderers: one per output format, each reading the query layer's result models."""

"""Linguistic annotation: parse, entities, places, times."""

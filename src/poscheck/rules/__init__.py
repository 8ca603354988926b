"""Rules as data: schema, loading and validation, compiled text matching, named validators."""

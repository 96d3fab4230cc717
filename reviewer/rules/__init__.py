"""Rules as data: the pack schema, loading and validation, matchers, guards and the example harness."""

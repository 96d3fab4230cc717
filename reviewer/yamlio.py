"""YAML loading for rule packs and data files.

libyaml's C loader parses our packs about six times faster than PyYAML's pure-Python one,
which matters because every `reviewer check` loads every pack (when its cache is stale).
A key written twice in one mapping (two ``county:`` lines in a powers row, two ``unless:`` in a rule) is
refused: PyYAML would keep the last silently, and a rule author would never learn the first was lost.
"""

from __future__ import annotations

from functools import lru_cache


def load_yaml(text: str):
    """Parse YAML safely (no arbitrary objects), with the C loader when PyYAML has it; a key repeated
    in one mapping raises a ``yaml.constructor.ConstructorError`` (a ``yaml.YAMLError``) at its line."""
    import yaml

    return yaml.load(text, Loader=_unique_key_loader())  # noqa: S506 - a safe loader either way


@lru_cache(maxsize=1)
def _unique_key_loader():
    """The safe loader (C when available) that refuses a key repeated within one mapping."""
    import yaml
    from yaml.constructor import ConstructorError

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class UniqueKeyLoader(base):  # the C loader where PyYAML has it, else the pure-Python one
        def construct_mapping(self, node, deep=False):
            self.flatten_mapping(node)
            seen = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if key in seen:
                    raise ConstructorError(None, None, f"重复的键“{key}”：同一处只能写一次", key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return UniqueKeyLoader

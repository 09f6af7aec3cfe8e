"""The canvas kinds: each declared once in ``registry`` (no Qt); ``adding`` puts a canvas of any kind in a workshop.

The package itself only re-exports the registry, so reading it (the scripts'
validation at start-up, the tabs, the exporters) does not load the file store.
"""

from .registry import Kind, all_kinds, get, keys, kind, register, unregister

__all__ = ["Kind", "all_kinds", "get", "keys", "kind", "register", "unregister"]

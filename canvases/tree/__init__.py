"""The problem tree and objective tree canvas (METHODS §3): scene, items, views."""

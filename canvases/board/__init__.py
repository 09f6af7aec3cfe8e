"""The sticky-note board: scene (projection of the store), items, view, mouse tools."""

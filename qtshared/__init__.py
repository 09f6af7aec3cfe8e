"""Qt helpers shared by the canvases and the tabs (context, undo, dialogs, widgets, sheet, projection).

Nothing here imports ``facilitator.ui`` or ``canvases``: they build on it.
"""

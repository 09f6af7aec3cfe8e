"""The Qt layer: windows, panels and dialogs that project the document."""

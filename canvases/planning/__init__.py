"""The planning matrix on screen: its sheet, the initiative form, its projector view."""

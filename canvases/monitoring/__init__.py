"""The monitoring matrix on screen: its sheet and its projector view."""

"""The run tab: the timed script, its widgets and the projector window."""

"""The FODA (SWOT) matrix on screen: quadrant lists for editing, a painted 2x2 for the projector."""

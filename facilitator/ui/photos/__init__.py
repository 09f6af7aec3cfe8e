"""The photos tab: the gallery and the photo viewer."""

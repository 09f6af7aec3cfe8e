"""The minutes and commitments tabs, and their projected lists."""

"""The participants tab."""

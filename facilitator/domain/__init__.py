"""Pure domain logic (no Qt, no SQL): workshop scripts and what they mean."""

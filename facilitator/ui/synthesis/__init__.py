"""The Sistematización workspace of a process: findings, suggestions, the guide's tables and the texts."""

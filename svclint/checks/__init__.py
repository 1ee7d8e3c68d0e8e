"""The primitives that rule packs are written in: pattern, require and metric."""

"""Company levels: ladders per source, pay per level, steps and head-count hints."""

"""Career paths: the moves between roles that the sources name."""

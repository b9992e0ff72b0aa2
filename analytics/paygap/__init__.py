"""Pay gap and pay transparency: the indicators employers file, the explained gap, the cost of closing it."""

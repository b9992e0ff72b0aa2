"""Market: the BLS OEWS release, its queries, rules and charts."""

"""Pay mix: base, stock and bonus per company level, four-year average or first year."""

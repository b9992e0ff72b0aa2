"""Sources & data: the sources table and every reference table with its sources."""

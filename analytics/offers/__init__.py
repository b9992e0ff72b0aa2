"""Offer calculator: offer maths, the form and link format, tables and charts."""

"""Roles: reported pay ranges per role, role profiles and range statistics."""

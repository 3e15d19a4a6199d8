"""Tiers-lieu: shared rooms and desks and their bookings. Filled by the tiers-lieu issue."""

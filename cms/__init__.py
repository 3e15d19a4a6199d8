"""The public site (Wagtail pages). The home page lives here; the public-site issue fills the rest."""

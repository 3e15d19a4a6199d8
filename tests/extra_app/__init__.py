"""An app that exists only in one test: it joins export, erasure, retention and /me by its personal_data.py alone."""

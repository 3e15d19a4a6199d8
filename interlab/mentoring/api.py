"""HTTP API of the mentoring app; registered on the root API in interlab/api.py."""

from ninja import Router

router = Router(tags=["mentoring"])

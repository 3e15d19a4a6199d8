"""HTTP API of the tierslieu app; registered on the root API in interlab/api.py."""

from ninja import Router

router = Router(tags=["tierslieu"])

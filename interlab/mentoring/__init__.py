"""Mentoring: local–newcomer mentor pairs (binômes). Filled by the mentoring issue."""

"""Text normalisation for search that ignores case, accents and script ("tokgozlu" finds "Tokgözlü")."""

from anyascii import anyascii


def normalise(value: str) -> str:
    return " ".join(anyascii(value or "").lower().split())

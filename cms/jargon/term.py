"""One glossary entry in one language: the words a reader meets, what they mean, and how to find them in a text."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """A piece of Belgian jargon explained to a reader of one language.

    `term` is the headword as that reader meets it: the Belgian acronym printed on forms ("BCE") or the
    usual word in their language ("social insurance fund"). `expansion` says what an acronym stands for, in the
    reader's language; `french` is the name printed on Walloon forms when the headword is not it. `short` is the
    meaning in a few plain words (the tooltip of a link in a guide); `text` the explanation, two or three short
    sentences. `abbreviations` are found as written, case and all, and shown in an <abbr>; `phrases` are found
    whatever their case, and `*` in a phrase stands for the rest of a word ("професійн* картк*"), for languages
    whose endings change.
    """

    term: str
    short: str
    text: str
    expansion: str = ""
    french: str = ""
    abbreviations: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()

    @property
    def is_acronym(self) -> bool:
        return self.term in self.abbreviations

    @property
    def term_is_french(self) -> bool:
        """The headword is the French name itself (a Walloon office's name kept in every language)."""
        return bool(self.french) and self.term == self.french

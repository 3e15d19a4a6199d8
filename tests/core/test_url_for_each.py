"""url_for_each: one reverse() for a view taking an id, then the same links as reverse() gives for each id."""

from django.urls import reverse

from interlab.core.http import url_for_each


def test_it_gives_the_same_links_as_reverse_for_every_id():
    move = url_for_each("crm:project_move")
    ids = [1, 7, 42, 2147483647, 10**12]
    assert [move(pk) for pk in ids] == [reverse("crm:project_move", args=[pk]) for pk in ids]

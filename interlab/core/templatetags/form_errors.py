"""The error summary at the top of a form sent back with mistakes (GOV.UK's pattern, WCAG 3.3.1).

Each mistake is said once, with the names of the fields it concerns, and links to the first of them; the summary
takes the focus when the page opens (interlab.js) so that a screen reader reads it first.
"""

from django import template

register = template.Library()


@register.inclusion_tag("core/_error_summary.html")
def error_summary(form, summary_id: str = "error-summary") -> dict:
    items: list[dict] = []
    by_message: dict[str, dict] = {}
    for message in form.non_field_errors():
        items.append({"href": "", "labels": [], "message": message})
    for field in form.hidden_fields():
        for message in field.errors:
            items.append({"href": "", "labels": [], "message": message})
    for field in form.visible_fields():
        for message in field.errors:
            item = by_message.get(message)
            if item is None:  # one rule on two fields (an e-mail or a phone) is one mistake to fix
                item = by_message[message] = {"href": f"#{field.id_for_label}", "labels": [], "message": message}
                items.append(item)
            item["labels"].append(str(field.label))
    return {"items": items, "summary_id": summary_id}

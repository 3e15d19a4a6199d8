"""The Wagtail admin report "Translations to update": translated pages whose French source changed since."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from . import selectors


class TranslationsToUpdateView(PageReportView):
    page_title = _("Translations to update")
    header_icon = "globe"
    results_template_name = "cms/admin/translations_to_update_results.html"
    index_url_name = "cms_translations_to_update"
    index_results_url_name = "cms_translations_to_update_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [*PageReportView.list_export, "source_published_at"]
    export_headings = {**PageReportView.export_headings, "source_published_at": _("French changed on")}

    def get_filename(self) -> str:
        return "translations-to-update"

    def get_queryset(self):
        pages = self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
        self.queryset = (
            selectors.translations_to_update(pages)
            .select_related("locale", "content_type")
            .order_by("-source_published_at", "path")
        )
        return super().get_queryset()

from django.urls import path

from . import views

app_name = "dossiers"
urlpatterns = [
    path("", views.dossier_list, name="list"),
    path("new/", views.dossier_new, name="new"),
    path("<int:dossier_id>/", views.dossier_detail, name="detail"),
    path("<int:dossier_id>/eligibility/", views.eligibility_edit, name="eligibility"),
    path("<int:dossier_id>/eligibility/proposal/", views.exemption_proposal, name="exemption_proposal"),
    path("<int:dossier_id>/edit/<slug:section>/", views.section_edit, name="section"),
    path("<int:dossier_id>/finance/preview/", views.finance_preview, name="finance_preview"),
    path("<int:dossier_id>/items/<slug:key>/", views.item_update, name="item"),
    path("<int:dossier_id>/annexes/new/", views.annex_upload, name="annex_upload"),
    path("<int:dossier_id>/annexes/<int:annex_id>/delete/", views.annex_delete, name="annex_delete"),
    path("<int:dossier_id>/status/", views.status_update, name="status"),
    path("<int:dossier_id>/pdf/", views.pdf_build, name="pdf_build"),
    path("<int:dossier_id>/pdf/status/", views.pdf_status, name="pdf_status"),
    path("<int:dossier_id>/pdf/download/", views.pdf_download, name="pdf_download"),
]

from django.urls import path

from . import views

app_name = "impact"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export.<str:fmt>", views.summary_export, name="export"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("needs/", views.needs, name="needs"),
    path("needs/export.<str:fmt>", views.needs_export, name="needs_export"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("projects/<int:project_id>/", views.project_follow_up, name="project"),
    path("follow-ups/<int:pk>/delete/", views.follow_up_delete, name="follow_up_delete"),
    path("financings/<int:pk>/delete/", views.financing_delete, name="financing_delete"),
]

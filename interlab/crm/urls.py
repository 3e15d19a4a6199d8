from django.urls import path

from . import views, views_desk, views_partner

app_name = "crm"
urlpatterns = [
    path("board/", views.board, name="board"),
    path("projects/<int:project_id>/move/", views.project_move, name="project_move"),
    path("projects/<int:project_id>/edit/", views.project_edit, name="project_edit"),
    path("entrepreneurs/", views.entrepreneur_list, name="entrepreneurs"),
    path("entrepreneurs/new/", views.entrepreneur_create, name="entrepreneur_create"),
    path("entrepreneurs/<int:entrepreneur_id>/", views.entrepreneur_detail, name="entrepreneur"),
    path("entrepreneurs/<int:entrepreneur_id>/edit/", views.entrepreneur_edit, name="entrepreneur_edit"),
    path("entrepreneurs/<int:entrepreneur_id>/sensitive/", views.sensitive_edit, name="sensitive"),
    path("entrepreneurs/<int:entrepreneur_id>/projects/new/", views.project_create, name="project_create"),
    path("entrepreneurs/<int:entrepreneur_id>/interactions/new/", views.interaction_add, name="interaction_add"),
    path("entrepreneurs/<int:entrepreneur_id>/tasks/new/", views.task_add, name="task_add"),
    path("entrepreneurs/<int:entrepreneur_id>/referrals/new/", views.referral_add, name="referral_add"),
    path("entrepreneurs/<int:entrepreneur_id>/documents/new/", views.document_upload, name="document_upload"),
    path(
        "entrepreneurs/<int:entrepreneur_id>/document-requests/new/",
        views.document_request_add,
        name="document_request_add",
    ),
    path("entrepreneurs/<int:entrepreneur_id>/invitation/", views.invitation_send, name="invite"),
    path("entrepreneurs/<int:entrepreneur_id>/invitation/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("entrepreneurs/<int:entrepreneur_id>/password-code/", views.password_code, name="password_code"),
    path("entrepreneurs/<int:entrepreneur_id>/partner-consent/", views.partner_consent, name="partner_consent"),
    path("tasks/mine/", views_desk.my_tasks, name="my_tasks"),
    path("tasks/<int:task_id>/toggle/", views.task_toggle, name="task_toggle"),
    path("bulk/", views_desk.bulk_action, name="bulk"),
    path("referrals/<int:referral_id>/outcome/", views.referral_outcome, name="referral_outcome"),
    path("documents/<int:document_id>/download/", views.document_download, name="document_download"),
    path("import/", views.import_upload, name="import"),
    path("import/<int:batch_id>/", views.import_preview, name="import_preview"),
    path("export.<str:fmt>", views.export, name="export"),
    path("my/", views.my_space, name="my_space"),
    path("partner/", views_partner.partner_home, name="partner_home"),
    path("partner/referrals/<int:referral_id>/", views_partner.partner_referral, name="partner_referral"),
    path("email/confirm/<str:token>/", views.email_confirm, name="email_confirm"),
]

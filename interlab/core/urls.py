from django.urls import path

from . import views, views_admin, views_data, views_notifications

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/data/", views_data.my_data, name="my_data"),
    path("me/tokens/<int:token_id>/revoke/", views_data.my_token_revoke, name="my_token_revoke"),
    path("me/data/download.<str:fmt>", views_data.my_data_download, name="my_data_download"),
    path("me/notifications/", views_notifications.notification_list, name="notifications"),
    path("me/notifications/read-all/", views_notifications.notifications_read_all, name="notifications_read_all"),
    path(
        "me/notifications/<int:notification_id>/open/",
        views_notifications.notification_open,
        name="notification_open",
    ),
    path("admin/retention/", views_admin.retention_overview, name="admin_retention"),
    path("admin/retention/dry-run/", views_admin.retention_dry_run, name="admin_retention_dry_run"),
    path("admin/retention/run/", views_admin.retention_run_now, name="admin_retention_run_now"),
    path("admin/retention/runs/<int:run_id>/", views_admin.retention_run_detail, name="admin_retention_run"),
    path("admin/read-log/", views_admin.read_log, name="admin_read_log"),
    path("admin/data-inventory/", views_admin.inventory, name="admin_inventory"),
]

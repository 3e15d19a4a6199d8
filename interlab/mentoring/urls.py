from django.urls import path

from . import views

app_name = "mentoring"
urlpatterns = [
    path("", views.home, name="home"),
    path("become-a-mentor/", views.signup, name="signup"),
    path("applications/", views.applications, name="applications"),
    path("applications/<int:application_id>/<slug:action>/", views.application_action, name="application_action"),
    path("profile/", views.profile, name="profile"),
    path("profile/pause/", views.pause, name="pause"),
    path("runs/", views.runs, name="runs"),
    path("runs/<int:run_id>/", views.run_detail, name="run"),
    path("runs/<int:run_id>/publish/", views.run_publish, name="run_publish"),
    path("proposals/<int:match_id>/<slug:action>/", views.proposal_action, name="proposal_action"),
    path("exclusions/<int:exclusion_id>/restore/", views.exclusion_restore, name="exclusion_restore"),
    path("weights/", views.weights, name="weights"),
    path("inbox/", views.inbox, name="inbox"),
    path("mine/", views.mine, name="mine"),
    path("mentees/<int:entrepreneur_id>/wishes/", views.wishes, name="wishes"),
    path("pairs/<int:match_id>/<slug:action>/", views.match_action, name="match_action"),
    path("meetings/<int:meeting_id>.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<int:meeting_id>/<slug:action>/", views.meeting_action, name="meeting_action"),
]

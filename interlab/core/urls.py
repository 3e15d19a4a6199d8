from django.urls import path

from . import views, views_data

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("me/data/", views_data.my_data, name="my_data"),
    path("me/data/download.<str:fmt>", views_data.my_data_download, name="my_data_download"),
]

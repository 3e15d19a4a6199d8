from django.urls import path

from . import views

app_name = "tierslieu"
urlpatterns = [
    path("", views.space_list, name="spaces"),
    path("grid/", views.day_grid, name="day_grid"),
    path("<int:space_id>/", views.space_day, name="space_day"),
    path("<int:space_id>/week/", views.space_week, name="space_week"),
    path("<int:space_id>/book/", views.book, name="book"),
    path("<int:space_id>/waitlist/", views.waitlist_join, name="waitlist_join"),
    path("my/", views.my_bookings, name="my_bookings"),
    path("my/feed/renew/", views.feed_renew, name="feed_renew"),
    path("bookings/<int:booking_id>/cancel/", views.booking_cancel, name="booking_cancel"),
    path("bookings/<int:booking_id>/move/", views.booking_move, name="booking_move"),
    path("bookings/<int:booking_id>/checkin/", views.booking_checkin, name="booking_checkin"),
    path("bookings/<int:booking_id>/confirm/", views.hold_confirm, name="hold_confirm"),
    path("bookings/<int:booking_id>/approve/", views.booking_approve, name="booking_approve"),
    path("bookings/<int:booking_id>.ics", views.booking_ics, name="booking_ics"),
    path("waitlist/<int:entry_id>/leave/", views.waitlist_leave, name="waitlist_leave"),
    path("card/", views.member_card, name="member_card"),
    path("card.pdf", views.member_card_pdf, name="member_card_pdf"),
    path("card/renew/", views.member_card_renew, name="member_card_renew"),
    path("reception/", views.reception, name="reception"),
    path("<int:space_id>/feed/renew/", views.space_feed_renew, name="space_feed_renew"),
    path("occupancy/", views.occupancy, name="occupancy"),
]

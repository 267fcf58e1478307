from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("events/calendar.ics", views.calendar_all, name="calendar"),
    path("events/calendar/events/<int:pk>.ics", views.event_ics, name="calendar_event"),
    path("events/calendar/places/<slug:slug>.ics", views.calendar_place, name="calendar_place"),
    path("events/calendar/themes/<slug:slug>.ics", views.calendar_theme, name="calendar_theme"),
    path("events/bookings/confirm/<str:token>/", views.booking_confirm, name="booking_confirm"),
    path("events/bookings/<str:token>/", views.booking_detail, name="booking"),
    path("events/bookings/<str:token>/cancel/", views.booking_cancel, name="booking_cancel"),
]

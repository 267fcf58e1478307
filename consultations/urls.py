from django.urls import path

from consultations.commitments import views

app_name = "consultations"

urlpatterns = [
    path("commitments/calendar.ics", views.calendar_all, name="commitment_calendar"),
    path(
        "commitments/calendar/places/<slug:slug>.ics", views.calendar_place, name="commitment_calendar_place"
    ),
    path(
        "commitments/calendar/themes/<slug:slug>.ics", views.calendar_theme, name="commitment_calendar_theme"
    ),
]

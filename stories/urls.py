from django.urls import path

from stories import views

urlpatterns = [
    path("stories/seen/<int:pk>.gif", views.story_seen, name="story_seen"),
]

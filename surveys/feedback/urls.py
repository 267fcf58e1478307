from django.urls import path

from surveys.feedback import views

app_name = "surveys"

urlpatterns = [
    path("feedback/comments/", views.comment_post, name="comment_post"),
    path("feedback/comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("feedback/comments/<int:pk>/agree/", views.comment_agree, name="comment_agree"),
    path("feedback/comments/<int:pk>/report/", views.comment_report, name="comment_report"),
    path("feedback/confirm/<str:token>/", views.comment_confirm, name="comment_confirm"),
]

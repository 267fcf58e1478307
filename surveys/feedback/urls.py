from django.urls import path

from surveys.feedback import following, views

app_name = "surveys"

urlpatterns = [
    path("feedback/comments/", views.comment_post, name="comment_post"),
    path("feedback/comments/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("feedback/comments/<int:pk>/agree/", views.comment_agree, name="comment_agree"),
    path("feedback/comments/<int:pk>/report/", views.comment_report, name="comment_report"),
    path("feedback/confirm/<str:token>/", views.comment_confirm, name="comment_confirm"),
    path("feedback/follow/", following.follow_post, name="follow"),
    path("feedback/follow/check-your-email/", following.follow_sent, name="follow_sent"),
    path("feedback/follow/confirm/<str:token>/", following.follow_confirm, name="follow_confirm"),
    path("feedback/follow/manage/<str:token>/", following.follow_manage, name="follow_manage"),
    path("feedback/follow/unsubscribe/<str:token>/", following.follow_unsubscribe, name="follow_unsubscribe"),
]

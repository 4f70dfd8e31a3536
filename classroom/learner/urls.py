"""The learner's URLs, under /join/."""

from django.urls import path

from classroom.learner import quiz_views, takehome_views, views

app_name = "learner"
urlpatterns = [
    path("", views.join, name="join"),
    path("welcome/", views.welcome, name="welcome"),
    path("wallet/", views.wallet, name="wallet"),
    path("checklist/", views.checklist, name="checklist"),
    path("takehome/", takehome_views.card, name="takehome"),
    path("resume/", takehome_views.resume, name="resume"),
    path("certificate/", views.certificate, name="certificate"),
    path("quiz/", quiz_views.quiz_page, name="quiz"),
    path("quiz/answer/", quiz_views.quiz_answer, name="quiz_answer"),
    path("message/", views.panel, name="message"),
    path("message/dismiss/", views.message_dismiss, name="message_dismiss"),
    path("help/", views.help_ask, name="help_ask"),
    path("help/cancel/", views.help_cancel, name="help_cancel"),
]

"""금융사기 예방 연습's pages, under /drills/."""

from django.urls import path

from issuance.drills import views

app_name = "drills"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:key>/start/", views.start, name="start"),
    path("run/<uuid:pk>/", views.debrief, name="debrief"),
]

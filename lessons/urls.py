"""A self-paced learner's lessons, under /lessons/."""

from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.home, name="home"),
    path("checklist/", views.checklist, name="checklist"),
    path("<slug:key>/choose/", views.choose, name="choose"),
]

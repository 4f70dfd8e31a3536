"""URLs of the site shell: the home page and the menu placeholders."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("menu/<slug:slug>/", views.menu, name="menu"),
]

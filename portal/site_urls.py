"""URLs of the site shell: the home page, the menu placeholders and the customer-centre
pages."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("menu/<slug:slug>/", views.menu, name="menu"),
    path("info/<slug:slug>/", views.info, name="info"),
]

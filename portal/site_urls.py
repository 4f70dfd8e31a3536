"""URLs of the site shell: the home page, old menu links and the customer-centre
pages."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("menu/<slug:slug>/", views.menu_moved, name="menu_moved"),
    path("info/<slug:slug>/", views.info, name="info"),
]

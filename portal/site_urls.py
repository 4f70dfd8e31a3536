"""URLs of the site shell: the home page, the 쉬운 화면 switch, old menu links and the
customer-centre pages, and /favicon.ico."""

from django.urls import path

from portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("menu/<slug:slug>/", views.menu_moved, name="menu_moved"),
    path("info/<slug:slug>/", views.info, name="info"),
    path("glossary/", views.glossary, name="glossary"),
    path("easy-view/", views.easy_view_switch, name="easy_view"),
    path("keypad/shuffle/", views.keypad_shuffle, name="keypad_shuffle"),
    path("favicon.ico", views.favicon, name="favicon"),
]

"""The certificate centre's URLs, under /cert/."""

from django.urls import path

from issuance.center import views

app_name = "center"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.certificate_login_view, name="login"),
    path("login/done/", views.login_done, name="login_done"),
]

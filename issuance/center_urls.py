from django.urls import path

from issuance import center_views as views

app_name = "center"
urlpatterns = [
    path("login/", views.certificate_login_view, name="login"),
    path("login/done/", views.login_done, name="login_done"),
]

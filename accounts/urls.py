from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("join/", views.join_view, name="join"),
    path("accounts/", views.accounts_view, name="accounts"),
    path("session/extend/", views.session_extend, name="session_extend"),
]

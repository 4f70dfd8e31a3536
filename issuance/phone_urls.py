from django.urls import path

from issuance import phone_views as views

app_name = "phone"
urlpatterns = [
    path("", views.phone, name="phone"),
    path("screen/", views.screen, name="screen"),
    path("pair/<str:token>/", views.pair, name="pair"),
    path("ars/", views.ars_keypad, name="ars"),
    path("push/approve/", views.push_approve, name="push_approve"),
    path("push/deny/", views.push_deny, name="push_deny"),
    path("app/update/", views.app_update, name="app_update"),
]

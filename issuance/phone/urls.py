"""The virtual phone's URLs, under /phone/."""

from django.urls import path

from issuance.phone import views

app_name = "phone"
urlpatterns = [
    path("", views.phone, name="phone"),
    path("screen/", views.screen, name="screen"),
    path("pair/<str:token>/", views.pair, name="pair"),
    path("pairing/<uuid:pk>.svg", views.pairing_qr, name="pairing_qr"),
    path("ars/", views.ars_keypad, name="ars"),
    path("push/approve/", views.push_approve, name="push_approve"),
    path("push/deny/", views.push_deny, name="push_deny"),
    path("app/update/", views.app_update, name="app_update"),
]

"""The virtual phone's URLs, under /phone/."""

from django.urls import path

from issuance.phone import drill_views, views

app_name = "phone"
urlpatterns = [
    path("", views.phone, name="phone"),
    path("screen/", views.screen, name="screen"),
    path("pair/<str:token>/", views.pair, name="pair"),
    path("pairing/<uuid:pk>.svg", views.pairing_qr, name="pairing_qr"),
    path("ars/", views.ars_keypad, name="ars"),
    path("sms/reply/", views.sms_reply, name="sms_reply"),
    path("push/approve/", views.push_approve, name="push_approve"),
    path("push/deny/", views.push_deny, name="push_deny"),
    path("app/update/", views.app_update, name="app_update"),
    path("request/approve/", views.request_approve, name="request_approve"),
    path("request/deny/", views.request_deny, name="request_deny"),
    path("request/ars/", views.request_ars, name="request_ars"),
    path("request/sms/", views.request_sms, name="request_sms"),
    path("copy/receive/", views.copy_receive, name="copy_receive"),
    path("copy/send/", views.copy_send, name="copy_send"),
    path("copy/cancel/", views.copy_cancel, name="copy_cancel"),
    path("drill/choose/", drill_views.drill_choose, name="drill_choose"),
    path("drill/link/", drill_views.drill_open_link, name="drill_open_link"),
    path("drill/fake/", drill_views.drill_fake_submit, name="drill_fake_submit"),
    path("drill/report/", drill_views.drill_report, name="drill_report"),
    path("drill/hang-up/", drill_views.drill_hang_up, name="drill_hang_up"),
    path("drill/close/", drill_views.drill_close, name="drill_close"),
]

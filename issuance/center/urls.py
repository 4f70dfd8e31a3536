"""The certificate centre's URLs, under /cert/."""

from django.urls import path

from issuance.center import copy_views, install_views, register_views, views

app_name = "center"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.certificate_login_view, name="login"),
    path("login/done/", views.login_done, name="login_done"),
    path("manage/", views.manage, name="manage"),
    path("manage/import/", views.import_copy, name="import"),
    path("manage/<int:pk>/password/", views.password_change, name="password"),
    path("manage/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("manage/<int:pk>/npki.zip", views.export_npki, name="export_npki"),
    path("manage/<int:pk>/p12/", views.export_p12, name="export_p12"),
    path("renew/", views.renew_choose, name="renew_choose"),
    path("renew/<int:pk>/", views.renew, name="renew"),
    path("register/", register_views.register, name="register"),
    path(
        "register/certificate/",
        register_views.register_certificate,
        name="register_certificate",
    ),
    path("register/ars/", register_views.register_ars, name="register_ars"),
    path("register/ars/status/", register_views.register_ars_status, name="register_ars_status"),
    path("register/ars/again/", register_views.register_ars_again, name="register_ars_again"),
    path("register/done/", register_views.register_done, name="register_done"),
    path("security/", install_views.security_install, name="security"),
    path("security/progress/", install_views.security_install_progress, name="security_progress"),
    path("copy/", copy_views.copy_home, name="copy_home"),
    path("copy/to-phone/", copy_views.copy_to_phone, name="copy_to_phone"),
    path("copy/from-phone/", copy_views.copy_from_phone, name="copy_from_phone"),
    path(
        "copy/from-phone/status/", copy_views.copy_from_phone_status, name="copy_from_phone_status"
    ),
    path(
        "copy/from-phone/cancel/", copy_views.copy_from_phone_cancel, name="copy_from_phone_cancel"
    ),
]

"""The certificate centre's URLs, under /cert/."""

from django.urls import path

from issuance.center.views import cloud, copy, dialog, install, login, manage, register
from issuance.center.views import finance as finance_views

app_name = "center"
urlpatterns = [
    path("", login.home, name="home"),
    path("login/", login.certificate_login_view, name="login"),
    path("login/done/", login.login_done, name="login_done"),
    path("login/finance/", cloud.finance_login, name="finance_login"),
    path("login/finance/status/", cloud.finance_connect_status, name="finance_connect_status"),
    path("manage/", manage.manage, name="manage"),
    path("manage/import/", manage.import_copy, name="import"),
    path("manage/<int:pk>/password/", manage.password_change, name="password"),
    path("manage/<int:pk>/revoke/", manage.revoke, name="revoke"),
    path("manage/<int:pk>/deregister/", manage.deregister, name="deregister"),
    path("dialog/", dialog.dialog_action, name="dialog_action"),
    path("dialog/token/", dialog.token_pin, name="token_pin"),
    path("dialog/<int:pk>/copy/", dialog.dialog_copy, name="dialog_copy"),
    path("dialog/<int:pk>/delete/", dialog.dialog_delete, name="dialog_delete"),
    path("manage/<int:pk>/npki.zip", manage.export_npki, name="export_npki"),
    path("manage/<int:pk>/p12/", manage.export_p12, name="export_p12"),
    path("finance/manage/", finance_views.finance_manage, name="finance_manage"),
    path(
        "finance/manage/<int:pk>/pin/",
        finance_views.finance_pin_change,
        name="finance_pin_change",
    ),
    path("finance/manage/<int:pk>/revoke/", finance_views.finance_revoke, name="finance_revoke"),
    path("finance/manage/<int:pk>/renew/", finance_views.finance_renew, name="finance_renew"),
    path("finance/devices/", finance_views.finance_devices, name="finance_devices"),
    path(
        "finance/devices/disconnect/",
        finance_views.finance_device_disconnect,
        name="finance_device_disconnect",
    ),
    path("renew/", manage.renew_choose, name="renew_choose"),
    path("renew/<int:pk>/", manage.renew, name="renew"),
    path("register/", register.register, name="register"),
    path(
        "register/certificate/",
        register.register_certificate,
        name="register_certificate",
    ),
    path("register/ars/", register.register_ars, name="register_ars"),
    path("register/ars/status/", register.register_ars_status, name="register_ars_status"),
    path("register/ars/again/", register.register_ars_again, name="register_ars_again"),
    path("register/done/", register.register_done, name="register_done"),
    path("security/", install.security_install, name="security"),
    path("security/progress/", install.security_install_progress, name="security_progress"),
    path("copy/", copy.copy_home, name="copy_home"),
    path("copy/to-phone/", copy.copy_to_phone, name="copy_to_phone"),
    path("copy/from-phone/", copy.copy_from_phone, name="copy_from_phone"),
    path("copy/from-phone/status/", copy.copy_from_phone_status, name="copy_from_phone_status"),
    path("copy/from-phone/cancel/", copy.copy_from_phone_cancel, name="copy_from_phone_cancel"),
]

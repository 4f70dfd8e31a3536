"""The issuance flow's URLs, under /cert/: one URL per step (machine.FLOW names them)."""

from django.urls import path

from issuance.flow.views import install, steps

app_name = "flow"
urlpatterns = [
    path("issue/", steps.prerequisites, name="prerequisites"),
    path("find-id/", steps.find_id, name="find_id"),
    path("terms/<slug:slug>/", steps.term_text, name="term_text"),
    path("issue/<uuid:pk>/", steps.resume, name="resume"),
    path("issue/<uuid:pk>/install/", install.install, name="install"),
    path(
        "issue/<uuid:pk>/install/progress/",
        install.install_progress,
        name="install_progress",
    ),
    path("issue/<uuid:pk>/identify/", steps.identify, name="identify"),
    path("issue/<uuid:pk>/terms/", steps.terms, name="terms"),
    path("issue/<uuid:pk>/ars/", steps.ars, name="ars"),
    path("issue/<uuid:pk>/ars/status/", steps.ars_status, name="ars_status"),
    path("issue/<uuid:pk>/medium/", steps.medium, name="medium"),
    path("issue/<uuid:pk>/push/", steps.push, name="push"),
    path("issue/<uuid:pk>/push/status/", steps.push_status, name="push_status"),
    path("issue/<uuid:pk>/storage/", steps.storage, name="storage"),
    path("issue/<uuid:pk>/storage/rules/", steps.password_rules, name="password_rules"),
    path("issue/<uuid:pk>/done/", steps.done, name="done"),
    path("issue/<uuid:pk>/done/npki.zip", steps.download_npki, name="download_npki"),
    path("issue/<uuid:pk>/done/p12/", steps.download_p12, name="download_p12"),
    path("issue/<uuid:pk>/stopped/", steps.stopped, name="stopped"),
]

"""The issuance flow's URLs, under /cert/: one URL per step (machine.FLOW names them)."""

from django.urls import path

from issuance.flow import install_views, views

app_name = "flow"
urlpatterns = [
    path("issue/", views.prerequisites, name="prerequisites"),
    path("find-id/", views.find_id, name="find_id"),
    path("terms/<slug:slug>/", views.term_text, name="term_text"),
    path("issue/<uuid:pk>/", views.resume, name="resume"),
    path("issue/<uuid:pk>/install/", install_views.install, name="install"),
    path(
        "issue/<uuid:pk>/install/progress/",
        install_views.install_progress,
        name="install_progress",
    ),
    path("issue/<uuid:pk>/identify/", views.identify, name="identify"),
    path("issue/<uuid:pk>/terms/", views.terms, name="terms"),
    path("issue/<uuid:pk>/ars/", views.ars, name="ars"),
    path("issue/<uuid:pk>/ars/status/", views.ars_status, name="ars_status"),
    path("issue/<uuid:pk>/medium/", views.medium, name="medium"),
    path("issue/<uuid:pk>/push/", views.push, name="push"),
    path("issue/<uuid:pk>/push/status/", views.push_status, name="push_status"),
    path("issue/<uuid:pk>/storage/", views.storage, name="storage"),
    path("issue/<uuid:pk>/storage/rules/", views.password_rules, name="password_rules"),
    path("issue/<uuid:pk>/done/", views.done, name="done"),
    path("issue/<uuid:pk>/done/npki.zip", views.download_npki, name="download_npki"),
    path("issue/<uuid:pk>/done/p12/", views.download_p12, name="download_p12"),
    path("issue/<uuid:pk>/stopped/", views.stopped, name="stopped"),
]

"""The issuance flow's URLs, under /cert/: one URL per step (machine.FLOW names them)."""

from django.urls import path

from issuance.flow.views import clock, finance, install, steps

app_name = "flow"
urlpatterns = [
    path("issue/", steps.prerequisites, name="prerequisites"),
    path("find-id/", steps.find_id, name="find_id"),
    path("terms/<slug:slug>/", steps.term_text, name="term_text"),
    path("issue/<uuid:pk>/", steps.resume, name="resume"),
    path("issue/<uuid:pk>/time/", clock.extend, name="extend"),
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
    # 금융인증서 발급/재발급 (machine.FINANCE_FLOW): 사용자 확인, 출금계좌 and 중단 are the
    # 공동인증서's views at this flow's addresses.
    path("finance/", finance.start, name="finance_start"),
    path("finance/<uuid:pk>/identify/", steps.identify, name="finance_identify"),
    path("finance/<uuid:pk>/terms/", finance.terms, name="finance_terms"),
    path("finance/<uuid:pk>/medium/", steps.medium, name="finance_medium"),
    path("finance/<uuid:pk>/cloud/", finance.cloud_connect, name="finance_cloud"),
    path("finance/<uuid:pk>/cloud/status/", finance.cloud_status, name="finance_cloud_status"),
    path("finance/<uuid:pk>/pin/", finance.pin, name="finance_pin"),
    path("finance/<uuid:pk>/done/", finance.done, name="finance_done"),
    path("finance/<uuid:pk>/done/connect/", finance.auto_connect, name="finance_auto_connect"),
    path("finance/<uuid:pk>/stopped/", steps.stopped, name="finance_stopped"),
]

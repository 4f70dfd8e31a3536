"""A self-paced learner's lessons, under /lessons/, and the 수료증 (its PDF, its signature,
the public verification page)."""

from django.urls import path

from lessons import views

app_name = "lessons"
urlpatterns = [
    path("", views.home, name="home"),
    path("checklist/", views.checklist, name="checklist"),
    path("certificate/", views.certificate, name="certificate"),
    path("certificate/<uuid:completion_id>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path(
        "certificate/<uuid:completion_id>.p7s",
        views.certificate_signature,
        name="certificate_signature",
    ),
    path("verify/<uuid:completion_id>/", views.certificate_verify, name="verify"),
    path("<slug:key>/choose/", views.choose, name="choose"),
]

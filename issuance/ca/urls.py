from django.urls import path, re_path

from issuance.ca import views

app_name = "pki"
urlpatterns = [
    path("ca/<slug:slug>.der", views.ca_certificate, name="ca_certificate"),
    path("crl/<slug:slug>.crl", views.crl, name="crl"),
    path("cps/", views.cps, name="cps"),
    path("ocsp/", views.ocsp, name="ocsp"),
    re_path(r"^ocsp/(?P<encoded>.+)$", views.ocsp, name="ocsp_get"),
]

"""URL configuration: the site shell, internet banking login, admin."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("모의 은행 포털 관리 (교육용)")
admin.site.site_title = _("모의 은행 포털 관리")
admin.site.index_title = _("고객·계좌·보안매체 관리")

urlpatterns = [
    path("", include("portal.site_urls")),
    path("banking/transfer/", include("issuance.transfer.urls")),
    path("banking/", include("accounts.urls")),
    path("cert/", include("issuance.center.urls")),
    path("cert/", include("issuance.flow.urls")),
    path("phone/", include("issuance.phone.urls")),
    path("drills/", include("issuance.drills.urls")),
    path("lessons/", include("lessons.urls")),
    path("pki/", include("issuance.ca.urls")),
    path("trainer/", include("classroom.trainer.urls")),
    path("join/", include("classroom.learner.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the header's switch
]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"

"""계좌 이체's URLs, under /banking/transfer/."""

from django.urls import path

from issuance.transfer import views

app_name = "transfer"
urlpatterns = [
    path("", views.start, name="start"),
    path("<int:pk>/card/", views.card, name="card"),
    path("<int:pk>/approval/", views.approval, name="approval"),
    path("<int:pk>/approval/status/", views.approval_status, name="approval_status"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/", views.receipt, name="receipt"),
]

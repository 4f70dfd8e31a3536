"""Admin for the simulated CA: read-only records, revoke as an action, downloads."""

from cryptography import x509
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.admin import CustomerAdmin, LockStateMixin, unlock_selected
from accounts.banking import banks
from accounts.models import Customer
from accounts.personas import PERSONAS_BY_KEY
from accounts.services import PersonaConflict
from issuance import pki
from issuance.ca.revocation import certificate_revoke
from issuance.models import (
    Certificate,
    CertificateAuthority,
    CertificateCopy,
    CertificateRegistration,
    Drill,
    DrillRun,
    IssuanceEvent,
    IssuanceSession,
    RevocationList,
    Scenario,
    SecurityToken,
    StorageMedium,
)
from issuance.personas import persona_restore
from issuance.transitions import WrongState


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records of the CA are written only by its services: no add, change or delete.

    A change list costs one COUNT (the paginator's), not two: at 100,000 rows the
    unfiltered total is not worth a second scan."""

    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.register(CertificateAuthority)
class CertificateAuthorityAdmin(ReadOnlyAdmin):
    list_display = ("name", "role", "serial", "not_before", "not_after", "public_link")
    fields = (
        "name",
        "role",
        "slug",
        "parent",
        "serial",
        "not_before",
        "not_after",
        "created_at",
        "public_link",
    )
    readonly_fields = fields

    @admin.display(description=_("공개 주소"))
    def public_link(self, obj):
        url = reverse("pki:ca_certificate", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, f"{obj.slug}.der")


class IssuingBankFilter(admin.SimpleListFilter):
    """발급 은행, from the simulator's list of banks: no DISTINCT scan of the table."""

    title = _("발급 은행")
    parameter_name = "bank_code"

    def lookups(self, request, model_admin):
        return banks()

    def queryset(self, request, queryset):
        return queryset.filter(bank_code=self.value()) if self.value() else queryset


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = (
        "serial",
        "customer",
        "cert_type",
        "status_display",
        "not_before",
        "not_after",
        "downloads",
    )
    list_filter = (
        ("issued_at", admin.DateFieldListFilter),
        "cert_type",
        IssuingBankFilter,
        ("revoked_at", admin.EmptyFieldListFilter),
        "revocation_reason",
    )
    search_fields = ("serial", "subject_dn", "customer__name", "customer__user_id")
    list_select_related = ("customer",)
    fields = (
        "serial", "customer", "cert_type", "bank_code", "subject_dn", "issuer", "not_before",
        "not_after", "issued_at", "status_display", "revoked_at", "revocation_reason", "replaces",
        "downloads",
    )  # fmt: skip
    readonly_fields = fields
    actions = ["revoke_selected"]

    def has_revoke_permission(self, request):
        return request.user.has_perm("issuance.change_certificate")

    @admin.display(description=_("상태"))
    def status_display(self, obj):
        return obj.get_status_display()

    @admin.display(description=_("내려받기"))
    def downloads(self, obj):
        return format_html(
            '<a href="{}">DER</a> · <a href="{}">PEM</a>',
            reverse("admin:issuance_certificate_download", args=[obj.pk, "der"]),
            reverse("admin:issuance_certificate_download", args=[obj.pk, "pem"]),
        )

    @admin.action(description=_("선택한 인증서 폐지"), permissions=["revoke"])
    def revoke_selected(self, request, queryset):
        revoked = 0
        for certificate in queryset:
            try:
                certificate_revoke(certificate=certificate)
                revoked += 1
            except WrongState:
                self.message_user(
                    request,
                    gettext("%(serial)s: 이미 폐지된 인증서입니다.")
                    % {"serial": certificate.serial},
                    messages.WARNING,
                )
        if revoked:
            self.message_user(
                request,
                gettext("인증서 %(count)d건을 폐지하고 CRL을 새로 발행했습니다.")
                % {"count": revoked},
                messages.SUCCESS,
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/download.<str:fmt>",
                self.admin_site.admin_view(self.download_view),
                name="issuance_certificate_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk, fmt):
        certificate = get_object_or_404(Certificate, pk=pk)
        if not self.has_view_permission(request, certificate):
            return HttpResponse(status=403)
        der = bytes(certificate.der)
        if fmt == "der":
            return _download(der, f"{certificate.serial}.der", "application/pkix-cert")
        if fmt == "pem":
            pem = pki.pem(x509.load_der_x509_certificate(der))
            return _download(pem, f"{certificate.serial}.pem", "application/x-pem-file")
        return HttpResponse(status=404)


@admin.register(CertificateRegistration)
class CertificateRegistrationAdmin(ReadOnlyAdmin):
    """타기관 인증서 등록: read here, removed with its certificate or customer."""

    list_display = ("registered_at", "customer", "certificate")
    search_fields = ("customer__name", "customer__user_id", "certificate__serial")
    list_select_related = ("customer", "certificate")


@admin.register(SecurityToken)
class SecurityTokenAdmin(LockStateMixin, admin.ModelAdmin):
    """보안토큰: its PIN only as a hash; 오류 해제 of a token locked by wrong PINs."""

    list_display = ("customer", "created_at", "failures", "locked")
    list_filter = (("locked_at", admin.EmptyFieldListFilter),)
    search_fields = ("customer__name", "customer__user_id")
    list_select_related = ("customer",)
    readonly_fields = ("customer", "created_at", "failure_count", "locked_at")
    actions = [unlock_selected]

    def has_add_permission(self, request):
        return False  # set by its holder, in the 인증서 선택창


@admin.register(RevocationList)
class RevocationListAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "number", "this_update", "next_update", "revoked_count")
    list_filter = ("issuer",)
    fields = ("issuer", "number", "this_update", "next_update", "revoked_count")
    readonly_fields = fields


class IssuanceEventInline(admin.TabularInline):
    model = IssuanceEvent
    extra = 0
    can_delete = False
    fields = ("created_at", "step", "result", "message")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(IssuanceSession)
class IssuanceSessionAdmin(admin.ModelAdmin):
    """Sessions are written by the flow; a trainer may only switch the scenario."""

    list_display = ("created_at", "customer", "product", "status", "scenario", "expires_at")
    list_filter = (
        ("created_at", admin.DateFieldListFilter), "product", "status", "cert_type", "scenario",
    )  # fmt: skip
    search_fields = ("customer__name", "customer__user_id", "id")
    list_select_related = ("customer", "scenario")
    show_full_result_count = False
    inlines = [IssuanceEventInline]
    fields = (
        "id", "product", "status", "customer", "scenario", "created_at", "expires_at",
        "stop_reason", "cert_type", "account", "medium", "certificate", "identify_failures",
        "ars_failures", "cloud_failures", "app_version",
    )  # fmt: skip
    readonly_fields = tuple(f for f in fields if f != "scenario")

    def has_add_permission(self, request):
        return False


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = (
        "name", "is_default", "install_fails_once", "ars_not_answered", "app_outdated",
        "removable_disk_absent", "security_token_absent", "lock_threshold",
    )  # fmt: skip
    list_filter = ("is_default",)
    search_fields = ("name", "description")
    filter_horizontal = ("customers",)


CLOUD_NOT_UNLOCKED = _(
    "금융인증서는 오류 해제할 수 없습니다: 비밀번호 5회 오류 뒤에는 재발급만 됩니다."
)


@admin.register(CertificateCopy)
class CertificateCopyAdmin(LockStateMixin, ReadOnlyAdmin):
    """A copy locks after wrong certificate passwords; 오류 해제 is the one change allowed
    (never of a 금융인증서: 5 wrong PINs and only 재발급 helps, as at 금융결제원)."""

    list_display = ("certificate", "device", "medium", "created_at", "failures", "locked")
    list_filter = ("device", "medium", ("locked_at", admin.EmptyFieldListFilter))
    search_fields = ("certificate__serial", "certificate__customer__name")
    list_select_related = ("certificate",)
    fields = ("certificate", "device", "medium", "created_at", "failure_count", "locked_at")
    readonly_fields = fields
    actions = ["unlock_copies"]

    def has_unlock_permission(self, request):
        return request.user.has_perm("issuance.change_certificatecopy")

    @admin.action(description=_("선택한 항목의 오류 해제(잠금 풀기)"), permissions=["unlock"])
    def unlock_copies(self, request, queryset):
        if queryset.filter(medium=StorageMedium.CLOUD).exists():
            self.message_user(request, CLOUD_NOT_UNLOCKED, messages.WARNING)
        unlock_selected(self, request, queryset.exclude(medium=StorageMedium.CLOUD))


@admin.register(Drill)
class DrillAdmin(admin.ModelAdmin):
    """금융사기 예방 연습: the scenes as data (caller, lines, choices, outcome, debrief, and
    the public warning each follows), seeded by migration 0017 and edited here."""

    list_display = ("order", "title", "kind", "sender", "active")
    list_display_links = ("title",)
    list_filter = ("kind", "active")
    search_fields = ("title", "key", "sender")


@admin.register(DrillRun)
class DrillRunAdmin(ReadOnlyAdmin):
    """A learner's drills: what they chose (never what a look-alike page was given)."""

    list_display = (
        "created_at",
        "customer",
        "drill",
        "state",
        "choice",
        "boxes_filled",
        "reported_to",
    )
    list_filter = ("state", "drill")
    list_select_related = ("customer", "drill")


admin.site.unregister(Customer)


@admin.register(Customer)
class PersonaCustomerAdmin(CustomerAdmin):
    """The customer admin of ``accounts``, whose 페르소나 초기화 here also puts the
    persona's certificates back as the handout says (``accounts`` knows no certificates)."""

    @admin.action(description=_("선택한 페르소나를 초기 상태로 되돌리기 (인증서 포함)"))
    def reset_persona(self, request, queryset):
        done = 0
        for customer in queryset:
            persona = PERSONAS_BY_KEY.get(customer.persona_key)
            if persona is None:
                self.message_user(
                    request,
                    gettext("%(customer)s은(는) 페르소나 고객이 아닙니다.")
                    % {"customer": customer},
                    messages.WARNING,
                )
                continue
            try:
                persona_restore(persona=persona)
                done += 1
            except PersonaConflict as exc:
                self.message_user(request, str(exc), messages.WARNING)
        if done:
            self.message_user(
                request,
                gettext("페르소나 %(count)d명을 안내문 그대로(인증서 포함) 되돌렸습니다.")
                % {"count": done},
                messages.SUCCESS,
            )

"""Admin for customers, accounts and security media.

- Search finds a customer by name, user ID, account number, or a full
  주민등록번호 (through its keyed hash: the number itself is never queried).
- Actions: 오류 해제 (unlock) on every lockable medium, 페르소나 초기화 on customers.
- A staff-only printable 보안카드 page.
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import rrn
from accounts.admin_forms import (
    AccountAdminForm,
    CustomerChangeForm,
    CustomerCreationForm,
    MobileAuthenticatorAdminForm,
    SecurityCardAdminForm,
)
from accounts.models import (
    AccountTransaction,
    BankAccount,
    CheckCounter,
    Customer,
    MobileAuthenticator,
    RegisteredPhone,
    SecurityCard,
    rrn_lookup_hash,
)
from accounts.services import PersonaConflict, medium_unlock, persona_reset


@admin.action(description=_("선택한 항목의 오류 해제(잠금 풀기)"))
def unlock_selected(modeladmin, request, queryset):
    count = 0
    for medium in queryset:
        medium_unlock(medium=medium)
        count += 1
    modeladmin.message_user(
        request,
        gettext("%(count)d건의 오류 횟수와 잠금을 해제했습니다.") % {"count": count},
        messages.SUCCESS,
    )


class LockStateMixin:
    @admin.display(description=_("잠금"), boolean=True)
    def locked(self, obj):
        return obj.is_locked

    @admin.display(description=_("오류"))
    def failures(self, obj):
        return f"{obj.failure_count}/{obj.lock_threshold}"


class RrnSearchMixin:
    """A full 주민등록번호 in the search box is matched through its HMAC."""

    rrn_lookup = "rrn_hash"

    def get_search_results(self, request, queryset, search_term):
        try:
            rrn13 = rrn.normalize(search_term)
        except ValidationError:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(**{self.rrn_lookup: rrn_lookup_hash(rrn13)}), False


class PhoneInline(admin.TabularInline):
    model = RegisteredPhone
    extra = 0


class AccountInline(admin.TabularInline):
    model = BankAccount
    extra = 0
    fields = (
        "number",
        "product_name",
        "balance",
        "internet_banking_registered",
        "failure_count",
        "locked_at",
    )
    readonly_fields = ("failure_count", "locked_at")
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj):
        return False  # accounts are opened on their own page (PIN required)


@admin.register(Customer)
class CustomerAdmin(RrnSearchMixin, LockStateMixin, UserAdmin):
    show_full_result_count = False  # one COUNT per change list, not two
    form = CustomerChangeForm
    add_form = CustomerCreationForm
    list_display = (
        "user_id",
        "name",
        "rrn_masked_display",
        "member",
        "persona_key",
        "failures",
        "locked",
        "is_staff",
        "is_trainer",
    )
    list_filter = (
        "is_staff",
        "is_trainer",
        "is_active",
        ("internet_banking_joined_on", admin.EmptyFieldListFilter),
        ("locked_at", admin.EmptyFieldListFilter),
    )
    search_fields = ("user_id", "name", "name_en", "accounts__number")
    ordering = ("user_id",)
    readonly_fields = (
        "rrn_masked_display",
        "persona_key",
        "failure_count",
        "locked_at",
        "last_login",
        "date_joined",
    )
    inlines = [PhoneInline, AccountInline]
    actions = [unlock_selected, "reset_persona"]
    fieldsets = (
        (None, {"fields": ("user_id", "password")}),
        (
            _("고객 정보"),
            {
                "fields": (
                    "name",
                    "name_en",
                    "rrn_masked_display",
                    "new_rrn",
                    "internet_banking_joined_on",
                    "persona_key",
                )
            },
        ),
        (_("로그인 잠금"), {"fields": ("failure_count", "locked_at")}),
        (
            _("권한"),
            {
                "fields": (
                    "is_active",
                    "is_staff",
                    "is_trainer",
                    "is_superuser",
                    "groups",
                    "user_permissions",
                )
            },
        ),
        (_("기록"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "user_id",
                    "password1",
                    "name",
                    "name_en",
                    "rrn",
                    "internet_banking_joined_on",
                )
            },
        ),
    )

    def get_inlines(self, request, obj):
        return self.inlines if obj else []  # phones and accounts once the customer exists

    @admin.display(description=_("주민등록번호"))
    def rrn_masked_display(self, obj):
        return obj.rrn_masked or "—"

    @admin.display(description=_("인터넷뱅킹"), boolean=True)
    def member(self, obj):
        return obj.is_internet_banking_member

    @admin.action(description=_("선택한 페르소나를 초기 상태로 되돌리기"))
    def reset_persona(self, request, queryset):
        done = 0
        for customer in queryset:
            try:
                persona_reset(customer=customer)
                done += 1
            except PersonaConflict as exc:
                self.message_user(request, str(exc), messages.WARNING)
        if done:
            self.message_user(
                request,
                gettext("페르소나 %(count)d명을 초기 상태로 되돌렸습니다.") % {"count": done},
                messages.SUCCESS,
            )


class TransactionInline(admin.TabularInline):
    model = AccountTransaction
    extra = 0
    can_delete = False
    fields = ("created_at", "amount", "balance_after", "description")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(BankAccount)
class BankAccountAdmin(LockStateMixin, admin.ModelAdmin):
    show_full_result_count = False  # one COUNT per change list, not two
    form = AccountAdminForm
    inlines = [TransactionInline]

    def get_inlines(self, request, obj):
        return self.inlines if obj else []

    list_display = (
        "number",
        "customer",
        "product_name",
        "balance_won",
        "internet_banking_registered",
        "failures",
        "locked",
    )
    list_filter = ("internet_banking_registered", ("locked_at", admin.EmptyFieldListFilter))
    search_fields = ("number", "customer__name", "customer__user_id")
    list_select_related = ("customer",)
    autocomplete_fields = ("customer",)
    readonly_fields = ("failure_count", "locked_at")
    actions = [unlock_selected]

    @admin.display(description=_("잔액"), ordering="balance")
    def balance_won(self, obj):
        return gettext("%(amount)s원") % {"amount": f"{obj.balance:,}"}


@admin.register(SecurityCard)
class SecurityCardAdmin(RrnSearchMixin, LockStateMixin, admin.ModelAdmin):
    rrn_lookup = "customer__rrn_hash"
    form = SecurityCardAdminForm
    list_display = ("serial", "customer", "issued_on", "failures", "locked", "print_link")
    list_filter = (("locked_at", admin.EmptyFieldListFilter),)
    search_fields = ("serial", "customer__name", "customer__user_id")
    list_select_related = ("customer",)
    autocomplete_fields = ("customer",)
    readonly_fields = ("failure_count", "locked_at", "print_link")
    actions = [unlock_selected]

    def get_urls(self):
        return [
            path(
                "<int:pk>/print/",
                self.admin_site.admin_view(self.print_view),
                name="accounts_securitycard_print",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=_("인쇄"))
    def print_link(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:accounts_securitycard_print", args=[obj.pk]),
            _("보안카드 인쇄"),
        )

    def print_view(self, request, pk):
        card = get_object_or_404(SecurityCard.objects.select_related("customer"), pk=pk)
        if not self.has_view_permission(request, card):
            raise PermissionDenied
        codes = card.codes
        rows = [
            [(i + 1, codes[i]) for i in range(start, min(start + 5, len(codes)))]
            for start in range(0, len(codes), 5)
        ]
        context = {
            **self.admin_site.each_context(request),
            "card": card,
            "rows": rows,
            "title": _("보안카드 인쇄"),
        }
        return TemplateResponse(request, "admin/accounts/securitycard/print.html", context)


@admin.register(MobileAuthenticator)
class MobileAuthenticatorAdmin(LockStateMixin, admin.ModelAdmin):
    form = MobileAuthenticatorAdminForm
    list_display = (
        "customer",
        "device_label",
        "installed_version",
        "outdated",
        "status",
        "failures",
        "locked",
    )
    list_filter = ("status", ("locked_at", admin.EmptyFieldListFilter))
    search_fields = ("customer__name", "customer__user_id", "device_label")
    list_select_related = ("customer",)
    autocomplete_fields = ("customer",)
    readonly_fields = ("failure_count", "locked_at")
    actions = [unlock_selected]

    @admin.display(description=_("구버전"), boolean=True)
    def outdated(self, obj):
        return obj.is_outdated


@admin.register(RegisteredPhone)
class RegisteredPhoneAdmin(admin.ModelAdmin):
    list_display = ("number", "label", "customer")
    search_fields = ("number", "customer__name", "customer__user_id")
    list_select_related = ("customer",)
    autocomplete_fields = ("customer",)


@admin.register(CheckCounter)
class CheckCounterAdmin(LockStateMixin, admin.ModelAdmin):
    """사용자 확인 and ARS failures per customer (across sessions); 오류 해제 here."""

    list_display = ("customer", "kind", "failures", "locked")
    list_filter = ("kind", ("locked_at", admin.EmptyFieldListFilter))
    search_fields = ("customer__user_id", "customer__name")
    list_select_related = ("customer",)
    fields = ("customer", "kind", "failure_count", "locked_at")
    readonly_fields = fields
    actions = [unlock_selected]

    def has_add_permission(self, request):
        return False

"""Internet banking: login and logout, 인터넷뱅킹 가입, and 계좌 조회."""

import time

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_POST

from accounts import banking, idle, throttle
from accounts.forms import InternetBankingJoinForm, LoginForm
from accounts.redirects import safe_next
from accounts.services import internet_banking_join
from portal.refusals import Refused, refuse


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def login_view(request):
    form = LoginForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        login(request, form.customer)
        return HttpResponseRedirect(safe_next(request, settings.LOGIN_REDIRECT_URL))
    context = {"form": form, "next": safe_next(request, settings.LOGIN_REDIRECT_URL)}
    return render(request, "accounts/login.html", context)


@require_POST
def logout_view(request):
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)


JOIN_THROTTLE = "banking-join"


@never_cache
@sensitive_post_parameters("rrn_front", "rrn_back", "pin")
def join_view(request):
    """인터넷뱅킹 가입: a customer with an account becomes a member, then logs in."""
    form = InternetBankingJoinForm(request.POST or None)
    joined = None
    client = throttle.client_of(request)
    threshold = settings.LOCK_THRESHOLDS["find_id"]
    if request.method == "POST" and form.is_valid():
        if throttle.attempts(client, JOIN_THROTTLE, threshold).locked:
            form.add_error(None, throttled_message(threshold))
        else:
            data = form.cleaned_data
            try:
                joined = internet_banking_join(
                    name=data["name"], rrn=form.rrn, account_number=data["account_number"],
                    pin=data["pin"],
                )  # fmt: skip
            except Refused as exc:
                if exc.field is None:  # nobody matched: counted for this client
                    throttle.attempt_failed(client, JOIN_THROTTLE, threshold)
                refuse(form, exc)
    return render(request, "accounts/join.html", {"form": form, "joined": joined})


def throttled_message(threshold: int) -> str:
    return _(
        "%(n)d회 일치하지 않아 잠시 이용할 수 없습니다. %(minutes)d분 뒤에 다시 시도하세요."
    ) % {"n": threshold, "minutes": settings.THROTTLE_MINUTES}


@require_POST
def session_extend(request):
    """연장: the idle clock starts again (the countdown's button)."""
    if request.user.is_authenticated:
        idle.touch(request, time.time(), force=True)
    if request.headers.get("HX-Request") == "true":
        return HttpResponse(status=204)
    return HttpResponseRedirect(safe_next(request, settings.LOGIN_REDIRECT_URL))


HISTORY_PAGE_SIZE = 20


@login_required
@never_cache
@require_GET
def accounts_view(request):
    """계좌 조회: the customer's own accounts, balances and one account's 거래내역."""
    accounts = list(banking.customer_accounts(request.user))
    chosen = next((a for a in accounts if a.number == request.GET.get("account")), None)
    chosen = chosen or (accounts[0] if accounts else None)
    history = None
    if chosen is not None:
        paginator = Paginator(banking.account_history(chosen), HISTORY_PAGE_SIZE)
        history = paginator.get_page(request.GET.get("page"))
    context = {
        "accounts": accounts,
        "chosen": chosen,
        "history": history,
        "total": sum(a.balance for a in accounts),
    }
    return render(request, "accounts/accounts.html", context)

"""Internet-banking login: user ID + password, the count shown, lock at 5, unlock."""

import pytest
from django.urls import reverse

from accounts.models import Customer
from tests.factories import CustomerFactory

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def post_login(client, user_id, password, **extra):
    return client.post(LOGIN, {"user_id": user_id, "password": password, **extra})


def test_login_page_in_korean(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "사용자 ID" in page and "비밀번호" in page
    assert "csrfmiddlewaretoken" in page


def test_login_and_logout(client, customer):
    response = post_login(client, customer.user_id, "correct-horse-1!")
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    home = client.get(reverse("portal:home"))
    assert f"{customer.name}님" in home.content.decode()

    assert client.get(reverse("accounts:logout")).status_code == 405  # never by GET
    client.post(reverse("accounts:logout"))
    assert f"{customer.name}님" not in client.get(reverse("portal:home")).content.decode()


def test_wrong_password_shows_the_count(client, customer):
    response = post_login(client, customer.user_id, "wrong")
    assert response.status_code == 200
    assert "비밀번호가 올바르지 않습니다 (1/5회)" in response.content.decode()
    response = post_login(client, customer.user_id, "wrong again")
    assert "(2/5회)" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_even_the_right_password(client, customer):
    for _ in range(4):
        post_login(client, customer.user_id, "wrong")
    response = post_login(client, customer.user_id, "wrong")
    assert "로그인이 잠겼습니다" in response.content.decode()
    response = post_login(client, customer.user_id, "correct-horse-1!")
    assert "로그인이 잠겼습니다" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert Customer.objects.get(pk=customer.pk).is_locked


def test_success_resets_the_count(client, customer):
    post_login(client, customer.user_id, "wrong")
    post_login(client, customer.user_id, "correct-horse-1!")
    customer.refresh_from_db()
    assert customer.failure_count == 0


def test_an_unknown_user_id_reads_exactly_like_a_wrong_password(client, customer):
    known = post_login(client, customer.user_id, "wrong").context["form"].non_field_errors()
    unknown = post_login(client, "nobodyhere", "whatever").context["form"].non_field_errors()
    assert (
        list(known)
        == list(unknown)
        == ["사용자 ID 또는 비밀번호가 올바르지 않습니다 (1/5회). 5회 틀리면 로그인이 잠깁니다."]
    )


def test_an_unknown_user_id_is_counted_and_locks_too(client):
    for _ in range(4):
        post_login(client, "nobodyhere", "whatever")
    page = post_login(client, "nobodyhere", "whatever").content.decode()
    assert "로그인이 잠겼습니다" in page


def test_a_non_member_cannot_log_in_and_is_told_to_join(client):
    outsider = CustomerFactory(internet_banking_joined_on=None, password="pw-outsider-1!")
    response = post_login(client, outsider.user_id, "pw-outsider-1!")
    page = response.content.decode()
    assert "인터넷뱅킹에 가입하지 않은 고객입니다" in page
    assert reverse("accounts:join") in page
    assert "_auth_user_id" not in client.session


def test_empty_fields_get_messages_beside_them(client):
    response = client.post(LOGIN, {"user_id": "", "password": ""})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"user_id", "password"}


def test_inactive_customer_is_refused(client):
    inactive = CustomerFactory(is_active=False, password="pw-inactive-1!")
    response = post_login(client, inactive.user_id, "pw-inactive-1!")
    assert "사용이 중지된 사용자 ID입니다." in response.content.decode()


def test_next_is_followed_only_on_this_site(client, customer):
    response = post_login(client, customer.user_id, "correct-horse-1!", next="/menu/cert-issue/")
    assert response["Location"] == "/menu/cert-issue/"
    client.post(reverse("accounts:logout"))
    response = post_login(
        client, customer.user_id, "correct-horse-1!", next="https://evil.example/"
    )
    assert response["Location"] == reverse("portal:home")


def test_admin_login_uses_the_same_lock(client, superuser):
    for _ in range(5):
        client.post(reverse("admin:login"), {"username": superuser.user_id, "password": "nope"})
    superuser.refresh_from_db()
    assert superuser.is_locked
    client.post(
        reverse("admin:login"), {"username": superuser.user_id, "password": "admin-pass-1!"}
    )
    assert "_auth_user_id" not in client.session


def test_password_never_in_the_page(client, customer):
    response = post_login(client, customer.user_id, "wrong-secret-xyz")
    assert "wrong-secret-xyz" not in response.content.decode()


def test_behind_a_trusted_load_balancer_the_client_is_the_forwarded_address(rf, settings):
    from accounts.throttle import client_address

    forwarded = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.7")
    settings.TRUSTED_PROXIES = []
    assert client_address(forwarded) == "127.0.0.1"  # nobody trusted: a header is not proof
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert client_address(forwarded) == "10.0.0.7"  # the address the balancer saw
    assert client_address(rf.get("/", REMOTE_ADDR="192.168.0.9")) == "192.168.0.9"


@pytest.mark.parametrize("where", ["query", "form"])
@pytest.mark.parametrize("target", ["on", "accounts", "//evil.example/", "/\\evil.example"])
def test_a_next_that_is_no_path_of_this_site_goes_home(client, customer, where, target):
    """``?next=on`` (a bare word) once reached ``redirect("on")``: NoReverseMatch, a 500."""
    url, extra = (f"{LOGIN}?next={target}", {}) if where == "query" else (LOGIN, {"next": target})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"user_id": customer.user_id, "password": "correct-horse-1!", **extra}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")

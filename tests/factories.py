"""factory-boy factories, one per model. Fictitious data only."""

import factory
from factory.django import DjangoModelFactory

from accounts.models import (
    BankAccount,
    Customer,
    MobileAuthenticator,
    RegisteredPhone,
    SecurityCard,
)
from accounts.rrn import legacy_check_digit


def fictitious_rrn(n: int) -> str:
    """A well-formed 주민등록번호 whose last digit fails the legacy check digit."""
    front = f"9{n % 10}0{(n % 9) + 1}1{(n % 9) + 1}"  # e.g. 9x0y1y: a valid 1990s date
    body = f"{front}1{n % 1_000_000:05d}"[:12]
    last = (legacy_check_digit(body + "0") + 1) % 10
    return f"{body[:6]}-{body[6:]}{last}"


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer
        skip_postgeneration_save = True

    user_id = factory.Sequence(lambda n: f"learner{n:04d}")
    name = factory.Sequence(lambda n: f"학습자{n}")
    name_en = factory.Sequence(lambda n: f"LEARNER {n}")
    internet_banking_joined_on = factory.Faker("date_between", start_date="-5y", end_date="-1d")
    rrn = factory.Sequence(fictitious_rrn)

    @classmethod
    def _create(cls, model_class, *args, rrn=None, password="practice-pw-1!", **kwargs):
        customer = model_class(**kwargs)
        if rrn:
            customer.set_rrn(rrn)
        customer.set_password(password)
        customer.save()
        return customer

    @classmethod
    def _build(cls, model_class, *args, rrn=None, password="practice-pw-1!", **kwargs):
        customer = model_class(**kwargs)
        if rrn:
            customer.set_rrn(rrn)
        customer.set_password(password)
        return customer


class RegisteredPhoneFactory(DjangoModelFactory):
    class Meta:
        model = RegisteredPhone

    customer = factory.SubFactory(CustomerFactory)
    number = factory.Sequence(lambda n: f"010-3{n % 1000:03d}-{n % 10000:04d}")


class BankAccountFactory(DjangoModelFactory):
    class Meta:
        model = BankAccount
        skip_postgeneration_save = True

    customer = factory.SubFactory(CustomerFactory)
    number = factory.Sequence(lambda n: f"220301-01-{n % 1_000_000:06d}")
    product_name = "모의 입출금통장"
    balance = 1_000_000
    pin = "1234"

    @classmethod
    def _create(cls, model_class, *args, pin="1234", **kwargs):
        account = model_class(**kwargs)
        account.set_pin(pin)
        account.save()
        return account


class SecurityCardFactory(DjangoModelFactory):
    class Meta:
        model = SecurityCard

    customer = factory.SubFactory(CustomerFactory)
    serial = factory.Sequence(lambda n: f"8{n % 1_000_000_000:09d}")
    codes = factory.LazyFunction(SecurityCard.generate_codes)

    @classmethod
    def _create(cls, model_class, *args, codes=(), **kwargs):
        card = model_class(**kwargs)
        card.set_codes(list(codes))
        card.save()
        return card


class MobileAuthenticatorFactory(DjangoModelFactory):
    class Meta:
        model = MobileAuthenticator

    customer = factory.SubFactory(CustomerFactory)
    device_label = "모의 스마트폰"
    installed_version = "5.2.0"
    pin = "123456"

    @classmethod
    def _create(cls, model_class, *args, pin="123456", **kwargs):
        app = model_class(**kwargs)
        app.set_pin(pin)
        app.save()
        return app

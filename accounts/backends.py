"""Authentication that counts wrong passwords and locks at the threshold.

Used by the internet-banking login and the admin login alike, so a locked
customer is locked everywhere.
"""

from django.contrib.auth.backends import ModelBackend

from accounts.models import Customer
from accounts.services import customer_password_verify


class LockingModelBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(Customer.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            customer = Customer.objects.get(user_id=username)
        except Customer.DoesNotExist:
            # Hash anyway so an unknown ID takes as long as a known one.
            Customer().set_password(password)
            return None
        result = customer_password_verify(customer=customer, password=password)
        if result.ok and self.user_can_authenticate(customer):
            return customer
        return None

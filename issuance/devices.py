"""Which customers' certificates this browser's virtual PC and phone hold.

The virtual devices are the learner's browser: they hold the copies of the
customer logged in here and of every customer who saved a certificate in this
browser (kept in its Django session). Every area that lists or uses a copy asks
here, and checks a posted copy against this list on the server.
"""

DEVICE_KEY = "device_customers"


def device_customer_ids(request) -> list[int]:
    ids = list(request.session.get(DEVICE_KEY, []))
    if request.user.is_authenticated and request.user.pk not in ids:
        ids.append(request.user.pk)
    return ids


def remember_device_customer(request, customer_id: int) -> None:
    """A certificate was saved in this browser: its devices now hold that customer's copies."""
    ids = list(request.session.get(DEVICE_KEY, []))
    if customer_id not in ids:
        request.session[DEVICE_KEY] = [*ids, customer_id]

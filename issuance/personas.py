"""A fixed persona put back exactly as its handout says: the customer and their media
(``accounts.services.persona_apply``), their certificates (only the one the handout
gives), no flow, 이체 or phone request left open. Used by ``seed_personas --reset`` and the demo's
scheduled reset."""

import contextlib

from accounts.personas import Persona
from accounts.services import persona_apply
from issuance.ca.authority import CaNotInitialized
from issuance.ca.personas import persona_certificates_give
from issuance.ca.revocation import certificates_discard
from issuance.flow.services import sessions_end
from issuance.models import PhoneRequest, Transfer


def persona_restore(*, persona: Persona):
    customer = persona_apply(persona=persona)
    sessions_end(customer_ids=[customer.pk])
    Transfer.objects.filter(customer=customer).delete()
    PhoneRequest.objects.filter(customer=customer).delete()
    certificates_discard(customer_ids=[customer.pk])
    with contextlib.suppress(CaNotInitialized):  # no CA yet: seed_personas says so
        persona_certificates_give(customer=customer, persona=persona)
    return customer

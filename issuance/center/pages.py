"""What the centre's views share: the storage medium a page shows and the learner's
own copy named in a URL (a view helper two views modules need is not a view)."""

from django.shortcuts import get_object_or_404

from issuance.devices import device_customer_ids
from issuance.models import CertificateCopy, StorageMedium


def medium_of(request) -> str:
    """The medium asked for (?medium= or the form's), else the hard disk."""
    medium = request.GET.get("medium") or request.POST.get("medium") or StorageMedium.HARD_DISK
    return medium if medium in StorageMedium.values else StorageMedium.HARD_DISK


def own_copy(request, pk) -> CertificateCopy:
    """A copy on this browser's virtual devices, or 404 (never anyone else's)."""
    customers = device_customer_ids(request)
    return get_object_or_404(
        CertificateCopy.objects.select_related("certificate__customer", "certificate__issuer"),
        pk=pk,
        certificate__customer_id__in=customers,
    )

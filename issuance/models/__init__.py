"""The models of the one ``issuance`` app, one module per area (ca, flow, center, transfer);
everything is importable from ``issuance.models`` as Django expects."""

from issuance.choices import (
    MEDIA,
    CertificateProduct,
    CertificateStatus,
    CertificateType,
    Device,
    IssuanceStep,
    RevocationReason,
    StorageMedium,
)
from issuance.models.ca import (
    Certificate,
    CertificateAuthority,
    CertificateCopy,
    DailySequence,
    RevocationList,
)
from issuance.models.center import (
    CenterEvent,
    CertificateRegistration,
    CloudDevice,
    PhoneRequest,
    SecurityToken,
)
from issuance.models.drills import Drill, DrillRun
from issuance.models.flow import IssuanceEvent, IssuanceSession, Scenario
from issuance.models.transfer import Transfer

__all__ = [
    "MEDIA",
    "CenterEvent",
    "Certificate",
    "CertificateAuthority",
    "CertificateCopy",
    "CertificateProduct",
    "CertificateRegistration",
    "CertificateStatus",
    "CertificateType",
    "CloudDevice",
    "DailySequence",
    "Device",
    "Drill",
    "DrillRun",
    "IssuanceEvent",
    "IssuanceSession",
    "IssuanceStep",
    "PhoneRequest",
    "RevocationList",
    "RevocationReason",
    "Scenario",
    "SecurityToken",
    "StorageMedium",
    "Transfer",
]

"""The simulated CA's Django side: issue, revoke, publish the CRL, keep copies;
the OCSP / CRL / CA-certificate endpoints; the warm CA cache.

The lowest area of ``issuance``: it imports none of flow, center or phone, which
all build on it. The cryptography itself is ``issuance.pki`` (no Django).
"""

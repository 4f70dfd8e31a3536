"""The simulated NPKI: CA, personal certificate profile, key files, VID, CRL, OCSP.

Pure Python on top of `cryptography`, with no Django import, so it can be
tested and reused on its own. See docs/NPKI.md for the formats it follows.
"""

from issuance.pki.ca import (
    KST,
    CertificateAuthority,
    create_issuing_ca,
    create_root_ca,
    encrypt_ca_key,
    load_ca,
    load_ca_key,
    new_rsa_key,
)
from issuance.pki.crl import RevokedEntry, build_crl
from issuance.pki.errors import (
    DamagedKeyFileError,
    PkiError,
    SeedUnavailableError,
    WrongPasswordError,
)
from issuance.pki.export import npki_paths, npki_zip, pem, pkcs12
from issuance.pki.keyfile import (
    KeyFileContents,
    change_key_file_password,
    key_matches_certificate,
    new_random_num,
    read_key_file,
    write_key_file,
)
from issuance.pki.ocsp import (
    MalformedOcspRequest,
    OcspQuery,
    build_response,
    decode_get_request,
    issued_by,
    parse_request,
    unsuccessful_response,
)
from issuance.pki.password_rules import RULES as PASSWORD_RULES
from issuance.pki.password_rules import password_problems
from issuance.pki.profile import (
    POLICIES,
    CertificatePolicy,
    Endpoints,
    build_user_certificate,
    certificate_policy,
    dn_folder_name,
    policy_for_oid,
    resign_user_certificate,
    validity,
    years_after,
)
from issuance.pki.signature import (
    SIGNATURE_ALGORITHM,
    OcspAnswer,
    OcspAnswerInvalid,
    digest_hex,
    ocsp_request,
    read_ocsp_response,
    sign,
    signature_valid,
)
from issuance.pki.vid import CertificateVid, compute_vid, vid_from_certificate, vid_matches

__all__ = [
    "KST",
    "PASSWORD_RULES",
    "POLICIES",
    "SIGNATURE_ALGORITHM",
    "CertificateAuthority",
    "CertificatePolicy",
    "CertificateVid",
    "DamagedKeyFileError",
    "Endpoints",
    "KeyFileContents",
    "MalformedOcspRequest",
    "OcspAnswer",
    "OcspAnswerInvalid",
    "OcspQuery",
    "PkiError",
    "RevokedEntry",
    "SeedUnavailableError",
    "WrongPasswordError",
    "build_crl",
    "build_response",
    "build_user_certificate",
    "certificate_policy",
    "change_key_file_password",
    "compute_vid",
    "create_issuing_ca",
    "create_root_ca",
    "decode_get_request",
    "digest_hex",
    "dn_folder_name",
    "encrypt_ca_key",
    "issued_by",
    "key_matches_certificate",
    "load_ca",
    "load_ca_key",
    "new_random_num",
    "new_rsa_key",
    "npki_paths",
    "npki_zip",
    "ocsp_request",
    "parse_request",
    "password_problems",
    "pem",
    "pkcs12",
    "policy_for_oid",
    "read_key_file",
    "read_ocsp_response",
    "resign_user_certificate",
    "sign",
    "signature_valid",
    "unsuccessful_response",
    "validity",
    "vid_from_certificate",
    "vid_matches",
    "write_key_file",
    "years_after",
]

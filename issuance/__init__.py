"""The issuance flow, certificates and the simulated CA (see issuance/pki/)."""

"""The issuance flow's pages, one module per part (none imports another)."""

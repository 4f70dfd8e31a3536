"""The certificate centre's pages, one module per part (none imports another)."""

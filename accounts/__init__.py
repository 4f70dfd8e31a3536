"""Customers (the custom user model), bank accounts, security media, personas, login."""

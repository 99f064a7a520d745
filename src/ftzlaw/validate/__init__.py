"""Validation: the official OASIS Akoma Ntoso 3.0 schema plus PRC profile rules."""

"""Manage case reviews: statutory child safeguarding case reviews for safeguarding partnerships."""

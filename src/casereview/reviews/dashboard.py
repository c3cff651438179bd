"""Home page panels for reviews: those past their six months, with the reason for the delay."""

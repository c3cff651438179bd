"""Home page panels for actions."""

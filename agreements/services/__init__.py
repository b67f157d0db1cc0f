"""Every write and state change to agreements, one module per concern."""

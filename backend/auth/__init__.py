"""Sign-in: registration, login, refresh-token rotation, logout, the current user."""

"""`WS /v1/events`: who may subscribe to a workspace's events, and the open connections.

Above the domains (it asks auth and iam who is connecting); the event stream it serves,
``backend.events``, sits below them, so every domain can record events."""

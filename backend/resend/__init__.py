"""How every outbox kind re-sends: the backoff between sends and the dead state after the last.

Below the domains (jobs, publishing, webhooks, accounts use it) and below ``backend.outbox``,
which knows every kind and so sits above them."""

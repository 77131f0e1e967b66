"""One outbox for every message the app sends to its workers: jobs, publications, webhook
deliveries, notification subscriptions. Each kind's rows say how often their message was sent
again, when to send it next (bounded, jittered exponential backoff) and when it was given up."""

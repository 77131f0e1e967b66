"""The AI health worker: the model's reasoning over the deterministic findings of
``backend.health``, its providers, costs and caps, and the run as a task drives it."""

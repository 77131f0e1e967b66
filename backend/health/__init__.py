"""AI health: deterministic findings from telemetry, alerts and stored errors, a model's reasoning
over them (in workers/health), and the runs that keep both (docs/ai-health.md)."""

"""Alerts: the rules read each telemetry snapshot, open an alert while a condition holds and
resolve it when it clears; an optional signed webhook hears of each opening and resolving."""

"""Campaigns: target accounts, slots or cadence, and the planner that fills them."""

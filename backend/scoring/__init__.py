"""Clip scores learnt per workspace and platform from the workspace's own published results."""

"""Linking across reports: dated events, timelines and cited policy documents."""

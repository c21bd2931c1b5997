"""Tests of the five course plugins working together on the shared core."""

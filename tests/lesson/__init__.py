"""Tests of lesson 14-2 and the course-lessons plugin."""

"""Lesson pages: the lesson header (front matter) and symbol definitions ("where" lists)."""

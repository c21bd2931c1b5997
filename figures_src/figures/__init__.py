"""The figure and table scripts; catalog.yml says which outputs each one writes."""

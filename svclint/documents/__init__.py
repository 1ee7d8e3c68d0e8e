"""Readers: turn a file into units of prose whose text maps back to the file."""

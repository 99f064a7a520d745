"""Diff: align articles of two versions, character-level edits, change sets, reports."""

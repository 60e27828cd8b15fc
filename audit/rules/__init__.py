"""Audit rules, one small unit each, registered with `audit.registry.rule`.

Modules: arithmetic (A1xx), narrative (N2xx), rubric (R3xx), cross (X4xx), completeness (C5xx).
Modules whose name starts with an underscore hold shared helpers and register nothing.
"""

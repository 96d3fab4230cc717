"""Cleanup audits (清理): per-document audit reasons, proposed outcomes, the parallel resumable
run and the workbook staff decide in; ``api.Audits`` is the library API the CLI calls.

Data flows one way: law base + citation index (reviewer.laws) → checks (reasons) → outcome →
audit_results → workbook → decisions → document statuses and the published lists.
"""
